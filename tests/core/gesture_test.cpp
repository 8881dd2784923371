// Touch gestures from synthetic 60 Hz sample streams, as GLFW's callbacks would report them: each
// threshold from both sides, on a 10" panel and a 65" screen, with the panel as made and turned 90°.
#include "core/gesture.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

using namespace wb;

namespace
{

constexpr double kFrame = 1.0 / 60.0;

struct Screen
{
    const char* name;
    int width_px, height_px; // native: landscape
    float diagonal_in;
};

enum class Mount
{
    Landscape, // as the panel was made
    Portrait,  // a portrait page on a landscape panel, the image turned 90° clockwise (ScreenRotation::R90)
};

struct Setup
{
    Screen screen;
    Mount mount;

    float PxPerMm() const
    {
        return PixelsPerMmFromDiagonal(screen.width_px, screen.height_px, screen.diagonal_in);
    }
    GestureConfig Config() const
    {
        GestureConfig config;
        config.px_per_mm = PxPerMm();
        return config;
    }
    std::string Name() const
    {
        return std::string(screen.name) + (mount == Mount::Portrait ? ", turned 90°" : ", landscape");
    }
};

// The ends of what boards drive: about 5.9 and 2.7 px/mm.
const Screen kPanel{"10-inch 1280x800 panel", 1280, 800, 10.0f};
const Screen kScreen{"65-inch 3840x2160 screen", 3840, 2160, 65.0f};

std::vector<Setup> AllSetups()
{
    return {{kPanel, Mount::Landscape},
            {kPanel, Mount::Portrait},
            {kScreen, Mount::Landscape},
            {kScreen, Mount::Portrait}};
}

// What the orientation module does before samples reach the recogniser: panel pixels to page pixels.
// With the image turned 90° clockwise, page x runs down the panel and page y runs from the panel's
// right edge to its left: a horizontal swipe on the page is a vertical motion on the panel.
PointerSample PanelToPage(const Setup& setup, double t, float panel_x, float panel_y, bool down)
{
    if (setup.mount == Mount::Landscape)
        return {t, panel_x, panel_y, down};
    return {t, panel_y, static_cast<float>(setup.screen.width_px) - panel_x, down};
}

// A finger pressed at the panel's centre, moving (dx, dy) mm across the panel at a steady speed for
// `move_s`, then still for `hold_s` (no samples: GLFW reports nothing), then lifted; mapped to the page.
std::vector<PointerSample> PanelTouch(const Setup& setup, float panel_dx_mm, float panel_dy_mm, double move_s,
                                      double hold_s, double t0 = 1.0)
{
    const float ppm = setup.PxPerMm();
    const float x0 = static_cast<float>(setup.screen.width_px) / 2;
    const float y0 = static_cast<float>(setup.screen.height_px) / 2;
    std::vector<PointerSample> samples{PanelToPage(setup, t0, x0, y0, true)};
    float x = x0, y = y0;
    for (int i = 1; move_s > 0 && samples.back().t < t0 + move_s; ++i)
    {
        const double t = t0 + std::min(i * kFrame, move_s);
        const float f = static_cast<float>((t - t0) / move_s);
        x = x0 + f * panel_dx_mm * ppm;
        y = y0 + f * panel_dy_mm * ppm;
        samples.push_back(PanelToPage(setup, t, x, y, true));
    }
    samples.push_back(PanelToPage(setup, t0 + move_s + hold_s, x, y, false));
    return samples;
}

struct Stroke
{
    float dx_mm = 0, dy_mm = 0; // as the person sees the page: right and down are positive
    double move_s = 0.2;
    double hold_s = 0;
};

// The touch a person makes to draw `stroke` on the page, whichever way the panel is mounted.
std::vector<PointerSample> Touch(const Setup& setup, const Stroke& stroke)
{
    if (setup.mount == Mount::Landscape)
        return PanelTouch(setup, stroke.dx_mm, stroke.dy_mm, stroke.move_s, stroke.hold_s);
    return PanelTouch(setup, -stroke.dy_mm, stroke.dx_mm, stroke.move_s, stroke.hold_s);
}

struct Seen
{
    double t;
    bool from_tick; // momentum and long presses come from Tick; the rest from Feed
    Gesture gesture;
};

struct Played
{
    std::vector<Seen> seen;
    double lifted_t = 0;           // the last sample's time
    std::optional<double> idle_at; // the first frame after the lift at which Active() was false

