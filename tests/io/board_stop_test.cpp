// The board stopped by SIGTERM (systemd's stop) while its sync thread stores a big snapshot in the cache:
// it finishes the store, exits 0, and leaves a cache that passes integrity_check and a status file that is
// whole JSON.
#include "core/digest.h"
#include "core/snapshot.h"

#include "process_support.h"
#include "test_support.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

using namespace wb;

namespace
{

// The Plymouth demo grown to `bytes` or more of JSON by copies of its indicators under new ids.
std::string BigSnapshot(size_t bytes)
{
    Snapshot s = test::BuildDemo("plymouth");
    const std::vector<Indicator> originals = s.indicators;
    const auto add_copy = [&](int copy)
    {
        for (Indicator indicator : originals)
        {
            indicator.id += "-copy" + std::to_string(copy);
            indicator.name += " (copy " + std::to_string(copy) + ")";
            s.indicators.push_back(std::move(indicator));
        }
    };
    // Sized from one copy: serialising the whole at every copy would take minutes.
    const size_t demo = SnapshotToJson(s).size();
    add_copy(1);
    const size_t per_copy = SnapshotToJson(s).size() - demo;
    for (int copy = 2; demo + per_copy * static_cast<size_t>(copy) < bytes + per_copy; ++copy)
        add_copy(copy);
    const std::string json = SnapshotToJson(s);
    REQUIRE(json.size() >= bytes);
    return SnapshotToJsonWithHash(s, ContentHash(json));
}

// The first column of the first row of `sql` on the cache, through a connection of the test's own.
std::string Query(const std::filesystem::path& cache, const std::string& sql)
{
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(cache.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    std::string value;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW)
        if (const unsigned char* text = sqlite3_column_text(statement, 0))
            value = reinterpret_cast<const char*>(text);
    const std::string error = sqlite3_errmsg(db);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    INFO(sql << ": " << error);
    return value;
}

std::uintmax_t SizeOrZero(const std::filesystem::path& path)
{
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    return error ? 0 : size;
}

} // namespace

TEST_CASE("a headless board stopped by SIGTERM while it stores a snapshot finishes the store and exits 0",
          "[board][cli][stop]")
{
    const std::string big = BigSnapshot(8u << 20);
    REQUIRE(ParseSnapshot(big).Ok());
    // Where the store is seen in the cache's WAL: the signal comes as the snapshot's pages are written.
    int landed_in_store = 0;
    for (const std::uintmax_t wal_bytes : {std::uintmax_t{1} << 20, std::uintmax_t{4} << 20})
    {
        test::TempDir dir;
        std::ofstream(dir.Path() / "snapshot.json", std::ios::binary) << big;
        const auto cache = dir.Path() / "cache.sqlite";
        const auto status_file = dir.Path() / "status.json";
        test::Process board({WALLBOARD_EXE, "--headless", "--feed",
                             "file://" + (dir.Path() / "snapshot.json").string(), "--cache", cache.string(),
                             "--status-file", status_file.string()},
                            dir.Path() / "board.txt");
        // Waits (no clock: it polls the file as fast as it can) for the WAL to grow past `wal_bytes`.
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (SizeOrZero(cache.string() + "-wal") < wal_bytes && std::chrono::steady_clock::now() < give_up)
            std::this_thread::yield();
        // The board logs the new snapshot once Store() has returned: not yet means the store is under way.
        const bool before_store_returned = board.Output().find("new snapshot") == std::string::npos;
        board.Signal(SIGTERM);
        landed_in_store += before_store_returned;
        const int code = board.WaitExit();
        const std::string output = board.Output();
        INFO("WAL past " << wal_bytes << " bytes; the store had " << (before_store_returned ? "not " : "")
                         << "returned at the signal\n"
                         << output);
        CHECK(code == 0);
        CHECK(Query(cache, "PRAGMA integrity_check") == "ok");
        // Stop() waits for the attempt under way: the snapshot it was storing is kept whole.
        CHECK(Query(cache, "SELECT count(*) FROM snapshots") == "1");
        const auto status = nlohmann::json::parse(test::ReadFile(status_file), nullptr, false);
        REQUIRE_FALSE(status.is_discarded());
        CHECK(status["state"] == "online");
        CHECK(status["snapshot_hash"] == ContentHash(big));
    }
    // At least one signal came before the store returned, or the test did not test a stop in a store.
    CHECK(landed_in_store >= 1);
}
