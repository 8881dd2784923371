// The drill-down's detail views without a window or GL: bounds at both orientations, the size of the
// Back and Home controls, scrolling clipped to the view, placeholders drawn as text, and the words.
#include "widgets/detail_pages.h"

#include "core/derived.h"
#include "test_support.h"
#include "widgets/null_imgui.h"

#include <set>

using namespace wb;
using namespace wb::widgets;
using namespace wb::test;

namespace
{

const std::vector<std::pair<float, float>> kScreens = {{1920, 1080}, {1080, 1920}};
const float kPxPerMm[] = {2.0f, 5.9f};

void Reset(NullImGui& imgui)
{
    imgui.Draw()->_ResetForNewFrame();
    imgui.Draw()->PushClipRectFullScreen();
}

// Every vertex inside [min, max], allowing 1 px of anti-aliasing fringe.
void CheckInside(const ImDrawList* draw, ImVec2 min, ImVec2 max)
{
    const Bounds b = BoundsOf(draw);
    CHECK(b.min.x >= min.x - 1.0f);
    CHECK(b.min.y >= min.y - 1.0f);
    CHECK(b.max.x <= max.x + 1.0f);
    CHECK(b.max.y <= max.y + 1.0f);
}

void CheckControls(const DetailHits& hits, float px_per_mm, ImVec2 min, ImVec2 max)
{
    const float mm12 = 12.0f * px_per_mm;
    CHECK(hits.back_max.x - hits.back_min.x >= mm12);
    CHECK(hits.back_max.y - hits.back_min.y >= mm12);
    CHECK(hits.home_max.x - hits.home_min.x >= mm12);
    CHECK(hits.home_max.y - hits.home_min.y >= mm12);
    // At the top left, Back first, inside the view, not overlapping.
    CHECK(hits.back_min.x >= min.x);
    CHECK(hits.back_min.y >= min.y);
    CHECK(hits.back_min.x < min.x + (max.x - min.x) * 0.1f);
    CHECK(hits.back_min.y < min.y + (max.y - min.y) * 0.1f);
    CHECK(hits.home_min.x >= hits.back_max.x);
    CHECK(hits.home_max.x <= max.x);
}

size_t CountColour(const ImDrawList* draw, ImU32 colour)
{
    size_t n = 0;
    for (const ImDrawVert& v : draw->VtxBuffer)
        n += v.col == colour;
    return n;
}

Action ActionWithNotes(const std::string& id, int notes)
{
    Action a;
    a.id = a.ref = id;
    a.priority = "1";
    a.outcome = "Children are seen promptly.";
    a.text = "Review every open case each month.";
    a.lead = "HOS Front Door";
    a.rag = "A";
    for (int i = 0; i < notes; ++i)
        a.evidence.push_back(
            {Date{std::chrono::year{2023}, std::chrono::month{static_cast<unsigned>(i % 12 + 1)},
                  std::chrono::day{1}},
             "Note " + std::to_string(i) +
                 ": the weekly audit found most plans up to date; the rest were followed up "
                 "with the team managers and checked again the next week."});
    return a;
}

} // namespace

TEST_CASE("every indicator's detail draws inside its rectangle, with controls of 12 mm at least",
          "[widgets][detail]")
{
    const Snapshot s = BuildDemo("plymouth");
    for (const auto& [w, h] : kScreens)
    {
        NullImGui imgui(w, h);
        for (const float px_per_mm : kPxPerMm)
            for (const Indicator& ind : s.indicators)
            {
                INFO(w << "x" << h << " at " << px_per_mm << " px/mm, indicator " << ind.id);
                Reset(imgui);
                const ImVec2 min(0, 0), max(w, h);
                const DetailHits hits =
                    DrawIndicatorDetail(imgui.Draw(), imgui.theme, s, ind, ind.series,
                                        ActionsMentioning(s, ind), px_per_mm, 0, min, max);
                CheckInside(imgui.Draw(), min, max);
                CheckControls(hits, px_per_mm, min, max);
                CHECK(imgui.Draw()->VtxBuffer.Size > 2000); // a chart, facts and a table, not a message
                CHECK(hits.view_height > imgui.theme.em * 3);
            }
    }
}

