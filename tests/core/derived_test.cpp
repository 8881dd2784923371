// Derived figures: direction of travel against Plymouth's printed arrows, status against target,
// overdue actions with "Immediate" and "Ongoing", and roll-up of refs with several rows.
#include "core/derived.h"

#include "publish/csv_reader.h"
#include "test_support.h"

#include <map>

using namespace wb;

namespace
{

Indicator WithValues(Polarity polarity, std::vector<std::optional<double>> values, double target = 0,
                     TargetKind kind = TargetKind::Value)
{
    Indicator ind;
    ind.id = "x";
    ind.polarity = polarity;
    ind.target = {kind, target};
    int month = 1;
    for (const auto& value : values)
        ind.series.push_back({{2023, month++}, value, value ? "" : "Not available"});
    return ind;
}

Date D(const char* iso)
{
    return *ParseIsoDate(iso);
}

} // namespace

TEST_CASE("direction of travel agrees with every arrow Plymouth printed", "[derived][plymouth]")
{
    const Snapshot s = test::BuildDemo("plymouth");
    std::map<std::string, const Indicator*> by_id;
    for (const Indicator& ind : s.indicators)
        by_id[ind.id] = &ind;

    const std::string path = test::SharedDir() + "/data/plymouth/indicator_direction.csv";
    auto records = publish::ParseCsv(test::ReadFile(path), path);
    REQUIRE(records.Ok());
    int compared = 0;
    for (size_t i = 1; i < records.Value().size(); ++i)
    {
        const auto& fields = records.Value()[i].fields;
        const std::string& id = fields.at(0);
        const std::string& printed = fields.at(3); // up, down, level
        REQUIRE(by_id.contains(id));
        const Travel travel = DirectionOfTravel(*by_id[id]);
        if (travel.direction == Direction::Unknown)
        {
            CHECK(printed == "level"); // Plymouth printed ◀ ▶ where there were no figures
            continue;
        }
        ++compared;
        INFO("indicator " << id << " printed " << printed);
        const char* derived = travel.direction == Direction::Up     ? "up"
                              : travel.direction == Direction::Down ? "down"
                                                                    : "level";
        CHECK(printed == derived);
    }
    CHECK(compared == 51); // DOMAIN.md: all 51 indicators with Feb and Mar values
}

TEST_CASE("whether a change is good depends on polarity", "[derived]")
{
    // Plymouth 59 (caseloads over 20) went up: bad. 10 (re-referrals) went down: good.
    CHECK(DirectionOfTravel(WithValues(Polarity::LowerIsBetter, {55.7, 58.3})).good == false);
    CHECK(DirectionOfTravel(WithValues(Polarity::LowerIsBetter, {20.3, 19.3})).good == true);
    CHECK(DirectionOfTravel(WithValues(Polarity::HigherIsBetter, {63.2, 64.1})).good == true);
    CHECK_FALSE(DirectionOfTravel(WithValues(Polarity::Monitor, {599, 624})).good.has_value());
    const Travel level = DirectionOfTravel(WithValues(Polarity::LowerIsBetter, {43.7, 43.7}));
    CHECK(level.direction == Direction::Level);
    CHECK_FALSE(level.good.has_value());
}

TEST_CASE("placeholders are skipped, not read as zero", "[derived]")
{
    const Travel travel = DirectionOfTravel(WithValues(Polarity::HigherIsBetter, {10, std::nullopt, 12}));
    CHECK(travel.direction == Direction::Up);
    CHECK(travel.change == Approx(2.0));
    CHECK(travel.from == Period{2023, 1});
    CHECK(travel.to == Period{2023, 3});
    CHECK(DirectionOfTravel(WithValues(Polarity::HigherIsBetter, {std::nullopt, 5})).direction ==
          Direction::Unknown);
}

