// Issue 13's first "done when", on a real board under Xvfb: a screen's playlist changed in screens.toml
// and republished reaches the board within one refresh, and a broken screens.json changes nothing and
// says why. Set WALLBOARD_KEEP_SCREENS=DIR to keep the screens it saw (XWD) for a person to look at.
#include "io/board_process.h"
#include "process_support.h"
#include "test_support.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>

using namespace wb;
using wb::test::Now;
using wb::test::TempDir;
using wb::test::Xvfb;

namespace
{

// Publishes the Plymouth demo with `screens_toml` into `dir`/feed, as the performance team would.
void Publish(const TempDir& dir, const std::string& screens_toml)
{
    std::ofstream(dir.Path() / "screens.toml") << screens_toml;
    const auto demo = [](const char* file)
    { return "'" + (test::DemoDir("plymouth") / file).string() + "'"; };
    const std::string command = std::string(WALLBOARD_PUBLISH_EXE) + " build --plan " + demo("plan.toml") +
                                " --indicators " + demo("indicators.csv") + " --actions " +
                                demo("actions.csv") + " --screens '" +
                                (dir.Path() / "screens.toml").string() + "' --out '" +
                                (dir.Path() / "feed").string() + "' >/dev/null";
    REQUIRE(std::system(command.c_str()) == 0);
}

std::string OnePagePlaylist(const std::string& page)
{
    return "[screens.front-door]\n[[screens.front-door.playlist]]\npage = \"" + page + "\"\n";
}

// The status file once `ready` says it is, within `seconds`; the last one read otherwise.
nlohmann::json AwaitStatus(const std::filesystem::path& path, double seconds,
                           const std::function<bool(const nlohmann::json&)>& ready)
{
    nlohmann::json status;
    for (const double end = Now() + seconds; Now() < end;)
    {
        if (std::filesystem::exists(path))
            if (auto read = nlohmann::json::parse(test::ReadFile(path), nullptr, false); !read.is_discarded())
                if (ready(status = std::move(read)))
                    break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return status;
}

void KeepScreen(const TempDir& dir, const std::string& name)
{
    if (const char* keep = std::getenv("WALLBOARD_KEEP_SCREENS"))
        std::filesystem::copy_file(dir.Path() / "Xvfb_screen0", std::filesystem::path(keep) / (name + ".xwd"),
                                   std::filesystem::copy_options::overwrite_existing);
}

} // namespace

TEST_CASE("a playlist changed in screens.toml reaches the board within one refresh, a broken one does not",
          "[xvfb][screens]")
{
    TempDir dir;
    Publish(dir, OnePagePlaylist("front-door"));
    Xvfb x(dir.Path());
    const std::filesystem::path status_file = dir.Path() / "status.json";
    std::vector<std::string> env = test::CleanEnvironment();
    env.push_back("DISPLAY=" + x.Display());
    test::Process board({WALLBOARD_EXE, "--windowed", "1280x720", "--refresh", "5", "--screen-id",
                         "front-door", "--today", "2023-04-20", "--feed",
                         "file://" + (dir.Path() / "feed/snapshot.json").string(), "--cache",
                         (dir.Path() / "cache.sqlite").string(), "--status-file", status_file.string()},
                        dir.Path() / "board.log", env);
    const auto shows = [](const std::string& view)
    { return [view](const nlohmann::json& s) { return s.value("view", "") == view; }; };

    nlohmann::json status = AwaitStatus(status_file, 30, shows("front-door"));
    INFO(board.Output());
    REQUIRE(status.value("view", "") == "front-door");
    CHECK(status["profile"] == "front-door");
    std::this_thread::sleep_for(std::chrono::milliseconds(500)); // the frame after the status is written
    const std::string before = test::ReadFile(dir.Path() / "Xvfb_screen0");
    KeepScreen(dir, "1-front-door");

    // Republished with another page: shown within one refresh (5 s; 15 allowed for a loaded machine).
    Publish(dir, OnePagePlaylist("overdue"));
    status = AwaitStatus(status_file, 15, shows("overdue"));
    CHECK(status.value("view", "") == "overdue");
    CHECK(status["profile"] == "front-door");
    CHECK(status["profiles_error"] == "");
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK(test::ReadFile(dir.Path() / "Xvfb_screen0") != before);
    KeepScreen(dir, "2-overdue");

    // A broken screens.json: refused, said in the status, the page unchanged.
    std::ofstream(dir.Path() / "feed/screens.json")
        << R"({"format": "wallboard.screens/1", "screens": {"front-door": {"playlist": [{"page": 7}]}}})";
    status = AwaitStatus(status_file, 15,
                         [](const nlohmann::json& s) { return !s.value("profiles_error", "").empty(); });
    CHECK(status.value("profiles_error", "").find("screens.json was refused") != std::string::npos);
    CHECK(status.value("profiles_error", "").find("playlist.page") != std::string::npos);
    CHECK(status["view"] == "overdue");
    CHECK(status["profile"] == "front-door");
    CHECK(board.Output().find("screens.json was refused") != std::string::npos);
    KeepScreen(dir, "3-broken-kept");

    board.Signal(SIGTERM);
    CHECK(board.WaitExit(20) == 0);
}
