// Sync status: what the board shows in its status strip and what monitoring reads from --status-file, the
// same JSON in a fleet report (report-url, io/report), and as Prometheus text metrics (metrics-file).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace wb::io
{

enum class SyncState
{
    Online,  // the last attempt reached the feed and the data is current
    Stale,   // the feed answered but what it sent was refused, or nothing has been fetched yet
    Offline, // the last attempt could not reach the feed
};

const char* ToString(SyncState state);

// The status file's "screen" while office hours keep the screen off (board/screen_schedule sets it).
inline constexpr const char kScreenOffHours[] = "off hours";
// A report's and the metrics' "state" then, in place of the sync's (which goes on): the fleet page
// (publish/fleet) reads it by this name.
inline constexpr const char kOffHoursState[] = "off-hours";

// Why the last attempt failed, so the strip can say the real cause.
enum class Failure
{
    None,        // it did not fail
    Unreachable, // the feed's server could not be reached (DNS, connect, timeout)
    NotFound,    // no such file, or HTTP 404 / 410
    Refused,     // data arrived and was refused (not a snapshot, or invalid)
    Other,       // any other failure: an HTTP error, TLS, too large
};

const char* ToString(Failure failure);

// Whether the cache keeps what the board shows, so that it survives a restart with the feed down.
enum class CacheHealth
{
    Saving,   // snapshots are stored as they arrive
    ReadOnly, // the cache's folder, mount or file cannot be written: its snapshots are shown, new ones not
              // kept
    DiskFull, // the disk is full: new snapshots are shown but not kept
    Failing,  // storing failed for another reason (an I/O error, a damaged file)
    None,     // the board runs without a cache
};

const char* ToString(CacheHealth state);

struct SyncStatus
{
    SyncState state = SyncState::Stale;
    std::optional<std::int64_t> last_success; // seconds since the epoch: data confirmed current
    std::optional<std::int64_t> last_attempt;
    std::optional<std::int64_t> next_attempt;
    std::string last_error; // in words; empty after a success
    Failure failure = Failure::None;
    std::string failure_reason; // the failure in words, without what the board did about it
    int consecutive_failures = 0;
    std::optional<std::int64_t> failing_since;   // the first failed attempt since the last success
    std::string snapshot_as_of;                  // the plan's as-of date of the data shown, YYYY-MM-DD
    std::optional<std::int64_t> data_fetched_at; // when the data shown was fetched
    std::string data_source;                     // "cache" or "feed"
    std::string snapshot_hash;
    CacheHealth cache = CacheHealth::Saving;
    std::string cache_error; // why the cache cannot save, in words; empty while it saves
    std::string view;        // the page or view on screen
    std::string version;     // the app's version
    // Screen profiles (core/screens.h): the one in use ("front-door", "default"; empty while the feed
    // publishes none), a note when this screen's id is not listed, and why the last screens.json was
    // refused or could not be fetched (the last good profiles stay).
    std::string profile;
    std::string profile_note;
    std::string profiles_error;
    // Failed attempts since the board started (a Prometheus counter).
    std::int64_t failures_total = 0;
    // The screen: "on", or "off hours" (outside office hours: dark, or a dim notice where it cannot be
    // switched off; also while a touch has woken it); and the words it says then ("Screen off until ...").
    std::string screen = "on";
    std::string screen_note;
};

// Seconds since the data shown was last confirmed current by the feed (or fetched, if never confirmed).
std::optional<std::int64_t> DataAgeSeconds(const SyncStatus& status, std::int64_t now);

// The status as JSON, with data_age_seconds computed for `now`.
std::string StatusToJson(const SyncStatus& status, std::int64_t now);

// What a board says of itself to the fleet page: the status's JSON and who sends it.
struct ReportContext
{
    std::string screen_id;
    std::int64_t stale_after_s = 0;       // the board's stale-after: its data is stale when older
    std::int64_t report_interval_s = 300; // the server counts it unheard from after three of these
};

// The status's JSON (as StatusToJson) plus screen_id, page (the view on screen), stale_after_seconds and
// report_interval_seconds: the body a board POSTs to report-url.
std::string ReportToJson(const SyncStatus& status, std::int64_t now, const ReportContext& context);

// The status as Prometheus text exposition (format 0.0.4), for node_exporter's textfile collector:
// wallboard_up, wallboard_data_age_seconds, wallboard_last_success_timestamp_seconds,
// wallboard_fetch_failures_total, wallboard_consecutive_failures, wallboard_state{state}, wallboard_info.
std::string StatusToMetrics(const SyncStatus& status, std::int64_t now, const std::string& screen_id);

} // namespace wb::io
