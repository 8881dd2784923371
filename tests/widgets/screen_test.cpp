// The screen without a window: taps open what they land on, Back and Home return, swipes turn pages,
// scrolling moves a long detail view. Gestures are given as the recogniser would report them.
#include "widgets/screen.h"

#include "test_support.h"
#include "widgets/null_imgui.h"
#include "widgets/screen_data.h"

using namespace wb;
using namespace wb::widgets;
using namespace wb::test;

namespace
{

struct Board
{
    std::shared_ptr<const Snapshot> snapshot = std::make_shared<const Snapshot>(BuildDemo("plymouth"));
    std::shared_ptr<const BoardView> view =
        std::make_shared<const BoardView>(BuildBoardView(snapshot, *ParseIsoDate("2023-04-17")));
    std::map<std::string, std::vector<PeriodValue>> history;
};

Gesture Tap(ImVec2 at)
{
    return {GestureKind::Tap, at.x, at.y};
}

ImVec2 Centre(ImVec2 min, ImVec2 max)
{
    return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
}

// Draws the screen as a frame would at `now`, on a fresh draw list.
void Frame(NullImGui& imgui, Screen& screen, const Navigation& navigation, ImVec2 size, double now = 0.0)
{
    imgui.Draw()->_ResetForNewFrame();
    imgui.Draw()->PushClipRectFullScreen();
    PageContext context;
    context.today = *ParseIsoDate("2023-04-17");
    context.clock = "14:02";
    screen.Draw(imgui.Draw(), imgui.theme, navigation, context, size, 3.0f, now);
}

// Taps `keys` on the keypad as last drawn, at `now`.
void Press(Screen& screen, Navigation& navigation, const std::string& keys, double now)
{
    for (char key : keys)
    {
        const auto at = screen.KeypadKey(key);
        REQUIRE(at);
        screen.Apply(Tap(*at), navigation, now);
    }
}

} // namespace

TEST_CASE("a tap on a tile opens its indicator, and Back returns to the page", "[widgets][screen]")
{
    for (const auto& [w, h] : std::vector<std::pair<float, float>>{{1920, 1080}, {1080, 1920}})
    {
        INFO(w << "x" << h);
        Board board;
        NullImGui imgui(w, h);
        Navigation navigation({{"front-door", 20}, {"overdue", 20}}, 0.0);
        Screen screen;
        screen.SetData(Data(board.view, &board.history, nullptr), navigation);
        Frame(imgui, screen, navigation, ImVec2(w, h));

        // The page's first tile is Front Door's first indicator: tap the middle of where it was drawn.
        const Hits hits =
            DrawBoard(imgui.Draw(), imgui.theme, board.view.get(), "front-door", {}, ImVec2(w, h));
        REQUIRE_FALSE(hits.empty());
        CHECK(hits.front().kind == HitKind::Indicator);
        CHECK(screen.Apply(Tap(Centre(hits.front().min, hits.front().max)), navigation, 1.0));
        CHECK(navigation.Current() == View{ViewKind::Indicator, hits.front().id});
        CHECK(navigation.StatusView() == "indicator:" + hits.front().id);
        CHECK(navigation.Paused());

        // The detail view's Back control takes it back.
        Frame(imgui, screen, navigation, ImVec2(w, h));
        const float em = imgui.theme.em;
        CHECK(screen.Apply(Tap(ImVec2(em * 2, em * 2)), navigation, 2.0)); // Back is at the top left
        CHECK(navigation.Current() == View{ViewKind::Page, "front-door"});
    }
}

