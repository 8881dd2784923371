// Parsing and validating snapshots: round trips, versioning, and a pointer for every problem.
#include "core/snapshot.h"

#include "test_support.h"

#include <nlohmann/json.hpp>

using namespace wb;
using wb::test::HasProblem;
using Json = nlohmann::json;

namespace
{

// A small but complete snapshot: two RAG levels, repeated refs, a placeholder month.
Snapshot SmallSnapshot()
{
    Snapshot s;
    s.plan = {"test-plan", "Testshire Council", "Improvement Plan", *ParseIsoDate("2023-04-17"),
              ParseIsoDate("2023-02-24")};
    s.rag_key = {{"A", "Amber", "#E67E22", "In progress", false}, {"B", "Blue", "#2E86C1", "Complete", true}};
    s.priorities = {{"1", "Front door", "Timely help"}};
    s.teams = {{"mash", "MASH"}};
    Action a;
    a.id = "2.6a";
    a.ref = "2.6";
    a.priority = "1";
    a.text = "Dip sample referrals";
    a.teams = {"mash"};
    a.due = {DueKind::OnDate, ParseIsoDate("2023-03-31"), "March 23"};
    a.rag = "B";
    a.evidence = {{ParseIsoDate("2023-03-01"), "Started"}, {std::nullopt, "Undated"}};
    a.inspection_refs = {"para 6, FDFV"};
    a.priority_action = true;
    s.actions.push_back(a);
    Indicator ind;
    ind.id = "12";
    ind.name = "Assessments in 45 days";
    ind.unit = Unit::Percent;
    ind.basis = MeasureBasis::ToDate;
    ind.polarity = Polarity::HigherIsBetter;
    ind.target = {TargetKind::Value, 90.0};
    ind.comparators = {{"England", 84.5}};
    ind.is_new = true;
    ind.teams = {"mash"};
    ind.series = {{{2023, 2}, 63.2, ""}, {{2023, 3}, std::nullopt, "Report development required"}};
    s.indicators.push_back(ind);
    s.dashboards = {{"mash", "MASH", DashboardKind::Team, {"mash"}, {"12"}, {"2.6a"}}};
    return s;
}

Json SmallJson()
{
    return Json::parse(SnapshotToJson(SmallSnapshot()));
}

std::vector<Problem> ProblemsOf(const Json& doc)
{
    auto result = ParseSnapshot(doc.dump());
    REQUIRE_FALSE(result.Ok());
    return result.Problems();
}

} // namespace

TEST_CASE("a snapshot survives a round trip through JSON", "[snapshot]")
{
    auto result = ParseSnapshot(SnapshotToJson(SmallSnapshot()));
    INFO(FormatProblems(result.Problems()));
    REQUIRE(result.Ok());
    const Snapshot& s = result.Value();
    CHECK(s.plan.authority == "Testshire Council");
    CHECK(FormatIsoDate(*s.plan.start) == "2023-02-24");
    REQUIRE(s.rag_key.size() == 2);
    CHECK(s.rag_key[1].done);
    REQUIRE(s.actions.size() == 1);
    CHECK(s.actions[0].due.kind == DueKind::OnDate);
    CHECK(FormatIsoDate(*s.actions[0].due.date) == "2023-03-31");
    CHECK(s.actions[0].due.text == "March 23");
    CHECK(s.actions[0].priority_action);
    REQUIRE(s.actions[0].evidence.size() == 2);
    CHECK_FALSE(s.actions[0].evidence[1].date);
    const Indicator& ind = s.indicators.at(0);
    CHECK(ind.target.kind == TargetKind::Value);
    CHECK(ind.target.value == 90.0);
    CHECK(ind.comparators.at(0).name == "England");
    CHECK(ind.is_new);
    REQUIRE(ind.series.size() == 2);
    CHECK(*ind.series[0].value == 63.2);
    CHECK_FALSE(ind.series[1].value);
    CHECK(ind.series[1].placeholder == "Report development required");
    CHECK(SnapshotToJson(s) == SnapshotToJson(SmallSnapshot()));
}

TEST_CASE("unknown members are ignored and minor versions accepted", "[snapshot]")
{
    Json doc = SmallJson();
    doc["schema"] = "wallboard.snapshot/1.4";
    doc["published_by"] = "a newer publisher";
    doc["indicators"][0]["sparkline_hint"] = {1, 2, 3};
    doc["indicators"][0]["flags"].push_back("FUTURE");
    auto result = ParseSnapshot(doc.dump());
    INFO(FormatProblems(result.Problems()));
    CHECK(result.Ok());
}

