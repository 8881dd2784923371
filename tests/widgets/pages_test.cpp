// Whole pages without a window or GL: parts, bounds, the overdue list's portrait layout, the cue.
#include "widgets/pages.h"

#include "core/changes.h"
#include "core/rotation.h"
#include "test_support.h"
#include "widgets/changes_page.h"
#include "widgets/detail_pages.h"
#include "widgets/null_imgui.h"

#include <chrono>
#include <sstream>

using namespace wb;
using namespace wb::widgets;
using namespace wb::test;

namespace
{

const std::vector<std::pair<float, float>> kScreens = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};

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
    // Door sizes decide. At 1920x1080 (43", 4 m: em 28 px, door text 64 px) a tile whose status sits
    // beside its figure needs about 920 px by 271 px: two abreast, two rows above the action list. So
    // Initial Response's 13 indicators take four parts, shared 4, 3, 3, 3.
    NullImGui landscape(1920, 1080);
    const PagePlan wide = PlanPage(landscape.theme, view, "initial-response", ImVec2(1920, 1080));
    CHECK(wide.items == 13);
    CHECK(wide.per_part == 4);
    CHECK(wide.parts == 4);
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
    // 1920 px less the strip, header and margins, at 2.9 em a row (em = 28 px): 20 rows a part at most,
    // shared evenly between the parts.
    const size_t parts = (view.overdue.size() + 19) / 20;
    CHECK(tall.parts == static_cast<int>(parts));
    // Refs of several rows take a line per row, so a part holds at most 20 entries, and all fit.
    CHECK(tall.per_part <= 20);
    CHECK(tall.per_part * parts >= view.overdue.size());
    // The lead and due date are drawn on the second line of each row, under the action text.
    PageContext context;
    portrait.Draw()->_ResetForNewFrame();
    portrait.Draw()->PushClipRectFullScreen();
    DrawBoard(portrait.Draw(), portrait.theme, &view, "overdue", context, ImVec2(1080, 1920));
    const float em = portrait.theme.em;
    float first_row = em + portrait.theme.door + em * 1.6f; // under the title and the plan line
    // The first ref of one row is below the refs of several before it: a line each, and a line per row.
    for (size_t i = 0; i < view.overdue.size() && view.overdue[i].rows.size() > 1; ++i)
        first_row += em * 1.5f * static_cast<float>(view.overdue[i].rows.size() + 1);
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

// ---- Every demo plan, as its authors wrote it: codes and refs whole, no badge over text -------------

