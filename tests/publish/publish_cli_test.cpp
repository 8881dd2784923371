// wallboard-publish run as a user runs it, on inputs that are not what it expects: every one ends in a
// message naming the file and exit 2 (bad input) or 1 (I/O), never an uncaught exception or a crash.
// And `serve` stopped as systemd or a person at a terminal stops it: SIGTERM, SIGINT.
#include "process_support.h"
#include "test_support.h"

#include <httplib.h>

#include <arpa/inet.h>
#include <cstdlib>
#include <fstream>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace wb;
using namespace std::string_literals;

namespace
{

constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

struct Outcome
{
    int exit_code = -1; // -1: killed by a signal (an abort is one)
    std::string output; // stdout and stderr
};

// `wallboard-publish arguments`, or with `publish` false a whole shell command line.
Outcome Run(const std::string& arguments, const test::TempDir& dir, bool publish = true)
{
    const std::string capture = (dir.Path() / "output.txt").string();
    const std::string command = publish ? std::string(WALLBOARD_PUBLISH_EXE) + " " + arguments : arguments;
    const int status = std::system(("(" + command + ") >" + capture + " 2>&1").c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, test::ReadFile(capture)};
}

std::string Write(const test::TempDir& dir, const std::string& name, const std::string& bytes)
{
    const std::string path = (dir.Path() / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

// `build` of the Plymouth demo with one file replaced.
std::string BuildArguments(const std::string& plan, const std::string& indicators, const std::string& actions,
                           const std::string& out)
{
    return "build --plan '" + plan + "' --indicators '" + indicators + "' --actions '" + actions +
           "' --out '" + out + "'";
}

std::string Demo(const char* file)
{
    return (test::DemoDir("plymouth") / file).string();
}

} // namespace

TEST_CASE("build refuses CSVs that are not text, naming the file, with exit 2", "[publish-cli]")
{
    test::TempDir dir;
    const std::string out = (dir.Path() / "out").string();
    struct Case
    {
        const char* what;
        std::string name;
        std::string bytes;
        const char* says;
    };
    std::string binary;
    for (int i = 0; i < 512; ++i)
        binary.push_back(static_cast<char>((i * 37 + 11) % 256));
    const std::vector<Case> cases = {
        {"Windows-1252 with an undefined byte", "cp1252.csv", "id,name\n1,caf\xE9\n2,\x81\n",
         ":3: byte 0x81"},
        {"truncated UTF-16", "utf16.csv", "\xFF\xFEi\0d\0\n\0x"s, "cut short"},
        {"a binary file", "binary.csv", binary, "not a text file"},
        {"an empty file", "empty.csv", "", "is empty"},
        {"a file of only a byte-order mark", "bom.csv", "\xEF\xBB\xBF", "is empty"},
        {"a UTF-16 file of only a byte-order mark", "bom16.csv", "\xFF\xFE", "is empty"},
        {"an Excel workbook", "book.xlsx", "PK\x03\x04\x14\0\x06\0"s, "workbook"},
    };
    for (const Case& c : cases)
    {
        INFO(c.what);
        const std::string path = Write(dir, c.name, c.bytes);
        const Outcome run = Run(BuildArguments(Demo("plan.toml"), path, Demo("actions.csv"), out), dir);
        INFO(run.output);
        CHECK(run.exit_code == kExitBadInput);
        CHECK(run.output.find(path) != std::string::npos);
        CHECK(run.output.find(c.says) != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(out + "/snapshot.json"));
    }
}

TEST_CASE("build refuses a plan.toml that is not UTF-8 or not text, with exit 2", "[publish-cli]")
{
    test::TempDir dir;
    std::string plan = test::ReadFile(Demo("plan.toml"));
    const size_t title = plan.find("title = \"");
    REQUIRE(title != std::string::npos);
    plan.insert(title + 9, "\x96 \xA3"); // an en dash and a pound sign in Windows-1252
    for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
             {"cp1252.toml", plan}, {"binary.toml", "\x01\x02\0\xFF\xFE"s}, {"empty.toml", ""}})
    {
        INFO(name);
        const std::string path = Write(dir, name, bytes);
        const Outcome run = Run(
            BuildArguments(path, Demo("indicators.csv"), Demo("actions.csv"), (dir.Path() / "out").string()),
            dir);
        INFO(run.output);
        CHECK(run.exit_code == kExitBadInput);
        CHECK(run.output.find(path) != std::string::npos);
    }
}

