// The layout read from the door: door text tall enough at every screen and viewing distance, short names
// whole, team pages split into balanced parts, the action list growing into the room tiles leave.
#include "widgets/pages.h"

#include "core/rotation.h"
#include "test_support.h"
#include "widgets/fonts.h"
#include "widgets/indicator_tile.h"
#include "widgets/null_imgui.h"

#include <chrono>
#include <cmath>
#include <map>

using namespace wb;
using namespace wb::widgets;
using namespace wb::test;

namespace
{

// The four screens of the issue, each a 43" panel.
const std::vector<std::pair<float, float>> kScreens = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};

// Door text's least cap height in pixels, worked out by hand: a 200th of the viewing distance, in pixels
// of a 43" panel (1092.2 mm across its diagonal).
float NeededCapPx(float w, float h, float viewing_distance_cm)
{
    const float px_per_mm = std::hypot(w, h) / (43.0f * 25.4f);
    return viewing_distance_cm * 10.0f / 200.0f * px_per_mm;
}

// The cap height of a recorded text as drawn: the font's own 'H', scaled to the size it was drawn at.
float DrawnCapPx(const DrawnText& t)
{
    const ImFontGlyph* h = t.font->FindGlyphNoFallback('H');
    return h ? (h->Y1 - h->Y0) * t.size / t.font->FontSize : 0.0f;
}

bool Inside(const DrawnText& t, const Hit& hit)
{
    return t.min.x >= hit.min.x - 1 && t.min.y >= hit.min.y - 1 && t.max.x <= hit.max.x + 1 &&
           t.max.y <= hit.max.y + 1;
}

// A year and more after the plan's date: the longest overdue lists.
BoardView ViewLate(const std::shared_ptr<const Snapshot>& s)
{
    return BuildBoardView(s, Date{std::chrono::sys_days(s->plan.as_of) + std::chrono::days(400)});
}

} // namespace

TEST_CASE("door text is at least a 200th of the viewing distance tall, never scaled up, short names whole",
          "[widgets][layout]")
{
    for (const std::string& plan : DemoPlans())
    {
        const auto s = std::make_shared<const Snapshot>(BuildDemo(plan));
        const BoardView view = ViewLate(s);
        for (const auto& [w, h] : kScreens)
            for (const float distance_cm : {400.0f, 250.0f, 600.0f})
            {
                NullImGui imgui(w, h, true, 43.0f, distance_cm);
                const float needed = NeededCapPx(w, h, distance_cm);
                PageContext context;
                context.clock = "14:02";
                for (const std::string& id : PageIds(*s))
                {
                    const int parts = PlanPage(imgui.theme, view, id, ImVec2(w, h)).parts;
                    for (int part = 0; part < parts; ++part)
                    {
                        INFO(plan << " " << w << "x" << h << " at " << distance_cm << " cm, "
                                  << PartPageId(id, part));
                        LayoutRecorder recorder;
                        imgui.Draw()->_ResetForNewFrame();
                        imgui.Draw()->PushClipRectFullScreen();
                        const Hits hits = DrawBoard(imgui.Draw(), imgui.theme, &view, PartPageId(id, part),
                                                    context, ImVec2(w, h));
                        int door_texts = 0;
                        for (const DrawnText& t : recorder.Record().texts)
                        {
                            if (t.text_class != TextClass::Door)
                                continue;
                            ++door_texts;
                            INFO("\"" << t.shown << "\" at " << t.size << " px");
                            CHECK(DrawnCapPx(t) >= needed - 0.01f);
                            CHECK(t.size <= t.font->FontSize + 0.01f); // no blurry upscaling
                        }
                        CHECK(door_texts >= 1); // the title at least
                        // Where a tile has a short name, its door text is whole: no "…" anywhere in it. (From
                        // 6 m a 43" panel is too small for that: there only the sizes are checked.)
                        for (const Hit& hit : hits)
                        {
                            if (distance_cm > 400.0f)
                                break;
                            const DashboardView* d = view.FindDashboard(id);
                            if (hit.kind != HitKind::Indicator || !d ||
                                d->dashboard->kind != DashboardKind::Team ||
                                IndicatorById(*s, hit.id).short_name.empty())
                                continue;
                            int in_tile = 0;
                            for (const DrawnText& t : recorder.Record().texts)
                                if (t.text_class == TextClass::Door && Inside(t, hit))
                                {
                                    ++in_tile;
                                    INFO("indicator " << hit.id << ": \"" << t.shown << "\"");
                                    CHECK(t.shown.find("…") == std::string::npos);
                                }
                            CHECK(in_tile >= 1); // the short name at least
                        }
                    }
                }
            }
    }
}