TEST_CASE("every action's detail draws inside its rectangle, with controls of 12 mm at least",
          "[widgets][detail]")
{
    const Snapshot s = BuildDemo("plymouth");
    const Date today = *ParseIsoDate("2024-06-01");
    for (const auto& [w, h] : kScreens)
    {
        NullImGui imgui(w, h);
        for (const float px_per_mm : kPxPerMm)
            for (const Action& a : s.actions)
            {
                INFO(w << "x" << h << " at " << px_per_mm << " px/mm, action " << a.id);
                Reset(imgui);
                const ImVec2 min(0, 0), max(w, h);
                const DetailHits hits =
                    DrawActionDetail(imgui.Draw(), imgui.theme, s, a, today, px_per_mm, 0, min, max);
                CheckInside(imgui.Draw(), min, max);
                CheckControls(hits, px_per_mm, min, max);
                CHECK(imgui.Draw()->VtxBuffer.Size > 1000);
                for (const ActionHit& hit : hits.actions)
                {
                    CHECK(hit.min.y >= min.y);
                    CHECK(hit.max.y <= max.y);
                    CHECK(hit.action_id != a.id);
                }
            }
    }
}

TEST_CASE("a detail view keeps to a rectangle that does not start at the origin", "[widgets][detail]")
{
    const Snapshot s = BuildDemo("plymouth");
    NullImGui imgui(1920, 1080);
    const ImVec2 min(300, 120), max(1700, 1000);
    const Indicator& ind = IndicatorById(s, "29"); // figures, a placeholder and a month left blank
    Reset(imgui);
    DetailHits hits =
        DrawIndicatorDetail(imgui.Draw(), imgui.theme, s, ind, ind.series, {}, 8.0f, 0, min, max);
    CheckInside(imgui.Draw(), min, max);
    CheckControls(hits, 8.0f, min, max); // 96 px: larger than 2.5 em, and the layout makes room
    Reset(imgui);
    hits =
        DrawActionDetail(imgui.Draw(), imgui.theme, s, s.actions.front(), s.plan.as_of, 8.0f, 1e6f, min, max);
    CheckInside(imgui.Draw(), min, max);
    CheckControls(hits, 8.0f, min, max);
}

TEST_CASE("evidence that overflows the view scrolls, clipped to the view", "[widgets][detail]")
{
    Snapshot s = BuildDemo("plymouth");
    s.actions.push_back(ActionWithNotes("9.9", 30));
    for (const auto& [w, h] : kScreens)
    {
        NullImGui imgui(w, h);
        const ImVec2 min(0, 0), max(w, h);
        INFO(w << "x" << h);
        // A demo action whose notes overflow the view, and the hand-built one with thirty notes.
        std::vector<const Action*> overflowing;
        for (const Action& a : s.actions)
        {
            if (a.evidence.empty())
                continue;
            Reset(imgui);
            const DetailHits hits =
                DrawActionDetail(imgui.Draw(), imgui.theme, s, a, s.plan.as_of, 2.0f, 0, min, max);
            if (hits.content_height > hits.view_height)
                overflowing.push_back(&a);
        }
        REQUIRE_FALSE(overflowing.empty());
        CHECK(overflowing.back()->id == "9.9");
        for (const Action* a : overflowing)
        {
            INFO("action " << a->id);
            Reset(imgui);
            const DetailHits top =
                DrawActionDetail(imgui.Draw(), imgui.theme, s, *a, s.plan.as_of, 2.0f, 0, min, max);
            const ImVector<ImDrawVert> at_top = imgui.Draw()->VtxBuffer;
            REQUIRE(top.MaxScroll() > 0);
            Reset(imgui);
            const DetailHits bottom = DrawActionDetail(imgui.Draw(), imgui.theme, s, *a, s.plan.as_of, 2.0f,
                                                       top.content_height - top.view_height, min, max);
            CheckInside(imgui.Draw(), min, max);
            CHECK(bottom.content_height == top.content_height);
            // The content moved: the vertices differ from the unscrolled frame.
            const ImVector<ImDrawVert>& at_bottom = imgui.Draw()->VtxBuffer;
            bool moved = at_bottom.Size != at_top.Size;
            for (int i = 0; !moved && i < at_bottom.Size; ++i)
                moved = at_bottom[i].pos.y != at_top[i].pos.y;
            CHECK(moved);
            // Scrolling further than the content draws the same as scrolling to its end.
            const ImVector<ImDrawVert> at_end = imgui.Draw()->VtxBuffer;
            Reset(imgui);
            DrawActionDetail(imgui.Draw(), imgui.theme, s, *a, s.plan.as_of, 2.0f, top.content_height * 3,
                             min, max);
            CheckInside(imgui.Draw(), min, max);
            REQUIRE(imgui.Draw()->VtxBuffer.Size == at_end.Size);
            bool same = true;
            for (int i = 0; same && i < at_end.Size; ++i)
                same = imgui.Draw()->VtxBuffer[i].pos.y == at_end[i].pos.y;
            CHECK(same);
        }
        // A row with a short text and one note fits: nothing to scroll.
        Snapshot small = s;
        small.actions = {ActionWithNotes("1.1", 1)};
        Reset(imgui);
        const DetailHits fits = DrawActionDetail(imgui.Draw(), imgui.theme, small, small.actions[0],
                                                 s.plan.as_of, 2.0f, 0, min, max);
        CHECK(fits.content_height > 0);
        CHECK(fits.MaxScroll() == 0);
    }
}

