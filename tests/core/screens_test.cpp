// Screen profiles: screens.toml checked against a plan, screens.json read back, and the order a board's
// settings are merged in (core/screens.h). Expected values are written out by hand.
#include "core/screens.h"

#include "core/url.h"
#include "test_support.h"

#include <nlohmann/json.hpp>

using namespace wb;

namespace
{

const Snapshot& Plymouth()
{
    static const Snapshot snapshot = test::BuildDemo("plymouth");
    return snapshot;
}

std::vector<Problem> BuildProblems(const std::string& toml)
{
    return BuildScreensJson(toml, "screens.toml", Plymouth()).Problems();
}

} // namespace

TEST_CASE("the demo screens.toml builds a screens.json with its format, plan and profiles", "[screens]")
{
    const auto built = BuildScreensJson(test::ReadFile(test::DemoDir("plymouth") / "screens.toml"),
                                        "screens.toml", Plymouth());
    INFO(FormatProblems(built.Problems()));
    REQUIRE(built.Ok());
    const auto doc = nlohmann::json::parse(built.Value());
    CHECK(doc["format"] == "wallboard.screens/1");
    CHECK(doc["plan"] == "plymouth-2023");
    CHECK(doc["default"]["dwell"] == 20);
    CHECK(doc["default"]["playlist"][0]["page"] == "improvement-board");
    CHECK(doc["screens"]["front-door"]["viewing-distance"] == 500);
    CHECK(doc["screens"]["front-door"]["playlist"].size() == 3);
    CHECK(doc["screens"]["meeting-room"]["page"] == "improvement-board");

    // And a board reads back what was written.
    const auto parsed = ParseScreensJson(built.Value());
    INFO(FormatProblems(parsed.Problems()));
    REQUIRE(parsed.Ok());
    const ScreenProfiles& profiles = parsed.Value();
    CHECK(profiles.plan_id == "plymouth-2023");
    CHECK(profiles.fallback.keys == std::set<std::string>{"dwell", "playlist"});
    const ScreenProfile& front = profiles.screens.at("front-door");
    CHECK(front.keys == std::set<std::string>{"dwell", "viewing-distance", "playlist", "office-hours"});
    CHECK(front.settings.viewing_distance == 500);
    // Office hours travel through screens.json as text and read back as the TOML did.
    CHECK(front.settings.office_hours.configured);
    CHECK(front.settings.office_hours.days[0].on == 7 * 60 + 30); // Monday 07:30
    CHECK(front.settings.office_hours.days[4].off == 18 * 60 + 30);
    CHECK_FALSE(front.settings.office_hours.days[5].Open()); // Saturday
    CHECK(front.settings.office_hours.closed_days.size() == 4);
    CHECK_FALSE(profiles.fallback.settings.office_hours.configured);
    REQUIRE(front.settings.playlist.size() == 3);
    CHECK(front.settings.playlist[0].page_id == "front-door");
    CHECK(front.settings.playlist[0].dwell_s == 45.0);
    CHECK(front.settings.playlist[1].dwell_s == 0.0); // the profile's `dwell`
    CHECK(profiles.screens.at("meeting-room").settings.idle_resume == 300);
}

TEST_CASE("screens.toml pages the plan lacks are refused with file and line", "[screens]")
{
    const auto problems = BuildProblems("[default]\n"
                                        "dwell = 30\n"
                                        "[[default.playlist]]\n"
                                        "page = \"front-dor\"\n"
                                        "[screens.a]\n"
                                        "page = \"indicator:999\"\n"
                                        "[screens.b]\n"
                                        "page = \"action:no-such\"\n"
                                        "[[screens.b.playlist]]\n"
                                        "page = \"indicator:1\"\n");
    CHECK(problems.size() == 4);
    CHECK(test::HasProblem(problems, "screens.toml:4: default.playlist.page", "no page \"front-dor\""));
    CHECK(test::HasProblem(problems, "screens.toml:6: screens.a.page", "no indicator \"999\""));
    CHECK(test::HasProblem(problems, "screens.toml:8: screens.b.page", "no action \"no-such\""));
    CHECK(test::HasProblem(problems, "screens.toml:10: screens.b.playlist.page", "not detail views"));
}

