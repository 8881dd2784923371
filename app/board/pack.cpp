// A board pack (board.h): every page of the playlist, long pages in parts, as PNG files, drawn from the
// newest data there is, then exit. No input, no rotation, no cue: each page is pinned in turn.
#include "board/board.h"
#include "board/frame.h"
#include "io/service_notify.h"
#include "io/sync.h"
#include "platform/window.h"

#include <algorithm>

namespace wb::board
{

// Frames drawn per page before the one that is written: a page's first frames size its draw lists.
constexpr int kFramesPerPage = 3;

int RunBoardPack(platform::Window& window, io::Sync& sync, const BoardOptions& given, RunStats stats,
                 io::ServiceNotifier& notifier, const std::atomic<bool>& stop)
{
    // The newest data: fetch before drawing (the cache's, already loaded, if the feed cannot be reached),
    // and the screen's profile as it came with it.
    sync.RunOnce();
    const BoardOptions options = WithProfile(given, sync.Profiles().get());
    window.SetViewingDistance(options.viewing_distance_cm);
    const std::int64_t epoch = EpochSeconds();
    const Date today = options.today ? *options.today : LocalDate(epoch);
    BoardFrame frame(window, options, Seconds());
    frame.Update(sync.CurrentBoard(), today, Seconds());
    if (!frame.HasData())
    {
        Log("no snapshot to draw: the cache is empty and the feed gave none (" + sync.Status().last_error +
            ")");
        return kExitFailure;
    }
    const io::SyncStatus status = sync.Status();
    const bool detail = frame.Pinned().detail.has_value();
    // Counted at each page: the first frame rebuilds the fonts for a profile's viewing distance, and the
    // pages laid out again may run to more parts.
    const auto pages = [&] { return detail ? size_t{1} : frame.Playlist().size(); };
    for (size_t page = 0; page < pages(); ++page)
    {
        std::string name = detail ? options.pinned_page : frame.Playlist()[page].page_id;
        if (!detail)
            frame.GetNavigation().GetRotation().Pin(name);
        std::replace(name.begin(), name.end(), ':', '-');
        const std::string png = options.screenshot_dir + "/" + name + ".png";
        for (int i = 1; i <= kFramesPerPage; ++i)
        {
            const double now = Seconds();
            const FrameWords words = frame.Words(now, epoch, today, status, false);
            window.BeginFrame();
            frame.Relayout(now);
            stats.draw_ms_max = std::max(stats.draw_ms_max, frame.Draw(words.context, now));
            if (std::string error = window.EndFrame(i == kFramesPerPage ? png : std::string());
                !error.empty())
            {
                Log(error);
                return kExitFailure;
            }
            ++stats.frames;
            notifier.Ready(); // a board pack made by a systemd unit (a timer's) is up, and alive
            notifier.KeepAlive(Seconds());
        }
        if (stats.first_frame_ms < 0)
            stats.first_frame_ms = (Seconds() - options.started) * 1000.0;
        Log("wrote " + png);
        if (stop)
        {
            Log("stopped before the board pack was complete: " + std::to_string(page + 1) + " of " +
                std::to_string(pages()) + " pages written");
            return kExitFailure;
        }
    }
    notifier.Stopping();
    if (options.stats)
        LogStats(stats);
    return kExitOk;
}

} // namespace wb::board
