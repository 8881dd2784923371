// Moving a whole drawn frame by a few pixels (burn-in care, core/burn_in.h): every vertex and every clip
// rectangle of the draw list, after the screen has drawn into it, so no widget needs to know.
#pragma once

#include "core/burn_in.h"

#include <imgui.h>

namespace wb::widgets
{

// Moves what `draw` holds by `shift`: what is drawn and where it is cut alike. Tap targets stay where
// they were drawn: the board moves a touch back by the same shift (ShiftBack) before hit-testing it.
void ShiftFrame(ImDrawList& draw, PixelShift shift);

// A point on the shifted screen, on the page as it was laid out.
ImVec2 ShiftBack(ImVec2 point, PixelShift shift);

} // namespace wb::widgets
