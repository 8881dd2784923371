// Moving a drawn frame (frame_shift.h).
#include "widgets/frame_shift.h"

namespace wb::widgets
{

void ShiftFrame(ImDrawList& draw, PixelShift shift)
{
    if (shift == PixelShift{})
        return;
    const ImVec2 by(static_cast<float>(shift.x), static_cast<float>(shift.y));
    for (ImDrawVert& vertex : draw.VtxBuffer)
        vertex.pos = ImVec2(vertex.pos.x + by.x, vertex.pos.y + by.y);
    for (ImDrawCmd& command : draw.CmdBuffer)
        command.ClipRect = ImVec4(command.ClipRect.x + by.x, command.ClipRect.y + by.y,
                                  command.ClipRect.z + by.x, command.ClipRect.w + by.y);
}

ImVec2 ShiftBack(ImVec2 point, PixelShift shift)
{
    return ImVec2(point.x - static_cast<float>(shift.x), point.y - static_cast<float>(shift.y));
}

} // namespace wb::widgets