TEST_CASE("build given a directory for a file, or a missing file, says so with exit 2", "[publish-cli]")
{
    test::TempDir dir;
    const std::string folder = (dir.Path() / "folder.csv").string();
    std::filesystem::create_directory(folder);
    const std::string out = (dir.Path() / "out").string();
    for (const std::string& arguments :
         {BuildArguments(Demo("plan.toml"), folder, Demo("actions.csv"), out),
          BuildArguments(folder, Demo("indicators.csv"), Demo("actions.csv"), out),
          BuildArguments(Demo("plan.toml"), Demo("indicators.csv"), folder + "/missing.csv", out)})
    {
        const Outcome run = Run(arguments, dir);
        INFO(arguments << "\n" << run.output);
        CHECK(run.exit_code == kExitBadInput);
        CHECK(run.output.find(folder) != std::string::npos);
    }
}

TEST_CASE("build that cannot write its output is an I/O failure, exit 1", "[publish-cli]")
{
    test::TempDir dir;
    // --out names a regular file, so no folder can be made there.
    const std::string out = Write(dir, "not-a-folder", "x");
    const Outcome run =
        Run(BuildArguments(Demo("plan.toml"), Demo("indicators.csv"), Demo("actions.csv"), out), dir);
    INFO(run.output);
    CHECK(run.exit_code == kExitFailure);
    CHECK(run.output.find(out) != std::string::npos);
}

TEST_CASE("build --screens writes screens.json beside the snapshot, checked against the plan",
          "[publish-cli][screens]")
{
    test::TempDir dir;
    const std::string out = (dir.Path() / "out").string();
    const Outcome run =
        Run(BuildArguments(Demo("plan.toml"), Demo("indicators.csv"), Demo("actions.csv"), out) +
                " --screens '" + Demo("screens.toml") + "'",
            dir);
    INFO(run.output);
    CHECK(run.exit_code == 0);
    const std::string screens = test::ReadFile(std::filesystem::path(out) / "screens.json");
    CHECK(screens.find("\"format\": \"wallboard.screens/1\"") != std::string::npos);
    CHECK(screens.find("\"plan\": \"plymouth-2023\"") != std::string::npos);
    CHECK(screens.find("\"front-door\"") != std::string::npos);
    CHECK(std::filesystem::exists(std::filesystem::path(out) / "snapshot.json"));
}

TEST_CASE("build --screens refuses an unknown page or key, a bad type or broken TOML, writing nothing",
          "[publish-cli][screens]")
{
    test::TempDir dir;
    const std::string out = (dir.Path() / "out").string();
    const std::pair<std::string, std::string> cases[] = {
        {"[screens.front-door]\n[[screens.front-door.playlist]]\npage = \"front-dor\"\n",
         "screens.toml:3: screens.front-door.playlist.page: this plan has no page \"front-dor\""},
        {"[default]\ndwell = 30\nplaylists = []\n", "screens.toml:3: default.playlists: is not a setting"},
        {"[screens.a]\ndwell = \"30\"\n", "screens.toml:2: screens.a.dwell: must be a whole number"},
        {"[screens.a]\ntoken-file = \"/etc/wallboard/token\"\n",
         "screens.toml:2: screens.a.token-file: is the board's own"},
        {"[screens.a\ndwell = 30\n", "screens.toml:1: not valid TOML"},
    };
    for (const auto& [toml, expected] : cases)
    {
        const std::string screens = Write(dir, "screens.toml", toml);
        const Outcome run =
            Run("cd '" + dir.Path().string() + "' && " + std::string(WALLBOARD_PUBLISH_EXE) + " " +
                    BuildArguments(Demo("plan.toml"), Demo("indicators.csv"), Demo("actions.csv"), out) +
                    " --screens screens.toml",
                dir, false);
        INFO(toml << "\n" << run.output);
        CHECK(run.exit_code == kExitBadInput);
        CHECK(run.output.find(expected) != std::string::npos);
        CHECK(run.output.find("nothing was written") != std::string::npos);
        CHECK(!std::filesystem::exists(out));
    }
}

TEST_CASE("check refuses a snapshot that is not text, with exit 2", "[publish-cli]")
{
    test::TempDir dir;
    for (const auto& [name, bytes] :
         std::vector<std::pair<std::string, std::string>>{{"binary.json", "\x01\x02\0\xFF\xFE"s},
                                                          {"empty.json", ""},
                                                          {"cp1252.json", "{\"a\": \"\x96\"}"}})
    {
        INFO(name);
        const std::string path = Write(dir, name, bytes);
        const Outcome run = Run("check '" + path + "'", dir);
        INFO(run.output);
        CHECK(run.exit_code == kExitBadInput);
        CHECK(run.output.find(path) != std::string::npos);
    }
    const Outcome folder = Run("check '" + dir.Path().string() + "'", dir);
    INFO(folder.output);
    CHECK(folder.exit_code == kExitBadInput);
    CHECK(folder.output.find(dir.Path().string()) != std::string::npos);
}