namespace
{

bool Overlap(ImVec2 a_min, ImVec2 a_max, ImVec2 b_min, ImVec2 b_max)
{
    const float slack = 1.0f; // anti-aliasing and rounding, not overlap
    return a_min.x < b_max.x - slack && b_min.x < a_max.x - slack && a_min.y < b_max.y - slack &&
           b_min.y < a_max.y - slack;
}

bool Within(ImVec2 min, ImVec2 max, ImVec2 outer_min, ImVec2 outer_max)
{
    return min.x >= outer_min.x - 1.0f && min.y >= outer_min.y - 1.0f && max.x <= outer_max.x + 1.0f &&
           max.y <= outer_max.y + 1.0f;
}

std::string Describe(const DrawnText& t)
{
    std::ostringstream out;
    out << "\"" << t.shown << "\" at (" << t.min.x << ", " << t.min.y << ")-(" << t.max.x << ", " << t.max.y
        << ")";
    return out.str();
}

// What a layout must never do: a code or ref drawn cut, or a code or ref or badge overlapping other text.
// Returns the first fault, or empty.
std::string LayoutFault(const LayoutRecord& record)
{
    const auto& texts = record.texts;
    for (size_t i = 0; i < texts.size(); ++i)
    {
        const DrawnText& t = texts[i];
        if (t.role == TextRole::Plain)
            continue;
        if (t.shown.find("…") != std::string::npos)
            return "cut: " + Describe(t);
        if (t.shown != t.whole && (t.role == TextRole::Ref || t.shown != t.alternative))
            return "not whole: " + Describe(t) + ", not \"" + t.whole + "\"";
        for (size_t j = 0; j < texts.size(); ++j)
            if (j != i && Overlap(t.min, t.max, texts[j].min, texts[j].max))
                return "overlap: " + Describe(t) + " and " + Describe(texts[j]);
    }
    for (const DrawnBadge& b : record.badges)
        for (const DrawnText& t : texts)
            if (Overlap(b.min, b.max, t.min, t.max) &&
                !(t.role == TextRole::Code && Within(t.min, t.max, b.min, b.max)))
                return "badge under text: " + Describe(t);
    return "";
}

// The plan's key in words, one of them long and with no short form: the widest codes a key may have.
std::vector<RagLevel> WordKey()
{
    return {{"Not started", "Not started", "#7F8C8D", "Work has not begun", false, "NS"},
            {"Off track", "Off track", "#C0392B", "Will miss its date without help", false, "OFF"},
            {"Proceeding to plan", "Proceeding to plan", "#27AE60", "In progress as planned", false, ""},
            {"Complete", "Complete", "#2E86C1", "Done", true, "DONE"}};
}

// A demo plan as built, and the same plan with every row rated (some not), in its own key and in words.
std::vector<std::pair<std::string, Snapshot>> Variants(const std::string& plan)
{
    std::vector<std::pair<std::string, Snapshot>> variants;
    const Snapshot built = BuildDemo(plan);
    variants.emplace_back(plan, built);
    for (const bool words : {false, true})
    {
        Snapshot s = built;
        if (words)
            s.rag_key = WordKey();
        for (size_t i = 0; i < s.actions.size(); ++i)
            s.actions[i].rag = i % 7 == 6 ? "" : s.rag_key[i % s.rag_key.size()].code;
        for (Indicator& ind : s.indicators) // a measure in words gets words
            if (ind.unit == Unit::Text && ind.series.empty())
                ind.series.push_back({{2019, 9}, std::nullopt, "Protocol agreed and in place across teams"});
        variants.emplace_back(plan + (words ? " rated in words" : " rated"), std::move(s));
    }
    return variants;
}

} // namespace

TEST_CASE("every page of every demo plan shows codes and refs whole, and no badge over text",
          "[widgets][seeds]")
{
    const std::vector<std::string> plans = DemoPlans();
    REQUIRE(plans.size() >= 5);
    for (const std::string& plan : plans)
        for (const auto& [name, snapshot] : Variants(plan))
        {
            const auto s = std::make_shared<const Snapshot>(snapshot);
            // A year and more on: every dated action of these plans is overdue, the longest lists.
            const Date today = Date{std::chrono::sys_days(s->plan.as_of) + std::chrono::days(400)};
            const BoardView view = BuildBoardView(s, today);
            Snapshot before = snapshot;
            for (Action& a : before.actions)
                a.rag = a.rag.empty() ? s->rag_key.front().code : "";
            const Changes changes = CompareSnapshots(before, *s, today);
            for (const auto& [w, h] : kScreens)
            {
                NullImGui imgui(w, h);
                PageContext context;
                context.clock = "14:02";
                context.status_line = "Synced 14:02";
                LayoutRecorder recorder;
                // Copies: clang 14 (the sanitized build) cannot capture structured bindings.
                const auto check = [&, screen = name, width = w, height = h](const std::string& what)
                {
                    INFO(screen << " " << width << "x" << height << " " << what);
                    CHECK(LayoutFault(recorder.Record()) == "");
                    recorder.Clear();
                    imgui.Draw()->_ResetForNewFrame();
                    imgui.Draw()->PushClipRectFullScreen();
                };
                check("start");
                for (const std::string& id : PageIds(*s))
                {
                    const int parts = PlanPage(imgui.theme, view, id, ImVec2(w, h)).parts;
                    for (int part = 0; part < parts; ++part)
                    {
                        DrawBoard(imgui.Draw(), imgui.theme, &view, PartPageId(id, part), context,
                                  ImVec2(w, h));
                        check(PartPageId(id, part));
                    }
                }
                DrawChangesPage(imgui.Draw(), imgui.theme, *s, changes, "the month before", ImVec2(0, 0),
                                PageArea(imgui.theme, ImVec2(w, h)));
                check("changes");
                for (size_t i = 0; i < s->actions.size(); i += 5)
                {
                    DrawActionDetail(imgui.Draw(), imgui.theme, *s, s->actions[i], today, 4.0f, 0.0f,
                                     ImVec2(0, 0), ImVec2(w, h));
                    check("action " + s->actions[i].id);
                }
                for (size_t i = 0; i < s->indicators.size(); i += 5)
                {
                    const Indicator& ind = s->indicators[i];
                    DrawIndicatorDetail(imgui.Draw(), imgui.theme, *s, ind, {}, ActionsMentioning(*s, ind),
                                        4.0f, 0.0f, ImVec2(0, 0), ImVec2(w, h));
                    check("indicator " + ind.id);
                }
            }
        }
}

