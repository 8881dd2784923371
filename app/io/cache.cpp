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
// [SECTION] Salvage: reading what a damaged file still holds
// [SECTION] Storing: the body of one transaction
// [SECTION] Cache: open, store, read
#include "io/cache.h"

#include "core/digest.h"
#include "core/files.h"
#include "core/snapshot.h"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
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
    // 3: snapshots that no longer parse or match their hash: kept for inspection, never shown again.
    // (A read-only cache keeps the same table in TEMP, which shadows this one.)
    R"sql(
        CREATE TABLE quarantine (
            snapshot_id INTEGER PRIMARY KEY,
            reason TEXT NOT NULL,
            at INTEGER NOT NULL
        );
    )sql",
    // 4: the last good screens.json (core/screens.h), one row: the screen profiles survive a restart
    // with the feed down.
    R"sql(
        CREATE TABLE screens (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            bytes BLOB NOT NULL,
            etag TEXT NOT NULL DEFAULT '',
            last_modified TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            fetched_at INTEGER NOT NULL DEFAULT 0
        );
    )sql",
};
constexpr int kSchemaVersion = static_cast<int>(std::size(kMigrations));

// The snapshot rows that may be shown: every query for "newest", "before" or "stored" has it.
#define WB_GOOD_ROW "id NOT IN (SELECT snapshot_id FROM quarantine)"

constexpr const char* kQuarantineTable = "CREATE TEMP TABLE quarantine (snapshot_id INTEGER PRIMARY KEY, "
                                         "reason TEXT NOT NULL, at INTEGER NOT NULL)";

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
    int system_errno = 0; // the errno behind an I/O error: ENOSPC is a full disk too

    explicit operator bool() const { return code != SQLITE_OK; }
};

SqlError ErrorOf(sqlite3* db, int code)
{
    return {code, sqlite3_errmsg(db), sqlite3_system_errno(db)};
}

bool IsDiskFull(const SqlError& error)
{
    return (error.code & 0xff) == SQLITE_FULL || error.system_errno == ENOSPC;
}

// The file itself is damaged or is not a database: moving it aside is the cure.
// Damage: SQLite finds the file corrupt or not a database, or its header names a file format it does not
// know (bytes 44-47 overwritten give SQLITE_ERROR "unsupported file format": found by the cache fuzzer).
bool IsDamage(const SqlError& error)
{
    const int primary = error.code & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB ||
           (primary == SQLITE_ERROR && error.message.find("unsupported file format") != std::string::npos);
}

