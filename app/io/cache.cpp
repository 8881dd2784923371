// The board's SQLite cache (cache.h): opening and checking the file, moving an unusable one aside, schema
// migrations, storing snapshots with the indicator history they carry, retention, and reading back.
// Called only from the thread that owns the Cache (the sync thread).
//
// Durability: WAL journal with synchronous=FULL. With NORMAL, SQLite documents that a transaction committed
// in WAL mode "might roll back following a power loss", so Store() could report Stored for a snapshot that
// is gone after a power cut. FULL syncs the WAL at each commit; writes are rare (only a changed snapshot
// is stored), so the extra fsync costs nothing that matters.
//
// [SECTION] Schema and migrations
// [SECTION] SQLite helpers
// [SECTION] Opening: checking the file, moving it aside
// [SECTION] Storing: the body of one transaction
// [SECTION] Cache: open, store, read
#include "io/cache.h"

#include "core/digest.h"
#include "core/files.h"

#include <sqlite3.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <iterator>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace wb::io
{
namespace
{

namespace fs = std::filesystem;

//-----------------------------------------------------------------------------
// [SECTION] Schema and migrations
//-----------------------------------------------------------------------------

// Step i takes a file from user_version i to i + 1. Append only: never edit a step that has shipped.
constexpr const char* kMigrations[] = {
    // 1: snapshots as they arrived, and the history of every indicator's months.
    // history.snapshot_id is the snapshot that last set the value. It is not a foreign key: the value
    // outlives that snapshot when retention deletes it.
    R"sql(
        CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY,
            hash TEXT NOT NULL,
            etag TEXT NOT NULL DEFAULT '',
            last_modified TEXT NOT NULL DEFAULT '',
            fetched_at INTEGER NOT NULL DEFAULT 0,
            as_of TEXT NOT NULL DEFAULT '',
            plan_id TEXT NOT NULL DEFAULT '',
            bytes BLOB NOT NULL
        );
        CREATE TABLE history (
            plan_id TEXT NOT NULL,
            indicator_id TEXT NOT NULL,
            period TEXT NOT NULL,
            value REAL,
            placeholder TEXT,
            snapshot_id INTEGER NOT NULL,
            PRIMARY KEY (plan_id, indicator_id, period)
        ) WITHOUT ROWID;
    )sql",
    // 2: the feed URL each snapshot came from, so validators are only sent back to the URL that gave them.
    R"sql(
        ALTER TABLE snapshots ADD COLUMN url TEXT NOT NULL DEFAULT '';
    )sql",
};
constexpr int kSchemaVersion = static_cast<int>(std::size(kMigrations));

// How long a statement waits for a lock held by another connection (a person's sqlite3 shell, say).
constexpr int kBusyTimeoutMs = 5000;

//-----------------------------------------------------------------------------
// [SECTION] SQLite helpers
//-----------------------------------------------------------------------------

struct CloseDb
{
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

// The first thing that went wrong in a run of SQLite calls: its result code and SQLite's words for it.
struct SqlError
{
    int code = SQLITE_OK;
    std::string message;

