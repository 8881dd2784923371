// The pages' view of a snapshot: built once, it must say what the derived functions say.
#include "core/board_view.h"

#include "test_support.h"

#include <set>

using namespace wb;

namespace
{

Date D(const char* iso)
{
    return *ParseIsoDate(iso);
}

std::shared_ptr<const Snapshot> SmallPlan()
{
    auto s = std::make_shared<Snapshot>();
    s->plan.start = D("2023-01-01");
    s->rag_key = {{"R", "Red", "#C0392B", "", false},
                  {"A", "Amber", "#E67E22", "", false},
                  {"G", "Green", "#27AE60", "", true}};
    s->priorities = {{"1", "Front door", {}}, {"2", "Permanence", {}}};
    const auto action = [](std::string id, std::string priority, std::string rag, const char* due)
    {
        Action a;
        a.id = id;
        a.ref = id;
        a.priority = std::move(priority);
        a.rag = std::move(rag);
        a.due = {DueKind::OnDate, D(due), ""};
        return a;
    };
    s->actions = {action("1.1", "1", "R", "2023-03-01"), // 47 days overdue on 17 Apr
                  action("1.2", "1", "A", "2023-04-10"), // 7 days overdue
                  action("1.3", "1", "G", "2023-01-31"), // done: never overdue
                  action("2.1", "2", "A", "2023-05-07"), // due in 20 days
                  action("2.2", "2", "", "2023-06-30")}; // due in 74 days: not "soon"
    const auto indicator = [](std::string id, double value, double target)
    {
        Indicator ind;
        ind.id = std::move(id);
        ind.polarity = Polarity::HigherIsBetter;
        ind.target = {TargetKind::Value, target};
        ind.series = {{{2023, 3}, value, ""}};
        return ind;
    };
    s->indicators = {indicator("near", 88, 90), indicator("far", 45, 90), indicator("on", 95, 90),
                     indicator("worse", 20, 90)};
    s->dashboards = {
        {"front-door", "Front door", DashboardKind::Team, {}, {"on", "far"}, {"1.1", "1.2", "1.3"}},
        {"permanence", "Permanence", DashboardKind::Team, {}, {"worse"}, {"2.2", "2.1"}}};
    return s;
}

} // namespace

TEST_CASE("the board view holds each dashboard's indicators, counts and due actions", "[board_view]")
{
    const BoardView view = BuildBoardView(SmallPlan(), D("2023-04-17"));
    REQUIRE(view.dashboards.size() == 2);

    const DashboardView* front = view.FindDashboard("front-door");
    REQUIRE(front);
    REQUIRE(front->indicators.size() == 2);
    CHECK(front->indicators[0]->id == "on");
    CHECK(front->indicators[1]->id == "far");
    CHECK(front->counts.by_level == std::vector<int>{1, 1, 1});
    CHECK(front->counts.overdue == 2);
    REQUIRE(front->due.size() == 2); // the done action is left out
    CHECK(front->due[0].rows[0].action->id == "1.1");
    CHECK(front->due[0].days_overdue == 47);
    CHECK(front->due[1].rows[0].action->id == "1.2");
    CHECK(front->due[1].days_overdue == 7);

    const DashboardView* permanence = view.FindDashboard("permanence");
    REQUIRE(permanence);
    REQUIRE(permanence->due.size() == 1); // 2.2 is further off than 30 days
    CHECK(permanence->due[0].rows[0].action->id == "2.1");
    CHECK(permanence->due[0].days_overdue == -20);
    CHECK(permanence->counts.not_rated == 1);
    CHECK_FALSE(view.FindDashboard("nowhere"));
}

TEST_CASE("the board view lists the plan's overdue actions and off-target indicators, worst first",
          "[board_view]")
{
    const BoardView view = BuildBoardView(SmallPlan(), D("2023-04-17"));
    REQUIRE(view.overdue.size() == 2);
    CHECK(view.overdue[0].rows[0].action->id == "1.1");
    CHECK(view.overdue[1].rows[0].action->id == "1.2");

    REQUIRE(view.priorities.size() == 2);
    CHECK(view.priorities[0].priority->id == "1");
    CHECK(view.priorities[0].counts.total == 3);
    CHECK(view.priorities[0].counts.overdue == 2);
    CHECK(view.priorities[1].counts.total == 2);

    // 88 against 90 is within the amber band, so not off target; 20 is further off than 45.
    REQUIRE(view.off_target.size() == 2);
    CHECK(view.off_target[0].indicator->id == "worse");
    CHECK(view.off_target[1].indicator->id == "far");
    CHECK(view.off_target[0].gap == Approx(70.0 / 90.0));

    // A day later, everything overdue is a day more overdue.
    const BoardView tomorrow = BuildBoardView(view.snapshot, D("2023-04-18"));
    CHECK(tomorrow.overdue[0].days_overdue == 48);
}

