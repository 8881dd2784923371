// The fleet page: reports checked (ParseReport), kept (FleetStore, SQLite) and shown (FleetHtml, FleetJson).
#include "publish/fleet.h"

#include "io/freshness.h"
#include "io/status.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <ctime>
#include <iomanip>
#include <sstream>

namespace wb::publish
{
namespace
{

using Json = nlohmann::ordered_json;

std::string UtcTime(std::int64_t seconds, const char* format)
{
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm utc{};
    std::ostringstream text;
    text << std::put_time(gmtime_r(&t, &utc), format);
    return text.str();
}

std::string HtmlEscaped(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text)
        switch (c)
        {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    return out;
}

// Text a board sent: at most `limit` bytes, no control characters (they would break a row or a log).
bool PlainText(const Json& value, size_t limit)
{
    if (!value.is_string())
        return false;
    const std::string& text = value.get_ref<const std::string&>();
    return text.size() <= limit &&
           std::none_of(text.begin(), text.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

std::string DataAgeWords(const ScreenReport& report)
{
    return report.data_age_s ? io::AgeInWords(std::max<std::int64_t>(*report.data_age_s, 0)) : "no data yet";
}

std::string LastSeenWords(const ScreenReport& report, std::int64_t now)
{
    return io::AgeInWords(std::max<std::int64_t>(now - report.received_at, 0)) + " ago";
}

// Worst first, so that a phone shows what needs a walk round the building at the top.
std::vector<const ScreenReport*> Ordered(const std::vector<ScreenReport>& screens, std::int64_t now)
{
    std::vector<const ScreenReport*> ordered;
    for (const ScreenReport& screen : screens)
        ordered.push_back(&screen);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [now](const ScreenReport* a, const ScreenReport* b)
                     {
                         const auto rank_a = static_cast<int>(ClassifyScreen(*a, now));
                         const auto rank_b = static_cast<int>(ClassifyScreen(*b, now));
                         return rank_a != rank_b ? rank_a < rank_b : a->screen_id < b->screen_id;
                     });
    return ordered;
}

Json ToStored(const ScreenReport& report)
{
    Json doc;
    doc["screen_id"] = report.screen_id;
    doc["state"] = report.state;
    doc["data_age_seconds"] = report.data_age_s ? Json(*report.data_age_s) : Json(nullptr);
    doc["page"] = report.page;
    doc["version"] = report.version;
    doc["last_error"] = report.last_error;
    doc["stale_after_seconds"] = report.stale_after_s;
    doc["report_interval_seconds"] = report.report_interval_s;
    return doc;
}

} // namespace

ScreenState ClassifyScreen(const ScreenReport& report, std::int64_t now)
{
    if (now - report.received_at > 3 * report.report_interval_s)
        return ScreenState::NotHeardFrom;
    if (report.state == io::kOffHoursState)
        return ScreenState::OffHours;
    if (report.state == io::ToString(io::SyncState::Offline))
        return ScreenState::Offline;
    if (report.state == io::ToString(io::SyncState::Stale))
        return ScreenState::Stale;
    if (report.data_age_s && *report.data_age_s > report.stale_after_s)
        return ScreenState::Stale;
    return ScreenState::Online;
}

const char* StateWords(ScreenState state)
{
    switch (state)
    {
    case ScreenState::NotHeardFrom:
        return "not heard from";
    case ScreenState::Offline:
        return "offline";
    case ScreenState::Stale:
        return "stale";
    case ScreenState::OffHours:
        return "off hours";
    case ScreenState::Online:
        return "online";
    }
    return "?";
}

const char* StateId(ScreenState state)
{
    switch (state)
    {
    case ScreenState::NotHeardFrom:
        return "not-heard-from";
    case ScreenState::OffHours:
        return io::kOffHoursState;
    default:
        return StateWords(state);
    }
}

Result<ScreenReport> ParseReport(std::string_view body, std::int64_t received_at)
{
    const Json doc = Json::parse(body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return std::vector<Problem>{{"", "the report is not a JSON object"}};
    const auto problem = [](const char* field, const char* what) {
        return std::vector<Problem>{{field, what}};
    };
    ScreenReport report;
    report.received_at = received_at;
    const auto text = [&](const char* field, size_t limit, std::string& into) -> bool
    {
        if (!doc.contains(field))
            return true; // optional: stays empty
        if (!PlainText(doc[field], limit))
            return false;
        into = doc[field].get<std::string>();
        return true;
    };
    if (!doc.contains("screen_id") || !PlainText(doc["screen_id"], 100) ||
        doc["screen_id"].get_ref<const std::string&>().empty())
        return problem("screen_id", "must be text of 1 to 100 characters without control characters");
    report.screen_id = doc["screen_id"].get<std::string>();
    const std::string states[] = {io::ToString(io::SyncState::Online), io::ToString(io::SyncState::Stale),
                                  io::ToString(io::SyncState::Offline), io::kOffHoursState};
    if (!doc.contains("state") || !doc["state"].is_string() ||
        std::find(std::begin(states), std::end(states), doc["state"].get<std::string>()) == std::end(states))
        return problem("state", "must be one of \"online\", \"stale\", \"offline\" or \"off-hours\"");
    report.state = doc["state"].get<std::string>();
    if (const auto age = doc.find("data_age_seconds"); age != doc.end() && !age->is_null())
    {
        if (!age->is_number_integer())
            return problem("data_age_seconds", "must be a whole number of seconds, or null");
        report.data_age_s = age->get<std::int64_t>();
    }
    if (!text("page", 200, report.page))
        return problem("page", "must be text of at most 200 characters");
    if (!text("version", 100, report.version))
        return problem("version", "must be text of at most 100 characters");
    if (!text("last_error", 2000, report.last_error))
        return problem("last_error", "must be text of at most 2000 characters");
    const auto seconds = [&](const char* field, std::int64_t min, std::int64_t max, std::int64_t& into)
    {
        const auto found = doc.find(field);
        if (found == doc.end())
            return true;
        if (!found->is_number_integer() || found->get<std::int64_t>() < min ||
            found->get<std::int64_t>() > max)
            return false;
        into = found->get<std::int64_t>();
        return true;
    };
    if (!seconds("stale_after_seconds", 60, 10080 * 60, report.stale_after_s))
        return problem("stale_after_seconds", "must be a whole number of seconds from 60 to 604800");
    if (!seconds("report_interval_seconds", 10, 86400, report.report_interval_s))
        return problem("report_interval_seconds", "must be a whole number of seconds from 10 to 86400");
    return report;
}

Result<std::unique_ptr<FleetStore>> FleetStore::Open(const std::string& path)
{
    sqlite3* db = nullptr;
    const auto fail = [&](const std::string& what)
    {
        std::string text = what + (db ? std::string(": ") + sqlite3_errmsg(db) : std::string());
        sqlite3_close(db);
        return std::vector<Problem>{{path, text}};
    };
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK)
        return fail("cannot open the fleet database");
    sqlite3_busy_timeout(db, 2000);
    if (sqlite3_exec(
            db,
            "CREATE TABLE IF NOT EXISTS screens (screen_id TEXT PRIMARY KEY, received_at INTEGER NOT "
            "NULL, report TEXT NOT NULL)",
            nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail("cannot make the fleet database's table (is it another program's file?)");
    return std::unique_ptr<FleetStore>(new FleetStore(db));
}

FleetStore::~FleetStore()
{
    sqlite3_close(static_cast<sqlite3*>(m_db));
}

std::string FleetStore::Save(const ScreenReport& report)
{
    std::lock_guard lock(m_mutex);
    auto* db = static_cast<sqlite3*>(m_db);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db,
                           "INSERT OR REPLACE INTO screens (screen_id, received_at, report) VALUES (?, ?, ?)",
                           -1, &statement, nullptr) != SQLITE_OK)
        return sqlite3_errmsg(db);
    const std::string stored = ToStored(report).dump();
    sqlite3_bind_text(statement, 1, report.screen_id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(statement, 2, report.received_at);
    sqlite3_bind_text(statement, 3, stored.c_str(), -1, SQLITE_TRANSIENT);
    const int step = sqlite3_step(statement);
    sqlite3_finalize(statement);
    return step == SQLITE_DONE ? std::string() : std::string(sqlite3_errmsg(db));
}

std::vector<ScreenReport> FleetStore::All()
{
    std::lock_guard lock(m_mutex);
    auto* db = static_cast<sqlite3*>(m_db);
    std::vector<ScreenReport> screens;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT received_at, report FROM screens ORDER BY screen_id", -1, &statement,
                           nullptr) != SQLITE_OK)
        return screens;
    while (sqlite3_step(statement) == SQLITE_ROW)
    {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 1));
        // Checked again on the way out: a row someone edited by hand is left out, not shown half-read.
        auto parsed = ParseReport(text ? text : "", sqlite3_column_int64(statement, 0));
        if (parsed.Ok())
            screens.push_back(std::move(parsed).Value());
    }
    sqlite3_finalize(statement);
    return screens;
}

