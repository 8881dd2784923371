#include "core/orientation.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <utility>

using namespace wb;

namespace
{

ScreenGeometry Panel(ScreenRotation rotation)
{
    return {1920, 1080, rotation};
}

// Where a logical point lands on the 1920x1080 panel, as a pair so Catch prints it on failure.
std::pair<float, float> Physical(ScreenRotation rotation, float x, float y)
{
    const Point p = ToPhysical(Panel(rotation), {x, y});
    return {p.x, p.y};
}

std::pair<float, float> Logical(ScreenRotation rotation, float x, float y)
{
    const Point p = ToLogical(Panel(rotation), {x, y});
    return {p.x, p.y};
}

using P = std::pair<float, float>;

} // namespace

TEST_CASE("degrees become a rotation only at the four right angles", "[orientation]")
{
    CHECK(RotationFromDegrees(0) == ScreenRotation::R0);
    CHECK(RotationFromDegrees(90) == ScreenRotation::R90);
    CHECK(RotationFromDegrees(180) == ScreenRotation::R180);
    CHECK(RotationFromDegrees(270) == ScreenRotation::R270);
    CHECK_FALSE(RotationFromDegrees(45));
    CHECK_FALSE(RotationFromDegrees(-90));
    CHECK_FALSE(RotationFromDegrees(360));
    CHECK_FALSE(RotationFromDegrees(1));
}

TEST_CASE("a panel on its side shows a page with width and height swapped", "[orientation]")
{
    CHECK(Panel(ScreenRotation::R0).LogicalWidth() == 1920);
    CHECK(Panel(ScreenRotation::R0).LogicalHeight() == 1080);
    CHECK(Panel(ScreenRotation::R90).LogicalWidth() == 1080);
    CHECK(Panel(ScreenRotation::R90).LogicalHeight() == 1920);
    CHECK(Panel(ScreenRotation::R180).LogicalWidth() == 1920);
    CHECK(Panel(ScreenRotation::R180).LogicalHeight() == 1080);
    CHECK(Panel(ScreenRotation::R270).LogicalWidth() == 1080);
    CHECK(Panel(ScreenRotation::R270).LogicalHeight() == 1920);
}

TEST_CASE("the page's corners land on the panel's corners", "[orientation]")
{
    SECTION("0: unchanged")
    {
        CHECK(Physical(ScreenRotation::R0, 0, 0) == P{0, 0});
        CHECK(Physical(ScreenRotation::R0, 1920, 0) == P{1920, 0});
        CHECK(Physical(ScreenRotation::R0, 0, 1080) == P{0, 1080});
        CHECK(Physical(ScreenRotation::R0, 1920, 1080) == P{1920, 1080});
    }
    SECTION("90 clockwise: the page's top runs down the panel's right edge")
    {
        CHECK(Physical(ScreenRotation::R90, 0, 0) == P{1920, 0});
        CHECK(Physical(ScreenRotation::R90, 1080, 0) == P{1920, 1080});
        CHECK(Physical(ScreenRotation::R90, 0, 1920) == P{0, 0});
        CHECK(Physical(ScreenRotation::R90, 1080, 1920) == P{0, 1080});
    }
    SECTION("180: upside down")
    {
        CHECK(Physical(ScreenRotation::R180, 0, 0) == P{1920, 1080});
        CHECK(Physical(ScreenRotation::R180, 1920, 0) == P{0, 1080});
        CHECK(Physical(ScreenRotation::R180, 0, 1080) == P{1920, 0});
        CHECK(Physical(ScreenRotation::R180, 1920, 1080) == P{0, 0});
    }
    SECTION("270 clockwise: the page's top runs up the panel's left edge")
    {
        CHECK(Physical(ScreenRotation::R270, 0, 0) == P{0, 1080});
        CHECK(Physical(ScreenRotation::R270, 1080, 0) == P{0, 0});
        CHECK(Physical(ScreenRotation::R270, 0, 1920) == P{1920, 1080});
        CHECK(Physical(ScreenRotation::R270, 1080, 1920) == P{1920, 0});
    }
}

