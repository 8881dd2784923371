// Snapshot serialisation, parsing and validation. The format: snapshot_format.md.
//
// [SECTION] Enum names
// [SECTION] Writing
// [SECTION] Reading (shape and types)
// [SECTION] Validation (cross-references)
#include "core/snapshot.h"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <set>

namespace wb
{
namespace
{

using OrderedJson = nlohmann::ordered_json;

//-----------------------------------------------------------------------------
// [SECTION] Enum names
//-----------------------------------------------------------------------------

template <typename E>
struct EnumName
{
    E value;
    std::string_view name;
};

constexpr EnumName<Unit> kUnitNames[] = {{Unit::Percent, "percent"},
                                         {Unit::RatePer10k, "rate_per_10k"},
                                         {Unit::Count, "count"},
                                         {Unit::Days, "days"},
                                         {Unit::Text, "text"}};
constexpr EnumName<MeasureBasis> kBasisNames[] = {{MeasureBasis::InMonth, "in_month"},
                                                  {MeasureBasis::MonthEnd, "month_end"},
                                                  {MeasureBasis::Rolling12Months, "rolling_12m"},
                                                  {MeasureBasis::YearToDate, "year_to_date"},
                                                  {MeasureBasis::ToDate, "to_date"},
                                                  {MeasureBasis::Other, "other"}};
constexpr EnumName<Polarity> kPolarityNames[] = {{Polarity::HigherIsBetter, "up_good"},
                                                 {Polarity::LowerIsBetter, "down_good"},
                                                 {Polarity::Monitor, "monitor"}};
constexpr EnumName<DueKind> kDueKindNames[] = {{DueKind::OnDate, "date"},
                                               {DueKind::Immediate, "immediate"},
                                               {DueKind::Ongoing, "ongoing"},
                                               {DueKind::None, "none"}};
constexpr EnumName<TargetKind> kTargetKindNames[] = {{TargetKind::Value, "value"},
                                                     {TargetKind::Monitor, "monitor"},
                                                     {TargetKind::Tbc, "tbc"},
                                                     {TargetKind::Text, "text"},
                                                     {TargetKind::None, "none"}};
constexpr EnumName<TargetSense> kTargetSenseNames[] = {{TargetSense::FromPolarity, "polarity"},
                                                       {TargetSense::AtLeast, "at_least"},
                                                       {TargetSense::AtMost, "at_most"},
                                                       {TargetSense::Above, "above"},
                                                       {TargetSense::Below, "below"}};
constexpr EnumName<DashboardKind> kDashboardKindNames[] = {{DashboardKind::Team, "team"},
                                                           {DashboardKind::Overview, "overview"}};

template <typename E, size_t N>
std::string_view NameOf(const EnumName<E> (&table)[N], E value)
{
    for (const auto& entry : table)
        if (entry.value == value)
            return entry.name;
    return "?";
}

template <typename E, size_t N>
std::optional<E> FromName(const EnumName<E> (&table)[N], std::string_view name)
{
    for (const auto& entry : table)
        if (entry.name == name)
            return entry.value;
    return std::nullopt;
}

template <typename E, size_t N>
std::string ListNames(const EnumName<E> (&table)[N])
{
    std::string text;
    for (const auto& entry : table)
        text += (text.empty() ? "\"" : ", \"") + std::string(entry.name) + "\"";
    return text;
}

//-----------------------------------------------------------------------------
// [SECTION] Writing
//-----------------------------------------------------------------------------

OrderedJson StringArray(const std::vector<std::string>& items)
{
    OrderedJson array = OrderedJson::array();
    for (const auto& item : items)
        array.push_back(item);
    return array;
}

OrderedJson ToJson(const Snapshot& s)
{
    OrderedJson doc;
    doc["schema"] = kSnapshotSchema;

    OrderedJson plan;
    plan["id"] = s.plan.id;
    plan["authority"] = s.plan.authority;
    plan["title"] = s.plan.title;
    plan["as_of"] = FormatIsoDate(s.plan.as_of);
    if (s.plan.start)
        plan["start"] = FormatIsoDate(*s.plan.start);
    doc["plan"] = plan;

    doc["rag_key"] = OrderedJson::array();
    for (const RagLevel& level : s.rag_key)
    {
        OrderedJson out = {{"code", level.code}};
        if (!level.short_code.empty())
            out["short"] = level.short_code;
        out["label"] = level.label;
        out["colour"] = level.colour;
        out["definition"] = level.definition;
        out["done"] = level.done;
        doc["rag_key"].push_back(out);
    }

    doc["priorities"] = OrderedJson::array();
    for (const Priority& priority : s.priorities)
        doc["priorities"].push_back(
            {{"id", priority.id}, {"title", priority.title}, {"statement", priority.statement}});

    doc["teams"] = OrderedJson::array();
    for (const Team& team : s.teams)
        doc["teams"].push_back({{"id", team.id}, {"name", team.name}});

    doc["actions"] = OrderedJson::array();
    for (const Action& a : s.actions)
    {
        OrderedJson due = {{"kind", NameOf(kDueKindNames, a.due.kind)}};
        if (a.due.date)
            due["date"] = FormatIsoDate(*a.due.date);
        if (!a.due.milestones.empty())
        {
            due["milestones"] = OrderedJson::array();
            for (const Date& date : a.due.milestones)
                due["milestones"].push_back(FormatIsoDate(date));
        }
        if (a.due.continues)
            due["continues"] = true;
        due["text"] = a.due.text;
        OrderedJson evidence = OrderedJson::array();
        for (const EvidenceNote& note : a.evidence)
        {
            OrderedJson item;
            if (note.date)
                item["date"] = FormatIsoDate(*note.date);
            item["text"] = note.text;
            evidence.push_back(item);
        }
        OrderedJson out = {{"id", a.id},           {"ref", a.ref},   {"priority", a.priority},
                           {"outcome", a.outcome}, {"text", a.text}, {"lead", a.lead}};
        if (!a.measure.empty())
            out["measure"] = a.measure;
        out["teams"] = StringArray(a.teams);
        out["due"] = due;
        out["rag"] = a.rag;
        out["evidence"] = evidence;
        out["inspection_refs"] = StringArray(a.inspection_refs);
        out["priority_action"] = a.priority_action;
        doc["actions"].push_back(out);
    }

    doc["indicators"] = OrderedJson::array();
    for (const Indicator& ind : s.indicators)
    {
        OrderedJson target = {{"kind", NameOf(kTargetKindNames, ind.target.kind)}};
        if (ind.target.kind == TargetKind::Value)
            target["value"] = ind.target.value;
        if (!ind.target.steps.empty())
        {
            target["steps"] = OrderedJson::array();
            for (const TargetStep& step : ind.target.steps)
            {
                OrderedJson item;
                if (step.by)
                    item["by"] = FormatIsoDate(*step.by);
                item["value"] = step.value;
                target["steps"].push_back(item);
            }
        }
        if (ind.target.sense != TargetSense::FromPolarity)
            target["sense"] = NameOf(kTargetSenseNames, ind.target.sense);
        if (!ind.target.text.empty())
            target["text"] = ind.target.text;
        OrderedJson comparators = OrderedJson::array();
        for (const Comparator& c : ind.comparators)
            comparators.push_back({{"name", c.name}, {"value", c.value}});
        OrderedJson flags = OrderedJson::array();
        if (ind.is_new)
            flags.push_back("NEW");
        if (ind.rolling_12m_flag)
            flags.push_back("R12M");
        OrderedJson series = OrderedJson::array();
        for (const PeriodValue& pv : ind.series)
        {
            OrderedJson item = {{"period", FormatIsoPeriod(pv.period)}};
            if (pv.value)
                item["value"] = *pv.value;
            else
                item["placeholder"] = pv.placeholder;
            series.push_back(item);
        }
        OrderedJson out = {{"id", ind.id},
                           {"section", ind.section},
                           {"name", ind.name},
                           {"unit", NameOf(kUnitNames, ind.unit)},
                           {"basis", NameOf(kBasisNames, ind.basis)},
                           {"polarity", NameOf(kPolarityNames, ind.polarity)},
                           {"target", target},
                           {"comparators", comparators}};
        if (!ind.short_name.empty())
            out["short_name"] = ind.short_name;
        if (!ind.mtfp.empty())
            out["mtfp"] = ind.mtfp;
        out["flags"] = flags;
        out["teams"] = StringArray(ind.teams);
        out["series"] = series;
        doc["indicators"].push_back(out);
    }

    doc["dashboards"] = OrderedJson::array();
    for (const Dashboard& d : s.dashboards)
        doc["dashboards"].push_back({{"id", d.id},
                                     {"title", d.title},
                                     {"kind", NameOf(kDashboardKindNames, d.kind)},
                                     {"teams", StringArray(d.teams)},
                                     {"indicators", StringArray(d.indicators)},
                                     {"actions", StringArray(d.actions)}});
    return doc;
}

//-----------------------------------------------------------------------------
// [SECTION] Reading (shape and types)
//-----------------------------------------------------------------------------

// A read-only view of one parsed JSON value (simdjson's DOM), with the few questions the reader asks.
class JsonValue
{
  public:
    explicit JsonValue(simdjson::dom::element element) : m_element(element) {}

