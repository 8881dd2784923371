// wallboard: the board. Reads top to bottom as the whole program: parse options, load config, open the
// cache, load the last good snapshot, start the sync thread, open the window, loop. With --once it makes
// one sync and reports it; with --headless it syncs without a window.
// Exit codes: 0 ok, 2 bad arguments or config (naming the option or key), 1 other failure.
#include "core/config.h"
#include "core/files.h"
#include "core/rotation.h"
#include "core/snapshot.h"
#include "io/cache.h"
#include "io/sync.h"
#include "platform/window.h"
#include "widgets/pages.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <pthread.h>
#include <thread>

namespace
{

constexpr int kExitFailure = 1;
constexpr int kExitBadConfig = 2;

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

void Log(const std::string& line)
{
    std::cerr << "wallboard: " << line << std::endl;
}

double Seconds()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string FormatLocalTime(std::int64_t epoch_seconds, const char* format)
{
    const std::time_t t = static_cast<std::time_t>(epoch_seconds);
    std::tm local{};
    localtime_r(&t, &local);
    char text[48];
    std::strftime(text, sizeof text, format, &local);
    return text;
}

// What the status strip says, from the sync status and the snapshot's own as-of date.
void DescribeFreshness(const wb::io::SyncStatus& status, const wb::Snapshot& snapshot, wb::Date today,
                       std::int64_t now, wb::widgets::PageContext& context)
{
    const std::string as_of = wb::widgets::FormatLongDate(snapshot.plan.as_of);
    if (status.last_success)
        context.status_line =
            "Synced " + FormatLocalTime(*status.last_success, "%H:%M") + " · figures as of " + as_of;
    else
        context.status_line = "Showing saved data · figures as of " + as_of;
    const auto age = wb::io::DataAgeSeconds(status, now);
    const std::string shown_from = age ? FormatLocalTime(now - *age, "%A %H:%M") : "an earlier sync";
    const int days_old = wb::DaysBetween(snapshot.plan.as_of, today);
    context.warning_severe = true;
    if (status.state == wb::io::SyncState::Offline && status.last_attempt)
        context.warning = "Offline: the feed cannot be reached — showing data from " + shown_from;
    else if (status.state == wb::io::SyncState::Stale && status.consecutive_failures > 0)
        context.warning = "The feed sent bad data — still showing data from " + shown_from;
    else
        context.warning_severe = false;
    if (!context.warning.empty())
        return;
    if (days_old > 45)
        context.warning = "The monthly update is late: these figures are as of " + as_of + ", " +
                          std::to_string(days_old / 30) + " months ago";
}

// The frame loop. Draws a frame when something changed (new data, page change, the minute, input, the
// rotation cue) and a few more after it, then sleeps in glfwWaitEventsTimeout until the next deadline.
int RunBoard(wb::platform::Window& window, wb::io::Sync& sync, const std::string& pinned_page,
             const std::string& screenshot_dir, double dwell)
{
    // A board pack needs data: without a cached snapshot, fetch one before drawing.
    if (!screenshot_dir.empty() && !sync.Current())
        sync.RunOnce();
    sync.Start();
    std::shared_ptr<const wb::Snapshot> snapshot;
    std::vector<wb::PlaylistEntry> playlist;
    wb::Rotation rotation(playlist, Seconds());
    // The playlist follows the snapshot's dashboards (a new snapshot may add or drop one).
    const auto rebuild_playlist = [&]
    {
        std::vector<wb::PlaylistEntry> entries;
        if (snapshot)
        {
            for (const wb::Dashboard& d : snapshot->dashboards)
                entries.push_back({d.id, dwell});
            entries.push_back({"overdue", dwell});
        }
        const bool same = entries.size() == playlist.size() &&
                          std::equal(entries.begin(), entries.end(), playlist.begin(),
                                     [](const auto& a, const auto& b) { return a.page_id == b.page_id; });
        if (same)
            return;
        playlist = entries;
        rotation = wb::Rotation(playlist, Seconds());
        if (!pinned_page.empty())
            rotation.Pin(pinned_page);
    };
    snapshot = sync.Current();
    rebuild_playlist();

    const wb::platform::Fonts& fonts = window.GetFonts();
    wb::widgets::Theme theme;
    theme.body = fonts.body;
    theme.bold = fonts.bold;
    theme.value = fonts.value;
    theme.em = fonts.body_px;

    size_t screenshot_index = 0;
    int frames_left = 3;
    std::string last_view;
    while (!window.ShouldClose() && !g_stop)
    {
        const double now = Seconds();
        if (auto latest = sync.Current(); latest != snapshot)
        {
            snapshot = latest;
            rebuild_playlist();
            frames_left = 3;
        }
        if (screenshot_dir.empty() && rotation.Update(now))
            frames_left = 3;
        if (!screenshot_dir.empty())
        {
            if (!snapshot)
            {
                Log("no snapshot to draw: the cache is empty and the feed gave none (" +
                    sync.Status().last_error + ")");
                sync.Stop();
                return kExitFailure;
            }
            if (screenshot_index >= playlist.size())
                break;
            rotation.Pin(playlist[screenshot_index].page_id);
        }
        if (rotation.CurrentPage() != last_view)
        {
            last_view = rotation.CurrentPage();
            sync.SetView(last_view);
        }

        const auto wall = std::chrono::system_clock::now();
        const std::int64_t epoch =
            std::chrono::duration_cast<std::chrono::seconds>(wall.time_since_epoch()).count();
        wb::widgets::PageContext context;
        context.today = std::chrono::floor<std::chrono::days>(wall);
        context.clock = FormatLocalTime(epoch, "%H:%M");
        context.rotation_progress = rotation.Progress(now);

        window.BeginFrame();
        ImDrawList* draw = ImGui::GetBackgroundDrawList();
        const ImVec2 size(static_cast<float>(window.Width()), static_cast<float>(window.Height()));
        if (!snapshot)
        {
            context.status_line = "Waiting for the first snapshot from the feed…";
            draw->AddText(theme.bold, theme.em * 1.6f, ImVec2(theme.em, theme.em), theme.text,
                          "Wallboard is starting: no data has arrived yet.");
        }
        else
        {
            DescribeFreshness(sync.Status(), *snapshot, context.today, epoch, context);
            theme.dim = context.warning_severe ? 0.6f : 1.0f;
            const wb::Dashboard* dashboard = nullptr;
            for (const wb::Dashboard& d : snapshot->dashboards)
                if (d.id == rotation.CurrentPage())
                    dashboard = &d;
            const float strip = theme.em * (context.warning.empty() ? 1.6f : 2.6f);
            const ImVec2 page_max(size.x, size.y - strip);
            if (rotation.CurrentPage() == "overdue")
                wb::widgets::DrawOverduePage(draw, theme, *snapshot, context, ImVec2(0, 0), page_max);
            else if (dashboard && dashboard->kind == wb::DashboardKind::Overview)
                wb::widgets::DrawOverviewPage(draw, theme, *snapshot, *dashboard, context, ImVec2(0, 0),
                                              page_max);
            else if (dashboard)
                wb::widgets::DrawDashboardPage(draw, theme, *snapshot, *dashboard, context, ImVec2(0, 0),
                                               page_max);
            else
                draw->AddText(theme.bold, theme.em * 1.4f, ImVec2(theme.em, theme.em), theme.text,
                              ("No dashboard \"" + rotation.CurrentPage() + "\" in this plan").c_str());
        }
        wb::widgets::DrawStatusStrip(draw, theme, context, ImVec2(0, 0), size);

        std::string png;
        if (!screenshot_dir.empty() && frames_left == 1 && snapshot)
            png = screenshot_dir + "/" + rotation.CurrentPage() + ".png";
        if (std::string error = window.EndFrame(png); !error.empty())
        {
            Log(error);
            return kExitFailure;
        }
        if (!png.empty())
        {
            Log("wrote " + png);
            ++screenshot_index;
            frames_left = 4;
        }
        if (--frames_left > 0)
        {
            window.WaitEvents(0.0);
            continue;
        }
        // Asleep until the next deadline: the page change, the next step of the cue, the minute, or a wake.
        double timeout = 60.0 - static_cast<double>(epoch % 60);
        if (auto next = rotation.SecondsToNext(Seconds()))
            timeout = std::min({timeout, *next, 2.0});
        window.WaitEvents(timeout);
        frames_left = 1;
    }
    sync.Stop();
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    WatchStopSignals(); // before any other thread starts, so all inherit the blocked mask
    // 1. Options. Every setting is both a --option and a TOML key of the same name.
    CLI::App app{"wallboard: an improvement plan on the team-room wall"};
    app.set_version_flag("--version", WALLBOARD_VERSION);
    std::string config_path;
    app.add_option("--config", config_path, "TOML file with the settings below (the options override it)");
    std::map<std::string, std::string> text_options;
    for (const char* name : {"feed", "cache", "status-file", "token-file", "ca-file"})
        app.add_option(std::string("--") + name, text_options[name]);
    std::map<std::string, int> int_options;
    for (const wb::IntSetting& s : wb::kIntSettings)
        app.add_option(std::string("--") + s.name, int_options[s.name],
                       std::string("(") + s.unit + ", " + std::to_string(s.min) + " to " +
                           std::to_string(s.max) + ")")
            ->check(CLI::Range(s.min, s.max));
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
    std::string pinned_page;
    app.add_option("--page", pinned_page, "show only this page (a dashboard id)");
    std::string screenshot_dir;
    app.add_option("--screenshot", screenshot_dir,
                   "render every page of the playlist to DIR/<page>.png and exit");
    double dwell = 20.0;
    app.add_option("--dwell", dwell, "seconds each page stays on screen")->check(CLI::Range(3.0, 3600.0));
    try
    {
        app.parse(argc, argv);
    }
    catch (const CLI::ParseError& error)
    {
        const int code = app.exit(error);
        return code == 0 ? 0 : kExitBadConfig;
    }

    // 2. Config: the file, then the command line over it.
    wb::BoardConfig config;
    if (!config_path.empty())
    {
        const auto text = wb::ReadWholeFile(config_path);
        if (!text)
        {
            std::cerr << "--config: cannot read " << config_path << "\n";
            return kExitBadConfig;
        }
        auto loaded = wb::LoadBoardConfig(*text, config_path);
        if (!loaded.Ok())
        {
            std::cerr << wb::FormatProblems(loaded.Problems());
            return kExitBadConfig;
        }
        config = std::move(loaded).Value();
    }
    const std::map<std::string, std::string wb::BoardConfig::*> text_fields = {
        {"feed", &wb::BoardConfig::feed},
        {"cache", &wb::BoardConfig::cache},
        {"status-file", &wb::BoardConfig::status_file},
        {"token-file", &wb::BoardConfig::token_file},
        {"ca-file", &wb::BoardConfig::ca_file}};
    for (const auto& [name, field] : text_fields)
        if (app.count("--" + name) > 0)
            config.*field = text_options[name];
    for (const wb::IntSetting& s : wb::kIntSettings)
        if (app.count(std::string("--") + s.name) > 0)
            config.*s.field = int_options[s.name];
    if (config.feed.empty())
    {
        std::cerr << "--feed: no feed URL given (or feed = \"...\" in the config)\n";
        return kExitBadConfig;
    }
    if (const auto problems = wb::CheckFeedUrl(config.feed, "--feed"); !problems.empty())
    {
        std::cerr << wb::FormatProblems(problems);
        return kExitBadConfig;
    }
    std::string token;
    if (!config.token_file.empty())
    {
        const auto text = wb::ReadWholeFile(config.token_file);
        if (!text)
        {
            std::cerr << "--token-file: cannot read " << config.token_file << "\n";
            return kExitBadConfig;
        }
        token = *text;
        while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back())))
            token.pop_back();
    }
    if (!config.ca_file.empty() && !wb::ReadWholeFile(config.ca_file))
    {
        std::cerr << "--ca-file: cannot read " << config.ca_file << "\n";
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
    const bool wants_window = !once && !headless;
    wb::io::Sync sync(sync_options, cache.Ok() ? std::move(cache).Value() : nullptr,
                      wants_window ? std::function<void()>(wb::platform::Window::Wake) : nullptr, Log);
    sync.LoadFromCache();
    if (auto snapshot = sync.Current())
        Log("showing the cached snapshot of " + snapshot->plan.authority + " as of " +
            wb::FormatIsoDate(snapshot->plan.as_of));

    if (once)
    {
        sync.RunOnce();
        const wb::io::SyncStatus status = sync.Status();
        const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
        std::cout << wb::io::StatusToJson(status, now);
        return status.state == wb::io::SyncState::Online ? 0 : kExitFailure;
    }

    if (headless)
    {
        sync.Start();
        while (!g_stop)
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        sync.Stop();
        return 0;
    }

    // 5. The window, and the frame loop: draw when something changed, otherwise sleep until a deadline.
    wb::platform::WindowOptions window_options;
    if (!windowed.empty())
        std::sscanf(windowed.c_str(), "%dx%d", &window_options.width, &window_options.height);
    std::string error;
    auto window = wb::platform::Window::Open(window_options, error);
    if (!window)
    {
        Log(error);
        return kExitFailure;
    }
    return RunBoard(*window, sync, pinned_page, screenshot_dir, dwell);
}
