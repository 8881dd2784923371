// Builds a snapshot from plan.toml and the CSV exports. The formats: INPUT.md.
//
// [SECTION] Text helpers
// [SECTION] plan.toml
// [SECTION] CSV tables
// [SECTION] indicators.csv
// [SECTION] actions.csv and evidence.csv
// [SECTION] Dashboards and assembly
#include "publish/build.h"

#include "core/files.h"
#include "core/snapshot.h"
#include "publish/csv_reader.h"
#include "publish/figures.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

namespace wb::publish
{
namespace
{

//-----------------------------------------------------------------------------
// [SECTION] Text helpers
//-----------------------------------------------------------------------------

std::string Trim(std::string_view text)
{
    const size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    const size_t last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

std::string Lower(std::string_view text)
{
    std::string lower(text);
    for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower;
}

// "a; b;; c" -> {"a", "b", "c"}.
std::vector<std::string> SplitList(std::string_view text, char separator)
{
    std::vector<std::string> items;
    size_t start = 0;
    while (start <= text.size())
    {
        size_t end = text.find(separator, start);
        if (end == std::string_view::npos)
            end = text.size();
        if (std::string item = Trim(text.substr(start, end - start)); !item.empty())
            items.push_back(std::move(item));
        start = end + 1;
    }
    return items;
}

std::string Quoted(std::string_view text)
{
    return "\"" + std::string(text) + "\"";
}

std::string JoinQuoted(const std::set<std::string>& items)
{
    std::string text;
    for (const std::string& item : items)
        text += (text.empty() ? "" : ", ") + item;
    return text;
}

//-----------------------------------------------------------------------------
// [SECTION] plan.toml
//-----------------------------------------------------------------------------

// The parts of plan.toml that are not yet a snapshot, with the lines they came from.
struct DashboardSpec
{
    Dashboard dashboard;
    int line = 0;
};

struct PlanSpec
{
    PlanInfo info;
    std::vector<RagLevel> rag_key;
    std::vector<Priority> priorities;
    std::vector<Team> teams;
    std::vector<DashboardSpec> dashboards;
    std::vector<std::string> placeholders;
};

class TomlReader
{
  public:
    TomlReader(std::string name, std::vector<Problem>& problems)
        : m_name(std::move(name)), m_problems(problems)
    {
    }

    void Fail(const toml::node* node, const std::string& what)
    {
        const int line = node ? static_cast<int>(node->source().begin.line) : 0;
        m_problems.push_back({line > 0 ? m_name + ":" + std::to_string(line) : m_name, what});
    }

    std::string String(const toml::table& table, const char* key, const std::string& where, bool required)
    {
        const toml::node* node = table.get(key);
        if (!node)
        {
            if (required)
                Fail(&table, where + " needs " + key + " = \"...\".");
            return {};
        }
        if (!node->is_string())
        {
            Fail(node, where + " " + key + " must be text in quotes.");
            return {};
        }
        std::string text = Trim(**node->as_string());
        if (text.empty() && required)
            Fail(node, where + " " + key + " must not be empty.");
        return text;
    }

    std::optional<Date> DateValue(const toml::table& table, const char* key, const std::string& where,
                                  bool required)
    {
        const toml::node* node = table.get(key);
        if (!node)
        {
            if (required)
                Fail(&table, where + " needs " + key + " = YYYY-MM-DD (a TOML date, no quotes).");
            return std::nullopt;
        }
        if (const auto* date = node->as_date())
        {
            const toml::date& d = **date;
            const Date result{std::chrono::year(d.year), std::chrono::month(d.month),
                              std::chrono::day(d.day)};
            if (result.ok())
                return result;
        }
        Fail(node, where + " " + key + " must be a date written YYYY-MM-DD without quotes, e.g. 2023-04-17.");
        return std::nullopt;
    }

    std::vector<std::string> Strings(const toml::table& table, const char* key, const std::string& where)
    {
        std::vector<std::string> items;
        const toml::node* node = table.get(key);
        if (!node)
            return items;
        const toml::array* array = node->as_array();
        if (!array)
        {
            Fail(node, where + " " + key + " must be a list: [\"a\", \"b\"].");
            return items;
        }
        for (const toml::node& item : *array)
        {
            if (item.is_string())
                items.push_back(Trim(**item.as_string()));
            else
                Fail(&item, where + " " + key + " must hold only text in quotes.");
        }
        return items;
    }

    // Calls each(table, where) for each table of the array of tables `[[key]]`.
    template <typename Each>
    void Tables(const toml::table& root, const char* key, bool required, Each each)
    {
        const toml::node* node = root.get(key);
        if (!node)
        {
            if (required)
                Fail(nullptr, std::string("has no [[") + key + "]] entries; at least one is needed.");
            return;
        }
        const toml::array* array = node->as_array();
        if (!array || !array->is_array_of_tables())
        {
            Fail(node, std::string(key) + " must be written as [[" + key + "]] tables.");
            return;
        }
        size_t index = 0;
        for (const toml::node& item : *array)
            each(*item.as_table(), "[[" + std::string(key) + "]] #" + std::to_string(++index));
    }

  private:
    std::string m_name;
    std::vector<Problem>& m_problems;
};

template <typename T, typename GetId>
void CheckUniqueIds(const std::vector<T>& items, GetId get_id, const char* what, const std::string& file,
                    std::vector<Problem>& problems)
{
    std::set<std::string> seen;
    for (const T& item : items)
        if (!get_id(item).empty() && !seen.insert(get_id(item)).second)
            problems.push_back({file, std::string(what) + " " + Quoted(get_id(item)) + " is defined twice."});
}

PlanSpec ReadPlan(const InputText& input, std::vector<Problem>& problems)
{
    PlanSpec spec;
    toml::table root;
    try
    {
        root = toml::parse(input.text, input.name);
    }
    catch (const toml::parse_error& error)
    {
        problems.push_back({input.name + ":" + std::to_string(error.source().begin.line),
                            "not valid TOML: " + std::string(error.description())});
        return spec;
    }
    TomlReader r(input.name, problems);

    if (const toml::table* plan = root["plan"].as_table())
    {
        spec.info.id = r.String(*plan, "id", "[plan]", true);
        spec.info.authority = r.String(*plan, "authority", "[plan]", true);
        spec.info.title = r.String(*plan, "title", "[plan]", true);
        spec.info.as_of = r.DateValue(*plan, "as_of", "[plan]", true).value_or(Date{});
        spec.info.start = r.DateValue(*plan, "start", "[plan]", false);
    }
    else
        r.Fail(nullptr, "has no [plan] table with id, authority, title and as_of.");

    if (const toml::table* indicators = root["indicators"].as_table())
        spec.placeholders = r.Strings(*indicators, "placeholders", "[indicators]");

    r.Tables(root, "rag", true,
             [&](const toml::table& t, const std::string& where)
             {
                 RagLevel& level = spec.rag_key.emplace_back();
                 level.code = r.String(t, "code", where, true);
                 level.label = r.String(t, "label", where, true);
                 level.colour = r.String(t, "colour", where, true);
                 level.definition = r.String(t, "definition", where, false);
                 if (const toml::node* done = t.get("done"); done && !done->is_boolean())
                     r.Fail(done, where + " done must be true or false.");
                 else
                     level.done = t["done"].value_or(false);
                 if (!level.colour.empty() &&
                     (level.colour.size() != 7 || level.colour[0] != '#' ||
                      level.colour.find_first_not_of("0123456789abcdefABCDEF", 1) != std::string::npos))
                     r.Fail(t.get("colour"),
                            where + " colour " + Quoted(level.colour) + " must be written #RRGGBB.");
             });
    if (!spec.rag_key.empty() &&
        std::none_of(spec.rag_key.begin(), spec.rag_key.end(), [](const RagLevel& l) { return l.done; }))
        r.Fail(nullptr, "no [[rag]] level has done = true, so no action could ever be complete.");
    r.Tables(root, "priorities", true,
             [&](const toml::table& t, const std::string& where)
             {
                 Priority& p = spec.priorities.emplace_back();
                 p.id = r.String(t, "id", where, true);
                 p.title = r.String(t, "title", where, true);
                 p.statement = r.String(t, "statement", where, false);
             });
    r.Tables(root, "teams", true,
             [&](const toml::table& t, const std::string& where)
             {
                 Team& team = spec.teams.emplace_back();
                 team.id = r.String(t, "id", where, true);
                 team.name = r.String(t, "name", where, true);
             });
    r.Tables(root, "dashboards", true,
             [&](const toml::table& t, const std::string& where)
             {
                 DashboardSpec& d = spec.dashboards.emplace_back();
                 d.line = static_cast<int>(t.source().begin.line);
                 d.dashboard.id = r.String(t, "id", where, true);
                 d.dashboard.title = r.String(t, "title", where, true);
                 const std::string kind = r.String(t, "kind", where, false);
                 if (kind == "overview")
                     d.dashboard.kind = DashboardKind::Overview;
                 else if (!kind.empty() && kind != "team")
                     r.Fail(t.get("kind"),
                            where + " kind " + Quoted(kind) + " must be \"team\" or \"overview\".");
                 d.dashboard.teams = r.Strings(t, "teams", where);
                 d.dashboard.indicators = r.Strings(t, "indicators", where);
                 d.dashboard.actions = r.Strings(t, "actions", where);
             });

    CheckUniqueIds(
        spec.rag_key, [](auto& l) { return l.code; }, "RAG code", input.name, problems);
    CheckUniqueIds(
        spec.priorities, [](auto& p) { return p.id; }, "Priority", input.name, problems);
    CheckUniqueIds(
        spec.teams, [](auto& t) { return t.id; }, "Team", input.name, problems);
    CheckUniqueIds(
        spec.dashboards, [](auto& d) { return d.dashboard.id; }, "Dashboard", input.name, problems);
    return spec;
}

//-----------------------------------------------------------------------------
// [SECTION] CSV tables
//-----------------------------------------------------------------------------

// A parsed CSV with its header understood: columns are found by name, case and spaces aside.
class CsvTable
{
  public:
    CsvTable(std::string name, std::vector<CsvRecord> records)
        : m_name(std::move(name)), m_records(std::move(records))
    {
        if (m_records.empty())
            return;
        const auto& header = m_records.front().fields;
        for (size_t i = 0; i < header.size(); ++i)
            m_headings.push_back(Trim(header[i]));
        for (size_t i = 0; i < m_headings.size(); ++i)
            m_columns.try_emplace(Lower(m_headings[i]), i);
    }

    const std::string& Name() const { return m_name; }
    const std::vector<std::string>& Headings() const { return m_headings; }

    std::string Where(const CsvRecord& record) const { return m_name + ":" + std::to_string(record.line); }
    std::string Where(int line) const { return m_name + ":" + std::to_string(line); }

    // Reports missing required columns, duplicate headings and an empty file. False if unusable.
    bool CheckHeader(std::initializer_list<const char*> required, std::vector<Problem>& problems) const
    {
        if (m_records.empty())
        {
            problems.push_back({m_name, "is empty; it needs a header row and one row per item."});
            return false;
        }
        std::set<std::string> seen;
        for (const std::string& heading : m_headings)
            if (!heading.empty() && !seen.insert(Lower(heading)).second)
                problems.push_back({Where(1), "column " + Quoted(heading) + " appears twice in the header."});
        bool ok = true;
        for (const char* column : required)
            if (!m_columns.contains(column))
            {
                std::string have;
                for (const std::string& heading : m_headings)
                    have += (have.empty() ? "" : ", ") + heading;
                problems.push_back(
                    {Where(1), "column " + Quoted(column) + " is missing; the header has: " + have + "."});
                ok = false;
            }
        return ok;
    }

    // The data rows, each checked to have as many fields as the header.
    template <typename Each>
    void Rows(std::vector<Problem>& problems, Each each) const
    {
        for (size_t i = 1; i < m_records.size(); ++i)
        {
            const CsvRecord& record = m_records[i];
            if (record.fields.size() == 1 && Trim(record.fields[0]).empty())
                continue; // a blank line
            if (record.fields.size() != m_headings.size())
            {
                problems.push_back({Where(record), "has " + std::to_string(record.fields.size()) +
                                                       " fields but the header has " +
                                                       std::to_string(m_headings.size()) +
                                                       "; a value may hold an unquoted comma."});
                continue;
            }
            each(record);
        }
    }

    bool Has(const char* column) const { return m_columns.contains(column); }

    // The trimmed field of `column`, or "" when the file has no such column.
    std::string Get(const CsvRecord& record, const char* column) const
    {
        const auto found = m_columns.find(column);
        return found == m_columns.end() ? std::string() : Trim(record.fields[found->second]);
    }

  private:
    std::string m_name;
    std::vector<CsvRecord> m_records;
    std::vector<std::string> m_headings;
    std::map<std::string, size_t> m_columns;
};

// Decodes and parses a CSV as Excel saved it (csv_reader.h). `description`, when given, is set to how the
// file was read ("Windows-1252, semicolon-separated") for `build` to print.
std::optional<CsvTable> LoadTable(const InputText& input, std::vector<Problem>& problems,
                                  std::string* description = nullptr)
{
    auto file = ReadCsvFile(input.text, input.name);
    if (!file.Ok())
    {
        problems.insert(problems.end(), file.Problems().begin(), file.Problems().end());
        return std::nullopt;
    }
    if (description)
        *description = file.Value().description;
    return CsvTable(input.name, std::move(file).Value().records);
}

// Team ids from a `teams` cell, each checked against plan.toml.
std::vector<std::string> ReadTeams(const std::string& cell, const std::set<std::string>& known,
                                   const std::string& where, std::vector<Problem>& problems)
{
    std::vector<std::string> teams = SplitList(cell, ';');
    for (const std::string& team : teams)
        if (!known.contains(team))
            problems.push_back({where, "team " + Quoted(team) + " does not exist; plan.toml [[teams]] has: " +
                                           JoinQuoted(known) + "."});
    return teams;
}

//-----------------------------------------------------------------------------
// [SECTION] indicators.csv
//-----------------------------------------------------------------------------

// "7.6% England" -> comparator {England, 7.6}; "England 7.6%" too.
std::optional<Comparator> ParseComparator(std::string_view text, Unit unit, bool number_first,
                                          std::string& why)
{
    const std::string trimmed = Trim(text);
    const size_t split = number_first ? trimmed.find(' ') : trimmed.rfind(' ');
    if (split == std::string::npos)
    {
        why = Quoted(trimmed) + " needs a name and a figure, e.g. \"England 7.6%\"";
        return std::nullopt;
    }
    const std::string figure = Trim(number_first ? trimmed.substr(0, split) : trimmed.substr(split + 1));
    const std::string name = Trim(number_first ? trimmed.substr(split + 1) : trimmed.substr(0, split));
    auto value = ParseFigure(figure, unit, why);
    if (!value)
        return std::nullopt;
    return Comparator{name, *value};
}

void ReadTarget(const std::string& cell, Indicator& ind, const std::string& where,
                std::vector<Problem>& problems)
{
    const std::string lower = Lower(cell);
    if (cell.empty())
        ind.target.kind = TargetKind::None;
    else if (lower == "monitor")
        ind.target.kind = TargetKind::Monitor;
    else if (lower == "tbc")
        ind.target.kind = TargetKind::Tbc;
    else if (cell.find(' ') != std::string::npos)
    {
        // A benchmark printed in the target column ("7.6% England") is shown, never used as a target.
        std::string why;
        if (auto comparator = ParseComparator(cell, ind.unit, true, why))
            ind.comparators.push_back(*comparator);
        else
            problems.push_back({where, "target " + why + "."});
    }
    else
    {
        std::string why;
        if (auto value = ParseFigure(cell, ind.unit, why))
            ind.target = {TargetKind::Value, *value};
        else
            problems.push_back(
                {where, "target " + why + "; write a figure, Monitor, TBC or leave it empty."});
    }
}

void ReadFlags(const std::string& cell, Indicator& ind, const std::string& where,
               std::vector<Problem>& problems)
{
    for (const std::string& flag : SplitList(cell, ';'))
    {
        if (Lower(flag) == "new")
            ind.is_new = true;
        else if (Lower(flag) == "r12m")
            ind.rolling_12m_flag = true;
        else
            problems.push_back({where, "flag " + Quoted(flag) + " is not known; use NEW or R12M."});
    }
}

std::vector<Indicator> ReadIndicators(const CsvTable& table, const PlanSpec& plan,
                                      const std::set<std::string>& teams, std::vector<Problem>& problems)
{
    std::vector<Indicator> indicators;
    if (!table.CheckHeader({"id", "name", "unit", "measure", "polarity", "target"}, problems))
        return indicators;

    // Month columns, in the order they must appear in the series.
    std::vector<std::pair<Period, size_t>> months;
    for (size_t i = 0; i < table.Headings().size(); ++i)
        if (auto period = ParsePeriodHeading(table.Headings()[i]))
            months.emplace_back(*period, i);
    std::sort(months.begin(), months.end());
    for (size_t i = 1; i < months.size(); ++i)
        if (months[i].first == months[i - 1].first)
            problems.push_back({table.Where(1), "month " + FormatShortPeriod(months[i].first) +
                                                    " has two columns; keep one."});
    if (months.empty())
        problems.push_back({table.Where(1), "has no month columns; name them like Oct-22 or 2022-10."});

    std::map<std::string, std::string> placeholders; // lower-case -> as written in plan.toml
    for (const std::string& text : plan.placeholders)
        placeholders.emplace(Lower(text), text);

    std::map<std::string, int> seen_ids;
    table.Rows(
        problems,
        [&](const CsvRecord& record)
        {
            const std::string where = table.Where(record);
            Indicator ind;
            ind.id = table.Get(record, "id");
            if (ind.id.empty())
                problems.push_back({where, "id is empty; every indicator needs one."});
            else if (auto [it, inserted] = seen_ids.emplace(ind.id, record.line); !inserted)
                problems.push_back({where, "id " + Quoted(ind.id) + " is already used on line " +
                                               std::to_string(it->second) + "; ids must be unique."});
            ind.section = table.Get(record, "section");
            ind.name = table.Get(record, "name");
            if (ind.name.empty())
                problems.push_back({where, "name is empty."});
            const std::string unit = table.Get(record, "unit");
            if (auto parsed = ParseUnit(Lower(unit)))
                ind.unit = *parsed;
            else
                problems.push_back(
                    {where, "unit " + Quoted(unit) + " is not one of percent, rate_per_10k, count, days."});
            const std::string measure = table.Get(record, "measure");
            if (auto parsed = ParseMeasureBasis(Lower(measure)))
                ind.basis = *parsed;
            else
                problems.push_back({where, "measure " + Quoted(measure) +
                                               " is not one of in_month, month_end, "
                                               "rolling_12m, year_to_date, to_date, other."});
            const std::string polarity = table.Get(record, "polarity");
            if (auto parsed = ParsePolarity(Lower(polarity)))
                ind.polarity = *parsed;
            else
                problems.push_back(
                    {where, "polarity " + Quoted(polarity) + " is not one of up_good, down_good, monitor."});
            ReadTarget(table.Get(record, "target"), ind, where, problems);
            for (const std::string& item : SplitList(table.Get(record, "comparators"), ';'))
            {
                std::string why;
                if (auto comparator = ParseComparator(item, ind.unit, false, why))
                    ind.comparators.push_back(*comparator);
                else
                    problems.push_back({where, "comparator " + why + "."});
            }
            ind.mtfp = table.Get(record, "mtfp");
            ReadFlags(table.Get(record, "flags"), ind, where, problems);
            ind.teams = ReadTeams(table.Get(record, "teams"), teams, where, problems);

            for (const auto& [period, column] : months)
            {
                const std::string cell = Trim(record.fields[column]);
                if (cell.empty())
                    continue;
                PeriodValue pv{period, std::nullopt, {}};
                if (auto placeholder = placeholders.find(Lower(cell)); placeholder != placeholders.end())
                    pv.placeholder = placeholder->second;
                else
                {
                    std::string why;
                    pv.value = ParseFigure(cell, ind.unit, why);
                    if (!pv.value)
                    {
                        problems.push_back(
                            {where, "column " + table.Headings()[column] + ": " + why +
                                        (why.ends_with('?')
                                             ? ""
                                             : " and not one of plan.toml's [indicators] placeholders.")});
                        continue;
                    }
                }
                ind.series.push_back(std::move(pv));
            }
            indicators.push_back(std::move(ind));
        });
    return indicators;
}

//-----------------------------------------------------------------------------
// [SECTION] actions.csv and evidence.csv
//-----------------------------------------------------------------------------

std::optional<bool> ParseYesNo(std::string_view text)
{
    const std::string lower = Lower(text);
    if (lower.empty() || lower == "no" || lower == "n" || lower == "false" || lower == "0")
        return false;
    if (lower == "yes" || lower == "y" || lower == "true" || lower == "1")
        return true;
    return std::nullopt;
}

Due ReadDue(const std::string& cell, const std::string& text, const std::string& where,
            std::vector<Problem>& problems)
{
    Due due;
    due.text = text.empty() ? cell : text;
    const std::string lower = Lower(cell);
    if (cell.empty())
        due.kind = DueKind::None;
    else if (lower == "immediate" || lower == "immediately")
        due.kind = DueKind::Immediate;
    else if (lower == "ongoing")
        due.kind = DueKind::Ongoing;
    else if (auto date = ParseExportDate(cell))
    {
        due.kind = DueKind::OnDate;
        due.date = date;
    }
    else
        problems.push_back(
            {where, "due " + Quoted(cell) +
                        " is not a date; write 2023-03-31 or 31/03/2023, or immediate or ongoing, "
                        "and keep the printed wording in due_text."});
    return due;
}

std::vector<Action> ReadActions(const CsvTable& table, const PlanSpec& plan,
                                const std::set<std::string>& teams, std::vector<Problem>& problems)
{
    std::vector<Action> actions;
    if (!table.CheckHeader({"ref", "priority", "action"}, problems))
        return actions;
    std::set<std::string> priorities;
    for (const Priority& p : plan.priorities)
        priorities.insert(p.id);
    std::map<std::string, std::string> codes; // lower-case -> as in the key
    for (const RagLevel& level : plan.rag_key)
        codes.emplace(Lower(level.code), level.code);

    table.Rows(
        problems,
        [&](const CsvRecord& record)
        {
            const std::string where = table.Where(record);
            Action a;
            a.ref = table.Get(record, "ref");
            if (a.ref.empty())
                problems.push_back({where, "ref is empty; every action row needs the plan's ref, e.g. 2.6."});
            a.priority = table.Get(record, "priority");
            if (!priorities.contains(a.priority))
                problems.push_back({where, "priority " + Quoted(a.priority) +
                                               " does not exist; plan.toml [[priorities]] has: " +
                                               JoinQuoted(priorities) + "."});
            a.outcome = table.Get(record, "outcome");
            a.text = table.Get(record, "action"); // may be empty: Plymouth 2.8 and 3.7 have rows without text
            a.lead = table.Get(record, "lead");
            a.teams = ReadTeams(table.Get(record, "teams"), teams, where, problems);
            a.due = ReadDue(table.Get(record, "due"), table.Get(record, "due_text"), where, problems);
            const std::string rag = table.Get(record, "rag");
            if (auto code = codes.find(Lower(rag)); code != codes.end())
                a.rag = code->second;
            else if (!rag.empty())
            {
                std::string known;
                for (const RagLevel& level : plan.rag_key)
                    known += (known.empty() ? "" : ", ") + level.code;
                problems.push_back({where, "RAG " + Quoted(rag) + " is not in the plan's key (" + known +
                                               "); leave it empty if the row is not rated."});
            }
            a.inspection_refs = SplitList(table.Get(record, "inspection_refs"), '|');
            if (auto flag = ParseYesNo(table.Get(record, "priority_action")))
                a.priority_action = *flag;
            else
                problems.push_back({where, "priority_action " + Quoted(table.Get(record, "priority_action")) +
                                               " must be yes or no."});
            actions.push_back(std::move(a));
        });

    // Rows that share a ref become 2.6a, 2.6b, ... in document order.
    std::map<std::string, int> count, seen;
    for (const Action& a : actions)
        ++count[a.ref];
    for (Action& a : actions)
        a.id = count[a.ref] > 1 ? a.ref + static_cast<char>('a' + seen[a.ref]++) : a.ref;
    return actions;
}

void ReadEvidence(const CsvTable& table, std::vector<Action>& actions, std::vector<Problem>& problems)
{
    if (!table.CheckHeader({"action", "note"}, problems))
        return;
    std::map<std::string, Action*> by_id;
    for (Action& a : actions)
        by_id[a.id] = &a;
    table.Rows(problems,
               [&](const CsvRecord& record)
               {
                   const std::string where = table.Where(record);
                   const std::string id = table.Get(record, "action");
                   const auto action = by_id.find(id);
                   if (action == by_id.end())
                   {
                       problems.push_back(
                           {where, "action " + Quoted(id) +
                                       " is not in the actions file; use its ref, or ref and letter (2.6b) "
                                       "where the ref has several rows."});
                       return;
                   }
                   EvidenceNote note;
                   const std::string date = table.Get(record, "date");
                   if (!date.empty())
                   {
                       note.date = ParseExportDate(date);
                       if (!note.date)
                           problems.push_back({where, "date " + Quoted(date) +
                                                          " is not a date; write 2023-03-01 or 1/3/23."});
                   }
                   note.text = table.Get(record, "note");
                   if (note.text.empty())
                       problems.push_back({where, "note is empty."});
                   action->second->evidence.push_back(std::move(note));
               });
}

//-----------------------------------------------------------------------------
// [SECTION] Dashboards and assembly
//-----------------------------------------------------------------------------

bool SharesTeam(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
    return std::any_of(a.begin(), a.end(),
                       [&](const std::string& t) { return std::find(b.begin(), b.end(), t) != b.end(); });
}

// Resolves each dashboard to the indicator and action ids its pages show.
std::vector<Dashboard> ResolveDashboards(const PlanSpec& plan, const Snapshot& s, const std::string& file,
                                         std::vector<Problem>& problems)
{
    std::set<std::string> teams, indicator_ids, action_ids;
    for (const Team& t : s.teams)
        teams.insert(t.id);
    for (const Indicator& i : s.indicators)
        indicator_ids.insert(i.id);
    for (const Action& a : s.actions)
        action_ids.insert(a.id);

    std::vector<Dashboard> dashboards;
    for (const DashboardSpec& spec : plan.dashboards)
    {
        const std::string where = file + ":" + std::to_string(spec.line);
        Dashboard d = spec.dashboard;
        for (const std::string& team : d.teams)
            if (!teams.contains(team))
                problems.push_back({where, "dashboard " + Quoted(d.id) + " names team " + Quoted(team) +
                                               ", which does not exist in [[teams]]."});
        for (const std::string& id : d.indicators)
            if (!indicator_ids.contains(id))
                problems.push_back({where, "dashboard " + Quoted(d.id) + " names indicator " + Quoted(id) +
                                               ", which is not in the indicators file."});
        for (const std::string& id : d.actions)
            if (!action_ids.contains(id))
                problems.push_back({where, "dashboard " + Quoted(d.id) + " names action " + Quoted(id) +
                                               ", which is not in the actions file."});
        const std::set<std::string> extra_indicators(d.indicators.begin(), d.indicators.end());
        const std::set<std::string> extra_actions(d.actions.begin(), d.actions.end());
        const bool all = d.kind == DashboardKind::Overview;
        d.indicators.clear();
        d.actions.clear();
        for (const Indicator& i : s.indicators)
            if (all || SharesTeam(i.teams, d.teams) || extra_indicators.contains(i.id))
                d.indicators.push_back(i.id);
        for (const Action& a : s.actions)
            if (all || SharesTeam(a.teams, d.teams) || extra_actions.contains(a.id))
                d.actions.push_back(a.id);
        dashboards.push_back(std::move(d));
    }
    return dashboards;
}

} // namespace

Result<Snapshot> BuildSnapshot(const BuildInputs& inputs)
{
    std::vector<Problem> problems;
    PlanSpec plan = ReadPlan(inputs.plan, problems);
    std::set<std::string> teams;
    for (const Team& t : plan.teams)
        teams.insert(t.id);

    Snapshot s;
    s.plan = plan.info;
    s.rag_key = plan.rag_key;
    s.priorities = plan.priorities;
    s.teams = plan.teams;
    if (auto table = LoadTable(inputs.indicators, problems))
        s.indicators = ReadIndicators(*table, plan, teams, problems);
    if (auto table = LoadTable(inputs.actions, problems))
        s.actions = ReadActions(*table, plan, teams, problems);
    if (inputs.evidence)
        if (auto table = LoadTable(*inputs.evidence, problems))
            ReadEvidence(*table, s.actions, problems);
    s.dashboards = ResolveDashboards(plan, s, inputs.plan.name, problems);
    if (!problems.empty())
        return problems;

    // The last check is the board's own: whatever passes here, every board will accept.
    for (const Problem& p : ValidateSnapshot(s))
        problems.push_back({"snapshot" + p.where, p.what});
    if (!problems.empty())
        return problems;
    return s;
}

Result<BuildInputs> ReadInputs(const std::string& plan_path, const std::string& indicators_path,
                               const std::string& actions_path,
                               const std::optional<std::string>& evidence_path)
{
    std::vector<Problem> problems;
    auto read = [&](const std::string& path)
    {
        auto text = ReadWholeFile(path);
        if (!text)
            problems.push_back({path, "cannot be read; check the path and that it is readable."});
        return InputText{path, text.value_or(std::string())};
    };
    BuildInputs inputs{read(plan_path), read(indicators_path), read(actions_path), std::nullopt};
    if (evidence_path)
        inputs.evidence = read(*evidence_path);
    if (!problems.empty())
        return problems;
    return inputs;
}

} // namespace wb::publish
