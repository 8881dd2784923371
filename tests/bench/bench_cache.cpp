// Benchmark, not a test: prints figures for the board's SQLite cache with a synthetic plan of 5,000
// indicators x 36 months. Targets on the development machine: storing a new snapshot into a cache that
// already holds the previous one < 500 ms; opening the cache and loading the newest snapshot at start
// < 100 ms; bytes written for an unchanged snapshot: 0.
#include "core/digest.h"
#include "core/snapshot.h"
#include "io/cache.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace
{

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr int kIndicators = 5000, kMonths = 36, kRuns = 5;

double MsSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double Median(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

// The plan as published `shift` months after the first version: the window of 36 months moves on by one
// month per version (the oldest leaves the feed, a new one arrives). A month keeps its value from version
// to version unless `restated` is set, which moves the values of one indicator in 100.
wb::Snapshot Synthetic(int shift, int restated = -1)
{
    wb::Snapshot s;
    s.plan.id = "synthetic";
    s.plan.authority = "Benchmark Council";
    s.plan.title = "Synthetic plan, version " + std::to_string(shift) + "." + std::to_string(restated);
    const int last = 2025 * 12 + 11 + shift; // 2025-12, then one month later per version
    s.plan.as_of = std::chrono::year{last / 12} / std::chrono::month{static_cast<unsigned>(last % 12 + 1)} /
                   std::chrono::last;
    s.rag_key = {wb::RagLevel{"G", "Green", "#00A000", "Implemented and evidenced", true}};
    s.priorities = {wb::Priority{"1", "Priority one", "Children are safe"}};
    s.teams = {wb::Team{"team", "The team"}};
    s.indicators.reserve(kIndicators);
    for (int i = 0; i < kIndicators; ++i)
    {
        wb::Indicator indicator;
        indicator.id = std::to_string(i);
        indicator.section = "Section " + std::to_string(i % 6);
        indicator.name = "Percentage of things, measure " + std::to_string(i);
        indicator.unit = wb::Unit::Percent;
        indicator.basis = wb::MeasureBasis::InMonth;
        indicator.polarity = wb::Polarity::HigherIsBetter;
        indicator.target = {wb::TargetKind::Value, 90.0};
        indicator.teams = {"team"};
        indicator.series.reserve(kMonths);
        for (int index = last - kMonths + 1; index <= last; ++index)
        {
            wb::PeriodValue month{wb::Period{index / 12, index % 12 + 1}, std::nullopt, ""};
            if ((i + index) % 97 == 0)
                month.placeholder = "Report development required";
            else
                month.value = (i * 7 + index * 13) % 1000 / 10.0 + (i % 100 == restated ? 0.5 : 0.0);
            indicator.series.push_back(month);
        }
        s.indicators.push_back(std::move(indicator));
    }
    s.dashboards = {wb::Dashboard{"board", "Board", wb::DashboardKind::Overview, {}, {}, {}}};
    return s;
}

wb::io::CachedSnapshot Raw(const wb::Snapshot& snapshot)
{
    wb::io::CachedSnapshot raw;
    raw.hash = wb::ContentHash(wb::SnapshotToJson(snapshot));
    raw.bytes = wb::SnapshotToJsonWithHash(snapshot, raw.hash);
    raw.etag = "\"" + raw.hash.substr(7, 16) + "\"";
    raw.fetched_at = 1767225600;
    raw.as_of = wb::FormatIsoDate(snapshot.plan.as_of);
    return raw;
}

// A field of /proc/self/io: "write_bytes" counts bytes this process caused to be sent to storage,
// "wchar" bytes it passed to write() and its relatives.
long long ProcIo(const std::string& field)
{
    std::ifstream io("/proc/self/io");
    std::string name;
    long long value = 0;
    while (io >> name >> value)
        if (name == field + ":")
            return value;
    return -1;
}

long long SizeOf(const std::string& path)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    return ec ? 0 : static_cast<long long>(size);
}

struct IoDelta
{
    long long write_bytes = 0, wchar = 0, db_size = 0, wal_size = 0;
};

template <typename Fn>
IoDelta MeasureIo(const std::string& path, Fn&& fn)
{
    const IoDelta before{ProcIo("write_bytes"), ProcIo("wchar"), SizeOf(path), SizeOf(path + "-wal")};
    fn();
    return {ProcIo("write_bytes") - before.write_bytes, ProcIo("wchar") - before.wchar,
            SizeOf(path) - before.db_size, SizeOf(path + "-wal") - before.wal_size};
}

std::unique_ptr<wb::io::Cache> OpenOrDie(const std::string& path)
{
    auto opened = wb::io::Cache::Open(
        path, {}, [](const std::string& line) { std::printf("  log: %s\n", line.c_str()); });
    if (!opened.Ok())
    {
        std::fputs(wb::FormatProblems(opened.Problems()).c_str(), stderr);
        std::exit(1);
    }
    return std::move(opened).Value();
}

// Times one Store(); exits on failure.
double TimedStore(wb::io::Cache& cache, const wb::io::CachedSnapshot& raw, const wb::Snapshot& parsed)
{
    const auto start = Clock::now();
    auto stored = cache.Store(raw, parsed);
    const double ms = MsSince(start);
    if (!stored.Ok() || stored.Value() != wb::io::StoreOutcome::Stored)
    {
        std::fprintf(stderr, "store failed: %s\n",
                     stored.Ok() ? "unchanged" : wb::FormatProblems(stored.Problems()).c_str());
        std::exit(1);
    }
    return ms;
}

} // namespace

