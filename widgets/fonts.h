// The board's fonts: which faces at which sizes, with the glyphs the plans use. The one place fonts are
// added to an atlas, for the wall (platform/window.cpp) and for the tests and benchmarks alike, so what
// a test measures is what the wall draws. ImGui only: no core, no GL.
#pragma once

#include <string>

struct ImFont;
struct ImFontAtlas;

namespace wb::widgets
{

struct FontSet
{
    ImFont* body = nullptr;  // meeting text: labels, names, lists
    ImFont* bold = nullptr;  // meeting text in bold: headings, refs, codes
    ImFont* value = nullptr; // door text (figures, status, short names, titles): baked at door_px or larger
    float body_px = 0;       // the body's size: the theme's em
    float door_px = 0;       // the size door text is drawn at: its cap height is the door_cap_px asked for
};

// The body size for a screen: 2.6% of its shorter side (a portrait panel gets the same text as a landscape
// one), times `font_scale`, at least 14 px.
float BodyPx(float width, float height, float font_scale = 1.0f);

// The cap height door text needs, in pixels: viewing distance / 200 (AVIXA DISCAS, basic decision
// making: 20 mm at 4 m).
float DoorCapPx(float viewing_distance_cm, float px_per_mm);

// The cap height of `font` drawn at `size`: its 'H' as baked, scaled. 0 when the font has no 'H'.
float CapHeight(const ImFont* font, float size);

// Clears `atlas`, adds DejaVu Sans at `body_px` (regular and bold) and the door face large enough that
// text drawn at `door_px` has a cap height of at least `door_cap_px` without scaling a glyph up, and
// builds it. Door text is never smaller than 1.6 times the body, however close the screen is read. False with
// `error` set, and the atlas untouched, when the font files are missing.
bool LoadFonts(ImFontAtlas& atlas, float body_px, float door_cap_px, FontSet& fonts, std::string& error);

} // namespace wb::widgets
