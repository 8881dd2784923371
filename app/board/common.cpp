// Clocks, the log and the run figures the board's ways of running share (board.h).
#include "board/board.h"

#include "platform/window.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <malloc.h>
#include <sys/resource.h>

namespace wb::board
{

BoardOptions WithProfile(const BoardOptions& options, const ScreenProfiles* profiles)
{
    const BoardConfig config = EffectiveConfig(options.local, profiles);
    BoardOptions result = options;
    result.playlist = config.playlist;
    result.dwell = config.dwell;
    result.pinned_page = config.page;
    result.today = config.today.empty() ? std::nullopt : ParseIsoDate(config.today);
    result.freshness.stale_after_s = static_cast<std::int64_t>(config.stale_after) * 60;
    result.idle_resume_s = config.idle_resume;
    result.viewing_distance_cm = config.viewing_distance;
    result.office_hours = config.office_hours;
    return result;
}

void Log(const std::string& line)
{
    std::cerr << "wallboard: " << line << std::endl;
}

double Seconds()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::int64_t EpochSeconds()
{
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

double HeapInUseMb()
{
    const struct mallinfo2 heap = mallinfo2();
    return static_cast<double>(heap.uordblks + heap.hblkhd) / 1048576.0;
}

void LogStats(const RunStats& stats)
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double cpu_s = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    const double imgui_mb = static_cast<double>(platform::Window::ImGuiHeapBytes()) / 1048576.0;
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

} // namespace wb::board