TEST_CASE("a tap on an action row opens the action, and a tap on nothing only pauses", "[widgets][screen]")
{
    Board board;
    NullImGui imgui(1920, 1080);
    Navigation navigation({{"overdue", 20}}, 0.0);
    Screen screen;
    screen.SetData(Data(board.view, &board.history, nullptr), navigation);
    Frame(imgui, screen, navigation, ImVec2(1920, 1080));
    const Hits hits =
        DrawBoard(imgui.Draw(), imgui.theme, board.view.get(), "overdue", {}, ImVec2(1920, 1080));
    REQUIRE_FALSE(hits.empty());
    CHECK(hits.front().kind == HitKind::Action);

    CHECK_FALSE(screen.Apply(Tap(ImVec2(1900, 20)), navigation, 1.0)); // the clock: nothing to open
    CHECK(navigation.Current().kind == ViewKind::Page);
    CHECK(navigation.SecondsToResume(1.0)); // but someone is using the screen

    CHECK(screen.Apply(Tap(Centre(hits.front().min, hits.front().max)), navigation, 2.0));
    CHECK(navigation.Current() == View{ViewKind::Action, hits.front().id});
}

TEST_CASE("swipes turn the pages and close a detail", "[widgets][screen]")
{
    Board board;
    NullImGui imgui(1920, 1080);
    Navigation navigation({{"front-door", 20}, {"fostering", 20}, {"overdue", 20}}, 0.0);
    Screen screen;
    screen.SetData(Data(board.view, &board.history, nullptr), navigation);
    CHECK(screen.Apply({GestureKind::SwipeLeft, 900, 500}, navigation, 1.0));
    CHECK(navigation.Current() == View{ViewKind::Page, "fostering"});
    CHECK(screen.Apply({GestureKind::SwipeRight, 900, 500}, navigation, 2.0));
    CHECK(navigation.Current() == View{ViewKind::Page, "front-door"});
    navigation.Open({ViewKind::Indicator, "12"}, 3.0);
    CHECK(screen.Apply({GestureKind::SwipeLeft, 900, 500}, navigation, 4.0));
    CHECK(navigation.Current() == View{ViewKind::Page, "fostering"});
}

TEST_CASE("scrolling moves a long action detail, and stops at its ends", "[widgets][screen]")
{
    // An action with more evidence than fits on a 720p screen.
    auto snapshot = std::make_shared<Snapshot>(BuildDemo("plymouth"));
    Action& action = snapshot->actions.front();
    for (int i = 0; i < 30; ++i)
        action.evidence.push_back(
            {ParseIsoDate("2023-03-01"), "A note of progress, long enough to wrap onto a "
                                         "second line on a screen of this size: " +
                                             std::to_string(i)});
    auto view = std::make_shared<const BoardView>(BuildBoardView(snapshot, *ParseIsoDate("2023-04-17")));
    std::map<std::string, std::vector<PeriodValue>> history;
    NullImGui imgui(1280, 720);
    Navigation navigation({{"front-door", 20}}, 0.0);
    Screen screen;
    screen.SetData(Data(view, &history, nullptr), navigation);
    navigation.Open({ViewKind::Action, action.id}, 1.0);
    Frame(imgui, screen, navigation, ImVec2(1280, 720));
    CHECK_FALSE(screen.Apply({GestureKind::ScrollBy, 600, 400, 50}, navigation, 2.0)); // already at the top
    CHECK(screen.Apply({GestureKind::ScrollBy, 600, 400, -200}, navigation, 3.0)); // finger up: content up
    CHECK(screen.Apply({GestureKind::ScrollBy, 600, 400, -1e6f}, navigation, 4.0));
    CHECK_FALSE(screen.Apply({GestureKind::ScrollBy, 600, 400, -50}, navigation, 5.0)); // at the end
}

