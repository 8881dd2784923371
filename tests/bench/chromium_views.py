#!/usr/bin/env python3
"""The board's pages as static HTML/SVG, for bench_chromium.sh: the same views from the same snapshot.

One page per dashboard (header, RAG counts, a tile per indicator with its latest figure, target and an
SVG sparkline, the team's actions due) and one for the overdue actions, in the board's colours and at
its sizes (em = 2.6% of the shorter side), all in one document (wall.html) that shows one at a time.
It shows "Next: <title> in N s" and a progress bar, both updated every STEP seconds as the board's cue
is, and moves to the next view after DWELL seconds.
Usage: chromium_views.py SNAPSHOT_JSON OUT_DIR DWELL_S STEP_S TODAY(YYYY-MM-DD)
"""
import datetime
import html
import json
import pathlib
import sys

snapshot_path, out_dir, dwell, step, today_text = sys.argv[1:6]
snapshot = json.loads(pathlib.Path(snapshot_path).read_text(encoding="utf-8"))
out = pathlib.Path(out_dir)
out.mkdir(parents=True, exist_ok=True)
today = datetime.date.fromisoformat(today_text)
rag = {level["code"]: level for level in snapshot["rag_key"]}
done = {level["code"] for level in snapshot["rag_key"] if level.get("done")}
indicators = {i["id"]: i for i in snapshot["indicators"]}
actions = snapshot["actions"]
by_id = {a["id"]: a for a in actions}
plan = snapshot["plan"]


def days_overdue(action):
    due = action.get("due", {})
    if due.get("kind") != "date" or action["rag"] in done:
        return None
    days = (today - datetime.date.fromisoformat(due["date"])).days
    return days if days > 0 else None


def badge(code):
    level = rag.get(code)
    colour = level["colour"] if level else "#5a5a60"
    return f'<span class="badge" style="background:{colour}">{html.escape(code or "–")}</span>'


def sparkline(series):
    values = [p["value"] for p in series if isinstance(p.get("value"), (int, float))]
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1
    points = " ".join(f"{i * 100 / (len(values) - 1):.1f},{30 - (v - low) * 28 / span:.1f}"
                      for i, v in enumerate(values))
    return (f'<svg viewBox="0 0 100 32" preserveAspectRatio="none"><polyline points="{points}" '
            'fill="none" stroke="#40aae6" stroke-width="1.5" vector-effect="non-scaling-stroke"/></svg>')


def tile(ind):
    latest = next((p for p in reversed(ind["series"]) if "value" in p), None)
    value = f'{latest["value"]:g}' if latest else "–"
    target = ind.get("target", {})
    target_text = f'Target {target["value"]:g}' if target.get("kind") == "value" else target.get("kind", "")
    return (f'<div class="tile"><div class="name">{html.escape(ind["id"] + ". " + ind["name"])}</div>'
            f'<div class="value">{value}</div><div class="dim">{html.escape(target_text)}</div>'
            f'{sparkline(ind["series"])}</div>')


def action_row(action):
    days = days_overdue(action)
    right = f"{days} days overdue" if days else html.escape(action.get("due", {}).get("text", ""))
    return (f'<div class="row">{badge(action["rag"])}<b>{html.escape(action["id"])}</b>'
            f'<span class="text">{html.escape(action.get("text") or action.get("outcome", ""))} — '
            f'{html.escape(action.get("lead", ""))}</span><span class="days">{right}</span></div>')


def counts(rows):
    chips = []
    for code, level in rag.items():
        n = sum(1 for a in rows if a["rag"] == code)
        chips.append(f'{badge(code)} {html.escape(level["label"])} {n}')
    overdue = sum(1 for a in rows if days_overdue(a))
    chips.append(f'<span class="overdue">{overdue} overdue</span>')
    return '<div class="chips">' + " ".join(chips) + "</div>"


