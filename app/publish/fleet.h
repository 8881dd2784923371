// The fleet page of `wallboard-publish serve`: boards' reports (io/report) checked, kept and shown.
//
// [X] ParseReport: a report's JSON validated field by field; the first problem in words, nothing kept
// [X] ClassifyScreen: a pure function of (the last report, when it came, now) -> the state shown
// [X] FleetStore: the latest report per screen and when it came, in SQLite; one connection, one writer
// [X] FleetHtml: one row per screen, self-refreshing, one column on a phone; all a board sent is escaped
// [X] FleetJson: the same rows as JSON
// [ ] Authentication for reading: the page is read-only; put it behind the server's network rules or nginx
// Threads: FleetStore may be called from any thread (a mutex around its connection); the rest are pure.
#pragma once

#include "core/problem.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wb::publish
{

// What the server keeps of a board's report.
struct ScreenReport
{
    std::string screen_id;
    std::string state; // the board's own: online, stale, offline or off-hours (io/status)
    std::optional<std::int64_t> data_age_s;
    std::string page;
    std::string version;
    std::string last_error;
    std::int64_t stale_after_s = 1800;
    std::int64_t report_interval_s = 300;
    std::int64_t received_at = 0; // seconds since the epoch, by the server's clock
};

enum class ScreenState
{
    NotHeardFrom, // no report within three of its report intervals
    Offline,      // its feed cannot be reached
    Stale,        // its data is older than its stale-after, or its feed's answers are refused
    OffHours,     // office hours keep its screen off
    Online,
};

// The state a screen is shown in, by these rules in order: not heard from when its last report is more
// than three report intervals old; off hours, offline or stale when the board says so; stale when its data
// was older than its stale-after when it reported; else online.
ScreenState ClassifyScreen(const ScreenReport& report, std::int64_t now);

// "online", "stale", "offline", "off hours", "not heard from": the word shown with the colour.
const char* StateWords(ScreenState state);
// "online", "stale", "offline", "off-hours", "not-heard-from": /fleet.json's state and the CSS class.
const char* StateId(ScreenState state);

// A report's body checked: a JSON object with screen_id, state, data_age_seconds, page, version,
// stale_after_seconds, report_interval_seconds (io::ReportToJson's fields). The problem names the field.
Result<ScreenReport> ParseReport(std::string_view body, std::int64_t received_at);

// The latest report of each screen, in an SQLite file.
class FleetStore
{
  public:
    static Result<std::unique_ptr<FleetStore>> Open(const std::string& path);
    ~FleetStore();
    FleetStore(const FleetStore&) = delete;
    FleetStore& operator=(const FleetStore&) = delete;

    // Replaces the screen's report. Empty on success, else why not.
    std::string Save(const ScreenReport& report);
    // Every screen's latest report, ordered by screen id.
    std::vector<ScreenReport> All();

  private:
    explicit FleetStore(void* db) : m_db(db) {}
    std::mutex m_mutex;
    void* m_db; // sqlite3*; opaque so that this header does not include SQLite
};

// The fleet page as one HTML document: worst state first, then by screen id; refreshes every
// `refresh_s` seconds.
std::string FleetHtml(const std::vector<ScreenReport>& screens, std::int64_t now, int refresh_s);
// The same rows as JSON: {"generated_at", "screens": [{screen_id, state, state_words, board_state (what the
// board said), data_age_seconds, data_age, page, version, last_seen, last_seen_seconds_ago, last_error}]}.
std::string FleetJson(const std::vector<ScreenReport>& screens, std::int64_t now);

} // namespace wb::publish
