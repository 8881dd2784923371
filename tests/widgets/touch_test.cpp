// The real board under Xvfb, driven with real X pointer events (xdotool): a swipe turns the page, a
// tap on a tile opens its detail, the status file names the view, and the idle timeout returns to the
// rotation. Also on a panel mounted on its side, where the finger moves across the panel's pixels
// and the page sees it turned. Where to tap is worked out with the same layout code the board draws with.
#include "core/digest.h"
#include "core/orientation.h"
#include "core/rotation.h"
#include "core/snapshot.h"
#include "widgets/pages.h"
#include "widgets/screen.h"

#include "test_support.h"
#include "widgets/null_imgui.h"
#include "widgets/screen_data.h"

#include <sstream>
#include <sys/wait.h>

using namespace wb;

namespace
{

// Runs the board on a 1920x1080 panel turned by `degrees` and touches it. Returns the script's exit code:
// 0 all seen; 11 never started; 12 the swipe did not turn the page; 13 the tap opened nothing; 14 the
// rotation did not resume.
int TouchTheBoard(int degrees, std::string& log_text)
{
    test::TempDir dir;
    const Snapshot s = test::BuildDemo("plymouth");
    std::ofstream(dir.Path() / "snapshot.json") << SnapshotToJsonWithHash(s, ContentHash(SnapshotToJson(s)));
    const ScreenGeometry panel{1920, 1080, *RotationFromDegrees(degrees)};
    const ImVec2 page(static_cast<float>(panel.LogicalWidth()), static_cast<float>(panel.LogicalHeight()));

    // The first two pages of the playlist, and where the second one's first tile is, on the page.
    std::string first, second, tile_id;
    ImVec2 tap;
    {
        test::NullImGui imgui(page.x, page.y);
        const BoardView view = BuildBoardView(std::make_shared<const Snapshot>(s), s.plan.as_of);
        std::vector<std::string> available;
        for (const Dashboard& d : s.dashboards)
            available.push_back(d.id);
        const auto playlist = ExpandPlaylist(
            {}, available, 3600,
            [&](const std::string& id) { return widgets::PlanPage(imgui.theme, view, id, page).parts; });
        REQUIRE(playlist.size() >= 2);
        first = playlist[0].page_id;
        second = playlist[1].page_id;
        const widgets::Hits hits = widgets::DrawBoard(imgui.Draw(), imgui.theme, &view, second, {}, page);
        REQUIRE_FALSE(hits.empty());
        REQUIRE(hits.front().kind == widgets::HitKind::Indicator);
        tile_id = hits.front().id;
        tap = ImVec2((hits.front().min.x + hits.front().max.x) / 2,
                     (hits.front().min.y + hits.front().max.y) / 2);
    }
    // A point on the page, as panel pixels for xdotool.
    const auto at = [&](float x, float y)
    {
        const Point p = ToPhysical(panel, {x, y});
        return std::to_string(static_cast<int>(p.x)) + " " + std::to_string(static_cast<int>(p.y));
    };
    // A swipe to the left on the page: 900 px in about 0.15 s, in steps, as a finger moves.
    std::ostringstream swipe;
    swipe << "xdotool mousemove --window $window " << at(page.x * 0.8f, page.y * 0.5f) << " mousedown 1";
    for (float step = 1; step <= 6; ++step)
        swipe << " sleep 0.02 mousemove --window $window "
              << at(page.x * 0.8f - 150.0f * step, page.y * 0.5f + step);
    swipe << " mouseup 1";

    const std::string status = (dir.Path() / "status.json").string();
    const std::string log = (dir.Path() / "log.txt").string();
    std::ofstream script(dir.Path() / "run.sh");
    script << "set -u\n"
           << WALLBOARD_EXE << " --feed file://" << (dir.Path() / "snapshot.json").string() << " --cache "
           << (dir.Path() / "cache.sqlite").string() << " --status-file " << status << " --rotation "
           << degrees << " --windowed 1920x1080 --dwell 3600 --idle-resume 3 --screen-diagonal 43 2>" << log
           << " &\n"
           << "board=$!\n"
           // Polls the status file for a view, up to 20 s; exits with the code given if it never comes.
           << "wait_view() { for i in $(seq 200); do grep -q \"\\\"view\\\": \\\"$1\\\"\" " << status
           << " 2>/dev/null && return 0; sleep 0.1; done; echo \"never saw view $1\" >>" << log
           << "; kill $board; exit $2; }\n"
           << "wait_view " << first << " 11\n"
           << "window=$(xdotool search --sync --name Wallboard | head -1)\n"
           << swipe.str() << "\n"
           << "wait_view " << second << " 12\n"
           << "sleep 0.3\n"
           << "xdotool mousemove --window $window " << at(tap.x, tap.y) << " click 1\n"
           << "wait_view indicator:" << tile_id
           << " 13\n"
           // Nobody touches it: after 3 s the detail closes and the rotation resumes on the page.
           << "wait_view " << second << " 14\n"
           << "kill -TERM $board\n"
           << "wait $board\n";
    script.close();
    const std::string command =
        "xvfb-run -a -s '-screen 0 1920x1080x24' sh " + (dir.Path() / "run.sh").string() + " >/dev/null 2>&1";
    const int exit_status = std::system(command.c_str());
    log_text = test::ReadFile(log) + "\ntile " + tile_id + " tapped on the page at " + std::to_string(tap.x) +
               "," + std::to_string(tap.y);
    return WIFEXITED(exit_status) ? WEXITSTATUS(exit_status) : -1;
}

// The plymouth demo feed in `dir`, and where the admin keypad's keys are on a 1920x1080 board, from the
// same drawing code at the same size.
std::map<char, ImVec2> KeypadOnTheDemo(const test::TempDir& dir)
{
    const Snapshot s = test::BuildDemo("plymouth");
    std::ofstream(dir.Path() / "snapshot.json") << SnapshotToJsonWithHash(s, ContentHash(SnapshotToJson(s)));
    std::map<char, ImVec2> keys;
    test::NullImGui imgui(1920, 1080);
    auto view =
        std::make_shared<const BoardView>(BuildBoardView(std::make_shared<const Snapshot>(s), s.plan.as_of));
    std::map<std::string, std::vector<PeriodValue>> history;
    Navigation navigation({{s.dashboards[0].id, 20}}, 0.0);
    widgets::Screen screen;
    screen.SetData(test::Data(view, &history, nullptr), navigation);
    screen.SetAdminPin("2468");
    const auto frame = [&]
    {
        imgui.Draw()->_ResetForNewFrame();
        imgui.Draw()->PushClipRectFullScreen();
        screen.Draw(imgui.Draw(), imgui.theme, navigation, {}, ImVec2(1920, 1080), 2.0f, 1.0);
    };
    frame();
    screen.Apply({GestureKind::LongPress, 1880, 30}, navigation, 1.0);
    frame();
    for (char key : std::string("0123456789"))
        keys[key] = *screen.KeypadKey(key);
    return keys;
}

// The start of a script that runs the board on the demo feed with admin PIN 2468, its stderr in log.txt,
// and sets $board and $window for what follows.
std::string BoardWithPin(const test::TempDir& dir)
{
    std::ostringstream script;
    script << "set -u\n"
           << WALLBOARD_EXE << " --feed file://" << (dir.Path() / "snapshot.json").string() << " --cache "
           << (dir.Path() / "cache.sqlite").string()
           << " --windowed 1920x1080 --admin-pin 2468 --screen-diagonal 43 2>"
           << (dir.Path() / "log.txt").string() << " &\n"
           << "board=$!\n"
           << "window=$(xdotool search --sync --name Wallboard | head -1)\n"
           << "sleep 1\n";
    return script.str();
}

std::string Tap(const std::map<char, ImVec2>& keys, char key)
{
    return "xdotool mousemove --window $window " + std::to_string(static_cast<int>(keys.at(key).x)) + " " +
           std::to_string(static_cast<int>(keys.at(key).y)) + " click 1\nsleep 0.15\n";
}

// Runs `script` under Xvfb: its exit code (-1 when it did not exit), and the board's log in `log`.
int RunUnderXvfb(const test::TempDir& dir, const std::string& script, std::string& log)
{
    std::ofstream(dir.Path() / "run.sh") << script;
    const int status = std::system(("xvfb-run -a -s '-screen 0 1920x1080x24' sh " +
                                    (dir.Path() / "run.sh").string() + " >/dev/null 2>&1")
                                       .c_str());
    log = test::ReadFile(dir.Path() / "log.txt");
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

TEST_CASE("touch under Xvfb: swipe, tap a tile, the status file, back to the rotation when idle",
          "[xvfb][touch]")
{
    for (const int degrees : {0, 90})
    {
        std::string log;
        const int code = TouchTheBoard(degrees, log);
        INFO("rotation " << degrees << "\n" << log);
        CHECK(code == 0);
    }
}

TEST_CASE("under Xvfb, Escape and taps do not close the board, but the admin PIN on the keypad does",
          "[xvfb][touch]")
{
    test::TempDir dir;
    const std::map<char, ImVec2> keys = KeypadOnTheDemo(dir);
    std::string script = BoardWithPin(dir);
    script += "xdotool key --window $window Escape Escape space space\n"
              "xdotool mousemove --window $window 900 500 click 1\n"
              "sleep 0.5\n"
              "kill -0 $board || exit 21\n" // still running
              // A long press on the clock, then a wrong PIN, then the right one.
              "xdotool mousemove --window $window 1880 30 mousedown 1 sleep 1.2 mouseup 1\n"
              "sleep 0.3\n";
    for (char key : std::string("13572468"))
        script += Tap(keys, key);
    script += "for i in $(seq 100); do kill -0 $board 2>/dev/null || break; sleep 0.1; done\n"
              "kill -0 $board 2>/dev/null && { kill $board; exit 22; }\n" // the PIN did not close it
              "wait $board\n";
    std::string log;
    const int code = RunUnderXvfb(dir, script, log);
    INFO(log);
    CHECK(code == 0); // 21: Escape, space or a tap closed it; 22: the right PIN did not
    CHECK(log.find("closed from the screen with the admin PIN") != std::string::npos);
}

TEST_CASE("under Xvfb, after 5 wrong PINs the right one does not close the board while the keypad waits",
          "[xvfb][touch]")
{
    test::TempDir dir;
    const std::map<char, ImVec2> keys = KeypadOnTheDemo(dir);
    std::string script = BoardWithPin(dir);
    script += "xdotool mousemove --window $window 1880 30 mousedown 1 sleep 1.2 mouseup 1\n"
              "sleep 0.3\n";
    for (int i = 0; i < 5; ++i)
        for (char key : std::string("1357"))
            script += Tap(keys, key);
    for (char key : std::string("2468"))
        script += Tap(keys, key);
    script += "sleep 1.5\n"
              "kill -0 $board 2>/dev/null || exit 23\n" // the right PIN closed it while it should wait
              "kill $board\n"
              "wait $board\n";
    std::string log;
    const int code = RunUnderXvfb(dir, script, log);
    INFO(log);
    CHECK(code == 0); // 23: it closed
    CHECK(log.find("closed from the screen with the admin PIN") == std::string::npos);
}
