// Every number opens what it counts (issue 10): the count test walks every page of every demo plan and
// taps each number drawn with a hit, then counts the entries of the list it opened from what that list
// draws; the touch tests go overview → priority → action → evidence and back, and tap every "and N more";
// and every kind of id, known or not, shows a page rather than crashing.
#include "core/rotation.h"
#include "widgets/screen.h"

#include "test_support.h"
#include "widgets/null_imgui.h"
#include "widgets/screen_data.h"

#include <cctype>
#include <optional>
#include <set>

using namespace wb;
using namespace wb::widgets;
using namespace wb::test;

namespace
{

Gesture Tap(const Hit& hit)
{
    return {GestureKind::Tap, (hit.min.x + hit.max.x) * 0.5f, (hit.min.y + hit.max.y) * 0.5f};
}

void Frame(NullImGui& imgui, Screen& screen, const Navigation& navigation, ImVec2 size, Date today)
{
    imgui.Draw()->_ResetForNewFrame();
    imgui.Draw()->PushClipRectFullScreen();
    PageContext context;
    context.today = today;
    context.clock = "14:02";
    screen.Draw(imgui.Draw(), imgui.theme, navigation, context, size, 3.0f, 0.0);
}

// The number a count's text shows: "5 overdue" 5, "none overdue" 0, "On track 3" 3, "and 6 more" 6 (with
// `more` set); empty for text that is no count ("2. Workforce").
std::optional<int> CountIn(const std::string& text, bool& more)
{
    more = text.starts_with("and ");
    if (text == "none overdue")
        return 0;
    size_t digits = more ? 4 : text.size();
    if (more)
        while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])))
            ++digits;
    else
        while (digits > 0 && std::isdigit(static_cast<unsigned char>(text[digits - 1])))
            --digits;
    if (text.ends_with(" overdue"))
    {
        const std::string number = text.substr(0, text.size() - 8);
        if (!number.empty() && std::all_of(number.begin(), number.end(), ::isdigit))
            return std::stoi(number);
        return std::nullopt;
    }
    if (more)
        return digits > 4 ? std::optional<int>(std::stoi(text.substr(4, digits - 4))) : std::nullopt;
    return digits < text.size() ? std::optional<int>(std::stoi(text.substr(digits))) : std::nullopt;
}

// What an entry of a list is, from what its row opens: an action row counts as its ref (the ref's own line
// and the rows under it are one entry), an indicator as itself.
std::string EntryOf(const Snapshot& s, const Hit& hit)
{
    if (hit.kind == HitKind::Action)
        for (const Action& a : s.actions)
            if (a.id == hit.id)
                return "ref " + a.ref;
    return (hit.kind == HitKind::Indicator ? "indicator " : "ref ") + hit.id;
}

// The entries of the list view on screen, scrolled through to its end.
std::set<std::string> EntriesShown(NullImGui& imgui, Screen& screen, Navigation& navigation, ImVec2 size,
                                   Date today, const Snapshot& s)
{
    std::set<std::string> entries;
    for (int step = 0; step < 200; ++step)
    {
        Frame(imgui, screen, navigation, size, today);
        for (const Hit& row : screen.ListRows())
            entries.insert(EntryOf(s, row));
        if (!screen.Apply({GestureKind::ScrollBy, size.x * 0.5f, size.y * 0.5f, -size.y * 0.3f}, navigation,
                          1.0))
            break;
    }
    return entries;
}

struct Page
{
    std::string id;
    Hits hits;
    LayoutRecord layout;
};

// Every part of every page of the plan, as drawn.
std::vector<Page> DrawEveryPage(NullImGui& imgui, const BoardView& view, ImVec2 size)
{
    std::vector<Page> pages;
    std::vector<std::string> ids;
    for (const Dashboard& d : view.snapshot->dashboards)
        ids.push_back(d.id);
    ids.emplace_back(kOverduePageId);
    for (const std::string& id : ids)
    {
        const int parts = PlanPage(imgui.theme, view, id, size).parts;
        for (int part = 0; part < parts; ++part)
        {
            const std::string page_id = part == 0 ? id : id + "." + std::to_string(part + 1);
            LayoutRecorder recorder;
            imgui.Draw()->_ResetForNewFrame();
            imgui.Draw()->PushClipRectFullScreen();
            Hits hits = DrawBoard(imgui.Draw(), imgui.theme, &view, page_id, {}, size);
            pages.push_back({page_id, std::move(hits), recorder.Record()});
        }
    }
    return pages;
}

bool Inside(const DrawnText& text, const Hit& hit)
{
    const ImVec2 c((text.min.x + text.max.x) * 0.5f, (text.min.y + text.max.y) * 0.5f);
    return c.x >= hit.min.x && c.x < hit.max.x && c.y >= hit.min.y && c.y < hit.max.y;
}

bool IsList(const Hit& hit)
{
    return hit.kind == HitKind::Actions || hit.kind == HitKind::Indicators;
}

} // namespace

