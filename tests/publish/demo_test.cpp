// The bundled demo plans, and the wallboard-publish command as a user runs it.
#include "core/derived.h"
#include "core/snapshot.h"
#include "publish/output.h"
#include "publish/summary.h"

#include "test_support.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <sys/wait.h>

using namespace wb;

namespace
{

std::optional<double> ValueIn(const Indicator& ind, Period period)
{
    for (const PeriodValue& pv : ind.series)
        if (pv.period == period)
            return pv.value;
    return std::nullopt;
}

// Runs a shell command; returns its exit status, with stdout and stderr in `output`.
int Run(const std::string& command, std::string& output, const test::TempDir& dir)
{
    const std::string capture = (dir.Path() / "output.txt").string();
    const int status = std::system((command + " >" + capture + " 2>&1").c_str());
    output = test::ReadFile(capture);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string PublishCommand(const std::string& plan, const std::string& out)
{
    const auto dir = test::DemoDir(plan);
    return std::string(WALLBOARD_PUBLISH_EXE) + " build --plan " + (dir / "plan.toml").string() +
           " --indicators " + (dir / "indicators.csv").string() + " --actions " +
           (dir / "actions.csv").string() + " --evidence " + (dir / "evidence.csv").string() + " --out " +
           out;
}

} // namespace

TEST_CASE("the Plymouth demo holds Plymouth's facts", "[demo][plymouth]")
{
    const Snapshot s = test::BuildDemo("plymouth");
    CHECK(s.plan.authority == "Plymouth City Council");
    CHECK(s.indicators.size() == 67);
    CHECK(s.actions.size() == 55);
    CHECK(s.priorities.size() == 6);

    // Indicator 12 is 64.1% in Mar-23 against a 90% target.
    const Indicator& twelve = test::IndicatorById(s, "12");
    CHECK(twelve.unit == Unit::Percent);
    CHECK(*ValueIn(twelve, {2023, 3}) == 64.1);
    CHECK(twelve.target.kind == TargetKind::Value);
    CHECK(twelve.target.value == 90.0);
    CHECK(StatusAgainstTarget(twelve) == TargetStatus::Missed);

    CHECK(*ValueIn(test::IndicatorById(s, "1"), {2022, 10}) == 1147);   // "1,147"
    CHECK(*ValueIn(test::IndicatorById(s, "18"), {2022, 10}) == 189.2); // "189.2r"
    CHECK(*ValueIn(test::IndicatorById(s, "29"), {2023, 2}) == 0.0);    // "0%", a real zero
    CHECK(test::IndicatorById(s, "29").series.front().placeholder == "Not available");
    CHECK(test::IndicatorById(s, "36").rolling_12m_flag);
    CHECK(test::IndicatorById(s, "23").is_new);
    CHECK(test::IndicatorById(s, "20").mtfp == "MTFP 5");
    CHECK(test::IndicatorById(s, "25").comparators.at(0).name == "Ofsted Good+");

    // Placeholders are kept as text: 12 "Report development required", 4 QAF rows.
    int report_development = 0, qaf = 0;
    for (const Indicator& ind : s.indicators)
        for (const PeriodValue& pv : ind.series)
        {
            report_development += pv.placeholder == "Report development required";
            qaf += pv.placeholder.starts_with("Quality Assurance Framework re-developed");
        }
    CHECK(report_development == 12);
    CHECK(qaf == 4);

    // Four levels with Plymouth's own words; E and G count as done.
    REQUIRE(s.rag_key.size() == 4);
    CHECK(s.rag_key[2].code == "E");
    CHECK(s.rag_key[2].definition == "Task implemented but impact not yet evidenced");
    CHECK(s.rag_key[2].done);
    CHECK_FALSE(s.rag_key[1].done);

    int rated_e = 0;
    for (const Action& a : s.actions)
        rated_e += a.rag == "E";
    CHECK(rated_e == 20);

    std::set<std::string> dashboards;
    for (const Dashboard& d : s.dashboards)
        dashboards.insert(d.id);
    for (const char* team :
         {"front-door", "initial-response", "childrens-social-work", "permanency", "care-leavers",
          "disability", "fostering", "qa-safeguarding", "improvement-board"})
    {
        INFO(team);
        CHECK(dashboards.contains(team));
    }
    for (const Action& a : s.actions)
        if (a.ref == "2.6" || a.ref == "3.3")
            CHECK(a.priority_action);
}

TEST_CASE("a second plan with a different key builds and counts by its own key", "[demo][torbay]")
{
    const Snapshot s = test::BuildDemo("torbay");
    CHECK(s.plan.authority == "Torbay Council");
    REQUIRE_FALSE(s.rag_key.empty());
    // Torbay's own key, as printed: Red, Amber, Green, and no level that means complete.
    CHECK(s.rag_key.back().code == "G");
    CHECK(std::none_of(s.rag_key.begin(), s.rag_key.end(), [](const RagLevel& l) { return l.done; }));
    int green = RagRank(s.rag_key, "G");
    REQUIRE(green >= 0);
    CHECK_FALSE(s.rag_key[static_cast<size_t>(green)].done); // Torbay's Green is "proceeding", not complete
    std::vector<const Action*> rows;
    for (const Action& a : s.actions)
        rows.push_back(&a);
    const RagCounts counts = CountRatings(RollUpByRef(rows, s, s.plan.as_of), s);
    CHECK(counts.by_level.size() == s.rag_key.size());
    CHECK(counts.overdue > 0);
}

TEST_CASE("wallboard-publish build writes a hashed snapshot that check accepts", "[demo][cli]")
{
    test::TempDir dir;
    const std::string out = (dir.Path() / "feed").string();
    std::string output;
    REQUIRE(Run(PublishCommand("plymouth", out), output, dir) == 0);
    CHECK(output.find("67 indicators, 55 actions") != std::string::npos);

    const std::string bytes = test::ReadFile(out + "/snapshot.json");
    auto parsed = ParseSnapshot(bytes);
    REQUIRE(parsed.Ok());
    CHECK(parsed.Value().content_hash == ContentHash(SnapshotToJson(parsed.Value())));

    // Publishing the same exports again gives the same bytes: an unchanged snapshot looks unchanged.
    REQUIRE(Run(PublishCommand("plymouth", out), output, dir) == 0);
    CHECK(test::ReadFile(out + "/snapshot.json") == bytes);
    // No temporary file is left behind.
    int files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(out))
        ++files;
    CHECK(files == 1);

