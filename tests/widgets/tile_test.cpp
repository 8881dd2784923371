// Widgets without a window or GL: ImGui's example_null recipe (1.86). Build the font atlas, run a frame,
// draw, and inspect the draw data.
#include "widgets/indicator_tile.h"
#include "widgets/pages.h"

#include "test_support.h"
#include "widgets/null_imgui.h"

using namespace wb;
using namespace wb::widgets;
using namespace wb::test;

TEST_CASE("tiles keep their text inside at every screen size", "[widgets]")
{
    const Snapshot s = test::BuildDemo("plymouth");
    for (const auto& [w, h] :
         std::vector<std::pair<float, float>>{{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}})
    {
        NullImGui imgui(w, h);
        const float em = imgui.theme.em;
        for (const Indicator& ind : s.indicators)
            for (const TileShape shape : {TileShape{false}, TileShape{true}})
            {
                imgui.Draw()->_ResetForNewFrame();
                imgui.Draw()->PushClipRectFullScreen();
                // The smallest tile a page lays out: as narrow as the door text allows, at its least height.
                float width = em * 8.0f;
                while (!TileFits(imgui.theme, ind, width, shape) && width < w)
                    width += em;
                const ImVec2 min(em, em);
                const ImVec2 max(min.x + width, min.y + TileHeight(imgui.theme, shape));
                DrawIndicatorTile(imgui.Draw(), imgui.theme, ind, min, max, shape);
                const Bounds b = BoundsOf(imgui.Draw());
                INFO(w << "x" << h << " indicator " << ind.id << (shape.status_beside_figure ? " wide" : ""));
                CHECK(b.min.x >= min.x - 1.0f); // anti-aliasing fringe: half a pixel each side
                CHECK(b.min.y >= min.y - 1.0f); // anti-aliasing fringe: half a pixel each side
                CHECK(b.max.x <= max.x + 1.0f);
                CHECK(b.max.y <= max.y + 1.0f);
            }
    }
}

TEST_CASE("a RAG badge carries the plan's colour and its letter", "[widgets]")
{
    NullImGui imgui(1920, 1080);
    RagLevel level{"E", "Amber E (yellow)", "#F1C40F", "", true};
    const float em = imgui.theme.em;
    const ImVec2 min(10, 10), max(10 + em * 1.5f, 10 + em * 1.5f);
    DrawRagBadge(imgui.Draw(), imgui.theme, min, max, &level);
    CHECK(HasColourIn(imgui.Draw(), ColourFromHex("#F1C40F"), min, max));
    // The letter: glyph quads in the text colour chosen for the yellow fill (black), inside the badge.
    CHECK(TextOn(ColourFromHex("#F1C40F")) == IM_COL32(0, 0, 0, 255));
    CHECK(HasColourIn(imgui.Draw(), IM_COL32(0, 0, 0, 255), min, max));
}

TEST_CASE("a placeholder is drawn as its text, never as a zero", "[widgets]")
{
    const Snapshot s = test::BuildDemo("plymouth");
    const Indicator& eh = test::IndicatorById(s, "2"); // "Report development required"
    REQUIRE_FALSE(eh.series.empty());
    REQUIRE_FALSE(eh.series.back().value);
    NullImGui imgui(1920, 1080);
    const float em = imgui.theme.em;
    const TileShape shape{false};
    DrawIndicatorTile(imgui.Draw(), imgui.theme, eh, ImVec2(0, 0),
                      ImVec2(em * 17, TileHeight(imgui.theme, shape)), shape);
    // The placeholder text is drawn in the dim colour where the figure would be (under the name's two
    // lines of door text); the large value font, used only for figures, draws nothing.
    const float value_top = em * 0.5f + imgui.theme.door * 2.0f;
    CHECK(HasColourIn(imgui.Draw(), imgui.theme.dim_text, ImVec2(0, value_top),
                      ImVec2(em * 17, value_top + em * 2)));
    CHECK(FormatValue(1147, Unit::Count) == "1,147");
    CHECK(FormatValue(64.1, Unit::Percent) == "64.1%");
}

TEST_CASE("a measure in words is drawn as its words, never as a number", "[widgets][seeds]")
{
    Indicator ind;
    ind.id = "9";
    ind.name = "Return home interviews offered";
    ind.unit = Unit::Text;
    ind.target = {TargetKind::Text, 0, {}, TargetSense::FromPolarity, "Protocol in place"};
    ind.series = {{{2019, 8}, std::nullopt, "Not yet"}, {{2019, 9}, std::nullopt, "In place"}};
    NullImGui imgui(1920, 1080);
    const float em = imgui.theme.em;
    LayoutRecorder recorder;
    DrawIndicatorTile(imgui.Draw(), imgui.theme, ind, ImVec2(0, 0),
                      ImVec2(em * 17, TileHeight(imgui.theme, TileShape{false})));
    std::vector<std::string> shown;
    for (const DrawnText& t : recorder.Record().texts)
        shown.push_back(t.shown);
    CHECK(std::find(shown.begin(), shown.end(), "In place") != shown.end());
    CHECK(std::find(shown.begin(), shown.end(), "Sep-19") != shown.end());
    CHECK(std::find(shown.begin(), shown.end(), "Target: Protocol in place") != shown.end());
    CHECK(std::find(shown.begin(), shown.end(), "No figures yet") == shown.end());
    for (const std::string& text : shown)
        CHECK(text.find("0.0") == std::string::npos);
}