TEST_CASE("an unknown major version is refused with a message", "[snapshot]")
{
    Json doc = SmallJson();
    doc["schema"] = "wallboard.snapshot/2";
    auto problems = ProblemsOf(doc);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == "/schema");
    CHECK(problems[0].what.find("version 2") != std::string::npos);

    doc["schema"] = "something.else/1";
    CHECK(HasProblem(ProblemsOf(doc), "/schema", "not a Wallboard snapshot"));
    doc.erase("schema");
    CHECK(HasProblem(ProblemsOf(doc), "/schema", "is missing"));
}

TEST_CASE("every shape problem is reported with its pointer", "[snapshot]")
{
    Json doc = SmallJson();
    doc["plan"]["as_of"] = "17/04/2023";
    doc["indicators"][0]["unit"] = "furlongs";
    doc["indicators"][0]["series"][0]["value"] = "63.2";
    doc["actions"][0].erase("due");
    doc["rag_key"][0]["done"] = "no";
    const auto problems = ProblemsOf(doc);
    CHECK(problems.size() == 5);
    CHECK(HasProblem(problems, "/plan/as_of", "YYYY-MM-DD"));
    CHECK(HasProblem(problems, "/indicators/0/unit", "\"furlongs\" is not one of"));
    CHECK(HasProblem(problems, "/indicators/0/series/0/value", "must be a number, but is text"));
    CHECK(HasProblem(problems, "/actions/0/due", "is missing"));
    CHECK(HasProblem(problems, "/rag_key/0/done", "true or false"));
}

TEST_CASE("a month has a value or a placeholder, not both or neither", "[snapshot]")
{
    Json doc = SmallJson();
    doc["indicators"][0]["series"][0]["placeholder"] = "Not available";
    doc["indicators"][0]["series"][1].erase("placeholder");
    const auto problems = ProblemsOf(doc);
    CHECK(HasProblem(problems, "/indicators/0/series/0", "not both"));
    CHECK(HasProblem(problems, "/indicators/0/series/1", "not neither"));
}

TEST_CASE("cross-references are checked", "[snapshot]")
{
    Json doc = SmallJson();
    doc["actions"][0]["rag"] = "G";
    doc["actions"][0]["priority"] = "9";
    doc["actions"][0]["teams"] = {"nobody"};
    doc["dashboards"][0]["indicators"] = {"12", "99"};
    doc["teams"].push_back({{"id", "mash"}, {"name", "MASH again"}});
    doc["indicators"][0]["series"][1]["period"] = "2023-01";
    const auto problems = ProblemsOf(doc);
    CHECK(HasProblem(problems, "/actions/0/rag", "not a code in the plan's RAG key"));
    CHECK(HasProblem(problems, "/actions/0/priority", "\"9\""));
    CHECK(HasProblem(problems, "/actions/0/teams/0", "\"nobody\" does not exist"));
    CHECK(HasProblem(problems, "/dashboards/0/indicators/1", "\"99\" does not exist"));
    CHECK(HasProblem(problems, "/teams/1", "more than once"));
    CHECK(HasProblem(problems, "/indicators/0/series/1", "out of order"));
}

TEST_CASE("a key with no done level is accepted, a code that cannot fit a badge is not", "[snapshot]")
{
    Json doc = SmallJson();
    doc["rag_key"][1]["done"] = false; // Torbay's key: Green means "proceeding as planned"
    CHECK(ParseSnapshot(doc.dump()).Ok());

    doc["rag_key"][1]["colour"] = "blue";
    doc["rag_key"][0]["code"] = "Proceeding as planned now"; // 25 characters
    doc["rag_key"][0]["short"] = "PAPN!";
    doc["actions"][0]["rag"] = "Proceeding as planned now";
    const auto problems = ProblemsOf(doc);
    CHECK(HasProblem(problems, "/rag_key/1/colour", "#RRGGBB"));
    CHECK(HasProblem(problems, "/rag_key/0/code", "longer than 20"));
    CHECK(HasProblem(problems, "/rag_key/0/short", "longer than 4"));

    // Characters, not bytes: twenty accented letters fit.
    doc = SmallJson();
    std::string twenty;
    for (int i = 0; i < 20; ++i)
        twenty += "é";
    doc["rag_key"][0]["code"] = twenty;
    CHECK(ParseSnapshot(doc.dump()).Ok());
}