    bool IsObject() const { return m_element.is_object(); }
    bool IsArray() const { return m_element.is_array(); }
    bool IsString() const { return m_element.is_string(); }
    bool IsNumber() const { return m_element.is_number(); }
    bool IsBool() const { return m_element.is_bool(); }

    // The member `key` of an object; empty when absent (or when this is not an object).
    std::optional<JsonValue> Member(std::string_view key) const
    {
        simdjson::dom::object object;
        simdjson::dom::element member;
        if (m_element.get(object) != simdjson::SUCCESS || object.at_key(key).get(member) != simdjson::SUCCESS)
            return std::nullopt;
        return JsonValue(member);
    }

    // Each accessor is called only after the matching Is...() check.
    std::string_view Text() const
    {
        std::string_view text;
        if (m_element.get(text) != simdjson::SUCCESS)
            return {};
        return text;
    }

    double Number() const
    {
        double number = 0;
        if (m_element.get(number) != simdjson::SUCCESS)
            return 0;
        return number;
    }

    bool Bool() const
    {
        bool value = false;
        if (m_element.get(value) != simdjson::SUCCESS)
            return false;
        return value;
    }

    size_t Size() const
    {
        simdjson::dom::array array;
        return m_element.get(array) == simdjson::SUCCESS ? array.size() : 0;
    }

