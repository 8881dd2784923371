// Atomic replacement of a file: several writers at once, a reader that never sees half a file, no
// temporary file left behind, and a full disk said in those words.
#include "core/files.h"

#include "test_support.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace wb;

namespace
{

// Writer `writer`'s `sequence`th version: complete JSON whose padding, of a length that changes with every
// version, repeats one letter per writer, so a file made of two versions is told apart from either.
std::string Version(int writer, int sequence)
{
    const size_t length = 20000 + static_cast<size_t>((writer * 7919 + sequence * 104729) % 40000);
    nlohmann::json doc;
    doc["writer"] = writer;
    doc["sequence"] = sequence;
    doc["length"] = length;
    doc["padding"] = std::string(length, static_cast<char>('a' + writer));
    return doc.dump();
}

// Empty when `text` is one whole version written by one of `writers` (or the first one), else why not.
std::string WhatIsWrong(const std::string& text, int writers)
{
    const auto doc = nlohmann::json::parse(text, nullptr, false);
    if (doc.is_discarded())
        return "not JSON (" + std::to_string(text.size()) + " bytes)";
    if (!doc.contains("writer") || !doc.contains("sequence"))
        return "JSON without writer and sequence";
    const int writer = doc["writer"].get<int>();
    if (writer < 0 || writer > writers)
        return "an unknown writer";
    return text == Version(writer, doc["sequence"].get<int>()) ? "" : "a mixture of versions";
}

std::vector<std::string> FileNames(const std::filesystem::path& dir)
{
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

TEST_CASE("writers racing on one file each replace it whole, and a reader never sees a torn file", "[files]")
{
    test::TempDir dir;
    const std::string path = (dir.Path() / "status.json").string();
    constexpr int kWriters = 4;
    constexpr int kVersions = 150;
    // The reader's "first one": writer kWriters, so the file exists before the race starts.
    REQUIRE(WriteFileAtomically(path, Version(kWriters, 0)).empty());

    std::atomic<int> writers_left{kWriters};
    std::atomic<int> failed_writes{0};
    std::string first_failure;
    std::mutex failure_mutex;
    std::vector<std::thread> writers;
    for (int writer = 0; writer < kWriters; ++writer)
        writers.emplace_back(
            [&, writer]
            {
                for (int sequence = 0; sequence < kVersions; ++sequence)
                    if (std::string error = WriteFileAtomically(path, Version(writer, sequence));
                        !error.empty())
                    {
                        std::lock_guard lock(failure_mutex);
                        if (failed_writes++ == 0)
                            first_failure = error;
                    }
                --writers_left;
            });
    int reads = 0, bad_reads = 0;
    std::string first_bad;
    while (writers_left > 0)
    {
        const auto text = ReadWholeFile(path);
        ++reads;
        const std::string wrong = text ? WhatIsWrong(*text, kWriters) : "missing";
        if (!wrong.empty() && bad_reads++ == 0)
            first_bad = wrong;
    }
    for (std::thread& writer : writers)
        writer.join();

    INFO(reads << " reads; the first failed write: " << first_failure
               << "; the first bad read: " << first_bad);
    CHECK(failed_writes == 0);
    CHECK(bad_reads == 0);
    CHECK(reads > 0);
    // The last version standing is one writer's last, whole; nothing else is left in the folder.
    const auto last = nlohmann::json::parse(test::ReadFile(path));
    CHECK(last["sequence"] == kVersions - 1);
    CHECK(WhatIsWrong(test::ReadFile(path), kWriters).empty());
    CHECK(FileNames(dir.Path()) == std::vector<std::string>{"status.json"});
}

TEST_CASE("an atomic write gives the file the mode a plain create would", "[files]")
{
    test::TempDir dir;
    const auto path = dir.Path() / "snapshot.json";
    const auto mode_with_umask = [&](mode_t mask)
    {
        const mode_t old_mask = ::umask(mask);
        const std::string error = WriteFileAtomically(path.string(), "{}");
        ::umask(old_mask);
        INFO(error);
        REQUIRE(error.empty());
        struct stat info
        {
        };
        REQUIRE(::stat(path.c_str(), &info) == 0);
        return info.st_mode & 07777;
    };
    // Readable by a web server or monitoring running as another user (mkstemp alone gives 0600), unless
    // the umask says otherwise, as open(2) with 0644 would.
    CHECK(mode_with_umask(022) == 0644);
    CHECK(mode_with_umask(077) == 0600);
    CHECK(test::ReadFile(path) == "{}");
}

TEST_CASE("a write that cannot be completed leaves the old file and no temporary file", "[files]")
{
    test::TempDir dir;
    const auto path = dir.Path() / "status.json";
    REQUIRE(WriteFileAtomically(path.string(), "old").empty());

    // A folder where the file should be: the rename fails after the temporary file was written.
    const auto blocked = dir.Path() / "blocked";
    std::filesystem::create_directories(blocked / "inside");
    const std::string error = WriteFileAtomically(blocked.string(), "new");
    CHECK(error.find("cannot replace " + blocked.string()) != std::string::npos);
    // A folder that does not exist: nothing can be created.
    CHECK_FALSE(WriteFileAtomically((dir.Path() / "missing" / "status.json").string(), "new").empty());

    CHECK(test::ReadFile(path) == "old");
    CHECK(FileNames(dir.Path()) == std::vector<std::string>{"blocked", "status.json"});
    CHECK(FileNames(blocked) == std::vector<std::string>{"inside"});
}

// A 16 KiB tmpfs of a mount namespace of its own (root only, as in CI), filled up: the write fails, says
// the disk is full, and leaves the old file whole and no temporary file.
TEST_CASE("a full disk is reported in those words, and the old file stays", "[files]")
{
    test::TempDir dir;
    const std::string mount_point = dir.Path().string();
    const std::string report = (std::filesystem::temp_directory_path() /
                                ("wallboard-full-disk-" + std::to_string(::getpid()) + ".txt"))
                                   .string();
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0)
    {
        // Exit 77: this machine cannot make the tmpfs (not root, or no mount namespaces).
        if (::unshare(CLONE_NEWNS) != 0 ||
            ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
            ::mount("wallboard-test", mount_point.c_str(), "tmpfs", 0, "size=16k") != 0)
            ::_exit(77);
        const std::string path = mount_point + "/status.json";
        std::string text = WriteFileAtomically(path, std::string(4096, 'o')); // the old version
        {
            std::ofstream filler(mount_point + "/filler", std::ios::binary);
            const std::string block(1024, 'x');
            for (int i = 0; i < 64 && filler; ++i)
                filler << block << std::flush;
        }
        text += "|" + WriteFileAtomically(path, std::string(8192, 'n'));
        const auto kept = ReadWholeFile(path);
        text += std::string("|") + (kept && *kept == std::string(4096, 'o') ? "old kept" : "old lost");
        std::filesystem::remove(mount_point + "/filler");
        for (const std::string& name : FileNames(mount_point))
            text += "|" + name;
        std::ofstream(report) << text;
        ::_exit(0);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77)
    {
        WARN("skipped: cannot mount a small tmpfs here (needs root and mount namespaces)");
        return;
    }
    REQUIRE(WEXITSTATUS(status) == 0);
    const std::string text = test::ReadFile(report);
    std::filesystem::remove(report);
    INFO(text);
    // The old version was written; the new one failed for want of room; only the old file is left.
    CHECK(text.starts_with("|the disk is full: cannot write " + mount_point + "/status.json.tmp."));
    CHECK(text.ends_with("|old kept|status.json"));
}
