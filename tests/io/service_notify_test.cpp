// The board's messages to systemd, in process: a notify socket of the test's own, a fake clock, and the
// words of the STATUS= line. (The real board under Xvfb: notify_board_test.cpp.)
#include "io/freshness.h"
#include "io/service_notify.h"

#include "test_support.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>

using namespace wb;
using namespace wb::io;

namespace
{

// A datagram socket standing in for systemd's, with NOTIFY_SOCKET and the watchdog variables set for
// this process while it lives.
class FakeSystemd
{
  public:
    explicit FakeSystemd(const std::string& watchdog_usec, const std::string& watchdog_pid)
    {
        m_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        REQUIRE(m_fd >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const std::string path = (m_dir.Path() / "notify").string();
        REQUIRE(path.size() < sizeof address.sun_path);
        path.copy(address.sun_path, path.size());
        REQUIRE(bind(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
        setenv("NOTIFY_SOCKET", path.c_str(), 1);
        Set("WATCHDOG_USEC", watchdog_usec);
        Set("WATCHDOG_PID", watchdog_pid);
    }
    ~FakeSystemd()
    {
        unsetenv("NOTIFY_SOCKET");
        unsetenv("WATCHDOG_USEC");
        unsetenv("WATCHDOG_PID");
        close(m_fd);
    }
    FakeSystemd(const FakeSystemd&) = delete;
    FakeSystemd& operator=(const FakeSystemd&) = delete;

    // Every message sent so far (sd_notify is a send on a datagram socket: already here when it returns).
    std::vector<std::string> Take()
    {
        std::vector<std::string> messages;
        char buffer[4096];
        pollfd p{m_fd, POLLIN, 0};
        while (poll(&p, 1, 0) == 1)
        {
            const ssize_t n = recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                break;
            messages.emplace_back(buffer, static_cast<size_t>(n));
        }
        return messages;
    }

  private:
    static void Set(const char* name, const std::string& value)
    {
        if (value.empty())
            unsetenv(name);
        else
            setenv(name, value.c_str(), 1);
    }

    test::TempDir m_dir;
    int m_fd = -1;
};

using Messages = std::vector<std::string>;

} // namespace

TEST_CASE("the STATUS line: the sync state, the view's title, the strip's words", "[notify]")
{
    CHECK(ServiceStatusLine(SyncState::Online, "Front Door, part 2",
                            "Synced 14:02 · figures as of 17 Apr 2023") ==
          "online · Front Door, part 2 · Synced 14:02 · figures as of 17 Apr 2023");
    CHECK(ServiceStatusLine(SyncState::Stale, "", "Waiting for the first snapshot from the feed…") ==
          "stale · Waiting for the first snapshot from the feed…");
    CHECK(ServiceStatusLine(SyncState::Offline, "Overdue actions", "") == "offline · Overdue actions");
}

TEST_CASE("the STATUS line says what the strip says when the feed is failing", "[notify]")
{
    // The strip's own words (io/freshness), not a second set: offline since 14:02, data from 09:00.
    setenv("TZ", "UTC", 1);
    tzset();
    constexpr std::int64_t kMonday9 = 1681722000; // 2023-04-17 09:00 UTC
    SyncStatus status;
    status.state = SyncState::Offline;
    status.last_success = kMonday9;
    status.consecutive_failures = 3;
    status.failing_since = kMonday9 + 5 * 3600 + 2 * 60;
    const Date as_of = *ParseIsoDate("2023-04-17");
    const Freshness f = DescribeFreshness(status, as_of, as_of, kMonday9 + 6 * 3600);
    REQUIRE_FALSE(f.warning.empty());
    CHECK(ServiceStatusLine(status.state, "Front Door", f.warning) ==
          "offline · Front Door · Offline since 14:02 — showing data from Monday 09:00 (6 hours old)");
}

TEST_CASE("without NOTIFY_SOCKET the notifier does nothing and asks for no wake-ups", "[notify]")
{
    unsetenv("NOTIFY_SOCKET");
    setenv("WATCHDOG_USEC", "4000000", 1);
    std::vector<std::string> log;
    ServiceNotifier notifier([&](const std::string& line) { log.push_back(line); });
    unsetenv("WATCHDOG_USEC");
    CHECK_FALSE(notifier.Active());
    CHECK_FALSE(notifier.SecondsUntilKeepAlive(0.0).has_value());
    bool titled = false;
    notifier.UpdateStatus(SyncState::Online, "front-door", "Synced 14:02",
                          [&]
                          {
                              titled = true;
                              return std::string("Front Door");
                          });
    CHECK_FALSE(titled);
    CHECK(log.empty());
}

TEST_CASE("READY once, WATCHDOG when due on a fake clock, STATUS when its words change, STOPPING", "[notify]")
{
    FakeSystemd systemd("4000000", std::to_string(getpid()));
    std::vector<std::string> log;
    ServiceNotifier notifier([&](const std::string& line) { log.push_back(line); });
    REQUIRE(notifier.Active());
    CHECK(notifier.WatchdogInterval() == Approx(2.0));
    REQUIRE(log.size() == 1);
    CHECK(log[0] == "systemd watchdog: a keep-alive every 2 s (WatchdogSec=4)");

    notifier.Ready();
    notifier.Ready();
    CHECK(systemd.Take() == Messages{"READY=1"});

    // A frame loop on a fake clock: a keep-alive at once, then not before 2 s have passed.
    notifier.KeepAlive(100.0);
    notifier.KeepAlive(100.5);
    CHECK(*notifier.SecondsUntilKeepAlive(101.0) == Approx(1.0));
    notifier.KeepAlive(101.9);
    CHECK(systemd.Take() == Messages{"WATCHDOG=1"});
    notifier.KeepAlive(102.0);
    notifier.KeepAlive(103.0);
    notifier.KeepAlive(104.0);
    CHECK(systemd.Take() == Messages{"WATCHDOG=1", "WATCHDOG=1"});

    int titles = 0;
    const auto title = [&]
    {
        ++titles;
        return std::string("Front Door, part 2");
    };
    const std::string synced = "Synced 14:02 · figures as of 17 Apr 2023";
    notifier.UpdateStatus(SyncState::Online, "front-door.1", synced, title);
    notifier.UpdateStatus(SyncState::Online, "front-door.1", synced, title); // every frame: nothing new
    CHECK(systemd.Take() == Messages{"STATUS=online · Front Door, part 2 · " + synced});
    CHECK(titles == 1);
    notifier.UpdateStatus(SyncState::Offline, "front-door.1", synced, title);
    notifier.UpdateStatus(SyncState::Offline, "front-door.1", "Synced 14:03", title);
    notifier.UpdateStatus(SyncState::Offline, "front-door.1", "Synced 14:03", title);
    CHECK(systemd.Take() == Messages{"STATUS=offline · Front Door, part 2 · " + synced,
                                     "STATUS=offline · Front Door, part 2 · Synced 14:03"});
    notifier.UpdateStatus(SyncState::Offline, "overdue", "Synced 14:03",
                          [] { return std::string("Overdue"); });
    CHECK(systemd.Take() == Messages{"STATUS=offline · Overdue · Synced 14:03"});
    CHECK(titles == 3);

    notifier.Stopping();
    CHECK(systemd.Take() == Messages{"STOPPING=1"});
}

TEST_CASE("a watchdog meant for another process is refused, with a message saying what to do", "[notify]")
{
    // systemd names the unit's main process (xinit) in WATCHDOG_PID; kiosk-session must re-export it.
    FakeSystemd systemd("4000000", "1");
    std::vector<std::string> log;
    ServiceNotifier notifier([&](const std::string& line) { log.push_back(line); });
    REQUIRE(notifier.Active());
    CHECK(notifier.WatchdogInterval() == 0.0);
    CHECK_FALSE(notifier.SecondsUntilKeepAlive(0.0).has_value());
    notifier.Ready();
    notifier.KeepAlive(0.0);
    notifier.KeepAlive(100.0);
    CHECK(systemd.Take() == Messages{"READY=1"}); // ready, but no keep-alive
    REQUIRE(log.size() == 1);
    CHECK(log[0].find("WATCHDOG_PID is 1, not this process") != std::string::npos);
    CHECK(log[0].find("export WATCHDOG_PID=$$") != std::string::npos);
}

TEST_CASE("without WATCHDOG_USEC the board says READY and STATUS but sends no keep-alive", "[notify]")
{
    FakeSystemd systemd("", "");
    ServiceNotifier notifier([](const std::string&) {});
    REQUIRE(notifier.Active());
    CHECK_FALSE(notifier.SecondsUntilKeepAlive(0.0).has_value());
    notifier.KeepAlive(0.0);
    notifier.Ready();
    CHECK(systemd.Take() == Messages{"READY=1"});
}
