// libFuzzer harness over the board's start from its cache (io/cache.h, as io/sync uses it): the fuzzed bytes
// are written as the cache file, then Cache::Open, the newest snapshot loaded and parsed, the history, the
// list and the snapshot before it read, and a new snapshot stored into whatever Open accepted. Beyond "no
// crash, no sanitizer report, no exception", it checks what cache.h promises: Open fails only when no cache
// can be made at all (never here, in a writable folder), and a store that fails says why.
// The seed corpus is caches the board wrote (tests/fuzz/run.sh); the files live in /dev/shm when it exists,
// so the cache's fsyncs cost nothing.
#include "core/snapshot.h"
#include "io/cache.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace
{

[[noreturn]] void Fail(const char* what)
{
    std::fprintf(stderr, "fuzz_cache: %s\n", what);
    std::abort();
}

// A folder of this process's own, emptied after every input; removed at exit.
const fs::path& WorkDir()
{
    static const fs::path dir = []
    {
        const fs::path base = fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
        std::string pattern = (base / "wallboard-fuzz-cache-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            Fail("cannot make a working folder");
        std::atexit([] { fs::remove_all(WorkDir()); });
        return fs::path(pattern);
    }();
    return dir;
}

void LoadAndStore(wb::io::Cache& cache)
{
    const auto newest = cache.LoadNewest();
    if (!newest)
        return;
    (void)cache.List();
    (void)cache.SnapshotCount();
    (void)cache.LoadBefore(newest->hash);
    auto parsed = wb::ParseSnapshot(newest->bytes);
    if (!parsed.Ok())
        return;
    (void)cache.AllHistory(parsed.Value().plan.id);
    // What the sync thread does next with a feed's snapshot: store it, into whatever Open accepted.
    wb::io::CachedSnapshot next = *newest;
    next.hash = "sha256:fuzz";
    next.fetched_at += 60;
    auto stored = cache.Store(next, parsed.Value());
    if (!stored.Ok() && (stored.Problems().empty() || stored.Problems().front().what.empty()))
        Fail("a store that failed without saying why");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const fs::path path = WorkDir() / "cache.sqlite";
    {
        std::ofstream file(path, std::ios::binary | std::ios::trunc);
        file.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
        if (!file)
            Fail("cannot write the cache file");
    }
    {
        auto cache = wb::io::Cache::Open(path.string(), {}, [](const std::string&) {});
        if (!cache.Ok())
        {
            std::fprintf(stderr, "%s\n", wb::FormatProblems(cache.Problems()).c_str());
            Fail("no cache in a writable folder");
        }
        LoadAndStore(*cache.Value());
    }
    // The file, its WAL, its clean-close mark and any copy moved aside: the next input starts from nothing.
    for (const fs::directory_entry& entry : fs::directory_iterator(WorkDir()))
        fs::remove_all(entry.path());
    return 0;
}
