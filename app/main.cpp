// wallboard: the board. Reads top to bottom as the whole program: parse options, load config, open the
// cache, load the last good snapshot, start the sync thread, open the window, loop. With --once it makes
// one sync and reports it; with --headless it syncs without a window. Under systemd (Type=notify) it says
// READY=1 after its first complete frame, WATCHDOG=1 from the frame loop, STATUS= and STOPPING=1.
// Exit codes: 0 ok, 2 bad arguments or config (naming the option or key), 1 other failure.
#include "core/board_view.h"
#include "core/config.h"
#include "core/files.h"
#include "core/gesture.h"
#include "core/navigation.h"
#include "core/rotation.h"
#include "core/snapshot.h"
#include "core/url.h"
#include "io/cache.h"
#include "io/freshness.h"
#include "io/service_notify.h"
#include "io/sync.h"
#include "io/token.h"
#include "platform/window.h"
#include "version.h"
#include "widgets/screen.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <malloc.h>
#include <pthread.h>
#include <sys/prctl.h>
#include <sys/resource.h>
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

std::tm LocalTm(std::int64_t epoch_seconds)
{
    const std::time_t t = static_cast<std::time_t>(epoch_seconds);
    std::tm local{};
    localtime_r(&t, &local);
    return local;
}

std::string FormatLocalTime(std::int64_t epoch_seconds, const char* format)
{
    const std::tm local = LocalTm(epoch_seconds);
    char text[48];
    std::strftime(text, sizeof text, format, &local);
    return text;
}

// Today where the board hangs: what "overdue" is measured against.
wb::Date LocalDate(std::int64_t epoch_seconds)
{
    const std::tm local = LocalTm(epoch_seconds);
    return wb::Date{std::chrono::year(local.tm_year + 1900),
                    std::chrono::month(static_cast<unsigned>(local.tm_mon + 1)),
                    std::chrono::day(static_cast<unsigned>(local.tm_mday))};
}

struct BoardOptions
{
    std::vector<wb::PlaylistEntry> playlist; // configured; empty for every page
    double dwell = 20;
    std::string pinned_page;
    std::optional<wb::Date> today; // set by --today; else the calendar's date where the board hangs
    std::string screenshot_dir;
    wb::io::FreshnessOptions freshness;
    bool stats = false;
    int idle_resume_s = 90;
    std::string admin_pin;
    double started = 0; // Seconds() at the start of main
};

double HeapInUseMb()
{
    const struct mallinfo2 heap = mallinfo2();
    return static_cast<double>(heap.uordblks + heap.hblkhd) / 1048576.0;
}

// Figures for benchmarks and for a technician: start to first complete frame, frames drawn, CPU, memory.
struct RunStats
{
    double first_frame_ms = -1;
    long frames = 0;
    double heap_before_window_mb = 0; // the snapshot, its view, the cache connection, the sync thread
    double draw_ms_max = 0;           // the longest CPU time to build one frame's draw lists
};

void LogStats(const RunStats& stats)
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double cpu_s = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    const double imgui_mb = static_cast<double>(wb::platform::Window::ImGuiHeapBytes()) / 1048576.0;
    char line[480];
    std::snprintf(
        line, sizeof line,
        "stats: first complete frame %.0f ms after start; %ld frames, the slowest built in %.2f ms; "
        "CPU %.2f s; the board's own heap %.1f MB (%.1f MB data, cache and sync before the window "
        "opened + %.1f MB ImGui and fonts); whole heap with the GL driver %.1f MB; peak resident %.1f MB",
        stats.first_frame_ms, stats.frames, stats.draw_ms_max, cpu_s, stats.heap_before_window_mb + imgui_mb,
        stats.heap_before_window_mb, imgui_mb, HeapInUseMb(), static_cast<double>(usage.ru_maxrss) / 1024.0);
    Log(line);
}

