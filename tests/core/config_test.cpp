#include "core/config.h"

#include "test_support.h"

using namespace wb;

TEST_CASE("the board's config has sensible defaults", "[config]")
{
    const BoardConfig config;
    CHECK(config.refresh == 60);
    CHECK(config.backoff_cap == 600);
    CHECK(config.max_body_mb == 16);
    CHECK(config.keep_snapshots == 10);
    CHECK(config.history_months == 36);
}

TEST_CASE("TOML keys are the option names", "[config]")
{
    auto config = LoadBoardConfig("feed = \"https://feeds.example/plymouth/snapshot.json\"\n"
                                  "cache = \"/var/lib/wallboard/cache.sqlite\"\n"
                                  "refresh = 120\n"
                                  "status-file = \"/run/wallboard/status.json\"\n"
                                  "token-file = \"/etc/wallboard/token\"\n"
                                  "ca-file = \"/etc/wallboard/ca.pem\"\n",
                                  "board.toml");
    INFO(FormatProblems(config.Problems()));
    REQUIRE(config.Ok());
    CHECK(config.Value().refresh == 120);
    CHECK(config.Value().status_file == "/run/wallboard/status.json");
    CHECK(config.Value().token_file == "/etc/wallboard/token");
    CHECK(config.Value().backoff_cap == 600); // untouched keys keep their defaults
}

TEST_CASE("a wrong value names the key and its line", "[config]")
{
    auto config = LoadBoardConfig("feed = \"ftp://x\"\nrefresh = 1\nrefersh = 60\ncache = 5\n", "board.toml");
    REQUIRE_FALSE(config.Ok());
    const auto& problems = config.Problems();
    CHECK(test::HasProblem(problems, "board.toml:2: refresh", "from 5 to 86400"));
    CHECK(test::HasProblem(problems, "board.toml:3: refersh", "not a setting"));
    CHECK(test::HasProblem(problems, "board.toml:4: cache", "text"));
    CHECK(test::HasProblem(problems, "board.toml: feed", "http://, https:// or file://"));
    CHECK(test::HasProblem(LoadBoardConfig("refresh = ", "b.toml").Problems(), "b.toml:1", "not valid TOML"));
}

TEST_CASE("the screen's settings: dwell, rotation, staleness, a pinned page and the playlist", "[config]")
{
    auto config = LoadBoardConfig("dwell = 30\n"
                                  "rotation = 90\n"
                                  "stale-after = 120\n"
                                  "page = \"overdue\"\n"
                                  "[[playlist]]\n"
                                  "page = \"improvement-board\"\n"
                                  "dwell = 45\n"
                                  "[[playlist]]\n"
                                  "page = \"early-help\"\n",
                                  "board.toml");
    INFO(FormatProblems(config.Problems()));
    REQUIRE(config.Ok());
    const BoardConfig& c = config.Value();
    CHECK(c.dwell == 30);
    CHECK(c.rotation == 90);
    CHECK(c.stale_after == 120);
    CHECK(c.page == "overdue");
    REQUIRE(c.playlist.size() == 2);
    CHECK(c.playlist[0].page_id == "improvement-board");
    CHECK(c.playlist[0].dwell_s == 45);
    CHECK(c.playlist[1].page_id == "early-help");
    CHECK(c.playlist[1].dwell_s == 0); // the board's dwell, also when --dwell overrides it
    CHECK(BoardConfig().dwell == 20);
    CHECK(BoardConfig().rotation == 0);
}

TEST_CASE("a wrong screen setting names the key and its line", "[config]")
{
    auto config = LoadBoardConfig("rotation = 45\n"
                                  "dwell = 1\n"
                                  "[[playlist]]\n"
                                  "dwell = 10\n"
                                  "[[playlist]]\n"
                                  "page = \"a\"\n"
                                  "dwell = \"long\"\n"
                                  "colour = \"red\"\n",
                                  "board.toml");
    REQUIRE_FALSE(config.Ok());
    const auto& problems = config.Problems();
    INFO(FormatProblems(problems));
    CHECK(test::HasProblem(problems, "board.toml:1: rotation", "from 0 to 270 in steps of 90"));
    CHECK(test::HasProblem(problems, "board.toml:2: dwell", "from 3 to 3600"));
    CHECK(test::HasProblem(problems, "board.toml:3: playlist", "no `page"));
    CHECK(test::HasProblem(problems, "board.toml:7: playlist.dwell", "seconds"));
    CHECK(test::HasProblem(problems, "board.toml:8: playlist.colour", "not a playlist setting"));
    CHECK(test::HasProblem(LoadBoardConfig("playlist = [\"a\", \"b\"]\n", "b.toml").Problems(),
                           "b.toml:1: playlist", "[[playlist]] tables"));
    for (int degrees : {0, 90, 180, 270})
        CHECK(LoadBoardConfig("rotation = " + std::to_string(degrees) + "\n", "b.toml").Ok());
}

