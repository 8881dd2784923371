// The fleet page: the state rules, reports checked and kept, and `serve` accepting and refusing them.
#include "publish/fleet.h"
#include "publish/serve.h"

#include "test_support.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <thread>

using namespace wb;
using namespace wb::publish;

namespace
{

constexpr std::int64_t kNow = 1'800'000'000;

ScreenReport Report(const std::string& state, std::optional<std::int64_t> age, std::int64_t seconds_ago)
{
    ScreenReport report;
    report.screen_id = "front-door";
    report.state = state;
    report.data_age_s = age;
    report.stale_after_s = 1800;
    report.report_interval_s = 300;
    report.received_at = kNow - seconds_ago;
    return report;
}

std::string GoodReport(const std::string& screen_id = "front-door")
{
    return nlohmann::json{{"screen_id", screen_id},
                          {"state", "online"},
                          {"data_age_seconds", 42},
                          {"page", "early-help"},
                          {"version", "1.0"},
                          {"last_error", ""},
                          {"stale_after_seconds", 1800},
                          {"report_interval_seconds", 300}}
        .dump();
}

struct FleetServer
{
    test::TempDir dir;
    FeedServer server;
    int port = 0;
    std::thread thread;

    explicit FleetServer(bool reports = true)
        : server({dir.Path().string(), "127.0.0.1", 0, reports ? "fleet-token" : "",
                  reports ? (dir.Path() / "fleet.sqlite").string() : "", 4096})
    {
        std::string error;
        port = server.Bind(error);
        INFO(error);
        REQUIRE(port > 0);
        thread = std::thread([this] { server.Run(); });
    }
    ~FleetServer()
    {
        server.Stop();
        thread.join();
    }
};

} // namespace

TEST_CASE("a screen's state follows the rules in order", "[fleet]")
{
    // Hand-worked: interval 300 s, so unheard from past 900 s; stale-after 1800 s.
    CHECK(ClassifyScreen(Report("online", 42, 10), kNow) == ScreenState::Online);
    CHECK(ClassifyScreen(Report("online", 42, 900), kNow) == ScreenState::Online);
    CHECK(ClassifyScreen(Report("online", 42, 901), kNow) == ScreenState::NotHeardFrom);
    CHECK(ClassifyScreen(Report("offline", 42, 901), kNow) == ScreenState::NotHeardFrom);
    CHECK(ClassifyScreen(Report("online", 1800, 10), kNow) == ScreenState::Online);
    CHECK(ClassifyScreen(Report("online", 1801, 10), kNow) == ScreenState::Stale);
    CHECK(ClassifyScreen(Report("stale", 5, 10), kNow) == ScreenState::Stale);
    CHECK(ClassifyScreen(Report("offline", 5, 10), kNow) == ScreenState::Offline);
    CHECK(ClassifyScreen(Report("offline", 99999, 10), kNow) == ScreenState::Offline);
    CHECK(ClassifyScreen(Report("off-hours", 99999, 10), kNow) == ScreenState::OffHours);
    CHECK(ClassifyScreen(Report("online", std::nullopt, 10), kNow) == ScreenState::Online);
    // A board reporting each minute is unheard from after three minutes.
    ScreenReport often = Report("online", 1, 181);
    often.report_interval_s = 60;
    CHECK(ClassifyScreen(often, kNow) == ScreenState::NotHeardFrom);
    CHECK(std::string(StateWords(ScreenState::NotHeardFrom)) == "not heard from");
    CHECK(std::string(StateId(ScreenState::OffHours)) == "off-hours");
}

TEST_CASE("a report is checked field by field and refused with the field named", "[fleet]")
{
    const auto good = ParseReport(GoodReport(), kNow);
    REQUIRE(good.Ok());
    CHECK(good.Value().screen_id == "front-door");
    CHECK(good.Value().data_age_s == 42);
    CHECK(good.Value().page == "early-help");
    CHECK(good.Value().received_at == kNow);

    const auto refused = [](const std::string& body) -> std::string
    {
        const auto result = ParseReport(body, kNow);
        return result.Ok() ? "" : result.Problems().front().where + ": " + result.Problems().front().what;
    };
    CHECK(refused("not json") == ": the report is not a JSON object");
    CHECK(refused("[1, 2]") == ": the report is not a JSON object");
    CHECK(refused(R"({"state": "online"})").starts_with("screen_id:"));
    CHECK(refused(R"({"screen_id": "", "state": "online"})").starts_with("screen_id:"));
    CHECK(refused(R"({"screen_id": "a\nb", "state": "online"})").starts_with("screen_id:"));
    CHECK(refused(R"({"screen_id": ")" + std::string(101, 'x') + R"(", "state": "online"})")
              .starts_with("screen_id:"));
    CHECK(refused(R"({"screen_id": "a", "state": "asleep"})").starts_with("state:"));
    CHECK(refused(R"({"screen_id": "a", "state": "online", "data_age_seconds": "old"})")
              .starts_with("data_age_seconds:"));
    CHECK(refused(R"({"screen_id": "a", "state": "online", "page": 3})").starts_with("page:"));
    CHECK(refused(R"({"screen_id": "a", "state": "online", "report_interval_seconds": 1})")
              .starts_with("report_interval_seconds:"));
    CHECK(refused(R"({"screen_id": "a", "state": "off-hours", "data_age_seconds": null})").empty());
}

