// The logical page <-> physical framebuffer mapping for a rotated screen.
#include "core/orientation.h"

namespace wb
{

std::optional<ScreenRotation> RotationFromDegrees(int degrees)
{
    switch (degrees)
    {
    case 0:
        return ScreenRotation::R0;
    case 90:
        return ScreenRotation::R90;
    case 180:
        return ScreenRotation::R180;
    case 270:
        return ScreenRotation::R270;
    default:
        return std::nullopt;
    }
}

namespace
{

bool IsSideways(ScreenRotation rotation)
{
    return rotation == ScreenRotation::R90 || rotation == ScreenRotation::R270;
}

} // namespace

int ScreenGeometry::LogicalWidth() const
{
    return IsSideways(rotation) ? physical_h : physical_w;
}

int ScreenGeometry::LogicalHeight() const
{
    return IsSideways(rotation) ? physical_w : physical_h;
}

Point ToPhysical(const ScreenGeometry& geometry, Point logical)
{
    const auto w = static_cast<float>(geometry.LogicalWidth());
    const auto h = static_cast<float>(geometry.LogicalHeight());
    switch (geometry.rotation)
    {
    case ScreenRotation::R90:
        return {h - logical.y, logical.x};
    case ScreenRotation::R180:
        return {w - logical.x, h - logical.y};
    case ScreenRotation::R270:
        return {logical.y, w - logical.x};
    case ScreenRotation::R0:
        break;
    }
    return logical;
}

Point ToLogical(const ScreenGeometry& geometry, Point physical)
{
    const auto w = static_cast<float>(geometry.LogicalWidth());
    const auto h = static_cast<float>(geometry.LogicalHeight());
    switch (geometry.rotation)
    {
    case ScreenRotation::R90:
        return {physical.y, h - physical.x};
    case ScreenRotation::R180:
        return {w - physical.x, h - physical.y};
    case ScreenRotation::R270:
        return {w - physical.y, physical.x};
    case ScreenRotation::R0:
        break;
    }
    return physical;
}

} // namespace wb
