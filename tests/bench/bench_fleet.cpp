// Benchmark, not a test: a fleet of 500 boards' sync clients against `wallboard-publish serve` and against
// nginx with deploy/nginx-wallboard.conf. Each board is what Sync::RunOnce() runs, less the parse: its own
// io::Fetcher (its own connection), its validators sent only while it shows something, its waits from the
// sync's own FirstFetchDelay/RefreshDelay/NextAttemptDelay. A scheduler on a few threads drives them in
// compressed time: by default 60 s simulated at 4x, a refresh of 10 s, every board starting with nothing
// (memory only), the snapshot republished half-way. Printed for each server: requests per second, the
// share answered 304, the bytes served, the spread of fetch times, how long until every board showed data,
// and the spread of when the boards picked up the new snapshot. (A board's parse is its own Pi's work: 500
// of them here would measure this machine's 2 cores, not the server. Its cost is printed once.)
//
// Bytes are counted where the boards read them: this program's recv() wraps the C library's and adds up
// what libcurl reads from its sockets (status line, headers and body as sent: gzip when the server
// compressed). For nginx, its access log's $bytes_sent is a second count.
//
// bench_fleet [--boards N] [--seconds S] [--refresh S] [--speed X] [--threads N] [--only serve|nginx]
//             [--nginx PATH]
// nginx is Debian's binary (/usr/sbin/nginx), run under a temporary prefix on a free loopback port; without
// it that half is skipped with a message. Everything runs on loopback and stops by itself.
#include "bench/demo_plan.h"
#include "core/backoff.h"
#include "core/snapshot.h"
#include "io/fetch.h"
#include "io/sync.h"
#include "publish/output.h"

#include <algorithm>
#include <arpa/inet.h>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dlfcn.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <netinet/in.h>
#include <optional>
#include <queue>
#include <random>
#include <set>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace
{

// What libcurl read on this thread since it was last set to 0: the board's one fetch.
thread_local long long t_wire_bytes = 0;

} // namespace

// Wraps the C library's recv(), which libcurl reads its sockets with: a peek is not a read.
extern "C" ssize_t recv(int fd, void* buffer, size_t length, int flags)
{
    using Recv = ssize_t (*)(int, void*, size_t, int);
    static const Recv real = reinterpret_cast<Recv>(dlsym(RTLD_NEXT, "recv"));
    const ssize_t got = real(fd, buffer, length, flags);
    if (got > 0 && (flags & MSG_PEEK) == 0)
        t_wire_bytes += got;
    return got;
}

namespace
{

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Settings
{
    int boards = 500;
    double seconds = 60; // simulated
    int refresh = 10;    // simulated seconds
    double speed = 4;    // simulated seconds per real second
    int threads = 64;    // a fetch blocks its thread: up to 64 in flight at once, as independent boards would
    std::string only;
    std::string nginx;
};

double Percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

// "p50 / p95 / max".
std::string Spread(const std::vector<double>& values, int decimals)
{
    if (values.empty())
        return "-";
    char text[96];
    std::snprintf(text, sizeof text, "%.*f / %.*f / %.*f", decimals, Percentile(values, 0.5), decimals,
                  Percentile(values, 0.95), decimals, *std::max_element(values.begin(), values.end()));
    return text;
}

// A child process: its stdout and stderr into `log`, stopped by Stop() (SIGTERM, then SIGKILL after 5 s).
class Child
{
  public:
    Child(const std::vector<std::string>& args, const std::filesystem::path& log)
    {
        std::vector<char*> argv;
        for (const std::string& arg : args)
            argv.push_back(const_cast<char*>(arg.c_str()));
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        if (posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
            m_pid = -1;
        posix_spawn_file_actions_destroy(&actions);
    }
    ~Child() { Stop(); }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    bool Running()
    {
        if (m_pid <= 0)
            return false;
        if (waitpid(m_pid, nullptr, WNOHANG) == m_pid)
            m_pid = -1;
        return m_pid > 0;
    }
    void Stop()
    {
        if (m_pid <= 0)
            return;
        kill(m_pid, SIGTERM);
        for (int wait = 0; wait < 500 && waitpid(m_pid, nullptr, WNOHANG) == 0; ++wait)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (waitpid(m_pid, nullptr, WNOHANG) == 0)
        {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
        m_pid = -1;
    }

  private:
    pid_t m_pid = -1;
};

// A loopback port free at the moment of asking (nginx is told a port; it cannot print one it picked).
int FreePort()
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    int port = -1;
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0)
        port = ntohs(address.sin_port);
    close(fd);
    return port;
}

bool Accepts(int port)
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    close(fd);
    return ok;
}