TEST_CASE("the packaged config loads, documents every setting, and its playlist example parses", "[config]")
{
    // config/board.toml is what the package installs as /etc/wallboard/board.toml.
    const std::string path = test::SourceDir() + "/config/board.toml";
    const std::string text = test::ReadFile(path);
    auto config = LoadBoardConfig(text, path);
    INFO(FormatProblems(config.Problems()));
    REQUIRE(config.Ok());
    CHECK(config.Value().feed.empty()); // set at installation: the board says so until it is
    CHECK(config.Value().playlist.empty());
    CHECK(config.Value().cache == "/var/lib/wallboard/cache.sqlite");  // the unit's StateDirectory
    CHECK(config.Value().status_file == "/run/wallboard/status.json"); // the unit's RuntimeDirectory
    // It documents every setting the board has, so a technician can find each one there.
    for (const IntSetting& s : kIntSettings)
        CHECK(text.find(std::string("\n") + s.name + " = ") != std::string::npos);
    for (const char* name :
         {"feed", "cache", "status-file", "token-file", "ca-file", "page", "admin-pin", "today"})
        CHECK(text.find(std::string(name) + " = ") != std::string::npos);

    // The commented examples are valid as they stand once uncommented, as the file tells a person to do.
    std::string uncommented;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
    {
        for (const char* key : {"# feed = ", "# [[playlist]]", "# page = ", "# dwell = "})
            if (line.starts_with(key))
                line.erase(0, 2);
        uncommented += line + "\n";
    }
    auto example = LoadBoardConfig(uncommented, path);
    INFO(FormatProblems(example.Problems()));
    REQUIRE(example.Ok());
    CHECK(example.Value().feed.starts_with("https://"));
    REQUIRE(example.Value().playlist.size() == 4);
    CHECK(example.Value().playlist.front().page_id == "improvement-board");
    CHECK(example.Value().playlist.front().dwell_s == 40);
}

TEST_CASE("today: a real date as YYYY-MM-DD, or unset for the calendar's", "[config]")
{
    auto config = LoadBoardConfig("today = \"2023-04-20\"\n", "b.toml");
    INFO(FormatProblems(config.Problems()));
    REQUIRE(config.Ok());
    CHECK(config.Value().today == "2023-04-20");
    CHECK(BoardConfig().today.empty());
    for (const char* bad : {"2023-02-29", "2023-04-31", "20-04-2023", "2023-04-20T00:00", ""})
    {
        INFO(bad);
        const auto problems = LoadBoardConfig(std::string("today = \"") + bad + "\"\n", "b.toml").Problems();
        if (std::string(bad).empty())
            CHECK(problems.empty()); // empty is the default: the calendar's date
        else
            CHECK(test::HasProblem(problems, "b.toml: today", "YYYY-MM-DD"));
    }
    CHECK(test::HasProblem(LoadBoardConfig("today = 2023-04-20\n", "b.toml").Problems(), "b.toml:1: today",
                           "text in quotes"));
}

TEST_CASE("touch settings: idle resume, screen size and the admin PIN", "[config]")
{
    auto config =
        LoadBoardConfig("idle-resume = 120\nscreen-diagonal = 55\nadmin-pin = \"2468\"\n", "b.toml");
    INFO(FormatProblems(config.Problems()));
    REQUIRE(config.Ok());
    CHECK(config.Value().idle_resume == 120);
    CHECK(config.Value().screen_diagonal == 55);
    CHECK(config.Value().admin_pin == "2468");
    CHECK(BoardConfig().idle_resume == 90);
    CHECK(BoardConfig().admin_pin.empty()); // no way out by touch unless configured
    for (const char* pin : {"123", "123456789", "12a4", "    "})
        CHECK(test::HasProblem(
            LoadBoardConfig(std::string("admin-pin = \"") + pin + "\"\n", "b.toml").Problems(),
            "b.toml: admin-pin", "4 to 8 digits"));
    CHECK(test::HasProblem(LoadBoardConfig("idle-resume = 1\n", "b.toml").Problems(), "b.toml:1: idle-resume",
                           "from 3 to 3600"));
}

TEST_CASE("the viewing distance: 4 m unless set, from 50 cm to 20 m", "[config]")
{
    CHECK(BoardConfig().viewing_distance == 400);
    auto config = LoadBoardConfig("viewing-distance = 650\n", "b.toml");
    INFO(FormatProblems(config.Problems()));
    REQUIRE(config.Ok());
    CHECK(config.Value().viewing_distance == 650);
    CHECK(test::HasProblem(LoadBoardConfig("viewing-distance = 40\n", "b.toml").Problems(),
                           "b.toml:1: viewing-distance", "from 50 to 2000"));
    CHECK(test::HasProblem(LoadBoardConfig("viewing-distance = 2001\n", "b.toml").Problems(),
                           "b.toml:1: viewing-distance", "from 50 to 2000"));
}