    explicit operator bool() const { return code != SQLITE_OK; }
};

SqlError ErrorOf(sqlite3* db, int code)
{
    return {code, sqlite3_errmsg(db)};
}

// The file itself is damaged or is not a database: moving it aside is the cure.
bool IsDamage(int code)
{
    const int primary = code & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

// "the disk is full: could not <doing> (<SQLite's words>)".
std::string InWords(const SqlError& error, const std::string& doing)
{
    const std::string detail = "could not " + doing + " (" + error.message + ")";
    switch (error.code & 0xff)
    {
    case SQLITE_FULL:
        return "the disk is full: " + detail;
    case SQLITE_IOERR:
        return "reading or writing the disk failed: " + detail;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return "the cache file is damaged: " + detail + "; it is rebuilt when the board next starts";
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
    case SQLITE_AUTH:
        return "the cache file or its folder cannot be written: " + detail;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "another program holds the cache locked: " + detail;
    case SQLITE_NOMEM:
        return "out of memory: " + detail;
    default:
        return "SQLite failed: " + detail;
    }
}

SqlError Exec(sqlite3* db, const char* sql)
{
    char* message = nullptr;
    const int code = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    SqlError error;
    if (code != SQLITE_OK)
        error = {code, message ? message : sqlite3_errstr(code)};
    sqlite3_free(message);
    return error;
}

// A prepared statement, finalized when it goes out of scope.
class Statement
{
  public:
    Statement(sqlite3* db, const char* sql) : m_db(db)
    {
        m_code = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr);
    }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Whether preparing failed; `error` then says why.
    bool Failed(SqlError& error) const
    {
        if (m_code == SQLITE_OK)
            return false;
        error = ErrorOf(m_db, m_code);
        return true;
    }

    void BindText(int index, std::string_view text)
    {
        sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
    }
    void BindTextOrNull(int index, std::string_view text)
    {
        if (text.empty())
            sqlite3_bind_null(m_stmt, index);
        else
            BindText(index, text);
    }
    void BindInt(int index, std::int64_t value) { sqlite3_bind_int64(m_stmt, index, value); }

    // One step; SQLITE_ROW or SQLITE_DONE, anything else is an error.
    int Step() { return sqlite3_step(m_stmt); }
    // Runs a statement that returns no rows and readies it for the next run; false and `error` on failure.
    bool Run(SqlError& error)
    {
        const int code = sqlite3_step(m_stmt);
        sqlite3_reset(m_stmt);
        if (code == SQLITE_DONE)
            return true;
        error = ErrorOf(m_db, code);
        return false;
    }

    // Valid until the next step.
    std::string_view TextView(int column) const
    {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
        return text ? std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
                    : std::string_view();
    }
    std::string Text(int column) const
    {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
        return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
                    : std::string();
    }
    std::string Blob(int column) const
    {
        const auto* blob = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
        return blob ? std::string(blob, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
                    : std::string();
    }
    std::int64_t Int(int column) const { return sqlite3_column_int64(m_stmt, column); }
    bool IsNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
    double Double(int column) const { return sqlite3_column_double(m_stmt, column); }
    sqlite3_stmt* Get() const { return m_stmt; }

  private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    int m_code = SQLITE_OK;
};

// Runs a query (a PRAGMA, a count) and gives the first column of its first row as text ("" when no row).
SqlError QueryText(sqlite3* db, const char* sql, std::string& out)
{
    Statement statement(db, sql);
    SqlError error;
    if (statement.Failed(error))
        return error;
    const int code = statement.Step();
    if (code == SQLITE_ROW)
        out = statement.Text(0);
    else if (code == SQLITE_DONE)
        out.clear();
    else
        error = ErrorOf(db, code);
    return error;
}

SqlError QueryInt(sqlite3* db, const char* sql, std::int64_t& out)
{
    Statement statement(db, sql);
    SqlError error;
    if (statement.Failed(error))
        return error;
    const int code = statement.Step();
    out = code == SQLITE_ROW ? statement.Int(0) : 0;
    if (code != SQLITE_ROW && code != SQLITE_DONE)
        error = ErrorOf(db, code);
    return error;
}

// "2023-03" into a caller's buffer: the upsert loop runs once per month of every indicator, and snprintf
// took a tenth of its time.
std::string_view FormatPeriodInto(Period period, char (&buffer)[8])
{
    const auto digit = [](int value) { return static_cast<char>('0' + value % 10); };
    const int year = std::clamp(period.year, 0, 9999);
    buffer[0] = digit(year / 1000);
    buffer[1] = digit(year / 100);
    buffer[2] = digit(year / 10);
    buffer[3] = digit(year);
    buffer[4] = '-';
    buffer[5] = digit(period.month / 10);
    buffer[6] = digit(period.month);
    buffer[7] = '\0';
    return {buffer, 7};
}

//-----------------------------------------------------------------------------
// [SECTION] Opening: checking the file, moving it aside
//-----------------------------------------------------------------------------

// What trying to open the file at a path found: a ready cache, a file that is not a usable cache, or a
// failure that moving the file aside would not cure (no permission, a full disk, a missing folder).
struct Opened
{
    Db db;
    std::string unusable; // why the file is not a usable cache
    std::string failure;  // why no cache could be opened
};

Opened Unusable(std::string why)
{
    Opened opened;
    opened.unusable = std::move(why);
    return opened;
}

Opened Failure(std::string why)
{
    Opened opened;
    opened.failure = std::move(why);
    return opened;
}

// Damage means the file goes aside; anything else is reported as it is.
Opened FromError(const SqlError& error, const std::string& doing)
{
    if (IsDamage(error.code))
        return Unusable(error.message);
    return Failure(InWords(error, doing));
}

// The mark a clean close leaves beside the cache: the file's size and modification time then.
std::string CleanMark(const std::string& path)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    const auto time = fs::last_write_time(path, ec);
    if (ec)
        return "";
    return std::to_string(size) + " " + std::to_string(time.time_since_epoch().count()) + "\n";
}

std::string CleanMarkPath(const std::string& path)
{
    return path + ".closed";
}

// True once per clean close: the mark is removed as it is read, so a crash from here on leaves none.
bool ClosedCleanly(const std::string& path)
{
    const std::string mark_path = CleanMarkPath(path);
    const auto mark = ReadWholeFile(mark_path);
    std::error_code ec;
    fs::remove(mark_path, ec);
    return mark && !mark->empty() && *mark == CleanMark(path);
}

Opened TryOpen(const std::string& path, const LogFn& log)
{
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec && status.type() != fs::file_type::not_found)
        return Failure("could not look at the cache file (" + ec.message() + ")");
    if (fs::is_directory(status))
        return Unusable("a directory is in its place");
    if (fs::exists(status) && !fs::is_regular_file(status))
        return Unusable("it is not a regular file");
    // SQLite reads an empty file as an empty database, and an empty file is what our own crash between
    // creating the file and writing its first page leaves: there is nothing in it to keep.
    if (fs::is_regular_file(status) && fs::file_size(path, ec) == 0 && !ec)
        log("cache " + path + " was an empty file; starting a new cache in it");

