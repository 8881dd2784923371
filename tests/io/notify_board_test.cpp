// The real board under systemd's notify protocol, with a fake NOTIFY_SOCKET of the test's own (the
// issue's "Done when"): READY=1 after the first frame, a STATUS= line naming the page, WATCHDOG=1 at least
// twice per WatchdogSec while idle, STOPPING=1 after SIGTERM; and no WATCHDOG=1 while the render loop is
// stuck in an X call (the X server stopped with SIGSTOP), again once it runs.
// The board is started as kiosk-session starts it: `export WATCHDOG_PID=$$; exec wallboard ...`.
// The X server is an Xvfb of the test's own (not xvfb-run), so the test knows its pid to stop it, and it
// keeps its screen in a file (-fbdir) that the test reads to see the first frame.
#include "core/digest.h"
#include "core/snapshot.h"

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

extern char** environ;

using namespace wb;

namespace
{

double Now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

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

pid_t Spawn(const std::vector<std::string>& args, const std::vector<std::string>& env,
            posix_spawn_file_actions_t* actions)
{
    std::vector<char*> argv;
    for (const std::string& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const std::string& e : env)
        envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    pid_t pid = -1;
    REQUIRE(posix_spawnp(&pid, argv[0], actions, nullptr, argv.data(), envp.data()) == 0);
    return pid;
}

// This process's environment without the variables the test sets for the board.
std::vector<std::string> CleanEnvironment()
{
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e)
    {
        const std::string entry = *e;
        bool drop = false;
        for (const char* name : {"DISPLAY=", "NOTIFY_SOCKET=", "WATCHDOG_USEC=", "WATCHDOG_PID="})
            drop = drop || entry.starts_with(name);
        if (!drop)
            env.push_back(entry);
    }
    return env;
}

// Waits up to `seconds` for `pid` to exit; its wait status, or -1 if it is still running.
int WaitExit(pid_t pid, double seconds)
{
    const double end = Now() + seconds;
    while (Now() < end)
    {
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == pid)
            return status;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
}

// An Xvfb of the test's own on a free display, its screen kept in `dir`/Xvfb_screen0 (XWD).
class Xvfb
{
  public:
    explicit Xvfb(const std::filesystem::path& dir) : m_dir(dir)
    {
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], 3); // -displayfd 3: the display number
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        posix_spawn_file_actions_addopen(&actions, 2, (dir / "xvfb.log").c_str(), O_WRONLY | O_CREAT, 0644);
        m_pid = Spawn({"Xvfb", "-displayfd", "3", "-screen", "0", "1280x720x24", "-nolisten", "tcp", "-fbdir",
                       dir.string()},
                      CleanEnvironment(), &actions);
        posix_spawn_file_actions_destroy(&actions);
        close(fds[1]);
        std::string number;
        char c = 0;
        pollfd p{fds[0], POLLIN, 0};
        while (poll(&p, 1, 20000) == 1 && read(fds[0], &c, 1) == 1 && c != '\n')
            number += c;
        close(fds[0]);
        INFO(test::ReadFile(dir / "xvfb.log"));
        REQUIRE_FALSE(number.empty());
        m_display = ":" + number;
    }
    ~Xvfb()
    {
        kill(m_pid, SIGCONT);
        kill(m_pid, SIGTERM);
        if (WaitExit(m_pid, 5) == -1)
        {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
    }
    Xvfb(const Xvfb&) = delete;
    Xvfb& operator=(const Xvfb&) = delete;

    pid_t Pid() const { return m_pid; }
    const std::string& Display() const { return m_display; }

    // Pixels of one colour on the screen now.
    size_t CountColour(unsigned r, unsigned g, unsigned b) const
    {
        const std::string xwd = test::ReadFile(m_dir / "Xvfb_screen0");
        REQUIRE(xwd.size() > 100);
        const auto field = [&](size_t index) // XWD's header: big-endian 32-bit fields
        {
            const auto* p = reinterpret_cast<const unsigned char*>(xwd.data()) + index * 4;
            return static_cast<size_t>(p[0]) << 24 | static_cast<size_t>(p[1]) << 16 |
                   static_cast<size_t>(p[2]) << 8 | p[3];
        };
        const size_t header = field(0), width = field(4), height = field(5), lsb_first = field(7) == 0,
                     bits = field(11), stride = field(12), colours = field(19);
        REQUIRE(bits == 32);
        const size_t start = header + colours * 12;
        REQUIRE(xwd.size() >= start + stride * height);
        size_t count = 0;
        for (size_t y = 0; y < height; ++y)
            for (size_t x = 0; x < width; ++x)
            {
                const auto* px =
                    reinterpret_cast<const unsigned char*>(xwd.data()) + start + y * stride + x * 4;
                const unsigned red = lsb_first ? px[2] : px[1], green = lsb_first ? px[1] : px[2],
                               blue = lsb_first ? px[0] : px[3];
                count += red == r && green == g && blue == b;
            }
        return count;
    }

  private:
    std::filesystem::path m_dir;
    pid_t m_pid = -1;
    std::string m_display;
};

