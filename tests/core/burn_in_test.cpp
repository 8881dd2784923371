// The burn-in orbit: within 0.5% of the screen, a new position every step, every position of the orbit
// within a day, and time spread evenly over them.
#include "core/burn_in.h"

#include "test_support.h"

#include <cstdlib>
#include <map>
#include <set>
#include <utility>

using namespace wb;

namespace
{

const std::vector<std::pair<int, int>> kScreens = {{1920, 1080}, {1280, 720}, {1080, 1920}, {3840, 2160},
                                                   {1024, 600},  {800, 480},  {320, 240}};
constexpr std::int64_t kMonday = 1776668400; // 2026-04-20 07:00 UTC, on a 10-minute boundary
constexpr int kStepsPerDay = 24 * 6;

} // namespace

TEST_CASE("over a day of 10-minute steps every shift is in whole pixels within 0.5% of the screen",
          "[burn-in]")
{
    for (const auto& [w, h] : kScreens)
    {
        INFO(w << "x" << h);
        for (int step = 0; step < kStepsPerDay; ++step)
        {
            const PixelShift s = BurnInShift(kMonday + step * 600, w, h);
            CHECK(std::abs(s.x) <= 0.005 * w);
            CHECK(std::abs(s.y) <= 0.005 * h);
            CHECK(s.y <= 0); // up only: the strip at the foot keeps its bottom row
        }
    }
}

TEST_CASE("consecutive positions differ on both axes, so no edge sits still for more than one step",
          "[burn-in]")
{
    for (const auto& [w, h] : kScreens)
    {
        INFO(w << "x" << h);
        PixelShift last = BurnInShift(kMonday - 600, w, h);
        for (int step = 0; step < kStepsPerDay; ++step)
        {
            const PixelShift s = BurnInShift(kMonday + step * 600, w, h);
            CHECK(s.x != last.x);
            CHECK(s.y != last.y);
            last = s;
        }
    }
}

TEST_CASE("within a day every position of the orbit is visited, each as often over a whole orbit",
          "[burn-in]")
{
    for (const auto& [w, h] : kScreens)
    {
        INFO(w << "x" << h);
        std::set<int> xs, ys;
        std::set<std::pair<int, int>> seen;
        for (int step = 0; step < kStepsPerDay; ++step)
        {
            const PixelShift s = BurnInShift(kMonday + step * 600, w, h);
            xs.insert(s.x);
            ys.insert(s.y);
            seen.insert({s.x, s.y});
        }
        // Every x with every y: the orbit is a grid walked whole.
        CHECK(seen.size() == xs.size() * ys.size());
        // The band an edge is spread over reaches the bound on each side: +-0.5%, floored to a pixel.
        CHECK(*xs.begin() == -(w / 200));
        CHECK(*xs.rbegin() == w / 200);
        CHECK(*ys.begin() == -(h / 200));
        CHECK(*ys.rbegin() == 0);
        CHECK(xs.size() >= 3);
        CHECK(ys.size() >= 2);

        // Over two whole orbits each position is held for exactly two steps.
        const BurnInOrbit orbit = OrbitFor(w, h);
        CHECK(static_cast<size_t>(orbit.Positions()) == seen.size());
        std::map<std::pair<int, int>, int> held;
        for (int step = 0; step < 2 * orbit.Positions(); ++step)
        {
            const PixelShift s = BurnInShift(kMonday + step * 600, w, h);
            ++held[{s.x, s.y}];
        }
        for (const auto& [position, steps] : held)
            CHECK(steps == 2);
    }
}

TEST_CASE("the orbit at 1920x1080, worked by hand", "[burn-in]")
{
    // 0.5% of 1920 is 9.6: x in -9..9 at 13 levels (1.5 px apart); of 1080 is 5.4: y in -5..0 at 6.
    const BurnInOrbit orbit = OrbitFor(1920, 1080);
    CHECK(orbit.reach_x == 9);
    CHECK(orbit.reach_y == 5);
    CHECK(orbit.Positions() == 78);
    // Steps 0, 1, 2: levels 0, 2, 4 of each axis. x: -9, -9 + 3, -9 + 6. y: -5, -5 + 2, -5 + 4.
    CHECK(ShiftAtStep(orbit, 0) == PixelShift{-9, -5});
    CHECK(ShiftAtStep(orbit, 1) == PixelShift{-6, -3});
    CHECK(ShiftAtStep(orbit, 2) == PixelShift{-3, -1});
    // x step 7 is level 11 (the odd levels coming down: 11 9 7 ...): -9 + 16.5 = 7.5, rounded away to 8.
    // y step 7 is step 1 of the next round of 6 levels (0 2 4 5 3 1): level 2, -3.
    CHECK(ShiftAtStep(orbit, 7) == PixelShift{8, -3});
    // y step 3 is level 5, the laid-out position.
    CHECK(ShiftAtStep(orbit, 3).y == 0);
    CHECK(ShiftAtStep(orbit, 78) == ShiftAtStep(orbit, 0));
    CHECK(ShiftAtStep(orbit, -1) == ShiftAtStep(orbit, 77));
}

TEST_CASE("the shift holds for 10 minutes and moves on with the minute", "[burn-in]")
{
    CHECK(SecondsToNextShift(kMonday) == 600);
    CHECK(SecondsToNextShift(kMonday + 599) == 1);
    CHECK(SecondsToNextShift(kMonday + 61) == 539);
    CHECK(BurnInShift(kMonday + 599, 1920, 1080) == BurnInShift(kMonday, 1920, 1080));
    CHECK_FALSE(BurnInShift(kMonday + 600, 1920, 1080) == BurnInShift(kMonday, 1920, 1080));
    // Before 1970 too (a fake clock): the same 10-minute steps.
    CHECK(SecondsToNextShift(-1) == 1);
    CHECK(BurnInShift(-600, 1920, 1080) == BurnInShift(-1, 1920, 1080));
}
