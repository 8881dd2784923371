// An indicator tile: short name (else name), latest value with unit and period, target and comparator,
// direction of travel coloured by polarity, status against target, a sparkline with the target line, flags.
// A placeholder ("Report development required") is shown as such, never as zero.
#pragma once

#include "core/model.h"
#include "widgets/theme.h"

namespace wb::widgets
{

// How a page lays out its tiles: all of a grid alike.
struct TileShape
{
    bool status_beside_figure = false; // a wide tile: the status on the figure's row, not under it
};

// The least height of a tile: its door text (short name, figure, status) at theme.door and the target
// line; what is left goes to the sparkline.
float TileHeight(const Theme& theme, TileShape shape);

// Whether a tile `width` wide shows `indicator`'s door text whole: its short name on two lines at most,
// its figure with the arrow, and any status (beside the figure when the shape says so).
bool TileFits(const Theme& theme, const Indicator& indicator, float width, TileShape shape);

// Draws the tile in [min, max] (at least TileHeight tall). Returns true when it was tapped (issue 5).
bool DrawIndicatorTile(ImDrawList* draw, const Theme& theme, const Indicator& indicator, ImVec2 min,
                       ImVec2 max, TileShape shape = {});

} // namespace wb::widgets
