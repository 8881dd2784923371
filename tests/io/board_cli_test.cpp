// The board's command-line contract, as an installer meets it.
#include "core/digest.h"
#include "core/snapshot.h"

#include "test_support.h"
#include "version.h"

#include <nlohmann/json.hpp>

#include <sys/wait.h>

using namespace wb;

namespace
{

int Run(const std::string& arguments, std::string& output, const test::TempDir& dir)
{
    return test::RunBoard(arguments, output, dir);
}

} // namespace

TEST_CASE("a wrong option value exits 2 naming the option", "[board][cli]")
{
    test::TempDir dir;
    std::string output;
    CHECK(Run("--feed http://127.0.0.1:9/s.json --refresh 2", output, dir) == 2);
    CHECK(output.find("--refresh") != std::string::npos);
    CHECK(Run("--feed ftp://example/s.json", output, dir) == 2);
    CHECK(output.find("--feed") != std::string::npos);
    CHECK(Run("--cache x.sqlite", output, dir) == 2);
    CHECK(output.find("no feed URL") != std::string::npos);
    CHECK(Run("--feed http://127.0.0.1:9/s.json --token-file /nonexistent/token", output, dir) == 2);
    CHECK(output.find("--token-file") != std::string::npos);
    // A board pack's folder is made if it can be; one that cannot is said before anything opens.
    CHECK(Run("--feed http://127.0.0.1:9/s.json --screenshot /proc/no-such-folder/pack", output, dir) == 2);
    CHECK(output.find("--screenshot: cannot make the folder /proc/no-such-folder/pack") != std::string::npos);
}

TEST_CASE("a bad --today or today key exits 2 naming it", "[board][cli]")
{
    test::TempDir dir;
    std::string output;
    for (const char* bad : {"2023-02-30", "20/04/2023", "tomorrow", "2023-4-20"})
    {
        INFO(bad);
        CHECK(Run(std::string("--feed http://127.0.0.1:9/s.json --today ") + bad, output, dir) == 2);
        CHECK(output.find("--today") != std::string::npos);
        CHECK(output.find("YYYY-MM-DD") != std::string::npos);
    }
    const auto config = dir.Path() / "board.toml";
    std::ofstream(config) << "feed = \"http://127.0.0.1:9/s.json\"\ntoday = \"2023-13-01\"\n";
    CHECK(Run("--config " + config.string(), output, dir) == 2);
    CHECK(output.find("today") != std::string::npos);
    CHECK(output.find("YYYY-MM-DD") != std::string::npos);
}

TEST_CASE("a wrong config key exits 2 naming the key and line", "[board][cli]")
{
    test::TempDir dir;
    const auto config = dir.Path() / "board.toml";
    std::ofstream(config) << "feed = \"http://127.0.0.1:9/s.json\"\nrefresh = \"often\"\n";
    std::string output;
    CHECK(Run("--config " + config.string(), output, dir) == 2);
    CHECK(output.find("board.toml:2: refresh") != std::string::npos);
}

TEST_CASE("a one-shot sync fills the cache and writes the status file", "[board][cli]")
{
    test::TempDir dir;
    const Snapshot s = test::BuildDemo("plymouth");
    std::ofstream(dir.Path() / "snapshot.json") << SnapshotToJsonWithHash(s, ContentHash(SnapshotToJson(s)));
    const auto config = dir.Path() / "board.toml";
    std::ofstream(config) << "feed = \"file://" << (dir.Path() / "snapshot.json").string() << "\"\n"
                          << "cache = \"" << (dir.Path() / "cache.sqlite").string() << "\"\n"
                          << "status-file = \"" << (dir.Path() / "status.json").string() << "\"\n";
    std::string output;
    REQUIRE(Run("--config " + config.string() + " --once", output, dir) == 0);
    const auto status = nlohmann::json::parse(test::ReadFile(dir.Path() / "status.json"));
    CHECK(status["state"] == "online");
    CHECK(status["snapshot_as_of"] == "2023-04-17");
    CHECK(status["version"] == WALLBOARD_VERSION);

    // A second start shows the cached snapshot before it syncs; a feed gone bad leaves it in place.
    std::ofstream(dir.Path() / "snapshot.json") << "<html>captive portal</html>";
    CHECK(Run("--config " + config.string() + " --once", output, dir) == 1);
    CHECK(output.find("showing the cached snapshot of Plymouth City Council") != std::string::npos);
    const auto after = nlohmann::json::parse(test::ReadFile(dir.Path() / "status.json"));
    CHECK(after["state"] == "stale");
    CHECK(after["snapshot_as_of"] == "2023-04-17");
    CHECK(after["last_error"].get<std::string>().find("web page") != std::string::npos);
}