    // Calls each(element, index) for every element of an array.
    template <typename Each>
    void ForEach(Each each) const
    {
        simdjson::dom::array array;
        if (m_element.get(array) != simdjson::SUCCESS)
            return;
        size_t index = 0;
        for (simdjson::dom::element element : array)
            each(JsonValue(element), index++);
    }

    std::string Describe() const
    {
        switch (m_element.type())
        {
        case simdjson::dom::element_type::NULL_VALUE:
            return "null";
        case simdjson::dom::element_type::BOOL:
            return "true or false";
        case simdjson::dom::element_type::STRING:
            return "text";
        case simdjson::dom::element_type::ARRAY:
            return "a list";
        case simdjson::dom::element_type::OBJECT:
            return "an object";
        default:
            return "a number";
        }
    }

  private:
    simdjson::dom::element m_element;
};

// Scans for nesting depth without recursion. Returns the byte offset where the limit is passed.
std::optional<size_t> FindExcessiveNesting(std::string_view text, int max_depth)
{
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (size_t i = 0; i < text.size(); ++i)
    {
        const char c = text[i];
        if (in_string)
        {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
        }
        else if (c == '"')
            in_string = true;
        else if (c == '[' || c == '{')
        {
            if (++depth > max_depth)
                return i;
        }
        else if (c == ']' || c == '}')
            --depth;
    }
    return std::nullopt;
}

// A JSON pointer built only when a problem is reported: a chain of steps on the stack, so reading
// 180,000 months allocates no path strings unless something is wrong.
struct Path
{
    const Path* parent = nullptr;
    const char* key = nullptr; // a member name, or nullptr for an array index
    size_t index = 0;

    Path Member(const char* name) const { return {this, name, 0}; }
    Path Element(size_t i) const { return {this, nullptr, i}; }

    std::string Render() const
    {
        std::string text = parent ? parent->Render() : std::string();
        if (!parent && !key)
            return text; // the root
        return text + "/" + (key ? std::string(key) : std::to_string(index));
    }
};

using IsKind = bool (JsonValue::*)() const;

// Walks the parsed JSON, builds the model, and records every shape or type problem with its pointer.
class Reader
{
  public:
    explicit Reader(std::vector<Problem>& problems) : m_problems(problems) {}

    // Keeps the first kMaxProblems; a hostile document cannot grow the list without bound.
    void Fail(const Path& where, std::string what)
    {
        if (m_problems.size() < kMaxProblems)
            m_problems.push_back({where.Render(), std::move(what)});
        else
            ++m_suppressed;
    }

    size_t Suppressed() const { return m_suppressed; }

    static constexpr size_t kMaxProblems = 100;

    // The member `key` of `object`, checked to be of the expected kind. Empty when missing or wrong.
    std::optional<JsonValue> Member(const JsonValue& object, const Path& where, const char* key,
                                    bool required, IsKind is_kind, const char* kind_words)
    {
        auto found = object.Member(key);
        if (!found)
        {
            if (required)
                Fail(where.Member(key), std::string("is missing; it must be ") + kind_words + ".");
            return std::nullopt;
        }
        if (!((*found).*is_kind)())
        {
            Fail(where.Member(key),
                 "must be " + std::string(kind_words) + ", but is " + found->Describe() + ".");
            return std::nullopt;
        }
        return found;
    }

