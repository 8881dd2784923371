// Running the real board (or the publisher) as a child process in a test: spawning it with a clean
// environment, waiting for its exit with a bound, and an Xvfb of the test's own on a free display, its
// screen kept in a file the test can read and its pid known so the test can stop it (SIGSTOP) to hold the
// board inside an X call.
#pragma once

#include "test_support.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace wb::test
{

inline double Now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

inline pid_t Spawn(const std::vector<std::string>& args, const std::vector<std::string>& env,
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
inline std::vector<std::string> CleanEnvironment()
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
inline int WaitExit(pid_t pid, double seconds)
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
        // Both ends above 3, so that placing the write end at fd 3 cannot close or replace the read end.
        for (int& fd : fds)
        {
            const int high = fcntl(fd, F_DUPFD, 10);
            REQUIRE(high >= 10);
            close(fd);
            fd = high;
        }
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

} // namespace wb::test