// Waits up to 10 s for `port` to accept while the child runs.
bool AwaitListening(Child& child, int port)
{
    for (int wait = 0; wait < 1000; ++wait)
    {
        if (!child.Running())
            return false;
        if (Accepts(port))
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

// The last "http://127.0.0.1:PORT" in a log, or -1.
int PortInLog(const std::filesystem::path& log)
{
    const std::string text = wb::bench::Read(log.string());
    const size_t at = text.rfind("http://127.0.0.1:");
    return at == std::string::npos ? -1 : std::atoi(text.c_str() + at + 17);
}

// deploy/nginx-wallboard.conf as it ships, with its TLS listener swapped for a plain loopback port and
// its root for the benchmark's folder; empty when the file no longer has the lines this expects.
std::string AdaptedExampleConfig(int port, const std::filesystem::path& root)
{
    std::istringstream example(
        wb::bench::Read(std::string(WALLBOARD_SOURCE_DIR) + "/deploy/nginx-wallboard.conf"));
    std::string adapted, line;
    int listen = 0, roots = 0;
    while (std::getline(example, line))
    {
        const size_t indent = line.find_first_not_of(' ');
        const std::string body = indent == std::string::npos ? "" : line.substr(indent);
        if (body.starts_with("ssl_certificate"))
            continue;
        if (body.starts_with("listen "))
        {
            line = line.substr(0, indent) + "listen 127.0.0.1:" + std::to_string(port) + ";";
            ++listen;
        }
        else if (body.starts_with("root "))
        {
            line = line.substr(0, indent) + "root " + root.string() + ";";
            ++roots;
        }
        adapted += line + "\n";
    }
    return listen == 1 && roots == 1 ? adapted : "";
}

// The main configuration around it: what Debian's /etc/nginx/nginx.conf sets for an http block (its
// mime.types, sendfile), with every path under `prefix`, and a log of each answer's status and size.
std::string NginxConfig(const std::filesystem::path& prefix)
{
    const std::string p = prefix.string();
    std::string config = "worker_processes auto;\npid " + p + "/nginx.pid;\nerror_log " + p + "/error.log;\n";
    // As root, the workers run as a web server's user would (the published files must be readable).
    if (geteuid() == 0)
        config += "user nobody nogroup;\n";
    config += "events { worker_connections 768; }\nhttp {\n    include /etc/nginx/mime.types;\n"
              "    default_type application/octet-stream;\n    sendfile on;\n    tcp_nopush on;\n"
              "    log_format fleet '$status $bytes_sent $connection';\n    access_log " +
              p + "/access.log fleet;\n";
    for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
        config += std::string("    ") + temp + "_temp_path " + p + "/" + temp + ";\n";
    return config + "    include " + p + "/wallboard.conf;\n}\n";
}

struct Fetch
{
    double ms = 0;
    double late_ms = 0;     // how long after its due time it started: the harness's own lag
    long status = 0;        // HTTP status; 0 when there was no answer
    bool cancelled = false; // still waiting when the run ended
    long long bytes = 0;
};

// One board's sync client, as Sync::RunOnce() runs it less the parse: a Fetcher with its own connection,
// the validators of what it shows (sent only while it shows something), and its next wait from the same
// functions. Parsing is each board's own Pi's work; 500 boards' parses here would measure this machine.
struct Board
{
    wb::io::Fetcher fetcher;
    wb::io::FetchValidators validators;
    int showing = 0; // 0: nothing, 1: the first snapshot, 2: the republished one
    int failures = 0;
    std::mt19937 random;
    std::optional<double> showing_at;   // simulated seconds: the first snapshot on screen
    std::optional<double> picked_up_at; // simulated seconds after the republish: the new one on screen
};

struct Result
{
    std::string server;
    std::vector<Fetch> fetches;
    std::vector<double> showing_at;
    std::vector<double> picked_up_after;
    double real_seconds = 0;
    int boards = 0;
    int refused = 0;         // bodies that were neither snapshot
    std::string first_error; // the first failure's words
};

// One run: the fleet against `url` for the simulated time; `publish(n)` writes snapshot n (1 or 2) into
// the served folder, and `bytes` holds each one's bytes, as the boards should receive them.
Result RunFleet(const Settings& settings, const std::string& server, const std::string& url,
                const std::function<void(int)>& publish, const std::string (&bytes)[2])
{
    publish(1);
    std::vector<Board> boards(static_cast<size_t>(settings.boards));
    for (size_t i = 0; i < boards.size(); ++i)
        boards[i].random.seed(static_cast<unsigned>(i));
    wb::io::FetchOptions options;
    options.url = url;
    wb::BackoffPolicy backoff;
    backoff.refresh_s = settings.refresh;

    // The boards by the real time of their next fetch; each board is in it or being run, never both.
    using Due = std::pair<double, size_t>;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> queue;
    std::mutex mutex;
    std::condition_variable wake;
    bool over = false;
    std::vector<Fetch> fetches;
    std::optional<double> republished_sim;
    int refused = 0;
    std::string first_error;
    const auto start = Clock::now();
    const auto sim_now = [&] { return SecondsSince(start) * settings.speed; };
    // Every board starts now with nothing on screen: its first fetch as Sync::Start() spreads it.
    for (size_t i = 0; i < boards.size(); ++i)
    {
        const auto first_ms = wb::io::FirstFetchDelay(
            settings.refresh, false, std::uniform_real_distribution<double>(0, 1)(boards[i].random));
        queue.push({static_cast<double>(first_ms.count()) / 1000.0 / settings.speed, i});
    }

    const auto worker = [&]
    {
        std::unique_lock lock(mutex);
        while (!over)
        {
            if (queue.empty())
            {
                wake.wait(lock);
                continue;
            }
            const auto [due, index] = queue.top();
            if (SecondsSince(start) < due)
            {
                wake.wait_until(lock, start + std::chrono::duration_cast<Clock::duration>(
                                                  std::chrono::duration<double>(due)));
                continue;
            }
            queue.pop();
            lock.unlock();
            Board& board = boards[index];
            Fetch fetch;
            fetch.late_ms = (SecondsSince(start) - due) * 1000;
            t_wire_bytes = 0;
            const auto begun = Clock::now();
            // With nothing shown, a 304 would confirm data the board does not have: it fetches in full.
            const wb::io::FetchResult response =
                board.fetcher.Fetch(options, board.showing ? board.validators : wb::io::FetchValidators{});
            fetch.ms = SecondsSince(begun) * 1000;
            fetch.status = response.http_status;
            fetch.cancelled = response.kind == wb::io::FetchResult::Kind::Cancelled;
            fetch.bytes = t_wire_bytes;
            const double done_sim = sim_now();
            std::optional<int> retry_after;
            int shown = board.showing;
            if (response.kind == wb::io::FetchResult::Kind::Body)
                shown = response.body == bytes[0] ? 1 : response.body == bytes[1] ? 2 : 0;
            if (response.kind == wb::io::FetchResult::Kind::NotModified ||
                (response.kind == wb::io::FetchResult::Kind::Body && shown != 0))
                board.failures = 0;
            else if (response.kind != wb::io::FetchResult::Kind::Cancelled)
            {
                ++board.failures;
                retry_after = response.retry_after_s;
            }
            if (response.kind == wb::io::FetchResult::Kind::Body && shown != 0)
            {
                board.showing = shown;
                board.validators = response.validators;
            }
            const double jitter = std::uniform_real_distribution<double>(0, 1)(board.random);
            const int delay = board.failures == 0
                                  ? wb::io::RefreshDelay(settings.refresh, jitter)
                                  : wb::NextAttemptDelay(backoff, board.failures, retry_after, jitter);
            lock.lock();
            refused += response.kind == wb::io::FetchResult::Kind::Body && shown == 0;
            if (response.kind == wb::io::FetchResult::Kind::Failed && first_error.empty())
                first_error = response.error;
            if (board.showing && !board.showing_at)
                board.showing_at = done_sim;
            if (board.showing == 2 && republished_sim && !board.picked_up_at)
                board.picked_up_at = done_sim - *republished_sim;
            fetches.push_back(fetch);
            if (response.kind != wb::io::FetchResult::Kind::Cancelled)
                queue.push({SecondsSince(start) + delay / settings.speed, index});
            wake.notify_one();
        }
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < settings.threads; ++t)
        threads.emplace_back(worker);

    const auto sleep_until_sim = [&](double sim)
    {
        std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(
                                                  std::chrono::duration<double>(sim / settings.speed)));
    };
    sleep_until_sim(settings.seconds / 2);
    {
        // Set first: a board that receives the new snapshot always finds the time it was published.
        std::lock_guard lock(mutex);
        republished_sim = sim_now();
    }
    publish(2);
    sleep_until_sim(settings.seconds);
    {
        std::lock_guard lock(mutex);
        over = true;
    }
    wake.notify_all();
    // Fetches still waiting on the server are cancelled, as a board's are when it stops.
    for (Board& board : boards)
        board.fetcher.Cancel();
    for (std::thread& thread : threads)
        thread.join();

    Result result{server,  std::move(fetches), {}, {}, SecondsSince(start), settings.boards,
                  refused, first_error};
    for (const Board& board : boards)
    {
        if (board.showing_at)
            result.showing_at.push_back(*board.showing_at);
        if (board.picked_up_at)
            result.picked_up_after.push_back(*board.picked_up_at);
    }
    return result;
}

// One column per server: each row's label, then its value for each.
void Print(const std::vector<Result>& results, const Settings& settings)
{
    std::vector<std::pair<std::string, std::vector<std::string>>> rows;
    const auto row = [&](const std::string& label, const std::function<std::string(const Result&)>& value)
    {
        rows.push_back({label, {}});
        for (const Result& result : results)
            rows.back().second.push_back(value(result));
    };
    const auto text = [](const char* format, auto... values)
    {
        char buffer[128];
        std::snprintf(buffer, sizeof buffer, format, values...);
        return std::string(buffer);
    };
    const auto times = [](const Result& r, int status)
    {
        std::vector<double> ms;
        for (const Fetch& f : r.fetches)
            if (f.status == status)
                ms.push_back(f.ms);
        return ms;
    };
    row("requests (answered / failed / cut at the end)",
        [&](const Result& r)
        {
            long answered = 0, failed = 0, cut = 0;
            for (const Fetch& f : r.fetches)
                (f.status != 0 ? answered : f.cancelled ? cut : failed) += 1;
            return text("%ld / %ld / %ld", answered, failed, cut);
        });
    row("requests per second (real)", [&](const Result& r)
        { return text("%.0f", static_cast<double>(r.fetches.size()) / r.real_seconds); });
    row("answered 304 / 200 / other",
        [&](const Result& r)
        {
            long n304 = 0, n200 = 0, other = 0;
            for (const Fetch& f : r.fetches)
                (f.status == 304 ? n304 : f.status == 200 ? n200 : other) += 1;
            const double all = std::max<double>(1, static_cast<double>(r.fetches.size()));
            return text("%.1f%% / %.1f%% / %ld", 100.0 * static_cast<double>(n304) / all,
                        100.0 * static_cast<double>(n200) / all, other);
        });
    row("bytes served (on the wire)",
        [&](const Result& r)
        {
            long long bytes = 0;
            for (const Fetch& f : r.fetches)
                bytes += f.bytes;
            return text("%.2f MB", static_cast<double>(bytes) / 1e6);
        });
    row("bytes per 200 / per 304",
        [&](const Result& r)
        {
            std::vector<double> b200, b304;
            for (const Fetch& f : r.fetches)
                (f.status == 200 ? b200 : b304).push_back(static_cast<double>(f.bytes));
            return text("%.0f / %.0f", Percentile(b200, 0.5), Percentile(b304, 0.5));
        });
    row("fetch ms p50/p95/max, 304", [&](const Result& r) { return Spread(times(r, 304), 1); });
    row("fetch ms p50/p95/max, 200", [&](const Result& r) { return Spread(times(r, 200), 1); });
    row("bodies refused (neither snapshot)", [&](const Result& r) { return text("%d", r.refused); });
    row("harness lag ms p50/p95/max",
        [&](const Result& r)
        {
            std::vector<double> late;
            for (const Fetch& f : r.fetches)
                late.push_back(f.late_ms);
            return Spread(late, 0);
        });
    row("boards showing data / first-to-last at s", [&](const Result& r)
        { return text("%zu of %d / %s", r.showing_at.size(), r.boards, Spread(r.showing_at, 1).c_str()); });
    row("picked up the new snapshot after s (p50/p95/max)",
        [&](const Result& r) {
            return text("%zu of %d: %s", r.picked_up_after.size(), r.boards,
                        Spread(r.picked_up_after, 1).c_str());
        });

    size_t label_width = 0, column_width = 0;
    for (const auto& [label, values] : rows)
    {
        label_width = std::max(label_width, label.size());
        for (const std::string& value : values)
            column_width = std::max(column_width, value.size());
    }
    std::printf("bench_fleet: %d boards (an io::Fetcher each, memory only), refresh %d s +-10%%, %.0f s "
                "simulated at %.0fx "
                "(%.0f s real), the snapshot republished at %.0f s; %d harness threads\n",
                settings.boards, settings.refresh, settings.seconds, settings.speed,
                settings.seconds / settings.speed, settings.seconds / 2, settings.threads);
    std::printf("  %-*s", static_cast<int>(label_width), "");
    for (const Result& result : results)
        std::printf("  %-*s", static_cast<int>(column_width), result.server.c_str());
    std::printf("\n");
    for (const auto& [label, values] : rows)
    {
        std::printf("  %-*s", static_cast<int>(label_width), label.c_str());
        for (const std::string& value : values)
            std::printf("  %-*s", static_cast<int>(column_width), value.c_str());
        std::printf("\n");
    }
}

// nginx's own count from its access log ("STATUS BYTES CONNECTION" a line): requests, 304s, bytes sent, and
// the connections they came on (a board keeps its connection between fetches).
void PrintNginxLog(const std::filesystem::path& log)
{
    std::ifstream in(log);
    long requests = 0, not_modified = 0;
    long long bytes = 0, sent = 0;
    int status = 0;
    std::set<long long> connections;
    long long connection = 0;
    while (in >> status >> sent >> connection)
    {
        ++requests;
        not_modified += status == 304;
        bytes += sent;
        connections.insert(connection);
    }
    std::printf("  nginx's access log: %ld requests, %ld answered 304, %.2f MB sent ($bytes_sent), on %zu "
                "connections\n",
                requests, not_modified, static_cast<double>(bytes) / 1e6, connections.size());
}

std::string FindNginx(const std::string& given)
{
    if (!given.empty())
        return given;
    for (const char* candidate : {"/usr/sbin/nginx", "/usr/local/sbin/nginx"})
        if (access(candidate, X_OK) == 0)
            return candidate;
    return "";
}

} // namespace

