// The board stopped by SIGTERM (systemd's stop, a technician's Ctrl-C) at the moments that matter: in a
// fetch that hangs, inside a draw (its render loop held in an X call), in the middle of a board pack. Each
// time it stops with a defined exit code and a log line, its cache whole and its status file valid JSON:
// the sync thread is stopped and joined before the window goes, on every way out.
#include "core/digest.h"
#include "core/snapshot.h"
#include "io/board_process.h"
#include "process_support.h"
#include "test_support.h"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

using namespace wb;
using wb::test::Now;
using wb::test::TempDir;
using wb::test::Xvfb;

namespace
{

// A feed whose every request hangs until the feed goes: the board is inside a fetch for as long as the
// test likes.
class HangingFeed
{
  public:
    HangingFeed()
    {
        m_server.Get("/snapshot.json",
                     [this](const httplib::Request&, httplib::Response& response)
                     {
                         ++m_requests;
                         std::unique_lock lock(m_mutex);
                         m_release.wait(lock, [this] { return m_released; });
                         response.status = 503;
                     });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) // cpp-httplib 0.11's stop() does nothing before the listener runs
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~HangingFeed()
    {
        {
            std::lock_guard lock(m_mutex);
            m_released = true;
        }
        m_release.notify_all();
        m_server.stop();
        m_thread.join();
    }
    HangingFeed(const HangingFeed&) = delete;
    HangingFeed& operator=(const HangingFeed&) = delete;