TEST_CASE("pages the plan has are accepted: parts, overdue, a detail view to hold", "[screens]")
{
    const auto built = BuildScreensJson("[screens.x]\npage = \"front-door.2\"\n"
                                        "[screens.y]\npage = \"indicator:1\"\n"
                                        "[[screens.y.playlist]]\npage = \"overdue\"\n"
                                        "[[screens.y.playlist]]\npage = \"care-leavers.3\"\n",
                                        "screens.toml", Plymouth());
    INFO(FormatProblems(built.Problems()));
    CHECK(built.Ok());
}

TEST_CASE("screens.toml: unknown keys, a board's own keys, wrong types and broken TOML are refused",
          "[screens]")
{
    CHECK(test::HasProblem(BuildProblems("[default]\ndwel = 30\n"), "screens.toml:2: default.dwel",
                           "not a setting"));
    CHECK(test::HasProblem(BuildProblems("[screens.a]\nfeed = \"http://x/s.json\"\n"),
                           "screens.toml:2: screens.a.feed", "the board's own setting"));
    CHECK(test::HasProblem(BuildProblems("[screens.a]\nrotation = 90\n"),
                           "screens.toml:2: screens.a.rotation", "the board's own setting"));
    CHECK(test::HasProblem(BuildProblems("[screens.a]\ndwell = \"long\"\n"),
                           "screens.toml:2: screens.a.dwell", "3 to 3600"));
    CHECK(test::HasProblem(BuildProblems("[screens.a]\ntoday = \"2023-02-30\"\n"),
                           "screens.toml:2: screens.a.today", "YYYY-MM-DD"));
    CHECK(test::HasProblem(BuildProblems("dwell = 30\n"), "screens.toml:1: dwell", "[default]"));
    CHECK(test::HasProblem(BuildProblems("[default]\ndwell = \n"), "screens.toml:2", "not valid TOML"));
    CHECK(
        test::HasProblem(BuildProblems("screens = 3\n"), "screens.toml:1: screens", "one table per screen"));
}

TEST_CASE("screens.json: a newer major format, bad JSON and bad settings are refused", "[screens]")
{
    CHECK(test::HasProblem(ParseScreensJson("{\"format\": \"wallboard.screens/2\"}").Problems(),
                           "screens.json: format", "wallboard.screens/1"));
    CHECK(ParseScreensJson("{\"format\": \"wallboard.screens/1.3\", \"later\": true}").Ok());
    CHECK(test::HasProblem(ParseScreensJson("{\"format\": ").Problems(), "screens.json", "not valid JSON"));
    CHECK(test::HasProblem(ParseScreensJson("[1]").Problems(), "screens.json", "no \"format\""));
    const std::string head = "{\"format\": \"wallboard.screens/1\", \"screens\": {\"a\": ";
    CHECK(test::HasProblem(ParseScreensJson(head + "{\"dwell\": 1.5}}}").Problems(),
                           "screens.json: screens.a.dwell", "3 to 3600"));
    CHECK(test::HasProblem(ParseScreensJson(head + "{\"dwell\": null}}}").Problems(),
                           "screens.json: screens.a.dwell", "3 to 3600"));
    CHECK(test::HasProblem(ParseScreensJson(head + "{\"cache\": \"/tmp/x\"}}}").Problems(),
                           "screens.json: screens.a.cache", "the board's own"));
    CHECK(test::HasProblem(ParseScreensJson(head + "{\"playlist\": [{\"page\": 3}]}}}").Problems(),
                           "screens.json: screens.a.playlist.page", "page id"));
    CHECK(test::HasProblem(ParseScreensJson(head + "7}}").Problems(), "screens.json: screens.a", "object"));
}

