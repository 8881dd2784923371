// The sync without a window (board.h): the cache kept up to date for a board that draws elsewhere, or
// for a check of the feed. systemd hears READY=1, the keep-alive and the status's words from this loop.
#include "board/board.h"
#include "io/freshness.h"
#include "io/service_notify.h"
#include "io/sync.h"

#include <chrono>
#include <thread>

namespace wb::board
{

int RunHeadless(io::Sync& sync, io::ServiceNotifier& notifier, std::int64_t stale_after_s,
                std::optional<Date> today, const std::atomic<bool>& stop)
{
    sync.Start();
    notifier.Ready();
    while (!stop)
    {
        notifier.KeepAlive(Seconds());
        if (notifier.Active()) // the strip's words, as a board would show them
        {
            const io::SyncStatus status = sync.Status();
            io::Freshness freshness = io::WaitingForFirstSnapshot();
            if (const auto snapshot = sync.Current())
            {
                const std::int64_t epoch = EpochSeconds();
                freshness = io::DescribeFreshness(status, snapshot->plan.as_of,
                                                  today ? *today : LocalDate(epoch), epoch, {stale_after_s});
            }
            notifier.UpdateStatus(status.state, "", freshness.Headline(), [] { return std::string(); });
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    notifier.Stopping();
    return kExitOk;
}

} // namespace wb::board