TEST_CASE("every number drawn with a hit opens a list of exactly that many entries", "[widgets][lists]")
{
    int checked = 0, more_checked = 0;
    for (const std::string& plan : DemoPlans())
    {
        const auto snapshot = std::make_shared<const Snapshot>(BuildDemo(plan));
        for (const Date today : {snapshot->plan.as_of,
                                 Date(std::chrono::sys_days(snapshot->plan.as_of) + std::chrono::days(365))})
            for (const ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920)})
            {
                INFO(plan << " as of " << FormatIsoDate(today) << " at " << size.x << "x" << size.y);
                NullImGui imgui(size.x, size.y);
                const auto view = std::make_shared<const BoardView>(BuildBoardView(snapshot, today));
                const std::vector<Page> pages = DrawEveryPage(imgui, *view, size);
                // What each page (all its parts, for the overdue page) drew of its lists' entries: action
                // rows (team pages' tiles are not in a list) and, on the overview, indicator rows.
                std::map<std::string, std::set<std::string>> drawn_entries;
                for (const Page& page : pages)
                    for (const Hit& hit : page.hits)
                        if (hit.kind == HitKind::Action || hit.kind == HitKind::Indicator)
                            drawn_entries[(SplitPageId(page.id).id == kOverduePageId ? "overdue" : page.id) +
                                          (hit.kind == HitKind::Action ? " actions" : " indicators")]
                                .insert(EntryOf(*snapshot, hit));
                for (const Page& page : pages)
                {
                    INFO("page " << page.id);
                    for (const Hit& hit : page.hits)
                    {
                        if (!IsList(hit))
                            continue;
                        std::optional<int> count;
                        bool more = false;
                        for (const DrawnText& text : page.layout.texts)
                            if (Inside(text, hit) && text.role == TextRole::Plain)
                                if (const auto n = CountIn(text.shown, more))
                                {
                                    count = n;
                                    break;
                                }
                        if (!count)
                            continue; // a name or a bar too narrow for its number: nothing to check
                        INFO("the hit opening " << hit.id << " shows " << *count << (more ? " more" : ""));
                        Navigation navigation({{page.id, 20}}, 0.0);
                        Screen screen;
                        screen.SetData(Data(view, nullptr, nullptr), navigation);
                        Frame(imgui, screen, navigation, size, today);
                        REQUIRE(screen.Apply(Tap(hit), navigation, 1.0));
                        const View opened = navigation.Current();
                        CHECK((opened.kind == ViewKind::Actions || opened.kind == ViewKind::Indicators));
                        const std::set<std::string> entries =
                            EntriesShown(imgui, screen, navigation, size, today, *snapshot);
                        if (more) // "and N more" opens the whole list: what the page drew of it, and N
                        {
                            const std::string key =
                                (SplitPageId(page.id).id == kOverduePageId ? "overdue" : page.id) +
                                (hit.kind == HitKind::Actions ? " actions" : " indicators");
                            CHECK(entries.size() == static_cast<size_t>(*count) + drawn_entries[key].size());
                            ++more_checked;
                        }
                        else
                            CHECK(entries.size() == static_cast<size_t>(*count));
                        ++checked;
                    }
                }
            }
    }
    CHECK(checked > 500);
    CHECK(more_checked > 5);
}

TEST_CASE("touch: overview, a priority's overdue, an action's evidence, and Back twice", "[widgets][lists]")
{
    const auto snapshot = std::make_shared<const Snapshot>(BuildDemo("plymouth"));
    const Date today = *ParseIsoDate("2024-04-20");
    const auto view = std::make_shared<const BoardView>(BuildBoardView(snapshot, today));
    const ImVec2 size(1920, 1080);
    NullImGui imgui(size.x, size.y);
    std::string overview;
    for (const Dashboard& d : snapshot->dashboards)
        if (d.kind == DashboardKind::Overview)
            overview = d.id;
    REQUIRE_FALSE(overview.empty());
    Navigation navigation({{overview, 20}, {"overdue", 20}}, 0.0);
    Screen screen;
    screen.SetData(Data(view, nullptr, nullptr), navigation);
    Frame(imgui, screen, navigation, size, today);

    // A priority's "N overdue", as drawn on the overview.
    const Hits hits = DrawBoard(imgui.Draw(), imgui.theme, view.get(), overview, {}, size);
    const auto priority = std::find_if(
        hits.begin(), hits.end(),
        [](const Hit& h) { return h.kind == HitKind::Actions && h.id.starts_with("overdue:priority:"); });
    REQUIRE(priority != hits.end());
    Frame(imgui, screen, navigation, size, today);
    REQUIRE(screen.Apply(Tap(*priority), navigation, 1.0));
    CHECK(navigation.StatusView() == "actions:" + priority->id);

    // Its first action row (a row, not a ref's own line), then the evidence in the action's detail.
    Frame(imgui, screen, navigation, size, today);
    const Hits rows = screen.ListRows();
    const auto row = std::find_if(rows.begin(), rows.end(),
                                  [&](const Hit& h)
                                  {
                                      return h.kind == HitKind::Action &&
                                             std::any_of(snapshot->actions.begin(), snapshot->actions.end(),
                                                         [&](const Action& a) { return a.id == h.id; });
                                  });
    REQUIRE(row != rows.end());
    REQUIRE(screen.Apply(Tap(*row), navigation, 2.0));
    CHECK(navigation.Current() == View{ViewKind::Action, row->id});
    {
        LayoutRecorder recorder;
        Frame(imgui, screen, navigation, size, today);
        CHECK(std::any_of(recorder.Record().texts.begin(), recorder.Record().texts.end(),
                          [](const DrawnText& t) { return t.shown.starts_with("Evidence of progress"); }));
    }
    // Back to the list, Back to the overview: Back is at the top left.
    const float em = imgui.theme.em;
    CHECK(screen.Apply({GestureKind::Tap, em * 2, em * 2}, navigation, 3.0));
    CHECK(navigation.StatusView() == "actions:" + priority->id);
    Frame(imgui, screen, navigation, size, today);
    CHECK(screen.Apply({GestureKind::Tap, em * 2, em * 2}, navigation, 4.0));
    CHECK(navigation.Current() == View{ViewKind::Page, overview});
}

