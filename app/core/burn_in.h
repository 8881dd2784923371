// Burn-in care: the whole page's pixel shift at a time, on a slow orbit. A TV showing one layout for
// months keeps the ghost of every edge that never moves; shifting the picture a few pixels every ten
// minutes spreads each edge over a band instead. A pure function of the screen's size and the time, so a
// new screen size or profile takes effect at the next frame.
#pragma once

#include <cstdint>

namespace wb
{

// Pixels the picture is moved right (x) and down (y); negative moves it left or up.
struct PixelShift
{
    int x = 0;
    int y = 0;
    bool operator==(const PixelShift&) const = default;
};

inline constexpr std::int64_t kBurnInStepSeconds = 600; // a new position every 10 minutes, on the minute
inline constexpr int kBurnInReachParts = 200; // at most 1/200 (0.5%) of the width or height off centre

// A screen's orbit: `columns` evenly spaced x positions from -reach_x to reach_x, and `rows` y positions
// from -reach_y to 0: up only, so the status strip at the foot of the screen (its progress bar on the
// bottom row) is never cut, while the page's margins take the other edges' shifts. Each step moves to the
// next x and the next y (every second one, so a step is a few pixels and the walk closes on itself); the
// counts are coprime, so the orbit passes every (x, y) pair once.
struct BurnInOrbit
{
    int reach_x = 0; // whole pixels, at most a kBurnInReachParts-th of the width
    int reach_y = 0; // likewise, of the height
    int columns = 1; // at most 13 and rows at most 11: the whole orbit (143 steps at most) within a day
    int rows = 1;
    int Positions() const { return columns * rows; }
};

BurnInOrbit OrbitFor(int width, int height);

// The shift at orbit step `step` (any integer; the orbit repeats every Positions() steps).
PixelShift ShiftAtStep(const BurnInOrbit& orbit, std::int64_t step);

// The shift at `epoch_s` (seconds since the epoch) on a width x height screen: every board of the same
// size is at the same position, and it moves when the clock's minute changes.
PixelShift BurnInShift(std::int64_t epoch_s, int width, int height);

// Seconds from `epoch_s` until the shift moves on (1 to kBurnInStepSeconds).
std::int64_t SecondsToNextShift(std::int64_t epoch_s);

} // namespace wb
