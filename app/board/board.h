// The board's ways of running, between which app/main.cpp chooses: the live board on the wall (live.cpp),
// a board pack of every page as PNG (pack.cpp), and the sync without a window (headless.cpp). What the
// live board and the board pack draw alike is in frame.h.
#pragma once

#include "core/date.h"
#include "core/office_hours.h"
#include "core/rotation.h"
#include "core/screens.h"
#include "io/freshness.h"

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wb::platform
{
class Window;
}
namespace wb::io
{
class Sync;
class ServiceNotifier;
} // namespace wb::io

namespace wb::board
{

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitBadConfig = 2;

struct BoardOptions
{
    std::vector<PlaylistEntry> playlist; // configured; empty for every page
    double dwell = 20;
    std::string pinned_page;    // --page: a page, a part or a detail view
    std::optional<Date> today;  // set by --today; else the calendar's date where the board hangs
    std::string screenshot_dir; // a board pack's folder
    io::FreshnessOptions freshness;
    bool stats = false;
    int idle_resume_s = 90;
    std::string admin_pin;
    double started = 0; // Seconds() at the start of main
    int viewing_distance_cm = 400;
    // board.toml and the command line, under which a published screen profile applies (core/screens.h).
    LocalSettings local;
    // Office hours (none: always on), how the display goes dark outside them (display-off), and the
    // `clock` setting as seconds added to the real clock for office hours alone.
    OfficeHours office_hours;
    std::string display_off = "dpms";
    std::int64_t clock_offset_s = 0;
    bool burn_in_shift = true; // the live board moves the whole frame on a slow orbit (core/burn_in.h)
};

// `options` as this screen's profile in `profiles` (null: none published) sets them, under its own
// board.toml and command line: playlist, dwell, page, today, stale-after, idle-resume, viewing distance,
// office hours.
BoardOptions WithProfile(const BoardOptions& options, const ScreenProfiles* profiles);

// Figures for benchmarks and for a technician: start to first complete frame, frames drawn, CPU, memory.
struct RunStats
{
    double first_frame_ms = -1;
    long frames = 0;
    double heap_before_window_mb = 0; // the snapshot, its view, the cache connection, the sync thread
    double draw_ms_max = 0;           // the longest CPU time to build one frame's draw lists
};

// "wallboard: <line>" on stderr: the journal's line under systemd.
void Log(const std::string& line);
// A monotonic clock in seconds: what rotation, navigation and frame pacing measure with.
double Seconds();
// Seconds since the epoch, for the clock on the strip and data ages.
std::int64_t EpochSeconds();
double HeapInUseMb();
void LogStats(const RunStats& stats);

// The board on the wall until `stop` (SIGTERM, SIGINT), the window closing or the admin PIN. Starts the
// sync thread; the caller stops it before the window goes.
int RunLiveBoard(platform::Window& window, io::Sync& sync, const BoardOptions& options, RunStats stats,
                 io::ServiceNotifier& notifier, const std::atomic<bool>& stop);

// Every page of the playlist (long pages in parts), or the pinned page or view, to
// `options.screenshot_dir`/<page>.png after one sync, then exit: 0, or 1 with nothing to draw or when
// `stop` cut it short (after the page it was drawing). Under systemd, READY=1 and WATCHDOG=1 as it draws.
int RunBoardPack(platform::Window& window, io::Sync& sync, const BoardOptions& options, RunStats stats,
                 io::ServiceNotifier& notifier, const std::atomic<bool>& stop);

// The sync without a window: ready once the sync thread runs, a keep-alive and the status's words for
// systemd from this loop, until `stop`.
int RunHeadless(io::Sync& sync, io::ServiceNotifier& notifier, std::int64_t stale_after_s,
                std::optional<Date> today, const std::atomic<bool>& stop);

} // namespace wb::board
