#include "core/rotation.h"

#include <catch2/catch.hpp>

using namespace wb;

TEST_CASE("the playlist advances when each page's dwell runs out", "[rotation]")
{
    Rotation rotation({{"front-door", 20}, {"permanency", 10}, {"overview", 30}}, 100.0);
    CHECK(rotation.CurrentPage() == "front-door");
    CHECK_FALSE(rotation.Update(119.9));
    CHECK(rotation.Progress(110.0) == Approx(0.5));
    CHECK(*rotation.SecondsToNext(110.0) == Approx(10.0));
    CHECK(rotation.Update(120.0));
    CHECK(rotation.CurrentPage() == "permanency");
    // A board that slept through several pages lands where the clock says, without drift.
    CHECK(rotation.Update(161.0));
    CHECK(rotation.CurrentPage() == "front-door");
    CHECK(rotation.Progress(161.0) == Approx(1.0 / 20.0));
}

TEST_CASE("a pinned page stays until unpinned", "[rotation]")
{
    Rotation rotation({{"front-door", 20}, {"permanency", 20}}, 0.0);
    rotation.Pin("permanency");
    CHECK(rotation.CurrentPage() == "permanency");
    CHECK_FALSE(rotation.Update(1000.0));
    CHECK_FALSE(rotation.SecondsToNext(1000.0));
    CHECK(rotation.Progress(1000.0) == 0.0);
    rotation.Unpin(1000.0);
    CHECK(rotation.Update(1020.0));
    CHECK(rotation.CurrentPage() == "front-door");
}

TEST_CASE("next and previous wrap and restart the dwell", "[rotation]")
{
    Rotation rotation({{"a", 20}, {"b", 20}, {"c", 20}}, 0.0);
    rotation.Previous(5.0);
    CHECK(rotation.CurrentPage() == "c");
    CHECK(*rotation.SecondsToNext(5.0) == Approx(20.0));
    rotation.Next(6.0);
    rotation.Next(6.0);
    CHECK(rotation.CurrentPage() == "b");
}

TEST_CASE("pinning a page not in the playlist shows it anyway", "[rotation]")
{
    Rotation rotation({{"a", 20}}, 0.0);
    rotation.Pin("overdue");
    CHECK(rotation.CurrentPage() == "overdue");
}

TEST_CASE("a long page's parts have ids that split back", "[rotation]")
{
    CHECK(PartPageId("early-help", 0) == "early-help");
    CHECK(PartPageId("early-help", 2) == "early-help.3");
    for (const std::string id : {"early-help", "overdue", "a_b-c"})
        for (int part = 0; part < 4; ++part)
        {
            const PagePart split = SplitPageId(PartPageId(id, part));
            CHECK(split.id == id);
            CHECK(split.part == part);
        }
    // Not a part number: the whole text is the id.
    for (const std::string id : {"team.", "team.x", "team.1", "team.0", "team.-2", "v1.2b"})
    {
        CHECK(SplitPageId(id).id == id);
        CHECK(SplitPageId(id).part == 0);
    }
}

TEST_CASE("the playlist expands to what the plan has, in parts", "[rotation]")
{
    const std::vector<std::string> available = {"front-door", "permanency", "board", "overdue"};
    const auto parts_of = [](const std::string& id) { return id == "permanency" ? 3 : 1; };

    SECTION("no playlist configured: every page, in the plan's order, at the default dwell")
    {
        const auto entries = ExpandPlaylist({}, available, 25.0, parts_of);
        std::vector<std::string> ids;
        for (const auto& e : entries)
        {
            ids.push_back(e.page_id);
            CHECK(e.dwell_s == 25.0);
        }
        CHECK(ids == std::vector<std::string>{"front-door", "permanency", "permanency.2", "permanency.3",
                                              "board", "overdue"});
    }
    SECTION("a configured playlist keeps its order and dwell; an unknown id is reported and kept in place")
    {
        std::vector<std::string> missing;
        const auto entries = ExpandPlaylist({{"overdue", 10}, {"gone", 20}, {"permanency", 40}}, available,
                                            25.0, parts_of, &missing);
        REQUIRE(entries.size() == 5);
        CHECK(entries[0].page_id == "overdue");
        CHECK(entries[0].dwell_s == 10);
        CHECK(entries[1].page_id == "gone"); // one page, which says the plan has no such dashboard
        CHECK(entries[1].dwell_s == 20);
        CHECK(entries[4].page_id == "permanency.3");
        CHECK(entries[4].dwell_s == 40);
        CHECK(missing == std::vector<std::string>{"gone"});
    }
}

TEST_CASE("a new playlist keeps the page on screen and its time", "[rotation]")
{
    Rotation rotation({{"a", 20}, {"b", 20}, {"c", 20}}, 0.0);
    rotation.Update(25.0);
    REQUIRE(rotation.CurrentPage() == "b");
    CHECK(rotation.UpcomingPage() == "c");
    rotation.Replace({{"c", 20}, {"b", 20}, {"b.2", 20}}, 30.0);
    CHECK(rotation.CurrentPage() == "b");
    CHECK(rotation.UpcomingPage() == "b.2");
    CHECK(*rotation.SecondsToNext(30.0) == Approx(10.0)); // b came on at 20
    // The page shown is gone: start again at the top.
    rotation.Replace({{"x", 20}, {"y", 20}}, 31.0);
    CHECK(rotation.CurrentPage() == "x");
    CHECK(*rotation.SecondsToNext(31.0) == Approx(20.0));
    // A pinned page stays pinned.
    rotation.Pin("y");
    rotation.Replace({{"x", 20}, {"y", 20}, {"z", 20}}, 40.0);
    CHECK(rotation.CurrentPage() == "y");
    CHECK(rotation.Pinned());
    CHECK_FALSE(rotation.Update(1000.0));
}

TEST_CASE("a page can be shown at once, and its dwell restarted where it is", "[rotation]")
{
    Rotation rotation({{"a", 20}, {"b", 20}, {"c", 20}, {"b", 20}}, 0.0);
    CHECK(rotation.Show("b", 5.0));
    CHECK(rotation.CurrentIndex() == 1);
    CHECK(*rotation.SecondsToNext(5.0) == Approx(20.0));
    // Looking on from the page shown: the second "b" comes before wrapping to the first.
    rotation.Next(6.0);
    CHECK(rotation.Show("b", 7.0));
    CHECK(rotation.CurrentIndex() == 3);
    CHECK_FALSE(rotation.Show("z", 8.0)); // not in the playlist: stays, keeps its time
    CHECK(rotation.CurrentIndex() == 3);
    CHECK(*rotation.SecondsToNext(8.0) == Approx(19.0));
    rotation.Restart(10.0);
    CHECK(rotation.CurrentIndex() == 3);
    CHECK(*rotation.SecondsToNext(10.0) == Approx(20.0));
    rotation.ShowFirst(11.0);
    CHECK(rotation.CurrentPage() == "a");
    CHECK(*rotation.SecondsToNext(11.0) == Approx(20.0));
}