TEST_CASE("touch: every \"and N more\" on every page of Plymouth opens its list", "[widgets][lists]")
{
    const auto snapshot = std::make_shared<const Snapshot>(BuildDemo("plymouth"));
    const Date today = *ParseIsoDate("2024-04-20");
    const auto view = std::make_shared<const BoardView>(BuildBoardView(snapshot, today));
    int tapped = 0;
    for (const ImVec2 size : {ImVec2(1920, 1080), ImVec2(1080, 1920)})
    {
        NullImGui imgui(size.x, size.y);
        for (const Page& page : DrawEveryPage(imgui, *view, size))
            for (const DrawnText& text : page.layout.texts)
            {
                if (!text.shown.starts_with("and ") || text.shown.find(" more") == std::string::npos)
                    continue;
                INFO(page.id << " at " << size.x << "x" << size.y << ": " << text.shown);
                const auto hit = std::find_if(page.hits.begin(), page.hits.end(),
                                              [&](const Hit& h) { return Inside(text, h); });
                REQUIRE(hit != page.hits.end()); // no "and N more" without a tap
                Navigation navigation({{page.id, 20}}, 0.0);
                Screen screen;
                screen.SetData(Data(view, nullptr, nullptr), navigation);
                Frame(imgui, screen, navigation, size, today);
                REQUIRE(screen.Apply(Tap(*hit), navigation, 1.0));
                CHECK((navigation.Current().kind == ViewKind::Actions ||
                       navigation.Current().kind == ViewKind::Indicators));
                Frame(imgui, screen, navigation, size, today);
                CHECK(screen.ListRows().size() > 0);
                ++tapped;
            }
    }
    CHECK(tapped >= 4); // the overview's off target, the Overdue page's, and team lists'
}

TEST_CASE("every kind of id shows a page: known, unknown, a parent ref, each list, malformed",
          "[widgets][lists]")
{
    const auto snapshot = std::make_shared<const Snapshot>(BuildDemo("plymouth"));
    const Date today = *ParseIsoDate("2024-04-20");
    const auto view = std::make_shared<const BoardView>(BuildBoardView(snapshot, today));
    const ImVec2 size(1920, 1080);
    NullImGui imgui(size.x, size.y);
    struct Case
    {
        std::string id;
        std::string says; // a text the view draws
    };
    const std::vector<Case> cases = {
        {"front-door", "Front Door"},
        {"nowhere", "This plan has no dashboard \"nowhere\""},
        {"indicator:12", IndicatorById(*snapshot, "12").name},
        {"indicator:999", "This plan has no indicator 999."},
        {"indicator:", "\"indicator:\" names no indicator"},
        {"action:2.7a", "2.7a"},
        {"action:3.3", "Action 3.3: its"}, // a parent ref: its rows
        {"action:9.9", "This plan has no action 9.9."},
        {"action:", "\"action:\" names no action"},
        {"actions:overdue", "The whole plan:"},
        {"actions:overdue:priority:2", "overdue"},
        {"actions:priority:2", "actions"},
        {"actions:priority:99", "This plan has no list of actions \"priority:99\""},
        {"actions:due:front-door", "overdue and due soon"},
        {"actions:overdue:front-door", "overdue"},
        {"actions:due:nowhere", "This plan has no list of actions"},
        {"actions:", "This plan has no list of actions"},
        {"indicators:off-target", "Indicators off target"},
        {"indicators:", "This plan has no list of indicators"},
    };
    for (const Case& c : cases)
    {
        INFO(c.id);
        const std::optional<View> detail = ParseDetailView(c.id);
        Navigation navigation({{detail ? "overview" : c.id, 20}}, 0.0);
        Screen screen;
        screen.SetData(Data(view, nullptr, nullptr), navigation);
        if (detail)
            navigation.Open(*detail, 0.0);
        LayoutRecorder recorder;
        Frame(imgui, screen, navigation, size, today);
        const auto& texts = recorder.Record().texts;
        CHECK(std::any_of(texts.begin(), texts.end(),
                          [&](const DrawnText& t) { return t.whole.find(c.says) != std::string::npos; }));
        CHECK(navigation.StatusView() == c.id);
    }
}