TEST_CASE("a team's parts are balanced: none under half full unless it is the only one", "[widgets][layout]")
{
    for (const std::string& plan : DemoPlans())
    {
        const auto s = std::make_shared<const Snapshot>(BuildDemo(plan));
        const BoardView view = ViewLate(s);
        for (const auto& [w, h] : kScreens)
        {
            NullImGui imgui(w, h);
            PageContext context;
            for (const DashboardView& d : view.dashboards)
            {
                if (d.dashboard->kind != DashboardKind::Team)
                    continue;
                const std::string& id = d.dashboard->id;
                const int parts = PlanPage(imgui.theme, view, id, ImVec2(w, h)).parts;
                std::vector<size_t> tiles;
                for (int part = 0; part < parts; ++part)
                {
                    imgui.Draw()->_ResetForNewFrame();
                    imgui.Draw()->PushClipRectFullScreen();
                    const Hits hits = DrawBoard(imgui.Draw(), imgui.theme, &view, PartPageId(id, part),
                                                context, ImVec2(w, h));
                    tiles.push_back(static_cast<size_t>(
                        std::count_if(hits.begin(), hits.end(),
                                      [](const Hit& hit) { return hit.kind == HitKind::Indicator; })));
                }
                INFO(plan << " " << w << "x" << h << " " << id << ": " << parts << " parts");
                const size_t most = *std::max_element(tiles.begin(), tiles.end());
                const size_t least = *std::min_element(tiles.begin(), tiles.end());
                size_t shown = 0;
                for (const size_t count : tiles)
                {
                    shown += count;
                    if (parts > 1)
                        CHECK(count * 2 >= most); // half full at least, against the fullest part
                }
                if (parts < kMaxPageParts)
                {
                    CHECK(shown == d.indicators.size()); // every tile once
                    CHECK(most - least <= 1);            // 7 on two parts: 4 and 3, not 6 and 1
                }
            }
        }
    }
}

TEST_CASE("the team page's action list takes the room its tiles do not need", "[widgets][layout]")
{
    const auto s = std::make_shared<const Snapshot>(BuildDemo("plymouth"));
    const BoardView view = ViewLate(s);
    NullImGui imgui(3840, 2160);
    const ImVec2 screen(3840, 2160);
    const float page_bottom = PageArea(imgui.theme, screen).y;
    size_t checked = 0;
    for (const DashboardView& d : view.dashboards)
    {
        if (d.dashboard->kind != DashboardKind::Team || d.due.size() < 4)
            continue;
        const int parts = PlanPage(imgui.theme, view, d.dashboard->id, screen).parts;
        for (int part = 0; part < parts; ++part)
        {
            imgui.Draw()->_ResetForNewFrame();
            imgui.Draw()->PushClipRectFullScreen();
            const Hits hits =
                DrawBoard(imgui.Draw(), imgui.theme, &view, PartPageId(d.dashboard->id, part), {}, screen);
            float tiles_bottom = 0, rows_bottom = 0;
            size_t rows = 0;
            for (const Hit& hit : hits)
                if (hit.kind == HitKind::Indicator)
                    tiles_bottom = std::max(tiles_bottom, hit.max.y);
                else if (hit.kind == HitKind::Action)
                {
                    rows_bottom = std::max(rows_bottom, hit.max.y);
                    ++rows;
                }
            INFO(PartPageId(d.dashboard->id, part)
                 << ": " << rows << " rows of " << d.due.size() << ", tiles to " << tiles_bottom
                 << ", rows to " << rows_bottom << " of " << page_bottom);
            // The rows fill the page below the tiles: less than three rows' room is left unused, unless
            // every row is shown.
            const float row = imgui.theme.em * 1.5f;
            if (rows < d.due.size())
                CHECK(page_bottom - rows_bottom < row * 3 + imgui.theme.em * 2);
            CHECK(rows_bottom > tiles_bottom);
            ++checked;
        }
    }
    CHECK(checked >= 3);
}

TEST_CASE("a short name is what a tile shows, the full name what it lacks", "[widgets][layout]")
{
    const Snapshot s = BuildDemo("plymouth");
    const Indicator& supervision = IndicatorById(s, "62");
    REQUIRE(supervision.short_name == "Supervision in time – Permanency");
    NullImGui imgui(1920, 1080);
    const TileShape shape{false};
    const float width = imgui.theme.em * 30;
    REQUIRE(TileFits(imgui.theme, supervision, width, shape));
    LayoutRecorder recorder;
    DrawIndicatorTile(imgui.Draw(), imgui.theme, supervision, ImVec2(0, 0),
                      ImVec2(width, TileHeight(imgui.theme, shape)), shape);
    std::string door;
    for (const DrawnText& t : recorder.Record().texts)
        if (t.text_class == TextClass::Door)
            door += t.shown + " ";
    CHECK(door.find("62. Supervision in time") != std::string::npos);
    CHECK(door.find("Permanency") != std::string::npos);
    CHECK(door.find("Percentage") == std::string::npos);
    // Too narrow for the short name in two lines: the layout is told so.
    CHECK_FALSE(TileFits(imgui.theme, supervision, imgui.theme.door * 4, shape));
}

TEST_CASE("the fonts are sized for the door from the glyphs, for any distance", "[widgets][layout]")
{
    float doors[3] = {};
    const float distances[3] = {100.0f, 400.0f, 800.0f};
    for (int i = 0; i < 3; ++i)
    {
        NullImGui imgui(1920, 1080, true, 43.0f, distances[i]);
        doors[i] = imgui.theme.door;
        INFO(distances[i] << " cm: door text " << doors[i] << " px");
        CHECK(CapHeight(imgui.theme.value, doors[i]) >= NeededCapPx(1920, 1080, distances[i]));
        CHECK(doors[i] <= imgui.theme.value->FontSize);   // never scaled up
        CHECK(doors[i] >= imgui.theme.em * 1.6f - 0.01f); // never below the titles' old size
    }
    // At 1 m the floor decides: 1.6 em (28 px at 1080). At 4 m, 20 mm on a 43" 1080p panel is 40.3 px, and
    // DejaVu Bold's capitals are between 0.55 and 0.75 of its size; twice as far, twice the size, give or
    // take the pixel each is rounded up by.
    CHECK(doors[0] == Approx(1080 * 0.026f * 1.6f));
    CHECK(doors[1] > 40.3f / 0.75f);
    CHECK(doors[1] < 40.3f / 0.55f);
    CHECK(doors[2] == Approx(2 * doors[1]).margin(2.0f));
}
