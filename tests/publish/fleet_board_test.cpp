// The Done-when test of the fleet page: a real board process (headless) and two reporters send reports to
// `serve`; /fleet lists the three, one of them stale; Chromium headless screenshots it at phone and desktop
// widths when it is installed (into $WALLBOARD_FLEET_SHOTS when set, to be looked at).
#include "io/report.h"
#include "publish/output.h"
#include "publish/serve.h"

#include "process_support.h"
#include "test_support.h"
#include "version.h"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <stb_image.h>

#include <thread>

using namespace wb;

namespace
{

std::int64_t EpochNow()
{
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Chromium's path, or empty: from PATH (Debian's package installs /usr/bin/chromium).
std::string FindChromium()
{
    for (const char* name : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
        if (std::filesystem::exists(name))
            return name;
    return {};
}

} // namespace

TEST_CASE("the fleet page lists three reporting boards, one of them stale, and Chromium shows it",
          "[fleet][board][cli]")
{
    test::TempDir dir;
    const auto feed_dir = dir.Path() / "feed";
    REQUIRE(publish::WriteSnapshotFile(test::BuildDemo("plymouth"), feed_dir.string()).empty());
    const std::string token = "fleet-token-0123456789";
    std::ofstream(dir.Path() / "token") << token << "\n";
    publish::FeedServer server(
        {feed_dir.string(), "127.0.0.1", 0, token, (dir.Path() / "fleet.sqlite").string()});
    std::string error;
    const int port = server.Bind(error);
    REQUIRE(port > 0);
    std::thread serving([&] { server.Run(); });
    const std::string base = "http://127.0.0.1:" + std::to_string(port);

    // 1. A real board: the feed and the reports over loopback http with the token (allowed to this machine).
    test::Process board({WALLBOARD_EXE, "--headless", "--feed", base + "/snapshot.json", "--cache",
                         (dir.Path() / "cache.sqlite").string(), "--token-file",
                         (dir.Path() / "token").string(), "--report-url", base + "/report",
                         "--report-interval", "10", "--screen-id", "front-door", "--metrics-file",
                         (dir.Path() / "wallboard.prom").string()},
                        dir.Path() / "board.txt");

    // 2. Two more through the reporter the board uses: the library online, the children's centre's data two
    // hours old against its 30 minutes' stale-after.
    const auto report = [&](const std::string& screen_id, std::int64_t age_s, const std::string& page)
    {
        io::SyncStatus status;
        status.state = io::SyncState::Online;
        status.last_success = EpochNow() - age_s;
        status.view = page;
        status.version = WALLBOARD_VERSION;
        io::ReportOptions options;
        options.fetch.url = base + "/report";
        options.fetch.bearer_token = token;
        options.context = {screen_id, 1800, 300};
        io::Reporter reporter(
            options, [&] { return status; }, [](const std::string&) {});
        return reporter.ReportOnce();
    };
    CHECK(report("library", 40, "early-help") == "");
    CHECK(report("childrens-centre", 7200, "overdue") == "");

    // 3. Wait for the board's first report (it comes within ten seconds of its start).
    httplib::Client client("127.0.0.1", port);
    nlohmann::json fleet;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < give_up)
    {
        auto listed = client.Get("/fleet.json");
        REQUIRE(listed);
        fleet = nlohmann::json::parse(listed->body);
        if (fleet["screens"].size() == 3)
        {
            // The board's first report may come before its first sync: wait for one that says online.
            const bool synced = std::any_of(
                fleet["screens"].begin(), fleet["screens"].end(),
                [](const auto& s) { return s["screen_id"] == "front-door" && s["state"] == "online"; });
            if (synced)
                break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    INFO(fleet.dump(2) << "\n" << board.Output());
    REQUIRE(fleet["screens"].size() == 3);
    std::map<std::string, nlohmann::json> by_id;
    for (const auto& screen : fleet["screens"])
        by_id[screen["screen_id"]] = screen;
    CHECK(by_id["front-door"]["state"] == "online");
    CHECK(by_id["front-door"]["version"] == WALLBOARD_VERSION);
    CHECK(by_id["library"]["state"] == "online");
    CHECK(by_id["childrens-centre"]["state"] == "stale");
    CHECK(by_id["childrens-centre"]["state_words"] == "stale");
    CHECK(fleet["screens"][0]["screen_id"] == "childrens-centre"); // the worst first
    // The board's metrics file, from its sync thread.
    CHECK(test::ReadFile(dir.Path() / "wallboard.prom").find("wallboard_info{screen_id=\"front-door\"") !=
          std::string::npos);

    auto page = client.Get("/fleet");
    REQUIRE(page);
    for (const char* words : {"front-door", "library", "childrens-centre", ">stale<", ">online<"})
        CHECK(page->body.find(words) != std::string::npos);

    // 4. A real browser at phone and desktop widths.
    const std::string chromium = FindChromium();
    if (chromium.empty())
        WARN("chromium is not installed (Debian: chromium): the fleet page's screenshots were not taken");
    else
    {
        const char* keep = std::getenv("WALLBOARD_FLEET_SHOTS");
        const std::filesystem::path shots = keep ? std::filesystem::path(keep) : dir.Path();
        std::filesystem::create_directories(shots);
        for (const auto& [name, width, height] :
             {std::tuple{"fleet-phone.png", 390, 844}, std::tuple{"fleet-desktop.png", 1280, 800}})
        {
            const auto png = shots / name;
            std::filesystem::remove(png);
            test::Process browser({chromium, "--headless", "--no-sandbox", "--disable-gpu",
                                   "--hide-scrollbars", "--screenshot=" + png.string(),
                                   "--window-size=" + std::to_string(width) + "," + std::to_string(height),
                                   base + "/fleet"},
                                  dir.Path() / "chromium.txt");
            INFO(browser.Output());
            CHECK(browser.WaitExit(120) == 0);
            int w = 0, h = 0, channels = 0;
            REQUIRE(stbi_info(png.c_str(), &w, &h, &channels) == 1);
            CHECK(w == width);
            CHECK(h == height);
        }
    }

    board.Signal(SIGTERM);
    CHECK(board.WaitExit() == 0);
    server.Stop();
    serving.join();
}