    REQUIRE(Run(std::string(WALLBOARD_PUBLISH_EXE) + " check --today 2023-04-17 " + out + "/snapshot.json",
                output, dir) == 0);
    CHECK(output.find("Plymouth City Council") != std::string::npos);
    CHECK(output.find("indicators: 67") != std::string::npos);
    CHECK(output.find("(matches)") != std::string::npos);
}

TEST_CASE("wallboard-publish refuses bad input with exit 2 and writes nothing", "[demo][cli]")
{
    test::TempDir dir;
    const auto demo = test::DemoDir("plymouth");
    std::string indicators = test::ReadFile(demo / "indicators.csv");
    const size_t at = indicators.find("64.1%");
    REQUIRE(at != std::string::npos);
    indicators.replace(at, 5, "sixty");
    const auto bad = dir.Path() / "indicators.csv";
    std::ofstream(bad, std::ios::binary) << indicators;

    const std::string out = (dir.Path() / "feed").string();
    std::string output;
    const std::string command = std::string(WALLBOARD_PUBLISH_EXE) + " build --plan " +
                                (demo / "plan.toml").string() + " --indicators " + bad.string() +
                                " --actions " + (demo / "actions.csv").string() + " --out " + out;
    CHECK(Run(command, output, dir) == 2);
    CHECK(output.find(bad.string() + ":13: column Mar-23: \"sixty\" is not a number") != std::string::npos);
    CHECK(output.find("nothing was written") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out + "/snapshot.json"));

    CHECK(Run(std::string(WALLBOARD_PUBLISH_EXE) + " build --plan", output, dir) == 2);

    const auto html = dir.Path() / "login.html";
    std::ofstream(html) << "<html><body>Please log in</body></html>";
    CHECK(Run(std::string(WALLBOARD_PUBLISH_EXE) + " check " + html.string(), output, dir) == 2);
    CHECK(output.find("not valid JSON") != std::string::npos);
}

TEST_CASE("check says how each due, key and target was read, and counts no figures apart", "[demo][check]")
{
    // West Sussex's draft: targets, no figures, several dues per cell, a built-in key.
    const Snapshot wsx = test::BuildDemo("west-sussex");
    const std::string summary = publish::SummariseSnapshot(wsx, wsx.plan.as_of);
    INFO(summary);
    CHECK(summary.find("with no figures yet") != std::string::npos);
    CHECK(summary.find("on target") == std::string::npos); // nothing measured is never "on target"
    CHECK(summary.find("dues as read") != std::string::npos);
    CHECK(summary.find("(milestones; overdue once the first has passed)") != std::string::npos);
    CHECK(summary.find("targets as read") != std::string::npos);
    CHECK(summary.find("\"Interim target by Oct 2019: 70% Target by Mar 2020: 95%\" -> 70% by 2019-10-31, "
                       "then 95% by 2020-03-31") != std::string::npos);
    // ...and what the board will say of it, in the board's own words.
    CHECK(summary.find("then 95% by 2020-03-31 (the board says \"Interim target by Oct-19: 70.0% · Target by "
                       "Mar-20: 95.0%\")") != std::string::npos);

    // Torbay's own key has no done level, and check says what that means.
    const Snapshot torbay = test::BuildDemo("torbay");
    const std::string torbay_summary = publish::SummariseSnapshot(torbay, torbay.plan.as_of);
    CHECK(torbay_summary.find("no level means done: only due dates decide what is overdue") !=
          std::string::npos);
    CHECK(torbay_summary.find("\"31 st December 2019\" -> 2019-12-31 (the board says \"31 Dec 2019\")") !=
          std::string::npos);
}