TEST_CASE("the overview offers what changed, and a view whose target went is closed", "[widgets][screen]")
{
    Board board;
    auto earlier = std::make_shared<Snapshot>(*board.snapshot);
    earlier->plan.as_of = *ParseIsoDate("2023-03-17");
    NullImGui imgui(1920, 1080);
    Navigation navigation({{"improvement-board", 20}}, 0.0);
    Screen screen;
    screen.SetData(Data(board.view, &board.history, earlier), navigation);
    PageContext context;
    context.changes_since = "17 Mar 2023";
    const Hits hits = DrawBoard(imgui.Draw(), imgui.theme, board.view.get(), "improvement-board", context,
                                ImVec2(1920, 1080));
    const auto button =
        std::find_if(hits.begin(), hits.end(), [](const Hit& h) { return h.kind == HitKind::Changes; });
    REQUIRE(button != hits.end());
    imgui.Draw()->_ResetForNewFrame();
    imgui.Draw()->PushClipRectFullScreen();
    screen.Draw(imgui.Draw(), imgui.theme, navigation, context, ImVec2(1920, 1080), 3.0f, 0.0);
    CHECK(screen.Apply(Tap(Centre(button->min, button->max)), navigation, 1.0));
    CHECK(navigation.Current().kind == ViewKind::Changes);
    Frame(imgui, screen, navigation, ImVec2(1920, 1080)); // draws the comparison
    CHECK(imgui.Draw()->VtxBuffer.Size > 1000);

    // New data without indicator 12: its open detail is closed.
    navigation.Open({ViewKind::Indicator, "12"}, 2.0);
    auto without = std::make_shared<Snapshot>(*board.snapshot);
    std::erase_if(without->indicators, [](const Indicator& ind) { return ind.id == "12"; });
    for (Dashboard& d : without->dashboards)
        std::erase(d.indicators, "12");
    screen.SetData(
        Data(std::make_shared<const BoardView>(BuildBoardView(without, *ParseIsoDate("2023-04-17"))),
             &board.history, nullptr),
        navigation);
    CHECK(navigation.Current().kind == ViewKind::Changes);
}

TEST_CASE("the only way out by touch: a long press on the clock and the configured PIN", "[widgets][screen]")
{
    Board board;
    NullImGui imgui(1920, 1080);
    Navigation navigation({{"front-door", 20}}, 0.0);
    Screen screen;
    screen.SetData(Data(board.view, &board.history, nullptr), navigation);
    Frame(imgui, screen, navigation, ImVec2(1920, 1080));
    const Gesture on_clock{GestureKind::LongPress, 1880, 30};

    // No PIN configured: nothing opens.
    screen.Apply(on_clock, navigation, 1.0);
    CHECK_FALSE(screen.KeypadOpen());

    screen.SetAdminPin("2468");
    screen.Apply({GestureKind::LongPress, 900, 500}, navigation, 2.0); // not on the clock
    CHECK_FALSE(screen.KeypadOpen());
    CHECK(screen.Apply(on_clock, navigation, 3.0));
    REQUIRE(screen.KeypadOpen());
    Frame(imgui, screen, navigation, ImVec2(1920, 1080));
    const auto press = [&](const std::string& keys) { Press(screen, navigation, keys, 4.0); };
    // Keys are at least 12 mm at 3 px/mm.
    CHECK(screen.KeypadKey('2')->x - screen.KeypadKey('1')->x >= 36.0f);
    press("1357");
    CHECK_FALSE(screen.ExitRequested());
    CHECK(screen.KeypadOpen());                         // wrong: try again
    CHECK(navigation.Current().kind == ViewKind::Page); // taps on the keypad open nothing behind it
    press("24C");
    CHECK_FALSE(screen.KeypadOpen()); // cancelled
    screen.Apply(on_clock, navigation, 5.0);
    Frame(imgui, screen, navigation, ImVec2(1920, 1080));
    press("2468");
    CHECK(screen.ExitRequested());
}