    int Count(GestureKind kind) const
    {
        return static_cast<int>(
            std::count_if(seen.begin(), seen.end(), [&](const Seen& s) { return s.gesture.kind == kind; }));
    }
    std::vector<float> Scrolls(bool from_tick) const
    {
        std::vector<float> dys;
        for (const Seen& s : seen)
            if (s.gesture.kind == GestureKind::ScrollBy && s.from_tick == from_tick)
                dys.push_back(s.gesture.dy);
        return dys;
    }
    float DraggedPx() const { return Sum(Scrolls(false)); }
    float CoastedPx() const { return Sum(Scrolls(true)); }
    static float Sum(const std::vector<float>& dys)
    {
        float sum = 0;
        for (float dy : dys)
            sum += dy;
        return sum;
    }
};

// Plays samples as the frame loop would: each 60 Hz frame feeds what arrived since the last one, then
// ticks; after the lift it keeps ticking while Active(), for at most 30 s.
Played Play(GestureRecogniser& recogniser, const std::vector<PointerSample>& samples)
{
    Played played;
    played.lifted_t = samples.back().t;
    size_t next = 0;
    for (int frame = 0;; ++frame)
    {
        const double now = samples.front().t + frame * kFrame;
        for (; next < samples.size() && samples[next].t <= now; ++next)
            for (const Gesture& g : recogniser.Feed(samples[next]))
                played.seen.push_back({samples[next].t, false, g});
        for (const Gesture& g : recogniser.Tick(now))
            played.seen.push_back({now, true, g});
        if (next == samples.size() && !recogniser.Active())
        {
            played.idle_at = now;
            return played;
        }
        if (now > played.lifted_t + 30)
            return played;
    }
}

Played Play(const Setup& setup, const std::vector<PointerSample>& samples)
{
    GestureRecogniser recogniser(setup.Config());
    return Play(recogniser, samples);
}

} // namespace

TEST_CASE("pixels per mm come from the diagonal or a plausible monitor report", "[gesture]")
{
    CHECK(PixelsPerMmFromDiagonal(1280, 800, 10.0f) == Approx(5.94).epsilon(0.002));
    CHECK(PixelsPerMmFromDiagonal(3840, 2160, 65.0f) == Approx(2.67).epsilon(0.002));
    CHECK(PixelsPerMmFromPhysicalSize(1280, 800, 216, 135).value_or(0) == Approx(5.93).epsilon(0.002));
    CHECK(PixelsPerMmFromPhysicalSize(3840, 2160, 1428, 804).value_or(0) == Approx(2.69).epsilon(0.002));
    // What TVs' EDID data is known to report instead of a size.
    CHECK_FALSE(PixelsPerMmFromPhysicalSize(1920, 1080, 0, 0));
    CHECK_FALSE(PixelsPerMmFromPhysicalSize(1920, 1080, 16, 9));
    CHECK_FALSE(PixelsPerMmFromPhysicalSize(1920, 1080, 1210, 300));
}

TEST_CASE("a tap stays within the slop and lifts before the long press", "[gesture]")
{
    const Setup setup = GENERATE(from_range(AllSetups()));
    INFO(setup.Name());
    const float sign = GENERATE(-1.0f, 1.0f);

    const std::vector<PointerSample> still = Touch(setup, {0, 0, 0, 0.2});
    const Played tapped = Play(setup, still);
    REQUIRE(tapped.seen.size() == 1);
    CHECK(tapped.seen[0].gesture.kind == GestureKind::Tap);
    CHECK(tapped.seen[0].gesture.x == still.front().x);
    CHECK(tapped.seen[0].gesture.y == still.front().y);

    // Just inside the 4 mm slop, either axis and either way, is still a tap.
    CHECK(Play(setup, Touch(setup, {sign * 3.6f, 0, 0.2, 0.1})).Count(GestureKind::Tap) == 1);
    CHECK(Play(setup, Touch(setup, {0, sign * 3.6f, 0.2, 0.1})).Count(GestureKind::Tap) == 1);
    // Just outside it sideways, too short and slow for a swipe, is nothing at all.
    CHECK(Play(setup, Touch(setup, {sign * 4.4f, 0, 0.2, 0.1})).seen.empty());
}