TEST_CASE("a point off the diagonals tells x from y", "[orientation]")
{
    // A point near the page's top-left, 100 across and 10 down.
    CHECK(Physical(ScreenRotation::R90, 100, 10) == P{1910, 100});
    CHECK(Physical(ScreenRotation::R180, 100, 10) == P{1820, 1070});
    CHECK(Physical(ScreenRotation::R270, 100, 10) == P{10, 980});
    // A touch at the panel's top-right corner area lands near the page's top-left with R90.
    CHECK(Logical(ScreenRotation::R90, 1910, 100) == P{100, 10});
    CHECK(Logical(ScreenRotation::R270, 10, 980) == P{100, 10});
    CHECK(Logical(ScreenRotation::R0, 10, 980) == P{10, 980});
}

TEST_CASE("ToLogical undoes ToPhysical, and the reverse, everywhere", "[orientation]")
{
    const ScreenRotation rotations[] = {ScreenRotation::R0, ScreenRotation::R90, ScreenRotation::R180,
                                        ScreenRotation::R270};
    const ScreenGeometry panels[] = {{1920, 1080}, {1080, 1920}, {800, 480}, {3840, 2160}};
    for (ScreenGeometry geometry : panels)
    {
        for (ScreenRotation rotation : rotations)
        {
            geometry.rotation = rotation;
            INFO(geometry.physical_w << "x" << geometry.physical_h << " at " << static_cast<int>(rotation));
            const float lw = static_cast<float>(geometry.LogicalWidth());
            const float lh = static_cast<float>(geometry.LogicalHeight());
            for (int i = 0; i <= 16; ++i)
            {
                for (int j = 0; j <= 16; ++j)
                {
                    // Uneven steps so that fractions are covered, not only whole pixels.
                    const Point logical{
                        lw * static_cast<float>(i) / 16.0f + 0.25f * static_cast<float>(j % 3),
                        lh * static_cast<float>(j) / 16.0f + 0.5f * static_cast<float>(i % 2)};
                    const Point physical = ToPhysical(geometry, logical);
                    // What the page shows is on the panel.
                    CHECK(physical.x >= -1.0f);
                    CHECK(physical.x <= static_cast<float>(geometry.physical_w) + 1.0f);
                    CHECK(physical.y >= -1.0f);
                    CHECK(physical.y <= static_cast<float>(geometry.physical_h) + 1.0f);
                    const Point back = ToLogical(geometry, physical);
                    CHECK(back.x == Approx(logical.x).margin(1e-3));
                    CHECK(back.y == Approx(logical.y).margin(1e-3));
                    // And from the panel's side: a touch at the same spot of the panel.
                    const Point touch{
                        static_cast<float>(geometry.physical_w) * static_cast<float>(i) / 16.0f,
                        static_cast<float>(geometry.physical_h) * static_cast<float>(j) / 16.0f + 0.75f};
                    const Point there = ToPhysical(geometry, ToLogical(geometry, touch));
                    CHECK(there.x == Approx(touch.x).margin(1e-3));
                    CHECK(there.y == Approx(touch.y).margin(1e-3));
                }
            }
        }
    }
}

TEST_CASE("pixel centres map one to one onto pixel centres, as screenshots need", "[orientation]")
{
    for (int degrees : {0, 90, 180, 270})
    {
        INFO("rotation " << degrees);
        const ScreenGeometry geometry{5, 3, *RotationFromDegrees(degrees)};
        std::set<std::pair<int, int>> seen;
        for (int y = 0; y < geometry.LogicalHeight(); ++y)
        {
            for (int x = 0; x < geometry.LogicalWidth(); ++x)
            {
                const Point p =
                    ToPhysical(geometry, {static_cast<float>(x) + 0.5f, static_cast<float>(y) + 0.5f});
                const int px = static_cast<int>(std::floor(p.x));
                const int py = static_cast<int>(std::floor(p.y));
                CHECK(p.x - static_cast<float>(px) == 0.5f);
                CHECK(p.y - static_cast<float>(py) == 0.5f);
                CHECK(px >= 0);
                CHECK(px < 5);
                CHECK(py >= 0);
                CHECK(py < 3);
                seen.insert({px, py});
            }
        }
        CHECK(seen.size() == 15);
    }
}
