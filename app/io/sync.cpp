// The sync loop. Only this thread touches the Fetcher and the Cache.
#include "io/sync.h"

#include "core/digest.h"
#include "core/files.h"
#include "core/snapshot.h"
#include "core/url.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <malloc.h>
#include <pthread.h>
#include <set>
#include <utility>

namespace wb::io
{
namespace
{

std::int64_t Now()
{
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Why a 200 response is not a snapshot, in words a technician can act on.
std::string Refusal(const FetchResult& response, const std::vector<Problem>& problems)
{
    if (response.body.find_first_not_of(" \t\r\n") == std::string::npos)
        return "the feed sent an empty response";
    if (response.content_type.starts_with("text/html") ||
        response.body.find_first_not_of(" \t\r\n") == response.body.find('<'))
        return "the feed sent a web page, not a snapshot (a captive portal or login page in the way?)";
    const Problem& first = problems.front();
    std::string text =
        "the feed's snapshot was refused: " + (first.where.empty() ? "" : first.where + ": ") + first.what;
    if (problems.size() > 1)
        text += " (and " + std::to_string(problems.size() - 1) + " more problems)";
    return text;
}

// Gives the memory freed since back to the system, once a parsed snapshot is in place or thrown away.
// Parsing peaks at several times the snapshot's size (simdjson's DOM beside the model), and glibc keeps
// what a thread freed in that thread's arena: the cache's parse on the main thread and the feed's on this
// one would each stay resident.
void ReleaseFreedMemory()
{
    malloc_trim(0);
}

} // namespace

std::chrono::milliseconds FirstFetchDelay(int refresh_s, bool showing_feed_data, double jitter)
{
    const std::chrono::milliseconds refresh = std::chrono::seconds(std::max(refresh_s, 0));
    const std::chrono::milliseconds spread =
        showing_feed_data ? refresh : std::min<std::chrono::milliseconds>(refresh, kPromptFetchSpread);
    return std::chrono::milliseconds(static_cast<long long>(
        std::floor(static_cast<double>(spread.count()) * std::clamp(jitter, 0.0, 1.0))));
}

int RefreshDelay(int refresh_s, double jitter)
{
    return std::max(1, static_cast<int>(std::lround(refresh_s * (0.9 + 0.2 * std::clamp(jitter, 0.0, 1.0)))));
}

Sync::Sync(SyncOptions options, std::unique_ptr<Cache> cache, std::function<void()> on_change, LogFn log)
    : m_options(std::move(options)), m_cache(std::move(cache)), m_on_change(std::move(on_change)),
      m_log(std::move(log))
{
    m_status.version = m_options.version;
    m_status.cache = m_cache ? m_cache->State() : CacheHealth::None;
    m_status.cache_error = m_cache ? m_cache->StateReason() : "";
}

Sync::~Sync()
{
    Stop();
}

void Sync::LoadFromCache()
{
    if (!m_cache)
        return;
    LoadProfilesFromCache();
    // Damaged snapshots are quarantined on the way (and logged): the newest good one is shown.
    auto loaded = m_cache->LoadNewestGood();
    if (!loaded)
        return;
    const CachedSnapshot* cached = &loaded->raw;
    // Validators belong to the URL that sent them: after a change of feed, fetch in full once. (The cache
    // keeps URLs without their credentials.)
    if (cached->url == UrlWithoutCredentials(m_options.fetch.url))
        m_validators = {cached->etag, cached->last_modified};
    {
        std::lock_guard lock(m_mutex);
        m_status.data_source = "cache";
        m_status.data_fetched_at = cached->fetched_at;
        m_status.snapshot_hash = cached->hash;
        m_status.snapshot_as_of = cached->as_of;
    }
    Publish(std::make_shared<const Snapshot>(std::move(loaded->parsed)));
    WriteStatus();
    ReleaseFreedMemory();
}

int Sync::RunOnce()
{
    const std::int64_t started = Now();
    {
        std::lock_guard lock(m_mutex);
        m_status.last_attempt = started;
    }
    // With nothing shown, a 304 would confirm data the board does not have: fetch in full.
    FetchResult response = m_fetcher.Fetch(m_options.fetch, Current() ? m_validators : FetchValidators{});
    m_retry_after.reset();
    switch (response.kind)
    {
    case FetchResult::Kind::Cancelled:
        return 0;
    case FetchResult::Kind::Failed:
        Fail(response.error,
             response.unreachable ? Failure::Unreachable
             : response.not_found ? Failure::NotFound
                                  : Failure::Other,
             response.retry_after_s);
        break;
    case FetchResult::Kind::NotModified:
    {
        std::lock_guard lock(m_mutex);
        m_status.state = SyncState::Online;
        m_status.last_success = started;
        m_status.last_error.clear();
        m_status.failure = Failure::None;
        m_status.failure_reason.clear();
        m_status.consecutive_failures = 0;
        m_status.failing_since.reset();
        break;
    }
    case FetchResult::Kind::Body:
    {
        auto parsed = ParseSnapshot(response.body);
        if (!parsed.Ok())
        {
            Fail(Refusal(response, parsed.Problems()), Failure::Refused, std::nullopt);
            break;
        }
        CachedSnapshot raw{std::move(response.body),
                           "",
                           response.validators.etag,
                           response.validators.last_modified,
                           started,
                           FormatIsoDate(parsed.Value().plan.as_of),
                           UrlWithoutCredentials(m_options.fetch.url)}; // a password is never stored
        raw.hash = ContentHash(raw.bytes);
        bool changed = false;
        std::string cache_error;
        if (m_cache)
        {
            auto stored = m_cache->Store(raw, parsed.Value());
            if (!stored.Ok())
                cache_error =
                    "the new data is shown but could not be saved: " + stored.Problems().front().what;
        }
        {
            std::lock_guard lock(m_mutex);
            // What is shown decides, not what the cache holds: its newest row may be one that could not be
            // shown (nothing is then on screen while Store() finds the same hash).
            changed = raw.hash != m_status.snapshot_hash;
            if (m_cache)
            {
                m_status.cache = m_cache->State();
                m_status.cache_error = m_cache->StateReason();
            }
            m_status.state = SyncState::Online;
            m_status.last_success = started;
            m_status.last_error = cache_error;
            m_status.failure = Failure::None;
            m_status.failure_reason.clear();
            m_status.consecutive_failures = 0;
            m_status.failing_since.reset();
            if (changed)
            {
                m_status.data_source = "feed";
                m_status.data_fetched_at = started;
                m_status.snapshot_hash = raw.hash;
                m_status.snapshot_as_of = raw.as_of;
            }
        }
        m_validators = response.validators;
        if (!cache_error.empty())
            m_log(cache_error);
        if (changed)
        {
            m_log("new snapshot " + raw.hash.substr(0, 19) + " as of " + raw.as_of);
            Publish(std::make_shared<const Snapshot>(std::move(parsed).Value()));
        }
        break;
    }
    }
    if (response.kind == FetchResult::Kind::Body)
        ReleaseFreedMemory();
    // The profiles are asked for only while the feed's folder answers: a 404 for them then means "none
    // published", never a folder gone or a server half deployed.
    if (!m_options.screens_url.empty() &&
        (response.kind == FetchResult::Kind::Body || response.kind == FetchResult::Kind::NotModified))
        SyncProfiles();
    int failures = 0;
    {
        std::lock_guard lock(m_mutex);
        failures = m_status.consecutive_failures;
    }
    const double jitter = std::uniform_real_distribution<double>(0.0, 1.0)(m_random);
    const int delay = failures == 0 ? RefreshDelay(m_options.backoff.refresh_s, jitter)
                                    : NextAttemptDelay(m_options.backoff, failures, m_retry_after, jitter);
    {
        std::lock_guard lock(m_mutex);
        m_status.next_attempt = Now() + delay;
    }
    WriteStatus();
    if (m_on_change)
        m_on_change();
    return delay;
}

void Sync::Fail(const std::string& reason, Failure failure, std::optional<int> retry_after)
{
    m_retry_after = retry_after;
    const std::string error = reason + "; kept the last good data";
    {
        std::lock_guard lock(m_mutex);
        m_status.state = failure == Failure::Unreachable ? SyncState::Offline : SyncState::Stale;
        m_status.last_error = error;
        m_status.failure = failure;
        m_status.failure_reason = reason;
        ++m_status.failures_total;
        if (m_status.consecutive_failures++ == 0)
            m_status.failing_since = m_status.last_attempt;
    }
    m_log(error);
}

void Sync::Publish(std::shared_ptr<const Snapshot> snapshot)
{
    auto board = std::make_shared<BoardData>();
    board->snapshot = snapshot;
    std::string hash;
    {
        std::lock_guard lock(m_mutex);
        hash = m_status.snapshot_hash;
    }
    if (m_cache)
    {
        for (auto& [id, points] : m_cache->AllHistory(snapshot->plan.id))
        {
            std::vector<PeriodValue>& series = board->history[id];
            series.reserve(points.size()); // grown by doubling, 36 months would take room for 64
            for (HistoryPoint& point : points)
                series.push_back({point.period, point.value, std::move(point.placeholder)});
        }
        if (auto before = m_cache->LoadBefore(hash))
            if ((board->previous = LoadStored(before->hash, snapshot->plan.id)))
                board->previous_hash = before->hash;
        // A snapshot served again after another is stored again: list each once, at its newest.
        std::set<std::string> listed = {hash};
        for (const Cache::Stored& stored : m_cache->List())
            if (listed.insert(stored.hash).second)
                if (const auto as_of = ParseIsoDate(stored.as_of))
                    board->earlier.push_back({stored.hash, *as_of});
    }
    // Without a cache, or for an indicator it has not seen: the snapshot's own months.
    for (const Indicator& indicator : snapshot->indicators)
        if (board->history[indicator.id].empty())
            board->history[indicator.id] = indicator.series;
    {
        std::lock_guard lock(m_mutex);
        m_current = std::move(snapshot);
        m_board = std::move(board);
    }
    if (m_on_change)
        m_on_change();
}

void Sync::WriteStatus()
{
    std::string json, metrics;
    {
        std::lock_guard lock(m_mutex);
        m_view_unwritten = false;
        const std::int64_t now = Now();
        if (!m_options.status_file.empty())
            json = StatusToJson(m_status, now);
        if (!m_options.metrics_file.empty())
            metrics = StatusToMetrics(m_status, now, m_options.screen_id);
    }
    // Said once, not at every page change, and said again when it is over (a full disk is cleared).
    const auto write =
        [this](const std::string& path, const std::string& text, const char* what, std::string& last_error)
    {
        if (path.empty())
            return;
        std::string error = WriteFileAtomically(path, text);
        if (error != last_error)
            m_log(error.empty() ? std::string("the ") + what + " is written again"
                                : std::string("cannot write the ") + what + ": " + error);
        last_error = std::move(error);
    };
    write(m_options.status_file, json, "status file", m_status_file_error);
    write(m_options.metrics_file, metrics, "metrics file", m_metrics_file_error);
}

void Sync::Start()
{
    // A file:// feed has no server to spare: it is read at once.
    const bool local_file = ParseUrl(m_options.fetch.url).scheme == "file";
    const bool showing_feed_data =
        Current() && (!m_validators.etag.empty() || !m_validators.last_modified.empty());
    const std::chrono::milliseconds first =
        local_file ? std::chrono::milliseconds(0)
                   : FirstFetchDelay(m_options.backoff.refresh_s, showing_feed_data,
                                     std::uniform_real_distribution<double>(0.0, 1.0)(m_random));
    m_thread = std::thread(
        [this, first]
        {
            pthread_setname_np(pthread_self(), "wb-sync");
            std::chrono::milliseconds delay = first;
            std::unique_lock lock(m_mutex);
            while (!m_stop)
            {
                // Asleep until the next fetch, waking for a stop, a comparison to load or a view to write.
                const auto next = std::chrono::steady_clock::now() + delay;
                while (!m_stop &&
                       m_wake.wait_until(lock, next,
                                         [this]
                                         { return m_stop || !m_compare_with.empty() || m_view_unwritten; }))
                {
                    if (m_stop)
                        break;
                    const std::string hash = std::exchange(m_compare_with, {});
                    const bool write = m_view_unwritten;
                    lock.unlock();
                    if (!hash.empty())
                        LoadComparison(hash);
                    if (write)
                        WriteStatus();
                    lock.lock();
                }
                if (m_stop)
                    break;
                lock.unlock();
                delay = std::chrono::seconds(RunOnce());
                lock.lock();
            }
            // The last view shown, if it came after the last write.
            if (m_view_unwritten)
            {
                lock.unlock();
                WriteStatus();
            }
        });
}

void Sync::Stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_fetcher.Cancel();
    if (m_thread.joinable())
        m_thread.join();
}

// A stored snapshot of the same plan, parsed; null when it is gone, no longer parses or is another plan's.
std::shared_ptr<const Snapshot> Sync::LoadStored(const std::string& hash, const std::string& plan_id)
{
    auto stored = m_cache ? m_cache->LoadByHash(hash) : std::nullopt;
    if (!stored)
        return nullptr;
    auto parsed = ParseSnapshot(stored->bytes);
    if (!parsed.Ok() || parsed.Value().plan.id != plan_id)
        return nullptr;
    return std::make_shared<const Snapshot>(std::move(parsed).Value());
}

void Sync::CompareWith(const std::string& hash)
{
    {
        std::lock_guard lock(m_mutex);
        m_compare_with = hash;
    }
    m_wake.notify_all();
}

void Sync::LoadComparison(const std::string& hash)
{
    std::shared_ptr<const BoardData> current;
    {
        std::lock_guard lock(m_mutex);
        current = m_board;
    }
    if (!current || current->previous_hash == hash)
        return;
    auto previous = LoadStored(hash, current->snapshot->plan.id);
    if (!previous)
    {
        m_log("cannot compare with snapshot " + hash.substr(0, 19) + ": it is no longer in the cache");
        return;
    }
    auto board = std::make_shared<BoardData>(*current);
    board->previous = std::move(previous);
    board->previous_hash = hash;
    {
        std::lock_guard lock(m_mutex);
        if (m_board != current) // a new snapshot came meanwhile: it has its own comparison
            return;
        m_board = std::move(board);
    }
    if (m_on_change)
        m_on_change();
}

std::shared_ptr<const BoardData> Sync::CurrentBoard() const
{
    std::lock_guard lock(m_mutex);
    return m_board;
}

std::shared_ptr<const Snapshot> Sync::Current() const
{
    std::lock_guard lock(m_mutex);
    return m_current;
}

std::shared_ptr<const ScreenProfiles> Sync::Profiles() const
{
    std::lock_guard lock(m_mutex);
    return m_profiles;
}

SyncStatus Sync::Status() const
{
    std::lock_guard lock(m_mutex);
    return m_status;
}

// Only hands the view over: the sync thread writes the file (one writer, and no fsync on the render
// thread). Before Start() the next RunOnce() writes it.
void Sync::SetView(const std::string& view)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_status.view == view)
            return;
        m_status.view = view;
        m_view_unwritten = true;
    }
    m_wake.notify_all();
}

