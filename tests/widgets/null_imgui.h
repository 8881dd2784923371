// Widgets without a window or GL: ImGui's example_null recipe (1.86). An ImGui context with DejaVu fonts
// at the size a screen would get, and helpers to inspect what was drawn. Tests and benchmarks share it.
#pragma once

#include "widgets/theme.h"

#include <imgui.h>

#include <algorithm>
#include <stdexcept>

namespace wb::test
{

// One ImGui context with DejaVu fonts at the size a screen of `height` pixels would get.
class NullImGui
{
  public:
    // With `begin_frame`, a frame is begun here and rendered at the end (tests draw into it); without,
    // the caller runs its own frames (benchmarks).
    NullImGui(float width, float height, bool begin_frame = true) : m_frame(begin_frame)
    {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60.0f;
        const float em = std::min(width, height) * 0.026f;
        static ImVector<ImWchar> ranges;
        if (ranges.empty())
        {
            ImFontGlyphRangesBuilder builder;
            builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
            builder.AddText("▲▼◀▶→£–’…·⚠");
            builder.BuildRanges(&ranges);
        }
        const char* regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        const char* bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
        theme.body = io.Fonts->AddFontFromFileTTF(regular, em, nullptr, ranges.Data);
        theme.bold = io.Fonts->AddFontFromFileTTF(bold, em * 1.25f, nullptr, ranges.Data);
        theme.value = io.Fonts->AddFontFromFileTTF(bold, em * 2.0f, nullptr, ranges.Data);
        if (!theme.body || !theme.bold)
            throw std::runtime_error("DejaVu fonts not found: install fonts-dejavu-core");
        theme.em = em;
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
