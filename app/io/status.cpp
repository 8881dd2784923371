// Sync status as JSON (the status file, a fleet report) and as Prometheus text metrics.
#include "io/status.h"

#include <nlohmann/json.hpp>

#include <ctime>
#include <utility>
#include <vector>

namespace wb::io
{
namespace
{

nlohmann::ordered_json Time(const std::optional<std::int64_t>& seconds)
{
    if (!seconds)
        return nullptr;
    const std::time_t t = static_cast<std::time_t>(*seconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

} // namespace

const char* ToString(SyncState state)
{
    switch (state)
    {
    case SyncState::Online:
        return "online";
    case SyncState::Stale:
        return "stale";
    case SyncState::Offline:
        return "offline";
    }
    return "?";
}

const char* ToString(Failure failure)
{
    switch (failure)
    {
    case Failure::None:
        return "";
    case Failure::Unreachable:
        return "unreachable";
    case Failure::NotFound:
        return "not-found";
    case Failure::Refused:
        return "refused";
    case Failure::Other:
        return "failed";
    }
    return "?";
}

const char* ToString(CacheHealth state)
{
    switch (state)
    {
    case CacheHealth::Saving:
        return "saving";
    case CacheHealth::ReadOnly:
        return "read-only";
    case CacheHealth::DiskFull:
        return "disk-full";
    case CacheHealth::Failing:
        return "failing";
    case CacheHealth::None:
        return "none";
    }
    return "?";
}

std::optional<std::int64_t> DataAgeSeconds(const SyncStatus& status, std::int64_t now)
{
    const auto since = status.last_success ? status.last_success : status.data_fetched_at;
    if (!since)
        return std::nullopt;
    return now - *since;
}

namespace
{

nlohmann::ordered_json StatusDocument(const SyncStatus& status, std::int64_t now)
{
    nlohmann::ordered_json doc;
    doc["state"] = ToString(status.state);
    doc["last_success"] = Time(status.last_success);
    doc["last_attempt"] = Time(status.last_attempt);
    doc["next_attempt"] = Time(status.next_attempt);
    doc["last_error"] = status.last_error;
    doc["failure"] = ToString(status.failure);
    doc["consecutive_failures"] = status.consecutive_failures;
    doc["failing_since"] = Time(status.failing_since);
    doc["snapshot_as_of"] = status.snapshot_as_of;
    doc["data_fetched_at"] = Time(status.data_fetched_at);
    const auto age = DataAgeSeconds(status, now);
    doc["data_age_seconds"] = age ? nlohmann::ordered_json(*age) : nlohmann::ordered_json(nullptr);
    doc["data_source"] = status.data_source;
    doc["snapshot_hash"] = status.snapshot_hash;
    doc["cache"] = ToString(status.cache);
    doc["cache_error"] = status.cache_error;
    doc["view"] = status.view;
    doc["version"] = status.version;
    doc["profile"] =
        status.profile.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(status.profile);
    doc["profile_note"] = status.profile_note;
    doc["profiles_error"] = status.profiles_error;
    doc["screen"] = status.screen;
    doc["screen_note"] = status.screen_note;
    doc["written_at"] = Time(now);
    return doc;
}

// A label value in the exposition format: backslash, double quote and line feed escaped.
std::string LabelValue(const std::string& text)
{
    std::string out;
    for (const char c : text)
    {
        if (c == '\\' || c == '"')
            out += '\\';
        out += c == '\n' ? std::string("\\n") : std::string(1, c);
    }
    return out;
}

void Metric(std::string& out, const char* name, const char* type, const char* help,
            const std::vector<std::pair<std::string, std::int64_t>>& samples)
{
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
    for (const auto& [labels, value] : samples)
        out += name + labels + " " + std::to_string(value) + "\n";
}

} // namespace

std::string StatusToJson(const SyncStatus& status, std::int64_t now)
{
    return StatusDocument(status, now).dump(2) + "\n";
}

namespace
{

// What the fleet sees of a board: off hours while its screen is off, else the sync's state.
std::string ReportedState(const SyncStatus& status)
{
    return status.screen == kScreenOffHours ? kOffHoursState : ToString(status.state);
}

} // namespace

std::string ReportToJson(const SyncStatus& status, std::int64_t now, const ReportContext& context)
{
    nlohmann::ordered_json doc = StatusDocument(status, now);
    doc["state"] = ReportedState(status);
    doc["screen_id"] = context.screen_id;
    doc["page"] = status.view;
    doc["stale_after_seconds"] = context.stale_after_s;
    doc["report_interval_seconds"] = context.report_interval_s;
    // Replaced, not thrown: a screen id or error text that is not UTF-8 must not stop the report.
    return doc.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string StatusToMetrics(const SyncStatus& status, std::int64_t now, const std::string& screen_id)
{
    std::string out;
    Metric(out, "wallboard_up", "gauge",
           "1 while the board runs; node_textfile_mtime_seconds says when it last wrote.", {{"", 1}});
    if (const auto age = DataAgeSeconds(status, now))
        Metric(out, "wallboard_data_age_seconds", "gauge",
               "Seconds since the data shown was last confirmed current by the feed.", {{"", *age}});
    if (status.last_success)
        Metric(out, "wallboard_last_success_timestamp_seconds", "gauge",
               "When the feed last answered with good data, in seconds since the epoch.",
               {{"", *status.last_success}});
    Metric(out, "wallboard_fetch_failures_total", "counter",
           "Failed fetches of the feed since the board started.", {{"", status.failures_total}});
    Metric(out, "wallboard_consecutive_failures", "gauge", "Failed fetches since the last success.",
           {{"", status.consecutive_failures}});
    const std::string state = ReportedState(status);
    std::vector<std::pair<std::string, std::int64_t>> states;
    for (const std::string name : {ToString(SyncState::Online), ToString(SyncState::Stale),
                                   ToString(SyncState::Offline), kOffHoursState})
        states.emplace_back("{state=\"" + name + "\"}", name == state ? 1 : 0);
    Metric(out, "wallboard_state", "gauge",
           "The board's state (its sync's, or off-hours): 1 for the one it is in.", states);
    Metric(out, "wallboard_info", "gauge", "The board's screen id and version.",
           {{"{screen_id=\"" + LabelValue(screen_id) + "\",version=\"" + LabelValue(status.version) + "\"}",
             1}});
    return out;
}

} // namespace wb::io
