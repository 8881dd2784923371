#!/usr/bin/env python3
"""Builds the Plymouth demo plan (plan.toml, indicators.csv, actions.csv, evidence.csv) for
`wallboard-publish build` from the extracted Plymouth data in <repo>/../shared/data/plymouth
and the plan text in <repo>/../shared/seeds/000_ac78c86bae6bdc52.txt.

The output is what a performance team would save from Excel: values written as the plan prints
them ("64.1%", "189.2r", "1,147"), placeholder texts in the first month of a row's range, and
indicators.csv as Excel's "CSV UTF-8" (byte-order mark, CRLF). Python 3 standard library only.

Run from anywhere:  python3 config/demo/plymouth/make_demo.py
The generated files are committed; this script documents how they were made.
"""

import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]  # config/demo/plymouth -> repo root
SHARED = REPO.parent / "shared"
DATA = SHARED / "data" / "plymouth"
SEED = SHARED / "seeds" / "000_ac78c86bae6bdc52.txt"

MONTHS = ["Aug-22", "Sep-22", "Oct-22", "Nov-22", "Dec-22", "Jan-23", "Feb-23", "Mar-23"]
# The auditing section (55-58) is printed against Aug-22..Jan-23; every other section Oct-22..Mar-23.
AUDITING_IDS = {"55", "56", "57", "58"}

# [indicators] placeholders: the texts the plan prints instead of a number (DOMAIN.md §2.13).
PLACEHOLDERS = [
    "Report development required",
    "Not available",
    "Quality Assurance Framework re-developed \u2013 reporting due Apr",
]

# Plymouth's own key, least complete first (DOMAIN.md §3, word for word).
RAG = [
    ("R", "Red", "#C0392B", "Task is overdue", False),
    ("A", "Amber", "#E67E22", "Task is in progress", False),
    ("E", "Amber E (yellow)", "#F1C40F", "Task implemented but impact not yet evidenced", True),
    ("G", "Green", "#27AE60",
     "Task implemented and evidence (audit and quant) demonstrates embedded change", True),
]

TEAMS = [
    ("front-door", "Front Door / MASH"),
    ("initial-response", "Initial Response Team"),
    ("childrens-social-work", "Children's Social Work"),
    ("permanency", "Permanency Service"),
    ("care-leavers", "Care Leavers Service"),
    ("disability", "Children with Disabilities"),
    ("fostering", "Fostering Service"),
    ("qa-safeguarding", "Quality Assurance and Safeguarding"),
    ("early-help", "Early Help / Targeted Support"),
    ("virtual-school", "Virtual School"),
    ("cic-health", "Children in Care Health"),
    ("workforce", "Workforce"),
    ("service-wide", "Service-wide"),
]
TEAM_IDS = {t for t, _ in TEAMS}

# One team dashboard per team the board's users asked for, then the Improvement Board overview.
TEAM_DASHBOARDS = ["front-door", "initial-response", "childrens-social-work", "permanency",
                   "care-leavers", "disability", "fostering", "qa-safeguarding"]

# indicators.csv `team` column (DOMAIN.md §6) -> team ids. Unknown text stops the script.
INDICATOR_TEAM = {
    "Early Help / Front Door": "early-help;front-door",
    "Early Help": "early-help",
    "Early Help; Children's Social Work": "early-help;childrens-social-work",
    "MASH": "front-door",
    "MASH / Adolescent Safety (ASF) Hub": "front-door",
    "Initial Response Team": "initial-response",
    "Initial Response Team; MASH": "initial-response;front-door",
    "Initial Response Team; Children's Social Work": "initial-response;childrens-social-work",
    "Children's Social Work": "childrens-social-work",
    "Children's Social Work; QA & Safeguarding": "childrens-social-work;qa-safeguarding",
    "QA & Safeguarding; Children's Social Work": "qa-safeguarding;childrens-social-work",
    "QA & Safeguarding": "qa-safeguarding",
    "QA & Safeguarding (audit)": "qa-safeguarding",
    "Service-wide (Children's Social Care)": "service-wide",
    # DOMAIN.md §6 puts 59 (caseloads), 66 and 67 (turnover, vacancies) under Workforce / HR too.
    "Service-wide (social work teams)": "service-wide;workforce",
    "Service-wide (workforce)": "service-wide;workforce",
    "Permanency Service": "permanency",
    "Permanency Service; Care Leavers Service": "permanency;care-leavers",
    "Care Leavers Service": "care-leavers",
    "Fostering Service": "fostering",
    "Children's Disability Team": "disability",
    "Children in Care health (action 4.7: All HOS)": "cic-health",
    "Virtual School": "virtual-school",
}