TEST_CASE("status against target uses polarity and an amber band", "[derived]")
{
    // 12: 64.1% against 90%: missed.
    CHECK(StatusAgainstTarget(WithValues(Polarity::HigherIsBetter, {64.1}, 90)) == TargetStatus::Missed);
    CHECK(StatusAgainstTarget(WithValues(Polarity::HigherIsBetter, {86.0}, 90)) == TargetStatus::Near);
    CHECK(StatusAgainstTarget(WithValues(Polarity::HigherIsBetter, {86.0}, 90), {0.01}) ==
          TargetStatus::Missed);
    CHECK(StatusAgainstTarget(WithValues(Polarity::HigherIsBetter, {95.9}, 90)) == TargetStatus::Met);
    // 10: re-referrals 19.3% against a 23% ceiling: already met.
    CHECK(StatusAgainstTarget(WithValues(Polarity::LowerIsBetter, {19.3}, 23)) == TargetStatus::Met);
    CHECK(StatusAgainstTarget(WithValues(Polarity::LowerIsBetter, {24.0}, 23)) == TargetStatus::Near);
    // 32: unregistered placements 4 against 0: missed, and a zero target has no band.
    CHECK(StatusAgainstTarget(WithValues(Polarity::LowerIsBetter, {4}, 0)) == TargetStatus::Missed);
    CHECK(StatusAgainstTarget(WithValues(Polarity::Monitor, {624}, 0, TargetKind::Monitor)) ==
          TargetStatus::NoTarget);
    CHECK(StatusAgainstTarget(WithValues(Polarity::HigherIsBetter, {50}, 0, TargetKind::Tbc)) ==
          TargetStatus::NoTarget);
    CHECK(StatusAgainstTarget(WithValues(Polarity::HigherIsBetter, {std::nullopt}, 90)) ==
          TargetStatus::NoValue);
}

TEST_CASE("comparators are never used as targets", "[derived][plymouth]")
{
    const Snapshot s = test::BuildDemo("plymouth");
    for (const Indicator& ind : s.indicators)
        if (ind.id == "9" || ind.id == "19" || ind.id == "20" || ind.id == "25")
        {
            INFO("indicator " << ind.id);
            REQUIRE(ind.comparators.size() == 1);
            CHECK(StatusAgainstTarget(ind) == TargetStatus::NoTarget);
        }
}

TEST_CASE("overdue: due passed and not in a done state", "[derived]")
{
    Snapshot s;
    s.plan.start = D("2023-02-24");
    s.rag_key = {{"R", "Red", "#C0392B", "", false},
                 {"A", "Amber", "#E67E22", "", false},
                 {"E", "Amber E", "#F1C40F", "", true},
                 {"G", "Green", "#27AE60", "", true}};
    Action a;
    a.due = {DueKind::OnDate, D("2023-03-31"), "March 23"};
    CHECK_FALSE(IsOverdue(a, s, D("2023-03-31"))); // due today is not yet overdue
    CHECK(IsOverdue(a, s, D("2023-04-01")));
    CHECK(*DaysOverdue(a, s.plan, D("2023-04-17")) == 17);
    a.rag = "E";
    CHECK_FALSE(IsOverdue(a, s, D("2023-04-17")));
    a.rag = "A";
    CHECK(IsOverdue(a, s, D("2023-04-17")));

    Action immediate;
    immediate.due = {DueKind::Immediate, std::nullopt, "Immediately"};
    CHECK(FormatIsoDate(*EffectiveDueDate(immediate, s.plan)) == "2023-02-24");
    CHECK(IsOverdue(immediate, s, D("2023-03-01")));
    immediate.rag = "G";
    CHECK_FALSE(IsOverdue(immediate, s, D("2023-03-01")));

    Action ongoing;
    ongoing.due = {DueKind::Ongoing, std::nullopt, "Ongoing through the year"};
    CHECK_FALSE(IsOverdue(ongoing, s, D("2030-01-01")));
    CHECK_FALSE(DaysOverdue(ongoing, s.plan, D("2030-01-01")));

    Snapshot no_start = s;
    no_start.plan.start.reset();
    immediate.rag.clear();
    CHECK_FALSE(IsOverdue(immediate, no_start, D("2030-01-01")));
}