void Sync::LoadProfilesFromCache()
{
    auto kept = m_cache->LoadScreens();
    if (!kept || m_options.screens_url.empty())
        return;
    auto parsed = ParseScreensJson(kept->bytes);
    if (!parsed.Ok())
    {
        m_log("the screen profiles kept in the cache no longer read (" + FormatProblems(parsed.Problems()) +
              "): waiting for the feed's");
        return;
    }
    if (kept->url == UrlWithoutCredentials(m_options.screens_url))
        m_screens_validators = {kept->etag, kept->last_modified};
    SetProfiles(std::make_shared<const ScreenProfiles>(std::move(parsed).Value()), std::move(kept->bytes));
}

// One conditional fetch of screens.json after the snapshot's. Its failures are its own: the snapshot's
// state, backoff and last error do not change.
void Sync::SyncProfiles()
{
    FetchOptions options = m_options.fetch;
    options.url = m_options.screens_url;
    FetchResult response =
        m_fetcher.Fetch(options, m_profiles_bytes.empty() ? FetchValidators{} : m_screens_validators);
    std::string error;
    switch (response.kind)
    {
    case FetchResult::Kind::Cancelled:
        return;
    case FetchResult::Kind::NotModified:
        break;
    case FetchResult::Kind::Failed:
        if (!response.not_found)
            error = std::string(kScreensFileName) + " could not be fetched: " + response.error;
        else if (!m_profiles_bytes.empty()) // taken away: the boards' own settings again
        {
            m_log(std::string(kScreensFileName) + " is no longer published: this board's own settings apply");
            if (m_cache)
                if (std::string failed = m_cache->StoreScreens(std::nullopt); !failed.empty())
                    m_log(failed);
            m_screens_validators = {};
            SetProfiles(nullptr, "");
        }
        break;
    case FetchResult::Kind::Body:
    {
        auto parsed = ParseScreensJson(response.body);
        if (!parsed.Ok())
        {
            const Problem& first = parsed.Problems().front();
            error = std::string(kScreensFileName) + " was refused: " + first.where + ": " + first.what;
            if (parsed.Problems().size() > 1)
                error += " (and " + std::to_string(parsed.Problems().size() - 1) + " more problems)";
            break;
        }
        m_screens_validators = response.validators;
        if (response.body == m_profiles_bytes)
            break;
        if (m_cache)
            if (std::string failed = m_cache->StoreScreens(
                    CachedDocument{response.body, response.validators.etag, response.validators.last_modified,
                                   UrlWithoutCredentials(options.url), Now()});
                !failed.empty())
                m_log("the new screen profiles are used but could not be saved: " + failed);
        SetProfiles(std::make_shared<const ScreenProfiles>(std::move(parsed).Value()),
                    std::move(response.body));
        const SyncStatus status = Status();
        m_log("new screen profiles: this screen uses " +
              (status.profile == "default" ? "the default profile (" + status.profile_note + ")"
                                           : "its own, " + status.profile));
        break;
    }
    }
    if (!error.empty())
        error += m_profiles_bytes.empty() ? "; no profiles in use" : "; kept the last good profiles";
    bool changed = false;
    {
        std::lock_guard lock(m_mutex);
        changed = m_status.profiles_error != error;
        m_status.profiles_error = error;
    }
    if (changed && !error.empty()) // once, not at every refresh
        m_log(error);
}

void Sync::SetProfiles(std::shared_ptr<const ScreenProfiles> profiles, std::string bytes)
{
    const ChosenProfile chosen = ChooseProfile(profiles.get(), m_options.screen_id);
    m_profiles_bytes = std::move(bytes);
    {
        std::lock_guard lock(m_mutex);
        m_profiles = std::move(profiles);
        m_status.profile = chosen.name;
        m_status.profile_note = chosen.note;
    }
    if (m_on_change)
        m_on_change();
}

void Sync::SetScreen(const std::string& screen, const std::string& note)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_status.screen == screen && m_status.screen_note == note)
            return;
        m_status.screen = screen;
        m_status.screen_note = note;
        m_view_unwritten = true;
    }
    m_wake.notify_all();
}

} // namespace wb::io