namespace
{

// `wallboard-publish serve` on a free port of loopback, once it says where it serves.
class Serving
{
  public:
    explicit Serving(const test::TempDir& dir)
        : m_process({WALLBOARD_PUBLISH_EXE, "serve", dir.Path().string(), "--port", "0"},
                    dir.Path() / "serve.txt")
    {
        REQUIRE(m_process.WaitForOutput("/snapshot.json (Ctrl-C to stop)"));
        const std::string text = m_process.Output();
        const size_t colon = text.find(':', text.find("http://127.0.0.1") + 7);
        m_port = std::stoi(text.substr(colon + 1));
    }
    test::Process& Process() { return m_process; }
    int Port() const { return m_port; }

    // Waits for it to exit after `signal` ("SIGTERM"): exit 0 and "stopped by SIGTERM" said.
    void CheckStoppedBy(const std::string& signal, double give_up_s = 30)
    {
        const int code = m_process.WaitExit(give_up_s);
        const std::string output = m_process.Output();
        INFO(output);
        CHECK(code == 0);
        CHECK(output.find("stopped by " + signal) != std::string::npos);
    }

  private:
    test::Process m_process;
    int m_port = 0;
};

// A loopback TCP connection that reads as slowly as its caller wants.
class RawConnection
{
  public:
    explicit RawConnection(int port) : m_fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0))
    {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    }
    ~RawConnection() { ::close(m_fd); }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    void Send(const std::string& text)
    {
        REQUIRE(::send(m_fd, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size()));
    }
    // Reads until `total` bytes have come, or the connection ends.
    std::string Receive(size_t total)
    {
        std::string text;
        char buffer[65536];
        while (text.size() < total)
        {
            const ssize_t got = ::recv(m_fd, buffer, std::min(sizeof buffer, total - text.size()), 0);
            if (got <= 0)
                break;
            text.append(buffer, static_cast<size_t>(got));
        }
        return text;
    }

  private:
    int m_fd;
};

} // namespace

TEST_CASE("serve stops at SIGTERM after the response in flight, says so and exits 0", "[publish-cli][serve]")
{
    test::TempDir dir;
    // Bigger than loopback's socket buffers, so the server is still sending when the signal comes.
    std::string big(24 << 20, '\0');
    for (size_t i = 0; i < big.size(); ++i)
        big[i] = static_cast<char>((i * 2654435761u) >> 24);
    Write(dir, "big.bin", big);
    Write(dir, "snapshot.json", "{}");
    Serving serving(dir);
    {
        httplib::Client client("127.0.0.1", serving.Port());
        const auto response = client.Get("/snapshot.json");
        REQUIRE(response);
        CHECK(response->status == 200);
        CHECK(response->body == "{}");
    }
    RawConnection connection(serving.Port());
    connection.Send("GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    std::string response = connection.Receive(4096); // the server is in the middle of its answer
    REQUIRE(response.starts_with("HTTP/1.1 200"));
    serving.Process().Signal(SIGTERM);
    response += connection.Receive(big.size() * 2);
    const size_t body = response.find("\r\n\r\n");
    REQUIRE(body != std::string::npos);
    CHECK(response.find("Content-Length: " + std::to_string(big.size())) != std::string::npos);
    CHECK(response.size() - body - 4 == big.size());
    CHECK(response.compare(body + 4, std::string::npos, big) == 0); // the whole file, not cut short
    serving.CheckStoppedBy("SIGTERM");
}

TEST_CASE("serve stops at SIGINT after a request, says so and exits 0", "[publish-cli][serve]")
{
    test::TempDir dir;
    Write(dir, "snapshot.json", "{\"a\": 1}");
    Serving serving(dir);
    httplib::Client client("127.0.0.1", serving.Port());
    const auto response = client.Get("/snapshot.json");
    REQUIRE(response);
    CHECK(response->body == "{\"a\": 1}");
    serving.Process().Signal(SIGINT);
    serving.CheckStoppedBy("SIGINT");
}

// The signal may come while the server is between binding and listening, where httplib's stop() alone
// finds nothing to stop and the server would go on for ever. That moment is short: this signals as soon
// as the server says it serves, twenty times, and needs every one to stop it.
TEST_CASE("serve stops at a SIGTERM that comes the moment it says it serves", "[publish-cli][serve]")
{
    test::TempDir dir;
    Write(dir, "snapshot.json", "{}");
    for (int attempt = 0; attempt < 20; ++attempt)
    {
        INFO("attempt " << attempt);
        Serving serving(dir);
        serving.Process().Signal(SIGTERM);
        serving.CheckStoppedBy("SIGTERM", 20);
    }
}
