// The real board under systemd's notify protocol, with a fake NOTIFY_SOCKET of the test's own (the
// issue's "Done when"): READY=1 after the first frame, a STATUS= line naming the page, WATCHDOG=1 at least
// twice per WatchdogSec while idle, STOPPING=1 after SIGTERM; and no WATCHDOG=1 while the render loop is
// stuck in an X call (the X server stopped with SIGSTOP), again once it runs.
// The board is started as kiosk-session starts it: `export WATCHDOG_PID=$$; exec wallboard ...`.
// The X server is an Xvfb of the test's own (not xvfb-run), so the test knows its pid to stop it, and it
// keeps its screen in a file (-fbdir) that the test reads to see the first frame.
#include "core/digest.h"
#include "core/snapshot.h"

#include "io/board_process.h"
#include "process_support.h"
#include "test_support.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <thread>

using namespace wb;
using wb::test::CleanEnvironment;
using wb::test::Now;
using wb::test::Spawn;
using wb::test::WaitExit;
using wb::test::Xvfb;

namespace
{

struct Message
{
    double at = 0; // Now() when it arrived
    std::string text;
};

// systemd's end of NOTIFY_SOCKET: a datagram socket bound in the test's directory.
class NotifySocket
{
  public:
    explicit NotifySocket(const std::filesystem::path& path) : m_path(path.string())
    {
        m_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        REQUIRE(m_fd >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        REQUIRE(m_path.size() < sizeof address.sun_path);
        m_path.copy(address.sun_path, m_path.size());
        REQUIRE(bind(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    }
    ~NotifySocket() { close(m_fd); }
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;
    const std::string& Path() const { return m_path; }

    // Receives for `seconds`, or until a message containing `until` (if given) arrives. One Message per
    // line of each datagram. Returns whether `until` came.
    bool Receive(double seconds, const std::string& until = "")
    {
        const double end = Now() + seconds;
        for (double now = Now(); now < end; now = Now())
        {
            pollfd p{m_fd, POLLIN, 0};
            if (poll(&p, 1, static_cast<int>((end - now) * 1000) + 1) != 1)
                continue;
            char buffer[4096];
            const ssize_t n = recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                continue;
            const double at = Now();
            std::istringstream lines(std::string(buffer, static_cast<size_t>(n)));
            bool found = false;
            for (std::string line; std::getline(lines, line);)
            {
                m_messages.push_back({at, line});
                found = found || (!until.empty() && line == until);
            }
            if (found)
                return true;
        }
        return false;
    }
    const std::vector<Message>& Messages() const { return m_messages; }

  private:
    std::string m_path;
    int m_fd = -1;
    std::vector<Message> m_messages;
};

// When each message equal to `text` came, in order.
std::vector<double> Times(const std::vector<Message>& messages, const std::string& text, double from = 0,
                          double to = 1e300)
{
    std::vector<double> times;
    for (const Message& m : messages)
        if (m.text == text && m.at >= from && m.at < to)
            times.push_back(m.at);
    return times;
}

double LongestGap(const std::vector<double>& times)
{
    double longest = 0;
    for (size_t i = 1; i < times.size(); ++i)
        longest = std::max(longest, times[i] - times[i - 1]);
    return longest;
}

// The board on the demo plan's snapshot (file://), started as kiosk-session starts it, reporting to
// `notify`, with WatchdogSec=4.
class Board : public test::Process
{
  public:
    Board(const test::TempDir& dir, const std::string& display, const NotifySocket& notify,
          const std::string& options, const std::string& watchdog_pid = "$$")
        : test::Process({"sh", "-c",
                         "export WATCHDOG_PID=" + watchdog_pid + "; exec " + WALLBOARD_EXE +
                             " --feed file://" + WriteDemo(dir).string() + " --cache " +
                             (dir.Path() / "cache.sqlite").string() + " " + options},
                        dir.Path() / "board.log", Environment(display, notify))
    {
    }
    // SIGTERM, then its exit code (-1 if a signal ended it, -2 if it did not exit within 10 s).
    int Stop()
    {
        Signal(SIGTERM);
        return WaitExit(10);
    }

  private:
    static std::filesystem::path WriteDemo(const test::TempDir& dir)
    {
        const Snapshot s = test::BuildDemo("plymouth");
        std::ofstream(dir.Path() / "snapshot.json")
            << SnapshotToJsonWithHash(s, ContentHash(SnapshotToJson(s)));
        return dir.Path() / "snapshot.json";
    }
    static std::vector<std::string> Environment(const std::string& display, const NotifySocket& notify)
    {
        std::vector<std::string> env = CleanEnvironment();
        if (!display.empty())
            env.push_back("DISPLAY=" + display);
        env.push_back("NOTIFY_SOCKET=" + notify.Path());
        env.push_back("WATCHDOG_USEC=4000000");
        return env;
    }
};

// The system call the board's main thread is blocked in, and its arguments (/proc/PID/syscall).
std::string MainThreadSyscall(pid_t pid)
{
    std::ifstream file("/proc/" + std::to_string(pid) + "/syscall");
    std::string line;
    std::getline(file, line);
    return line;
}

} // namespace

TEST_CASE("under a fake systemd the idle board says READY after its first frame, its page, keeps the "
          "watchdog fed, and STOPPING at SIGTERM",
          "[xvfb][notify]")
{
    test::TempDir dir;
    NotifySocket notify(dir.Path() / "notify");
    Xvfb x(dir.Path());
    // One page with one part: nothing on it moves, so only the minute and the watchdog wake the board.
    Board board(dir, x.Display(), notify, "--windowed 1280x720 --page improvement-board");

    const bool ready = notify.Receive(30, "READY=1");
    // The first frame is on the screen when READY=1 comes: the page's background.
    const size_t background = ready ? x.CountColour(18, 18, 20) : 0;
    INFO(board.Output());
    REQUIRE(ready);
    CHECK(background > 1000);
    const double ready_at = Times(notify.Messages(), "READY=1").front();

    notify.Receive(10.5);
    const int exit_status = board.Stop();
    const bool stopping = notify.Receive(5, "STOPPING=1");
    const double stop_at = Now();
    CHECK(stopping);
    CHECK(exit_status == 0);

    // The page by its title in the plan, with the strip's words after it.
    std::string title;
    for (const Dashboard& d : test::BuildDemo("plymouth").dashboards)
        if (d.id == "improvement-board")
            title = d.title;
    REQUIRE(!title.empty());
    std::string statuses;
    bool page_named = false;
    for (const Message& m : notify.Messages())
        if (m.text.starts_with("STATUS="))
        {
            statuses += m.text + "\n";
            page_named = page_named || m.text.starts_with("STATUS=online · " + title + " · ");
        }
    INFO(statuses);
    CHECK(page_named);
    CHECK(Times(notify.Messages(), "READY=1").size() == 1);

    // WatchdogSec=4: a keep-alive every 2 s, none further apart than 4 s, including the first after READY.
    std::vector<double> pings = Times(notify.Messages(), "WATCHDOG=1", 0, stop_at);
    REQUIRE(!pings.empty());
    pings.insert(pings.begin(), ready_at);
    const double gap = LongestGap(pings);
    INFO(pings.size() - 1 << " keep-alives over " << (pings.back() - ready_at) << " s, longest gap " << gap
                          << " s");
    CHECK(pings.size() - 1 >= 5); // at least twice per WatchdogSec over 10 s
    CHECK(gap < 4.0);
    WARN("idle board: " << pings.size() - 1 << " keep-alives in " << (pings.back() - ready_at)
                        << " s, longest gap " << gap << " s");
}

TEST_CASE("a render loop stuck in an X call stops feeding the watchdog, and feeds it again once it runs",
          "[xvfb][notify]")
{
    test::TempDir dir;
    NotifySocket notify(dir.Path() / "notify");
    Xvfb x(dir.Path());
    // The rotation: its cue at the foot of the page is redrawn every 2 s.
    Board board(dir, x.Display(), notify, "--windowed 1280x720 --dwell 3600");
    INFO(board.Output());
    REQUIRE(notify.Receive(30, "READY=1"));
    notify.Receive(5);
    const double healthy_from = Times(notify.Messages(), "READY=1").front();
    CHECK(Times(notify.Messages(), "WATCHDOG=1", healthy_from).size() >= 2);

    // The X server stops answering: the board's next frame waits for a reply that does not come.
    REQUIRE(kill(x.Pid(), SIGSTOP) == 0);
    const double stopped_at = Now();
    notify.Receive(10);
    const std::string blocked_in = MainThreadSyscall(board.Pid());
    REQUIRE(kill(x.Pid(), SIGCONT) == 0);
    const double continued_at = Now();
    notify.Receive(5);

    // One keep-alive may still come in the first interval (the frame before the stuck one), then none:
    // 7 s of silence, longer than WatchdogSec, so systemd would restart the board.
    const auto stuck = Times(notify.Messages(), "WATCHDOG=1", stopped_at + 3.0, continued_at);
    INFO("main thread in system call: " << blocked_in);
    CHECK(stuck.empty());
    // The board was waiting for the X server, with no timeout: poll(fds, 1, -1) (7 on x86-64).
#if defined(__x86_64__)
    CHECK(blocked_in.starts_with("7 "));
    CHECK(blocked_in.find(" 0x1 0xffffffff ") != std::string::npos);
#endif
    // The server answers again: so does the board.
    CHECK(Times(notify.Messages(), "WATCHDOG=1", continued_at).size() >= 1);
    const int exit_status = board.Stop();
    CHECK(notify.Receive(5, "STOPPING=1"));
    CHECK(exit_status >= 0); // it exited, not ended by a signal
}

TEST_CASE("headless under a fake systemd: READY once syncing, the watchdog fed from its loop, STOPPING",
          "[notify]")
{
    test::TempDir dir;
    NotifySocket notify(dir.Path() / "notify");
    Board board(dir, "", notify, "--headless");
    INFO(board.Output());
    REQUIRE(notify.Receive(20, "READY=1"));
    notify.Receive(4.5);
    const int exit_status = board.Stop();
    CHECK(notify.Receive(5, "STOPPING=1"));
    CHECK(exit_status == 0);
    const auto pings = Times(notify.Messages(), "WATCHDOG=1");
    CHECK(pings.size() >= 2);
    CHECK(LongestGap(pings) < 4.0);
    bool online = false;
    for (const Message& m : notify.Messages())
        online = online || m.text.starts_with("STATUS=online · ");
    CHECK(online);
}