TEST_CASE("the command line wins over the config file for what it names, and only for that", "[config]")
{
    auto loaded = LoadBoardConfig("feed = \"https://feeds.example/a.json\"\nrefresh = 120\ndwell = 30\n"
                                  "page = \"front-door\"\n",
                                  "board.toml");
    REQUIRE(loaded.Ok());
    BoardConfig config = std::move(loaded).Value();
    SettingOverrides overrides;
    overrides.text["feed"] = "https://feeds.example/b.json";
    overrides.ints["dwell"] = 12;
    ApplyOverrides(config, overrides);
    CHECK(config.feed == "https://feeds.example/b.json");
    CHECK(config.dwell == 12);
    CHECK(config.refresh == 120);       // from the file: not named on the command line
    CHECK(config.page == "front-door"); // likewise
}

TEST_CASE("every text setting is an option of its own name", "[config]")
{
    BoardConfig config;
    SettingOverrides overrides;
    for (const TextSetting& s : kTextSettings)
        overrides.text[s.name] = std::string("value of ") + s.name;
    ApplyOverrides(config, overrides);
    for (const TextSetting& s : kTextSettings)
        CHECK(config.*s.field == std::string("value of ") + s.name);
    CHECK(config.status_file == "value of status-file");
}

TEST_CASE("a merged config's problems name the setting as it was given", "[config]")
{
    BoardConfig config;
    SettingOverrides none;
    auto problems = CheckBoardConfig(config, none);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == "--feed");
    CHECK(problems[0].what.find("no feed URL") != std::string::npos);

    config.feed = "ftp://feeds.example/a.json";
    config.today = "20/04/2023";
    config.admin_pin = "12";
    problems = CheckBoardConfig(config, none); // all three from the config file
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].where == "feed");
    CHECK(problems[1].where == "admin-pin");
    CHECK(problems[2].where == "today");

    SettingOverrides given;
    given.text["today"] = config.today;
    problems = CheckBoardConfig(config, given);
    REQUIRE(problems.size() == 3);
    CHECK(problems[2].where == "--today");

    config.feed = "https://feeds.example/a.json";
    config.today = "2023-04-20";
    config.admin_pin = "2468";
    CHECK(CheckBoardConfig(config, given).empty());
}

TEST_CASE("a bad feed URL is repeated in its error without the password it may hold", "[config]")
{
    const auto problems = CheckFeedUrl("ftp://board:s3cret@feeds.example/a.json", "--feed");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].what.find("s3cret") == std::string::npos);
    CHECK(problems[0].what.find("ftp://feeds.example/a.json") != std::string::npos);
}

TEST_CASE("report-url, report-interval and metrics-file are read from TOML and checked", "[config]")
{
    auto config = LoadBoardConfig("report-url = \"https://fleet.example/report\"\nreport-interval = 120\n"
                                  "metrics-file = \"/var/lib/prometheus/node-exporter/wallboard.prom\"\n",
                                  "board.toml");
    INFO(FormatProblems(config.Problems()));
    REQUIRE(config.Ok());
    CHECK(config.Value().report_url == "https://fleet.example/report");
    CHECK(config.Value().report_interval == 120);
    CHECK(config.Value().metrics_file == "/var/lib/prometheus/node-exporter/wallboard.prom");
    CHECK(BoardConfig{}.report_interval == 300);

    auto wrong = LoadBoardConfig("report-url = \"file:///tmp/r\"\nreport-interval = 5\n", "board.toml");
    REQUIRE_FALSE(wrong.Ok());
    CHECK(test::HasProblem(wrong.Problems(), "board.toml: report-url", "must start with https://"));
    CHECK(test::HasProblem(wrong.Problems(), "board.toml:2: report-interval", "from 10 to 86400"));

    BoardConfig merged;
    merged.feed = "https://feeds.example/a.json";
    merged.report_url = "ftp://fleet.example/report";
    SettingOverrides given;
    given.text["report-url"] = merged.report_url;
    const auto problems = CheckBoardConfig(merged, given);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == "--report-url");
}

TEST_CASE("burn-in-shift: on unless set, on or off, and documented in the packaged config", "[config]")
{
    CHECK(BoardConfig().burn_in_shift == "on");
    auto config = LoadBoardConfig("burn-in-shift = \"off\"\n", "b.toml");
    INFO(FormatProblems(config.Problems()));
    REQUIRE(config.Ok());
    CHECK(config.Value().burn_in_shift == "off");
    for (const char* bad : {"yes", "", "On"})
        CHECK(test::HasProblem(
            LoadBoardConfig(std::string("burn-in-shift = \"") + bad + "\"\n", "b.toml").Problems(),
            "b.toml: burn-in-shift", "\"on\" or \"off\""));
    BoardConfig merged;
    merged.feed = "https://feeds.example/a.json";
    SettingOverrides given;
    given.text["burn-in-shift"] = merged.burn_in_shift = "sometimes";
    const auto problems = CheckBoardConfig(merged, given);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == "--burn-in-shift");
    const std::string text = test::ReadFile(test::SourceDir() + "/config/board.toml");
    CHECK(text.find("\nburn-in-shift = \"on\"") != std::string::npos);
}
