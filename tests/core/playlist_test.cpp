#include "core/playlist.h"

#include "core/model.h"
#include "test_support.h"

using namespace wb;

namespace
{

// Parts per page as a layout would find them: "long" needs three screens, the rest one.
int Parts(const std::string& id)
{
    return id == "long" ? 3 : 1;
}

std::vector<std::string> Ids(const std::vector<PlaylistEntry>& entries)
{
    std::vector<std::string> ids;
    for (const PlaylistEntry& e : entries)
        ids.push_back(e.page_id);
    return ids;
}

const std::vector<std::string> kAvailable = {"front-door", "long", "overdue"};

} // namespace

TEST_CASE("what --page names: a page, a part or a detail view", "[playlist]")
{
    CHECK(ParsePinnedPage("").page.empty());
    CHECK_FALSE(ParsePinnedPage("").detail);
    CHECK(ParsePinnedPage("front-door").page == "front-door");
    CHECK(ParsePinnedPage("front-door.1").page == "front-door"); // the first part is the page
    CHECK(ParsePinnedPage("front-door.2").page == "front-door.2");
    const PinnedPage detail = ParsePinnedPage("indicator:12");
    REQUIRE(detail.detail);
    CHECK(detail.detail->kind == ViewKind::Indicator);
    CHECK(detail.detail->id == "12");
    CHECK(detail.page.empty());
}

TEST_CASE("a plan's pages are its dashboards in order, then the overdue page", "[playlist]")
{
    Snapshot snapshot;
    snapshot.dashboards.push_back({});
    snapshot.dashboards.back().id = "b";
    snapshot.dashboards.push_back({});
    snapshot.dashboards.back().id = "a";
    CHECK(PagesOf(snapshot) == std::vector<std::string>{"b", "a", "overdue"});
}

TEST_CASE("no playlist configured: every page, each in its parts, at the default dwell", "[playlist]")
{
    const BoardPlaylist p = BuildPlaylist({}, "", kAvailable, 20, Parts);
    CHECK(Ids(p.entries) == std::vector<std::string>{"front-door", "long", "long.2", "long.3", "overdue"});
    CHECK(p.entries[0].dwell_s == 20);
    CHECK(p.missing.empty());
}

TEST_CASE("a configured playlist keeps its order and dwells, and a page the plan lacks stays in its place",
          "[playlist]")
{
    const BoardPlaylist p =
        BuildPlaylist({{"overdue", 45}, {"frnt-door", 0}, {"front-door", 0}}, "", kAvailable, 20, Parts);
    CHECK(Ids(p.entries) == std::vector<std::string>{"overdue", "frnt-door", "front-door"});
    CHECK(p.entries[0].dwell_s == 45);
    CHECK(p.entries[2].dwell_s == 20);
    CHECK(p.missing == std::vector<std::string>{"frnt-door"});
}

TEST_CASE("a pinned page is the whole playlist: its parts, whatever the configured list", "[playlist]")
{
    const std::vector<PlaylistEntry> configured = {{"front-door", 30}};
    CHECK(Ids(BuildPlaylist(configured, "long", kAvailable, 20, Parts).entries) ==
          std::vector<std::string>{"long", "long.2", "long.3"});
    // A later part pins the same page's parts; the rotation is then pinned to the part.
    CHECK(Ids(BuildPlaylist(configured, "long.2", kAvailable, 20, Parts).entries) ==
          std::vector<std::string>{"long", "long.2", "long.3"});
}

TEST_CASE("a pinned page the plan lacks is shown alone, as the page that says so", "[playlist]")
{
    const BoardPlaylist p = BuildPlaylist({}, "no-such-page.2", kAvailable, 20, Parts);
    CHECK(Ids(p.entries) == std::vector<std::string>{"no-such-page.2"});
    CHECK(p.missing == std::vector<std::string>{"no-such-page"});
}