TEST_CASE("an indicator's long history scrolls its table, clipped to the view", "[widgets][detail]")
{
    const Snapshot s = BuildDemo("plymouth");
    const Indicator& ind = IndicatorById(s, "12");
    // Five years in the cache, longer than the snapshot's eight months.
    std::vector<PeriodValue> history;
    for (int i = 0; i < 60; ++i)
        history.push_back({Period{2018 + i / 12, i % 12 + 1}, 50.0 + i * 0.25, ""});
    NullImGui imgui(1920, 1080);
    const ImVec2 min(0, 0), max(1920, 1080);
    Reset(imgui);
    const DetailHits top =
        DrawIndicatorDetail(imgui.Draw(), imgui.theme, s, ind, history, {}, 2.0f, 0, min, max);
    CHECK(top.content_height > top.view_height);
    Reset(imgui);
    DrawIndicatorDetail(imgui.Draw(), imgui.theme, s, ind, history, {}, 2.0f, top.MaxScroll(), min, max);
    CheckInside(imgui.Draw(), min, max);
    // The snapshot's own eight months fit without scrolling.
    Reset(imgui);
    const DetailHits own = DrawIndicatorDetail(imgui.Draw(), imgui.theme, s, ind, {}, {}, 2.0f, 0, min, max);
    CHECK(own.MaxScroll() == 0);
    CHECK(own.content_height < top.content_height);
}

TEST_CASE("a placeholder month is drawn as its text in the dim colour, not as a figure", "[widgets][detail]")
{
    const Snapshot s = BuildDemo("plymouth");
    const Indicator& ind = IndicatorById(s, "29"); // Oct-22 "Not available"
    auto placeholder =
        std::find_if(ind.series.begin(), ind.series.end(), [](const PeriodValue& pv) { return !pv.value; });
    REQUIRE(placeholder != ind.series.end());
    REQUIRE(placeholder->placeholder == "Not available");
    NullImGui imgui(1920, 1080);
    const ImVec2 min(0, 0), max(1920, 1080);
    Reset(imgui);
    DrawIndicatorDetail(imgui.Draw(), imgui.theme, s, ind, ind.series, {}, 2.0f, 0, min, max);
    const size_t with_text = CountColour(imgui.Draw(), imgui.theme.dim_text);
    // The same month with a figure instead: the placeholder's glyphs (4 vertices each) are gone.
    std::vector<PeriodValue> filled = ind.series;
    filled[static_cast<size_t>(placeholder - ind.series.begin())] = {placeholder->period, 12.5, ""};
    Reset(imgui);
    DrawIndicatorDetail(imgui.Draw(), imgui.theme, s, ind, filled, {}, 2.0f, 0, min, max);
    const size_t without_text = CountColour(imgui.Draw(), imgui.theme.dim_text);
    CHECK(with_text >= without_text + 4 * std::string("Notavailable").size());

    // An indicator with no figures at all says so, with the plan's words, in the dim colour.
    const Indicator& none = IndicatorById(s, "2"); // "Report development required"
    Reset(imgui);
    DrawIndicatorDetail(imgui.Draw(), imgui.theme, s, none, none.series, {}, 2.0f, 0, min, max);
    CHECK(CountColour(imgui.Draw(), imgui.theme.dim_text) >
          4 * std::string("Reportdevelopmentrequired").size());
}