TEST_CASE("a long press fires once while held still, and its release is not a tap", "[gesture]")
{
    const Setup setup = GENERATE(from_range(AllSetups()));
    INFO(setup.Name());

    const Played short_hold = Play(setup, Touch(setup, {0, 0, 0, 0.58}));
    CHECK(short_hold.Count(GestureKind::Tap) == 1);
    CHECK(short_hold.Count(GestureKind::LongPress) == 0);

    const std::vector<PointerSample> samples = Touch(setup, {0, 0, 0, 1.5});
    const Played long_hold = Play(setup, samples);
    REQUIRE(long_hold.seen.size() == 1);
    const Seen& press = long_hold.seen[0];
    CHECK(press.gesture.kind == GestureKind::LongPress);
    CHECK(press.gesture.x == samples.front().x);
    // Fired by the frame it fell due in, while the finger was still down.
    CHECK(press.from_tick);
    CHECK(press.t >= samples.front().t + 0.6);
    CHECK(press.t < samples.front().t + 0.6 + kFrame);

    // A drift within the slop still counts as held still; beyond it, the long press is off.
    CHECK(Play(setup, Touch(setup, {3.6f, 0, 0.2, 0.6})).Count(GestureKind::LongPress) == 1);
    CHECK(Play(setup, Touch(setup, {0, -3.6f, 0.2, 0.6})).Count(GestureKind::LongPress) == 1);
    CHECK(Play(setup, Touch(setup, {4.4f, 0, 0.2, 0.6})).seen.empty());
}

TEST_CASE("a swipe needs swipe_min_mm of horizontal travel", "[gesture]")
{
    const Setup setup = GENERATE(from_range(AllSetups()));
    INFO(setup.Name());

    CHECK(Play(setup, Touch(setup, {19, 0, 0.15})).seen.empty());
    CHECK(Play(setup, Touch(setup, {-19, 0, 0.15})).seen.empty());

    const Played right = Play(setup, Touch(setup, {21, 0, 0.15}));
    REQUIRE(right.seen.size() == 1);
    CHECK(right.seen[0].gesture.kind == GestureKind::SwipeRight);
    const Played left = Play(setup, Touch(setup, {-21, 0, 0.15}));
    REQUIRE(left.seen.size() == 1);
    CHECK(left.seen[0].gesture.kind == GestureKind::SwipeLeft);
}

TEST_CASE("a swipe needs swipe_min_speed_mm_s and must end within swipe_max_s", "[gesture]")
{
    const Setup setup = GENERATE(from_range(AllSetups()));
    INFO(setup.Name());

    // 30 mm at 97 and 103 mm/s.
    CHECK(Play(setup, Touch(setup, {30, 0, 0.31})).seen.empty());
    CHECK(Play(setup, Touch(setup, {-30, 0, 0.31})).seen.empty());
    CHECK(Play(setup, Touch(setup, {30, 0, 0.29})).Count(GestureKind::SwipeRight) == 1);
    CHECK(Play(setup, Touch(setup, {-30, 0, 0.29})).Count(GestureKind::SwipeLeft) == 1);
    // 70 mm, fast enough either way, but 0.62 s is too long.
    CHECK(Play(setup, Touch(setup, {70, 0, 0.58})).Count(GestureKind::SwipeRight) == 1);
    CHECK(Play(setup, Touch(setup, {70, 0, 0.62})).seen.empty());
    // Fast, then a pause before the lift: the average speed says it was not a flick.
    CHECK(Play(setup, Touch(setup, {30, 0, 0.1, 0.25})).seen.empty());
}

