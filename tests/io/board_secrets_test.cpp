// The board's secrets, end to end: a token file is one line or the board refuses to start; a token is not
// sent over plain http:// beyond this machine, and the status says so; a URL's user:password reaches
// libcurl but not the cache, the status file or the log; a board holding a secret cannot be dumped.
#include "core/digest.h"
#include "core/snapshot.h"

#include "test_support.h"

#include <httplib.h>

#include <csignal>
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace wb;

namespace
{

std::string DemoSnapshot()
{
    const Snapshot s = test::BuildDemo("plymouth");
    return SnapshotToJsonWithHash(s, ContentHash(SnapshotToJson(s)));
}

// Every byte of every file in `dir` (the cache's -wal and -shm too), one after another.
std::string AllBytes(const std::filesystem::path& dir)
{
    std::string bytes;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
        if (entry.is_regular_file())
            bytes += test::ReadFile(entry.path());
    return bytes;
}

} // namespace

TEST_CASE("a token file of more than one line stops the board before it sends anything", "[board][token]")
{
    test::TempDir dir;
    std::ofstream(dir.Path() / "snapshot.json") << DemoSnapshot();
    const std::string token = (dir.Path() / "token").string();
    std::ofstream(token) << "tok\r\nX-Injected: yes";
    std::string output;
    CHECK(test::RunBoard("--feed file://" + (dir.Path() / "snapshot.json").string() + " --cache " +
                             (dir.Path() / "cache.sqlite").string() + " --token-file " + token + " --once",
                         output, dir) == 2);
    CHECK(output.find("--token-file " + token + ": line 2: a token is one line") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.Path() / "cache.sqlite"));
}

TEST_CASE("a token is not sent over plain http:// to another machine, and the status says why",
          "[board][token]")
{
    test::TempDir dir;
    const std::string token = (dir.Path() / "token").string();
    std::ofstream(token) << "tok\n";
    std::string output;
    // 192.0.2.1 is TEST-NET-1: nothing answers there, so a board that tried would fail another way.
    CHECK(test::RunBoard("--feed http://192.0.2.1/snapshot.json --connect-timeout 2 --cache " +
                             (dir.Path() / "cache.sqlite").string() + " --status-file " +
                             (dir.Path() / "status.json").string() + " --token-file " + token + " --once",
                         output, dir) == 1);
    INFO(output);
    const std::string words =
        "not sending the token over plain http:// to 192.0.2.1: make the feed an https:// "
        "address";
    CHECK(test::ReadFile(dir.Path() / "status.json").find(words) != std::string::npos);
    // The log (stderr) says it too, not only the JSON on stdout.
    const size_t first = output.find(words);
    REQUIRE(first != std::string::npos);
    CHECK(output.find(words, first + 1) != std::string::npos);
}

