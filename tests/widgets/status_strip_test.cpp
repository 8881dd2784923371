// The status strip: one line whose countdown and warning never clip, shortened in the stated order.
#include "widgets/pages.h"
#include "widgets/status_strip.h"

#include "widgets/null_imgui.h"

#include <catch2/catch.hpp>

using namespace wb;
using namespace wb::widgets;
using wb::test::NullImGui;

namespace
{

float Width(ImFont* font, float size, const std::string& text)
{
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.c_str()).x;
}

PageContext Busy()
{
    PageContext context;
    context.status_line = "Synced 14:02 · figures as of 17 Apr 2023";
    context.next_title = "Initial Response Team and Multi-Agency Safeguarding Hub";
    context.next_page = "Next: " + context.next_title + " in 12 s";
    context.warning = "Offline since 14:02: cannot connect to the feed server (Connection refused) — showing "
                      "data from Monday 09:00 (6 hours old)";
    context.warning_severe = true;
    return context;
}

// The pieces sit left to right without overlapping, and the last ends inside the strip.
void CheckOneLine(const Theme& theme, const StripLayout& layout, float width)
{
    const float small = theme.em * 0.9f;
    if (!layout.warning.empty())
        CHECK(layout.detail_max_x <= layout.status_x);
    CHECK(layout.status_x + Width(theme.body, small, layout.status) <= layout.cue_x + 0.5f);
    CHECK(layout.cue_x + Width(theme.body, small, layout.cue) <= width);
}

} // namespace

TEST_CASE("the strip keeps its countdown, sync time and warning whole when there is room", "[widgets][strip]")
{
    NullImGui imgui(3840, 2160);
    const PageContext context = Busy();
    const float width = 8000; // a video wall
    const StripLayout layout = LayOutStatusStrip(imgui.theme, context, width);
    CHECK(layout.cue == context.next_page);
    CHECK(layout.status == context.status_line);
    CHECK(layout.warning + layout.warning_detail == "⚠ " + context.warning);
    CHECK(layout.warning == "⚠ Offline"); // the headline, read from the door
    // The warning is drawn whole: its room is its width.
    CHECK(layout.warning_max_x - layout.warning_x ==
          Approx(Width(imgui.theme.bold, imgui.theme.door, layout.warning)));
    CheckOneLine(imgui.theme, layout, width);
}

TEST_CASE("the strip shortens in the stated order: figures-as-of, the next title, the explanation",
          "[widgets][strip]")
{
    NullImGui imgui(1280, 720);
    const Theme& theme = imgui.theme;
    const PageContext context = Busy();
    bool saw_status_short_title_whole = false;
    bool saw_title_short_explanation_kept = false;
    for (float width = 3840; width >= 640; width -= 20)
    {
        INFO("width " << width);
        const StripLayout layout = LayOutStatusStrip(theme, context, width);
        CheckOneLine(theme, layout, width);
        // Never dropped: the sync time and the countdown, whole.
        CHECK(layout.status.starts_with("Synced 14:02"));
        CHECK(layout.cue.starts_with("Next: "));
        CHECK(layout.cue.ends_with(" in 12 s"));
        const bool status_short = layout.status == "Synced 14:02";
        const bool title_short = layout.cue != context.next_page;
        const bool explanation_gone = layout.warning_detail.find(" — ") == std::string::npos;
        // Each step only once the one before it has been taken.
        if (title_short)
            CHECK(status_short);
        if (explanation_gone) // the title is shortened to 10 em first
            CHECK(Width(theme.body, theme.em * 0.9f, layout.cue) <
                  Width(theme.body, theme.em * 0.9f, context.next_page));
        saw_status_short_title_whole |= status_short && !title_short;
        saw_title_short_explanation_kept |= title_short && !explanation_gone;
    }
    CHECK(saw_status_short_title_whole);
    CHECK(saw_title_short_explanation_kept);
}

TEST_CASE("the next page's title is shortened in its middle, keeping its start and end", "[widgets][strip]")
{
    NullImGui imgui(1280, 720);
    PageContext context = Busy();
    context.warning.clear();
    const StripLayout layout = LayOutStatusStrip(imgui.theme, context, 560);
    REQUIRE(layout.cue != context.next_page);
    CHECK(layout.cue.starts_with("Next: Init"));
    CHECK(layout.cue.ends_with("Hub in 12 s"));
    CHECK(layout.cue.find("…") != std::string::npos);
    CheckOneLine(imgui.theme, layout, 560);
}

TEST_CASE("under the amber late-update warning the strip keeps the sync time and the countdown",
          "[widgets][strip]")
{
    PageContext context;
    context.status_line = "Synced 14:02 · figures as of 31 Jan 2023";
    context.warning = "Update late — these figures are as of 31 Jan 2023, 2 months ago";
    context.next_title = "Early Help";
    context.next_page = "Next: Early Help in 8 s";
    for (const ImVec2 screen : {ImVec2(1920, 1080), ImVec2(1280, 720)})
    {
        const float width = screen.x;
        INFO("width " << width);
        NullImGui imgui(screen.x, screen.y); // the fonts and door size of that screen
        const StripLayout layout = LayOutStatusStrip(imgui.theme, context, width);
        CHECK(layout.status.starts_with("Synced 14:02"));
        CHECK(layout.cue == "Next: Early Help in 8 s"); // short enough never to be shortened
        CHECK(layout.warning == "⚠ Update late");       // the headline whole, read from the door
        CheckOneLine(imgui.theme, layout, width);
    }
}

TEST_CASE("a set date is shown in the strip and kept when the line is short", "[widgets][strip]")
{
    NullImGui imgui(1280, 720);
    PageContext context = Busy();
    context.today_set = "as of Thu 20 Apr 2023 (set)";
    for (float width : {3840.0f, 1280.0f, 900.0f})
    {
        const StripLayout layout = LayOutStatusStrip(imgui.theme, context, width);
        CHECK(layout.status.find("as of Thu 20 Apr 2023 (set)") != std::string::npos);
    }
}

TEST_CASE("the page area leaves room for the strip at its tallest, and the strip draws inside the screen",
          "[widgets][strip]")
{
    for (const auto& [w, h] : {std::pair{1280.0f, 720.0f}, {3840.0f, 2160.0f}, {1080.0f, 1920.0f}})
    {
        INFO(w << "x" << h);
        NullImGui imgui(w, h);
        const Theme& theme = imgui.theme;
        const float tallest = std::max(StatusStripHeight(theme, true), StatusStripHeight(theme, false));
        CHECK(h - PageArea(theme, ImVec2(w, h)).y >= tallest - 0.01f); // float rounding
        CHECK(StatusStripHeight(theme, true) >= theme.door);           // door-sized text fits the line
        imgui.Draw()->_ResetForNewFrame();
        imgui.Draw()->PushClipRectFullScreen();
        const float used = DrawStatusStrip(imgui.Draw(), theme, Busy(), ImVec2(0, 0), ImVec2(w, h));
        CHECK(used <= tallest);
        const wb::test::Bounds b = wb::test::BoundsOf(imgui.Draw());
        CHECK(b.min.x >= -1.0f);
        CHECK(b.min.y >= h - tallest - 1.0f);
        CHECK(b.max.x <= w + 1.0f);
        CHECK(b.max.y <= h + 1.0f);
    }
}