# Action id (ref, or ref + letter in document order) -> team ids, from DOMAIN.md §6
# ("team / service" table) and the row's lead. Rows the table does not list are marked *inferred*.
ACTION_TEAMS = {
    "1.1a": "service-wide;childrens-social-work",  # retention payments in CSW (evidence)
    "1.1b": "service-wide",
    "1.2": "service-wide",
    "1.3": "service-wide",
    "1.4": "service-wide",
    "1.5": "service-wide",
    "1.6": "service-wide;disability",  # "re-positioning of CDT"
    "2.1a": "early-help",
    "2.1b": "early-help",
    "2.2": "early-help",
    "2.3": "early-help",
    "2.4": "front-door",
    "2.5": "front-door;early-help",  # HOS Front Door / HOS Targeted Support
    "2.6a": "front-door",
    "2.6b": "front-door",
    "2.6c": "front-door",
    "2.7a": "front-door",
    "2.7b": "front-door",
    "2.8a": "front-door",
    "2.8b": "front-door",
    "2.9": "front-door",
    "2.10": "front-door",
    "3.1": "service-wide",  # PIL / Academy practice standards
    "3.2": "service-wide",  # practice approach, Social Work Academy
    "3.3a": "front-door;qa-safeguarding",  # strategy meetings in the MASH
    "3.3b": "qa-safeguarding",  # ICPC timescales, QAS operating model
    "3.3c": "qa-safeguarding",  # CP chairs, QA development
    "3.3d": "qa-safeguarding;childrens-social-work",  # "QA's by SM for CSW and QAS"
    "3.4": "childrens-social-work",  # Service Manager CSW
    "3.5": "qa-safeguarding;service-wide",  # QA Lead; supervision across all teams
    "3.6": "service-wide",
    "3.7a": "childrens-social-work;service-wide",  # *inferred*: assessments, social workers deliver
    "3.7b": "childrens-social-work;service-wide",  # *inferred*
    "3.8": "qa-safeguarding",  # QA Lead, CP Chairs, IROs
    "3.9": "front-door",  # DASV triage in the MASH
    "3.10": "service-wide",  # PSCP and Academy
    "3.11a": "front-door",  # ASF Hub in the MASH
    "3.11b": "front-door",
    "4.1": "early-help;permanency",  # Edge of Care; HOS Targeted Support
    "4.2": "permanency;disability",  # HOS Permanence; CDT named in the action
    "4.3": "fostering;disability",  # In House Fostering; CDT cases out of area
    "4.4": "permanency",
    "4.5": "fostering;permanency",  # HoS Permanence and Fostering
    "4.6": "permanency;care-leavers;virtual-school",
    "4.7a": "cic-health",
    "4.7b": "cic-health",
    "5.0": "qa-safeguarding",
    "5.1": "qa-safeguarding",
    "5.2": "qa-safeguarding;service-wide",  # SD: performance reporting framework
    "5.3a": "qa-safeguarding",
    "5.3b": "qa-safeguarding",
    "5.4": "qa-safeguarding",
    "6.1a": "workforce;childrens-social-work",  # Assistant Social Worker role in CSW
    "6.1b": "workforce",
    "6.2": "workforce",  # PIL / PSW / Academy
}

# The two rows answering Ofsted's "PRIORITY ACTION"s (DOMAIN.md §8.15).
PRIORITY_ACTION_REFS = {"2.6", "3.3"}

DATE_RE = re.compile(r"(\()?(?:w/c )?(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(\))?")


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path, header, rows, bom):
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)


def toml_str(s):
    # A JSON string is a valid TOML basic string (same escapes); keep non-ASCII as is.
    return json.dumps(s, ensure_ascii=False)


def iso(d, m, y):
    y = int(y)
    if y < 100:
        y += 2000
    return f"{y:04d}-{int(m):02d}-{int(d):02d}"


# ---------------------------------------------------------------------------------------------
# Priorities

