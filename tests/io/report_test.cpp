// Fleet health from the board's side: the report's body, the reporter's POST under the feed's token rules,
// its prompt stop, and the Prometheus metrics file read back by a parser of the exposition format's own.
#include "io/report.h"
#include "io/sync.h"

#include "test_support.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <map>
#include <regex>
#include <set>
#include <thread>

using namespace wb;
using namespace wb::io;

namespace
{

// One sample of the text exposition format: name, labels, value.
struct Sample
{
    std::string name;
    std::map<std::string, std::string> labels;
    double value = 0;
};

// Parses Prometheus text format 0.0.4 as its documentation states it, independently of the writer: HELP and
// TYPE lines come before a metric's samples, once each; names are [a-zA-Z_:][a-zA-Z0-9_:]*; label values
// are quoted with \\, \" and \n escaped; a counter's name ends in _total. Fails the test on any breach.
std::vector<Sample> ParseExposition(const std::string& text)
{
    static const std::regex name_rule("[a-zA-Z_:][a-zA-Z0-9_:]*");
    static const std::regex label_name_rule("[a-zA-Z_][a-zA-Z0-9_]*");
    std::map<std::string, std::string> types;
    std::set<std::string> helped;
    std::vector<Sample> samples;
    REQUIRE_FALSE(text.empty());
    REQUIRE(text.back() == '\n');
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line))
    {
        INFO(line);
        REQUIRE_FALSE(line.empty());
        if (line.starts_with("# HELP ") || line.starts_with("# TYPE "))
        {
            const std::string rest = line.substr(7);
            const size_t space = rest.find(' ');
            REQUIRE(space != std::string::npos);
            const std::string name = rest.substr(0, space);
            CHECK(std::regex_match(name, name_rule));
            if (line[2] == 'H')
                CHECK(helped.insert(name).second);
            else
            {
                const std::string type = rest.substr(space + 1);
                CHECK((type == "gauge" || type == "counter"));
                CHECK(types.emplace(name, type).second);
                if (type == "counter")
                    CHECK(name.ends_with("_total"));
            }
            continue;
        }
        REQUIRE(line[0] != '#');
        Sample sample;
        size_t at = line.find_first_of("{ ");
        REQUIRE(at != std::string::npos);
        sample.name = line.substr(0, at);
        CHECK(std::regex_match(sample.name, name_rule));
        CHECK(helped.contains(sample.name)); // described before its first sample
        CHECK(types.contains(sample.name));
        if (line[at] == '{')
        {
            ++at;
            while (line[at] != '}')
            {
                const size_t equals = line.find('=', at);
                REQUIRE(equals != std::string::npos);
                const std::string label = line.substr(at, equals - at);
                CHECK(std::regex_match(label, label_name_rule));
                REQUIRE(line[equals + 1] == '"');
                std::string value;
                size_t i = equals + 2;
                for (; i < line.size() && line[i] != '"'; ++i)
                {
                    if (line[i] == '\\')
                    {
                        ++i;
                        REQUIRE(i < line.size());
                        REQUIRE((line[i] == '\\' || line[i] == '"' || line[i] == 'n'));
                        value += line[i] == 'n' ? '\n' : line[i];
                    }
                    else
                        value += line[i];
                }
                REQUIRE(i < line.size());
                sample.labels[label] = value;
                at = i + 1;
                if (line[at] == ',')
                    ++at;
            }
            ++at;
        }
        REQUIRE(line[at] == ' ');
        const std::string value = line.substr(at + 1);
        size_t used = 0;
        sample.value = std::stod(value, &used);
        CHECK(used == value.size());
        samples.push_back(std::move(sample));
    }
    return samples;
}

const Sample* Find(const std::vector<Sample>& samples, const std::string& name,
                   const std::map<std::string, std::string>& labels = {})
{
    for (const Sample& s : samples)
        if (s.name == name && (labels.empty() || s.labels == labels))
            return &s;
    return nullptr;
}

