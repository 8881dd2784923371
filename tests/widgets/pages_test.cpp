// Whole pages without a window or GL: parts, bounds, the overdue list's portrait layout, the cue.
#include "widgets/pages.h"

#include "core/rotation.h"
#include "test_support.h"
#include "widgets/null_imgui.h"

using namespace wb;
using namespace wb::widgets;
using namespace wb::test;

namespace
{

const std::vector<std::pair<float, float>> kScreens = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};

std::vector<std::string> PageIds(const Snapshot& s)
{
    std::vector<std::string> ids;
    for (const Dashboard& d : s.dashboards)
        ids.push_back(d.id);
    ids.emplace_back(kOverduePageId);
    return ids;
}

} // namespace

TEST_CASE("a page is split into as many parts as its tiles or rows need", "[widgets][pages]")
{
    const auto s = std::make_shared<const Snapshot>(BuildDemo("plymouth"));
    // As of 2024, every dated action of the 2023 plan is overdue: a long list.
    const BoardView view = BuildBoardView(s, *ParseIsoDate("2024-06-01"));
    REQUIRE(view.overdue.size() > 20);
    for (const auto& [w, h] : kScreens)
    {
        NullImGui imgui(w, h);
        for (const std::string& id : PageIds(*s))
        {
            INFO(w << "x" << h << " " << id);
            const PagePlan plan = PlanPage(imgui.theme, view, id, ImVec2(w, h));
            if (plan.per_part == 0)
            {
                CHECK(plan.parts == 1); // the overview is one page
                continue;
            }
            CHECK(plan.parts >= 1);
            CHECK(plan.parts <= kMaxPageParts);
            // Enough parts for everything (unless capped), and no empty last part.
            if (plan.parts < kMaxPageParts)
                CHECK(static_cast<size_t>(plan.parts) * plan.per_part >= plan.items);
            CHECK(static_cast<size_t>(plan.parts - 1) * plan.per_part < std::max<size_t>(plan.items, 1));
        }
    }
    // Readable sizes decide: the same team needs more parts on a portrait screen than a landscape one
    // of the same size, where tiles sit three abreast.
    NullImGui landscape(1920, 1080);
    const PagePlan wide = PlanPage(landscape.theme, view, "initial-response", ImVec2(1920, 1080));
    CHECK(wide.per_part == 6);
    CHECK(wide.parts == 3);
}

TEST_CASE("every part of every page draws inside the screen", "[widgets][pages]")
{
    const auto s = std::make_shared<const Snapshot>(BuildDemo("plymouth"));
    const BoardView view = BuildBoardView(s, *ParseIsoDate("2024-06-01"));
    for (const auto& [w, h] : kScreens)
    {
        NullImGui imgui(w, h);
        PageContext context;
        context.clock = "14:02";
        context.status_line = "Synced 14:02 · figures as of 17 Apr 2023";
        context.next_page = "Next: Overdue actions in 12 s";
        for (const std::string& id : PageIds(*s))
        {
            const int parts = PlanPage(imgui.theme, view, id, ImVec2(w, h)).parts;
            for (int part = 0; part < parts; ++part)
            {
                INFO(w << "x" << h << " " << PartPageId(id, part));
                imgui.Draw()->_ResetForNewFrame();
                imgui.Draw()->PushClipRectFullScreen();
                DrawBoard(imgui.Draw(), imgui.theme, &view, PartPageId(id, part), context, ImVec2(w, h));
                const Bounds b = BoundsOf(imgui.Draw());
                CHECK(b.min.x >= -1.0f);
                CHECK(b.min.y >= -1.0f);
                CHECK(b.max.x <= w + 1.0f);
                CHECK(b.max.y <= h + 1.0f);
                CHECK(imgui.Draw()->VtxBuffer.Size > 1000); // a page, not a message
            }
        }
    }
}

TEST_CASE("the overdue list takes two lines a row in portrait, so its columns are not squeezed",
          "[widgets][pages]")
{
    const auto s = std::make_shared<const Snapshot>(BuildDemo("plymouth"));
    const BoardView view = BuildBoardView(s, *ParseIsoDate("2024-06-01"));
    NullImGui portrait(1080, 1920);
    const PagePlan tall = PlanPage(portrait.theme, view, "overdue", ImVec2(1080, 1920));
    // 1920 px less the strip, header and margins, at 2.9 em a row (em = 28 px): 20 rows.
    CHECK(tall.per_part == 20);
    // The lead and due date are drawn on the second line of each row, under the action text.
    PageContext context;
    portrait.Draw()->_ResetForNewFrame();
    portrait.Draw()->PushClipRectFullScreen();
    DrawBoard(portrait.Draw(), portrait.theme, &view, "overdue", context, ImVec2(1080, 1920));
    const float em = portrait.theme.em;
    const float first_row = em + em * 3.2f;
    CHECK(HasColourIn(portrait.Draw(), portrait.theme.dim_text, ImVec2(em * 6, first_row + em * 1.4f),
                      ImVec2(em * 20, first_row + em * 2.5f)));
}

TEST_CASE("the status strip says which page is next and when", "[widgets][pages]")
{
    NullImGui imgui(1920, 1080);
    const float em = imgui.theme.em;
    const ImVec2 right_min(1920 * 0.5f, 1080 - em * 1.6f);
    PageContext context;
    context.status_line = "Synced 14:02";
    DrawStatusStrip(imgui.Draw(), imgui.theme, context, ImVec2(0, 0), ImVec2(1920, 1080));
    CHECK_FALSE(HasColourIn(imgui.Draw(), imgui.theme.text, right_min, ImVec2(1920, 1080)));
    context.next_page = "Next: Early Help in 12 s";
    DrawStatusStrip(imgui.Draw(), imgui.theme, context, ImVec2(0, 0), ImVec2(1920, 1080));
    CHECK(HasColourIn(imgui.Draw(), imgui.theme.text, right_min, ImVec2(1920, 1080)));
}

TEST_CASE("page titles, parts included", "[widgets][pages]")
{
    const auto s = std::make_shared<const Snapshot>(BuildDemo("plymouth"));
    const BoardView view = BuildBoardView(s, s->plan.as_of);
    CHECK(PageTitle(view, "overdue") == "Overdue actions");
    CHECK(PageTitle(view, "initial-response.2") == "Initial Response Team, part 2");
    CHECK(PageTitle(view, "no-such-page") == "no-such-page");
}
