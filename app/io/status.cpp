// Sync status as JSON.
#include "io/status.h"

#include <nlohmann/json.hpp>

#include <ctime>

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

std::string StatusToJson(const SyncStatus& status, std::int64_t now)
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
    doc["screen"] = status.screen;
    doc["screen_note"] = status.screen_note;
    doc["written_at"] = Time(now);
    return doc.dump(2) + "\n";
}

} // namespace wb::io
