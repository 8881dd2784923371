// The status file has one writer: the render thread only hands the sync thread the view on screen, and
// the sync thread writes it, so page changes put no fsync on the render thread and no two writers race.
#include "io/sync.h"

#include "core/digest.h"
#include "core/snapshot.h"
#include "test_support.h"

#include <nlohmann/json.hpp>

#include <mutex>
#include <thread>

using namespace wb;
using namespace wb::io;

namespace
{

// The status file's view, or empty while the file is missing or not JSON.
std::string ViewInStatusFile(const std::filesystem::path& path)
{
    std::ifstream file(path);
    const auto doc = nlohmann::json::parse(file, nullptr, false);
    return doc.is_object() && doc.contains("view") ? doc["view"].get<std::string>() : "";
}

} // namespace

TEST_CASE("views handed over from other threads are written to the status file by the sync thread", "[sync]")
{
    test::TempDir dir;
    const Snapshot s = test::BuildDemo("plymouth");
    std::ofstream(dir.Path() / "snapshot.json") << SnapshotToJsonWithHash(s, ContentHash(SnapshotToJson(s)));
    const auto status_file = dir.Path() / "status.json";
    SyncOptions options;
    options.fetch.url = "file://" + (dir.Path() / "snapshot.json").string();
    options.backoff = {3600, 3600}; // one fetch: every later write is a view handed over
    options.status_file = status_file.string();
    std::mutex log_mutex;
    std::vector<std::string> log;
    Sync sync(options, nullptr, nullptr,
              [&](const std::string& line)
              {
                  std::lock_guard lock(log_mutex);
                  log.push_back(line);
              });

    // The caller (the render thread) writes nothing itself: before the sync thread runs, the view waits
    // for the next write, which is the owner's one attempt.
    sync.SetView("overview");
    CHECK_FALSE(std::filesystem::exists(status_file));
    sync.RunOnce();
    CHECK(ViewInStatusFile(status_file) == "overview");

    // Three "render threads" change the view as fast as they can while the sync thread runs.
    sync.Start();
    std::vector<std::thread> viewers;
    for (int viewer = 0; viewer < 3; ++viewer)
        viewers.emplace_back(
            [&, viewer]
            {
                for (int page = 0; page < 300; ++page)
                    sync.SetView("team-" + std::to_string(viewer) + "-" + std::to_string(page));
            });
    for (std::thread& viewer : viewers)
        viewer.join();
    sync.SetView("overdue");
    // The sync thread writes the last view soon after; the deadline only keeps a broken build from hanging.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (ViewInStatusFile(status_file) != "overdue" && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(ViewInStatusFile(status_file) == "overdue");

    // A view handed over just before the stop is still written.
    sync.SetView("closing");
    sync.Stop();
    CHECK(ViewInStatusFile(status_file) == "closing");

    std::lock_guard lock(log_mutex);
    for (const std::string& line : log)
        CHECK(line.find("status file") == std::string::npos);
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir.Path()))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"snapshot.json", "status.json"}); // no temporary file left
}

TEST_CASE("the screen's off hours are written to the status file by the sync thread", "[sync][office-hours]")
{
    test::TempDir dir;
    const auto status_file = dir.Path() / "status.json";
    SyncOptions options;
    options.fetch.url = "file://" + (dir.Path() / "missing.json").string();
    options.backoff = {3600, 3600};
    options.status_file = status_file.string();
    Sync sync(options, nullptr, nullptr, [](const std::string&) {});
    sync.RunOnce();
    const auto field = [&](const char* name)
    {
        std::ifstream file(status_file);
        const auto doc = nlohmann::json::parse(file, nullptr, false);
        return doc.is_object() && doc.contains(name) ? doc[name].get<std::string>() : "";
    };
    CHECK(field("screen") == "on");
    sync.Start();
    sync.SetScreen("off hours", "Screen off until 07:30 Monday");
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (field("screen") != "off hours" && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    sync.Stop();
    CHECK(field("screen") == "off hours");
    CHECK(field("screen_note") == "Screen off until 07:30 Monday");
}