// The board on the demo plan's snapshot (file://), started as kiosk-session starts it, reporting to
// `notify`, with WatchdogSec=4.
class Board
{
  public:
    Board(const test::TempDir& dir, const std::string& display, const NotifySocket& notify,
          const std::string& options, const std::string& watchdog_pid = "$$")
        : m_log(dir.Path() / "board.log")
    {
        const Snapshot s = test::BuildDemo("plymouth");
        std::ofstream(dir.Path() / "snapshot.json")
            << SnapshotToJsonWithHash(s, ContentHash(SnapshotToJson(s)));
        std::vector<std::string> env = CleanEnvironment();
        if (!display.empty())
            env.push_back("DISPLAY=" + display);
        env.push_back("NOTIFY_SOCKET=" + notify.Path());
        env.push_back("WATCHDOG_USEC=4000000");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 2, m_log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
        const std::string command = "export WATCHDOG_PID=" + watchdog_pid + "; exec " + WALLBOARD_EXE +
                                    " --feed file://" + (dir.Path() / "snapshot.json").string() +
                                    " --cache " + (dir.Path() / "cache.sqlite").string() + " " + options;
        m_pid = Spawn({"sh", "-c", command}, env, &actions);
        posix_spawn_file_actions_destroy(&actions);
    }
    ~Board()
    {
        if (m_pid > 0)
        {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
    }
    Board(const Board&) = delete;
    Board& operator=(const Board&) = delete;

    pid_t Pid() const { return m_pid; }
    // What the board has logged so far; empty before its log exists (qemu-user turns posix_spawn's vfork
    // into a fork, so the file may not be there yet when the spawn returns).
    std::string Log() const { return std::filesystem::exists(m_log) ? test::ReadFile(m_log) : std::string(); }
    // SIGTERM, then its wait status (-1 if it did not exit within 10 s).
    int Stop()
    {
        kill(m_pid, SIGTERM);
        const int status = WaitExit(m_pid, 10);
        if (status != -1)
            m_pid = -1;
        return status;
    }

  private:
    std::filesystem::path m_log;
    pid_t m_pid = -1;
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
    INFO(board.Log());
    REQUIRE(ready);
    CHECK(background > 1000);
    const double ready_at = Times(notify.Messages(), "READY=1").front();

    notify.Receive(10.5);
    const int exit_status = board.Stop();
    const bool stopping = notify.Receive(5, "STOPPING=1");
    const double stop_at = Now();
    CHECK(stopping);
    REQUIRE(exit_status != -1);
    CHECK(WIFEXITED(exit_status));
    CHECK(WEXITSTATUS(exit_status) == 0);

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
    INFO(board.Log());
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
    REQUIRE(exit_status != -1);
    CHECK(WIFEXITED(exit_status));
}

TEST_CASE("headless under a fake systemd: READY once syncing, the watchdog fed from its loop, STOPPING",
          "[notify]")
{
    test::TempDir dir;
    NotifySocket notify(dir.Path() / "notify");
    Board board(dir, "", notify, "--headless");
    INFO(board.Log());
    REQUIRE(notify.Receive(20, "READY=1"));
    notify.Receive(4.5);
    const int exit_status = board.Stop();
    CHECK(notify.Receive(5, "STOPPING=1"));
    REQUIRE(exit_status != -1);
    CHECK(WIFEXITED(exit_status));
    CHECK(WEXITSTATUS(exit_status) == 0);
    const auto pings = Times(notify.Messages(), "WATCHDOG=1");
    CHECK(pings.size() >= 2);
    CHECK(LongestGap(pings) < 4.0);
    bool online = false;
    for (const Message& m : notify.Messages())
        online = online || m.text.starts_with("STATUS=online · ");
    CHECK(online);
}
