// The burn-in orbit (burn_in.h).
#include "core/burn_in.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace wb
{
namespace
{

constexpr int kMostColumns = 13;
constexpr int kMostRows = 11;

// Floor division and a modulo that is never negative, for times before the epoch too.
std::int64_t FloorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

std::int64_t Mod(std::int64_t a, std::int64_t b)
{
    return a - FloorDiv(a, b) * b;
}

// The level visited at step k of `count`: the even levels going up, then the odd ones coming down
// (0 2 4 3 1 for 5), so every step is one or two levels and the last leads back to the first.
int LevelAt(std::int64_t k, int count)
{
    const int step = static_cast<int>(Mod(k, count));
    const int evens = (count + 1) / 2;
    if (step < evens)
        return 2 * step;
    const int top_odd = (count - 1) % 2 == 1 ? count - 1 : count - 2;
    return top_odd - 2 * (step - evens);
}

// Level `level` of `count` spread evenly from `from` to `to`, in whole pixels. count <= to - from + 1, so
// the levels are distinct.
int Offset(int level, int count, int from, int to)
{
    if (count < 2)
        return 0;
    return static_cast<int>(std::lround(from + static_cast<double>(to - from) * level / (count - 1)));
}

} // namespace

BurnInOrbit OrbitFor(int width, int height)
{
    BurnInOrbit orbit;
    orbit.reach_x = std::max(width, 0) / kBurnInReachParts;
    orbit.reach_y = std::max(height, 0) / kBurnInReachParts;
    orbit.columns = std::min(2 * orbit.reach_x + 1, kMostColumns);
    orbit.rows = std::min(orbit.reach_y + 1, kMostRows);
    // Coprime counts, so stepping both at once visits every pair (the Chinese remainder theorem).
    while (orbit.rows > 1 && std::gcd(orbit.columns, orbit.rows) != 1)
        --orbit.rows;
    return orbit;
}

PixelShift ShiftAtStep(const BurnInOrbit& orbit, std::int64_t step)
{
    return {Offset(LevelAt(step, orbit.columns), orbit.columns, -orbit.reach_x, orbit.reach_x),
            Offset(LevelAt(step, orbit.rows), orbit.rows, -orbit.reach_y, 0)};
}

PixelShift BurnInShift(std::int64_t epoch_s, int width, int height)
{
    return ShiftAtStep(OrbitFor(width, height), FloorDiv(epoch_s, kBurnInStepSeconds));
}

std::int64_t SecondsToNextShift(std::int64_t epoch_s)
{
    return kBurnInStepSeconds - Mod(epoch_s, kBurnInStepSeconds);
}

} // namespace wb