TEST_CASE("a feed URL's user and password reach the server but not the cache, status file or log",
          "[board][token]")
{
    test::TempDir dir;
    const std::string snapshot = DemoSnapshot();
    httplib::Server server;
    std::mutex mutex;
    std::string authorization;
    server.Get("/snapshot.json",
               [&](const httplib::Request& q, httplib::Response& r)
               {
                   std::lock_guard lock(mutex);
                   authorization = q.get_header_value("Authorization");
                   if (authorization == "Basic dXNlcjpzZWNyZXQ=") // base64 of "user:secret", by hand
                       r.set_content(snapshot, "application/json");
                   else
                       r.status = 401;
               });
    server.Get("/broken", [](const httplib::Request&, httplib::Response& r) { r.status = 500; });
    const int port = server.bind_to_any_port("127.0.0.1");
    std::thread thread([&] { server.listen_after_bind(); });
    while (!server.is_running())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));

    const auto files = dir.Path() / "board";
    std::filesystem::create_directory(files);
    const std::string common = " --cache " + (files / "cache.sqlite").string() + " --status-file " +
                               (files / "status.json").string() + " --once";
    const std::string base = "http://user:secret@127.0.0.1:" + std::to_string(port);
    std::string stored, failed;
    const int stored_code = test::RunBoard("--feed " + base + "/snapshot.json" + common, stored, dir);
    // A failure is logged and written to the status with its reason: still no password in either.
    const int failed_code = test::RunBoard("--feed " + base + "/broken" + common, failed, dir);
    server.stop();
    thread.join();

    INFO(stored << "\n" << failed);
    CHECK(stored_code == 0); // libcurl got the whole URL: the server took the password
    CHECK(failed_code == 1);
    CHECK(authorization == "Basic dXNlcjpzZWNyZXQ=");
    const std::string bytes = AllBytes(files);
    // The URL is stored (so its absence below is not for want of a URL), without the password.
    CHECK(bytes.find("http://127.0.0.1:" + std::to_string(port) + "/snapshot.json") != std::string::npos);
    CHECK(test::ReadFile(files / "status.json").find("HTTP 500") != std::string::npos);
    CHECK(bytes.find("secret") == std::string::npos);
    CHECK(stored.find("secret") == std::string::npos);
    CHECK(failed.find("secret") == std::string::npos);
}

TEST_CASE("a board holding a token cannot be dumped or read by another process", "[board][token]")
{
    // The files in /proc/PID of a process that is not dumpable are owned by root (proc(5)); a dumpable
    // one's by its own user. So the board runs as a user other than root: nobody, when the test is root.
    test::TempDir dir;
    std::filesystem::permissions(dir.Path(), std::filesystem::perms::all);
    std::ofstream(dir.Path() / "snapshot.json") << DemoSnapshot();
    std::ofstream(dir.Path() / "token") << "tok\n";
    const uid_t board_uid = ::geteuid() == 0 ? 65534 : ::geteuid();
    // The owner of the board's /proc/PID/status once it has synced once, with or without a token.
    const auto owner = [&](bool with_token)
    {
        const auto files = dir.Path() / (with_token ? "with" : "without");
        std::filesystem::create_directory(files);
        std::filesystem::permissions(files, std::filesystem::perms::all);
        const std::string status = (files / "status.json").string();
        // Everything the child needs is made before fork(): it only calls what is safe after one.
        const std::string feed = "file://" + (dir.Path() / "snapshot.json").string();
        const std::string cache = (files / "cache.sqlite").string();
        const std::string token = (dir.Path() / "token").string();
        std::vector<const char*> argv = {WALLBOARD_EXE, "--headless",  "--feed",        feed.c_str(),
                                         "--cache",     cache.c_str(), "--status-file", status.c_str()};
        if (with_token)
            argv.insert(argv.end(), {"--token-file", token.c_str()});
        argv.push_back(nullptr);
        const bool as_nobody = ::geteuid() == 0;
        const int log = ::open((files / "log.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
        const pid_t pid = ::fork();
        if (pid == 0)
        {
            ::dup2(log, 1);
            ::dup2(log, 2);
            if (as_nobody && (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0))
                ::_exit(120);
            ::execv(WALLBOARD_EXE, const_cast<char* const*>(argv.data()));
            ::_exit(121);
        }
        ::close(log);
        for (int i = 0; i < 1000 && !std::filesystem::exists(status); ++i) // up to 10 s to sync once
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        struct stat proc = {};
        const bool seen = ::stat(("/proc/" + std::to_string(pid) + "/status").c_str(), &proc) == 0;
        ::kill(pid, SIGTERM);
        int exit_status = 0;
        ::waitpid(pid, &exit_status, 0);
        INFO(test::ReadFile(files / "log.txt"));
        REQUIRE(std::filesystem::exists(status));
        REQUIRE(seen);
        return proc.st_uid;
    };
    CHECK(owner(false) == board_uid); // the oracle tells the two apart: without a secret, dumpable
    CHECK(owner(true) == 0);
}