    std::string String(const JsonValue& object, const Path& where, const char* key, bool required = true)
    {
        const auto value = Member(object, where, key, required, &JsonValue::IsString, "text");
        return value ? std::string(value->Text()) : std::string();
    }

    std::string NonEmptyString(const JsonValue& object, const Path& where, const char* key)
    {
        const auto value = Member(object, where, key, true, &JsonValue::IsString, "text");
        if (value && value->Text().empty())
            Fail(where.Member(key), "must not be empty.");
        return value ? std::string(value->Text()) : std::string();
    }

    bool Bool(const JsonValue& object, const Path& where, const char* key, bool required = true)
    {
        const auto value = Member(object, where, key, required, &JsonValue::IsBool, "true or false");
        return value && value->Bool();
    }

    // simdjson refuses numbers beyond a double's range, so every number here is finite.
    std::optional<double> Number(const JsonValue& object, const Path& where, const char* key,
                                 bool required = true)
    {
        const auto value = Member(object, where, key, required, &JsonValue::IsNumber, "a number");
        return value ? std::optional<double>(value->Number()) : std::nullopt;
    }

    std::optional<Date> DateMember(const JsonValue& object, const Path& where, const char* key,
                                   bool required = true)
    {
        const auto value = Member(object, where, key, required, &JsonValue::IsString, "a date (YYYY-MM-DD)");
        if (!value)
            return std::nullopt;
        auto date = ParseIsoDate(value->Text());
        if (!date)
            Fail(where.Member(key), "\"" + std::string(value->Text()) +
                                        "\" is not a date; write it as YYYY-MM-DD, e.g. 2023-03-31.");
        return date;
    }

    template <typename E, size_t N>
    E Enum(const JsonValue& object, const Path& where, const char* key, const EnumName<E> (&table)[N],
           E fallback)
    {
        const auto value = Member(object, where, key, true, &JsonValue::IsString, "text");
        if (!value)
            return fallback;
        if (auto parsed = FromName(table, value->Text()))
            return *parsed;
        Fail(where.Member(key),
             "\"" + std::string(value->Text()) + "\" is not one of " + ListNames(table) + ".");
        return fallback;
    }

    // Calls each(element, path) for every element of the array member `key`.
    template <typename Each>
    void Array(const JsonValue& object, const Path& where, const char* key, bool required, Each each)
    {
        const auto array = Member(object, where, key, required, &JsonValue::IsArray, "a list");
        if (!array)
            return;
        const Path array_path = where.Member(key);
        array->ForEach([&](const JsonValue& element, size_t i) { each(element, array_path.Element(i)); });
    }

    // Like Array, but each element must be an object.
    template <typename Each>
    void Objects(const JsonValue& object, const Path& where, const char* key, bool required, Each each)
    {
        Array(object, where, key, required,
              [&](const JsonValue& element, const Path& path)
              {
                  if (!element.IsObject())
                      Fail(path, "must be an object, but is " + element.Describe() + ".");
                  else
                      each(element, path);
              });
    }

    std::vector<std::string> Strings(const JsonValue& object, const Path& where, const char* key,
                                     bool required = true)
    {
        std::vector<std::string> items;
        Array(object, where, key, required,
              [&](const JsonValue& element, const Path& path)
              {
                  if (element.IsString())
                      items.emplace_back(element.Text());
                  else
                      Fail(path, "must be text, but is " + element.Describe() + ".");
              });
        return items;
    }