SyncStatus SomeStatus()
{
    SyncStatus status;
    status.state = SyncState::Stale;
    status.last_success = 1'700'000'000;
    status.consecutive_failures = 2;
    status.failures_total = 7;
    status.view = "early-help";
    status.version = "1.2.3";
    return status;
}

// A loopback server taking reports: each POST's headers and body are kept; /hang never answers in time.
class ReportServer
{
  public:
    ReportServer()
    {
        m_server.Post("/report",
                      [this](const httplib::Request& q, httplib::Response& r)
                      {
                          std::lock_guard lock(m_mutex);
                          m_bodies.push_back(q.body);
                          m_authorizations.push_back(q.get_header_value("Authorization"));
                          m_content_types.push_back(q.get_header_value("Content-Type"));
                          r.status = 204;
                      });
        m_server.Post("/refuse", [](const httplib::Request&, httplib::Response& r) { r.status = 401; });
        m_server.Post("/flaky", [this](const httplib::Request&, httplib::Response& r)
                      { r.status = m_flaky_ok ? 204 : 503; });
        m_server.Post("/hang",
                      [this](const httplib::Request&, httplib::Response&)
                      {
                          m_hanging = true;
                          for (int i = 0; i < 600 && !m_release; ++i)
                              std::this_thread::sleep_for(std::chrono::milliseconds(50));
                      });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); }); // bound: connections queue
    }
    ~ReportServer()
    {
        m_release = true;
        m_server.stop();
        m_thread.join();
    }
    std::string Url(const std::string& path) const
    {
        return "http://127.0.0.1:" + std::to_string(m_port) + path;
    }
    std::vector<std::string> Bodies()
    {
        std::lock_guard lock(m_mutex);
        return m_bodies;
    }
    std::vector<std::string> Authorizations()
    {
        std::lock_guard lock(m_mutex);
        return m_authorizations;
    }
    std::vector<std::string> ContentTypes()
    {
        std::lock_guard lock(m_mutex);
        return m_content_types;
    }
    std::atomic<bool> m_hanging{false};
    std::atomic<bool> m_flaky_ok{false};

  private:
    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
    std::mutex m_mutex;
    std::vector<std::string> m_bodies, m_authorizations, m_content_types;
    std::atomic<bool> m_release{false};
};

ReportOptions Options(const std::string& url, const std::string& token = "")
{
    ReportOptions options;
    options.fetch.url = url;
    options.fetch.bearer_token = token;
    options.context = {"front-door", 1800, 60};
    return options;
}

} // namespace