TEST_CASE("the fleet page escapes all a board sent and shows every state in words", "[fleet]")
{
    std::vector<ScreenReport> screens = {Report("online", 42, 10), Report("online", 4000, 10),
                                         Report("offline", 42, 10), Report("off-hours", 42, 10),
                                         Report("online", 42, 5000)};
    for (size_t i = 0; i < screens.size(); ++i)
        screens[i].screen_id = "room-" + std::to_string(i);
    screens[0].screen_id = "<script>alert(1)</script>";
    screens[0].page = "a&b\"c";
    screens[2].last_error = "<img src=x>";
    const std::string html = FleetHtml(screens, kNow, 30);
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("a&amp;b&quot;c") != std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find(R"(<meta http-equiv="refresh" content="30">)") != std::string::npos);
    CHECK(html.find(R"(<meta name="viewport" content="width=device-width, initial-scale=1">)") !=
          std::string::npos);
    for (const char* words : {">online<", ">stale<", ">offline<", ">off hours<", ">not heard from<"})
        CHECK(html.find(words) != std::string::npos);
    CHECK(html.find("5 screens: 1 online, 1 stale, 1 offline, 1 off hours, 1 not heard from") !=
          std::string::npos);
    // Worst first: the unheard-from room before the online one.
    CHECK(html.find("room-4") < html.find("&lt;script&gt;"));

    const auto json = nlohmann::json::parse(FleetJson(screens, kNow));
    REQUIRE(json["screens"].size() == 5);
    CHECK(json["screens"][0]["screen_id"] == "room-4");
    CHECK(json["screens"][0]["state"] == "not-heard-from");
    CHECK(json["screens"][0]["last_seen_seconds_ago"] == 5000);
    CHECK(json["screens"][4]["screen_id"] == "<script>alert(1)</script>"); // JSON carries it as it is
}

TEST_CASE("the fleet store keeps the latest report per screen", "[fleet]")
{
    test::TempDir dir;
    const std::string path = (dir.Path() / "fleet.sqlite").string();
    {
        auto store = FleetStore::Open(path);
        REQUIRE(store.Ok());
        ScreenReport a = Report("online", 1, 0), b = Report("offline", 2, 0);
        b.screen_id = "library";
        CHECK(store.Value()->Save(a).empty());
        CHECK(store.Value()->Save(b).empty());
        a.state = "stale";
        a.received_at += 60;
        CHECK(store.Value()->Save(a).empty());
    }
    auto store = FleetStore::Open(path); // and it is still there after a restart
    REQUIRE(store.Ok());
    const auto all = store.Value()->All();
    REQUIRE(all.size() == 2);
    CHECK(all[0].screen_id == "front-door");
    CHECK(all[0].state == "stale");
    CHECK(all[0].received_at == kNow + 60);
    CHECK(all[1].screen_id == "library");

    std::ofstream(dir.Path() / "not-a-db") << std::string(4096, 'x');
    CHECK_FALSE(FleetStore::Open((dir.Path() / "not-a-db").string()).Ok());
}

TEST_CASE("serve takes a report only with its token, within its size, and only when it is valid",
          "[fleet][serve][http]")
{
    FleetServer fleet;
    httplib::Client client("127.0.0.1", fleet.port);
    const httplib::Headers token = {{"Authorization", "Bearer fleet-token"}};

    auto no_token = client.Post("/report", GoodReport(), "application/json");
    REQUIRE(no_token);
    CHECK(no_token->status == 401);
    auto wrong =
        client.Post("/report", {{"Authorization", "Bearer fleet-tokeN"}}, GoodReport(), "application/json");
    REQUIRE(wrong);
    CHECK(wrong->status == 401);
    auto longer = client.Post("/report", {{"Authorization", "Bearer fleet-token-and-more"}}, GoodReport(),
                              "application/json");
    REQUIRE(longer);
    CHECK(longer->status == 401);
    auto bad = client.Post("/report", token, "{\"screen_id\": \"x\"}", "application/json");
    REQUIRE(bad);
    CHECK(bad->status == 400);
    CHECK(bad->body.find("state:") != std::string::npos);
    auto garbage = client.Post("/report", token, "\x01\x02 not json", "application/json");
    REQUIRE(garbage);
    CHECK(garbage->status == 400);
    auto huge = client.Post("/report", token, std::string(5000, ' ') + GoodReport(), "application/json");
    REQUIRE(huge);
    CHECK(huge->status == 413);
    // Nothing refused was kept.
    auto empty = client.Get("/fleet.json");
    REQUIRE(empty);
    CHECK(nlohmann::json::parse(empty->body)["screens"].empty());

    auto ok = client.Post("/report", token, GoodReport(), "application/json");
    REQUIRE(ok);
    CHECK(ok->status == 204);
    auto listed = client.Get("/fleet.json");
    REQUIRE(listed);
    CHECK(listed->get_header_value("Cache-Control") == "no-store");
    const auto doc = nlohmann::json::parse(listed->body);
    REQUIRE(doc["screens"].size() == 1);
    CHECK(doc["screens"][0]["screen_id"] == "front-door");
    CHECK(doc["screens"][0]["state"] == "online");
    auto page = client.Get("/fleet");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(page->body.find("front-door") != std::string::npos);
}

TEST_CASE("serve without reports answers 404 to them and to the fleet page", "[fleet][serve][http]")
{
    FleetServer plain(false);
    httplib::Client client("127.0.0.1", plain.port);
    auto report = client.Post("/report", {{"Authorization", "Bearer "}}, GoodReport(), "application/json");
    REQUIRE(report);
    CHECK(report->status == 404);
    CHECK(report->body.find("--report-token-file") != std::string::npos);
    auto page = client.Get("/fleet");
    REQUIRE(page);
    CHECK(page->status == 404);
}

TEST_CASE("serve refuses a token without a fleet database", "[fleet][serve]")
{
    test::TempDir dir;
    FeedServer server({dir.Path().string(), "127.0.0.1", 0, "token", ""});
    std::string error;
    CHECK(server.Bind(error) == -1);
    CHECK(error.find("go together") != std::string::npos);
}
