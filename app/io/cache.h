// The board's SQLite cache: accepted snapshots and the indicator history they accumulate.
//
// [X] Snapshots stored whole (raw bytes, hash, ETag, Last-Modified, fetched-at, as-of), one transaction each
// [X] Indicator values normalised into a history that outlives any one snapshot; a later snapshot's
//     value for a period replaces the earlier one
// [X] Retention: the newest N snapshots, M months of history
// [X] An unchanged snapshot (same hash as the newest) writes nothing
// [X] WAL journal; schema migrations by PRAGMA user_version
// [X] A corrupt or unreadable file is moved aside with a timestamp and rebuilt
// [ ] Concurrent use: one Cache is owned by one thread (the sync thread); it is not thread-safe.
#pragma once

#include "core/date.h"
#include "core/model.h"
#include "core/problem.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace wb::io
{

struct CacheOptions
{
    int keep_snapshots = 10; // newest snapshots kept; older ones are deleted
    int history_months = 36; // months of indicator history kept, counted back from the newest period
};

// A snapshot as it arrived, with what HTTP said about it.
struct CachedSnapshot
{
    std::string bytes;           // the document exactly as fetched
    std::string hash;            // content hash: the snapshot's own "content_hash", or SHA-256 of bytes
    std::string etag;            // ETag response header, for If-None-Match; may be empty
    std::string last_modified;   // Last-Modified response header, for If-Modified-Since; may be empty
    std::int64_t fetched_at = 0; // seconds since the Unix epoch
    std::string as_of;           // the plan's as-of date, YYYY-MM-DD
    std::string url;             // where it came from: its ETag and Last-Modified mean nothing to another URL
};

// One month of one indicator as the cache knows it, across every snapshot stored.
struct HistoryPoint
{
    Period period;
    std::optional<double> value;
    std::string placeholder;
};

enum class StoreOutcome
{
    Stored,
    Unchanged, // same hash as the newest snapshot: nothing was written
};

using LogFn = std::function<void(const std::string& line)>;

class Cache
{
  public:
    // Opens or creates the cache at `path`. A file that is not a usable cache (garbage, truncated, a
    // directory in its place, failing quick_check, a schema newer than this build knows) is renamed to
    // "<path>.corrupt-YYYYMMDDTHHMMSS" and a new cache is created; `log` gets a line saying so. A
    // zero-length file holds nothing to keep and becomes the new cache in place (also logged).
    // Fails only when no cache can be made at all (e.g. the folder is not writable).
    // quick_check runs unless this file was closed cleanly by the board last time and is unchanged since
    // ("<path>.closed" holds its size and time then): after a power cut or a crash it always runs.
    static Result<std::unique_ptr<Cache>> Open(const std::string& path, const CacheOptions& options,
                                               const LogFn& log);
    ~Cache();
    Cache(const Cache&) = delete;
    Cache& operator=(const Cache&) = delete;

    // The newest stored snapshot, if any.
    std::optional<CachedSnapshot> LoadNewest();

    // Stores an accepted snapshot (already parsed and validated: `parsed` is its model) and merges its
    // indicator values into the history, all in one transaction. On failure (a full disk, an I/O
    // error) nothing is stored and the problem says what happened in words.
    Result<StoreOutcome> Store(const CachedSnapshot& snapshot, const Snapshot& parsed);

    // The snapshot stored before the newest one with this hash (for "what changed since"), if any.
    std::optional<CachedSnapshot> LoadBefore(const std::string& hash);
    // The newest stored snapshot with this hash, if any.
    std::optional<CachedSnapshot> LoadByHash(const std::string& hash);

    // Every stored snapshot, newest first, without its bytes: what "what changed since" can compare with.
    struct Stored
    {
        std::string hash;
        std::string as_of; // YYYY-MM-DD
        std::int64_t fetched_at = 0;
    };
    std::vector<Stored> List();

    // Every month the cache holds for one indicator of one plan, oldest first.
    std::vector<HistoryPoint> History(const std::string& plan_id, const std::string& indicator_id);
    // The same for every indicator of the plan (or only `indicator_id` when not empty), in one query.
    std::map<std::string, std::vector<HistoryPoint>> AllHistory(const std::string& plan_id,
                                                                const std::string& indicator_id = "");

    // How many snapshots are stored (for tests and the status line).
    int SnapshotCount();

    const std::string& Path() const { return m_path; }

    // For tests only: caps the file at `pages` pages (never below its current size), so a test can
    // make the disk look full.
    void LimitSizeForTest(int pages);

  private:
    // The first snapshot row of "SELECT ... FROM snapshots <where>" with ?1 bound to `hash`.
    std::optional<CachedSnapshot> LoadOne(const char* where, const std::string& hash, const char* what);
    Cache(sqlite3* db, std::string path, CacheOptions options, LogFn log);

    sqlite3* m_db = nullptr;
    std::string m_path;
    CacheOptions m_options;
    LogFn m_log; // read errors are reported here, since the read functions return no problems
};

} // namespace wb::io
