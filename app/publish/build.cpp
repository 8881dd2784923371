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
#include "publish/due_reading.h"
#include "publish/figures.h"
#include "publish/target_reading.h"

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

// plan.toml's [columns.<table>]: field -> the heading the plan's own file uses, with its line.
struct ColumnMapping
{
    std::string heading;
    int line = 0;
};
using ColumnMap = std::map<std::string, ColumnMapping>;

struct PlanSpec
{
    PlanInfo info;
    std::vector<RagLevel> rag_key;
    std::vector<Priority> priorities;
    std::vector<Team> teams;
    std::vector<DashboardSpec> dashboards;
    std::vector<std::string> placeholders;
    std::map<std::string, ColumnMap> columns; // "actions", "indicators", "evidence"
};

// Keys a plan that prints none can choose with [plan] key = "...": INPUT.md lists them.
struct BuiltInKey
{
    std::string_view name;
    std::string_view what; // for the message listing the choices
    std::vector<RagLevel> levels;
};

const std::vector<BuiltInKey>& BuiltInKeys()
{
    static const std::vector<BuiltInKey> keys = {
        {"rag",
         "Red, Amber, Green, with no done level (only due dates decide what is overdue)",
         {{"R", "Red", "#C0392B", "Not proceeding, or major slippage", false},
          {"A", "Amber", "#E67E22", "Proceeding, with some slippage", false},
          {"G", "Green", "#27AE60", "Proceeding as planned", false}}},
        {"rag-complete",
         "Red, Amber, Green and Blue for complete",
         {{"R", "Red", "#C0392B", "Not proceeding, or major slippage", false},
          {"A", "Amber", "#E67E22", "Proceeding, with some slippage", false},
          {"G", "Green", "#27AE60", "Proceeding as planned", false},
          {"B", "Blue", "#2E86C1", "Complete", true}}},
        {"progress",
         "status words: Not started, Off track, At risk, On track, Complete",
         {{"Not started", "Not started", "#7F8C8D", "Work has not begun", false, "NS"},
          {"Off track", "Off track", "#C0392B", "Will not be done by its due date without help", false,
           "OFF"},
          {"At risk", "At risk", "#E67E22", "In progress, with some slippage", false, "AR"},
          {"On track", "On track", "#27AE60", "In progress as planned", false, "OT"},
          {"Complete", "Complete", "#2E86C1", "Done", true, "DONE"}}},
    };
    return keys;
}

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
        if (const std::string key = r.String(*plan, "key", "[plan]", false); !key.empty())
        {
            const auto& keys = BuiltInKeys();
            const auto found =
                std::find_if(keys.begin(), keys.end(), [&](const BuiltInKey& k) { return k.name == key; });
            if (found == keys.end())
            {
                std::string choices;
                for (const BuiltInKey& k : keys)
                    choices +=
                        (choices.empty() ? "" : "; ") + Quoted(k.name) + " (" + std::string(k.what) + ")";
                r.Fail(plan->get("key"),
                       "[plan] key " + Quoted(key) + " is not a built-in key; choose " + choices + ".");
            }
            else if (root.contains("rag"))
                r.Fail(plan->get("key"), "[plan] key = " + Quoted(key) +
                                             " and [[rag]] levels are both given; keep the plan's own "
                                             "[[rag]] key or the built-in one.");
            else
                spec.rag_key = found->levels;
        }
    }
    else
        r.Fail(nullptr, "has no [plan] table with id, authority, title and as_of.");
    if (spec.rag_key.empty() && !root.contains("rag") && root["plan"].as_table() && !root["plan"]["key"])
    {
        std::string choices;
        for (const BuiltInKey& k : BuiltInKeys())
            choices += (choices.empty() ? "" : ", ") + Quoted(k.name);
        r.Fail(nullptr,
               "has no RAG key: copy the plan's own key as [[rag]] levels, or, if the plan prints none, "
               "choose a built-in one with [plan] key = " +
                   choices + " (INPUT.md describes them).");
    }

    if (const toml::table* indicators = root["indicators"].as_table())
        spec.placeholders = r.Strings(*indicators, "placeholders", "[indicators]");

    r.Tables(root, "rag", false, // a missing key is reported above, with the built-in choices
             [&](const toml::table& t, const std::string& where)
             {
                 RagLevel& level = spec.rag_key.emplace_back();
                 level.code = r.String(t, "code", where, true);
                 level.label = r.String(t, "label", where, true);
                 level.colour = r.String(t, "colour", where, true);
                 level.definition = r.String(t, "definition", where, false);
                 level.short_code = r.String(t, "short", where, false);
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
    if (const toml::table* columns = root["columns"].as_table())
        for (const auto& [table_name, node] : *columns)
        {
            const std::string where = "[columns." + std::string(table_name.str()) + "]";
            const toml::table* table = node.as_table();
            if (!table || (table_name != "actions" && table_name != "indicators" && table_name != "evidence"))
            {
                r.Fail(&node,
                       "[columns] holds only [columns.actions], [columns.indicators] and [columns.evidence], "
                       "each mapping a field to the heading your file uses: action = \"Action Required\".");
                continue;
            }
            for (const auto& [field, heading] : *table)
            {
                if (!heading.is_string())
                    r.Fail(&heading,
                           where + " " + std::string(field.str()) + " must be a heading in quotes.");
                else
                    spec.columns[std::string(table_name.str())][std::string(field.str())] = {
                        Trim(**heading.as_string()), static_cast<int>(heading.source().begin.line)};
            }
        }

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

// A heading reduced to what tells headings apart: "Timescale/ Date" -> "timescaledate", "R A G" -> "rag".
std::string NormalisedHeading(std::string_view heading)
{
    std::string key;
    for (char c : heading)
        if (std::isalnum(static_cast<unsigned char>(c)))
            key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return key;
}

// A field the builder reads, and the headings plans use for it, normalised. A heading feeds the field when
// plan.toml maps it, else when it is the field's name or one of these, else when it starts with a prefix.
struct FieldSpec
{
    const char* field;
    bool required;
    std::vector<std::string_view> headings = {};
    std::vector<std::string_view> prefixes = {};
};

const std::vector<FieldSpec> kIndicatorFields = {
    {"id", true, {"kpi", "kpino", "kpinumber", "indicatorid", "no", "ref"}},
    {"section", false, {"heading", "area"}},
    {"name", true, {"indicator", "indicatorname", "kpiname", "description"}},
    {"short_name", false}, // "Short name" normalises to the field's own name
    {"unit", true, {"units"}},
    {"measure", true, {"basis", "measuretype"}},
    {"polarity", true, {"direction", "goodis"}},
    {"target", true, {"targets"}},
    {"comparators", false, {"comparator", "benchmark", "benchmarks"}},
    {"mtfp", false, {"mtfplink"}},
    {"flags", false, {"flag"}},
    {"teams", false, {"team", "service"}},
};

const std::vector<FieldSpec> kActionFields = {
    {"ref", true, {"refno", "reference", "refnumber"}},
    {"priority", true, {"priorityno", "theme", "driver", "area", "objective"}},
    {"outcome", false, {"outcomes", "desiredoutcome", "objectives"}, {"desiredoutcome"}},
    {"action", true, {"actions", "actionrequired", "actionstobetaken", "whatwewilldo"}},
    {"lead", false, {"leads", "owner", "owners", "responsible", "leadofficer", "responsibleofficer"}},
    {"teams", false, {"team", "service"}},
    {"due",
     false,
     {"duedate", "timescale", "timescales", "timescaledate", "timedate", "deadline", "when", "bywhen",
      "targetdate", "completiondate"}},
    {"due_text", false, {"dueasprinted"}},
    {"rag", false, {"status", "ragdot", "ragrating", "ragstatus"}},
    {"measure",
     false,
     {"measures", "measureofsuccess", "successmeasure", "successmeasures"},
     {"howwillwemeasure", "measureofsuccess", "keyperformanceindicatorsmeasureofsuccess"}},
    {"inspection_refs", false, {"inspectionref", "ofstedref", "ofstedrefs", "ofstedreference"}},
    {"priority_action", false, {"priorityactions"}},
};

const std::vector<FieldSpec> kEvidenceFields = {
    {"action", true, {"ref", "actionid"}},
    {"date", false, {"dated", "updated"}},
    {"note", true, {"notes", "evidence", "evidenceofprogress", "update", "progress"}},
};

bool HeadingFeeds(const FieldSpec& spec, const std::string& key)
{
    if (key == NormalisedHeading(spec.field))
        return true;
    if (std::find(spec.headings.begin(), spec.headings.end(), key) != spec.headings.end())
        return true;
    return std::any_of(spec.prefixes.begin(), spec.prefixes.end(),
                       [&](std::string_view prefix) { return key.starts_with(prefix); });
}

const ColumnMap& MappedColumns(const PlanSpec& plan, const std::string& table)
{
    static const ColumnMap none;
    const auto found = plan.columns.find(table);
    return found == plan.columns.end() ? none : found->second;
}

// A parsed CSV with its header understood: each field the builder reads is found under the plan's own
// heading (ResolveColumns), and every heading is accounted for.
class CsvTable
{
  public:
    CsvTable(std::string name, std::vector<CsvRecord> records, std::string description = {})
        : m_name(std::move(name)), m_records(std::move(records)), m_description(std::move(description))
    {
        if (m_records.empty())
            return;
        const auto& header = m_records.front().fields;
        for (size_t i = 0; i < header.size(); ++i)
            m_headings.push_back(Trim(header[i]));
    }

    // Finds the column of each field: the heading plan.toml maps to it, else a known heading. Reports a
    // mapping that names no column, a missing required field, and a heading that looks like a field but
    // was not used; adds a line to `report` saying which column fed which field and which were not used.
    // `other_columns` are used otherwise (the month columns). False if a required field has no column.
    bool ResolveColumns(const std::vector<FieldSpec>& fields, const ColumnMap& mapped,
                        const std::string& table, const std::string& plan_name,
                        const std::set<size_t>& other_columns, std::vector<Problem>& problems,
                        BuildReport& report)
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
        std::string have;
        for (const std::string& heading : m_headings)
            have += (have.empty() ? "" : ", ") + Quoted(heading);

        std::vector<const char*> used_by(m_headings.size(), nullptr);
        for (const auto& [field, mapping] : mapped)
        {
            const std::string& name = field; // clang 14 cannot capture a structured binding
            const auto spec = std::find_if(fields.begin(), fields.end(),
                                           [&](const FieldSpec& f) { return f.field == name; });
            const std::string where = plan_name + ":" + std::to_string(mapping.line);
            if (spec == fields.end())
            {
                std::string known;
                for (const FieldSpec& f : fields)
                    known += (known.empty() ? "" : ", ") + std::string(f.field);
                problems.push_back({where, "[columns." + table + "] " + field + " is not a field of " +
                                               m_name + "; the fields are: " + known + "."});
                continue;
            }
            const std::string key = NormalisedHeading(mapping.heading);
            size_t i = 0;
            while (i < m_headings.size() && NormalisedHeading(m_headings[i]) != key)
                ++i;
            if (i == m_headings.size())
                problems.push_back({where, "[columns." + table + "] " + field + " = " +
                                               Quoted(mapping.heading) + " is not a column of " + m_name +
                                               "; its header has: " + have + "."});
            else
            {
                m_fields[field] = i;
                used_by[i] = spec->field;
            }
        }
        bool ok = true;
        for (const FieldSpec& spec : fields)
        {
            if (mapped.contains(spec.field))
            {
                ok = ok && m_fields.contains(spec.field);
                continue;
            }
            for (size_t i = 0; i < m_headings.size(); ++i)
            {
                if (other_columns.contains(i) || !HeadingFeeds(spec, NormalisedHeading(m_headings[i])))
                    continue;
                if (!m_fields.contains(spec.field) && !used_by[i])
                {
                    m_fields[spec.field] = i;
                    used_by[i] = spec.field;
                }
                else if (!used_by[i]) // a second column that could feed this field, and feeds nothing
                    report.warnings.push_back(
                        {Where(1), "column " + Quoted(m_headings[i]) + " looks like " + spec.field +
                                       ", but " + Quoted(m_headings[m_fields[spec.field]]) + " is read as " +
                                       spec.field + "; map the one you mean in plan.toml [columns." + table +
                                       "]."});
            }
            if (spec.required && !m_fields.contains(spec.field))
            {
                problems.push_back({Where(1), "no column holds " + std::string(spec.field) +
                                                  "; the header has: " + have +
                                                  ". Name the plan's own heading in plan.toml [columns." +
                                                  table + "]: " + spec.field + " = \"...\"."});
                ok = false;
            }
        }

        std::string line = m_name + (m_description.empty() ? "" : " (" + m_description + ")") + ":";
        std::string unused;
        for (const FieldSpec& spec : fields)
            if (const auto found = m_fields.find(spec.field); found != m_fields.end())
                line += " " + std::string(spec.field) + " <- " + Quoted(m_headings[found->second]) + ",";
        for (size_t i = 0; i < m_headings.size(); ++i)
            if (!used_by[i] && !other_columns.contains(i) && !m_headings[i].empty())
                unused += (unused.empty() ? "" : ", ") + Quoted(m_headings[i]);
        if (!other_columns.empty())
            line += " " + std::to_string(other_columns.size()) + " month columns,";
        line.pop_back();
        if (!unused.empty())
            line += "; not read: " + unused;
        report.readings.push_back(line);
        return ok;
    }

    const std::string& Name() const { return m_name; }
    const std::vector<std::string>& Headings() const { return m_headings; }

    std::string Where(const CsvRecord& record) const { return m_name + ":" + std::to_string(record.line); }
    std::string Where(int line) const { return m_name + ":" + std::to_string(line); }

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

    bool Has(const char* field) const { return m_fields.contains(field); }

    // The trimmed cell of `field`, or "" when the file has no column for it.
    std::string Get(const CsvRecord& record, const char* field) const
    {
        const auto found = m_fields.find(field);
        return found == m_fields.end() ? std::string() : Trim(record.fields[found->second]);
    }

  private:
    std::string m_name;
    std::vector<CsvRecord> m_records;
    std::string m_description; // how the file was read: "Windows-1252, semicolon-separated"
    std::vector<std::string> m_headings;
    std::map<std::string, size_t> m_fields; // field -> column, once resolved
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
    std::string how = file.Value().description;
    return CsvTable(input.name, std::move(file).Value().records, std::move(how));
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

// The target as printed (target_reading.h): problems refuse the row, warnings are reported.
void ReadTarget(const std::string& cell, Indicator& ind, const PlanDates& dates, const std::string& where,
                std::vector<Problem>& problems, BuildReport& report)
{
    TargetReading reading = ReadTargetWording(cell, ind.unit, ind.polarity, dates);
    if (!reading.problem.empty())
        problems.push_back({where, reading.problem});
    if (!reading.warning.empty())
        report.warnings.push_back({where, reading.warning});
    ind.target = std::move(reading.target);
    ind.comparators.insert(ind.comparators.end(), reading.comparators.begin(), reading.comparators.end());
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

std::vector<Indicator> ReadIndicators(CsvTable& table, const PlanSpec& plan, const std::string& plan_name,
                                      const std::set<std::string>& teams, std::vector<Problem>& problems,
                                      BuildReport& report)
{
    std::vector<Indicator> indicators;
    // Month columns, in the order they must appear in the series.
    std::vector<std::pair<Period, size_t>> months;
    std::set<size_t> month_columns;
    for (size_t i = 0; i < table.Headings().size(); ++i)
        if (auto period = ParsePeriodHeading(table.Headings()[i]))
        {
            months.emplace_back(*period, i);
            month_columns.insert(i);
        }
    if (!table.ResolveColumns(kIndicatorFields, MappedColumns(plan, "indicators"), "indicators", plan_name,
                              month_columns, problems, report))
        return indicators;
    const PlanDates dates{plan.info.as_of, plan.info.start};
    std::sort(months.begin(), months.end());
    for (size_t i = 1; i < months.size(); ++i)
        if (months[i].first == months[i - 1].first)
            problems.push_back({table.Where(1), "month " + FormatShortPeriod(months[i].first) +
                                                    " has two columns; keep one."});
    if (months.empty())
        report.warnings.push_back({table.Where(1),
                                   "has no month columns (name them like Oct-22, October 2022 or "
                                   "2022-10), so every indicator shows \"no figures yet\"."});

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
            ind.short_name = table.Get(record, "short_name");
            const std::string unit = table.Get(record, "unit");
            if (auto parsed = ParseUnit(Lower(unit)))
                ind.unit = *parsed;
            else
                problems.push_back({where, "unit " + Quoted(unit) +
                                               " is not one of percent, rate_per_10k, count, days, text."});
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
            ReadTarget(table.Get(record, "target"), ind, dates, where, problems, report);
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

            // A percent row of figures between 0 and 1 written without a % sign is Excel's fraction format
            // exported raw: 0.45 would show as 0.45%.
            bool any_percent_sign = false, any_between = false;
            for (const auto& [period, column] : months)
            {
                const std::string cell = Trim(record.fields[column]);
                if (cell.empty())
                    continue;
                PeriodValue pv{period, std::nullopt, {}};
                if (ind.unit == Unit::Text)
                    pv.placeholder = cell; // a qualitative measure's month holds words
                else if (auto placeholder = placeholders.find(Lower(cell)); placeholder != placeholders.end())
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
                    any_percent_sign = any_percent_sign || cell.find('%') != std::string::npos;
                    any_between = any_between || (*pv.value > 0 && *pv.value < 1);
                }
                ind.series.push_back(std::move(pv));
            }
            if (ind.unit == Unit::Percent && any_between && !any_percent_sign &&
                std::all_of(ind.series.begin(), ind.series.end(),
                            [](const PeriodValue& pv)
                            { return !pv.value || (*pv.value >= 0 && *pv.value <= 1); }))
                problems.push_back(
                    {where, "the figures of this percent row all lie between 0 and 1: these look like "
                            "fractions (0.45 for 45%). Format the cells as percentages in Excel "
                            "before saving, or write 45%."});
            indicators.push_back(std::move(ind));
        });
    return indicators;
}

