// Screen rotation for portrait (or upside-down) mounting: the mapping between the logical page, which
// is what widgets draw and what people see, and the physical framebuffer the panel scans out. Pure and
// GL-free, so the window uses it for drawing and screenshots and the touch code uses it for input.
#pragma once

#include <optional>

namespace wb
{

// How far the image is turned clockwise on the physical framebuffer. A 1920x1080 panel mounted on its
// side shows a 1080x1920 page with R90 or R270, whichever way up the panel hangs.
enum class ScreenRotation
{
    R0 = 0,
    R90 = 90,
    R180 = 180,
    R270 = 270,
};

// 0, 90, 180 or 270 (degrees clockwise); anything else is empty.
std::optional<ScreenRotation> RotationFromDegrees(int degrees);

struct ScreenGeometry
{
    int physical_w = 0; // framebuffer pixels
    int physical_h = 0;
    ScreenRotation rotation = ScreenRotation::R0;

    // The page's size: the physical size, with width and height swapped at 90 and 270.
    int LogicalWidth() const;
    int LogicalHeight() const;
};

// A position in pixels, continuous: (0,0) is the top-left corner of the top-left pixel and
// (w,h) the bottom-right corner of the bottom-right one.
struct Point
{
    float x = 0;
    float y = 0;
};

// Page to framebuffer. R90: (x, y) -> (LogicalHeight - y, x); R180: (W - x, H - y);
// R270: (y, LogicalWidth - x).
Point ToPhysical(const ScreenGeometry& geometry, Point logical);
// Framebuffer to page, the exact inverse of ToPhysical: where a pointer or a touch lands on the page.
Point ToLogical(const ScreenGeometry& geometry, Point physical);

} // namespace wb