// The frame loop. Draws a frame when something changed (new data, page change, the minute, input, the
// rotation cue) and a few more after it, then sleeps in glfwWaitEventsTimeout until the next deadline.
// What a desk key does: arrows for the next or previous page, space to hold a page, Escape for back.
void ApplyKey(wb::platform::Key key, wb::Navigation& navigation, double now)
{
    switch (key)
    {
    case wb::platform::Key::Left:
        navigation.Previous(now);
        break;
    case wb::platform::Key::Right:
        navigation.Next(now);
        break;
    case wb::platform::Key::Space:
        navigation.TogglePause(now);
        break;
    case wb::platform::Key::Escape:
        navigation.Back(now);
        break;
    case wb::platform::Key::Home:
        navigation.Home(now);
        break;
    }
}

// The cue at the foot of the page: the next page (its title apart, so the strip can shorten it), or how
// long until the rotation resumes.
void SetCue(wb::widgets::PageContext& context, const wb::Navigation& navigation,
            const wb::widgets::Screen& screen, double now)
{
    const wb::Rotation& rotation = navigation.GetRotation();
    if (navigation.Held())
        context.next_page = "Held: press space or Home to resume";
    else if (const auto resume = navigation.SecondsToResume(now))
        context.next_page =
            "Back to the rotation in " + std::to_string(static_cast<int>(std::ceil(*resume))) + " s";
    else if (const auto next = rotation.SecondsToNext(now))
    {
        context.next_title = screen.Title({wb::ViewKind::Page, rotation.UpcomingPage()});
        context.next_page = "Next: " + context.next_title + " in " +
                            std::to_string(static_cast<int>(std::ceil(*next))) + " s";
    }
}

// "as of Thu 20 Apr 2023 (set)": a board set to another date says so on every page.
std::string SetDateInWords(wb::Date date)
{
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    return std::string("as of ") + kDays[std::chrono::weekday(std::chrono::sys_days(date)).c_encoding()] +
           " " + wb::FormatLongDate(date) + " (set)";
}

// What the picture above the status strip depends on. While it stays the same, a frame redraws only the
// strip's rectangle (the countdown and the progress bar); the rest of the screen is kept as it was.
struct PageState
{
    const void* view = nullptr;
    const void* board = nullptr;
    std::string shown; // the view on screen
    std::string clock;
    float dim = 1.0f;
    float width = 0, height = 0;
    unsigned fonts = 0;
    bool operator==(const PageState&) const = default;
};