TEST_CASE("a swipe must be mostly horizontal, and a slow diagonal is nothing", "[gesture]")
{
    const Setup setup = GENERATE(from_range(AllSetups()));
    INFO(setup.Name());

    CHECK(Play(setup, Touch(setup, {30, 14, 0.2})).Count(GestureKind::SwipeRight) == 1);
    CHECK(Play(setup, Touch(setup, {-30, -14, 0.2})).Count(GestureKind::SwipeLeft) == 1);
    CHECK(Play(setup, Touch(setup, {30, 16, 0.2})).seen.empty());
    CHECK(Play(setup, Touch(setup, {-30, -16, 0.2})).seen.empty());
    CHECK(Play(setup, Touch(setup, {30, 30, 1.0})).seen.empty());
    CHECK(Play(setup, Touch(setup, {-25, 30, 1.0})).seen.empty());
}

TEST_CASE("a vertical drag past drag_start_mm scrolls with the finger", "[gesture]")
{
    const Setup setup = GENERATE(from_range(AllSetups()));
    INFO(setup.Name());
    const float sign = GENERATE(-1.0f, 1.0f);
    const float ppm = setup.PxPerMm();

    // Just short of the start is a tap (within the slop); just past it scrolls exactly that far.
    const Played short_drag = Play(setup, Touch(setup, {0, sign * 3.6f, 0.2, 0.2}));
    CHECK(short_drag.Count(GestureKind::ScrollBy) == 0);
    CHECK(short_drag.Count(GestureKind::Tap) == 1);
    const Played drag = Play(setup, Touch(setup, {0, sign * 4.4f, 0.2, 0.2}));
    CHECK(drag.Count(GestureKind::Tap) == 0);
    CHECK(drag.DraggedPx() == Approx(sign * 4.4f * ppm).epsilon(1e-4));
    // Held still before the lift: no momentum, and idle at once.
    CHECK(drag.CoastedPx() == 0);
    REQUIRE(drag.idle_at);
    CHECK(*drag.idle_at < drag.lifted_t + kFrame);

    // A long drag reports as it goes, every step in the finger's direction, adding up to the travel.
    const Played long_drag = Play(setup, Touch(setup, {1.5f, sign * 40, 0.5, 0.2}));
    const std::vector<float> steps = long_drag.Scrolls(false);
    CHECK(steps.size() >= 20);
    CHECK(std::all_of(steps.begin(), steps.end(), [&](float dy) { return dy * sign > 0; }));
    CHECK(long_drag.DraggedPx() == Approx(sign * 40 * ppm).epsilon(1e-4));
    CHECK(long_drag.Count(GestureKind::SwipeLeft) + long_drag.Count(GestureKind::SwipeRight) == 0);
}

TEST_CASE("the same stroke on a turned panel is a swipe on the page, not a scroll", "[gesture]")
{
    for (const Screen& screen : {kPanel, kScreen})
    {
        INFO(screen.name);
        // Down the panel, 30 mm in 0.2 s: down the page as made, rightwards across it turned.
        const Setup landscape{screen, Mount::Landscape};
        const Played scrolled = Play(landscape, PanelTouch(landscape, 0, 30, 0.2, 0));
        CHECK(scrolled.DraggedPx() == Approx(30 * landscape.PxPerMm()).epsilon(1e-4));
        CHECK(scrolled.Count(GestureKind::SwipeRight) == 0);

        const Setup portrait{screen, Mount::Portrait};
        const Played swiped = Play(portrait, PanelTouch(portrait, 0, 30, 0.2, 0));
        REQUIRE(swiped.seen.size() == 1);
        CHECK(swiped.seen[0].gesture.kind == GestureKind::SwipeRight);
    }
}