TEST_CASE("the board view of Plymouth agrees with the derived figures", "[board_view][plymouth]")
{
    auto s = std::make_shared<const Snapshot>(test::BuildDemo("plymouth"));
    const Date today = D("2023-04-17");
    const BoardView view = BuildBoardView(s, today);
    REQUIRE(view.dashboards.size() == s->dashboards.size());
    // The Overdue page lists refs: the distinct refs of the overdue rows, each with those rows under it.
    std::set<std::string> refs;
    size_t rows = 0;
    for (const Action& a : s->actions)
        if (IsOverdue(a, *s, today))
        {
            refs.insert(a.ref);
            ++rows;
        }
    CHECK(view.overdue.size() == refs.size());
    size_t listed = 0;
    for (const DueRef& ref : view.overdue)
        listed += ref.rows.size();
    CHECK(listed == rows);
    CHECK(!refs.empty());
    for (size_t i = 0; i < view.dashboards.size(); ++i)
    {
        INFO(s->dashboards[i].id);
        CHECK(view.dashboards[i].indicators.size() == s->dashboards[i].indicators.size());
        for (size_t k = 1; k < view.dashboards[i].due.size(); ++k)
            CHECK(view.dashboards[i].due[k - 1].days_overdue >= view.dashboards[i].due[k].days_overdue);
    }
}

TEST_CASE("a board view of no snapshot is empty", "[board_view]")
{
    const BoardView view = BuildBoardView(nullptr, D("2023-04-17"));
    CHECK(view.dashboards.empty());
    CHECK(view.overdue.empty());
}

TEST_CASE("indicators are counted against target with no figures yet as a state of its own", "[board_view]")
{
    const auto indicator = [](Unit unit, TargetKind kind, double target, std::vector<PeriodValue> series)
    {
        Indicator ind;
        ind.unit = unit;
        ind.polarity = Polarity::HigherIsBetter;
        ind.target.kind = kind;
        ind.target.value = target;
        ind.series = std::move(series);
        return ind;
    };
    const Indicator met = indicator(Unit::Percent, TargetKind::Value, 90, {{{2023, 3}, 95.0, ""}});
    const Indicator missed = indicator(Unit::Percent, TargetKind::Value, 90, {{{2023, 3}, 40.0, ""}});
    const Indicator empty = indicator(Unit::Percent, TargetKind::Value, 90, {});
    const Indicator placeholder =
        indicator(Unit::Percent, TargetKind::Value, 90, {{{2023, 3}, std::nullopt, "Not available"}});
    const Indicator monitor_empty = indicator(Unit::Count, TargetKind::Monitor, 0, {});
    const Indicator monitor = indicator(Unit::Count, TargetKind::Monitor, 0, {{{2023, 3}, 12.0, ""}});
    const Indicator words = indicator(Unit::Text, TargetKind::Text, 0, {{{2023, 3}, std::nullopt, "Met"}});
    const Indicator words_empty = indicator(Unit::Text, TargetKind::Text, 0, {});

    SECTION("nothing measured: never on target, never without a target")
    {
        const TargetSummary s = CountAgainstTarget({&empty, &placeholder, &monitor_empty, &words_empty});
        CHECK(s.total == 4);
        CHECK(s.no_figures == 4);
        CHECK(s.Judged() == 0);
        CHECK(s.no_target == 0);
        CHECK(TargetSummaryInWords(s) == "4 with no figures yet");
        CHECK(NothingOffTargetInWords(s) == "No figures yet for any of the 4 indicators.");
        CHECK(NothingOffTargetInWords(s).find("on or near") == std::string::npos);
    }
    SECTION("each indicator in exactly one count")
    {
        const TargetSummary s =
            CountAgainstTarget({&met, &missed, &empty, &placeholder, &monitor, &words, &words_empty});
        CHECK(s.met == 1);
        CHECK(s.near == 0);
        CHECK(s.missed == 1);
        CHECK(s.no_figures == 3);
        CHECK(s.in_words == 1);
        CHECK(s.no_target == 1);
        CHECK(s.total == 7);
        CHECK(TargetSummaryInWords(s) ==
              "1 on target · 1 off target · 3 with no figures yet · 1 in words · 1 with no target");
    }
    SECTION("only what was measured is said to be on or near target")
    {
        const TargetSummary s = CountAgainstTarget({&met, &empty, &monitor});
        CHECK(NothingOffTargetInWords(s) == "The one indicator measured against a target is on or near it.");
        const TargetSummary none_measured = CountAgainstTarget({&empty, &monitor});
        CHECK(
            NothingOffTargetInWords(none_measured) ==
            "No indicator has been measured against a target yet: 1 with no figures yet · 1 with no target.");
    }
    SECTION("no indicators at all")
    {
        CHECK(TargetSummaryInWords(CountAgainstTarget({})) == "no indicators");
    }
}