TEST_CASE("an overdue action says so in the warning colour, and the same action in time does not",
          "[widgets][detail]")
{
    const Snapshot s = BuildDemo("plymouth");
    const Action* a = nullptr;
    for (const Action& candidate : s.actions)
        if (candidate.due.kind == DueKind::OnDate && !candidate.priority_action &&
            !IsDone(candidate, s.rag_key))
        {
            a = &candidate;
            break;
        }
    REQUIRE(a);
    const Date due = *EffectiveDueDate(*a, s.plan);
    NullImGui imgui(1920, 1080);
    const ImVec2 min(0, 0), max(1920, 1080);
    Reset(imgui);
    DrawActionDetail(imgui.Draw(), imgui.theme, s, *a, std::chrono::sys_days(due) + std::chrono::days(40),
                     2.0f, 0, min, max);
    CHECK(CountColour(imgui.Draw(), imgui.theme.bad) > 0);
    Reset(imgui);
    DrawActionDetail(imgui.Draw(), imgui.theme, s, *a, std::chrono::sys_days(due) - std::chrono::days(40),
                     2.0f, 0, min, max);
    CHECK(CountColour(imgui.Draw(), imgui.theme.bad) == 0);
}

TEST_CASE("taps find Back, Home and the rows naming other actions", "[widgets][detail]")
{
    const Snapshot s = BuildDemo("plymouth");
    const Action* shared = nullptr; // a row whose ref has two other rows (2.6 has three)
    for (const Action& a : s.actions)
        if (std::count_if(s.actions.begin(), s.actions.end(),
                          [&](const Action& b) { return b.ref == a.ref; }) == 3)
        {
            shared = &a;
            break;
        }
    REQUIRE(shared);
    NullImGui imgui(1920, 1080);
    const auto centre = [](ImVec2 a, ImVec2 b) { return ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f); };
    // A tall rectangle, so everything fits and every row is visible.
    Reset(imgui);
    const DetailHits hits = DrawActionDetail(imgui.Draw(), imgui.theme, s, *shared, s.plan.as_of, 2.0f, 0,
                                             ImVec2(0, 0), ImVec2(1920, 4000));
    CHECK(hits.MaxScroll() == 0);
    std::set<std::string> ids;
    for (const ActionHit& hit : hits.actions)
    {
        ids.insert(hit.action_id);
        const DetailTap tap = HitTestDetail(hits, centre(hit.min, hit.max));
        CHECK(tap.kind == DetailTapKind::Action);
        CHECK(tap.action_id == hit.action_id);
    }
    std::set<std::string> expected;
    for (const Action& a : s.actions)
        if (a.ref == shared->ref && a.id != shared->id)
            expected.insert(a.id);
    CHECK(ids == expected);
    CHECK(HitTestDetail(hits, centre(hits.back_min, hits.back_max)).kind == DetailTapKind::Back);
    CHECK(HitTestDetail(hits, centre(hits.home_min, hits.home_max)).kind == DetailTapKind::Home);
    CHECK(HitTestDetail(hits, ImVec2(1900, 3990)).kind == DetailTapKind::None);

    // The actions mentioning an indicator are rows to tap too.
    const Indicator& ind = IndicatorById(s, "12");
    Reset(imgui);
    const DetailHits indicator_hits =
        DrawIndicatorDetail(imgui.Draw(), imgui.theme, s, ind, ind.series, {&s.actions[0], &s.actions[1]},
                            2.0f, 0, ImVec2(0, 0), ImVec2(1920, 1080));
    REQUIRE(indicator_hits.actions.size() == 2);
    CHECK(HitTestDetail(indicator_hits, centre(indicator_hits.actions[1].min, indicator_hits.actions[1].max))
              .action_id == s.actions[1].id);
}