TEST_CASE("a ref with several rows rolls up to its least-complete row", "[derived]")
{
    Snapshot s;
    s.rag_key = {{"R", "Red", "#C0392B", "", false},
                 {"A", "Amber", "#E67E22", "", false},
                 {"G", "Green", "#27AE60", "", true}};
    auto row = [](std::string ref, std::string rag, std::string team)
    {
        Action a;
        a.ref = std::move(ref);
        a.priority = "1";
        a.rag = std::move(rag);
        a.teams = {std::move(team)};
        a.due = {DueKind::OnDate, D("2023-03-31"), ""};
        return a;
    };
    s.actions = {row("3.3", "G", "mash"), row("3.3", "A", "mash"), row("3.3", "G", "qa"),
                 row("2.6", "G", "mash"), row("1.1", "", "qa"),    row("1.1", "G", "qa")};
    std::vector<const Action*> rows;
    for (const Action& a : s.actions)
        rows.push_back(&a);
    const auto refs = RollUpByRef(rows, s, D("2023-04-17"));
    REQUIRE(refs.size() == 3);
    CHECK(refs[0].ref == "3.3");
    CHECK(refs[0].rag == "A");
    CHECK(refs[0].overdue);
    CHECK(refs[0].rows.size() == 3);
    CHECK(refs[1].rag == "G");
    CHECK_FALSE(refs[1].overdue);
    CHECK(refs[2].rag.empty()); // one row not rated: the ref is not rated

    const RagCounts all = CountRatings(refs, s);
    CHECK(all.by_level == std::vector<int>{0, 1, 1});
    CHECK(all.not_rated == 1);
    CHECK(all.overdue == 2);
    CHECK(all.total == 3);

    const auto by_team = CountByTeam(s, D("2023-04-17"));
    // MASH sees 3.3 (rows G, A: amber) and 2.6 (G); QA sees 3.3 (row G only) and 1.1 (not rated).
    CHECK(by_team.at("mash").by_level == std::vector<int>{0, 1, 1});
    CHECK(by_team.at("qa").by_level == std::vector<int>{0, 0, 1});
    CHECK(by_team.at("qa").not_rated == 1);
    CHECK(CountByPriority(s, D("2023-04-17")).at("1").total == 3);
}

TEST_CASE("Plymouth's actions as of the evidence date", "[derived][plymouth]")
{
    const Snapshot s = test::BuildDemo("plymouth");
    std::vector<const Action*> rows;
    for (const Action& a : s.actions)
        rows.push_back(&a);
    const auto refs = RollUpByRef(rows, s, s.plan.as_of);
    const RagCounts counts = CountRatings(refs, s);
    // Only E appears in the source (DOMAIN.md §3). E counts as done, so E rows are never overdue.
    const int e = RagRank(s.rag_key, "E");
    REQUIRE(e >= 0);
    CHECK(counts.by_level[static_cast<size_t>(e)] > 0);
    for (const RefSummary& ref : refs)
        if (ref.rag == "E")
            CHECK_FALSE(ref.overdue);
    // The two blank 2.7 rows were due in March 2023: a board deriving overdue from the date shows them.
    bool found = false;
    for (const RefSummary& ref : refs)
        if (ref.ref == "2.7")
        {
            found = true;
            CHECK(ref.overdue);
        }
    CHECK(found);
}

// ---- Targets as printed: the target in force per month, direction words and interim steps --------------