TEST_CASE("the layout check finds a cut ref and a badge over text", "[widgets][seeds]")
{
    NullImGui imgui(1920, 1080);
    LayoutRecorder recorder;
    // A ref cut by the plain clipped text, as the lists drew refs before: found.
    DrawClippedText(imgui.Draw(), imgui.theme.bold, imgui.theme.em, ImVec2(0, 0),
                    ImVec2(imgui.theme.em * 2, 40), imgui.theme.text, "Objective 1.1");
    RecordText(imgui.theme.bold, imgui.theme.em, ImVec2(0, 0), "Obj…", "Objective 1.1", TextRole::Ref);
    CHECK(LayoutFault(recorder.Record()).rfind("cut", 0) == 0);
    recorder.Clear();
    // A badge with text over it: found; the same text beside it: fine.
    const RagLevel level{"On track", "On track", "#27AE60", "", false, "OT"};
    DrawRagBadge(imgui.Draw(), imgui.theme, ImVec2(0, 0), ImVec2(60, 30), &level);
    DrawText(imgui.Draw(), imgui.theme.body, imgui.theme.em, ImVec2(70, 5), imgui.theme.text, "12");
    CHECK(LayoutFault(recorder.Record()) == "");
    DrawText(imgui.Draw(), imgui.theme.body, imgui.theme.em, ImVec2(40, 5), imgui.theme.text, "12");
    CHECK(LayoutFault(recorder.Record()) != "");
}

TEST_CASE("a code is shown whole where it fits and in its short form where it does not", "[widgets][seeds]")
{
    NullImGui imgui(1920, 1080);
    const Theme& theme = imgui.theme;
    const RagLevel level{"On track", "On track", "#27AE60", "", false, "OT"};
    const float whole = theme.bold->CalcTextSizeA(theme.em, FLT_MAX, 0.0f, "On track").x;
    CHECK(CodeToFit(theme, &level, theme.em, whole + 1) == "On track");
    CHECK(CodeToFit(theme, &level, theme.em, whole - 1) == "OT");
    RagLevel no_short = level;
    no_short.short_code.clear();
    CHECK(CodeToFit(theme, &no_short, theme.em, 1) == "On track"); // never cut: the badge grows instead
    CHECK(BadgeWidth(theme, &no_short, theme.em * 1.3f, theme.em * 2) > whole * 0.9f);
    CHECK(BadgeWidth(theme, &level, theme.em * 1.3f, theme.em * 3) < theme.em * 3);

    // A badge sized to fit the whole code keeps it whole wherever it is drawn: the portrait legend got
    // back (x + width) - x a hair short of the width it asked for, and showed "DONE" for "Complete".
    const RagLevel complete{"Complete", "Complete", "#2E86C1", "", true, "DONE"};
    const float height = theme.em * 1.5f;
    const float size = BadgeTextSize(theme, height);
    const float width = BadgeWidth(theme, &complete, height, theme.em * 20);
    int shortened = 0;
    for (float x = 0; x < 4000; x += 0.37f)
        shortened += CodeToFit(theme, &complete, size, ((x + width) - x) - theme.em * 0.5f) != "Complete";
    CHECK(shortened == 0);
}