TEST_CASE("the metrics file parses back under the exposition format's rules, with the status's figures",
          "[report][metrics]")
{
    SyncStatus status = SomeStatus();
    const std::int64_t now = 1'700'000'000 + 125;
    const auto samples = ParseExposition(StatusToMetrics(status, now, "front \"door\"\\2"));
    REQUIRE(Find(samples, "wallboard_up"));
    CHECK(Find(samples, "wallboard_up")->value == 1);
    REQUIRE(Find(samples, "wallboard_data_age_seconds"));
    CHECK(Find(samples, "wallboard_data_age_seconds")->value == 125); // now - last_success, by hand
    REQUIRE(Find(samples, "wallboard_last_success_timestamp_seconds"));
    CHECK(Find(samples, "wallboard_last_success_timestamp_seconds")->value == 1'700'000'000);
    REQUIRE(Find(samples, "wallboard_fetch_failures_total"));
    CHECK(Find(samples, "wallboard_fetch_failures_total")->value == 7);
    // One state is 1, the others 0, and "off-hours" (part B's state) is among them.
    double states = 0;
    for (const char* state : {"online", "stale", "offline", "off-hours"})
    {
        const Sample* s = Find(samples, "wallboard_state", {{"state", state}});
        REQUIRE(s);
        states += s->value;
    }
    CHECK(states == 1);
    CHECK(Find(samples, "wallboard_state", {{"state", "stale"}})->value == 1);
    // The label value comes back as it went in, quotes and backslash included.
    const Sample* info = Find(samples, "wallboard_info");
    REQUIRE(info);
    CHECK(info->labels.at("screen_id") == "front \"door\"\\2");
    CHECK(info->labels.at("version") == "1.2.3");
}

TEST_CASE("metrics leave out what the board does not know yet", "[report][metrics]")
{
    const auto samples = ParseExposition(StatusToMetrics(SyncStatus{}, 1000, "x"));
    CHECK_FALSE(Find(samples, "wallboard_data_age_seconds"));
    CHECK_FALSE(Find(samples, "wallboard_last_success_timestamp_seconds"));
    REQUIRE(Find(samples, "wallboard_fetch_failures_total"));
    CHECK(Find(samples, "wallboard_fetch_failures_total")->value == 0);
}

TEST_CASE("the sync thread writes the metrics file beside the status file and counts failures",
          "[report][metrics][sync]")
{
    test::TempDir dir;
    SyncOptions options;
    options.fetch.url = "http://127.0.0.1:9/snapshot.json"; // nothing listens: refused at once
    options.status_file = (dir.Path() / "status.json").string();
    options.metrics_file = (dir.Path() / "wallboard.prom").string();
    options.screen_id = "front-door";
    options.version = "9.9";
    Sync sync(options, nullptr, nullptr, [](const std::string&) {});
    sync.RunOnce();
    sync.RunOnce();
    const auto samples = ParseExposition(test::ReadFile(dir.Path() / "wallboard.prom"));
    REQUIRE(Find(samples, "wallboard_fetch_failures_total"));
    CHECK(Find(samples, "wallboard_fetch_failures_total")->value == 2);
    CHECK(Find(samples, "wallboard_state", {{"state", "offline"}})->value == 1);
    CHECK(Find(samples, "wallboard_info", {{"screen_id", "front-door"}, {"version", "9.9"}}));
    // No temporary file is left beside them.
    int files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.Path()))
        ++files;
    CHECK(files == 2);
}