TEST_CASE("after 5 wrong PINs the keypad waits, longer each time, and says how long", "[widgets][screen]")
{
    Board board;
    NullImGui imgui(1920, 1080);
    Navigation navigation({{"front-door", 20}}, 0.0);
    Screen screen;
    screen.SetData(Data(board.view, &board.history, nullptr), navigation);
    screen.SetAdminPin("2468");
    const ImVec2 size(1920, 1080);
    const Gesture on_clock{GestureKind::LongPress, 1880, 30};
    Frame(imgui, screen, navigation, size);
    REQUIRE(screen.Apply(on_clock, navigation, 1.0));
    // The words drawn at `now`, the wait's whole (not cut), and the keys' places for the taps after.
    const auto said = [&](double now)
    {
        LayoutRecorder recorder;
        Frame(imgui, screen, navigation, size, now);
        std::string words;
        for (const DrawnText& text : recorder.Record().texts)
        {
            if (text.whole.starts_with("Wait"))
                CHECK(text.shown == text.whole);
            words += text.shown + "|";
        }
        return words;
    };
    const auto press = [&](const std::string& keys, double now) { Press(screen, navigation, keys, now); };
    said(1.0);
    for (int i = 0; i < 4; ++i)
        press("1357", 10.0 + i);
    CHECK(said(13.0).find("Wrong PIN|") != std::string::npos); // four wrong tries are free
    CHECK_FALSE(screen.NextDeadline(13.0));
    press("1357", 20.0);
    CHECK(said(20.0).find("Wait 30 s before trying again|") != std::string::npos);
    REQUIRE(screen.NextDeadline(20.0));
    CHECK(*screen.NextDeadline(20.0) == Approx(21.0)); // the seconds count down: a redraw each
    press("2468", 25.0);                               // while it waits even the right PIN is not tried
    CHECK_FALSE(screen.ExitRequested());
    CHECK(said(49.5).find("Wait 1 s before trying again|") != std::string::npos);
    CHECK(said(50.0).find("Wait") == std::string::npos);
    CHECK_FALSE(screen.NextDeadline(50.0));

    press("1357", 50.0); // the 6th wrong try: 60 s
    CHECK(said(50.0).find("Wait 60 s before trying again|") != std::string::npos);
    press("1357", 110.0); // the 7th: 120 s, to 230
    CHECK(said(110.0).find("Wait 2 min before trying again|") != std::string::npos);
    // The rotation resumes meanwhile and closes the keypad; opened again, it still waits.
    CHECK(navigation.Update(205.0));
    said(205.0);
    CHECK_FALSE(screen.KeypadOpen());
    CHECK_FALSE(screen.NextDeadline(205.0)); // nothing on screen counts down
    REQUIRE(screen.Apply(on_clock, navigation, 206.0));
    CHECK(said(206.0).find("Wait 24 s before trying again|") != std::string::npos);
    press("2468", 229.0);
    CHECK_FALSE(screen.ExitRequested());
    said(230.0);
    press("2468", 230.0);
    CHECK(screen.ExitRequested());
}

TEST_CASE("what changed can compare with another snapshot in the cache, chosen by touch", "[widgets][screen]")
{
    Board board;
    auto march = std::make_shared<Snapshot>(*board.snapshot);
    march->plan.as_of = *ParseIsoDate("2023-03-17");
    NullImGui imgui(1920, 1080);
    Navigation navigation({{"improvement-board", 20}}, 0.0);
    Screen screen;
    // The cache holds March (compared with now) and February.
    screen.SetData(
        Data(board.view, &board.history, march, "sha256:march",
             {{"sha256:march", *ParseIsoDate("2023-03-17")}, {"sha256:feb", *ParseIsoDate("2023-02-17")}}),
        navigation);
    navigation.Open({ViewKind::Changes, ""}, 1.0);
    Frame(imgui, screen, navigation, ImVec2(1920, 1080));
    // Tap along the row of Back and Home until something is asked for: February, not March, which is shown.
    const float em = imgui.theme.em;
    std::optional<std::string> asked;
    for (float x = em * 9; x < 1900 && !asked; x += em * 0.5f)
    {
        screen.Apply(Tap(ImVec2(x, em * 2.2f)), navigation, 2.0);
        asked = screen.TakeComparisonRequest();
    }
    REQUIRE(asked);
    CHECK(*asked == "sha256:feb");
    CHECK(navigation.Current().kind == ViewKind::Changes); // still there while it loads
    CHECK_FALSE(screen.TakeComparisonRequest());           // asked once
}
