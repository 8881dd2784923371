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
