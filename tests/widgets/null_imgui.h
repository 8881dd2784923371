// Widgets without a window or GL: ImGui's example_null recipe (1.86). An ImGui context with the board's
// fonts (widgets/fonts.h) at the sizes a screen would get, and helpers to inspect what was drawn. Tests and
// benchmarks share it.
#pragma once

#include "core/gesture.h"
#include "widgets/fonts.h"
#include "widgets/theme.h"

#include <imgui.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace wb::test
{

// One ImGui context with DejaVu fonts at the size a screen of `height` pixels would get.
class NullImGui
{
  public:
    // With `begin_frame`, a frame is begun here and rendered at the end (tests draw into it); without,
    // the caller runs its own frames (benchmarks).
    // The screen is `diagonal_in` inches across and read from `viewing_distance_cm` away (the board's
    // defaults: a 43" TV seen from 4 m).
    NullImGui(float width, float height, bool begin_frame = true, float diagonal_in = 43.0f,
              float viewing_distance_cm = 400.0f)
        : m_frame(begin_frame)
    {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60.0f;
        // The board's own fonts and sizes, for a screen of this many pixels and inches seen from this far.
        widgets::FontSet fonts;
        std::string error;
        if (!widgets::LoadFonts(
                *io.Fonts, widgets::BodyPx(width, height),
                widgets::DoorCapPx(
                    viewing_distance_cm,
                    PixelsPerMmFromDiagonal(static_cast<int>(width), static_cast<int>(height), diagonal_in)),
                fonts, error))
            throw std::runtime_error(error);
        theme.body = fonts.body;
        theme.bold = fonts.bold;
        theme.value = fonts.value;
        theme.em = fonts.body_px;
        theme.door = fonts.door_px;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        if (m_frame)
            ImGui::NewFrame();
    }
    ~NullImGui()
    {
        if (m_frame)
            ImGui::Render();
        ImGui::DestroyContext();
    }
    NullImGui(const NullImGui&) = delete;
    NullImGui& operator=(const NullImGui&) = delete;
    ImDrawList* Draw() { return ImGui::GetBackgroundDrawList(); }
    widgets::Theme theme;

  private:
    bool m_frame;
};

struct Bounds
{
    ImVec2 min{1e9f, 1e9f};
    ImVec2 max{-1e9f, -1e9f};
};

inline Bounds BoundsOf(const ImDrawList* draw)
{
    Bounds b;
    for (const ImDrawVert& v : draw->VtxBuffer)
    {
        b.min = ImVec2(std::min(b.min.x, v.pos.x), std::min(b.min.y, v.pos.y));
        b.max = ImVec2(std::max(b.max.x, v.pos.x), std::max(b.max.y, v.pos.y));
    }
    return b;
}

inline bool HasColourIn(const ImDrawList* draw, ImU32 colour, ImVec2 min, ImVec2 max)
{
    for (const ImDrawVert& v : draw->VtxBuffer)
        if (v.col == colour && v.pos.x >= min.x && v.pos.x <= max.x && v.pos.y >= min.y && v.pos.y <= max.y)
            return true;
    return false;
}

} // namespace wb::test
