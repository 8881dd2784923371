// wallboard: the board. Reads top to bottom as the whole program: parse options, merge the config file
// and the command line, open the cache, load the last good snapshot, then one of four ways of running:
// --once (one sync, its status printed), --headless (the sync alone), --screenshot (a board pack) or the
// live board on the wall (app/board/). Under systemd (Type=notify) it says READY=1 after its first
// complete frame, WATCHDOG=1 from the frame loop, STATUS= and STOPPING=1.
// Exit codes: 0 ok, 2 bad arguments or config (naming the option or key), 1 other failure.
#include "board/board.h"
#include "core/config.h"
#include "core/files.h"
#include "core/snapshot.h"
#include "core/url.h"
#include "io/cache.h"
#include "io/freshness.h"
#include "io/report.h"
#include "io/service_notify.h"
#include "io/sync.h"
#include "io/token.h"
#include "platform/window.h"
#include "version.h"

#include <CLI/CLI.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <pthread.h>
#include <sys/prctl.h>
#include <thread>

namespace
{

using wb::board::kExitBadConfig;
using wb::board::kExitFailure;
using wb::board::Log;

std::atomic<bool> g_stop{false};

// SIGINT and SIGTERM are blocked in every thread and taken here, so stopping can wake the frame loop
// (glfwPostEmptyEvent is thread-safe, but not safe inside a signal handler).
void WatchStopSignals()
{
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::thread(
        [signals]
        {
            int signal = 0;
            sigwait(&signals, &signal);
            g_stop = true;
            wb::platform::Window::Wake();
        })
        .detach();
}

// The sync thread wakes the window and reads nothing of it, but it must be stopped before the window goes,
// on every way out (a return, an error, an exception): declared after the window, destroyed before it.
class StopSyncFirst
{
  public:
    explicit StopSyncFirst(wb::io::Sync& sync) : m_sync(sync) {}
    ~StopSyncFirst() { m_sync.Stop(); }
    StopSyncFirst(const StopSyncFirst&) = delete;
    StopSyncFirst& operator=(const StopSyncFirst&) = delete;

