// Snapshot serialisation, parsing and validation. The format: snapshot_format.md.
//
// [SECTION] Enum names
// [SECTION] Writing
// [SECTION] Reading (shape and types)
// [SECTION] Validation (cross-references)
#include "core/snapshot.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <functional>
#include <set>

namespace wb
{
namespace
{

using Json = nlohmann::json;
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
                                         {Unit::Days, "days"}};
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
                                                     {TargetKind::None, "none"}};
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
        doc["rag_key"].push_back({{"code", level.code},
                                  {"label", level.label},
                                  {"colour", level.colour},
                                  {"definition", level.definition},
                                  {"done", level.done}});

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
        doc["actions"].push_back({{"id", a.id},
                                  {"ref", a.ref},
                                  {"priority", a.priority},
                                  {"outcome", a.outcome},
                                  {"text", a.text},
                                  {"lead", a.lead},
                                  {"teams", StringArray(a.teams)},
                                  {"due", due},
                                  {"rag", a.rag},
                                  {"evidence", evidence},
                                  {"inspection_refs", StringArray(a.inspection_refs)},
                                  {"priority_action", a.priority_action}});
    }

    doc["indicators"] = OrderedJson::array();
    for (const Indicator& ind : s.indicators)
    {
        OrderedJson target = {{"kind", NameOf(kTargetKindNames, ind.target.kind)}};
        if (ind.target.kind == TargetKind::Value)
            target["value"] = ind.target.value;
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

std::string Describe(const Json& value)
{
    switch (value.type())
    {
    case Json::value_t::null:
        return "null";
    case Json::value_t::boolean:
        return "true or false";
    case Json::value_t::string:
        return "text";
    case Json::value_t::array:
        return "a list";
    case Json::value_t::object:
        return "an object";
    default:
        return value.is_number() ? "a number" : "something else";
    }
}

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

    // The member `key` of `object`, checked to be of the expected kind. nullptr when missing or wrong.
    const Json* Member(const Json& object, const Path& where, const char* key, bool required,
                       bool (Json::*is_kind)() const noexcept, const char* kind_words)
    {
        const auto found = object.find(key);
        if (found == object.end())
        {
            if (required)
                Fail(where.Member(key), std::string("is missing; it must be ") + kind_words + ".");
            return nullptr;
        }
        if (!((*found).*is_kind)())
        {
            Fail(where.Member(key),
                 "must be " + std::string(kind_words) + ", but is " + Describe(*found) + ".");
            return nullptr;
        }
        return &*found;
    }

    std::string String(const Json& object, const Path& where, const char* key, bool required = true)
    {
        const Json* value = Member(object, where, key, required, &Json::is_string, "text");
        return value ? value->get<std::string>() : std::string();
    }

    std::string NonEmptyString(const Json& object, const Path& where, const char* key)
    {
        std::string text = String(object, where, key);
        if (text.empty() && object.contains(key) && object[key].is_string())
            Fail(where.Member(key), "must not be empty.");
        return text;
    }

    bool Bool(const Json& object, const Path& where, const char* key, bool required = true)
    {
        const Json* value = Member(object, where, key, required, &Json::is_boolean, "true or false");
        return value && value->get<bool>();
    }

    std::optional<double> Number(const Json& object, const Path& where, const char* key, bool required = true)
    {
        const Json* value = Member(object, where, key, required, &Json::is_number, "a number");
        // The JSON reader refuses numbers beyond a double's range, so every number here is finite.
        return value ? std::optional<double>(value->get<double>()) : std::nullopt;
    }

    std::optional<Date> DateMember(const Json& object, const Path& where, const char* key,
                                   bool required = true)
    {
        const Json* value = Member(object, where, key, required, &Json::is_string, "a date (YYYY-MM-DD)");
        if (!value)
            return std::nullopt;
        const std::string& text = value->get_ref<const std::string&>();
        auto date = ParseIsoDate(text);
        if (!date)
            Fail(where.Member(key),
                 "\"" + text + "\" is not a date; write it as YYYY-MM-DD, e.g. 2023-03-31.");
        return date;
    }

    template <typename E, size_t N>
    E Enum(const Json& object, const Path& where, const char* key, const EnumName<E> (&table)[N], E fallback)
    {
        const Json* value = Member(object, where, key, true, &Json::is_string, "text");
        if (!value)
            return fallback;
        const std::string& text = value->get_ref<const std::string&>();
        if (auto parsed = FromName(table, text))
            return *parsed;
        Fail(where.Member(key), "\"" + text + "\" is not one of " + ListNames(table) + ".");
        return fallback;
    }

    // Calls each(element, path) for every element of the array member `key`.
    template <typename Each>
    void Array(const Json& object, const Path& where, const char* key, bool required, Each each)
    {
        const Json* array = Member(object, where, key, required, &Json::is_array, "a list");
        if (!array)
            return;
        const Path array_path = where.Member(key);
        for (size_t i = 0; i < array->size(); ++i)
            each((*array)[i], array_path.Element(i));
    }

    // Like Array, but each element must be an object.
    template <typename Each>
    void Objects(const Json& object, const Path& where, const char* key, bool required, Each each)
    {
        Array(object, where, key, required,
              [&](const Json& element, const Path& path)
              {
                  if (!element.is_object())
                      Fail(path, "must be an object, but is " + Describe(element) + ".");
                  else
                      each(element, path);
              });
    }

    std::vector<std::string> Strings(const Json& object, const Path& where, const char* key,
                                     bool required = true)
    {
        std::vector<std::string> items;
        Array(object, where, key, required,
              [&](const Json& element, const Path& path)
              {
                  if (element.is_string())
                      items.push_back(element.get<std::string>());
                  else
                      Fail(path, "must be text, but is " + Describe(element) + ".");
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

void ReadAction(Reader& r, const Json& j, const Path& at, Action& a)
{
    a.id = r.NonEmptyString(j, at, "id");
    a.ref = r.NonEmptyString(j, at, "ref");
    a.priority = r.String(j, at, "priority");
    a.outcome = r.String(j, at, "outcome");
    a.text = r.String(j, at, "text");
    a.lead = r.String(j, at, "lead");
    a.teams = r.Strings(j, at, "teams");
    a.rag = r.String(j, at, "rag");
    a.inspection_refs = r.Strings(j, at, "inspection_refs", false);
    a.priority_action = r.Bool(j, at, "priority_action", false);
    if (const Json* due = r.Member(j, at, "due", true, &Json::is_object, "an object"))
    {
        const Path due_at = at.Member("due");
        a.due.kind = r.Enum(*due, due_at, "kind", kDueKindNames, DueKind::None);
        a.due.text = r.String(*due, due_at, "text", false);
        a.due.date = r.DateMember(*due, due_at, "date", a.due.kind == DueKind::OnDate);
    }
    r.Objects(j, at, "evidence", false,
              [&](const Json& note, const Path& note_at)
              {
                  EvidenceNote& out = a.evidence.emplace_back();
                  out.date = r.DateMember(note, note_at, "date", false);
                  out.text = r.String(note, note_at, "text");
              });
}

void ReadIndicator(Reader& r, const Json& j, const Path& at, Indicator& ind)
{
    ind.id = r.NonEmptyString(j, at, "id");
    ind.section = r.String(j, at, "section", false);
    ind.name = r.NonEmptyString(j, at, "name");
    ind.unit = r.Enum(j, at, "unit", kUnitNames, Unit::Count);
    ind.basis = r.Enum(j, at, "basis", kBasisNames, MeasureBasis::Other);
    ind.polarity = r.Enum(j, at, "polarity", kPolarityNames, Polarity::Monitor);
    ind.mtfp = r.String(j, at, "mtfp", false);
    ind.teams = r.Strings(j, at, "teams");
    if (const Json* target = r.Member(j, at, "target", true, &Json::is_object, "an object"))
    {
        const Path target_at = at.Member("target");
        ind.target.kind = r.Enum(*target, target_at, "kind", kTargetKindNames, TargetKind::None);
        if (ind.target.kind == TargetKind::Value)
            ind.target.value = r.Number(*target, target_at, "value").value_or(0);
    }
    r.Objects(j, at, "comparators", false,
              [&](const Json& c, const Path& c_at)
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
    // The hot loop of a large snapshot: one lookup per member, no copies.
    if (const auto series = j.find("series"); series != j.end() && series->is_array())
        ind.series.reserve(series->size());
    r.Objects(
        j, at, "series", true,
        [&](const Json& item, const Path& item_at)
        {
            PeriodValue& pv = ind.series.emplace_back();
            if (const Json* period =
                    r.Member(item, item_at, "period", true, &Json::is_string, "a month (YYYY-MM)"))
            {
                const std::string& text = period->get_ref<const std::string&>();
                if (auto parsed = ParseIsoPeriod(text))
                    pv.period = *parsed;
                else
                    r.Fail(item_at.Member("period"),
                           "\"" + text + "\" is not a month; write it as YYYY-MM, e.g. 2023-03.");
            }
            const auto value = item.find("value");
            const auto placeholder = item.find("placeholder");
            const bool has_value = value != item.end();
            if (has_value == (placeholder != item.end()))
                r.Fail(item_at, "must have either \"value\" (a number) or \"placeholder\" (text), not " +
                                    std::string(has_value ? "both." : "neither."));
            else if (has_value && value->is_number())
                pv.value = value->get<double>();
            else if (has_value)
                r.Fail(item_at.Member("value"), "must be a number, but is " + Describe(*value) + ".");
            else if (!placeholder->is_string())
                r.Fail(item_at.Member("placeholder"), "must be text, but is " + Describe(*placeholder) + ".");
            else if (placeholder->get_ref<const std::string&>().empty())
                r.Fail(item_at.Member("placeholder"), "must say why there is no value; it is empty.");
            else
                pv.placeholder = placeholder->get_ref<const std::string&>();
        });
}

// Reads everything but the elements of "actions" and "indicators", which StreamingDom has already
// handed to ReadAction and ReadIndicator one at a time; here those arrays are only checked to exist.
void ReadSnapshot(Reader& r, const Json& doc, Snapshot& s)
{
    const Path root;
    if (const Json* plan = r.Member(doc, root, "plan", true, &Json::is_object, "an object"))
    {
        const Path at = root.Member("plan");
        s.plan.id = r.NonEmptyString(*plan, at, "id");
        s.plan.authority = r.NonEmptyString(*plan, at, "authority");
        s.plan.title = r.NonEmptyString(*plan, at, "title");
        s.plan.as_of = r.DateMember(*plan, at, "as_of").value_or(Date{});
        s.plan.start = r.DateMember(*plan, at, "start", false);
    }
    r.Objects(doc, root, "rag_key", true,
              [&](const Json& j, const Path& at)
              {
                  RagLevel& level = s.rag_key.emplace_back();
                  level.code = r.NonEmptyString(j, at, "code");
                  level.label = r.NonEmptyString(j, at, "label");
                  level.colour = r.String(j, at, "colour");
                  level.definition = r.String(j, at, "definition");
                  level.done = r.Bool(j, at, "done");
              });
    r.Objects(doc, root, "priorities", true,
              [&](const Json& j, const Path& at)
              {
                  Priority& p = s.priorities.emplace_back();
                  p.id = r.NonEmptyString(j, at, "id");
                  p.title = r.NonEmptyString(j, at, "title");
                  p.statement = r.String(j, at, "statement", false);
              });
    r.Objects(doc, root, "teams", true,
              [&](const Json& j, const Path& at)
              {
                  Team& t = s.teams.emplace_back();
                  t.id = r.NonEmptyString(j, at, "id");
                  t.name = r.NonEmptyString(j, at, "name");
              });
    r.Objects(doc, root, "actions", true,
              [&](const Json& j, const Path& at) { ReadAction(r, j, at, s.actions.emplace_back()); });
    r.Objects(doc, root, "indicators", true,
              [&](const Json& j, const Path& at) { ReadIndicator(r, j, at, s.indicators.emplace_back()); });
    r.Objects(doc, root, "dashboards", true,
              [&](const Json& j, const Path& at)
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

// Builds the document like nlohmann's own DOM parser, except that each element of the top-level
// "actions" and "indicators" arrays is handed to a callback as soon as it is complete and then
// dropped. A large snapshot's months never all exist as JSON values at once: the peak is the model
// plus one indicator, not the model plus a DOM of the whole file.
class StreamingDom final : public nlohmann::json_sax<Json>
{
  public:
    using OnElement = std::function<void(const std::string& array, size_t index, const Json& element)>;

    explicit StreamingDom(OnElement on_element) : m_on_element(std::move(on_element)) {}

    Json& Root() { return m_root; }
    const std::string& Error() const { return m_error; }

    bool null() override { return Add(Json(nullptr)); }
    bool boolean(bool value) override { return Add(Json(value)); }
    bool number_integer(number_integer_t value) override { return Add(Json(value)); }
    bool number_unsigned(number_unsigned_t value) override { return Add(Json(value)); }
    bool number_float(number_float_t value, const string_t&) override { return Add(Json(value)); }
    bool string(string_t& value) override { return Add(Json(std::move(value))); }
    bool binary(binary_t&) override { return true; } // JSON text has no binary values

    bool start_object(std::size_t) override
    {
        m_stack.push_back(Place(Json::object()));
        return true;
    }

    bool key(string_t& name) override
    {
        if (m_stack.size() == 1)
            m_top_key = name;
        m_member = &(*m_stack.back())[name];
        return true;
    }

    bool end_object() override
    {
        m_stack.pop_back();
        return Completed();
    }

    bool start_array(std::size_t) override
    {
        m_stack.push_back(Place(Json::array()));
        if (m_stack.size() == 2)
        {
            m_streaming = m_top_key == "actions" || m_top_key == "indicators";
            m_index = 0;
        }
        return true;
    }

    bool end_array() override
    {
        m_stack.pop_back();
        if (m_stack.size() == 1)
            m_streaming = false;
        return Completed();
    }

    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) override
    {
        m_error = error.what();
        if (const size_t end = m_error.find("] "); end != std::string::npos)
            m_error = m_error.substr(end + 2);
        return false;
    }

  private:
    // Puts a new value where the parser is: the root, the end of an array, or the member just named.
    Json* Place(Json value)
    {
        if (m_stack.empty())
        {
            m_root = std::move(value);
            return &m_root;
        }
        if (m_stack.back()->is_array())
        {
            m_stack.back()->push_back(std::move(value));
            return &m_stack.back()->back();
        }
        *m_member = std::move(value);
        return m_member;
    }

    bool Add(Json value)
    {
        Place(std::move(value));
        return Completed();
    }

    // Called after any value ends. An element of a streamed array is handed over and dropped.
    bool Completed()
    {
        if (m_streaming && m_stack.size() == 2)
        {
            Json& array = *m_stack.back();
            m_on_element(m_top_key, m_index++, array.back());
            array.get_ref<Json::array_t&>().pop_back();
        }
        return true;
    }

    OnElement m_on_element;
    Json m_root;
    std::vector<Json*> m_stack;
    Json* m_member = nullptr;
    std::string m_top_key;
    bool m_streaming = false;
    size_t m_index = 0;
    std::string m_error;
};

//-----------------------------------------------------------------------------
// [SECTION] Validation (cross-references)
//-----------------------------------------------------------------------------

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
    bool any_done = false;
    for (size_t i = 0; i < s.rag_key.size(); ++i)
    {
        any_done = any_done || s.rag_key[i].done;
        if (!IsHexColour(s.rag_key[i].colour))
            problems.push_back(
                {"/rag_key/" + std::to_string(i) + "/colour",
                 "\"" + s.rag_key[i].colour + "\" is not a colour; write it as #RRGGBB, e.g. #C0392B."});
    }
    if (!s.rag_key.empty() && !any_done)
        problems.push_back({"/rag_key",
                            "no level is marked \"done\": true, so no action could ever be complete. "
                            "Mark the level(s) that mean the task is finished."});

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
    }
    for (size_t i = 0; i < s.indicators.size(); ++i)
    {
        const Indicator& ind = s.indicators[i];
        const std::string at = "/indicators/" + std::to_string(i);
        CheckReferences(ind.teams, teams, at + "/teams", "Team", problems);
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
    // The JSON reader stops at a NUL byte as at the end of input; a snapshot never holds one.
    if (const size_t nul = text.find('\0'); nul != std::string_view::npos)
        return std::vector<Problem>{{"", "not valid JSON: a NUL byte at byte " + std::to_string(nul) +
                                             "; this is not a text document."}};
    std::vector<Problem> problems;
    Reader reader(problems);
    Snapshot snapshot;
    StreamingDom dom(
        [&](const std::string& array, size_t index, const Json& element)
        {
            const Path root;
            const Path members = root.Member(array == "actions" ? "actions" : "indicators");
            const Path at = members.Element(index);
            if (!element.is_object())
                reader.Fail(at, "must be an object, but is " + Describe(element) + ".");
            else if (array == "actions")
                ReadAction(reader, element, at, snapshot.actions.emplace_back());
            else
                ReadIndicator(reader, element, at, snapshot.indicators.emplace_back());
        });
    if (!Json::sax_parse(text.begin(), text.end(), &dom))
        return std::vector<Problem>{{"", "not valid JSON: " + dom.Error()}};
    const Json& doc = dom.Root();
    if (!doc.is_object())
        return std::vector<Problem>{
            {"", "a snapshot is a JSON object, but this document is " + Describe(doc) + "."}};

    const auto schema = doc.find("schema");
    if (schema == doc.end() || !schema->is_string())
        return std::vector<Problem>{
            {"/schema", "is missing; this is not a Wallboard snapshot (expected \"schema\": \"" +
                            std::string(kSnapshotSchema) + "\")."}};
    const auto major = SchemaMajorVersion(schema->get<std::string>());
    if (!major)
        return std::vector<Problem>{{"/schema", "\"" + schema->get<std::string>() +
                                                    "\" is not a Wallboard snapshot schema (expected \"" +
                                                    std::string(kSnapshotSchema) + "\")."}};
    if (*major != kSnapshotMajorVersion)
        return std::vector<Problem>{{"/schema", "version " + std::to_string(*major) +
                                                    " is not understood by this board, which reads version " +
                                                    std::to_string(kSnapshotMajorVersion) +
                                                    "; update the board or publish version " +
                                                    std::to_string(kSnapshotMajorVersion) + "."}};

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
