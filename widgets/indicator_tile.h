// An indicator tile: name, latest value with unit and period, target and comparator, direction of
// travel coloured by polarity, status against target, a sparkline with the target line, flags.
// A placeholder ("Report development required") is shown as such, never as zero.
#pragma once

#include "core/model.h"
#include "widgets/theme.h"

namespace wb::widgets
{

// Draws the tile in [min, max]. Returns true when it was tapped (for drill-down, issue 5).
bool DrawIndicatorTile(ImDrawList* draw, const Theme& theme, const Indicator& indicator, ImVec2 min,
                       ImVec2 max);

} // namespace wb::widgets
