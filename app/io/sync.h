// The sync loop: fetch, validate completely, keep, publish. Runs on its own thread ("wb-sync").
//
// [X] The newest good snapshot is loaded from the cache before any network call
// [X] A response reaches the cache only after it parsed and validated completely; anything else is
//     refused with its reason recorded, and the last good snapshot stays
// [X] Exponential backoff with jitter after failures, Retry-After honoured
// [X] Refresh jitter: the first fetch after Start() and each refresh are spread, so a building's screens
//     started together do not all ask the server in the same second (FirstFetchDelay, RefreshDelay)
// [X] An immutable snapshot published to the render thread (swap under a mutex, then on_change)
// [X] Status written atomically to the status file on every change, by one thread: the sync thread once
//     started (SetView() hands it the view), the owner's before
// [X] Prometheus text metrics written atomically with the status file, by the same thread (metrics-file)
// [X] Stop() returns promptly even while a server hangs (the fetch is cancelled)
// [X] screens.json (the screen profiles) fetched beside the snapshot, conditionally, after each attempt
//     the feed answered with a snapshot or a 304; validated completely before it is kept (in the cache)
//     and published; a 404 means none are published; anything else keeps the last good profiles, the
//     reason in the status
// Threads: Start/Stop from the owner; Current/Status/Profiles/SetView from any thread; the rest on the sync
// thread.
#pragma once

#include "core/backoff.h"
#include "core/board_data.h"
#include "core/model.h"
#include "core/screens.h"
#include "io/cache.h"
#include "io/fetch.h"
#include "io/status.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

namespace wb::io
{

// The wait before the first fetch after Start(), `jitter` uniform in [0, 1). A board already showing what
// this feed last sent (its cache, with the feed's validators) waits up to one refresh: 500 boards powered on
// together spread over it. One with nothing from this feed (new, or a new feed) fetches within
// kPromptFetchSpread, so a technician sees data at once.
inline constexpr std::chrono::seconds kPromptFetchSpread{3};
std::chrono::milliseconds FirstFetchDelay(int refresh_s, bool showing_feed_data, double jitter);

// Seconds to wait after a success: the refresh interval give or take 10%, so boards that started in step
// drift apart instead of fetching in the same second for ever. At least 1.
int RefreshDelay(int refresh_s, double jitter);

struct SyncOptions
{
    FetchOptions fetch;
    BackoffPolicy backoff;
    std::string status_file; // empty for none
    std::string version;
    std::string screens_url;  // screens.json beside the feed (core/url.h SiblingUrl); empty: not fetched
    std::string metrics_file; // Prometheus text metrics written with the status file; empty for none
    std::string screen_id;    // this screen's id: the status's "profile" and the metrics' wallboard_info
};

class Sync
{
  public:
    // `cache` may be null (memory only). `on_change` is called from the sync thread after new data or a
    // new status; the board passes glfwPostEmptyEvent. `log` gets one line per notable event.
    Sync(SyncOptions options, std::unique_ptr<Cache> cache, std::function<void()> on_change, LogFn log);
    ~Sync();
    Sync(const Sync&) = delete;
    Sync& operator=(const Sync&) = delete;

    // Loads the newest snapshot from the cache, if it has one that still parses. Call before Start().
    void LoadFromCache();

    // One attempt: fetch, validate, store, publish, write status. Returns seconds until the next.
    int RunOnce();

    void Start();
    void Stop();

    std::shared_ptr<const Snapshot> Current() const;
    // The current snapshot with its history and predecessor; published together with Current().
    std::shared_ptr<const BoardData> CurrentBoard() const;
    SyncStatus Status() const;
    // The last good screen profiles (from the feed or the cache); null while none are published. A new
    // pointer each time they change.
    std::shared_ptr<const ScreenProfiles> Profiles() const;

    // Asks the sync thread to compare the current snapshot with the stored one of this hash (one of
    // CurrentBoard()->earlier) instead: it loads it and publishes the board again, then calls on_change.
    void CompareWith(const std::string& hash);

    // Records the page or view on screen; the sync thread writes it to the status file soon after.
    void SetView(const std::string& view);
    // Records the screen's state ("on", "off hours") and its words; written like the view.
    void SetScreen(const std::string& screen, const std::string& note);

  private:
    void Publish(std::shared_ptr<const Snapshot> snapshot);
    std::shared_ptr<const Snapshot> LoadStored(const std::string& hash, const std::string& plan_id);
    void LoadComparison(const std::string& hash);
    // `reason` in words; the status's last_error adds what the board did about it.
    void Fail(const std::string& reason, Failure failure, std::optional<int> retry_after);
    void WriteStatus();
    void LoadProfilesFromCache();
    void SyncProfiles();
    void SetProfiles(std::shared_ptr<const ScreenProfiles> profiles, std::string bytes);

    SyncOptions m_options;
    std::unique_ptr<Cache> m_cache;
    std::function<void()> m_on_change;
    LogFn m_log;
    Fetcher m_fetcher;
    FetchValidators m_validators;
    std::mt19937 m_random{std::random_device{}()};
    std::optional<int> m_retry_after;
    FetchValidators m_screens_validators;
    std::string m_profiles_bytes; // the screens.json published, as it came; on the sync thread only

    mutable std::mutex
        m_mutex; // guards m_current, m_profiles, m_status, m_stop, m_compare_with, m_view_unwritten
    std::shared_ptr<const Snapshot> m_current;
    std::shared_ptr<const BoardData> m_board;
    std::shared_ptr<const ScreenProfiles> m_profiles;
    SyncStatus m_status;
    bool m_stop = false;
    std::string m_compare_with;      // a hash CompareWith() asked for, not yet loaded
    bool m_view_unwritten = false;   // SetView() changed the view since the status file was last written
    std::string m_status_file_error; // the last write's error, logged once; on the writing thread only
    // The same for the metrics file.
    std::string m_metrics_file_error;
    std::condition_variable m_wake;
    std::thread m_thread;
};

} // namespace wb::io