//-----------------------------------------------------------------------------
// [SECTION] actions.csv and evidence.csv
//-----------------------------------------------------------------------------

// "G ▲" -> "G": a rating with a trailing direction-of-travel arrow (▲ ▼ ◀ ▶ ↑ ↓ → ← ↔, or "DOT").
std::string WithoutTravelArrow(const std::string& cell)
{
    static const std::vector<std::string_view> arrows = {"▲", "▼", "◀", "▶", "↑", "↓",
                                                         "→", "←", "↔", "►", "◄"};
    std::string rating = cell;
    for (bool found = true; found;)
    {
        found = false;
        rating = Trim(rating);
        for (std::string_view arrow : arrows)
            if (rating.size() >= arrow.size() && rating.ends_with(arrow))
            {
                rating.resize(rating.size() - arrow.size());
                found = true;
            }
    }
    return rating;
}

std::optional<bool> ParseYesNo(std::string_view text)
{
    const std::string lower = Lower(text);
    if (lower.empty() || lower == "no" || lower == "n" || lower == "false" || lower == "0")
        return false;
    if (lower == "yes" || lower == "y" || lower == "true" || lower == "1")
        return true;
    return std::nullopt;
}

// The due as printed (due_reading.h). `due` may hold the wording itself, or a date with the wording in
// `due_text`. A wording with no date to read is kept and shown, with a warning; it is never an error.
Due ReadDue(const std::string& cell, const std::string& text, const PlanDates& dates,
            const std::string& where, BuildReport& report)
{
    if (auto date = ParseExportDate(cell); date && !text.empty())
        return {DueKind::OnDate, date, text};
    DueReading reading = ReadDueWording(cell.empty() ? text : cell, dates);
    if (!text.empty())
        reading.due.text = text;
    if (!reading.warning.empty())
        report.warnings.push_back(
            {where, "due " + Quoted(cell.empty() ? text : cell) + ": " + reading.warning});
    return std::move(reading.due);
}