int main(int argc, char** argv)
{
    Settings settings;
    for (int i = 1; i + 1 < argc; i += 2)
    {
        const std::string name = argv[i], value = argv[i + 1];
        if (name == "--boards")
            settings.boards = std::max(1, std::atoi(value.c_str()));
        else if (name == "--seconds")
            settings.seconds = std::max(2.0, std::atof(value.c_str()));
        else if (name == "--refresh")
            settings.refresh = std::max(1, std::atoi(value.c_str()));
        else if (name == "--speed")
            settings.speed = std::max(0.1, std::atof(value.c_str()));
        else if (name == "--threads")
            settings.threads = std::max(1, std::atoi(value.c_str()));
        else if (name == "--only")
            settings.only = value;
        else if (name == "--nginx")
            settings.nginx = value;
        else
        {
            std::fprintf(stderr, "bench_fleet: unknown option %s\n", name.c_str());
            return 2;
        }
    }
    auto first = wb::bench::DemoPlan();
    if (!first)
    {
        std::fprintf(stderr, "bench_fleet: the demo plan does not build\n");
        return 1;
    }
    wb::Snapshot second = *first;
    // The next month's figures: what a board shows tells which of the two it has.
    second.plan.as_of = wb::Date(std::chrono::sys_days(first->plan.as_of) + std::chrono::days(30));

    // What each full answer costs a board besides the fetch: parsing and validating the snapshot.
    double parse_ms = 0;
    {
        const std::string json = wb::SnapshotToJson(*first);
        std::vector<double> samples;
        for (int run = 0; run < 5; ++run)
        {
            const auto begun = Clock::now();
            const bool ok = wb::ParseSnapshot(json).Ok();
            samples.push_back(ok ? SecondsSince(begun) * 1000 : -1);
        }
        parse_ms = Percentile(samples, 0.5);
    }

    char pattern[] = "/tmp/bench_fleet.XXXXXX";
    if (!mkdtemp(pattern))
    {
        std::perror("bench_fleet: mkdtemp");
        return 1;
    }
    const std::filesystem::path dir = pattern;
    // nginx's workers (nobody, as root) read the published folder, as www-data would.
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                          std::filesystem::perms::group_exec |
                                          std::filesystem::perms::others_read |
                                          std::filesystem::perms::others_exec);
    const std::filesystem::path feed = dir / "feed";
    // Each snapshot's bytes as the publisher writes them (into a folder of its own), for the boards to know
    // which one they were sent.
    const wb::Snapshot* snapshots[2] = {&*first, &second};
    std::string bytes[2];
    for (int n = 0; n < 2; ++n)
    {
        const auto own = dir / ("snapshot-" + std::to_string(n + 1));
        const std::string error = wb::publish::WriteSnapshotFile(*snapshots[n], own.string());
        bytes[n] = wb::bench::Read((own / wb::publish::kSnapshotFileName).string());
        if (!error.empty() || bytes[n].empty())
        {
            std::fprintf(stderr, "bench_fleet: cannot publish: %s\n", error.c_str());
            return 1;
        }
    }
    const auto publish = [&](int n)
    {
        if (const std::string error = wb::publish::WriteSnapshotFile(*snapshots[n - 1], feed.string());
            !error.empty())
            std::fprintf(stderr, "bench_fleet: cannot publish: %s\n", error.c_str());
    };

    std::vector<Result> results;
    if (settings.only.empty() || settings.only == "serve")
    {
        publish(1); // before it starts: serve refuses a folder that does not exist yet
        Child serve({WALLBOARD_PUBLISH_EXE, "serve", feed.string(), "--port", "0"}, dir / "serve.log");
        int port = -1;
        for (int wait = 0; wait < 1000 && port < 0 && serve.Running(); ++wait)
        {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            port = PortInLog(dir / "serve.log");
        }
        if (port > 0 && AwaitListening(serve, port))
            results.push_back(RunFleet(settings, "wallboard-publish serve",
                                       "http://127.0.0.1:" + std::to_string(port) + "/snapshot.json", publish,
                                       bytes));
        else
            std::printf("bench_fleet: wallboard-publish serve did not start: %s\n",
                        wb::bench::Read((dir / "serve.log").string()).c_str());
    }
    std::optional<std::filesystem::path> nginx_log;
    if (settings.only.empty() || settings.only == "nginx")
    {
        const std::string nginx = FindNginx(settings.nginx);
        const int port = FreePort();
        const std::string site = AdaptedExampleConfig(port, feed);
        if (nginx.empty())
            std::printf(
                "bench_fleet: nginx is not installed (Debian: apt-get install nginx): the nginx half is "
                "skipped\n");
        else if (site.empty())
            std::printf(
                "bench_fleet: deploy/nginx-wallboard.conf has no single listen and root line to adapt: "
                "the nginx half is skipped\n");
        else
        {
            const std::filesystem::path prefix = dir / "nginx";
            std::filesystem::create_directories(prefix);
            std::ofstream(prefix / "wallboard.conf") << site;
            std::ofstream(prefix / "nginx.conf") << NginxConfig(prefix);
            Child server(
                {nginx, "-p", prefix.string(), "-c", (prefix / "nginx.conf").string(), "-g", "daemon off;"},
                prefix / "nginx.out");
            if (AwaitListening(server, port))
            {
                results.push_back(RunFleet(settings, "nginx (example config)",
                                           "http://127.0.0.1:" + std::to_string(port) + "/snapshot.json",
                                           publish, bytes));
                nginx_log = prefix / "access.log";
            }
            else
                std::printf("bench_fleet: nginx did not start:\n%s%s",
                            wb::bench::Read((prefix / "nginx.out").string()).c_str(),
                            wb::bench::Read((prefix / "error.log").string()).c_str());
            server.Stop();
        }
    }
    if (!results.empty())
        Print(results, settings);
    std::printf(
        "  each 200 also costs a board its parse: %.1f ms here for this snapshot (%zu bytes; median of 5)\n",
        parse_ms, bytes[0].size());
    for (const Result& result : results)
        if (!result.first_error.empty())
            std::printf("  %s: the first failure: %s\n", result.server.c_str(), result.first_error.c_str());
    if (nginx_log)
        PrintNginxLog(*nginx_log);
    std::filesystem::remove_all(dir);
    return 0;
}
