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
