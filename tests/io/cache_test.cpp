// The board's SQLite cache (app/io/cache.h): snapshots round-trip, an unchanged snapshot writes nothing,
// history accumulates and is trimmed, unusable files are moved aside, a full disk and a killed process
// leave the previous snapshot loadable; damaged rows are quarantined, damaged files salvaged, read-only
// caches shown.
#include "core/digest.h"
#include "core/snapshot.h"
#include "io/cache.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace wb;
using namespace wb::io;
using wb::test::BuildDemo;
using wb::test::HasProblem;
using wb::test::ReadFile;
using wb::test::TempDir;
namespace fs = std::filesystem;

namespace
{

// Collects what the cache logs.
struct Log
{
    std::vector<std::string> lines;

    LogFn Fn()
    {
        return [this](const std::string& line) { lines.push_back(line); };
    }
    bool Has(const std::string& fragment) const
    {
        for (const std::string& line : lines)
            if (line.find(fragment) != std::string::npos)
                return true;
        return false;
    }
};

// The snapshot as the fetcher would hand it to the cache.
CachedSnapshot Raw(const Snapshot& snapshot, const std::string& etag = "\"v1\"")
{
    CachedSnapshot raw;
    raw.hash = ContentHash(SnapshotToJson(snapshot));
    raw.bytes = SnapshotToJsonWithHash(snapshot, raw.hash);
    raw.etag = etag;
    raw.last_modified = "Mon, 17 Apr 2023 09:00:00 GMT";
    raw.fetched_at = 1681722000;
    raw.as_of = FormatIsoDate(snapshot.plan.as_of);
    raw.url = "https://feeds.example/plymouth/snapshot.json";
    return raw;
}

std::unique_ptr<Cache> OpenOk(const std::string& path, Log& log, const CacheOptions& options = {})
{
    auto opened = Cache::Open(path, options, log.Fn());
    INFO(FormatProblems(opened.Problems()));
    REQUIRE(opened.Ok());
    return std::move(opened).Value();
}

void StoreOk(Cache& cache, const Snapshot& snapshot, StoreOutcome expected = StoreOutcome::Stored)
{
    auto stored = cache.Store(Raw(snapshot), snapshot);
    INFO(FormatProblems(stored.Problems()));
    REQUIRE(stored.Ok());
    CHECK(stored.Value() == expected);
}

// First column of the first row of `sql`, through a connection of the test's own; "error: ..." on failure.
std::string RawQuery(const std::string& path, const std::string& sql)
{
    sqlite3* db = nullptr;
    std::string result;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        result = std::string("error: ") + sqlite3_errmsg(db);
    else
    {
        sqlite3_stmt* statement = nullptr;
        int code = sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr);
        if (code == SQLITE_OK)
            code = sqlite3_step(statement);
        if (code == SQLITE_ROW && sqlite3_column_text(statement, 0))
            result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
        else if (code != SQLITE_ROW && code != SQLITE_DONE)
            result = std::string("error: ") + sqlite3_errmsg(db);
        sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return result;
}

PeriodValue Month(int year, int month, double value)
{
    return {Period{year, month}, value, ""};
}

PeriodValue Placeholder(int year, int month, const std::string& text)
{
    return {Period{year, month}, std::nullopt, text};
}

// A plan with one indicator, for the history tests: the series is all that varies.
Snapshot MiniPlan(const std::string& plan_id, std::vector<PeriodValue> series)
{
    Snapshot s;
    s.plan.id = plan_id;
    s.plan.authority = "Test Council";
    s.plan.title = "Test plan";
    s.plan.as_of = Date{std::chrono::year{2024}, std::chrono::month{6}, std::chrono::day{30}};
    s.rag_key = {RagLevel{"G", "Green", "#00A000", "Done", true}};
    s.priorities = {Priority{"1", "Priority one", ""}};
    s.teams = {Team{"team", "Team"}};
    Indicator indicator;
    indicator.id = "ind-1";
    indicator.name = "Percentage of something";
    indicator.unit = Unit::Percent;
    indicator.teams = {"team"};
    indicator.series = std::move(series);
    s.indicators = {indicator};
    return s;
}

std::vector<std::string> PeriodsOf(const std::vector<HistoryPoint>& points)
{
    std::vector<std::string> periods;
    for (const HistoryPoint& point : points)
        periods.push_back(FormatIsoPeriod(point.period));
    return periods;
}

// Names in `dir` that start with `prefix`, without the -wal/-shm companions.
std::vector<std::string> EntriesStartingWith(const fs::path& dir, const std::string& prefix)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
    {
        const std::string name = entry.path().filename().string();
        if (name.starts_with(prefix) && !name.ends_with("-wal") && !name.ends_with("-shm"))
            names.push_back(name);
    }
    return names;
}

