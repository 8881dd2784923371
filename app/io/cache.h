// The board's SQLite cache: accepted snapshots and the indicator history they accumulate.
//
// [X] Snapshots stored whole (raw bytes, hash, ETag, Last-Modified, fetched-at, as-of), one transaction each
// [X] Indicator values normalised into a history that outlives any one snapshot; a later snapshot's
//     value for a period replaces the earlier one
// [X] Retention: the newest N snapshots, M months of history
// [X] An unchanged snapshot (same hash as the newest) writes nothing
// [X] A stored snapshot that no longer parses or matches its hash is quarantined: kept in the file, never
//     again the newest; the feed's good copy of it replaces it
// [X] The last good screens.json (screen profiles), one row, replaced by each new one
// [X] WAL journal; schema migrations by PRAGMA user_version
// [X] A damaged file: every snapshot that still verifies is salvaged into a new file, the old one is moved
//     aside with a timestamp; a file that is no cache at all is moved aside and rebuilt
// [X] A file the board cannot write (read-only folder or mount, full disk) is opened read-only and shown
// [ ] Concurrent use: one Cache is owned by one thread (the sync thread); it is not thread-safe.
#pragma once

#include "core/date.h"
#include "core/model.h"
#include "core/problem.h"
#include "io/status.h"

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

// A document beside the snapshot (screens.json) as it arrived, with what HTTP said about it.
struct CachedDocument
{
    std::string bytes;
    std::string etag;
    std::string last_modified;
    std::string url; // without credentials: its validators mean nothing to another URL
    std::int64_t fetched_at = 0;
};

// One month of one indicator as the cache knows it, across every snapshot stored.
struct HistoryPoint
{
    Period period;
    std::optional<double> value;
    std::string placeholder;
};

// A stored snapshot that parsed and matches its hash, with its model.
struct LoadedSnapshot
{
    CachedSnapshot raw;
    Snapshot parsed;
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
    // Opens or creates the cache at `path`. A damaged file (truncated, failing quick_check, a zeroed header)
    // has every snapshot that still parses and matches its hash copied into a new file, which takes its
    // place; the old file is renamed to "<path>.corrupt-YYYYMMDDTHHMMSS". A file that is no cache at all
    // (garbage, a directory in its place, a schema newer than this build knows) is renamed the same way and
    // a new cache is created. `log` gets a line saying what happened. A zero-length file holds nothing to
    // keep and becomes the new cache in place (also logged).
    // A cache the board cannot write (a read-only folder or mount, a full disk) is opened read-only: its
    // snapshots are shown, State() says why nothing is saved. Fails only when no cache can be read or made.
    // quick_check runs unless this file was closed cleanly by the board last time and is unchanged since
    // ("<path>.closed" holds its size and time then): after a power cut, a crash or a failed write it runs.
    static Result<std::unique_ptr<Cache>> Open(const std::string& path, const CacheOptions& options,
                                               const LogFn& log);
    ~Cache();
    Cache(const Cache&) = delete;
    Cache& operator=(const Cache&) = delete;

    // The newest stored snapshot that is not quarantined, if any, as stored (not checked).
    std::optional<CachedSnapshot> LoadNewest();
    // The newest stored snapshot that parses and matches its hash. Each newer one that does not is
    // quarantined (logged, kept in the file for inspection, never again newest).
    std::optional<LoadedSnapshot> LoadNewestGood();

    // Stores an accepted snapshot (already parsed and validated: `parsed` is its model) and merges its
    // indicator values into the history, all in one transaction. A quarantined copy of the same snapshot
    // is replaced by it (logged). On failure (a full disk, an I/O error) nothing is stored, the problem
    // says what happened in words, and the file gets its full check at the next start.
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

    // The last good screens.json (core/screens.h), if one is kept.
    std::optional<CachedDocument> LoadScreens();
    // Keeps `document` in place of the one kept, or forgets it (nullopt: the feed has none). Returns ""
    // or what went wrong in words (a read-only cache, a full disk).
    std::string StoreScreens(const std::optional<CachedDocument>& document);

    // How many snapshots are stored and not quarantined (for tests and the status line).
    int SnapshotCount();

    const std::string& Path() const { return m_path; }
    // Whether the cache saves what the board shows, and why not in words ("" while it saves).
    CacheHealth State() const { return m_state; }
    const std::string& StateReason() const { return m_state_reason; }

    // For tests only: caps the file at `pages` pages (never below its current size), so a test can
    // make the disk look full.
    void LimitSizeForTest(int pages);

  private:
    // The first snapshot row of "SELECT ... FROM snapshots <where>" with ?1 bound to `hash`.
    std::optional<CachedSnapshot> LoadOne(const char* where, const std::string& hash, const char* what);
    // Marks a stored row as not to be shown again, and says why in the log.
    void Quarantine(std::int64_t id, const std::string& hash, const std::string& why);
    // A write failed or damage was seen: the clean-close mark is not written, so the next start checks
    // (and if need be salvages) the file.
    void Distrust() { m_trusted = false; }
    // Copies every snapshot (and history row) of the damaged cache `from` that still reads and verifies
    // into a new cache at `into`. Returns what it saved in words, or "" when `from` could not be read.
    static std::string Salvage(const std::string& from, const std::string& into, const CacheOptions& options,
                               const LogFn& log);
    Cache(sqlite3* db, std::string path, CacheOptions options, LogFn log);

    sqlite3* m_db = nullptr;
    std::string m_path;
    CacheOptions m_options;
    LogFn m_log; // read errors are reported here, since the read functions return no problems
    CacheHealth m_state = CacheHealth::Saving;
    std::string m_state_reason;
    bool m_trusted = true; // no read or write has failed since the file was checked
};

} // namespace wb::io