views = []
for d in snapshot["dashboards"]:
    rows = [by_id[a] for a in d.get("actions", []) if a in by_id]
    if d["kind"] == "overview":
        rows = actions
        body = counts(rows) + "".join(
            f'<div class="row"><b>{html.escape(p["id"] + ". " + p["title"])}</b>'
            f'{counts([a for a in actions if a["priority"] == p["id"]])}</div>' for p in snapshot["priorities"])
    else:
        body = (counts(rows) + '<div class="grid">' +
                "".join(tile(indicators[i]) for i in d.get("indicators", []) if i in indicators) + "</div>" +
                "<h2>Overdue and due soon</h2>" + "".join(action_row(a) for a in rows[:6]))
    views.append((d["id"], d["title"], body))
overdue = sorted((a for a in actions if days_overdue(a)), key=lambda a: -days_overdue(a))
views.append(("overdue", "Overdue actions", "".join(action_row(a) for a in overdue[:30])))

style = """
html,body{margin:0;height:100%;background:#121214;color:#ebebeb;font-family:'DejaVu Sans',sans-serif;
 font-size:2.6vmin;overflow:hidden}
main{position:absolute;inset:1em 1em 3em 1em;overflow:hidden}
h1{font-size:1.6em;margin:0}h2{font-size:1.1em}.dim{color:#a0a4aa}
.badge{display:inline-block;min-width:1.3em;padding:0 .3em;border-radius:.2em;color:#000;font-weight:bold}
.chips{margin:.5em 0}.overdue{background:#f08028;color:#000;padding:0 .5em;font-weight:bold}
.grid{display:grid;grid-template-columns:repeat(3,1fr);gap:.6em}
.tile{background:#222428;padding:.6em;height:7em;overflow:hidden}.name{white-space:nowrap;overflow:hidden;
 text-overflow:ellipsis}.value{font-size:2em;font-weight:bold}svg{width:100%;height:2em}
.row{display:flex;gap:.5em;white-space:nowrap;line-height:1.5em}.text{flex:1;overflow:hidden;
 text-overflow:ellipsis}.days{color:#f08028;font-weight:bold}
footer{position:absolute;left:0;right:0;bottom:0;height:1.6em;background:#222428;font-size:.9em}
#status{position:absolute;left:1em;top:.3em;color:#a0a4aa}#cue{position:absolute;right:1em;top:.3em}
#bar{position:absolute;left:0;bottom:0;height:.2em;background:#40aae6;width:0}
"""
# One document holding every view, as a browser-based wall would be built: the rotation shows one section
# and hides the others, so a page change is a repaint, not a new document.
sections = "".join(
    f'<section id="v{n}" hidden><h1>{html.escape(title)}</h1>'
    f'<div class="dim">{html.escape(plan["authority"] + " · " + plan["title"])} · figures as of '
    f'{plan["as_of"]}</div>{body}</section>' for n, (_, title, body) in enumerate(views))
titles = json.dumps([title for (_, title, _) in views])
script = f"""
const dwell = {float(dwell)}, step = {float(step)}, titles = {titles};
let shown = 0, started = performance.now();
document.getElementById('v0').hidden = false;
function tick() {{
  let used = (performance.now() - started) / 1000;
  if (used >= dwell) {{
    document.getElementById('v' + shown).hidden = true;
    shown = (shown + 1) % titles.length;
    document.getElementById('v' + shown).hidden = false;
    started = performance.now();
    used = 0;
  }}
  document.getElementById('cue').textContent =
    'Next: ' + titles[(shown + 1) % titles.length] + ' in ' + Math.ceil(dwell - used) + ' s';
  document.getElementById('bar').style.width = (100 * used / dwell) + '%';
  setTimeout(tick, Math.min(step, dwell - used) * 1000);
}}
tick();
"""
page = (f'<!doctype html><html><head><meta charset="utf-8"><title>Wallboard</title>'
        f'<style>{style}</style></head><body><main>{sections}</main><footer><span id="status">Synced 14:02'
        f'</span><span id="cue"></span><div id="bar"></div></footer><script>{script}</script></body></html>')
(out / "wall.html").write_text(page, encoding="utf-8")
print("wall.html")