  private:
    wb::io::Sync& m_sync;
};

int Main(int argc, char** argv)
{
    const double started = wb::board::Seconds();
    WatchStopSignals(); // before any other thread starts, so all inherit the blocked mask
    // 1. Options. Every setting is both a --option and a TOML key of the same name.
    // Named here, not from argv[0], so that --help and the man page made from it say "wallboard".
    CLI::App app{"wallboard: an improvement plan on the team-room wall", "wallboard"};
    app.set_version_flag("--version", WALLBOARD_VERSION);
    std::string config_path;
    app.add_option("--config", config_path, "TOML file with the settings below (the options override it)");
    std::map<std::string, std::string> text_options;
    for (const wb::TextSetting& setting : wb::kTextSettings)
        app.add_option(std::string("--") + setting.name, text_options[setting.name], setting.help);
    std::map<std::string, int> int_options;
    for (const wb::IntSetting& s : wb::kIntSettings)
        app.add_option(std::string("--") + s.name, int_options[s.name],
                       std::string("(") + s.unit + ", " + std::to_string(s.min) + " to " +
                           std::to_string(s.max) +
                           (s.step > 1 ? " in steps of " + std::to_string(s.step) : "") + ")")
            ->check(
                [s](const std::string& text)
                {
                    try
                    {
                        return wb::InRange(s, std::stoll(text)) ? std::string() : wb::DescribeRange(s);
                    }
                    catch (const std::exception&)
                    {
                        return wb::DescribeRange(s);
                    }
                });
    bool once = false;
    app.add_flag("--once", once, "fetch once, print the status and exit (0 when the feed is online)");
    bool headless = false;
    app.add_flag("--headless", headless, "keep the cache in sync without a window");
    std::string windowed;
    app.add_option("--windowed", windowed, "a window of WxH pixels instead of fullscreen, e.g. 1920x1080")
        ->check(
            [](const std::string& text)
            {
                int w = 0, h = 0;
                return std::sscanf(text.c_str(), "%dx%d", &w, &h) == 2 && w >= 320 && h >= 240
                           ? std::string()
                           : "must be WxH, e.g. 1920x1080";
            });
    std::string screenshot_dir;
    app.add_option("--screenshot", screenshot_dir,
                   "render every page of the playlist to DIR/<page>.png and exit");
    bool stats = false;
    app.add_flag("--stats", stats,
                 "on exit, log the time to the first complete frame, frames drawn, CPU time and memory");
    try
    {
        app.parse(argc, argv);
    }
    catch (const CLI::ParseError& error)
    {
        const int code = app.exit(error);
        return code == 0 ? 0 : kExitBadConfig;
    }

    // 2. Config: the file, then what the command line names over it (core/config.h), then checked.
    wb::BoardConfig config;
    wb::LocalSettings local; // what this board sets itself: a screen profile applies under it
    if (!config_path.empty())
    {
        const auto text = wb::ReadWholeFile(config_path);
        if (!text)
        {
            std::cerr << "--config: cannot read " << config_path << "\n";
            return kExitBadConfig;
        }
        auto loaded = wb::LoadBoardConfig(*text, config_path, {}, &local.keys);
        if (!loaded.Ok())
        {
            std::cerr << wb::FormatProblems(loaded.Problems());
            return kExitBadConfig;
        }
        config = std::move(loaded).Value();
    }
    wb::SettingOverrides overrides;
    for (const auto& [name, value] : text_options)
        if (app.count("--" + name) > 0)
            overrides.text[name] = value;
    for (const auto& [name, value] : int_options)
        if (app.count("--" + name) > 0)
            overrides.ints[name] = value;
    wb::ApplyOverrides(config, overrides);
    config.screen_id = wb::ScreenIdOrHostName(config.screen_id);
    for (const auto& [name, value] : overrides.text)
        local.keys.insert(name);
    for (const auto& [name, value] : overrides.ints)
        local.keys.insert(name);
    local.config = config;
    if (const auto problems = wb::CheckBoardConfig(config, overrides); !problems.empty())
    {
        std::cerr << wb::FormatProblems(problems);
        return kExitBadConfig;
    }
    if (!config.token_file.empty() || wb::HasUrlCredentials(config.feed))
        prctl(PR_SET_DUMPABLE, 0); // secrets stay out of core dumps and /proc/PID/mem (libcurl's copies too)
    std::string token;
    if (!config.token_file.empty())
    {
        auto read = wb::io::ReadToken(config.token_file);
        if (!read.Ok())
        {
            std::cerr << "--token-file " << wb::FormatProblems(read.Problems());
            return kExitBadConfig;
        }
        token = std::move(read).Value();
    }
    if (!config.ca_file.empty() && !wb::ReadWholeFile(config.ca_file))
    {
        std::cerr << "--ca-file: cannot read " << config.ca_file << "\n";
        return kExitBadConfig;
    }
    if (std::error_code error;
        !screenshot_dir.empty() && !std::filesystem::create_directories(screenshot_dir, error) && error)
    {
        std::cerr << "--screenshot: cannot make the folder " << screenshot_dir << ": " << error.message()
                  << "\n";
        return kExitBadConfig;
    }

    // 3. Cache: a corrupt file is moved aside and rebuilt; with no cache at all, run from memory.
    auto cache = wb::io::Cache::Open(config.cache, {config.keep_snapshots, config.history_months}, Log);
    if (!cache.Ok())
        Log(wb::FormatProblems(cache.Problems()) + "running without a cache: nothing will survive a restart");

    // 4. Sync: the last good snapshot first, then the feed on the sync thread.
    wb::io::SyncOptions sync_options;
    sync_options.fetch.url = config.feed;
    sync_options.fetch.connect_timeout_s = config.connect_timeout;
    sync_options.fetch.request_timeout_s = config.request_timeout;
    sync_options.fetch.max_body_bytes = static_cast<size_t>(config.max_body_mb) << 20;
    sync_options.fetch.ca_file = config.ca_file;
    sync_options.fetch.bearer_token = token;
    sync_options.backoff = {config.refresh, config.backoff_cap};
    sync_options.status_file = config.status_file;
    sync_options.version = WALLBOARD_VERSION;
    sync_options.screens_url = wb::SiblingUrl(config.feed, wb::kScreensFileName);
    sync_options.metrics_file = config.metrics_file;
    sync_options.screen_id = config.screen_id;
    const bool wants_window = !once && !headless;
    wb::io::Sync sync(sync_options, cache.Ok() ? std::move(cache).Value() : nullptr,
                      wants_window ? std::function<void()>(wb::platform::Window::Wake) : nullptr, Log);
    sync.LoadFromCache();
    if (auto snapshot = sync.Current())
        Log("showing the cached snapshot of " + snapshot->plan.authority + " as of " +
            wb::FormatIsoDate(snapshot->plan.as_of));
    // The screen's profile as the cache kept it, from the first frame; the board applies newer ones.
    wb::board::BoardOptions board;
    board.local = local;
    board = wb::board::WithProfile(board, sync.Profiles().get());

    if (once)
    {
        sync.RunOnce();
        const wb::io::SyncStatus status = sync.Status();
        std::cout << wb::io::StatusToJson(status, wb::board::EpochSeconds());
        return status.state == wb::io::SyncState::Online ? 0 : kExitFailure;
    }

    // Fleet health: the status to report-url on a thread of its own, stopped before the sync goes.
    std::optional<wb::io::Reporter> reporter;
    if (!config.report_url.empty())
    {
        wb::io::ReportOptions report{
            sync_options.fetch, {config.screen_id, board.freshness.stale_after_s, config.report_interval}};
        report.fetch.url = config.report_url;
        reporter.emplace(
            std::move(report), [&sync] { return sync.Status(); }, Log);
        reporter->Start();
    }

    // systemd's notify socket, if it gave one: READY=1, WATCHDOG=1, STATUS=, STOPPING=1.
    wb::io::ServiceNotifier notifier(Log);
    if (headless)
        return wb::board::RunHeadless(sync, notifier, board.freshness.stale_after_s, board.today, g_stop);

    // 5. The window, and the board on it: the live board, or a board pack of every page.
    wb::board::RunStats run_stats;
    run_stats.heap_before_window_mb = wb::board::HeapInUseMb();
    wb::platform::WindowOptions window_options;
    if (!windowed.empty())
        std::sscanf(windowed.c_str(), "%dx%d", &window_options.width, &window_options.height);
    window_options.rotation_degrees = config.rotation;
    window_options.diagonal_in = static_cast<float>(config.screen_diagonal);
    window_options.viewing_distance_cm = board.viewing_distance_cm;
    window_options.kiosk = windowed.empty(); // a desk window may be closed; the wall's fullscreen may not
    std::string error;
    const auto window = wb::platform::Window::Open(window_options, error);
    if (!window)
    {
        Log(error);
        return kExitFailure;
    }
    const StopSyncFirst stop_sync_first(sync);
    board.screenshot_dir = screenshot_dir;
    board.stats = stats;
    board.admin_pin = config.admin_pin;
    board.started = started;
    board.display_off = config.display_off;
    if (const auto clock = wb::ParseLocalDateTime(config.clock))
        board.clock_offset_s = *clock - wb::board::EpochSeconds();
    board.burn_in_shift = config.burn_in_shift == "on";
    if (!screenshot_dir.empty())
        return wb::board::RunBoardPack(*window, sync, board, run_stats, notifier, g_stop);
    return wb::board::RunLiveBoard(*window, sync, board, run_stats, notifier, g_stop);
}

} // namespace

// Nothing escapes as an abort: a failure the code above did not foresee is still a message and an exit
// code, so systemd's log says why the wall went blank.
int main(int argc, char** argv)
{
    try
    {
        return Main(argc, argv);
    }
    catch (const std::exception& error)
    {
        Log(std::string("stopped by an unexpected error: ") + error.what());
    }
    catch (...)
    {
        Log("stopped by an unexpected error");
    }
    return kExitFailure;
}