// "the disk is full: could not <doing> (<SQLite's words>)".
std::string InWords(const SqlError& error, const std::string& doing)
{
    const std::string detail = "could not " + doing + " (" + error.message + ")";
    if (IsDiskFull(error))
        return "the disk is full: " + detail;
    if (IsDamage(error))
        return "the cache file is damaged: " + detail +
               "; it is rebuilt, with every snapshot that can still be read, when the board next starts";
    switch (error.code & 0xff)
    {
    case SQLITE_FULL:
        return "the disk is full: " + detail;
    case SQLITE_IOERR:
        return "reading or writing the disk failed: " + detail;
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
        error = {code, message ? message : sqlite3_errstr(code), sqlite3_system_errno(db)};
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
    bool damaged = false; // unusable because it is damaged: what it still holds is worth salvaging
    std::string failure;  // why no cache could be opened
    bool disk_full = false;
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

Opened Damaged(std::string why)
{
    Opened opened = Unusable(std::move(why));
    opened.damaged = true;
    return opened;
}

// Damage means the file is salvaged and goes aside; anything else is reported as it is.
Opened FromError(const SqlError& error, const std::string& doing)
{
    if (IsDamage(error))
        return Damaged(error.message);
    Opened opened = Failure(InWords(error, doing));
    opened.disk_full = IsDiskFull(error);
    return opened;
}

// Why the board cannot write the cache at `path` where it is, or "" when it can (or the file is not there).
std::string WhyNotWritable(const std::string& path)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return "";
    const fs::path parent = fs::path(path).parent_path();
    const std::string folder = parent.empty() ? "." : parent.string();
    // access() answers EROFS for a read-only mount, even to root.
    if (::access(folder.c_str(), W_OK) != 0)
        return "its folder " + folder + " cannot be written: " + std::strerror(errno);
    if (::access(path.c_str(), W_OK) != 0)
        return "the file cannot be written: " + std::string(std::strerror(errno));
    return "";
}

// "file:<path>?<query>", with the characters a URI gives meaning to escaped.
std::string FileUri(const std::string& path, const char* query)
{
    std::string uri = "file:";
    for (const char c : path)
    {
        if (c == '%' || c == '?' || c == '#')
        {
            char escaped[4];
            std::snprintf(escaped, sizeof escaped, "%%%02X", static_cast<unsigned char>(c));
            uri += escaped;
        }
        else
            uri += c;
    }
    return uri + "?" + query;
}

enum class Access
{
    ReadWrite,
    // Nothing is written, not even the -shm and -wal files (immutable=1), so the folder may be read-only;
    // a WAL left behind by a crash is not read.
    ReadOnly,
};

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

Opened TryOpen(const std::string& path, const LogFn& log, Access access = Access::ReadWrite)
{
    const bool read_only = access == Access::ReadOnly;
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
    if (!read_only && fs::is_regular_file(status) && fs::file_size(path, ec) == 0 && !ec)
        log("cache " + path + " was an empty file; starting a new cache in it");

    sqlite3* raw = nullptr;
    const int open_code =
        read_only
            ? sqlite3_open_v2(FileUri(path, "mode=ro&immutable=1").c_str(), &raw,
                              SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr)
            : sqlite3_open_v2(path.c_str(), &raw,
                              SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    Db db(raw);
    if (open_code != SQLITE_OK)
        return FromError(ErrorOf(db.get(), open_code), "open or create the cache");
    sqlite3_extended_result_codes(db.get(), 1);
    // Until the file has passed its checks, closing must not checkpoint a WAL into it.
    sqlite3_db_config(db.get(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
    if (!read_only && sqlite3_db_readonly(db.get(), "main") == 1)
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
        SqlError error = QueryText(db.get(), "PRAGMA quick_check", check);
        // A damaged file the board cannot write stays where it is: what still reads is shown.
        if (read_only && (IsDamage(error) || (!error && check != "ok")))
            log("cache " + path + " is damaged (" + (error ? error.message : "quick_check found: " + check) +
                ") and cannot be repaired where it is: showing what can still be read");
        else if (error)
            return FromError(error, "check the cache");
        else if (check != "ok")
            return Damaged("quick_check found: " + check);
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
    if (read_only)
    {
        // Version 1 has no url column; an empty file has no tables: neither can be brought up to date here.
        if (version < 2)
            return Failure("the cache cannot be written and holds no snapshots this build can read");
        if (SqlError error = Exec(db.get(), kQuarantineTable))
            return FromError(error, "make a table in memory for damaged snapshots");
        Opened opened;
        opened.db = std::move(db);
        return opened;
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

void RemoveWithCompanions(const std::string& path)
{
    std::error_code ec;
    fs::remove(path, ec);
    for (const char* companion : kCompanions)
        fs::remove(path + companion, ec);
    fs::remove(CleanMarkPath(path), ec);
}

//-----------------------------------------------------------------------------
// [SECTION] Salvage: reading what a damaged file still holds
//-----------------------------------------------------------------------------

constexpr const char* kSnapshotColumns =
    "SELECT hash, etag, last_modified, fetched_at, as_of, bytes, url FROM snapshots ";

// Reads the one snapshot row a statement selects (kSnapshotColumns, in order).
std::optional<CachedSnapshot> ReadSnapshotRow(Statement& select, int code)
{
    if (code != SQLITE_ROW)
        return std::nullopt;
    return CachedSnapshot{select.Blob(5), select.Text(0), select.Text(1), select.Text(2),
                          select.Int(3),  select.Text(4), select.Text(6)};
}

// Why a stored row is not a snapshot the board can show, or "" when it is one (`parsed` then holds it).
// Its hash is the SHA-256 of its bytes (as the sync stores it) or the document's own content_hash.
std::string Verify(const CachedSnapshot& row, std::optional<Snapshot>& parsed)
{
    auto result = ParseSnapshot(row.bytes);
    if (!result.Ok())
    {
        const Problem& first = result.Problems().front();
        return "it no longer parses (" + (first.where.empty() ? "" : first.where + ": ") + first.what + ")";
    }
    Snapshot snapshot = std::move(result).Value();
    if (ContentHash(row.bytes) != row.hash &&
        (snapshot.content_hash != row.hash || ContentHash(SnapshotToJson(snapshot)) != row.hash))
        return "its bytes no longer match its hash";
    parsed = std::move(snapshot);
    return "";
}

bool HoldsACache(sqlite3* db)
{
    std::int64_t tables = 0;
    return !QueryInt(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'snapshots'", tables) &&
           tables == 1;
}

// SQLite's 100-byte file header for a rollback-journal database of `page_size` (the size in pages, the
// schema cookie and the counters left zero, which SQLite reads as "take them from the file").
void WriteHeader(std::fstream& file, int page_size)
{
    unsigned char header[100] = {};
    std::memcpy(header, "SQLite format 3", 16);
    header[16] = static_cast<unsigned char>(page_size == 65536 ? 0 : page_size >> 8);
    header[17] = static_cast<unsigned char>(page_size == 65536 ? 1 : page_size & 0xff);
    header[18] = header[19] = 1;
    header[21] = 64; // payload fractions: fixed by the format
    header[22] = header[23] = 32;
    header[47] = 4; // schema format 4
    header[59] = 1; // UTF-8
    file.seekp(0);
    file.write(reinterpret_cast<const char*>(header), sizeof header);
    file.flush();
}

// A connection that reads what a damaged file still holds: the file as it is (through its WAL), or, when
// SQLite no longer takes it for a database (its header overwritten), a copy at `copy` with the header
// rebuilt for each page size SQLite allows until one shows the cache's tables.
Db OpenDamaged(const std::string& path, const std::string& copy)
{
    sqlite3* raw = nullptr;
    sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    Db db(raw);
    sqlite3_db_config(db.get(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    // writable_schema: SQLite then reads a file shorter than its header says instead of refusing it whole.
    if (!Exec(db.get(), "PRAGMA query_only = 1; PRAGMA writable_schema = ON") && HoldsACache(db.get()))
        return db;
    db.reset();
    std::error_code ec;
    fs::copy_file(path, copy, fs::copy_options::overwrite_existing, ec);
    std::fstream file(copy, std::ios::binary | std::ios::in | std::ios::out);
    if (ec || !file)
        return nullptr;
    for (const int page_size : {4096, 1024, 2048, 8192, 16384, 32768, 65536, 512})
    {
        WriteHeader(file, page_size);
        raw = nullptr;
        sqlite3_open_v2(FileUri(copy, "mode=ro&immutable=1").c_str(), &raw,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
        db.reset(raw);
        if (HoldsACache(db.get()))
            return db;
    }
    return nullptr;
}

// The ids of the snapshot rows SQLite can still reach in a damaged file: a scan up from the first until the
// damage stops it, one down from the last, and each id between the two asked for on its own (ids are
// given in order, so few lie between).
std::vector<std::int64_t> ReachableIds(sqlite3* db)
{
    constexpr std::int64_t kMostProbes = 100000;
    std::vector<std::int64_t> ids;
    const auto scan = [&](const char* sql)
    {
        Statement select(db, sql);
        SqlError error;
        if (select.Failed(error))
            return false;
        int code = SQLITE_ROW;
        while ((code = select.Step()) == SQLITE_ROW)
            ids.push_back(select.Int(0));
        return code == SQLITE_DONE;
    };
    if (scan("SELECT id FROM snapshots ORDER BY id"))
        return ids;
    const std::int64_t low = ids.empty() ? 0 : ids.back();
    const size_t from_below = ids.size();
    scan("SELECT id FROM snapshots ORDER BY id DESC");
    const std::int64_t high = ids.size() > from_below ? ids.back() : low + 1000;
    Statement probe(db, "SELECT id FROM snapshots WHERE id = ?1");
    for (std::int64_t id = low + 1; id < high && id - low < kMostProbes; ++id)
    {
        probe.BindInt(1, id);
        if (probe.Step() == SQLITE_ROW)
            ids.push_back(id);
        sqlite3_reset(probe.Get());
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

std::optional<CachedSnapshot> ReadRow(sqlite3* db, std::int64_t id)
{
    Statement select(db, (std::string(kSnapshotColumns) + "WHERE id = ?1").c_str());
    SqlError error;
    if (select.Failed(error)) // version 1: no url column
        return std::nullopt;
    select.BindInt(1, id);
    return ReadSnapshotRow(select, select.Step());
}

// Copies the history rows SQLite can still read, up from the first and down from the last, into `to`
// (which has none yet). Their snapshot_id is 0: the snapshot that set them is not in the new file.
std::int64_t CopyHistory(sqlite3* from, sqlite3* to)
{
    std::int64_t copied = 0;
    if (Exec(to, "BEGIN IMMEDIATE"))
        return copied;
    Statement insert(to, "INSERT OR IGNORE INTO history (plan_id, indicator_id, period, value, placeholder, "
                         "snapshot_id) VALUES (?1, ?2, ?3, ?4, ?5, 0)");
    SqlError error;
    for (const char* sql : {"SELECT plan_id, indicator_id, period, value, placeholder FROM history "
                            "ORDER BY plan_id, indicator_id, period",
                            "SELECT plan_id, indicator_id, period, value, placeholder FROM history "
                            "ORDER BY plan_id DESC, indicator_id DESC, period DESC"})
    {
        Statement select(from, sql);
        if (select.Failed(error) || insert.Failed(error))
            break;
        int code = SQLITE_ROW;
        while ((code = select.Step()) == SQLITE_ROW)
        {
            for (int column = 0; column < 3; ++column)
                insert.BindText(column + 1, select.TextView(column));
            if (select.IsNull(3))
                sqlite3_bind_null(insert.Get(), 4);
            else
                sqlite3_bind_double(insert.Get(), 4, select.Double(3));
            insert.BindTextOrNull(5, select.TextView(4));
            if (insert.Run(error))
                copied += sqlite3_changes(to);
        }
        if (code == SQLITE_DONE) // the whole table was read: nothing more to find from the other end
            break;
    }
    Exec(to, "COMMIT");
    return copied;
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

    // Retention: the newest N good snapshots (never fewer than the one just stored), and the quarantined
    // ones newer than the oldest of them.
    Statement trim_snapshots(db,
                             "DELETE FROM snapshots WHERE id <= (SELECT id FROM snapshots WHERE " WB_GOOD_ROW
                             " ORDER BY id DESC LIMIT 1 OFFSET ?1)");
    if (trim_snapshots.Failed(error))
        return error;
    trim_snapshots.BindInt(1, std::max(1, options.keep_snapshots));
    if (!trim_snapshots.Run(error))
        return error;
    if ((error = Exec(db, "DELETE FROM quarantine WHERE snapshot_id NOT IN (SELECT id FROM snapshots)")))
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
    const auto made = [&](Opened& opened, CacheHealth state, std::string reason)
    {
        auto cache = std::unique_ptr<Cache>(new Cache(opened.db.release(), path, options, say));
        cache->m_state = state;
        cache->m_state_reason = std::move(reason);
        return Made(std::move(cache));
    };
    // What the board cannot write it can still show: a wall with the feed down then keeps its last data.
    const auto read_only = [&](CacheHealth state, const std::string& why) -> Made
    {
        Opened opened = TryOpen(path, say, Access::ReadOnly);
        if (!opened.db)
            return Made({Problem{path, why + "; reading it failed too: " +
                                           (opened.failure.empty() ? opened.unusable : opened.failure)}});
        say("cache " + path + " cannot be written (" + why +
            "): showing the snapshots it holds; new ones are not saved");
        return made(opened, state, "the cache cannot be written: " + why);
    };
    if (const std::string why = WhyNotWritable(path); !why.empty())
        return read_only(CacheHealth::ReadOnly, why);
    Opened first = TryOpen(path, say);
    if (first.db)
        return made(first, CacheHealth::Saving, "");
    if (!first.failure.empty())
    {
        if (!Exists(path))
            return Made({Problem{path, first.failure}});
        return read_only(first.disk_full ? CacheHealth::DiskFull : CacheHealth::Failing, first.failure);
    }

    // TryOpen() has closed the bad file without checkpointing into it. What it still holds goes into a new
    // file first; then the old one goes aside as it was found and the new one takes its place.
    const std::string salvage_path = path + ".salvage";
    const std::string salvaged = first.damaged ? Salvage(path, salvage_path, options, say) : "";
    std::string moved_to;
    if (const std::string error = MoveAside(path, moved_to); !error.empty())
    {
        RemoveWithCompanions(salvage_path);
        return Made({Problem{path, "the cache is unreadable (" + first.unusable + ") and " + error}});
    }
    std::error_code ec;
    if (!salvaged.empty())
        fs::rename(salvage_path, path, ec);
    if (ec)
        say("cache " + path + ": could not put the salvaged cache in place (" + ec.message() + ")");
    RemoveWithCompanions(salvage_path);
    Opened fresh = TryOpen(path, say);
    if (!fresh.db)
        return Made({Problem{path, "the cache was unreadable (" + first.unusable + ") and was moved to " +
                                       moved_to + ", but a new one could not be made: " +
                                       (fresh.failure.empty() ? fresh.unusable : fresh.failure)}});
    if (salvaged.empty() || ec)
        say("cache " + path + " was unreadable (" + first.unusable + "); moved it to " + moved_to +
            " and started a new cache");
    else
        say("cache " + path + " was damaged (" + first.unusable + "); " + salvaged +
            " into a new cache and moved the old file to " + moved_to);
    return made(fresh, CacheHealth::Saving, "");
}

std::string Cache::Salvage(const std::string& from, const std::string& into, const CacheOptions& options,
                           const LogFn& log)
{
    const std::string copy = into + "-source";
    Db source = OpenDamaged(from, copy);
    RemoveWithCompanions(into);
    Opened made = source ? TryOpen(into, log) : Opened{};
    if (!made.db)
    {
        RemoveWithCompanions(copy);
        return "";
    }
    int saved = 0;
    std::int64_t months = 0;
    const std::vector<std::int64_t> ids = ReachableIds(source.get());
    {
        Cache fresh(made.db.release(), into, options, log);
        months = CopyHistory(source.get(), fresh.m_db);
        for (const std::int64_t id : ids) // oldest first, so the history merges as it did when they arrived
        {
            auto row = ReadRow(source.get(), id);
            std::optional<Snapshot> parsed;
            if (row && Verify(*row, parsed).empty() && fresh.Store(*row, *parsed).Ok())
                ++saved;
        }
        fresh.m_trusted = false; // no clean-close mark for a file about to be renamed: it is checked on open
    }
    source.reset();
    RemoveWithCompanions(copy);
    return "saved " + std::to_string(saved) + " of the " + std::to_string(ids.size()) +
           " snapshots it could reach and " + std::to_string(months) + " months of history";
}

Cache::Cache(sqlite3* db, std::string path, CacheOptions options, LogFn log)
    : m_db(db), m_path(std::move(path)), m_options(options), m_log(std::move(log))
{
}

Cache::~Cache()
{
    // Every statement is finalized where it was made, so this closes the file (and, being the last
    // connection, checkpoints the WAL into it). After a failed write or damage seen, no mark: the next start
    // checks the file (Open() removed the old mark).
    const bool writable = sqlite3_db_readonly(m_db, "main") == 0;
    if (sqlite3_close_v2(m_db) == SQLITE_OK && writable && m_trusted && !fs::exists(m_path + "-wal"))
        if (const std::string error = WriteFileAtomically(CleanMarkPath(m_path), CleanMark(m_path));
            !error.empty())
            m_log("cache " + m_path + ": no clean-close mark (" + error +
                  "): the next start checks the file");
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

    if (sqlite3_db_readonly(m_db, "main") == 1)
        return std::vector<Problem>{{m_path, m_state_reason}};

    // A read, so an unchanged snapshot dirties no page: SD cards wear out.
    std::string newest;
    SqlError error =
        QueryText(m_db, "SELECT hash FROM snapshots WHERE " WB_GOOD_ROW " ORDER BY id DESC LIMIT 1", newest);
    if (!error && newest == hash)
        return StoreOutcome::Unchanged;

    int replaced = 0;
    if (!error)
        error = Exec(m_db, "BEGIN IMMEDIATE");
    if (!error)
    {
        // A quarantined copy of this very snapshot: the feed's good bytes take its place.
        Statement heal(m_db, "DELETE FROM snapshots WHERE hash = ?1 AND NOT " WB_GOOD_ROW);
        if (!heal.Failed(error))
        {
            heal.BindText(1, hash);
            if (heal.Run(error))
                replaced = sqlite3_changes(m_db);
        }
        // Before the insert: the new row may take the id of the one just deleted.
        if (!error && replaced > 0)
            error = Exec(m_db, "DELETE FROM quarantine WHERE snapshot_id NOT IN (SELECT id FROM snapshots)");
        if (!error)
            error = WriteSnapshot(m_db, m_options, hash, snapshot, parsed);
        if (!error)
            error = Exec(m_db, "COMMIT");
        // SQLite rolls back by itself after some errors (a full disk among them); otherwise we do.
        if (error && !sqlite3_get_autocommit(m_db))
            Exec(m_db, "ROLLBACK");
    }
    if (error)
    {
        Distrust();
        m_state = IsDiskFull(error) ? CacheHealth::DiskFull : CacheHealth::Failing;
        m_state_reason = InWords(error, doing);
        return std::vector<Problem>{{m_path, m_state_reason}};
    }
    m_state = CacheHealth::Saving;
    m_state_reason.clear();
    if (replaced > 0)
        m_log("cache " + m_path + ": the feed sent snapshot " + hash.substr(0, 19) +
              " again; it replaced the damaged copy quarantined in the cache");
    return StoreOutcome::Stored;
}

std::optional<CachedSnapshot> Cache::LoadNewest()
{
    Statement select(
        m_db, (std::string(kSnapshotColumns) + "WHERE " WB_GOOD_ROW " ORDER BY id DESC LIMIT 1").c_str());
    SqlError error;
    if (!select.Failed(error))
    {
        const int code = select.Step();
        if (code == SQLITE_DONE || code == SQLITE_ROW)
            return ReadSnapshotRow(select, code);
        error = ErrorOf(m_db, code);
    }
    if (IsDamage(error))
        Distrust();
    m_log("cache " + m_path + ": " + InWords(error, "read the newest snapshot"));
    return std::nullopt;
}

std::optional<LoadedSnapshot> Cache::LoadNewestGood()
{
    std::vector<std::int64_t> ids;
    Statement select(m_db, "SELECT id FROM snapshots WHERE " WB_GOOD_ROW " ORDER BY id DESC");
    SqlError error;
    if (!select.Failed(error))
    {
        int code = SQLITE_ROW;
        while ((code = select.Step()) == SQLITE_ROW)
            ids.push_back(select.Int(0));
        if (code != SQLITE_DONE) // damage part way: the rows before it are still worth trying
            error = ErrorOf(m_db, code);
    }
    if (error)
    {
        if (IsDamage(error))
            Distrust();
        m_log("cache " + m_path + ": " + InWords(error, "list the stored snapshots"));
    }
    for (const std::int64_t id : ids)
    {
        Statement row(m_db, (std::string(kSnapshotColumns) + "WHERE id = ?1").c_str());
        SqlError read_error;
        std::optional<CachedSnapshot> raw;
        if (!row.Failed(read_error))
        {
            row.BindInt(1, id);
            const int code = row.Step();
            raw = ReadSnapshotRow(row, code);
            if (!raw)
                read_error = ErrorOf(m_db, code);
        }
        std::optional<Snapshot> parsed;
        const std::string why = raw ? Verify(*raw, parsed) : "it cannot be read (" + read_error.message + ")";
        if (why.empty())
            return LoadedSnapshot{std::move(*raw), std::move(*parsed)};
        Quarantine(id, raw ? raw->hash : "", why);
    }
    return std::nullopt;
}

void Cache::Quarantine(std::int64_t id, const std::string& hash, const std::string& why)
{
    // Bytes that changed on their own mean the file may hold more damage: check it at the next start.
    Distrust();
    m_log("cache " + m_path + ": stored snapshot " +
          (hash.empty() ? "#" + std::to_string(id) : hash.substr(0, 19)) + " is damaged: " + why +
          "; quarantined it (kept in the file, no longer shown)");
    Statement insert(m_db, "INSERT OR REPLACE INTO quarantine (snapshot_id, reason, at) VALUES (?1, ?2, ?3)");
    SqlError error;
    if (!insert.Failed(error))
    {
        insert.BindInt(1, id);
        insert.BindText(2, why);
        insert.BindInt(3, static_cast<std::int64_t>(std::time(nullptr)));
        insert.Run(error);
    }
    if (error)
        m_log("cache " + m_path + ": " + InWords(error, "quarantine a damaged snapshot"));
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
    if (IsDamage(error))
        Distrust();
    m_log("cache " + m_path + ": " + InWords(error, what));
    return std::nullopt;
}

std::optional<CachedSnapshot> Cache::LoadBefore(const std::string& hash)
{
    return LoadOne("WHERE " WB_GOOD_ROW
                   " AND id < (SELECT max(id) FROM snapshots WHERE hash = ?1 AND " WB_GOOD_ROW
                   ") ORDER BY id DESC LIMIT 1",
                   hash, "read the snapshot before the newest");
}

std::optional<CachedSnapshot> Cache::LoadByHash(const std::string& hash)
{
    return LoadOne("WHERE hash = ?1 AND " WB_GOOD_ROW " ORDER BY id DESC LIMIT 1", hash,
                   "read a stored snapshot");
}

std::vector<Cache::Stored> Cache::List()
{
    std::vector<Stored> stored;
    Statement select(m_db,
                     "SELECT hash, as_of, fetched_at FROM snapshots WHERE " WB_GOOD_ROW " ORDER BY id DESC");
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
    if (IsDamage(error))
        Distrust();
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
    if (SqlError error = QueryInt(m_db, "SELECT count(*) FROM snapshots WHERE " WB_GOOD_ROW, count))
        m_log("cache " + m_path + ": " + InWords(error, "count the snapshots"));
    return static_cast<int>(count);
}

//-----------------------------------------------------------------------------
// [SECTION] Screen profiles
//-----------------------------------------------------------------------------

std::optional<CachedDocument> Cache::LoadScreens()
{
    // A read-only cache from before version 4 has no such table: no profiles kept, nothing to say.
    Statement select(m_db, "SELECT bytes, etag, last_modified, url, fetched_at FROM screens WHERE id = 1");
    SqlError error;
    if (select.Failed(error) || select.Step() != SQLITE_ROW)
        return std::nullopt;
    return CachedDocument{select.Blob(0), select.Text(1), select.Text(2), select.Text(3), select.Int(4)};
}

std::string Cache::StoreScreens(const std::optional<CachedDocument>& document)
{
    if (sqlite3_db_readonly(m_db, "main") == 1)
        return m_state_reason;
    SqlError error;
    Statement write(m_db, document ? "INSERT OR REPLACE INTO screens (id, bytes, etag, last_modified, url, "
                                     "fetched_at) VALUES (1, ?1, ?2, ?3, ?4, ?5)"
                                   : "DELETE FROM screens");
    if (!write.Failed(error))
    {
        if (document)
        {
            sqlite3_bind_blob64(write.Get(), 1, document->bytes.data(), document->bytes.size(),
                                SQLITE_STATIC);
            write.BindText(2, document->etag);
            write.BindText(3, document->last_modified);
            write.BindText(4, document->url);
            write.BindInt(5, document->fetched_at);
        }
        write.Run(error);
    }
    if (!error)
        return "";
    Distrust();
    return InWords(error, document ? "keep the screen profiles" : "forget the screen profiles");
}

} // namespace wb::io