// The frame loop. Draws a frame when something changed (new data, page change, the minute, input, the
// rotation cue) and a few more after it, then sleeps in glfwWaitEventsTimeout until the next deadline.
// `notifier` hears of the first complete frame (READY=1), of each frame while a keep-alive is due, of
// what is shown (STATUS=) and of a clean exit; the keep-alive's deadline is one of those the loop sleeps to.
int RunBoard(wb::platform::Window& window, wb::io::Sync& sync, const BoardOptions& options, RunStats stats,
             wb::io::ServiceNotifier& notifier)
{
    const bool screenshots = !options.screenshot_dir.empty();
    // A board pack shows the newest data: fetch before drawing (the cache's if the feed cannot be reached).
    if (screenshots)
        sync.RunOnce();
    sync.Start();

    wb::widgets::Theme theme;
    const auto take_fonts = [&]
    {
        const wb::platform::Fonts& fonts = window.GetFonts();
        theme.body = fonts.body;
        theme.bold = fonts.bold;
        theme.value = fonts.value;
        theme.em = fonts.body_px;
        theme.door = fonts.door_px;
    };
    take_fonts();

    // --page names a playlist page ("front-door", "front-door.2") or a detail view ("indicator:12"). The
    // first part may be named too: "front-door.1" is "front-door".
    const std::optional<wb::View> pinned_detail = wb::ParseDetailView(options.pinned_page);
    std::string pinned_page = pinned_detail ? "" : options.pinned_page;
    if (pinned_page.ends_with(".1"))
        pinned_page.resize(pinned_page.size() - 2);

    // What is shown is worked out once per snapshot, day and screen size, never per frame.
    std::shared_ptr<const wb::BoardData> board;
    std::shared_ptr<const wb::BoardView> view;
    std::vector<wb::PlaylistEntry> playlist;
    wb::Navigation navigation({}, Seconds(), {static_cast<double>(options.idle_resume_s), pinned_page});
    wb::widgets::Screen screen_view;
    screen_view.SetAdminPin(options.admin_pin);
    wb::GestureConfig gesture_config;
    gesture_config.px_per_mm = window.PixelsPerMm();
    wb::GestureRecogniser gestures(gesture_config);
    unsigned font_generation = window.FontGeneration();
    ImVec2 screen(0, 0);
    std::string missing_logged;
    bool first_playlist = true;
    const auto rebuild_playlist = [&]
    {
        std::vector<std::string> available;
        for (const wb::Dashboard& d : view->snapshot->dashboards)
            available.push_back(d.id);
        available.emplace_back(wb::kOverduePageId);
        const wb::PagePart pinned = wb::SplitPageId(pinned_page);
        std::vector<wb::PlaylistEntry> wanted = options.playlist;
        if (!pinned_page.empty())
            wanted = {{pinned.id, 0.0}}; // a pinned page that runs to several parts cycles through them
        std::vector<std::string> missing;
        const auto parts_of = [&](const std::string& id)
        { return wb::widgets::PlanPage(theme, *view, id, screen).parts; };
        auto entries = wb::ExpandPlaylist(wanted, available, options.dwell, parts_of, &missing);
        if (!missing.empty())
        {
            std::string names;
            for (const std::string& id : missing)
                names += (names.empty() ? "" : ", ") + id;
            if (names != missing_logged)
                Log("this plan has no page " + names + (pinned_page.empty() ? " (playlist)" : " (--page)"));
            missing_logged = names;
        }
        if (!pinned_page.empty() && !missing.empty())
            entries = {{pinned_page, options.dwell}}; // the page says what is wrong
        else if (entries.empty())
            entries = wb::ExpandPlaylist({}, available, options.dwell, parts_of);
        playlist = entries;
        navigation.GetRotation().Replace(std::move(entries), Seconds());
        if (first_playlist && pinned.part > 0)
            navigation.GetRotation().Pin(pinned_page); // Replace keeps the pin from now on
        if (first_playlist && pinned_detail)
        {
            navigation.Open(*pinned_detail, Seconds());
            navigation.TogglePause(Seconds()); // held there: a board pinned to a detail view stays on it
        }
        first_playlist = false;
    };

    // The fonts, the screen size and the parts each page needs go together; redone when any changes.
    const auto update_layout = [&](bool new_view)
    {
        const ImVec2 size(static_cast<float>(window.Width()), static_cast<float>(window.Height()));
        if (!new_view && window.FontGeneration() == font_generation && size.x == screen.x &&
            size.y == screen.y)
            return false;
        if (window.FontGeneration() != font_generation)
            Log("the screen is now " + std::to_string(window.Width()) + "x" +
                std::to_string(window.Height()) + ": fonts rebuilt at " +
                std::to_string(static_cast<int>(window.GetFonts().body_px)) +
                " px and every page laid out again");
        font_generation = window.FontGeneration();
        take_fonts();
        screen = size;
        if (view)
            rebuild_playlist();
        return true;
    };

    size_t screenshot_index = 0;
    int frames_left = 3;
    std::string last_view;
    PageState drawn_page;   // what the last frame showed above the strip
    bool page_dirty = true; // input, or a frame since it: the whole screen is drawn
    while (!window.ShouldClose() && !g_stop)
    {
        const double now = Seconds();
        const auto wall = std::chrono::system_clock::now();
        const std::int64_t epoch =
            std::chrono::duration_cast<std::chrono::seconds>(wall.time_since_epoch()).count();
        const wb::Date today = options.today ? *options.today : LocalDate(epoch);
        const auto latest = sync.CurrentBoard();
        const bool new_view = latest && (latest != board || !view || view->today != today);
        if (new_view)
        {
            board = latest;
            view = std::make_shared<const wb::BoardView>(wb::BuildBoardView(board->snapshot, today));
            screen_view.SetData({view, board}, navigation);
        }
        if (update_layout(new_view))
            frames_left = 3;
        bool input = false;

        // Touch and keys: every pointer sample since the last frame, stamped as it came.
        if (!screenshots)
        {
            for (const wb::PointerSample& sample : window.TakePointerSamples())
                for (const wb::Gesture& gesture : gestures.Feed(sample))
                    input = screen_view.Apply(gesture, navigation, now) || input;
            for (const wb::Gesture& gesture : gestures.Tick(wb::platform::Window::Now()))
                input = screen_view.Apply(gesture, navigation, now) || input;
            for (const wb::platform::Key key : window.TakeKeys())
            {
                ApplyKey(key, navigation, now);
                input = true;
            }
            // A page change needs one frame (pages are draw lists, sized as they are drawn); input gets a
            // few, for what follows a touch.
            if (input)
                frames_left = std::max(frames_left, 3);
            else if (navigation.Update(now))
                frames_left = std::max(frames_left, 1);
            if (auto hash = screen_view.TakeComparisonRequest())
                sync.CompareWith(*hash); // the comparison arrives as new board data, with a wake
            if (screen_view.ExitRequested())
            {
                Log("closed from the screen with the admin PIN");
                break;
            }
        }
        else
        {
            if (!view)
            {
                Log("no snapshot to draw: the cache is empty and the feed gave none (" +
                    sync.Status().last_error + ")");
                sync.Stop();
                return kExitFailure;
            }
            const size_t pages = pinned_detail ? 1 : playlist.size();
            if (screenshot_index >= pages)
                break;
            if (!pinned_detail)
                navigation.GetRotation().Pin(playlist[screenshot_index].page_id);
        }
        if (const std::string shown = navigation.StatusView(); shown != last_view)
        {
            last_view = shown;
            sync.SetView(shown);
        }

        wb::widgets::PageContext context;
        context.today = today;
        context.clock = FormatLocalTime(epoch, "%H:%M");
        context.rotation_progress = navigation.Paused() ? 0.0 : navigation.GetRotation().Progress(now);
        if (options.today)
            context.today_set = SetDateInWords(today);
        if (!screenshots) // a board pack shows pages, not a moment of the rotation
            SetCue(context, navigation, screen_view, now);
        if (board && board->previous)
            context.changes_since = wb::FormatLongDate(board->previous->plan.as_of);
        theme.dim = 1.0f;
        const wb::io::SyncStatus status = sync.Status();
        wb::io::Freshness freshness = wb::io::WaitingForFirstSnapshot();
        if (view)
        {
            freshness = wb::io::DescribeFreshness(status, view->snapshot->plan.as_of, today, epoch,
                                                  options.freshness);
            theme.dim = freshness.dim ? 0.6f : 1.0f;
        }
        context.status_line = freshness.status_line;
        context.warning = freshness.warning;
        context.warning_severe = freshness.severe;
        // systemctl status: the strip's words; nothing is built unless they, the state or the view changed.
        notifier.UpdateStatus(status.state, last_view, freshness.Headline(),
                              [&] { return view ? screen_view.Title(navigation.Current()) : std::string(); });

        window.BeginFrame();
        // A new screen size rebuilds the fonts in BeginFrame: the old ones are gone, so take the new ones
        // (and count the parts again) before drawing.
        if (update_layout(false))
            frames_left = 3;
        // Only the strip moved on (the countdown, the progress bar, the sync time): redraw its rectangle.
        const PageState page{view.get(), board.get(), last_view, context.clock,
                             theme.dim,  screen.x,    screen.y,  window.FontGeneration()};
        const bool strip_only = !screenshots && !input && !page_dirty && page == drawn_page;
        page_dirty = input || gestures.Active() || frames_left > 1;
        drawn_page = page;
        std::optional<wb::platform::PageRect> only;
        if (strip_only)
            only = wb::platform::PageRect{0,
                                          screen.y - std::max(wb::widgets::StatusStripHeight(theme, true),
                                                              wb::widgets::StatusStripHeight(theme, false)),
                                          screen.x, screen.y};
        const auto draw_start = std::chrono::steady_clock::now();
        screen_view.Draw(ImGui::GetBackgroundDrawList(), theme, navigation, context, screen,
                         window.PixelsPerMm(), now);
        stats.draw_ms_max = std::max(
            stats.draw_ms_max,
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - draw_start).count());
        std::string png;
        if (screenshots && frames_left == 1)
        {
            std::string name = pinned_detail ? options.pinned_page : navigation.GetRotation().CurrentPage();
            std::replace(name.begin(), name.end(), ':', '-');
            png = options.screenshot_dir + "/" + name + ".png";
        }
        if (std::string error = window.EndFrame(png, only); !error.empty())
        {
            Log(error);
            return kExitFailure;
        }
        ++stats.frames;
        // A frame reached the screen: the board is up, and its render loop is alive. A loop stuck in the
        // GL driver never gets here, so systemd stops hearing from it and restarts the board.
        notifier.Ready();
        notifier.KeepAlive(Seconds());
        if (view && stats.first_frame_ms < 0)
            stats.first_frame_ms = (Seconds() - options.started) * 1000.0;
        if (!png.empty())
        {
            Log("wrote " + png);
            ++screenshot_index;
            frames_left = 4;
        }
        // A finger on the glass or a list still coasting: keep drawing.
        if (gestures.Active())
            frames_left = std::max(frames_left, 2);
        if (--frames_left > 0)
        {
            window.WaitEvents(gestures.Active() ? 1.0 / 60.0 : 0.0);
            continue;
        }
        // Asleep until the next deadline: the page change, the next step of the cue, the minute, the
        // resume countdown, a long press, the cursor hiding, or a wake (new data, input, a signal).
        const double after = Seconds();
        double timeout = 60.0 - static_cast<double>(epoch % 60);
        if (auto next = navigation.NextDeadline(after))
            timeout = std::min(timeout, *next - after);
        if (navigation.GetRotation().SecondsToNext(after) && !navigation.Paused())
            timeout = std::min(timeout, 2.0); // the progress bar and "in 12 s" move on
        if (navigation.SecondsToResume(after))
            timeout = std::min(timeout, 1.0); // "back to the rotation in 34 s" counts down
        if (auto long_press = gestures.NextDeadline())
            timeout = std::min(timeout, *long_press - wb::platform::Window::Now());
        if (auto hide = window.SecondsUntilCursorHides())
            timeout = std::min(timeout, *hide + 0.05);
        if (auto keep_alive = notifier.SecondsUntilKeepAlive(after)) // an idle board still draws and pings
            timeout = std::min(timeout, *keep_alive);
        window.WaitEvents(timeout);
        frames_left = 1;
    }
    notifier.Stopping();
    sync.Stop();
    if (options.stats)
        LogStats(stats);
    return 0;
}