std::string FleetJson(const std::vector<ScreenReport>& screens, std::int64_t now)
{
    Json doc;
    doc["generated_at"] = UtcTime(now, "%Y-%m-%dT%H:%M:%SZ");
    doc["screens"] = Json::array();
    for (const ScreenReport* screen : Ordered(screens, now))
    {
        const ScreenState state = ClassifyScreen(*screen, now);
        Json row;
        row["screen_id"] = screen->screen_id;
        row["state"] = StateId(state);
        row["state_words"] = StateWords(state);
        row["board_state"] = screen->state;
        row["data_age_seconds"] = screen->data_age_s ? Json(*screen->data_age_s) : Json(nullptr);
        row["data_age"] = DataAgeWords(*screen);
        row["page"] = screen->page;
        row["version"] = screen->version;
        row["last_seen"] = UtcTime(screen->received_at, "%Y-%m-%dT%H:%M:%SZ");
        row["last_seen_seconds_ago"] = now - screen->received_at;
        row["last_error"] = screen->last_error;
        doc["screens"].push_back(std::move(row));
    }
    return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string FleetHtml(const std::vector<ScreenReport>& screens, std::int64_t now, int refresh_s)
{
    // Sizes in em (the phone's own text size); a colour always beside its word; one column under 40em.
    std::string html = R"(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content=")" +
                       std::to_string(refresh_s) +
                       R"(">
<title>Wallboard fleet</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1em; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.4em; margin: 0 0 0.3em; }
p.summary { margin: 0 0 1em; color: #444; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.5em 0.7em; border-bottom: 1px solid #ccc; vertical-align: baseline; }
th { background: #f2f2f2; }
.state { display: inline-block; padding: 0.15em 0.6em; border-radius: 0.3em; font-weight: bold; }
.state::before { content: "\25CF\00A0"; }
.online { background: #d6f0dc; color: #0b5d1e; }
.stale { background: #fff0c2; color: #6b4e00; }
.offline { background: #fbd5d5; color: #8a1111; }
.off-hours { background: #e2e4ea; color: #2e3440; }
.not-heard-from { background: #1b1b1b; color: #fff; }
.error { color: #8a1111; font-size: 0.9em; }
@media (max-width: 40em) {
  table, thead, tbody, tr, th, td { display: block; }
  thead { display: none; }
  tr { border: 1px solid #ccc; border-radius: 0.4em; margin: 0 0 0.8em; padding: 0.3em 0; }
  td { border: none; padding: 0.25em 0.7em 0.25em 7.5em; position: relative; }
  td::before { content: attr(data-label); position: absolute; left: 0.7em; width: 6.5em; color: #555; }
}
</style>
</head>
<body>
<h1>Wallboard fleet</h1>
)";
    const auto ordered = Ordered(screens, now);
    int counts[5] = {};
    for (const ScreenReport* screen : ordered)
        ++counts[static_cast<int>(ClassifyScreen(*screen, now))];
    std::string summary = std::to_string(ordered.size()) + (ordered.size() == 1 ? " screen" : " screens");
    for (const ScreenState state : {ScreenState::Online, ScreenState::Stale, ScreenState::Offline,
                                    ScreenState::OffHours, ScreenState::NotHeardFrom})
        if (const int count = counts[static_cast<int>(state)])
            summary += std::string(summary.find(':') == std::string::npos ? ": " : ", ") +
                       std::to_string(count) + " " + StateWords(state);
    html += "<p class=\"summary\">" + summary + " · updated " + UtcTime(now, "%H:%M:%S UTC") + "</p>\n";
    if (ordered.empty())
        return html + "<p>No board has reported yet. A board reports when its report-url names this server's "
                      "/report.</p>\n</body>\n</html>\n";
    html += "<table>\n<thead><tr><th>Screen</th><th>State</th><th>Data age</th><th>Page</th><th>Version</th>"
            "<th>Last seen</th></tr></thead>\n<tbody>\n";
    for (const ScreenReport* screen : ordered)
    {
        const ScreenState state = ClassifyScreen(*screen, now);
        html += "<tr><td data-label=\"Screen\"><b>" + HtmlEscaped(screen->screen_id) + "</b>";
        if (!screen->last_error.empty())
            html += "<div class=\"error\">" + HtmlEscaped(screen->last_error) + "</div>";
        html += std::string("</td><td data-label=\"State\"><span class=\"state ") + StateId(state) + "\">" +
                StateWords(state) + "</span></td>";
        html += "<td data-label=\"Data age\">" + HtmlEscaped(DataAgeWords(*screen)) + "</td>";
        html += "<td data-label=\"Page\">" + HtmlEscaped(screen->page.empty() ? "-" : screen->page) + "</td>";
        html += "<td data-label=\"Version\">" + HtmlEscaped(screen->version) + "</td>";
        html += "<td data-label=\"Last seen\">" + LastSeenWords(*screen, now) + " (" +
                UtcTime(screen->received_at, "%d %b %H:%M UTC") + ")</td></tr>\n";
    }
    return html + "</tbody>\n</table>\n</body>\n</html>\n";
}

} // namespace wb::publish
