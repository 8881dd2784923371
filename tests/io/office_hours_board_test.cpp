// The real board under Xvfb with office hours ending a few seconds after it starts (its `clock` set to
// just before 18:00 on a Monday in Europe/London): it goes dark at the off time, keeps syncing while dark
// (a snapshot published then is fetched), wakes on a tap (xdotool) for idle-resume, then goes dark again.
// With display-off = "cec" a fake cec-ctl on PATH records what it was asked; with "dpms" the Xvfb has no
// DPMS, so the board falls back to the dim notice on black.
#include "core/digest.h"
#include "core/snapshot.h"
#include "io/board_process.h"
#include "process_support.h"
#include "test_support.h"

#include <nlohmann/json.hpp>

#include <sys/stat.h>

using namespace wb;

namespace
{

// Polls `done` every 50 ms for up to `seconds`.
template <typename Fn>
bool WaitFor(Fn done, double seconds)
{
    const double end = test::Now() + seconds;
    while (test::Now() < end)
    {
        if (done())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return done();
}

size_t Count(const std::string& text, const std::string& part)
{
    size_t count = 0;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
        ++count;
    return count;
}

std::string StatusField(const std::filesystem::path& path, const char* name)
{
    std::ifstream file(path);
    const auto doc = nlohmann::json::parse(file, nullptr, false);
    return doc.is_object() && doc.contains(name) && doc[name].is_string() ? doc[name].get<std::string>() : "";
}

void WriteFeed(const std::filesystem::path& path, const std::string& authority)
{
    Snapshot s = test::BuildDemo("plymouth");
    s.plan.authority = authority; // a new snapshot, a new hash
    const std::string temp = path.string() + ".tmp";
    std::ofstream(temp) << SnapshotToJsonWithHash(s, ContentHash(SnapshotToJson(s)));
    std::filesystem::rename(temp, path);
}

// The board on `display` with office hours until 18:00 and its clock at 17:59:45 on Monday 30 November
// 2026; its stderr in dir/log.txt.
class OfficeHoursBoard
{
  public:
    OfficeHoursBoard(const test::TempDir& dir, const std::string& display, const std::string& display_off)
        : m_dir(dir.Path()), m_board({WALLBOARD_EXE, "--config", (m_dir / "board.toml").string(),
                                      "--windowed", "1280x720", "--stats"},
                                     m_dir / "log.txt", Prepare(m_dir, display, display_off))
    {
    }

    std::string Log() const { return m_board.Output(); }
    std::string Cec() const
    {
        return std::filesystem::exists(m_dir / "cec.log") ? test::ReadFile(m_dir / "cec.log") : "";
    }
    std::filesystem::path Status() const { return m_dir / "status.json"; }
    bool LogSays(const std::string& part, size_t times = 1) const { return Count(Log(), part) >= times; }
    int Stop()
    {
        m_board.Signal(SIGTERM);
        return m_board.WaitExit(20);
    }

  private:
    // The feed, a cec-ctl that records its arguments (first on PATH), the config; the board's environment.
    static std::vector<std::string> Prepare(const std::filesystem::path& dir, const std::string& display,
                                            const std::string& display_off)
    {
        WriteFeed(dir / "snapshot.json", "Plymouth City Council");
        std::filesystem::create_directories(dir / "bin");
        std::ofstream(dir / "bin" / "cec-ctl")
            << "#!/bin/sh\necho \"$@\" >>" << (dir / "cec.log").string() << "\n";
        chmod((dir / "bin" / "cec-ctl").c_str(), 0755);
        std::ofstream(dir / "board.toml") << "feed = \"file://" << (dir / "snapshot.json").string() << "\"\n"
                                          << "cache = \"" << (dir / "cache.sqlite").string() << "\"\n"
                                          << "status-file = \"" << (dir / "status.json").string() << "\"\n"
                                          << "refresh = 5\n"
                                          << "idle-resume = 3\n"
                                          << "display-off = \"" << display_off << "\"\n"
                                          << "clock = \"2026-11-30T17:59:45\"\n"
                                          << "[office-hours]\n"
                                          << "weekdays = \"07:30-18:00\"\n";
        std::vector<std::string> env;
        for (std::string& e : test::CleanEnvironment())
            if (!e.starts_with("PATH=") && !e.starts_with("TZ="))
                env.push_back(std::move(e));
        const char* path = std::getenv("PATH");
        env.push_back("PATH=" + (dir / "bin").string() + ":" + (path ? path : "/usr/bin:/bin"));
        env.push_back("TZ=Europe/London");
        env.push_back("DISPLAY=" + display);
        return env;
    }

    std::filesystem::path m_dir;
    test::Process m_board;
};

void Tap(const std::string& display)
{
    const std::string command = "DISPLAY=" + display + " xdotool mousemove 640 360 click 1 >/dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
}

} // namespace

TEST_CASE("office hours with cec: dark at 18:00, syncing while dark, woken by a tap, dark again",
          "[xvfb][office-hours]")
{
    test::TempDir dir;
    test::Xvfb x(dir.Path());
    OfficeHoursBoard board(dir, x.Display(), "cec");
    // On at first: the board draws its page (its background colour on the screen) before 18:00.
    REQUIRE(WaitFor([&] { return x.CountColour(18, 18, 20) > 10000 || board.LogSays("off hours"); }, 30));
    INFO(board.Log());
    CHECK_FALSE(board.LogSays("off hours"));
    CHECK(StatusField(board.Status(), "screen") == "on");
    CHECK(board.Cec().empty());

    // 18:00: the notice's one frame, then the TV to standby.
    REQUIRE(WaitFor([&] { return board.LogSays("screen off: display switched off by cec"); }, 30));
    CHECK(board.LogSays("off hours from 18:00: Screen off until 07:30 tomorrow"));
    CHECK(board.Cec() == "--playback --to 0 --standby\n");
    CHECK(WaitFor([&] { return StatusField(board.Status(), "screen") == "off hours"; }, 10));
    CHECK(StatusField(board.Status(), "screen_note") == "Screen off until 07:30 tomorrow");
    // What the panel holds if the TV ignored the standby: the notice, on black.
    CHECK(x.CountColour(0, 0, 0) > 1280 * 720 * 9 / 10);

    // Still syncing: a snapshot published while dark is fetched.
    const std::string first_hash = StatusField(board.Status(), "snapshot_hash");
    WriteFeed(dir.Path() / "snapshot.json", "Plymouth City Council (republished)");
    CHECK(WaitFor(
        [&]
        {
            const std::string hash = StatusField(board.Status(), "snapshot_hash");
            return !hash.empty() && hash != first_hash;
        },
        30));
    CHECK(StatusField(board.Status(), "data_source") == "feed");

    // A tap wakes it: the TV on again, the page drawn, and the log says no frame was drawn while dark.
    Tap(x.Display());
    REQUIRE(WaitFor([&] { return board.LogSays("woken by a touch"); }, 10));
    CHECK(board.LogSays("(display switched off by cec), 0 frames drawn while off"));
    CHECK(WaitFor([&] { return board.Cec().find("--image-view-on") != std::string::npos; }, 10));
    CHECK(WaitFor([&] { return x.CountColour(0, 0, 0) < 1280 * 720 / 2; }, 10));
    CHECK(WaitFor([&] { return StatusField(board.Status(), "screen_note").ends_with("(woken by a touch)"); },
                  10));

    // Nobody touches it: idle-resume (3 s) later it goes dark again.
    CHECK(WaitFor([&] { return board.LogSays("screen off: display switched off by cec", 2); }, 20));
    CHECK(Count(board.Cec(), "--standby") == 2);
    CHECK(board.Stop() == 0);
    CHECK(board.LogSays("frames"));
}

TEST_CASE("office hours with dpms where the X server has none: the dim notice on black",
          "[xvfb][office-hours]")
{
    test::TempDir dir;
    test::Xvfb x(dir.Path());
    OfficeHoursBoard board(dir, x.Display(), "dpms");
    REQUIRE(WaitFor([&] { return board.LogSays("the notice stays, dim, on black"); }, 40));
    INFO(board.Log());
    CHECK(board.LogSays("the X server has no DPMS"));
    // Black, with the notice's dim grey and nothing bright: none of the page's tiles (their panel colour;
    // the notice's grey edges on black are grey, never that blue-grey), no white.
    CHECK(WaitFor([&] { return x.CountColour(0, 0, 0) > 1280 * 720 * 9 / 10; }, 10));
    CHECK(x.CountColour(90, 90, 96) > 100);
    CHECK(x.CountColour(255, 255, 255) == 0);
    CHECK(x.CountColour(34, 36, 40) == 0);
    CHECK(WaitFor([&] { return StatusField(board.Status(), "screen") == "off hours"; }, 10));
    CHECK(board.Stop() == 0);
    CHECK(board.Cec().empty());
}
