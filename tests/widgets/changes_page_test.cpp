// The "What changed since" page without a window or GL: bounds, RAG colours, and empty lists in words.
#include "widgets/changes_page.h"

#include "test_support.h"
#include "widgets/null_imgui.h"

using namespace wb;
using namespace wb::widgets;
using namespace wb::test;

namespace
{

// The Plymouth demo a month on, with many ratings changed and many figures moved: long lists.
struct DemoChanges
{
    Snapshot before = BuildDemo("plymouth");
    Snapshot after = BuildDemo("plymouth");
    Changes changes;

    DemoChanges()
    {
        before.plan.as_of = *ParseIsoDate("2023-03-17");
        for (size_t i = 0; i < after.actions.size(); ++i)
            after.actions[i].rag = after.actions[i].rag == "E" ? "A" : (i % 3 == 0 ? "G" : "");
        for (Indicator& ind : after.indicators)
            for (PeriodValue& pv : ind.series)
                if (pv.value)
                    *pv.value *= 1.3;
        // A year on, most of the plan's dated actions are overdue.
        changes = CompareSnapshots(before, after, *ParseIsoDate("2024-06-01"), {20, {}});
    }
};

ImU32 Colour(const Snapshot& s, const std::string& code)
{
    for (const RagLevel& level : s.rag_key)
        if (level.code == code)
            return ColourFromHex(level.colour);
    FAIL("no level " << code);
    return 0;
}

} // namespace

TEST_CASE("the changes page draws inside its rectangle, landscape and portrait", "[widgets][changes]")
{
    const DemoChanges demo;
    REQUIRE(demo.changes.ratings.size() > 20);
    REQUIRE(demo.changes.newly_overdue.size() > 20);
    REQUIRE(demo.changes.crossed.size() > 5);
    REQUIRE(demo.changes.moved.size() == 20);
    const Changes nothing;
    for (const auto& [w, h] : std::vector<std::pair<float, float>>{{1920, 1080}, {1080, 1920}, {1280, 720}})
    {
        NullImGui imgui(w, h);
        // The caller keeps the status strip at the foot; the page gets the rest.
        const ImVec2 min(0, 0);
        const ImVec2 max(w, h - imgui.theme.em * 2.6f);
        for (const Changes* changes : {&demo.changes, &nothing})
        {
            INFO(w << "x" << h << (changes == &nothing ? " nothing changed" : " long lists"));
            imgui.Draw()->_ResetForNewFrame();
            imgui.Draw()->PushClipRectFullScreen();
            DrawChangesPage(imgui.Draw(), imgui.theme, demo.after, *changes, "17 Mar 2023", min, max);
            const Bounds b = BoundsOf(imgui.Draw());
            CHECK(b.min.x >= min.x - 1.0f);
            CHECK(b.min.y >= min.y - 1.0f);
            CHECK(b.max.x <= max.x + 1.0f);
            CHECK(b.max.y <= max.y + 1.0f);
            CHECK(imgui.Draw()->VtxBuffer.Size > 500);
        }
    }
}

TEST_CASE("a rating change shows the plan's colours of both ratings", "[widgets][changes]")
{
    Snapshot before = BuildDemo("plymouth");
    Snapshot after = before;
    for (Action& a : after.actions)
        if (a.id == "4.4")
            a.rag = "R"; // E -> R
    const Changes changes = CompareSnapshots(before, after, after.plan.as_of);
    REQUIRE(changes.ratings.size() == 1);
    NullImGui imgui(1920, 1080);
    const ImVec2 max(1920, 1080 - imgui.theme.em * 2.6f);
    const ImU32 amber_e = Colour(after, "E");
    const ImU32 red = Colour(after, "R");
    CHECK_FALSE(HasColourIn(imgui.Draw(), amber_e, ImVec2(0, 0), max));
    CHECK_FALSE(HasColourIn(imgui.Draw(), red, ImVec2(0, 0), max));
    DrawChangesPage(imgui.Draw(), imgui.theme, after, changes, "the previous snapshot", ImVec2(0, 0), max);
    // The badges sit at the left of the first column, under the title and the section heading.
    const float em = imgui.theme.em;
    const ImVec2 row_min(em, em * (1 + 3.8f + 1.7f) - 1);
    const ImVec2 row_max(em * 5, row_min.y + em * 1.5f);
    CHECK(HasColourIn(imgui.Draw(), amber_e, row_min, row_max));
    CHECK(HasColourIn(imgui.Draw(), red, row_min, row_max));
    // Moving back is bad: the arrow between them says so.
    CHECK(HasColourIn(imgui.Draw(), imgui.theme.bad, row_min, row_max));
    CHECK_FALSE(HasColourIn(imgui.Draw(), imgui.theme.good, row_min, row_max));
}

TEST_CASE("an empty list says so in words", "[widgets][changes]")
{
    const Snapshot s = BuildDemo("plymouth");
    const Changes nothing = CompareSnapshots(s, s, s.plan.as_of);
    NullImGui imgui(1920, 1080);
    const float em = imgui.theme.em;
    const ImVec2 max(1920, 1080 - em * 2.6f);
    DrawChangesPage(imgui.Draw(), imgui.theme, s, nothing, "17 Mar 2023", ImVec2(0, 0), max);
    // "No rating changed." under the first heading, in the dimmed text colour.
    const float y = em * (1 + 3.8f + 1.7f);
    CHECK(HasColourIn(imgui.Draw(), imgui.theme.dim_text, ImVec2(em, y - 1), ImVec2(em * 12, y + em + 1)));
    // No row was drawn: no badge, no arrow.
    CHECK_FALSE(HasColourIn(imgui.Draw(), imgui.theme.good, ImVec2(0, 0), max));
    CHECK_FALSE(HasColourIn(imgui.Draw(), imgui.theme.bad, ImVec2(0, 0), max));
}

TEST_CASE("every row of the changes page opens what it names", "[widgets][changes][lists]")
{
    const DemoChanges demo;
    NullImGui imgui(1920, 1080);
    Hits hits;
    {
        LayoutRecorder recorder;
        DrawChangesPage(imgui.Draw(), imgui.theme, demo.after, demo.changes, "17 Mar 2023", ImVec2(0, 0),
                        ImVec2(1920, 1000), &hits);
        // Each row drawn has one hit, with the ref or id the row shows drawn inside it.
        REQUIRE(hits.size() > 8);
        for (const Hit& hit : hits)
        {
            INFO(hit.id);
            const auto names = [&](const DrawnText& t)
            {
                const float cx = (t.min.x + t.max.x) * 0.5f, cy = (t.min.y + t.max.y) * 0.5f;
                const bool inside = cx >= hit.min.x && cx < hit.max.x && cy >= hit.min.y && cy < hit.max.y;
                return inside && (t.whole == hit.id || t.whole.starts_with(hit.id + ". "));
            };
            CHECK(std::any_of(recorder.Record().texts.begin(), recorder.Record().texts.end(), names));
        }
    }
    // Rating changes and newly overdue open actions (a ref of several rows: the ref, whose rows it lists);
    // crossings and moves open indicators.
    CHECK(std::any_of(hits.begin(), hits.end(), [](const Hit& h) { return h.kind == HitKind::Action; }));
    CHECK(std::any_of(hits.begin(), hits.end(), [](const Hit& h) { return h.kind == HitKind::Indicator; }));
}
