// The board passes the system call filter of its unit (deploy/systemd/wallboard.service): run under
// syscall_filter_run, which installs the unit's SystemCallFilter= as systemd would, with any call outside
// it fatal (SIGSYS), it renders the demo's board pack under Xvfb and syncs once over HTTP. A negative
// control shows the harness enforces: a filter without @network-io kills the same HTTP sync.
#include "core/digest.h"
#include "core/snapshot.h"
#include "publish/serve.h"

#include "test_support.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <thread>

using namespace wb;

namespace
{

std::string WallboardUnit()
{
    return test::SourceDir() + "/deploy/systemd/wallboard.service";
}

void WriteDemoFeed(const std::filesystem::path& dir)
{
    const Snapshot s = test::BuildDemo("plymouth");
    std::ofstream(dir / "snapshot.json") << SnapshotToJsonWithHash(s, ContentHash(SnapshotToJson(s)));
}

// Runs `command` under the filter of `unit`; returns the wait status of the shell, whose exit code is
// 128 + the signal when the command was killed. The output goes to `log`.
int UnderFilter(const std::string& unit, const std::string& command, const std::filesystem::path& log,
                const std::string& prefix = "")
{
    const std::string line = "ulimit -c 0; " + prefix + " " + WALLBOARD_SYSCALL_FILTER_RUN + " " + unit +
                             " -- " + command + " > " + log.string() + " 2>&1";
    return std::system(line.c_str());
}

// `wallboard-publish serve`'s server on a free loopback port, on a thread of its own.
class Feed
{
  public:
    explicit Feed(const std::filesystem::path& dir) : m_server({dir.string(), "127.0.0.1", 0})
    {
        std::string error;
        m_port = m_server.Bind(error);
        INFO(error);
        REQUIRE(m_port > 0);
        m_thread = std::thread([this] { m_server.Run(); });
    }
    ~Feed()
    {
        m_server.Stop();
        m_thread.join();
    }
    Feed(const Feed&) = delete;
    Feed& operator=(const Feed&) = delete;
    std::string Url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/snapshot.json"; }

  private:
    publish::FeedServer m_server;
    int m_port = -1;
    std::thread m_thread;
};

} // namespace

TEST_CASE("the unit's filter lets the board render its board pack under X", "[xvfb][seccomp]")
{
    REQUIRE(std::filesystem::exists(WallboardUnit()));
    test::TempDir dir;
    WriteDemoFeed(dir.Path());
    std::filesystem::create_directory(dir.Path() / "shots");
    // systemd's notify socket too: the board's sd_notify calls must pass the filter (and the address
    // families) as well. Nobody reads it; a refused send would be logged as "could not tell systemd".
    const std::string notify = (dir.Path() / "notify").string();
    const int notify_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    REQUIRE(notify.size() < sizeof address.sun_path);
    notify.copy(address.sun_path, notify.size());
    REQUIRE(bind(notify_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    // Read as systemd reads: a full queue would block the board's next sd_notify (a blocking send).
    std::atomic<bool> done{false};
    std::string messages;
    std::thread reader(
        [&]
        {
            char buffer[4096];
            while (!done)
            {
                pollfd p{notify_fd, POLLIN, 0};
                if (poll(&p, 1, 100) == 1)
                    if (const ssize_t n = recv(notify_fd, buffer, sizeof buffer, 0); n > 0)
                        messages.append(buffer, static_cast<size_t>(n)).append("\n");
            }
        });
    const int status = UnderFilter(
        WallboardUnit(),
        std::string(WALLBOARD_EXE) + " --feed file://" + (dir.Path() / "snapshot.json").string() +
            " --cache " + (dir.Path() / "cache.sqlite").string() + " --screenshot " +
            (dir.Path() / "shots").string(),
        dir.Path() / "log.txt",
        "NOTIFY_SOCKET=" + notify + " WATCHDOG_USEC=4000000 xvfb-run -a -s '-screen 0 1280x720x24'");
    done = true;
    reader.join();
    close(notify_fd);
    CHECK(messages.find("READY=1\n") != std::string::npos);
    CHECK(messages.find("WATCHDOG=1\n") != std::string::npos);
    const std::string log = test::ReadFile(dir.Path() / "log.txt");
    INFO(log);
    CHECK(log.find("allow-list of") != std::string::npos); // the filter was installed
    CHECK(log.find("systemd watchdog: a keep-alive every 2 s") != std::string::npos);
    CHECK(log.find("could not tell systemd") == std::string::npos);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    const Snapshot s = test::BuildDemo("plymouth");
    for (const Dashboard& d : s.dashboards)
        CHECK(std::filesystem::file_size(dir.Path() / "shots" / (d.id + ".png")) > 1000);
    CHECK(std::filesystem::exists(dir.Path() / "shots" / "overdue.png"));
}

TEST_CASE("the unit's filter lets the board sync over HTTP, and a filter without network calls kills it",
          "[seccomp]")
{
    REQUIRE(std::filesystem::exists(WallboardUnit()));
    test::TempDir dir;
    WriteDemoFeed(dir.Path());
    Feed feed(dir.Path());
    const std::string once = std::string(WALLBOARD_EXE) + " --feed " + feed.Url() + " --once --cache ";

    const int status = UnderFilter(WallboardUnit(),
                                   once + (dir.Path() / "cache.sqlite").string() + " --status-file " +
                                       (dir.Path() / "status.json").string(),
                                   dir.Path() / "log.txt");
    {
        INFO(test::ReadFile(dir.Path() / "log.txt"));
        REQUIRE(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0); // online: fetched, validated, cached
        CHECK(test::ReadFile(dir.Path() / "status.json").find("\"state\": \"online\"") != std::string::npos);
    }

    // The negative control: the same sync under @system-service without @network-io dies at socket().
    const std::string unit = test::SourceDir() + "/tests/fixtures/units/no-network-io.service";
    const int killed =
        UnderFilter(unit, once + (dir.Path() / "cache2.sqlite").string(), dir.Path() / "log2.txt");
    INFO(test::ReadFile(dir.Path() / "log2.txt"));
    REQUIRE(WIFEXITED(killed));
    CHECK(WEXITSTATUS(killed) == 128 + SIGSYS);
}