// Sync without a window: ready once the sync thread runs, and a keep-alive from this loop.
int RunHeadless(wb::io::Sync& sync, wb::io::ServiceNotifier& notifier, std::int64_t stale_after_s,
                std::optional<wb::Date> today)
{
    sync.Start();
    notifier.Ready();
    while (!g_stop)
    {
        notifier.KeepAlive(Seconds());
        if (notifier.Active()) // the strip's words, as a board would show them
        {
            const wb::io::SyncStatus status = sync.Status();
            wb::io::Freshness freshness = wb::io::WaitingForFirstSnapshot();
            if (const auto snapshot = sync.Current())
            {
                const std::int64_t epoch = std::chrono::duration_cast<std::chrono::seconds>(
                                               std::chrono::system_clock::now().time_since_epoch())
                                               .count();
                freshness = wb::io::DescribeFreshness(
                    status, snapshot->plan.as_of, today ? *today : LocalDate(epoch), epoch, {stale_after_s});
            }
            notifier.UpdateStatus(status.state, "", freshness.Headline(), [] { return std::string(); });
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    notifier.Stopping();
    sync.Stop();
    return 0;
}

int Main(int argc, char** argv)
{
    const double started = Seconds();
    WatchStopSignals(); // before any other thread starts, so all inherit the blocked mask
    // 1. Options. Every setting is both a --option and a TOML key of the same name.
    // Named here, not from argv[0], so that --help and the man page made from it say "wallboard".
    CLI::App app{"wallboard: an improvement plan on the team-room wall", "wallboard"};
    app.set_version_flag("--version", WALLBOARD_VERSION);
    std::string config_path;
    app.add_option("--config", config_path, "TOML file with the settings below (the options override it)");
    std::map<std::string, std::string> text_options;
    const std::pair<const char*, const char*> text_settings[] = {
        {"feed", "the snapshot's URL: http://, https:// or file://"},
        {"cache", "SQLite file of the last good snapshots, shown when the feed is down"},
        {"status-file", "JSON file the board keeps up to date: state, last success, last error, data age"},
        {"token-file", "file holding a bearer token to send with each request (never logged)"},
        {"ca-file", "an extra CA bundle for the feed's TLS (verification cannot be turned off)"},
        {"admin-pin", "4 to 8 digits: a long press on the clock asks for them, then the board exits"},
        {"today", "measure overdue and ages against this date, YYYY-MM-DD (a board pack or demo as of a "
                  "meeting day); the strip says it is set"}};
    for (const auto& [name, description] : text_settings)
        app.add_option(std::string("--") + name, text_options[name], description);
    app.add_option("--page", text_options["page"],
                   "show only this page: a dashboard id or \"overdue\" (a part: \"early-help.2\")");
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
        {"ca-file", &wb::BoardConfig::ca_file},
        {"page", &wb::BoardConfig::page},
        {"admin-pin", &wb::BoardConfig::admin_pin},
        {"today", &wb::BoardConfig::today}};
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
    if (const auto problems = wb::CheckAdminPin(config.admin_pin, "--admin-pin"); !problems.empty())
    {
        std::cerr << wb::FormatProblems(problems);
        return kExitBadConfig;
    }
    if (const auto problems = wb::CheckToday(config.today, app.count("--today") > 0 ? "--today" : "today");
        !problems.empty())
    {
        std::cerr << wb::FormatProblems(problems);
        return kExitBadConfig;
    }
    const std::optional<wb::Date> today =
        config.today.empty() ? std::nullopt : wb::ParseIsoDate(config.today);
    if (const auto problems = wb::CheckFeedUrl(config.feed, "--feed"); !problems.empty())
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

    // systemd's notify socket, if it gave one: READY=1, WATCHDOG=1, STATUS=, STOPPING=1.
    wb::io::ServiceNotifier notifier(Log);
    if (headless)
        return RunHeadless(sync, notifier, static_cast<std::int64_t>(config.stale_after) * 60, today);

    // 5. The window, and the frame loop: draw when something changed, otherwise sleep until a deadline.
    RunStats run_stats;
    run_stats.heap_before_window_mb = HeapInUseMb();
    wb::platform::WindowOptions window_options;
    if (!windowed.empty())
        std::sscanf(windowed.c_str(), "%dx%d", &window_options.width, &window_options.height);
    window_options.rotation_degrees = config.rotation;
    window_options.diagonal_in = static_cast<float>(config.screen_diagonal);
    window_options.viewing_distance_cm = config.viewing_distance;
    window_options.kiosk = windowed.empty(); // a desk window may be closed; the wall's fullscreen may not
    std::string error;
    auto window = wb::platform::Window::Open(window_options, error);
    if (!window)
    {
        Log(error);
        return kExitFailure;
    }
    BoardOptions board;
    board.playlist = config.playlist;
    board.dwell = config.dwell;
    board.pinned_page = config.page;
    board.today = today;
    board.screenshot_dir = screenshot_dir;
    board.freshness.stale_after_s = static_cast<std::int64_t>(config.stale_after) * 60;
    board.stats = stats;
    board.idle_resume_s = config.idle_resume;
    board.admin_pin = config.admin_pin;
    board.started = started;
    return RunBoard(*window, sync, board, run_stats, notifier);
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