namespace
{

// West Sussex 42 as its plan prints it, worked out by hand: "Interim target by Oct 2019: 70% Target by Mar
// 2020: 95%", and one figure at `month`.
Indicator InterimTarget(Period month, double value, std::optional<Date> final_by = D("2020-03-31"))
{
    Indicator ind;
    ind.id = "42";
    ind.unit = Unit::Percent;
    ind.polarity = Polarity::HigherIsBetter;
    ind.target.kind = TargetKind::Value;
    ind.target.value = 95;
    ind.target.steps = {{D("2019-10-31"), 70}, {final_by, 95}};
    ind.series.push_back({month, value, ""});
    return ind;
}

} // namespace

TEST_CASE("the target in force for a month is the first step dated on or after its last day", "[derived]")
{
    const Indicator ind = InterimTarget({2019, 9}, 65);
    CHECK(TargetFor(ind, {2019, 9}) == 70.0);
    CHECK(TargetFor(ind, {2019, 10}) == 70.0); // "by Oct 2019" holds for October itself
    CHECK(TargetFor(ind, {2019, 11}) == 95.0);
    CHECK(TargetFor(ind, {2020, 3}) == 95.0);
    CHECK(TargetFor(ind, {2020, 6}) == 95.0); // after the last date the final target stays
    // An undated final target takes over after the interim date.
    CHECK(TargetFor(InterimTarget({2019, 9}, 65, std::nullopt), {2019, 11}) == 95.0);
    // A plain figure holds for every month; Monitor has no target.
    CHECK(TargetFor(WithValues(Polarity::HigherIsBetter, {50}, 90), {2019, 1}) == 90.0);
    CHECK_FALSE(TargetFor(WithValues(Polarity::Monitor, {50}, 0, TargetKind::Monitor), {2019, 1}));
}

TEST_CASE("status is judged against the interim target in force for the latest month", "[derived]")
{
    // Sep 2019: the 70% interim target is in force (a 5% band: near from 66.5%).
    CHECK(StatusAgainstTarget(InterimTarget({2019, 9}, 65)) == TargetStatus::Missed);
    CHECK(StatusAgainstTarget(InterimTarget({2019, 9}, 68)) == TargetStatus::Near); // 95% would be missed
    CHECK(StatusAgainstTarget(InterimTarget({2019, 9}, 72)) == TargetStatus::Met);  // 95% would be missed
    // Nov 2019: the interim date has passed, so 80% is judged against 95%, not 70%.
    CHECK(StatusAgainstTarget(InterimTarget({2019, 11}, 80)) == TargetStatus::Missed);
    CHECK(StatusAgainstTarget(InterimTarget({2019, 11}, 91)) == TargetStatus::Near);
}

TEST_CASE("direction words decide which side of the target is good", "[derived]")
{
    const auto with_sense = [](Polarity polarity, double value, double target, TargetSense sense)
    {
        Indicator ind = WithValues(polarity, {value}, target);
        ind.target.sense = sense;
        return StatusAgainstTarget(ind);
    };
    // "less than 10%": 10% itself is not met, 9.9% is.
    CHECK(with_sense(Polarity::LowerIsBetter, 10, 10, TargetSense::Below) == TargetStatus::Near);
    CHECK(with_sense(Polarity::LowerIsBetter, 9.9, 10, TargetSense::Below) == TargetStatus::Met);
    // "≤ 10%": 10% is met.
    CHECK(with_sense(Polarity::LowerIsBetter, 10, 10, TargetSense::AtMost) == TargetStatus::Met);
    // "more than 50" and "at least 50".
    CHECK(with_sense(Polarity::HigherIsBetter, 50, 50, TargetSense::Above) == TargetStatus::Near);
    CHECK(with_sense(Polarity::HigherIsBetter, 50, 50, TargetSense::AtLeast) == TargetStatus::Met);
    // A monitor row is judged once its target says a direction; without one it has no target.
    CHECK(with_sense(Polarity::Monitor, 12, 10, TargetSense::Below) == TargetStatus::Missed);
    CHECK(with_sense(Polarity::Monitor, 12, 10, TargetSense::FromPolarity) == TargetStatus::NoTarget);
}