  private:
    std::vector<Problem>& m_problems;
    size_t m_suppressed = 0;
};

// "wallboard.snapshot/1" or "wallboard.snapshot/1.2" -> 1.
std::optional<int> SchemaMajorVersion(std::string_view schema)
{
    constexpr std::string_view prefix = "wallboard.snapshot/";
    if (!schema.starts_with(prefix))
        return std::nullopt;
    std::string_view version = schema.substr(prefix.size());
    int major = 0;
    auto [end, error] = std::from_chars(version.data(), version.data() + version.size(), major);
    if (error != std::errc() || end == version.data())
        return std::nullopt;
    std::string_view rest(end, static_cast<size_t>(version.data() + version.size() - end));
    if (!rest.empty() && (rest[0] != '.' || rest.size() == 1))
        return std::nullopt;
    return major;
}

void ReadAction(Reader& r, const JsonValue& j, const Path& at, Action& a)
{
    a.id = r.NonEmptyString(j, at, "id");
    a.ref = r.NonEmptyString(j, at, "ref");
    a.priority = r.String(j, at, "priority");
    a.outcome = r.String(j, at, "outcome");
    a.text = r.String(j, at, "text");
    a.lead = r.String(j, at, "lead");
    a.measure = r.String(j, at, "measure", false);
    a.teams = r.Strings(j, at, "teams");
    a.rag = r.String(j, at, "rag");
    a.inspection_refs = r.Strings(j, at, "inspection_refs", false);
    a.priority_action = r.Bool(j, at, "priority_action", false);
    if (const auto due = r.Member(j, at, "due", true, &JsonValue::IsObject, "an object"))
    {
        const Path due_at = at.Member("due");
        a.due.kind = r.Enum(*due, due_at, "kind", kDueKindNames, DueKind::None);
        a.due.text = r.String(*due, due_at, "text", false);
        a.due.date = r.DateMember(*due, due_at, "date", a.due.kind == DueKind::OnDate);
        for (const std::string& text : r.Strings(*due, due_at, "milestones", false))
            if (auto date = ParseIsoDate(text))
                a.due.milestones.push_back(*date);
            else
                r.Fail(due_at.Member("milestones"),
                       "\"" + text + "\" is not a date; write it as YYYY-MM-DD, e.g. 2023-03-31.");
        a.due.continues = r.Bool(*due, due_at, "continues", false);
    }
    r.Objects(j, at, "evidence", false,
              [&](const JsonValue& note, const Path& note_at)
              {
                  EvidenceNote& out = a.evidence.emplace_back();
                  out.date = r.DateMember(note, note_at, "date", false);
                  out.text = r.String(note, note_at, "text");
              });
}

void ReadSeries(Reader& r, const JsonValue& j, const Path& at, Indicator& ind)
{
    // The hot loop of a large snapshot: one lookup per member, no copies but the placeholder text.
    if (const auto series = j.Member("series"))
        ind.series.reserve(series->Size());
    r.Objects(j, at, "series", true,
              [&](const JsonValue& item, const Path& item_at)
              {
                  PeriodValue& pv = ind.series.emplace_back();
                  if (const auto period =
                          r.Member(item, item_at, "period", true, &JsonValue::IsString, "a month (YYYY-MM)"))
                  {
                      if (auto parsed = ParseIsoPeriod(period->Text()))
                          pv.period = *parsed;
                      else
                          r.Fail(item_at.Member("period"),
                                 "\"" + std::string(period->Text()) +
                                     "\" is not a month; write it as YYYY-MM, e.g. 2023-03.");
                  }
                  const auto value = item.Member("value");
                  const auto placeholder = item.Member("placeholder");
                  if (value.has_value() == placeholder.has_value())
                      r.Fail(item_at,
                             "must have either \"value\" (a number) or \"placeholder\" (text), not " +
                                 std::string(value ? "both." : "neither."));
                  else if (value && value->IsNumber())
                      pv.value = value->Number();
                  else if (value)
                      r.Fail(item_at.Member("value"), "must be a number, but is " + value->Describe() + ".");
                  else if (!placeholder->IsString())
                      r.Fail(item_at.Member("placeholder"),
                             "must be text, but is " + placeholder->Describe() + ".");
                  else if (placeholder->Text().empty())
                      r.Fail(item_at.Member("placeholder"), "must say why there is no value; it is empty.");
                  else
                      pv.placeholder = placeholder->Text();
              });
}

void ReadIndicator(Reader& r, const JsonValue& j, const Path& at, Indicator& ind)
{
    ind.id = r.NonEmptyString(j, at, "id");
    ind.section = r.String(j, at, "section", false);
    ind.name = r.NonEmptyString(j, at, "name");
    ind.short_name = r.String(j, at, "short_name", false);
    ind.unit = r.Enum(j, at, "unit", kUnitNames, Unit::Count);
    ind.basis = r.Enum(j, at, "basis", kBasisNames, MeasureBasis::Other);
    ind.polarity = r.Enum(j, at, "polarity", kPolarityNames, Polarity::Monitor);
    ind.mtfp = r.String(j, at, "mtfp", false);
    ind.teams = r.Strings(j, at, "teams");
    if (const auto target = r.Member(j, at, "target", true, &JsonValue::IsObject, "an object"))
    {
        const Path target_at = at.Member("target");
        ind.target.kind = r.Enum(*target, target_at, "kind", kTargetKindNames, TargetKind::None);
        if (ind.target.kind == TargetKind::Value)
            ind.target.value = r.Number(*target, target_at, "value").value_or(0);
        r.Objects(*target, target_at, "steps", false,
                  [&](const JsonValue& step, const Path& step_at)
                  {
                      TargetStep& out = ind.target.steps.emplace_back();
                      out.by = r.DateMember(step, step_at, "by", false);
                      out.value = r.Number(step, step_at, "value").value_or(0);
                  });
        if (target->Member("sense"))
            ind.target.sense =
                r.Enum(*target, target_at, "sense", kTargetSenseNames, TargetSense::FromPolarity);
        ind.target.text = r.String(*target, target_at, "text", false);
    }
    r.Objects(j, at, "comparators", false,
              [&](const JsonValue& c, const Path& c_at)
              {
                  Comparator& out = ind.comparators.emplace_back();
                  out.name = r.NonEmptyString(c, c_at, "name");
                  out.value = r.Number(c, c_at, "value").value_or(0);
              });
    for (const std::string& flag : r.Strings(j, at, "flags", false))
    {
        if (flag == "NEW")
            ind.is_new = true;
        else if (flag == "R12M")
            ind.rolling_12m_flag = true;
        // Other flags belong to later minor versions and are ignored, like unknown members.
    }
    ReadSeries(r, j, at, ind);
}

void ReadSnapshot(Reader& r, const JsonValue& doc, Snapshot& s)
{
    const Path root;
    if (const auto plan = r.Member(doc, root, "plan", true, &JsonValue::IsObject, "an object"))
    {
        const Path at = root.Member("plan");
        s.plan.id = r.NonEmptyString(*plan, at, "id");
        s.plan.authority = r.NonEmptyString(*plan, at, "authority");
        s.plan.title = r.NonEmptyString(*plan, at, "title");
        s.plan.as_of = r.DateMember(*plan, at, "as_of").value_or(Date{});
        s.plan.start = r.DateMember(*plan, at, "start", false);
    }
    r.Objects(doc, root, "rag_key", true,
              [&](const JsonValue& j, const Path& at)
              {
                  RagLevel& level = s.rag_key.emplace_back();
                  level.code = r.NonEmptyString(j, at, "code");
                  level.short_code = r.String(j, at, "short", false);
                  level.label = r.NonEmptyString(j, at, "label");
                  level.colour = r.String(j, at, "colour");
                  level.definition = r.String(j, at, "definition");
                  level.done = r.Bool(j, at, "done");
              });
    r.Objects(doc, root, "priorities", true,
              [&](const JsonValue& j, const Path& at)
              {
                  Priority& p = s.priorities.emplace_back();
                  p.id = r.NonEmptyString(j, at, "id");
                  p.title = r.NonEmptyString(j, at, "title");
                  p.statement = r.String(j, at, "statement", false);
              });
    r.Objects(doc, root, "teams", true,
              [&](const JsonValue& j, const Path& at)
              {
                  Team& t = s.teams.emplace_back();
                  t.id = r.NonEmptyString(j, at, "id");
                  t.name = r.NonEmptyString(j, at, "name");
              });
    if (const auto actions = doc.Member("actions"))
        s.actions.reserve(actions->Size());
    r.Objects(doc, root, "actions", true,
              [&](const JsonValue& j, const Path& at) { ReadAction(r, j, at, s.actions.emplace_back()); });
    if (const auto indicators = doc.Member("indicators"))
        s.indicators.reserve(indicators->Size());
    r.Objects(doc, root, "indicators", true,
              [&](const JsonValue& j, const Path& at)
              { ReadIndicator(r, j, at, s.indicators.emplace_back()); });
    r.Objects(doc, root, "dashboards", true,
              [&](const JsonValue& j, const Path& at)
              {
                  Dashboard& d = s.dashboards.emplace_back();
                  d.id = r.NonEmptyString(j, at, "id");
                  d.title = r.NonEmptyString(j, at, "title");
                  d.kind = r.Enum(j, at, "kind", kDashboardKindNames, DashboardKind::Team);
                  d.teams = r.Strings(j, at, "teams", false);
                  d.indicators = r.Strings(j, at, "indicators");
                  d.actions = r.Strings(j, at, "actions");
              });
    s.content_hash = r.String(doc, root, "content_hash", false);
}

//-----------------------------------------------------------------------------
// [SECTION] Validation (cross-references)
//-----------------------------------------------------------------------------

// Characters, not bytes: a UTF-8 continuation byte does not start one.
size_t TextLength(std::string_view text)
{
    return static_cast<size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool IsHexColour(std::string_view text)
{
    if (text.size() != 7 || text[0] != '#')
        return false;
    for (char c : text.substr(1))
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return false;
    return true;
}

// Collects ids, reporting each duplicate at the pointer of its second appearance.
template <typename T, typename GetId>
std::set<std::string> UniqueIds(const std::vector<T>& items, const std::string& where, const char* what,
                                GetId get_id, std::vector<Problem>& problems)
{
    std::set<std::string> ids;
    for (size_t i = 0; i < items.size(); ++i)
        if (!ids.insert(get_id(items[i])).second)
            problems.push_back(
                {where + "/" + std::to_string(i), std::string(what) + " \"" + get_id(items[i]) +
                                                      "\" appears more than once; ids must be unique."});
    return ids;
}

void CheckReferences(const std::vector<std::string>& refs, const std::set<std::string>& known,
                     const std::string& where, const char* what, std::vector<Problem>& problems)
{
    for (size_t i = 0; i < refs.size(); ++i)
        if (!known.contains(refs[i]))
            problems.push_back({where + "/" + std::to_string(i),
                                std::string(what) + " \"" + refs[i] + "\" does not exist in this snapshot."});
}

} // namespace

std::string_view ToString(Unit unit)
{
    return NameOf(kUnitNames, unit);
}
std::string_view ToString(MeasureBasis basis)
{
    return NameOf(kBasisNames, basis);
}
std::string_view ToString(Polarity polarity)
{
    return NameOf(kPolarityNames, polarity);
}
std::string_view ToString(DueKind kind)
{
    return NameOf(kDueKindNames, kind);
}
std::string_view ToString(TargetKind kind)
{
    return NameOf(kTargetKindNames, kind);
}
std::string_view ToString(DashboardKind kind)
{
    return NameOf(kDashboardKindNames, kind);
}
std::optional<Unit> ParseUnit(std::string_view text)
{
    return FromName(kUnitNames, text);
}
std::optional<MeasureBasis> ParseMeasureBasis(std::string_view text)
{
    return FromName(kBasisNames, text);
}
std::optional<Polarity> ParsePolarity(std::string_view text)
{
    return FromName(kPolarityNames, text);
}

std::string SnapshotToJson(const Snapshot& snapshot)
{
    return ToJson(snapshot).dump() + "\n";
}

std::string SnapshotToJsonWithHash(const Snapshot& snapshot, std::string_view hash)
{
    OrderedJson doc = ToJson(snapshot);
    doc["content_hash"] = hash;
    return doc.dump() + "\n";
}

std::vector<Problem> ValidateSnapshot(const Snapshot& s)
{
    std::vector<Problem> problems;
    if (s.rag_key.empty())
        problems.push_back({"/rag_key", "is empty; the plan's RAG key needs at least one level."});
    const auto codes = UniqueIds(
        s.rag_key, "/rag_key", "RAG code", [](auto& l) { return l.code; }, problems);
    // A key need not have a done level (Torbay's Green means "proceeding as planned"): then only the due
    // date decides what is overdue.
    for (size_t i = 0; i < s.rag_key.size(); ++i)
    {
        const RagLevel& level = s.rag_key[i];
        const std::string at = "/rag_key/" + std::to_string(i);
        if (!IsHexColour(level.colour))
            problems.push_back(
                {at + "/colour",
                 "\"" + level.colour + "\" is not a colour; write it as #RRGGBB, e.g. #C0392B."});
        if (TextLength(level.code) > kMaxRagCodeLength)
            problems.push_back({at + "/code", "\"" + level.code + "\" is longer than " +
                                                  std::to_string(kMaxRagCodeLength) +
                                                  " characters; a code is shown on every badge."});
        if (TextLength(level.short_code) > kMaxRagShortLength)
            problems.push_back({at + "/short", "\"" + level.short_code + "\" is longer than " +
                                                   std::to_string(kMaxRagShortLength) +
                                                   " characters; a short form must fit a small badge."});
    }

    const auto priorities = UniqueIds(
        s.priorities, "/priorities", "Priority", [](auto& p) { return p.id; }, problems);
    const auto teams = UniqueIds(
        s.teams, "/teams", "Team", [](auto& t) { return t.id; }, problems);
    const auto actions = UniqueIds(
        s.actions, "/actions", "Action", [](auto& a) { return a.id; }, problems);
    const auto indicators = UniqueIds(
        s.indicators, "/indicators", "Indicator", [](auto& i) { return i.id; }, problems);
    UniqueIds(
        s.dashboards, "/dashboards", "Dashboard", [](auto& d) { return d.id; }, problems);

    for (size_t i = 0; i < s.actions.size(); ++i)
    {
        const Action& a = s.actions[i];
        const std::string at = "/actions/" + std::to_string(i);
        if (!priorities.contains(a.priority))
            problems.push_back(
                {at + "/priority", "priority \"" + a.priority + "\" is not one of the plan's priorities."});
        if (!a.rag.empty() && !codes.contains(a.rag))
            problems.push_back({at + "/rag", "\"" + a.rag + "\" is not a code in the plan's RAG key."});
        CheckReferences(a.teams, teams, at + "/teams", "Team", problems);
        if (!std::is_sorted(a.due.milestones.begin(), a.due.milestones.end()) ||
            (!a.due.milestones.empty() && a.due.date != a.due.milestones.front()))
            problems.push_back(
                {at + "/due/milestones", "must be in date order, the first equal to \"date\"."});
    }
    for (size_t i = 0; i < s.indicators.size(); ++i)
    {
        const Indicator& ind = s.indicators[i];
        const std::string at = "/indicators/" + std::to_string(i);
        CheckReferences(ind.teams, teams, at + "/teams", "Team", problems);
        const auto& steps = ind.target.steps;
        for (size_t k = 1; k < steps.size(); ++k)
            if (!steps[k - 1].by || (steps[k].by && *steps[k].by <= *steps[k - 1].by))
                problems.push_back({at + "/target/steps/" + std::to_string(k),
                                    "target steps must be in date order; only the last may be undated."});
        for (size_t k = 1; k < ind.series.size(); ++k)
            if (!(ind.series[k - 1].period < ind.series[k].period))
                problems.push_back({at + "/series/" + std::to_string(k),
                                    "period " + FormatIsoPeriod(ind.series[k].period) +
                                        " is out of order or repeated; list each month once, oldest first."});
    }
    for (size_t i = 0; i < s.dashboards.size(); ++i)
    {
        const Dashboard& d = s.dashboards[i];
        const std::string at = "/dashboards/" + std::to_string(i);
        // A dashboard id names a page: in --page, in the playlist and in a screenshot's file name.
        const bool safe =
            !d.id.empty() &&
            std::all_of(d.id.begin(), d.id.end(),
                        [](char c)
                        { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
        if (!safe)
            problems.push_back({at + "/id", "\"" + d.id +
                                                "\" names a page and a screenshot file; use only letters, "
                                                "digits, '-' and '_'."});
        else if (d.id == kOverduePageId)
            problems.push_back({at + "/id", "\"overdue\" is the board's own overdue-actions page; choose "
                                            "another id."});
        CheckReferences(d.teams, teams, at + "/teams", "Team", problems);
        CheckReferences(d.indicators, indicators, at + "/indicators", "Indicator", problems);
        CheckReferences(d.actions, actions, at + "/actions", "Action", problems);
    }
    return problems;
}

Result<Snapshot> ParseSnapshot(std::string_view text)
{
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return std::vector<Problem>{{"", "the document is empty; a snapshot is a JSON object."}};
    if (auto at = FindExcessiveNesting(text, kMaxSnapshotDepth))
        return std::vector<Problem>{{"", "nested more than " + std::to_string(kMaxSnapshotDepth) +
                                             " levels deep at byte " + std::to_string(*at) +
                                             "; this is not a snapshot."}};
    // A snapshot is text; a NUL byte means it is something else (and some JSON readers stop there).
    if (const size_t nul = text.find('\0'); nul != std::string_view::npos)
        return std::vector<Problem>{{"", "not valid JSON: a NUL byte at byte " + std::to_string(nul) +
                                             "; this is not a text document."}};
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (const auto error = parser.parse(simdjson::padded_string(text)).get(root); error != simdjson::SUCCESS)
        return std::vector<Problem>{{"", std::string("not valid JSON: ") + simdjson::error_message(error)}};
    const JsonValue doc(root);
    if (!doc.IsObject())
        return std::vector<Problem>{
            {"", "a snapshot is a JSON object, but this document is " + doc.Describe() + "."}};

    const auto schema = doc.Member("schema");
    if (!schema || !schema->IsString())
        return std::vector<Problem>{
            {"/schema", "is missing; this is not a Wallboard snapshot (expected \"schema\": \"" +
                            std::string(kSnapshotSchema) + "\")."}};
    const std::string schema_text(schema->Text());
    const auto major = SchemaMajorVersion(schema_text);
    if (!major)
        return std::vector<Problem>{{"/schema", "\"" + schema_text +
                                                    "\" is not a Wallboard snapshot schema (expected \"" +
                                                    std::string(kSnapshotSchema) + "\")."}};
    if (*major != kSnapshotMajorVersion)
        return std::vector<Problem>{{"/schema", "version " + std::to_string(*major) +
                                                    " is not understood by this board, which reads version " +
                                                    std::to_string(kSnapshotMajorVersion) +
                                                    "; update the board or publish version " +
                                                    std::to_string(kSnapshotMajorVersion) + "."}};

    std::vector<Problem> problems;
    Reader reader(problems);
    Snapshot snapshot;
    ReadSnapshot(reader, doc, snapshot);
    if (reader.Suppressed() > 0)
        problems.push_back({"", "and " + std::to_string(reader.Suppressed()) + " more problems like these."});
    if (problems.empty())
        problems = ValidateSnapshot(snapshot);
    if (!problems.empty())
        return problems;
    return snapshot;
}

} // namespace wb