def priority_statements():
    """Each 'Priority N – Title' heading in the action plan is followed by its one-line statement."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    out = {}
    for i, line in enumerate(lines):
        m = re.match(r"^Priority ([1-6]) \u2013 ", line)
        if not m or m.group(1) in out:
            continue
        for nxt in lines[i + 1:i + 4]:
            text = nxt.strip()
            if text:
                if not text.startswith("Ref No."):
                    out[m.group(1)] = text
                break
    return out


# [indicators] short names: what a tile shows, read from across the room (the plan prints only the
# full names, which cut before the team on a tile: 60-65 all began "Percentage of Case Supervision's").
SHORT_NAMES = {
    "1": 'Early Help referrals',
    "2": 'EH assessments in 15 days',
    "3": 'EH closures referred to CSC',
    "4": 'Stepped down to Early Help',
    "6": 'Repeat contacts',
    "7": 'Contact decisions in 24 hours',
    "9": 'Referrals leading to NFA',
    "10": 'Re-referrals in 12 months',
    "11": 'Assessments leading to closure',
    "12": 'Assessments in 45 days (YTD)',
    "13": 'Strategy discussions in 1 day',
    "14": 'Strategy discussions to S47',
    "15": 'S47s to child protection conference',
    "16": 'IRT audits good or better',
    "17": 'IRT audits inadequate',
    "18": 'Children in Need rate',
    "19": 'Child Protection Plan rate',
    "20": 'Children in Care rate',
    "21": 'Assessments in 45 days',
    "22": 'Assessments in 45 days (YTD)',
    "23": 'Children seen in assessment',
    "24": 'Initial conferences in 15 days',
    "25": 'Repeat CP plans in 2 years',
    "26": 'CP plans open 2+ years',
    "27": 'Children missing',
    "28": 'Safer Me assessments',
    "29": 'PLO within 16 weeks',
    "30": 'Admissions to care',
    "31": 'Discharges from care',
    "32": 'Unregistered placements – under 16',
    "33": 'Unregistered placements – 16+',
    "34": 'Residential placements',
    "35": 'Unplanned admissions to care',
    "36": 'Discharges to SGO',
    "37": 'SGOs in place',
    "38": 'In-house foster carers',
    "39": 'Short-term stability',
    "40": 'Long-term stability',
    "41": 'Health checks up to date',
    "42": 'Dental checks up to date',
    "43": 'Optical checks up to date',
    "44": 'Immunisations up to date',
    "45": 'School attendance',
    "46": 'No school placement',
    "47": 'Fixed term exclusions',
    "48": 'Permanent exclusions',
    "49": 'Care leavers in EET',
    "50": 'Care leavers suitably housed',
    "51": 'CP plan reviews on time',
    "52": 'CIC reviews on time',
    "53": 'Resolution and escalation forms',
    "54": 'Escalations in timescale',
    "55": 'Audits completed',
    "56": 'Audits in timescale',
    "57": 'Audits good or better',
    "58": 'Audits inadequate',
    "59": 'Social workers with 20+ children',
    "60": 'Supervision in time – Initial Response',
    "61": "Supervision in time – Children's Social Work",
    "62": 'Supervision in time – Permanency',
    "63": 'Supervision in time – Care Leavers',
    "64": 'Supervision in time – Disability',
    "65": 'Supervision in time – Fostering',
    "66": 'Social worker turnover',
    "67": 'Social worker vacancies',
}

# ---------------------------------------------------------------------------------------------
# indicators.csv

def format_value(raw, unit, ind_id):
    if raw == "":
        return ""
    if unit == "percent":
        return raw + "%"
    if unit == "rate_per_10k":
        return raw + "r"
    if unit in ("count", "days"):
        if not re.fullmatch(r"\d+", raw):
            sys.exit(f"indicator {ind_id}: count value {raw!r} is not a whole number")
        return f"{int(raw):,}"
    sys.exit(f"indicator {ind_id}: unknown unit {unit!r}")


def build_indicators(rows):
    header = ["id", "section", "name", "short_name", "unit", "measure", "polarity", "target", "comparators",
              "mtfp", "flags", "teams"] + MONTHS + ["note"]
    out = []
    for r in rows:
        i = r["id"]
        if r["team"] not in INDICATOR_TEAM:
            sys.exit(f"indicator {i}: no team mapping for {r['team']!r}")
        cells = {m: format_value(r[m], r["unit"], i) for m in MONTHS}
        first = "Aug-22" if i in AUDITING_IDS else "Oct-22"
        note = r["note"]
        for p in PLACEHOLDERS:
            if note.startswith(p):
                if any(cells.values()):
                    sys.exit(f"indicator {i}: placeholder row has values")
                cells[first] = p
        m = re.match(r"^(\w{3}-\d{2}): (Not available)", note)  # 29: "Oct-22: Not available"
        if m:
            if cells[m.group(1)]:
                sys.exit(f"indicator {i}: {m.group(1)} already has a value")
            cells[m.group(1)] = m.group(2)
        flags = []
        if r["is_new"] == "true":
            flags.append("NEW")
        if i == "36":
            flags.append("R12M")
        out.append([i, r["section"], r["name"], SHORT_NAMES.get(i, ""), r["unit"], r["measure"], r["polarity"],
                    r["target_label"], "", r["mtfp_link"], ";".join(flags), INDICATOR_TEAM[r["team"]]]
                   + [cells[m] for m in MONTHS] + [note])
    return header, out


# ---------------------------------------------------------------------------------------------
# actions.csv and evidence.csv

def action_ids(refs):
    counts = {}
    for ref in refs:
        counts[ref] = counts.get(ref, 0) + 1
    seen = {}
    ids = []
    for ref in refs:
        if counts[ref] == 1:
            ids.append(ref)
        else:
            seen[ref] = seen.get(ref, 0) + 1
            ids.append(ref + "abcdefghij"[seen[ref] - 1])
    return ids


def inspection_refs(outcome):
    """The parenthesised Focused Visit references in a desired outcome, one per parenthesis.
    Refs are kept as printed ("para 13; 16; 17 FDFV"); the publisher separates refs with '|'."""
    refs, keys = [], set()
    for inner in re.findall(r"\(([^()]*)\)", outcome):
        if not re.search(r"\bpara\b|FDFV|PRIORITY ACTION", inner):
            continue  # "(PLO)", "(NEET)", "(IROs)" are abbreviations, not references
        text = inner.strip().strip(" ,;")
        key = re.sub(r"[^a-z0-9]", "", text.lower())
        if key not in keys:
            keys.add(key)
            refs.append(text)
    return refs


def due(r):
    text, date = r["due_text"], r["due_date"]
    if "Ongoing" in text:
        return "ongoing"
    if date:
        return date
    if text in ("Immediate", "Immediately"):
        return "immediate"
    if text:
        sys.exit(f"action {r['ref']}: due text {text!r} has no date")
    return ""


def split_evidence(text):
    """Splits an evidence cell at its inline d/m/yy dates: a dated note runs from the end of the
    previous dated note to the end of the sentence holding the date. What is left is one undated
    note. Text is kept verbatim; only the whitespace at the cut points is dropped."""
    notes, undated, pos = [], [], 0
    for m in DATE_RE.finditer(text):
        if m.start() < pos:
            continue
        end = m.end()
        paren = m.group(1) and m.group(5)
        after = re.match(r"\.?(?=\s+[A-Z]|\s*$)", text[end:])
        if paren and after:
            end += after.end()  # "(1/3/23). Next ..." or "(1/3/23) Next ..."
        else:
            stop = re.search(r"\.(?=\s|$)", text[end:])
            end = end + stop.end() if stop else len(text)
        chunk = text[pos:end].strip()
        if chunk:
            notes.append((iso(m.group(2), m.group(3), m.group(4)), chunk))
        pos = end
    rest = text[pos:].strip()
    if rest:
        undated.append(rest)
    if undated:
        notes.append(("", " ".join(undated)))
    return notes


def build_actions(short, full):
    ids = action_ids([r["ref"] for r in short])
    header = ["ref", "priority", "outcome", "action", "lead", "teams", "due", "due_text", "rag",
              "inspection_refs", "priority_action"]
    rows, evidence = [], []
    for aid, s, f in zip(ids, short, full):
        if s["ref"] != f["ref"]:
            sys.exit(f"actions.csv and actions_fulltext.csv disagree at {s['ref']} / {f['ref']}")
        if aid not in ACTION_TEAMS:
            sys.exit(f"action {aid}: no team mapping")
        rows.append([s["ref"], s["priority_no"], f["desired_outcome"], f["actions"], s["lead"],
                     ACTION_TEAMS[aid], due(s), s["due_text"], s["rag"],
                     " | ".join(inspection_refs(f["desired_outcome"])),
                     "yes" if s["ref"] in PRIORITY_ACTION_REFS else ""])
        for date, note in split_evidence(f["evidence_of_progress"]):
            evidence.append([aid, date, note])
    unused = set(ACTION_TEAMS) - set(ids)
    if unused:
        sys.exit(f"team mapping for unknown actions: {sorted(unused)}")
    return header, rows, ["action", "date", "note"], evidence


# ---------------------------------------------------------------------------------------------
# plan.toml

def build_plan(priorities):
    stmts = priority_statements()
    L = [
        "# Plymouth Children, Young People and Families Improvement Plan (2023), for the demo board.",
        "# Generated by make_demo.py from ../shared/data/plymouth and the plan text; do not edit by hand.",
        "",
        "[plan]",
        'id = "plymouth-2023"',
        'authority = "Plymouth City Council"',
        'title = "Plymouth Children, Young People and Families Improvement Plan"',
        "as_of = 2023-04-17   # evidence notes run to w/c 17/4/23",
        "start = 2023-02-24   # Priority Action Plan submitted to Ofsted (24/2/23)",
        "",
        "[indicators]",
        "placeholders = [",
    ]
    L += [f"    {toml_str(p)}," for p in PLACEHOLDERS]
    L += ["]", "", "# Plymouth's Task Rating Key, least complete first."]
    for code, label, colour, definition, done in RAG:
        L += ["", "[[rag]]", f"code = {toml_str(code)}", f"label = {toml_str(label)}",
              f"colour = {toml_str(colour)}", f"definition = {toml_str(definition)}",
              f"done = {'true' if done else 'false'}"]
    for pid, title in priorities:
        L += ["", "[[priorities]]", f"id = {toml_str(pid)}", f"title = {toml_str(title)}"]
        if pid in stmts:
            L.append(f"statement = {toml_str(stmts[pid])}")
    for tid, name in TEAMS:
        L += ["", "[[teams]]", f"id = {toml_str(tid)}", f"name = {toml_str(name)}"]
    names = dict(TEAMS)
    for tid in TEAM_DASHBOARDS:
        L += ["", "[[dashboards]]", f"id = {toml_str(tid)}", f"title = {toml_str(names[tid])}",
              'kind = "team"', f"teams = [{toml_str(tid)}]"]
    L += ["", "[[dashboards]]", 'id = "improvement-board"', 'title = "Improvement Board overview"',
          'kind = "overview"', ""]
    return "\n".join(L)


def main():
    ind = read_csv(DATA / "indicators.csv")
    short = read_csv(DATA / "actions.csv")
    full = read_csv(DATA / "actions_fulltext.csv")

    ih, irows = build_indicators(ind)
    ah, arows, eh, erows = build_actions(short, full)
    priorities = []
    for r in short:
        if (r["priority_no"], r["priority_title"]) not in priorities:
            priorities.append((r["priority_no"], r["priority_title"]))

    for row in irows:
        assert all(t in TEAM_IDS for t in row[ih.index("teams")].split(";")), row[0]
    for row in arows:
        assert all(t in TEAM_IDS for t in row[5].split(";")), row[0]

    (HERE / "plan.toml").write_text(build_plan(priorities), encoding="utf-8", newline="\n")
    write_csv(HERE / "indicators.csv", ih, irows, bom=True)
    write_csv(HERE / "actions.csv", ah, arows, bom=True)
    write_csv(HERE / "evidence.csv", eh, erows, bom=True)
    print(f"indicators {len(irows)}, actions {len(arows)}, evidence notes {len(erows)}")
    write_previous(ih, irows, ah, arows, eh, erows, build_plan(priorities))


# The plan a month earlier, for the demo of "What changed since": the same table without its last month
# (Mar-23) and the evidence notes dated before 17 Mar 2023. Plymouth published one version of its plan,
# so ratings are as printed in April; the board then reports, truthfully for these files, no rating
# changes, and the indicators and overdue actions that moved between the two.
PREVIOUS_AS_OF = "2023-03-17"


def write_previous(ih, irows, ah, arows, eh, erows, plan_text):
    out = HERE / "previous"
    out.mkdir(exist_ok=True)
    last = ih.index("Mar-23")
    write_csv(out / "indicators.csv", ih[:last] + ih[last + 1:], [r[:last] + r[last + 1:] for r in irows], bom=True)
    write_csv(out / "actions.csv", ah, arows, bom=True)
    write_csv(out / "evidence.csv", eh, [r for r in erows if r[1] and r[1] < PREVIOUS_AS_OF], bom=True)
    plan = plan_text.replace("as_of = 2023-04-17   # evidence notes run to w/c 17/4/23",
                             f"as_of = {PREVIOUS_AS_OF}   # a month earlier: see make_demo.py")
    assert plan != plan_text
    (out / "plan.toml").write_text(plan, encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main()
