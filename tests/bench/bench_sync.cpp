// Benchmark, not a test: how long Sync::Stop() takes while the feed server hangs mid-request
// (target: under 1 s), and the cost of one conditional fetch answered 304 on loopback.
#include "io/sync.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <vector>

namespace
{

using Clock = std::chrono::steady_clock;

double Median(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

} // namespace

int main()
{
    httplib::Server server;
    std::mutex mutex;
    std::condition_variable release;
    bool released = false;
    server.Get("/hang",
               [&](const httplib::Request&, httplib::Response& r)
               {
                   std::unique_lock lock(mutex);
                   release.wait_for(lock, std::chrono::seconds(60), [&] { return released; });
                   r.status = 500;
               });
    server.Get("/same", [](const httplib::Request&, httplib::Response& r) { r.status = 304; });
    const int port = server.bind_to_any_port("127.0.0.1");
    std::thread thread([&] { server.listen_after_bind(); });
    const std::string base = "http://127.0.0.1:" + std::to_string(port);

    std::vector<double> stop_ms;
    for (int run = 0; run < 5; ++run)
    {
        wb::io::SyncOptions options;
        options.fetch.url = base + "/hang";
        options.fetch.request_timeout_s = 3600;
        options.fetch.low_speed_time_s = 3600;
        wb::io::Sync sync(options, nullptr, nullptr, [](const std::string&) {});
        sync.Start();
        while (!sync.Status().last_attempt)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const auto start = Clock::now();
        sync.Stop();
        stop_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }

    std::vector<double> fetch_ms;
    wb::io::SyncOptions options;
    options.fetch.url = base + "/same";
    wb::io::Sync sync(options, nullptr, nullptr, [](const std::string&) {});
    for (int run = 0; run < 20; ++run)
    {
        const auto start = Clock::now();
        sync.RunOnce();
        fetch_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }

    {
        std::lock_guard lock(mutex);
        released = true;
    }
    release.notify_all();
    server.stop();
    thread.join();
    std::printf("bench_sync: Stop() while the server hangs mid-request: median %.1f ms, worst %.1f ms over 5 "
                "(target < 1000)\n",
                Median(stop_ms), *std::max_element(stop_ms.begin(), stop_ms.end()));
    std::printf("  one conditional fetch answered 304 on loopback: median %.2f ms over 20\n",
                Median(fetch_ms));
    return 0;
}
