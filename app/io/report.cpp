// The report thread: POST the status, sleep a jittered interval, again, until Stop().
#include "io/report.h"

#include "core/url.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <pthread.h>

namespace wb::io
{

int NextReportDelay(int interval_s, bool first, double unit)
{
    if (first) // soon after start, once the first sync has had a moment: the fleet page hears of a reboot
        return 1 + static_cast<int>(unit * std::min(interval_s, 10));
    return std::max(1, static_cast<int>(std::lround(interval_s * (0.8 + 0.4 * unit))));
}

Reporter::Reporter(ReportOptions options, std::function<SyncStatus()> status, LogFn log)
    : m_options(std::move(options)), m_status(std::move(status)), m_log(std::move(log))
{
    m_options.fetch.post = true;
    m_options.fetch.setting = "report-url";
    // A report is small and the answer smaller: a server that takes longer is not waited for.
    m_options.fetch.connect_timeout_s = std::min<long>(m_options.fetch.connect_timeout_s, 5);
    m_options.fetch.request_timeout_s = std::min<long>(m_options.fetch.request_timeout_s, 15);
    m_options.fetch.low_speed_time_s = std::min<long>(m_options.fetch.low_speed_time_s, 10);
    m_options.fetch.max_body_bytes = 64u << 10;
}

Reporter::~Reporter()
{
    Stop();
}

std::string Reporter::ReportOnce()
{
    const std::int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    m_options.fetch.post_body = ReportToJson(m_status(), now, m_options.context);
    const FetchResult result = m_fetcher.Fetch(m_options.fetch, {});
    if (result.kind == FetchResult::Kind::Cancelled)
        return "cancelled";
    return result.kind == FetchResult::Kind::Body ? std::string() : result.error;
}

void Reporter::ReportAndLog()
{
    const std::string error = ReportOnce();
    if (error == "cancelled")
        return;
    // The outcome without its details (a timeout's milliseconds vary): logged when it changes.
    const std::string outcome = error.empty() ? "ok" : error.substr(0, error.find(" ("));
    const std::string where = UrlWithoutCredentials(m_options.fetch.url);
    if (outcome != m_last_outcome)
        m_log(error.empty() ? "reports reach " + where + " again"
                            : "cannot report to " + where + ": " + error);
    m_last_outcome = outcome;
}

void Reporter::Start()
{
    m_log("reporting to " + UrlWithoutCredentials(m_options.fetch.url) + " every " +
          std::to_string(m_options.context.report_interval_s) + " s or so");
    m_thread = std::jthread(
        [this](std::stop_token stop)
        {
            pthread_setname_np(pthread_self(), "wb-report");
            // Stop() ends the wait, and a report in flight too, even while a server hangs.
            const std::stop_callback cancel(stop, [this] { m_fetcher.Cancel(); });
            std::mutex mutex; // the wait's own: nothing else is shared with this thread
            std::unique_lock lock(mutex);
            for (bool first = true; !stop.stop_requested(); first = false)
            {
                const int delay =
                    NextReportDelay(static_cast<int>(m_options.context.report_interval_s), first,
                                    std::uniform_real_distribution<double>(0.0, 1.0)(m_random));
                m_wake.wait_for(lock, stop, std::chrono::seconds(delay), [] { return false; });
                if (!stop.stop_requested())
                    ReportAndLog();
            }
        });
}

void Reporter::Stop()
{
    m_thread.request_stop();
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace wb::io
