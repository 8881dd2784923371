// Fleet health reports: the board's status POSTed to `report-url` every `report-interval` (jittered), on a
// thread of its own ("wb-report"), so that a slow or hung server delays neither drawing nor syncing.
//
// [X] The body: the status file's JSON plus screen_id, page, stale-after and the interval (ReportToJson)
// [X] The feed's token and TLS rules, by the same code (io/fetch): the token only over https:// or to this
//     machine, redirects never down to http://, TLS always verified, ca-file honoured
// [X] Short timeouts; Stop() cancels a report in flight and returns at once
// [X] A failure is logged when the outcome changes (and when reports get through again), not every time
// [ ] Retrying a failed report early: the next one is due in an interval anyway
// Threads: Start/Stop from the owner; `status` is called on the report thread.
#pragma once

#include "io/cache.h"
#include "io/fetch.h"
#include "io/status.h"

#include <condition_variable>
#include <functional>
#include <random>
#include <stop_token>
#include <thread>

namespace wb::io
{

struct ReportOptions
{
    FetchOptions fetch;    // url: report-url; bearer_token and ca_file as the feed's; `post` set here
    ReportContext context; // screen id, stale-after, the interval in seconds
};

class Reporter
{
  public:
    Reporter(ReportOptions options, std::function<SyncStatus()> status, LogFn log);
    ~Reporter();
    Reporter(const Reporter&) = delete;
    Reporter& operator=(const Reporter&) = delete;

    // One report now, on the calling thread. Empty when the server took it, else why not, in words.
    std::string ReportOnce();
    // ReportOnce(), its outcome logged when it differs from the last one's: what the report thread runs.
    void ReportAndLog();

    void Start();
    void Stop();

  private:
    ReportOptions m_options;
    std::function<SyncStatus()> m_status;
    LogFn m_log;
    Fetcher m_fetcher;
    std::mt19937 m_random{std::random_device{}()};
    std::string m_last_outcome = "ok"; // what the last report came to, so a change is logged once

    std::condition_variable_any m_wake; // woken by Stop() through the thread's stop token
    std::jthread m_thread;
};

// Seconds until the next report: the interval spread by ±20% (`unit` in [0, 1)), so that a building's
// boards that started together do not all report in the same second. The first comes sooner (1 to 10 s).
int NextReportDelay(int interval_s, bool first, double unit);

} // namespace wb::io