// Every number in the series moved, so storing the result rewrites every history row.
Snapshot WithEveryValueChanged(Snapshot s, double by)
{
    s.plan.title += " (restated)";
    for (Indicator& indicator : s.indicators)
        for (PeriodValue& month : indicator.series)
            if (month.value)
                *month.value += by;
    return s;
}

} // namespace

TEST_CASE("the cache gives back a stored snapshot exactly, also after reopening", "[cache]")
{
    TempDir dir;
    const std::string path = (dir.Path() / "cache.db").string();
    const Snapshot demo = BuildDemo("plymouth");
    const CachedSnapshot raw = Raw(demo, "\"etag-1\"");
    Log log;
    {
        auto cache = OpenOk(path, log);
        CHECK(cache->Path() == path);
        CHECK_FALSE(cache->LoadNewest().has_value());
        CHECK(cache->SnapshotCount() == 0);
        auto stored = cache->Store(raw, demo);
        REQUIRE(stored.Ok());
        CHECK(stored.Value() == StoreOutcome::Stored);
        CHECK(cache->SnapshotCount() == 1);
    }
    auto cache = OpenOk(path, log);
    const auto loaded = cache->LoadNewest();
    REQUIRE(loaded.has_value());
    CHECK(loaded->bytes == raw.bytes);
    CHECK(loaded->hash == raw.hash);
    CHECK(loaded->etag == "\"etag-1\"");
    CHECK(loaded->last_modified == raw.last_modified);
    CHECK(loaded->fetched_at == raw.fetched_at);
    CHECK(loaded->as_of == "2023-04-17");
    CHECK(loaded->url == raw.url);
    auto parsed = ParseSnapshot(loaded->bytes);
    REQUIRE(parsed.Ok());
    CHECK(parsed.Value().content_hash == raw.hash);
    CHECK(log.lines.empty());
    CHECK(RawQuery(path, "PRAGMA journal_mode") == "wal");
    CHECK(RawQuery(path, "PRAGMA user_version") == "4");
}

TEST_CASE("the cache stores a snapshot without a hash under the SHA-256 of its bytes", "[cache]")
{
    TempDir dir;
    const std::string path = (dir.Path() / "cache.db").string();
    const Snapshot demo = BuildDemo("plymouth");
    Log log;
    auto cache = OpenOk(path, log);
    CachedSnapshot raw = Raw(demo);
    raw.hash.clear();
    REQUIRE(cache->Store(raw, demo).Ok());
    const auto loaded = cache->LoadNewest();
    REQUIRE(loaded.has_value());
    CHECK(loaded->hash == ContentHash(raw.bytes));
    auto again = cache->Store(raw, demo);
    REQUIRE(again.Ok());
    CHECK(again.Value() == StoreOutcome::Unchanged);
}

TEST_CASE("storing the newest snapshot again writes nothing to the cache", "[cache]")
{
    TempDir dir;
    const std::string path = (dir.Path() / "cache.db").string();
    const Snapshot demo = BuildDemo("plymouth");
    Log log;
    auto cache = OpenOk(path, log);
    StoreOk(*cache, demo);
    REQUIRE(fs::exists(path + "-wal"));

    const std::string db_before = ReadFile(path);
    const std::string wal_before = ReadFile(path + "-wal");
    const auto db_time = fs::last_write_time(path);
    const auto wal_time = fs::last_write_time(path + "-wal");

    // A later fetch of the same content, with new HTTP headers: still the same snapshot.
    CachedSnapshot same = Raw(demo, "\"etag-2\"");
    same.fetched_at += 3600;
    auto again = cache->Store(same, demo);
    REQUIRE(again.Ok());
    CHECK(again.Value() == StoreOutcome::Unchanged);

    CHECK(ReadFile(path) == db_before);
    CHECK(fs::file_size(path + "-wal") == wal_before.size());
    CHECK(ReadFile(path + "-wal") == wal_before);
    CHECK(fs::last_write_time(path) == db_time);
    CHECK(fs::last_write_time(path + "-wal") == wal_time);
    CHECK(cache->SnapshotCount() == 1);
    CHECK(cache->LoadNewest()->etag == "\"v1\"");

    // The same comparison does see a real store, so the checks above could fail.
    StoreOk(*cache, WithEveryValueChanged(demo, 1));
    CHECK(ReadFile(path + "-wal") != wal_before);
    CHECK(cache->SnapshotCount() == 2);
}