TEST_CASE("a flick coasts on in its direction, a finite distance, and stops", "[gesture]")
{
    const Setup setup = GENERATE(from_range(AllSetups()));
    INFO(setup.Name());
    const float sign = GENERATE(-1.0f, 1.0f);
    const float ppm = setup.PxPerMm();
    const GestureConfig config = setup.Config();

    // 30 mm in 0.1 s, lifted while moving: 300 mm/s at release.
    const Played flick = Play(setup, Touch(setup, {0, sign * 30, 0.1}));
    CHECK(flick.DraggedPx() == Approx(sign * 30 * ppm).epsilon(1e-4));
    const std::vector<float> coast = flick.Scrolls(true);
    REQUIRE(coast.size() >= 10);
    for (size_t i = 0; i < coast.size(); ++i)
    {
        INFO("frame " << i);
        REQUIRE(coast[i] * sign > 0);
        if (i > 0)
            REQUIRE(std::abs(coast[i]) <= std::abs(coast[i - 1]) * 1.0001f);
    }
    // Speed v e^(-kt) down to the stop speed covers (v - v_stop) / k, and never more than v / k.
    const float coasted_mm = flick.CoastedPx() / ppm * sign;
    const float k = config.momentum_decay_per_s;
    CHECK(coasted_mm == Approx((300 - config.momentum_stop_mm_s) / k).epsilon(0.01));
    CHECK(coasted_mm < 300 / k);
    // It ends when the speed falls below the stop speed, ln(v / v_stop) / k after the lift.
    REQUIRE(flick.idle_at);
    const double stops_after = std::log(300 / config.momentum_stop_mm_s) / k;
    CHECK(*flick.idle_at - flick.lifted_t >= stops_after - kFrame);
    CHECK(*flick.idle_at - flick.lifted_t <= stops_after + 2 * kFrame);
}

TEST_CASE("a configuration without decay cannot make momentum endless", "[gesture]")
{
    const Setup setup{kPanel, Mount::Landscape};
    GestureConfig config = setup.Config();
    config.momentum_decay_per_s = 0;
    config.momentum_stop_mm_s = 0;
    GestureRecogniser recogniser(config);
    const Played flick = Play(recogniser, Touch(setup, {0, 30, 0.1}));
    REQUIRE(flick.idle_at);
    CHECK(std::isfinite(flick.CoastedPx()));
    CHECK(flick.CoastedPx() > 0);
}

TEST_CASE("release speed is fitted over the last 100 ms, not taken from the last pair", "[gesture]")
{
    const Setup setup{kPanel, Mount::Landscape};
    const GestureConfig config = setup.Config();
    const float ppm = setup.PxPerMm();
    // 200 mm/s down for 0.3 s; the panel reports the last position 1.5 mm off, either way. From the
    // last pair alone that would be 290 or 110 mm/s.
    const float jitter_mm = GENERATE(-1.5f, 1.5f);
    std::vector<PointerSample> samples;
    for (int i = 0; i <= 18; ++i)
    {
        const double t = 1.0 + i * kFrame;
        const float off = i == 18 ? jitter_mm : 0.0f;
        samples.push_back({t, 640, 100 + (200 * static_cast<float>(i * kFrame) + off) * ppm, true});
    }
    samples.push_back({samples.back().t, samples.back().x, samples.back().y, false});
    const Played flick = Play(setup, samples);
    const float coasted_mm = flick.CoastedPx() / ppm;
    const float expected_mm = (200 - config.momentum_stop_mm_s) / config.momentum_decay_per_s;
    CHECK(coasted_mm == Approx(expected_mm).epsilon(0.1));

    // Stopped for 150 ms before the lift: the fit sees no speed, so nothing coasts.
    samples.back().t += 0.15;
    const Played stopped = Play(setup, samples);
    CHECK(stopped.DraggedPx() > 0);
    CHECK(stopped.CoastedPx() == 0);
}