TEST_CASE("milestones, dated targets, target words and short codes survive a round trip", "[snapshot]")
{
    Snapshot s = SmallSnapshot();
    s.rag_key[0].code = "On track";
    s.rag_key[0].short_code = "OT";
    Action& a = s.actions[0];
    a.measure = "100% attendance at the improvement board";
    a.due = {DueKind::OnDate, ParseIsoDate("2019-01-31"), "Nov 2019 Jun 2019 Jan 2019"};
    a.due.milestones = {*ParseIsoDate("2019-01-31"), *ParseIsoDate("2019-06-30"),
                        *ParseIsoDate("2019-11-30")};
    a.due.continues = true;
    Target& target = s.indicators[0].target;
    target = {TargetKind::Value, 95.0};
    target.steps = {{ParseIsoDate("2019-10-31"), 70.0}, {ParseIsoDate("2020-03-31"), 95.0}};
    target.sense = TargetSense::AtLeast;
    target.text = "Interim target by Oct 2019: 70% Target by Mar 2020: 95%";
    Indicator words;
    words.id = "9";
    words.name = "Findings of the multi-agency audits";
    words.unit = Unit::Text;
    words.target = {TargetKind::Text};
    words.target.text = "Protocol in place";
    words.series = {{{2019, 10}, std::nullopt, "In place"}};
    s.indicators.push_back(words);

    auto parsed = ParseSnapshot(SnapshotToJson(s));
    REQUIRE(parsed.Ok());
    const Snapshot& back = parsed.Value();
    CHECK(back.rag_key[0].short_code == "OT");
    CHECK(back.actions[0].measure == a.measure);
    CHECK(back.actions[0].due.milestones == a.due.milestones);
    CHECK(back.actions[0].due.continues);
    CHECK(back.indicators[0].target.steps.size() == 2);
    CHECK(back.indicators[0].target.steps[0].by == ParseIsoDate("2019-10-31"));
    CHECK(back.indicators[0].target.steps[0].value == 70.0);
    CHECK(back.indicators[0].target.sense == TargetSense::AtLeast);
    CHECK(back.indicators[0].target.text == "Interim target by Oct 2019: 70% Target by Mar 2020: 95%");
    CHECK(back.indicators[1].unit == Unit::Text);
    CHECK(back.indicators[1].target.kind == TargetKind::Text);
    CHECK(back.indicators[1].series[0].placeholder == "In place");
    CHECK(SnapshotToJson(back) == SnapshotToJson(s));
}

TEST_CASE("milestones out of order and undated interim targets are refused", "[snapshot]")
{
    Json doc = SmallJson();
    doc["actions"][0]["due"]["milestones"] = {"2023-06-30", "2023-03-31"};
    doc["indicators"][0]["target"]["steps"] = {{{"value", 70}}, {{"by", "2020-03-31"}, {"value", 95}}};
    const auto problems = ProblemsOf(doc);
    CHECK(HasProblem(problems, "/actions/0/due/milestones", "date order"));
    CHECK(HasProblem(problems, "/indicators/0/target/steps/1", "only the last may be undated"));
}

TEST_CASE("non-snapshots are refused in words", "[snapshot]")
{
    CHECK(HasProblem(ParseSnapshot("").Problems(), "", "empty"));
    CHECK(HasProblem(ParseSnapshot("<html><body>Log in</body></html>").Problems(), "", "not valid JSON"));
    CHECK(HasProblem(ParseSnapshot("[1, 2]").Problems(), "", "is a list"));
    CHECK(HasProblem(ParseSnapshot(std::string(100, '[')).Problems(), "", "nested more than 32"));
    const std::string truncated = SnapshotToJson(SmallSnapshot()).substr(0, 300);
    CHECK(HasProblem(ParseSnapshot(truncated).Problems(), "", "not valid JSON"));
}

TEST_CASE("numbers too large for a figure are refused", "[snapshot]")
{
    std::string text = SnapshotToJson(SmallSnapshot());
    const std::string needle = "\"value\":63.2";
    REQUIRE(text.find(needle) != std::string::npos);
    text.replace(text.find(needle), needle.size(), "\"value\":1e999");
    auto result = ParseSnapshot(text);
    REQUIRE_FALSE(result.Ok());
    CHECK(HasProblem(result.Problems(), "", "not valid JSON"));
}

TEST_CASE("a document with very many problems reports a bounded list", "[snapshot]")
{
    Json doc = SmallJson();
    Json item = doc["indicators"][0]["series"][0];
    item["value"] = "not a number";
    doc["indicators"][0]["series"] = Json::array();
    for (int i = 0; i < 5000; ++i)
        doc["indicators"][0]["series"].push_back(item);
    const auto problems = ProblemsOf(doc);
    CHECK(problems.size() == 101);
    CHECK(problems.back().what == "and 4900 more problems like these.");
}