TEST_CASE("cached history accumulates across snapshots and a restated month takes the later value", "[cache]")
{
    TempDir dir;
    const std::string path = (dir.Path() / "cache.db").string();
    Log log;
    auto cache = OpenOk(path, log);
    const Snapshot a = MiniPlan("test-plan", {Placeholder(2024, 1, "Report development required"),
                                              Month(2024, 2, 11), Month(2024, 3, 12)});
    const Snapshot b = MiniPlan("test-plan", {Month(2024, 2, 11), Month(2024, 3, 12.5), Month(2024, 4, 14)});
    StoreOk(*cache, a);
    StoreOk(*cache, b);

    const auto history = cache->History("test-plan", "ind-1");
    REQUIRE(PeriodsOf(history) == std::vector<std::string>{"2024-01", "2024-02", "2024-03", "2024-04"});
    CHECK_FALSE(history[0].value.has_value());
    CHECK(history[0].placeholder == "Report development required");
    CHECK(history[1].value == 11.0);
    CHECK(history[1].placeholder.empty());
    CHECK(history[2].value == 12.5);
    CHECK(history[3].value == 14.0);

    // The unchanged February row was not rewritten by B; the restated March was.
    cache.reset();
    CHECK(RawQuery(path, "SELECT snapshot_id FROM history WHERE period = '2024-02'") == "1");
    CHECK(RawQuery(path, "SELECT snapshot_id FROM history WHERE period = '2024-03'") == "2");

    cache = OpenOk(path, log);
    CHECK(cache->History("test-plan", "no-such-indicator").empty());
    CHECK(cache->History("other-plan", "ind-1").empty());
}

TEST_CASE("cache retention keeps the newest snapshots and the newest months of the plan", "[cache]")
{
    TempDir dir;
    const std::string path = (dir.Path() / "cache.db").string();
    Log log;
    CacheOptions options;
    options.keep_snapshots = 3;
    options.history_months = 6;
    auto cache = OpenOk(path, log, options);

    // Another plan's old history is not this plan's to trim.
    StoreOk(*cache, MiniPlan("other-plan", {Month(2020, 1, 1)}));
    // Five snapshots of four months each, every one two months later than the one before:
    // together 2023-10 .. 2024-09.
    std::string newest_hash;
    for (int k = 0; k < 5; ++k)
    {
        std::vector<PeriodValue> series;
        for (int m = 0; m < 4; ++m)
        {
            const int index = 2023 * 12 + 9 + 2 * k + m; // 2023-10 is index 2023 * 12 + 9
            series.push_back(Month(index / 12, index % 12 + 1, 100 * k + m));
        }
        const Snapshot s = MiniPlan("test-plan", series);
        StoreOk(*cache, s);
        newest_hash = Raw(s).hash;
    }

    CHECK(cache->SnapshotCount() == 3);
    REQUIRE(cache->LoadNewest().has_value());
    CHECK(cache->LoadNewest()->hash == newest_hash);
    CHECK(PeriodsOf(cache->History("test-plan", "ind-1")) ==
          std::vector<std::string>{"2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09"});
    CHECK(cache->History("test-plan", "ind-1").back().value == 403.0);
    CHECK(PeriodsOf(cache->History("other-plan", "ind-1")) == std::vector<std::string>{"2020-01"});
    cache.reset();
    CHECK(RawQuery(path, "SELECT group_concat(id) FROM snapshots") == "4,5,6");
}