TEST_CASE("an indicator off a dated target is measured against the target in force", "[board_view]")
{
    auto s = std::make_shared<Snapshot>();
    Indicator ind;
    ind.id = "staged";
    ind.unit = Unit::Percent;
    ind.polarity = Polarity::HigherIsBetter;
    ind.target = {TargetKind::Value, 95, {{D("2019-10-31"), 70}, {D("2020-03-31"), 95}}};
    ind.series = {{{2019, 9}, 35.0, ""}}; // against 70 in force in Sep 2019: half of it off
    s->indicators = {ind};
    const BoardView view = BuildBoardView(s, D("2019-10-01"));
    REQUIRE(view.off_target.size() == 1);
    CHECK(view.off_target[0].gap == Approx(0.5));
    CHECK(view.targets.missed == 1);
}

TEST_CASE("refs are what the board counts: rows sharing a ref are one entry, listed under it", "[board_view]")
{
    auto s = std::make_shared<Snapshot>(*SmallPlan());
    // 1.1 becomes two rows of ref 1.1: one 47 days overdue, one 14 days; 1.2 stays one row.
    Action second = s->actions[0];
    second.id = "1.1b";
    second.due = {DueKind::OnDate, D("2023-04-03"), ""};
    s->actions.insert(s->actions.begin() + 1, second);
    std::vector<const Action*> rows;
    for (const Action& a : s->actions)
        rows.push_back(&a);
    const Date today = D("2023-04-17");

    const std::vector<DueRef> overdue = RefsWithRows(rows, *s, today, RefsShown::Overdue);
    REQUIRE(overdue.size() == 2); // three overdue rows, two refs
    CHECK(overdue[0].ref == "1.1");
    CHECK(overdue[0].days_overdue == 47);
    REQUIRE(overdue[0].rows.size() == 2);
    CHECK(overdue[0].rows[0].action->id == "1.1");
    CHECK(overdue[0].rows[1].action->id == "1.1b");
    CHECK(overdue[0].rows[1].days_overdue == 14);
    CHECK(overdue[1].ref == "1.2");
    CHECK(OverdueCount(overdue) == 2);

    const std::vector<DueRef> due = RefsWithRows(rows, *s, today, RefsShown::OverdueOrDueSoon);
    REQUIRE(due.size() == 3); // and 2.1, due in 20 days; 2.2 is 74 days off, 1.3 done
    CHECK(due[2].ref == "2.1");
    CHECK_FALSE(due[2].overdue);
    CHECK(due[2].days_overdue == -20);
    CHECK(OverdueCount(due) == 2);

    const std::vector<DueRef> all = RefsWithRows(rows, *s, today, RefsShown::All);
    CHECK(all.size() == 5); // 1.1, 1.2, 1.3, 2.1, 2.2: in the plan's order
    CHECK(all[0].rows.size() == 2);
    CHECK(all[4].ref == "2.2");
}

TEST_CASE("list ids name the refs a number counts, and nothing else", "[board_view]")
{
    const BoardView view = BuildBoardView(SmallPlan(), D("2023-04-17"));
    const auto ids = [](const std::optional<ListView>& list)
    {
        std::vector<std::string> refs;
        if (list)
            for (const DueRef& r : list->refs)
                refs.push_back(r.ref);
        return refs;
    };
    CHECK(ids(FindActionList(view, "overdue")) == std::vector<std::string>{"1.1", "1.2"});
    CHECK(ids(FindActionList(view, "overdue:priority:1")) == std::vector<std::string>{"1.1", "1.2"});
    CHECK(ids(FindActionList(view, "overdue:priority:2")).empty());
    CHECK(ids(FindActionList(view, "priority:1")) == std::vector<std::string>{"1.1", "1.2", "1.3"});
    CHECK(ids(FindActionList(view, "priority:1:rating:A")) == std::vector<std::string>{"1.2"});
    CHECK(ids(FindActionList(view, "priority:2:rating:")) == std::vector<std::string>{"2.2"}); // not rated
    CHECK(ids(FindActionList(view, "due:permanence")) == std::vector<std::string>{"2.1"});
    CHECK(ids(FindActionList(view, "overdue:front-door")) == std::vector<std::string>{"1.1", "1.2"});
    CHECK(ids(FindActionList(view, "front-door:rating:G")) == std::vector<std::string>{"1.3"});
    for (const char* unknown : {"", "priority:9", "overdue:nowhere", "priority:1:rating:X", "priority:1:x",
                                "ref:1.1", "ref:9.9"}) // 1.1 is a row's own id, not a parent ref
    {
        INFO(unknown);
        CHECK_FALSE(FindActionList(view, unknown));
    }
    // The counts shown beside them are those lists' lengths.
    CHECK(view.FindDashboard("front-door")->counts.overdue == 2);
    CHECK(view.priorities[0].counts.overdue == 2);
    CHECK(FindIndicatorList(view, "off-target")->indicators.size() == view.off_target.size());
    CHECK_FALSE(FindIndicatorList(view, "on-target"));
}