TEST_CASE("a screen uses its own profile, else the default one and says so", "[screens]")
{
    ScreenProfiles profiles;
    profiles.screens["front-door"] = {};
    CHECK(ChooseProfile(nullptr, "front-door").name.empty());
    const ChosenProfile own = ChooseProfile(&profiles, "front-door");
    CHECK(own.name == "front-door");
    CHECK(own.note.empty());
    CHECK(own.profile == &profiles.screens.at("front-door"));
    const ChosenProfile other = ChooseProfile(&profiles, "kitchen");
    CHECK(other.name == "default");
    CHECK(other.note == "screen id kitchen is not in screens.json");
    CHECK(other.profile == &profiles.fallback);
}

TEST_CASE("effective settings: defaults, then the profile, then board.toml and the command line", "[screens]")
{
    ScreenProfiles profiles;
    profiles.fallback.settings.dwell = 50;
    profiles.fallback.keys = {"dwell"};
    ScreenProfile& front = profiles.screens["front-door"];
    front.settings.dwell = 40;
    front.settings.idle_resume = 200;
    front.settings.stale_after = 90;
    front.settings.page = "overdue";
    front.settings.playlist = {{"front-door", 45.0}};
    front.settings.feed = "http://elsewhere/s.json"; // not among its keys: never applied
    front.settings.office_hours.configured = true;
    front.settings.office_hours.days[0] = {7 * 60 + 30, 18 * 60};
    front.keys = {"dwell", "idle-resume", "stale-after", "page", "playlist", "office-hours"};

    LocalSettings local;
    local.config.feed = "http://feed/s.json";
    local.config.screen_id = "front-door";
    local.config.idle_resume = 60; // set in board.toml
    local.config.stale_after = 15; // set on the command line
    local.keys = {"feed", "idle-resume", "stale-after"};

    const BoardConfig config = EffectiveConfig(local, &profiles);
    CHECK(config.dwell == 40);       // the profile over the default 20 (the [default] profile is not used)
    CHECK(config.idle_resume == 60); // board.toml over the profile
    CHECK(config.stale_after == 15); // the command line over the profile
    CHECK(config.page == "overdue");
    REQUIRE(config.playlist.size() == 1);
    CHECK(config.playlist[0].page_id == "front-door");
    CHECK(config.feed == "http://feed/s.json");
    CHECK(config.viewing_distance == 400); // set nowhere: the default
    CHECK(config.office_hours == front.settings.office_hours);

    local.config.screen_id = "kitchen"; // not listed: the default profile
    CHECK(EffectiveConfig(local, &profiles).dwell == 50);
    CHECK(EffectiveConfig(local, &profiles).playlist.empty());
    CHECK_FALSE(EffectiveConfig(local, &profiles).office_hours.configured);
    CHECK(EffectiveConfig(local, nullptr).dwell == 20); // none published: the board's own
}

TEST_CASE("the board's own config records which keys its file set", "[screens][config]")
{
    std::set<std::string> keys;
    const auto loaded =
        LoadBoardConfig("dwell = 30\n[[playlist]]\npage = \"overdue\"\n", "b.toml", {}, &keys);
    REQUIRE(loaded.Ok());
    CHECK(keys == std::set<std::string>{"dwell", "playlist"});
    CHECK(LoadBoardConfig("screen-id = \"front-door\"\n", "b.toml").Value().screen_id == "front-door");
}

TEST_CASE("screens.json is found beside the snapshot", "[screens][url]")
{
    CHECK(SiblingUrl("https://feeds.example.gov.uk/plymouth/snapshot.json", "screens.json") ==
          "https://feeds.example.gov.uk/plymouth/screens.json");
    CHECK(SiblingUrl("http://127.0.0.1:8080/snapshot.json?v=3#x", "screens.json") ==
          "http://127.0.0.1:8080/screens.json");
    CHECK(SiblingUrl("file:///var/feed/snapshot.json", "screens.json") == "file:///var/feed/screens.json");
    CHECK(SiblingUrl("https://user:p@ss@host/a/b/feed", "screens.json") ==
          "https://user:p@ss@host/a/b/screens.json");
    CHECK(SiblingUrl("https://host", "screens.json") == "https://host/screens.json");
    CHECK(SiblingUrl("snapshot.json", "screens.json").empty());
}