TEST_CASE("a file that is not a usable cache is moved aside and a new cache starts", "[cache]")
{
    TempDir dir;
    const std::string path = (dir.Path() / "cache.db").string();
    const Snapshot demo = BuildDemo("plymouth");
    std::string reason;        // what the log line must say about the old file
    std::string moved_content; // what the moved-aside file must hold ("" for a directory)
    std::string moved_wal;     // what its moved-aside WAL must hold, if it had one

    SECTION("garbage bytes, with a stale WAL beside them")
    {
        std::string garbage;
        for (int i = 0; i < 200; ++i)
            garbage += "this is not an SQLite database, line " + std::to_string(i) + "\n";
        std::ofstream(path, std::ios::binary) << garbage;
        std::ofstream(path + "-wal", std::ios::binary) << "stale write-ahead log";
        reason = "not a database";
        moved_content = garbage;
        moved_wal = "stale write-ahead log";
    }
    SECTION("a directory in its place")
    {
        fs::create_directory(path);
        std::ofstream(path + "/inside.txt") << "kept";
        reason = "directory";
    }
    SECTION("a cache written by a newer version of the board")
    {
        {
            Log setup;
            auto cache = OpenOk(path, setup);
            StoreOk(*cache, demo);
        }
        REQUIRE(RawQuery(path, "PRAGMA user_version = 99") == "");
        REQUIRE(RawQuery(path, "PRAGMA user_version") == "99");
        reason = "newer";
        moved_content = ReadFile(path);
    }
    SECTION("an SQLite database that is not a board cache")
    {
        REQUIRE(RawQuery(path, "CREATE TABLE notes (text TEXT)") == "");
        reason = "not a board cache";
        moved_content = ReadFile(path);
    }

    Log log;
    auto cache = OpenOk(path, log);
    INFO("log: " << (log.lines.empty() ? "" : log.lines.front()));
    REQUIRE(log.lines.size() == 1);
    CHECK(log.Has("cache " + path + " was unreadable ("));
    CHECK(log.Has(reason));
    CHECK(log.Has("and started a new cache"));

    const auto moved = EntriesStartingWith(dir.Path(), "cache.db.corrupt-");
    REQUIRE(moved.size() == 1);
    const fs::path moved_path = dir.Path() / moved.front();
    CHECK(log.Has("moved it to " + moved_path.string()));
    CHECK(moved.front().size() == std::string("cache.db.corrupt-YYYYMMDDTHHMMSS").size());
    if (moved_content.empty())
        CHECK(ReadFile(moved_path / "inside.txt") == "kept");
    else
        CHECK(ReadFile(moved_path) == moved_content);
    if (!moved_wal.empty())
        CHECK(ReadFile(moved_path.string() + "-wal") == moved_wal);

    // The new cache is empty and works.
    CHECK(fs::is_regular_file(path));
    CHECK_FALSE(cache->LoadNewest().has_value());
    StoreOk(*cache, demo);
    REQUIRE(cache->LoadNewest().has_value());
    CHECK(cache->LoadNewest()->bytes == Raw(demo).bytes);
    CHECK(RawQuery(path, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("a second unusable cache in the same second is moved to a numbered name", "[cache]")
{
    TempDir dir;
    const std::string path = (dir.Path() / "cache.db").string();
    std::ofstream(path, std::ios::binary) << std::string(4096, 'x');
    // Every stamp around this second is already taken: the one before too, because time() reads a coarse
    // clock that can lag system_clock by a few milliseconds, and the one after, should the clock tick.
    const auto now = std::chrono::system_clock::now();
    for (const auto when : {now - std::chrono::seconds(1), now, now + std::chrono::seconds(1)})
    {
        const std::time_t t = std::chrono::system_clock::to_time_t(when);
        std::tm utc{};
        gmtime_r(&t, &utc);
        char stamp[32];
        std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &utc);
        std::ofstream(path + ".corrupt-" + stamp) << "earlier";
    }
    Log log;
    auto cache = OpenOk(path, log);
    REQUIRE(log.lines.size() == 1);
    CHECK(log.Has("-2 and started a new cache"));
    CHECK(EntriesStartingWith(dir.Path(), "cache.db.corrupt-").size() == 4);
}

TEST_CASE("a zero-length cache file becomes the new cache in place", "[cache]")
{
    TempDir dir;
    const std::string path = (dir.Path() / "cache.db").string();
    std::ofstream(path, std::ios::binary).flush();
    REQUIRE(fs::file_size(path) == 0);
    Log log;
    auto cache = OpenOk(path, log);
    CHECK(log.Has("cache " + path + " was an empty file"));
    CHECK(EntriesStartingWith(dir.Path(), "cache.db.corrupt-").empty());
    const Snapshot demo = BuildDemo("plymouth");
    StoreOk(*cache, demo);
    REQUIRE(cache->LoadNewest().has_value());
    CHECK(cache->LoadNewest()->hash == Raw(demo).hash);
    CHECK(RawQuery(path, "PRAGMA user_version") == "4");
}

TEST_CASE("when no cache can be made, Open says so", "[cache]")
{
    TempDir dir;
    const std::string path = (dir.Path() / "missing-folder" / "cache.db").string();
    Log log;
    auto opened = Cache::Open(path, {}, log.Fn());
    REQUIRE_FALSE(opened.Ok());
    CHECK(HasProblem(opened.Problems(), path, "could not open or create the cache"));
    CHECK_FALSE(fs::exists(dir.Path() / "missing-folder"));
}

TEST_CASE("a full disk fails the cache's store in words and keeps the previous snapshot", "[cache]")
{
    TempDir dir;
    const std::string path = (dir.Path() / "cache.db").string();
    const Snapshot demo = BuildDemo("plymouth");
    const Snapshot restated = WithEveryValueChanged(demo, 1000);
    const CachedSnapshot first = Raw(demo);
    const std::string indicator = demo.indicators.front().id;
    Log log;
    auto cache = OpenOk(path, log);
    StoreOk(*cache, demo);
    const auto history_before = cache->History(demo.plan.id, indicator);
    REQUIRE_FALSE(history_before.empty());
    const int pages = std::stoi(RawQuery(path, "PRAGMA page_count"));

    // Let the file grow a little more each time, so the disk fills at every point of the transaction:
    // inside the snapshot's bytes, inside the history, in the retention step.
    int failures = 0;
    bool stored = false;
    for (int extra = 0; extra < 400 && !stored; ++extra)
    {
        cache->LimitSizeForTest(pages + extra);
        auto result = cache->Store(Raw(restated), restated);
        if (result.Ok())
        {
            stored = true;
            break;
        }
        ++failures;
        INFO("with " << extra << " pages to spare: " << FormatProblems(result.Problems()));
        CHECK(HasProblem(result.Problems(), path, "the disk is full: "));
        const auto newest = cache->LoadNewest();
        REQUIRE(newest.has_value());
        CHECK(newest->hash == first.hash);
        CHECK(newest->bytes == first.bytes);
        CHECK(cache->SnapshotCount() == 1);
        CHECK(cache->History(demo.plan.id, indicator).size() == history_before.size());
        CHECK(cache->History(demo.plan.id, indicator).front().value == history_before.front().value);
    }
    CHECK(failures > 10);
    REQUIRE(stored);
    CHECK(cache->LoadNewest()->hash == Raw(restated).hash);
    CHECK(cache->SnapshotCount() == 2);
    cache.reset();
    CHECK(RawQuery(path, "PRAGMA integrity_check") == "ok");
}

namespace
{

// The child of the power-cut test: stores a new snapshot after another until it is killed, writing the
// number of each one Store() reported stored to `acknowledged`.
[[noreturn]] void StoreUntilKilled(const std::string& path, Snapshot snapshot, long first_number,
                                   int acknowledged)
{
    auto opened = Cache::Open(path, {}, [](const std::string&) {});
    if (!opened.Ok())
        ::_exit(3);
    const auto cache = std::move(opened).Value();
    const std::string title = snapshot.plan.title;
    for (long number = first_number;; ++number)
    {
        snapshot.plan.title = title + " #" + std::to_string(number);
        if (!cache->Store(Raw(snapshot), snapshot).Ok())
            ::_exit(4);
        if (::write(acknowledged, &number, sizeof number) != sizeof number)
            ::_exit(5);
    }
}

// The last number the child wrote before it died, or -1.
long LastAcknowledged(int acknowledged)
{
    long last = -1, number = 0;
    while (::read(acknowledged, &number, sizeof number) == sizeof number)
        last = number;
    return last;
}

long NumberInTitle(const Snapshot& snapshot)
{
    const auto hash_sign = snapshot.plan.title.rfind('#');
    return hash_sign == std::string::npos ? -1 : std::stol(snapshot.plan.title.substr(hash_sign + 1));
}

} // namespace

TEST_CASE("killed in the middle of storing, the cache opens with its newest complete snapshot",
          "[cache][power-cut]")
{
    TempDir dir;
    const std::string path = (dir.Path() / "cache.db").string();
    const Snapshot demo = BuildDemo("plymouth");
    // SIGKILL stops the process at any instruction; what the kernel has accepted still reaches the disk,
    // so this tests that no moment leaves a torn or unreadable cache, not the fsync itself.
    std::mt19937 random(20240131);
    std::uniform_int_distribution<int> delay_ms(5, 150);
    long newest_number = -1;
    int rounds_with_data = 0;
    for (int round = 0; round < 50; ++round)
    {
        INFO("round " << round);
        int pipe_ends[2];
        REQUIRE(::pipe(pipe_ends) == 0);
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0)
        {
            ::close(pipe_ends[0]);
            StoreUntilKilled(path, demo, (round + 1) * 1000000L, pipe_ends[1]);
        }
        ::close(pipe_ends[1]);
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
        ::kill(child, SIGKILL);
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        const long acknowledged = LastAcknowledged(pipe_ends[0]);
        ::close(pipe_ends[0]);
        // Killed by us, not ended by a failure of its own.
        REQUIRE(WIFSIGNALED(status));

        if (!fs::exists(path))
            continue;
        CHECK(RawQuery(path, "PRAGMA integrity_check") == "ok");
        Log log;
        auto cache = OpenOk(path, log);
        CHECK_FALSE(log.Has("unreadable"));
        const auto newest = cache->LoadNewest();
        if (!newest)
            continue;
        ++rounds_with_data;
        auto parsed = ParseSnapshot(newest->bytes);
        INFO(FormatProblems(parsed.Problems()));
        REQUIRE(parsed.Ok());
        CHECK(parsed.Value().content_hash == newest->hash);
        CHECK(ContentHash(SnapshotToJson(parsed.Value())) == newest->hash);
        // A stored snapshot is never lost: the newest is the last one Store() reported (or one the child
        // committed but was killed before reporting), and it only moves forward from round to round.
        const long number = NumberInTitle(parsed.Value());
        CHECK(number >= newest_number);
        CHECK(number >= acknowledged);
        newest_number = number;
    }
    CHECK(rounds_with_data > 0);
    CHECK(fs::exists(path));
    CHECK(EntriesStartingWith(dir.Path(), "cache.db.corrupt-").empty());
}

TEST_CASE("a cache written by the first version is migrated in place and keeps its snapshot", "[cache]")
{
    TempDir dir;
    const std::string path = (dir.Path() / "cache.db").string();
    const Snapshot demo = BuildDemo("plymouth");
    const CachedSnapshot raw = Raw(demo);
    {
        // Version 1's schema, as the board of issue 3 made it.
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        const std::string sql =
            "CREATE TABLE snapshots (id INTEGER PRIMARY KEY, hash TEXT NOT NULL, etag TEXT NOT NULL DEFAULT "
            "'', "
            "last_modified TEXT NOT NULL DEFAULT '', fetched_at INTEGER NOT NULL DEFAULT 0, as_of TEXT NOT "
            "NULL "
            "DEFAULT '', plan_id TEXT NOT NULL DEFAULT '', bytes BLOB NOT NULL);"
            "CREATE TABLE history (plan_id TEXT NOT NULL, indicator_id TEXT NOT NULL, period TEXT NOT NULL, "
            "value REAL, placeholder TEXT, snapshot_id INTEGER NOT NULL, PRIMARY KEY (plan_id, indicator_id, "
            "period)) WITHOUT ROWID;"
            "PRAGMA user_version = 1;";
        REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_stmt* insert = nullptr;
        REQUIRE(sqlite3_prepare_v2(
                    db, "INSERT INTO snapshots (hash, etag, as_of, plan_id, bytes) VALUES (?, ?, ?, ?, ?)",
                    -1, &insert, nullptr) == SQLITE_OK);
        sqlite3_bind_text(insert, 1, raw.hash.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 2, raw.etag.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 3, raw.as_of.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 4, demo.plan.id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_blob(insert, 5, raw.bytes.data(), static_cast<int>(raw.bytes.size()), SQLITE_TRANSIENT);
        REQUIRE(sqlite3_step(insert) == SQLITE_DONE);
        sqlite3_finalize(insert);
        sqlite3_close(db);
    }
    Log log;
    auto cache = OpenOk(path, log);
    CHECK(log.lines.empty()); // not taken for corrupt
    CHECK(RawQuery(path, "PRAGMA user_version") == "4");
    const auto loaded = cache->LoadNewest();
    REQUIRE(loaded);
    CHECK(loaded->hash == raw.hash);
    CHECK(loaded->etag == raw.etag);
    CHECK(loaded->url.empty()); // unknown: its validators are not sent anywhere
}

TEST_CASE("a clean close leaves a mark that spares the next start its full check, and a crash leaves none",
          "[cache]")
{
    TempDir dir;
    const std::string path = (dir.Path() / "cache.db").string();
    const std::string mark = path + ".closed";
    Log log;
    {
        auto cache = OpenOk(path, log);
        StoreOk(*cache, BuildDemo("plymouth"));
        CHECK_FALSE(fs::exists(mark)); // open: no mark, so a crash now leaves none
    }
    REQUIRE(fs::exists(mark));
    CHECK(ReadFile(mark) == std::to_string(fs::file_size(path)) + " " +
                                std::to_string(fs::last_write_time(path).time_since_epoch().count()) + "\n");
    {
        auto cache = OpenOk(path, log);
        CHECK_FALSE(fs::exists(mark)); // taken as the cache opened
        CHECK(cache->LoadNewest());
    }
    CHECK(fs::exists(mark));
    CHECK(log.lines.empty());
}

namespace
{

// Overwrites `length` bytes of the file at `offset` with `byte`, keeping its modification time: bit rot,
// which the clean-close mark (size and time) cannot see.
void Overwrite(const std::string& path, std::uint64_t offset, std::size_t length, char byte)
{
    const auto time = fs::last_write_time(path);
    std::fstream file(path, std::ios::binary | std::ios::in | std::ios::out);
    file.seekp(static_cast<std::streamoff>(offset));
    const std::string bytes(length, byte);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    file.close();
    fs::last_write_time(path, time);
}

// A cache holding the demo (older) and the demo restated (newer), closed cleanly.
struct TwoSnapshots
{
    Snapshot older = BuildDemo("plymouth");
    Snapshot newer = WithEveryValueChanged(older, 1);
    TwoSnapshots(const std::string& path)
    {
        Log setup;
        auto cache = OpenOk(path, setup);
        StoreOk(*cache, older);
        StoreOk(*cache, newer);
    }
};

} // namespace

TEST_CASE("a damaged newest snapshot is quarantined, the one before is shown, and the feed's copy heals it",
          "[cache]")
{
    TempDir dir;
    const std::string path = (dir.Path() / "cache.db").string();
    const TwoSnapshots two(path);
    std::string why;
    SECTION("its bytes cut short through SQL")
    {
        REQUIRE(RawQuery(path, "UPDATE snapshots SET bytes = substr(bytes, 1, 100) WHERE id = 2") == "");
        why = "no longer parses";
    }
    SECTION("one digit of a value changed in the file")
    {
        // The restated title is only in the newer snapshot; a figure before it (the keys are in order, the
        // plan after the indicators) changes a digit.
        const std::string bytes = ReadFile(path);
        const auto at = bytes.rfind("\"value\":", bytes.find("(restated)"));
        REQUIRE(at != std::string::npos);
        const char digit = bytes[at + 8];
        REQUIRE(std::isdigit(static_cast<unsigned char>(digit)));
        Overwrite(path, at + 8, 1, digit == '1' ? '2' : '1');
        why = "is damaged: it";
    }
    Log log;
    auto cache = OpenOk(path, log);
    const auto loaded = cache->LoadNewestGood();
    REQUIRE(loaded.has_value());
    CHECK(loaded->raw.hash == Raw(two.older).hash);
    CHECK(loaded->parsed.plan.title == two.older.plan.title);
    INFO((log.lines.empty() ? "" : log.lines.back()));
    CHECK(log.Has("stored snapshot " + Raw(two.newer).hash.substr(0, 19) + " is damaged"));
    CHECK(log.Has(why));
    CHECK(log.Has("quarantined it"));
    // No longer newest for anything: not listed, not counted, and kept in the file for inspection.
    CHECK(cache->LoadNewest()->hash == Raw(two.older).hash);
    CHECK(cache->SnapshotCount() == 1);
    CHECK(cache->List().size() == 1);
    CHECK_FALSE(cache->LoadByHash(Raw(two.newer).hash));
    CHECK(RawQuery(path, "SELECT count(*) FROM snapshots") == "2");
    CHECK(RawQuery(path, "SELECT snapshot_id FROM quarantine") == "2");

    // The feed sends the same snapshot again: it is stored, not taken for unchanged, and replaces the copy.
    StoreOk(*cache, two.newer);
    CHECK(log.Has("replaced the damaged copy"));
    CHECK(cache->LoadNewestGood()->raw.hash == Raw(two.newer).hash);
    CHECK(RawQuery(path, "SELECT count(*) FROM snapshots") == "2");
    CHECK(RawQuery(path, "SELECT count(*) FROM quarantine") == "0");
}

TEST_CASE("a failed store leaves no clean-close mark, so the next start checks the file", "[cache]")
{
    TempDir dir;
    const std::string path = (dir.Path() / "cache.db").string();
    const Snapshot demo = BuildDemo("plymouth");
    Log log;
    {
        auto cache = OpenOk(path, log);
        StoreOk(*cache, demo);
        cache->LimitSizeForTest(std::stoi(RawQuery(path, "PRAGMA page_count")));
        REQUIRE_FALSE(cache->Store(Raw(WithEveryValueChanged(demo, 5)), WithEveryValueChanged(demo, 5)).Ok());
        CHECK(cache->State() == CacheHealth::DiskFull);
        CHECK(cache->StateReason().starts_with("the disk is full: "));
    }
    CHECK_FALSE(fs::exists(path + ".closed"));
}

TEST_CASE("a damaged history page behind a clean-close mark is found and the cache rebuilt at the next start",
          "[cache]")
{
    TempDir dir;
    const std::string path = (dir.Path() / "cache.db").string();
    const TwoSnapshots two(path);
    REQUIRE(fs::exists(path + ".closed"));
    const int page_size = std::stoi(RawQuery(path, "PRAGMA page_size"));
    const int history_root =
        std::stoi(RawQuery(path, "SELECT rootpage FROM sqlite_schema WHERE name = 'history'"));
    Overwrite(path, static_cast<std::uint64_t>(history_root - 1) * page_size, page_size, '\xff');
    const std::string indicator = two.newer.indicators.front().id;
    {
        Log log;
        auto cache = OpenOk(path, log);
        CHECK(log.lines.empty()); // the mark matched: no check ran, the damage is not seen yet
        REQUIRE(cache->LoadNewestGood());
        CHECK(cache->History(two.newer.plan.id, indicator).empty());
        CHECK(log.Has("damaged"));
    }
    CHECK_FALSE(fs::exists(path + ".closed")); // damage seen: no mark, so the next start checks
    Log log;
    auto cache = OpenOk(path, log);
    INFO((log.lines.empty() ? "" : log.lines.front()));
    CHECK(log.Has("was damaged (quick_check found"));
    CHECK(log.Has("saved 2 of the 2 snapshots"));
    const auto loaded = cache->LoadNewestGood();
    REQUIRE(loaded);
    CHECK(loaded->raw.hash == Raw(two.newer).hash);
    CHECK(cache->SnapshotCount() == 2);
    // The history comes back from the snapshots themselves.
    CHECK(cache->History(two.newer.plan.id, indicator).size() == two.newer.indicators.front().series.size());
    CHECK(EntriesStartingWith(dir.Path(), "cache.db.corrupt-").size() == 1);
    CHECK(RawQuery(path, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("a damaged cache file keeps every snapshot that still verifies", "[cache]")
{
    TempDir dir;
    const std::string path = (dir.Path() / "cache.db").string();
    const TwoSnapshots two(path);
    std::string damage;
    int at_least = 0;
    SECTION("its header zeroed")
    {
        Overwrite(path, 0, 100, '\0');
        damage = "not a database";
        at_least = 2;
    }
    SECTION("its file format number (header bytes 44 to 47) overwritten")
    {
        // SQLite answers SQLITE_ERROR "unsupported file format", not corrupt: found by the cache fuzzer.
        Overwrite(path, 44, 4, '\xff');
        damage = "unsupported file format";
        at_least = 2;
    }
    SECTION("its last page cut off")
    {
        // The second insert split the table's root: its leaves are the last pages but one, so the older
        // snapshot's leaf survives a cut of the last page. (A cut above the leaves leaves no row reachable.)
        fs::resize_file(path, fs::file_size(path) - std::stoul(RawQuery(path, "PRAGMA page_size")));
        damage = "malformed";
        at_least = 1;
    }
    const std::string damaged = ReadFile(path);
    Log log;
    auto cache = OpenOk(path, log);
    INFO((log.lines.empty() ? "" : log.lines.front()));
    REQUIRE(log.lines.size() == 1);
    CHECK(log.Has("was damaged ("));
    CHECK(log.Has(damage));
    CHECK(log.Has(" into a new cache and moved the old file to "));
    CHECK(cache->SnapshotCount() >= at_least);
    const auto loaded = cache->LoadNewestGood();
    REQUIRE(loaded);
    if (at_least == 2)
        CHECK(loaded->raw.hash == Raw(two.newer).hash);
    const auto moved = EntriesStartingWith(dir.Path(), "cache.db.corrupt-");
    REQUIRE(moved.size() == 1);
    CHECK(ReadFile(dir.Path() / moved.front()) == damaged); // kept as it was found
    CHECK(EntriesStartingWith(dir.Path(), "cache.db.salvage").empty());
    CHECK(RawQuery(path, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("a cache in a folder the board cannot write is opened read-only and shown", "[cache]")
{
    TempDir dir;
    const std::string path = (dir.Path() / "cache.db").string();
    const TwoSnapshots two(path);
    ::chmod(dir.Path().c_str(), 0555);
    // Root writes anywhere: the board's user is played by "nobody" in a child process.
    int pipe_ends[2];
    REQUIRE(::pipe(pipe_ends) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0)
    {
        ::close(pipe_ends[0]);
        if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0))
            ::_exit(3);
        std::string said;
        auto opened = Cache::Open(path, {}, [&](const std::string& line) { said += line + "\n"; });
        if (opened.Ok())
        {
            auto& cache = *opened.Value();
            const auto loaded = cache.LoadNewestGood();
            said += std::string("state ") + ToString(cache.State()) + "\nreason " + cache.StateReason() +
                    "\nshown " + (loaded ? loaded->raw.hash : "nothing") + "\nstore " +
                    (cache.Store(Raw(two.older), two.older).Ok() ? "ok" : "failed") + "\n";
        }
        else
            said += "failed " + FormatProblems(opened.Problems());
        (void)!::write(pipe_ends[1], said.data(), said.size());
        ::_exit(0);
    }
    ::close(pipe_ends[1]);
    std::string said;
    char buffer[4096];
    for (ssize_t n; (n = ::read(pipe_ends[0], buffer, sizeof buffer)) > 0;)
        said.append(buffer, static_cast<size_t>(n));
    ::close(pipe_ends[0]);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    ::chmod(dir.Path().c_str(), 0755);
    INFO(said);
    CHECK(said.find("shown " + Raw(two.newer).hash) != std::string::npos);
    CHECK(said.find("state read-only") != std::string::npos);
    CHECK(said.find("reason the cache cannot be written: its folder") != std::string::npos);
    CHECK(said.find("store failed") != std::string::npos);
    CHECK(said.find("new ones are not saved") != std::string::npos);
    CHECK(EntriesStartingWith(dir.Path(), "cache.db").size() == 2); // the file and its mark: nothing written
}