TEST_CASE("a new touch stops momentum, and lifting it is not a tap", "[gesture]")
{
    const Setup setup{kScreen, Mount::Portrait};
    GestureRecogniser recogniser(setup.Config());
    const std::vector<PointerSample> flick = Touch(setup, {0, 30, 0.1});
    double now = flick.front().t;
    for (const PointerSample& sample : flick)
    {
        recogniser.Feed(sample);
        now = sample.t;
    }
    int coasting = 0;
    for (int frame = 1; frame <= 3; ++frame)
        coasting += static_cast<int>(recogniser.Tick(now + frame * kFrame).size());
    CHECK(coasting == 3);
    // Momentum runs: Tick is due at once, every frame.
    REQUIRE(recogniser.NextDeadline());
    CHECK(*recogniser.NextDeadline() <= now + 3 * kFrame);

    const PointerSample catch_at{now + 4 * kFrame, flick.back().x, flick.back().y, true};
    CHECK(recogniser.Feed(catch_at).empty());
    std::vector<Gesture> after;
    for (int frame = 5; frame <= 15; ++frame)
        for (const Gesture& g : recogniser.Tick(now + frame * kFrame))
            after.push_back(g);
    CHECK(after.empty());
    CHECK(recogniser.Active());
    PointerSample lift = catch_at;
    lift.t = now + 16 * kFrame;
    lift.down = false;
    CHECK(recogniser.Feed(lift).empty());
    CHECK_FALSE(recogniser.Active());

    // The next touch is an ordinary one again.
    PointerSample press = catch_at;
    press.t = lift.t + 1.0;
    recogniser.Feed(press);
    press.t += 0.1;
    press.down = false;
    const std::vector<Gesture> tap = recogniser.Feed(press);
    REQUIRE(tap.size() == 1);
    CHECK(tap[0].kind == GestureKind::Tap);
}

TEST_CASE("NextDeadline is the long-press time while a finger is held still", "[gesture]")
{
    GestureConfig config;
    config.px_per_mm = 4.0f;
    GestureRecogniser recogniser(config);
    CHECK_FALSE(recogniser.NextDeadline());
    CHECK_FALSE(recogniser.Active());

    CHECK(recogniser.Feed({100.0, 500, 300, true}).empty());
    REQUIRE(recogniser.NextDeadline());
    CHECK(*recogniser.NextDeadline() == Approx(100.6));
    CHECK(recogniser.Active());
    CHECK(recogniser.Tick(100.59).empty());
    CHECK(recogniser.Feed({100.595, 505, 300, true}).empty()); // 5 px = 1.25 mm: still held still
    CHECK(*recogniser.NextDeadline() == Approx(100.6));

    // Due exactly at the deadline, once.
    const std::vector<Gesture> fired = recogniser.Tick(*recogniser.NextDeadline());
    REQUIRE(fired.size() == 1);
    CHECK(fired[0].kind == GestureKind::LongPress);
    CHECK(fired[0].x == 500);
    CHECK_FALSE(recogniser.NextDeadline());
    CHECK(recogniser.Tick(101.5).empty());
    CHECK(recogniser.Feed({102.0, 505, 300, false}).empty());
    CHECK_FALSE(recogniser.Active());

    // Moving off the spot cancels it: nothing to wake for.
    recogniser.Feed({200.0, 500, 300, true});
    recogniser.Feed({200.1, 530, 300, true});
    CHECK_FALSE(recogniser.NextDeadline());
    CHECK(recogniser.Tick(201.0).empty());

    // Without any Tick, a lift after the deadline is still a long press, not a tap.
    recogniser.Feed({300.0, 500, 300, false});
    recogniser.Feed({400.0, 500, 300, true});
    const std::vector<Gesture> late = recogniser.Feed({400.7, 500, 300, false});
    REQUIRE(late.size() == 1);
    CHECK(late[0].kind == GestureKind::LongPress);
}

TEST_CASE("hovering and stray releases are nothing", "[gesture]")
{
    GestureConfig config;
    config.px_per_mm = 5.9f;
    GestureRecogniser recogniser(config);
    std::vector<Gesture> seen;
    // A fast sweep with nothing held, across and down, then a release with no press before it.
    for (int i = 0; i <= 12; ++i)
    {
        const double t = 1.0 + i * kFrame;
        const float f = static_cast<float>(i) / 12;
        for (const Gesture& g : recogniser.Feed({t, 100 + 600 * f, 100 + 400 * f, false}))
            seen.push_back(g);
        for (const Gesture& g : recogniser.Tick(t))
            seen.push_back(g);
    }
    for (const Gesture& g : recogniser.Feed({2.0, 700, 500, false}))
        seen.push_back(g);
    CHECK(seen.empty());
    CHECK_FALSE(recogniser.Active());
    CHECK_FALSE(recogniser.NextDeadline());
}