    std::string Url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/snapshot.json"; }
    // Waits up to `seconds` for a request to arrive (and hang).
    bool AwaitRequest(double seconds) const
    {
        for (const double end = Now() + seconds; Now() < end;)
        {
            if (m_requests > 0)
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    }

  private:
    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
    std::atomic<int> m_requests{0};
    std::mutex m_mutex;
    std::condition_variable m_release;
    bool m_released = false;
};

// The board as a child process: `wallboard <options> --cache … --status-file …`, its stderr in a log.
class Board : public test::Process
{
  public:
    Board(const TempDir& dir, const std::string& display, const std::string& options)
        : test::Process({"sh", "-c",
                         std::string("exec ") + WALLBOARD_EXE + " " + options + " --cache " +
                             (dir.Path() / "cache.sqlite").string() + " --status-file " +
                             (dir.Path() / "status.json").string()},
                        dir.Path() / "board.log", Environment(display)),
          m_cache(dir.Path() / "cache.sqlite"), m_status(dir.Path() / "status.json")
    {
    }
    // Waits up to `seconds` for the status file to name a view: the frame loop runs.
    bool AwaitView(double seconds) const
    {
        for (const double end = Now() + seconds; Now() < end;)
        {
            if (std::filesystem::exists(m_status) &&
                test::ReadFile(m_status).find("\"view\": \"") != std::string::npos &&
                test::ReadFile(m_status).find("\"view\": \"\"") == std::string::npos)
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    }
    // The status file is not torn: it parses as JSON, or it was never written (a headless sync says
    // nothing until its first fetch ends).
    bool StatusNotTorn() const
    {
        return !std::filesystem::exists(m_status) ||
               !nlohmann::json::parse(test::ReadFile(m_status), nullptr, false).is_discarded();
    }
    // PRAGMA integrity_check on the cache, as the board left it.
    std::string CacheIntegrity() const
    {
        sqlite3* db = nullptr;
        std::string verdict = "cannot open";
        if (sqlite3_open_v2(m_cache.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK)
            sqlite3_exec(
                db, "PRAGMA integrity_check",
                [](void* out, int, char** values, char**)
                {
                    *static_cast<std::string*>(out) = values[0] ? values[0] : "";
                    return 0;
                },
                &verdict, nullptr);
        sqlite3_close(db);
        return verdict;
    }

  private:
    static std::vector<std::string> Environment(const std::string& display)
    {
        std::vector<std::string> env = test::CleanEnvironment();
        if (!display.empty())
            env.push_back("DISPLAY=" + display);
        return env;
    }

    std::filesystem::path m_cache, m_status;
};

std::string WriteDemoFeed(const TempDir& dir)
{
    const Snapshot s = test::BuildDemo("plymouth");
    const std::filesystem::path path = dir.Path() / "snapshot.json";
    std::ofstream(path) << SnapshotToJsonWithHash(s, ContentHash(SnapshotToJson(s)));
    return "file://" + path.string();
}

} // namespace

TEST_CASE("SIGTERM while the board's fetch hangs: it stops at once, exit 0", "[xvfb][shutdown]")
{
    TempDir dir;
    HangingFeed feed;
    Xvfb x(dir.Path());
    Board board(dir, x.Display(), "--windowed 1280x720 --request-timeout 3600 --feed " + feed.Url());
    INFO(board.Output());
    REQUIRE(feed.AwaitRequest(30)); // the sync thread is inside the fetch, which would wait an hour
    board.Signal(SIGTERM);
    const int code = board.WaitExit(20);
    INFO(board.Output());
    CHECK(code == 0);
    CHECK(board.StatusNotTorn());
}

TEST_CASE("SIGTERM while the headless sync's fetch hangs: it stops at once, exit 0", "[shutdown]")
{
    TempDir dir;
    HangingFeed feed;
    Board board(dir, "", "--headless --request-timeout 3600 --feed " + feed.Url());
    INFO(board.Output());
    REQUIRE(feed.AwaitRequest(30));
    board.Signal(SIGTERM);
    CHECK(board.WaitExit(20) == 0);
    CHECK(board.StatusNotTorn());
}

TEST_CASE("SIGTERM while the render loop is inside a draw: the frame ends, then the board, exit 0",
          "[xvfb][shutdown]")
{
    TempDir dir;
    Xvfb x(dir.Path());
    // Rotating every 3 s: with the X server stopped for 4 s, the loop starts a page's frame and waits in it.
    Board board(dir, x.Display(), "--windowed 1280x720 --dwell 3 --feed " + WriteDemoFeed(dir));
    INFO(board.Output());
    REQUIRE(board.AwaitView(30));
    REQUIRE(kill(x.Pid(), SIGSTOP) == 0);
    std::this_thread::sleep_for(std::chrono::seconds(4));
    board.Signal(SIGTERM);
    // Held in the X call, it cannot have gone: the signal waits for the frame.
    const int while_held = board.WaitExit(1);
    REQUIRE(kill(x.Pid(), SIGCONT) == 0);
    const int code = while_held != -2 ? while_held : board.WaitExit(20);
    INFO(board.Output());
    CHECK(while_held == -2); // still running
    CHECK(code == 0);
    CHECK(board.StatusNotTorn());
    CHECK(board.CacheIntegrity() == "ok");
}

TEST_CASE(
    "SIGTERM in the middle of a board pack: it stops after the page it is drawing and says how far it got",
    "[xvfb][shutdown]")
{
    TempDir dir;
    Xvfb x(dir.Path());
    const std::filesystem::path pack = dir.Path() / "pack";
    std::filesystem::create_directory(pack);
    Board board(dir, x.Display(),
                "--windowed 1280x720 --screenshot " + pack.string() + " --feed " + WriteDemoFeed(dir));
    bool first_page = false;
    for (const double end = Now() + 30; Now() < end && !first_page;)
    {
        first_page = !std::filesystem::is_empty(pack);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    INFO(board.Output());
    REQUIRE(first_page);
    board.Signal(SIGTERM);
    const int code = board.WaitExit(20);
    INFO(board.Output());
    CHECK(code == 1); // a board pack cut short is not a board pack
    CHECK(board.Output().find("stopped before the board pack was complete") != std::string::npos);
    size_t written = 0;
    for (const auto& entry : std::filesystem::directory_iterator(pack))
        written += entry.path().extension() == ".png";
    CHECK(written >= 1);
    CHECK(written < test::BuildDemo("plymouth").dashboards.size()); // every page would be more
    CHECK(board.CacheIntegrity() == "ok");
}