    sqlite3* raw = nullptr;
    const int open_code = sqlite3_open_v2(
        path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    Db db(raw);
    if (open_code != SQLITE_OK)
        return FromError(ErrorOf(db.get(), open_code), "open or create the cache");
    sqlite3_extended_result_codes(db.get(), 1);
    // Until the file has passed its checks, closing must not checkpoint a WAL into it.
    sqlite3_db_config(db.get(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
    if (sqlite3_db_readonly(db.get(), "main") == 1)
        return Failure("the cache file is read-only: the board could not store new snapshots");

    // Read-only checks first, so nothing is written into a file that is about to be moved aside.
    std::int64_t version = 0;
    if (SqlError error = QueryInt(db.get(), "PRAGMA user_version", version))
        return FromError(error, "read the cache's schema version");
    // quick_check reads the whole file: tens of milliseconds at every start, more on an SD card. It is
    // skipped when the board closed this very file cleanly last time (same size and time, see Cache's
    // destructor); after a power cut, a crash, or a file changed since, it runs.
    std::string check;
    if (!ClosedCleanly(path))
    {
        if (SqlError error = QueryText(db.get(), "PRAGMA quick_check", check))
            return FromError(error, "check the cache");
        if (check != "ok")
            return Unusable("quick_check found: " + check);
    }
    if (version > kSchemaVersion)
        return Unusable("its schema version " + std::to_string(version) + " is newer than the " +
                        std::to_string(kSchemaVersion) + " this build knows");
    if (version == 0)
    {
        std::int64_t objects = 0;
        if (SqlError error = QueryInt(db.get(), "SELECT count(*) FROM sqlite_schema", objects))
            return FromError(error, "read the cache's schema");
        if (objects > 0)
            return Unusable("it is an SQLite database but not a board cache");
    }

    std::string mode;
    if (SqlError error = QueryText(db.get(), "PRAGMA journal_mode = WAL", mode))
        return FromError(error, "switch the cache to a WAL journal");
    if (mode != "wal")
        log("cache " + path + ": SQLite could not use a WAL journal here and uses \"" + mode + "\" instead");
    // secure_delete: Debian builds SQLite with it on, which zeroes every page a deleted snapshot held, a
    // second write of megabytes per store. The cache holds published aggregates, nothing to shred; FAST
    // still clears deleted cells where that costs no extra I/O.
    if (SqlError error = Exec(db.get(), "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                                        "PRAGMA secure_delete = FAST;"))
        return FromError(error, "configure the cache");

    for (int step = static_cast<int>(version); step < kSchemaVersion; ++step)
    {
        const std::string set_version = "PRAGMA user_version = " + std::to_string(step + 1);
        SqlError error = Exec(db.get(), "BEGIN IMMEDIATE");
        if (!error)
            error = Exec(db.get(), kMigrations[step]);
        if (!error)
            error = Exec(db.get(), set_version.c_str());
        if (!error)
            error = Exec(db.get(), "COMMIT");
        if (error)
        {
            if (!sqlite3_get_autocommit(db.get()))
                Exec(db.get(), "ROLLBACK");
            return FromError(error, "bring the cache's schema up to version " + std::to_string(step + 1));
        }
    }
    // A good cache is checkpointed when it closes, leaving one file behind after a clean shutdown.
    sqlite3_db_config(db.get(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
    Opened opened;
    opened.db = std::move(db);
    return opened;
}

// "20240131T101500", UTC.
std::string UtcStamp()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%dT%H%M%S", &utc);
    return text;
}

constexpr const char* kCompanions[] = {"-wal", "-shm", "-journal"};

bool Exists(const std::string& path)
{
    std::error_code ec;
    return fs::exists(fs::symlink_status(path, ec));
}

// Renames `path` to "<path>.corrupt-<stamp>[-n]", taking its WAL, shared-memory and journal files along:
// left behind, a stale WAL would be replayed into the new cache. Returns what went wrong, or "".
std::string MoveAside(const std::string& path, std::string& moved_to)
{
    const std::string base = path + ".corrupt-" + UtcStamp();
    moved_to = base;
    for (int n = 2;; ++n)
    {
        bool taken = Exists(moved_to);
        for (const char* companion : kCompanions)
            taken = taken || Exists(moved_to + companion);
        if (!taken)
            break;
        moved_to = base + "-" + std::to_string(n);
    }
    std::error_code ec;
    fs::rename(path, moved_to, ec);
    if (ec)
        return "could not rename it to " + moved_to + " (" + ec.message() + ")";
    for (const char* companion : kCompanions)
    {
        if (!Exists(path + companion))
            continue;
        fs::rename(path + companion, moved_to + companion, ec);
        if (ec)
            return "moved it to " + moved_to + " but could not move " + path + companion + " (" +
                   ec.message() + ")";
    }
    return "";
}

//-----------------------------------------------------------------------------
// [SECTION] Storing: the body of one transaction
//-----------------------------------------------------------------------------

struct MonthOf
{
    const Indicator* indicator;
    const PeriodValue* month;
};

// Orders a stored history key against a snapshot's as the table does: the BINARY collation compares
// bytes, as std::string_view::compare does.
int CompareKey(std::string_view stored_indicator, std::string_view stored_period, std::string_view indicator,
               std::string_view period)
{
    const int by_indicator = stored_indicator.compare(indicator);
    return by_indicator != 0 ? by_indicator : stored_period.compare(period);
}

bool SameAsStored(const Statement& stored, const PeriodValue& month)
{
    const bool same_value = stored.IsNull(2) ? !month.value : month.value && *month.value == stored.Double(2);
    return same_value && stored.TextView(3) == month.placeholder;
}

// The months of `indicators` (sorted by id) that the plan's stored history does not already hold with the
// same value or placeholder: new months and restated ones. Found by walking the stored history beside the
// snapshot, both in key order, so that only these are upserted: a monthly update changes a few thousand of
// 180,000 rows, and upserting every row was most of the time Store() took. Also gives the newest period
// the plan's stored history holds, for retention.
SqlError ChangedMonths(sqlite3* db, const std::string& plan_id,
                       const std::vector<const Indicator*>& indicators, std::vector<MonthOf>& changed,
                       std::string& newest_stored)
{
    Statement stored(db, "SELECT indicator_id, period, value, placeholder FROM history WHERE plan_id = ?1 "
                         "ORDER BY indicator_id, period");
    SqlError error;
    if (stored.Failed(error))
        return error;
    stored.BindText(1, plan_id);
    const auto step = [&]
    {
        const int code = stored.Step();
        if (code == SQLITE_ROW && stored.TextView(1) > newest_stored)
            newest_stored.assign(stored.TextView(1));
        return code;
    };
    int code = step();
    char period[8];
    for (const Indicator* indicator : indicators)
    {
        for (const PeriodValue& month : indicator->series)
        {
            const std::string_view key = FormatPeriodInto(month.period, period);
            int order = 1; // the stored row against this month; 1 also when no rows are left
            while (code == SQLITE_ROW &&
                   (order = CompareKey(stored.TextView(0), stored.TextView(1), indicator->id, key)) < 0)
                code = step();
            if (code != SQLITE_ROW && code != SQLITE_DONE)
                return ErrorOf(db, code);
            if (code == SQLITE_ROW && order == 0 && SameAsStored(stored, month))
                continue;
            changed.push_back({indicator, &month});
        }
    }
    while (code == SQLITE_ROW)
        code = step();
    if (code != SQLITE_DONE)
        return ErrorOf(db, code);
    return error;
}

// The body of Store()'s transaction: the snapshot row, its values merged into the history, retention.
SqlError WriteSnapshot(sqlite3* db, const CacheOptions& options, const std::string& hash,
                       const CachedSnapshot& snapshot, const Snapshot& parsed)
{
    SqlError error;
    const std::string& plan_id = parsed.plan.id;

    Statement insert(
        db, "INSERT INTO snapshots (hash, etag, last_modified, fetched_at, as_of, plan_id, bytes, url) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (insert.Failed(error))
        return error;
    insert.BindText(1, hash);
    insert.BindText(2, snapshot.etag);
    insert.BindText(3, snapshot.last_modified);
    insert.BindInt(4, snapshot.fetched_at);
    insert.BindText(5, snapshot.as_of);
    insert.BindText(6, plan_id);
    sqlite3_bind_blob64(insert.Get(), 7, snapshot.bytes.data(), snapshot.bytes.size(), SQLITE_STATIC);
    insert.BindText(8, snapshot.url);
    if (!insert.Run(error))
        return error;
    const std::int64_t snapshot_id = sqlite3_last_insert_rowid(db);

    std::vector<const Indicator*> in_key_order;
    in_key_order.reserve(parsed.indicators.size());
    for (const Indicator& indicator : parsed.indicators)
        in_key_order.push_back(&indicator);
    std::sort(in_key_order.begin(), in_key_order.end(),
              [](const Indicator* a, const Indicator* b) { return a->id < b->id; });
    std::vector<MonthOf> changed;
    std::string newest_period;
    if ((error = ChangedMonths(db, plan_id, in_key_order, changed, newest_period)))
        return error;

    // A period restated by this snapshot takes the new value. The WHERE repeats ChangedMonths()'s test, so
    // the statement alone would still never rewrite an unchanged row.
    Statement upsert(db,
                     "INSERT INTO history (plan_id, indicator_id, period, value, placeholder, snapshot_id) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                     "ON CONFLICT (plan_id, indicator_id, period) DO UPDATE SET "
                     "value = excluded.value, placeholder = excluded.placeholder, "
                     "snapshot_id = excluded.snapshot_id "
                     "WHERE value IS NOT excluded.value OR placeholder IS NOT excluded.placeholder");
    if (upsert.Failed(error))
        return error;
    upsert.BindText(1, plan_id);
    upsert.BindInt(6, snapshot_id);
    char period[8];
    for (const MonthOf& row : changed)
    {
        const std::string_view key = FormatPeriodInto(row.month->period, period);
        if (key > newest_period)
            newest_period.assign(key);
        upsert.BindText(2, row.indicator->id);
        upsert.BindText(3, key);
        if (row.month->value)
            sqlite3_bind_double(upsert.Get(), 4, *row.month->value);
        else
            sqlite3_bind_null(upsert.Get(), 4);
        upsert.BindTextOrNull(5, row.month->placeholder);
        if (!upsert.Run(error))
            return error;
    }

    // Retention: the newest N snapshots (never fewer than the one just stored).
    Statement trim_snapshots(db, "DELETE FROM snapshots "
                                 "WHERE id <= (SELECT id FROM snapshots ORDER BY id DESC LIMIT 1 OFFSET ?1)");
    if (trim_snapshots.Failed(error))
        return error;
    trim_snapshots.BindInt(1, std::max(1, options.keep_snapshots));
    if (!trim_snapshots.Run(error))
        return error;

    // Retention: M months of this plan's history, counted back from its newest period (which is one of
    // the M), whatever snapshot brought them. Every month of the snapshot is either stored already or
    // among the changed ones, so `newest_period` is the newest the history now holds.
    const std::optional<Period> newest = ParseIsoPeriod(newest_period);
    if (!newest)
        return error; // no history for this plan
    const int first_kept =
        newest->year * 12 + (newest->month - 1) - (std::max(1, options.history_months) - 1);
    const std::string_view cutoff = FormatPeriodInto(Period{first_kept / 12, first_kept % 12 + 1}, period);
    Statement trim_history(db, "DELETE FROM history WHERE plan_id = ?1 AND period < ?2");
    if (trim_history.Failed(error))
        return error;
    trim_history.BindText(1, plan_id);
    trim_history.BindText(2, cutoff);
    trim_history.Run(error);
    return error;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Cache: open, store, read
//-----------------------------------------------------------------------------

Result<std::unique_ptr<Cache>> Cache::Open(const std::string& path, const CacheOptions& options,
                                           const LogFn& log)
{
    const LogFn say = log ? log : [](const std::string&) {};
    using Made = Result<std::unique_ptr<Cache>>;
    Opened first = TryOpen(path, say);
    if (first.db)
        return Made(std::unique_ptr<Cache>(new Cache(first.db.release(), path, options, say)));
    if (!first.failure.empty())
        return Made({Problem{path, first.failure}});

    // TryOpen() has closed the bad file without checkpointing into it, so it goes aside as it was found.
    std::string moved_to;
    if (const std::string error = MoveAside(path, moved_to); !error.empty())
        return Made({Problem{path, "the cache is unreadable (" + first.unusable + ") and " + error}});
    Opened fresh = TryOpen(path, say);
    if (!fresh.db)
        return Made({Problem{path, "the cache was unreadable (" + first.unusable + ") and was moved to " +
                                       moved_to + ", but a new one could not be made: " +
                                       (fresh.failure.empty() ? fresh.unusable : fresh.failure)}});
    say("cache " + path + " was unreadable (" + first.unusable + "); moved it to " + moved_to +
        " and started a new cache");
    return Made(std::unique_ptr<Cache>(new Cache(fresh.db.release(), path, options, say)));
}

Cache::Cache(sqlite3* db, std::string path, CacheOptions options, LogFn log)
    : m_db(db), m_path(std::move(path)), m_options(options), m_log(std::move(log))
{
}

Cache::~Cache()
{
    // Every statement is finalized where it was made, so this closes the file (and, being the last
    // connection, checkpoints the WAL into it).
    if (sqlite3_close_v2(m_db) == SQLITE_OK && !fs::exists(m_path + "-wal"))
        WriteFileAtomically(CleanMarkPath(m_path), CleanMark(m_path));
}

void Cache::LimitSizeForTest(int pages)
{
    const std::string sql = "PRAGMA max_page_count = " + std::to_string(pages);
    if (SqlError error = Exec(m_db, sql.c_str()))
        m_log("cache " + m_path + ": " + InWords(error, "limit the cache's size"));
}

Result<StoreOutcome> Cache::Store(const CachedSnapshot& snapshot, const Snapshot& parsed)
{
    const std::string hash = snapshot.hash.empty() ? ContentHash(snapshot.bytes) : snapshot.hash;
    const std::string doing = "store the snapshot as of " + snapshot.as_of;

    // A read, so an unchanged snapshot dirties no page: SD cards wear out.
    std::string newest;
    SqlError error = QueryText(m_db, "SELECT hash FROM snapshots ORDER BY id DESC LIMIT 1", newest);
    if (!error && newest == hash)
        return StoreOutcome::Unchanged;

    if (!error)
        error = Exec(m_db, "BEGIN IMMEDIATE");
    if (!error)
    {
        error = WriteSnapshot(m_db, m_options, hash, snapshot, parsed);
        if (!error)
            error = Exec(m_db, "COMMIT");
        // SQLite rolls back by itself after some errors (a full disk among them); otherwise we do.
        if (error && !sqlite3_get_autocommit(m_db))
            Exec(m_db, "ROLLBACK");
    }
    if (error)
        return std::vector<Problem>{{m_path, InWords(error, doing)}};
    return StoreOutcome::Stored;
}

namespace
{

// Reads the one snapshot row a statement selects (kSnapshotColumns, in order).
std::optional<CachedSnapshot> ReadSnapshotRow(Statement& select, int code)
{
    if (code != SQLITE_ROW)
        return std::nullopt;
    return CachedSnapshot{select.Blob(5), select.Text(0), select.Text(1), select.Text(2),
                          select.Int(3),  select.Text(4), select.Text(6)};
}

constexpr const char* kSnapshotColumns =
    "SELECT hash, etag, last_modified, fetched_at, as_of, bytes, url FROM snapshots ";

} // namespace

std::optional<CachedSnapshot> Cache::LoadNewest()
{
    Statement select(m_db, (std::string(kSnapshotColumns) + "ORDER BY id DESC LIMIT 1").c_str());
    SqlError error;
    if (!select.Failed(error))
    {
        const int code = select.Step();
        if (code == SQLITE_DONE || code == SQLITE_ROW)
            return ReadSnapshotRow(select, code);
        error = ErrorOf(m_db, code);
    }
    m_log("cache " + m_path + ": " + InWords(error, "read the newest snapshot"));
    return std::nullopt;
}

std::optional<CachedSnapshot> Cache::LoadOne(const char* where, const std::string& hash, const char* what)
{
    Statement select(m_db, (std::string(kSnapshotColumns) + where).c_str());
    SqlError error;
    if (!select.Failed(error))
    {
        select.BindText(1, hash);
        const int code = select.Step();
        if (code == SQLITE_DONE || code == SQLITE_ROW)
            return ReadSnapshotRow(select, code);
        error = ErrorOf(m_db, code);
    }
    m_log("cache " + m_path + ": " + InWords(error, what));
    return std::nullopt;
}

std::optional<CachedSnapshot> Cache::LoadBefore(const std::string& hash)
{
    return LoadOne("WHERE id < (SELECT max(id) FROM snapshots WHERE hash = ?1) ORDER BY id DESC LIMIT 1",
                   hash, "read the snapshot before the newest");
}

std::optional<CachedSnapshot> Cache::LoadByHash(const std::string& hash)
{
    return LoadOne("WHERE hash = ?1 ORDER BY id DESC LIMIT 1", hash, "read a stored snapshot");
}

std::vector<Cache::Stored> Cache::List()
{
    std::vector<Stored> stored;
    Statement select(m_db, "SELECT hash, as_of, fetched_at FROM snapshots ORDER BY id DESC");
    SqlError error;
    if (!select.Failed(error))
    {
        int code = SQLITE_ROW;
        while ((code = select.Step()) == SQLITE_ROW)
            stored.push_back({select.Text(0), select.Text(1), select.Int(2)});
        if (code == SQLITE_DONE)
            return stored;
        error = ErrorOf(m_db, code);
    }
    m_log("cache " + m_path + ": " + InWords(error, "list the stored snapshots"));
    return stored;
}

std::map<std::string, std::vector<HistoryPoint>> Cache::AllHistory(const std::string& plan_id,
                                                                   const std::string& indicator_id)
{
    std::map<std::string, std::vector<HistoryPoint>> history;
    Statement select(m_db,
                     "SELECT indicator_id, period, value, placeholder FROM history "
                     "WHERE plan_id = ?1 AND (?2 = '' OR indicator_id = ?2) ORDER BY indicator_id, period");
    SqlError error;
    if (!select.Failed(error))
    {
        select.BindText(1, plan_id);
        select.BindText(2, indicator_id);
        int code = SQLITE_ROW;
        while ((code = select.Step()) == SQLITE_ROW)
        {
            const std::string id = select.Text(0);
            const std::string text = select.Text(1);
            const std::optional<Period> period = ParseIsoPeriod(text);
            if (!period)
            {
                m_log("cache " + m_path + ": skipped a history row of indicator " + id +
                      " with a malformed period \"" + text + "\"");
                continue;
            }
            HistoryPoint point{*period, std::nullopt, select.Text(3)};
            if (!select.IsNull(2))
                point.value = select.Double(2);
            history[id].push_back(std::move(point));
        }
        if (code == SQLITE_DONE)
            return history;
        error = ErrorOf(m_db, code);
    }
    m_log("cache " + m_path + ": " + InWords(error, "read the indicator history"));
    return history;
}

std::vector<HistoryPoint> Cache::History(const std::string& plan_id, const std::string& indicator_id)
{
    auto history = AllHistory(plan_id, indicator_id);
    const auto found = history.find(indicator_id);
    return found == history.end() ? std::vector<HistoryPoint>{} : std::move(found->second);
}

int Cache::SnapshotCount()
{
    std::int64_t count = 0;
    if (SqlError error = QueryInt(m_db, "SELECT count(*) FROM snapshots", count))
        m_log("cache " + m_path + ": " + InWords(error, "count the snapshots"));
    return static_cast<int>(count);
}

} // namespace wb::io