TEST_CASE("a report is the status file's JSON plus who sends it", "[report]")
{
    const auto doc =
        nlohmann::json::parse(ReportToJson(SomeStatus(), 1'700'000'060, {"front-door", 1800, 300}));
    CHECK(doc["screen_id"] == "front-door");
    CHECK(doc["page"] == "early-help");
    CHECK(doc["version"] == "1.2.3");
    CHECK(doc["state"] == "stale");
    CHECK(doc["data_age_seconds"] == 60);
    CHECK(doc["stale_after_seconds"] == 1800);
    CHECK(doc["report_interval_seconds"] == 300);
    // Every field of the status file is in it.
    const auto status = nlohmann::json::parse(StatusToJson(SomeStatus(), 1'700'000'060));
    for (const auto& [key, value] : status.items())
        CHECK(doc[key] == value);
}

TEST_CASE("a screen dark for office hours reports off-hours, while its status file keeps the sync's state",
          "[report][metrics]")
{
    SyncStatus status = SomeStatus();
    status.screen = kScreenOffHours;
    status.screen_note = "Screen off until 07:30 Monday";
    const auto report = nlohmann::json::parse(ReportToJson(status, 1'700'000'060, {"front-door", 1800, 300}));
    CHECK(report["state"] == "off-hours");
    CHECK(report["screen_note"] == "Screen off until 07:30 Monday");
    CHECK(nlohmann::json::parse(StatusToJson(status, 1'700'000'060))["state"] == "stale");
    const auto samples = ParseExposition(StatusToMetrics(status, 1'700'000'060, "front-door"));
    REQUIRE(Find(samples, "wallboard_state", {{"state", "off-hours"}}));
    CHECK(Find(samples, "wallboard_state", {{"state", "off-hours"}})->value == 1);
    CHECK(Find(samples, "wallboard_state", {{"state", "stale"}})->value == 0);
}

TEST_CASE("reports are spread over a fifth either side of the interval, the first within ten seconds",
          "[report]")
{
    for (const double unit : {0.0, 0.25, 0.5, 0.999})
    {
        CHECK(NextReportDelay(300, false, unit) >= 240);
        CHECK(NextReportDelay(300, false, unit) <= 360);
        CHECK(NextReportDelay(300, true, unit) >= 1);
        CHECK(NextReportDelay(300, true, unit) <= 10);
    }
    CHECK(NextReportDelay(300, false, 0.0) < NextReportDelay(300, false, 0.999)); // it does spread
}

TEST_CASE("the reporter POSTs JSON with the bearer token to a loopback server", "[report][http]")
{
    ReportServer server;
    SyncStatus status = SomeStatus();
    Reporter reporter(
        Options(server.Url("/report"), "s3cret-token"), [&] { return status; }, [](const std::string&) {});
    CHECK(reporter.ReportOnce().empty());
    REQUIRE(server.Bodies().size() == 1);
    CHECK(server.Authorizations()[0] == "Bearer s3cret-token");
    CHECK(server.ContentTypes()[0] == "application/json");
    const auto doc = nlohmann::json::parse(server.Bodies()[0]);
    CHECK(doc["screen_id"] == "front-door");
    CHECK(doc["state"] == "stale");

    Reporter refused(
        Options(server.Url("/refuse"), "wrong"), [&] { return status; }, [](const std::string&) {});
    CHECK(refused.ReportOnce().find("HTTP 401") != std::string::npos);
}

TEST_CASE("the reporter keeps the feed's rules: no token over plain http to another host", "[report]")
{
    Reporter reporter(
        Options("http://192.0.2.1/report", "s3cret-token"), [] { return SyncStatus{}; },
        [](const std::string&) {});
    const std::string error = reporter.ReportOnce();
    CHECK(error.starts_with("not sending the token over plain http:// to 192.0.2.1: make the report-url an "
                            "https:// address"));
    // file:// is no place for a report, even though the feed may be one.
    Reporter file(
        Options("file:///tmp/report.json"), [] { return SyncStatus{}; }, [](const std::string&) {});
    CHECK_FALSE(file.ReportOnce().empty());
}

TEST_CASE("a failing report is logged once, not at every interval, and its recovery once", "[report][http]")
{
    ReportServer server;
    std::vector<std::string> lines;
    Reporter reporter(
        Options(server.Url("/flaky")), [] { return SyncStatus{}; },
        [&](const std::string& line) { lines.push_back(line); });
    for (int i = 0; i < 3; ++i)
        reporter.ReportAndLog();
    REQUIRE(lines.size() == 1);
    CHECK(
        lines[0].starts_with("cannot report to " + server.Url("/flaky") + ": the server answered HTTP 503"));
    server.m_flaky_ok = true;
    for (int i = 0; i < 3; ++i)
        reporter.ReportAndLog();
    REQUIRE(lines.size() == 2);
    CHECK(lines[1] == "reports reach " + server.Url("/flaky") + " again");
}

TEST_CASE("stopping the reporter ends a report that a hung server holds", "[report][http]")
{
    ReportServer server;
    std::mutex mutex;
    std::vector<std::string> lines;
    ReportOptions options = Options(server.Url("/hang"));
    options.context.report_interval_s = 10;
    options.fetch.request_timeout_s = 3600; // capped by the reporter; only Stop() may end it here
    Reporter reporter(
        options, [] { return SyncStatus{}; },
        [&](const std::string& line)
        {
            std::lock_guard lock(mutex);
            lines.push_back(line);
        });
    reporter.Start();
    while (!server.m_hanging)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    reporter.Stop(); // the report in flight is cancelled, not left to its 15 s timeout
    std::lock_guard lock(mutex);
    // "reporting to ..." alone: a report that ran into its timeout would have logged "did not answer in
    // time".
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].starts_with("reporting to http://127.0.0.1:"));
}