int main()
{
    const fs::path dir = fs::temp_directory_path() / ("wallboard-bench-cache-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string path = (dir / "cache.db").string();

    const wb::Snapshot first = Synthetic(0);
    if (const auto problems = wb::ValidateSnapshot(first); !problems.empty())
    {
        std::fputs(wb::FormatProblems(problems).c_str(), stderr);
        return 1;
    }
    const wb::io::CachedSnapshot first_raw = Raw(first);

    std::vector<double> new_month_ms, restated_ms;
    double first_ms = 0;
    wb::io::CachedSnapshot newest_raw;
    {
        auto cache = OpenOrDie(path);
        first_ms = TimedStore(*cache, first_raw, first);
        // A new month arrives: one new row and one row past retention per indicator.
        for (int run = 1; run <= kRuns; ++run)
        {
            const wb::Snapshot next = Synthetic(run);
            newest_raw = Raw(next);
            new_month_ms.push_back(TimedStore(*cache, newest_raw, next));
        }
        // Same months, 1% of the indicators restated.
        for (int run = 0; run < kRuns; ++run)
        {
            const wb::Snapshot next = Synthetic(kRuns, run);
            newest_raw = Raw(next);
            restated_ms.push_back(TimedStore(*cache, newest_raw, next));
        }
    }
    const long long db_size = SizeOf(path);

    // After an unclean stop (no mark of a clean close), Cache::Open runs quick_check over the whole file.
    std::vector<double> open_unclean_ms;
    for (int run = 0; run < kRuns; ++run)
    {
        std::filesystem::remove(path + ".closed");
        const auto start = Clock::now();
        auto cache = OpenOrDie(path);
        open_unclean_ms.push_back(MsSince(start));
    }
    std::vector<double> open_ms, open_load_ms, open_load_parse_ms;
    for (int run = 0; run < kRuns; ++run)
    {
        const auto start = Clock::now();
        auto cache = OpenOrDie(path);
        open_ms.push_back(MsSince(start));
        const auto newest = cache->LoadNewest();
        open_load_ms.push_back(MsSince(start));
        const bool parsed = newest && wb::ParseSnapshot(newest->bytes).Ok();
        open_load_parse_ms.push_back(MsSince(start));
        if (!parsed || newest->hash != newest_raw.hash)
        {
            std::fputs("the newest snapshot did not load back\n", stderr);
            return 1;
        }
    }

    // Bytes written by one Store() of the newest snapshot again, and, to show the measure sees writes, of
    // a changed one. The cache is opened first: opening sets up the WAL index, which is not Store()'s doing.
    bool unchanged = false;
    IoDelta same, changed;
    {
        auto cache = OpenOrDie(path);
        const wb::Snapshot newest = Synthetic(kRuns, kRuns - 1);
        same = MeasureIo(path,
                         [&]
                         {
                             auto stored = cache->Store(newest_raw, newest);
                             unchanged = stored.Ok() && stored.Value() == wb::io::StoreOutcome::Unchanged;
                         });
        const wb::Snapshot next = Synthetic(kRuns + 1);
        const wb::io::CachedSnapshot next_raw = Raw(next);
        changed = MeasureIo(path, [&] { TimedStore(*cache, next_raw, next); });
    }
    fs::remove_all(dir);

    std::printf(
        "bench_cache: %d indicators x %d months; snapshot %.1f MB; cache file %.1f MB after %d stores\n",
        kIndicators, kMonths, static_cast<double>(first_raw.bytes.size()) / 1e6,
        static_cast<double>(db_size) / 1e6, 1 + 2 * kRuns);
    std::printf("  store into an empty cache: %.0f ms\n", first_ms);
    std::printf(
        "  store a new version (a new month; the oldest leaves the history): median %.0f ms over %d runs "
        "(target < 500)\n",
        Median(new_month_ms), kRuns);
    std::printf(
        "  store a new version (1%% of indicators restated): median %.0f ms over %d runs (target < 500)\n",
        Median(restated_ms), kRuns);
    std::printf("  at start after an unclean stop, Cache::Open alone (runs quick_check): median %.0f ms\n",
                Median(open_unclean_ms));
    std::printf("  at start after a clean stop, Cache::Open alone (skips quick_check): median %.0f ms\n",
                Median(open_ms));
    std::printf("  at start, Cache::Open + LoadNewest: median %.0f ms\n", Median(open_load_ms));
    std::printf("  at start after a clean stop, Cache::Open + LoadNewest + ParseSnapshot: median %.0f ms "
                "over %d runs "
                "(target < 100)\n",
                Median(open_load_parse_ms), kRuns);
    std::printf(
        "  unchanged snapshot (%s): write_bytes %+lld, wchar %+lld, db file %+lld, WAL file %+lld bytes "
        "(target 0)\n",
        unchanged ? "reported Unchanged" : "NOT reported unchanged", same.write_bytes, same.wchar,
        same.db_size, same.wal_size);
    std::printf(
        "  for comparison, a changed snapshot: write_bytes %+lld, wchar %+lld, db file %+lld, WAL file "
        "%+lld bytes\n",
        changed.write_bytes, changed.wchar, changed.db_size, changed.wal_size);
    return unchanged ? 0 : 1;
}
