// The board's fonts, for the wall and the tests alike.
#include "widgets/fonts.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace wb::widgets
{
namespace
{

constexpr const char* kFontDir = "/usr/share/fonts/truetype/dejavu/";

// Latin-1 for names such as "Zoë", plus the symbols the plans print.
const ImWchar* GlyphRanges(ImFontAtlas& atlas)
{
    static ImVector<ImWchar> ranges;
    if (ranges.empty())
    {
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(atlas.GetGlyphRangesDefault());
        builder.AddText("▲▼◀▶→←↑↓£–—‘’“”…•✓⚠·");
        builder.BuildRanges(&ranges);
    }
    return ranges.Data;
}

} // namespace

float BodyPx(float width, float height, float font_scale)
{
    return std::max(14.0f, std::min(width, height) * 0.026f * font_scale);
}

float DoorCapPx(float viewing_distance_cm, float px_per_mm)
{
    return viewing_distance_cm * 10.0f / 200.0f * px_per_mm;
}

float CapHeight(const ImFont* font, float size)
{
    const ImFontGlyph* glyph = font ? font->FindGlyphNoFallback('H') : nullptr;
    return glyph ? (glyph->Y1 - glyph->Y0) * size / font->FontSize : 0.0f;
}

bool LoadFonts(ImFontAtlas& atlas, float body_px, float door_cap_px, FontSet& fonts, std::string& error)
{
    const std::string regular = std::string(kFontDir) + "DejaVuSans.ttf";
    const std::string bold = std::string(kFontDir) + "DejaVuSans-Bold.ttf";
    if (!std::filesystem::exists(regular) || !std::filesystem::exists(bold))
    {
        error = "fonts not found in " + std::string(kFontDir) + "; install fonts-dejavu-core";
        return false;
    }
    // The door size comes from the face's cap height as baked: first at a size surely large enough (caps
    // are more than 60% of ImGui's size for DejaVu), then, once measured, at the size door text needs.
    const auto add = [&](float value_px)
    {
        atlas.Clear();
        fonts.body = atlas.AddFontFromFileTTF(regular.c_str(), body_px, nullptr, GlyphRanges(atlas));
        fonts.bold = atlas.AddFontFromFileTTF(bold.c_str(), body_px * 1.25f, nullptr, GlyphRanges(atlas));
        fonts.value = atlas.AddFontFromFileTTF(bold.c_str(), value_px, nullptr, GlyphRanges(atlas));
        atlas.Build();
    };
    const float figure_px = body_px * 2.0f; // a tile's figure is never smaller than it has always been
    add(std::max(figure_px, std::ceil(door_cap_px / 0.6f)));
    const float cap_per_px = CapHeight(fonts.value, 1.0f);
    fonts.body_px = body_px;
    // Never smaller than titles have been (1.6 em), also for a screen read from close by.
    fonts.door_px = std::max(body_px * 1.6f,
                             cap_per_px > 0 ? std::ceil(door_cap_px / cap_per_px) : fonts.value->FontSize);
    const float value_px = std::max(figure_px, fonts.door_px);
    if (value_px < fonts.value->FontSize - 0.5f)
        add(value_px);
    // A glyph's box is whole pixels at the baked size, so baked smaller the cap may round a pixel lower:
    // grow until it is tall enough, baking larger when door text would otherwise be scaled up.
    for (int tries = 0; tries < 8 && CapHeight(fonts.value, fonts.door_px) < door_cap_px; ++tries)
    {
        fonts.door_px += 1.0f;
        if (fonts.door_px > fonts.value->FontSize)
            add(fonts.door_px);
    }
    return true;
}

} // namespace wb::widgets