std::vector<Action> ReadActions(CsvTable& table, const PlanSpec& plan, const std::string& plan_name,
                                const std::set<std::string>& teams, std::vector<Problem>& problems,
                                BuildReport& report)
{
    std::vector<Action> actions;
    if (!table.ResolveColumns(kActionFields, MappedColumns(plan, "actions"), "actions", plan_name, {},
                              problems, report))
        return actions;
    const PlanDates dates{plan.info.as_of, plan.info.start};
    std::set<std::string> priorities;
    for (const Priority& p : plan.priorities)
        priorities.insert(p.id);
    // A rating may be written as the key's code, its short form or its label ("Green" for G).
    std::map<std::string, std::string> codes; // lower-case -> the code as in the key
    for (const RagLevel& level : plan.rag_key)
        for (const std::string& name : {level.code, level.short_code, level.label})
            if (!name.empty())
                codes.emplace(Lower(name), level.code);
    bool told_travel = false;

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
            a.due = ReadDue(table.Get(record, "due"), table.Get(record, "due_text"), dates, where, report);
            a.measure = table.Get(record, "measure");
            std::string rag = table.Get(record, "rag");
            // A RAG/DOT cell adds a direction of travel: "G ▲", "A ↑". The board works travel out from the
            // figures, so the arrow is left out, and said so once.
            if (const std::string rating = WithoutTravelArrow(rag); rating != rag)
            {
                if (!told_travel)
                    report.warnings.push_back(
                        {where, "the direction of travel in " + Quoted(rag) +
                                    " (and any in later rows) is not shown: only the rating "
                                    "is read."});
                told_travel = true;
                rag = rating;
            }
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

void ReadEvidence(CsvTable& table, const PlanSpec& plan, const std::string& plan_name,
                  std::vector<Action>& actions, std::vector<Problem>& problems, BuildReport& report)
{
    if (!table.ResolveColumns(kEvidenceFields, MappedColumns(plan, "evidence"), "evidence", plan_name, {},
                              problems, report))
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

Result<Snapshot> BuildSnapshot(const BuildInputs& inputs, BuildReport* report_out)
{
    BuildReport local_report;
    BuildReport& report = report_out ? *report_out : local_report;
    std::vector<Problem> problems;
    PlanSpec plan = ReadPlan(inputs.plan, problems);
    if (!problems.empty() && plan.info.id.empty() && plan.teams.empty() && plan.priorities.empty())
        return problems; // plan.toml could not be read at all: every CSV row would only repeat that
    std::set<std::string> teams;
    for (const Team& t : plan.teams)
        teams.insert(t.id);

    Snapshot s;
    s.plan = plan.info;
    s.rag_key = plan.rag_key;
    s.priorities = plan.priorities;
    s.teams = plan.teams;
    const std::string& plan_name = inputs.plan.name;
    for (const RagLevel& level : plan.rag_key)
        if (level.code.size() > kMaxRagShortLength && level.short_code.empty())
            report.warnings.push_back(
                {plan_name, "RAG code " + Quoted(level.code) +
                                " has no short form, so its badges are as wide as the word; "
                                "give its [[rag]] level short = \"...\" (up to 4 characters)."});
    if (auto table = LoadTable(inputs.indicators, problems))
        s.indicators = ReadIndicators(*table, plan, plan_name, teams, problems, report);
    if (auto table = LoadTable(inputs.actions, problems))
        s.actions = ReadActions(*table, plan, plan_name, teams, problems, report);
    if (inputs.evidence)
        if (auto table = LoadTable(*inputs.evidence, problems))
            ReadEvidence(*table, plan, plan_name, s.actions, problems, report);
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
