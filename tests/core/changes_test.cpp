// What changed between two snapshots: rating changes, newly overdue actions, target crossings, moves.
#include "core/changes.h"

#include "test_support.h"

#include <algorithm>

using namespace wb;

namespace
{

Date D(const char* iso)
{
    return *ParseIsoDate(iso);
}

Action MakeAction(std::string id, std::string rag, const char* due)
{
    Action a;
    a.id = id;
    a.ref = id;
    a.priority = id.substr(0, 1);
    a.rag = std::move(rag);
    a.due = due ? Due{DueKind::OnDate, D(due), ""} : Due{DueKind::Ongoing, std::nullopt, "Ongoing"};
    return a;
}

Indicator MakeIndicator(std::string id, Polarity polarity, Target target, std::optional<double> value)
{
    Indicator ind;
    ind.id = std::move(id);
    ind.unit = Unit::Percent;
    ind.polarity = polarity;
    ind.target = target;
    ind.series = {{{2023, 1}, 50.0, ""}, {{2023, 2}, value, value ? "" : "Report development required"}};
    if (!value)
        ind.series.front() = {{2023, 1}, std::nullopt, "Report development required"};
    return ind;
}

// Adds March's figure to an indicator of `s`.
void AddMarch(Snapshot& s, const std::string& id, std::optional<double> value)
{
    for (Indicator& ind : s.indicators)
        if (ind.id == id)
            ind.series.push_back({{2023, 3}, value, value ? "" : "Not available"});
}

Snapshot Before()
{
    Snapshot s;
    s.plan.id = "small";
    s.plan.as_of = D("2023-03-17");
    s.plan.start = D("2023-01-01");
    s.rag_key = {{"R", "Red", "#C0392B", "", false},
                 {"A", "Amber", "#E67E22", "", false},
                 {"E", "Amber E", "#F1C40F", "", true},
                 {"G", "Green", "#27AE60", "", true}};
    s.actions = {MakeAction("1.1", "A", "2023-06-30"), MakeAction("1.2", "E", "2023-03-01"),
                 MakeAction("1.3", "", "2023-06-30"),  MakeAction("1.4", "E", "2023-06-30"),
                 MakeAction("2.1", "A", "2023-04-10"), MakeAction("2.2", "A", "2023-02-01"),
                 MakeAction("2.3", "G", "2023-03-31"), MakeAction("2.4", "A", nullptr),
                 MakeAction("3.1", "A", "2023-04-01")};
    const Target ninety{TargetKind::Value, 90};
    s.indicators = {MakeIndicator("up", Polarity::HigherIsBetter, ninety, 85),
                    MakeIndicator("down", Polarity::HigherIsBetter, ninety, 92),
                    MakeIndicator("near", Polarity::HigherIsBetter, ninety, 89),
                    MakeIndicator("lower", Polarity::LowerIsBetter, {TargetKind::Value, 10}, 12),
                    MakeIndicator("monitor", Polarity::Monitor, {TargetKind::Monitor, 0}, 100),
                    MakeIndicator("placeholder", Polarity::HigherIsBetter, ninety, std::nullopt),
                    MakeIndicator("tbc", Polarity::HigherIsBetter, {TargetKind::Tbc, 0}, 10),
                    MakeIndicator("zero-target", Polarity::LowerIsBetter, {TargetKind::Value, 0}, 4),
                    MakeIndicator("flat", Polarity::HigherIsBetter, {TargetKind::Value, 50}, 40)};
    return s;
}

Snapshot After()
{
    Snapshot s = Before();
    s.plan.as_of = D("2023-04-17");
    const auto rate = [&](const char* id, const char* rag)
    {
        for (Action& a : s.actions)
            if (a.id == id)
                a.rag = rag;
    };
    rate("1.1", "E");     // towards done
    rate("1.2", "A");     // back from done: and so overdue now
    rate("1.3", "R");     // rated for the first time: towards done (not rated is least complete)
    rate("1.4", "");      // rating cleared: away from done
    s.actions.pop_back(); // 3.1 removed
    s.actions.push_back(MakeAction("3.2", "A", "2023-04-01")); // added, and already overdue
    AddMarch(s, "up", 91);
    AddMarch(s, "down", 80);
    AddMarch(s, "near", 90.5);
    AddMarch(s, "lower", 11);
    AddMarch(s, "monitor", 200);
    AddMarch(s, "placeholder", 95);
    AddMarch(s, "tbc", 15);
    AddMarch(s, "zero-target", 3);
    AddMarch(s, "flat", 40);
    return s;
}

std::vector<std::string> Ids(const std::vector<IndicatorChange>& list)
{
    std::vector<std::string> ids;
    for (const IndicatorChange& c : list)
        ids.push_back(c.indicator->id);
    return ids;
}

} // namespace

TEST_CASE("ratings that changed, either way, with actions added and removed listed apart", "[changes]")
{
    const Snapshot before = Before();
    const Snapshot after = After();
    const Changes changes = CompareSnapshots(before, after, D("2023-04-17"));
    CHECK(changes.since == D("2023-03-17"));
    REQUIRE(changes.ratings.size() == 4);
    // Away from done first, then towards, each in the plan's order.
    CHECK(changes.ratings[0].action->id == "1.2");
    CHECK(changes.ratings[0].from == "E");
    CHECK(changes.ratings[0].to == "A");
    CHECK(changes.ratings[0].move == RatingMove::AwayFromDone);
    CHECK(changes.ratings[1].action->id == "1.4");
    CHECK(changes.ratings[1].from == "E");
    CHECK(changes.ratings[1].to.empty());
    CHECK(changes.ratings[1].move == RatingMove::AwayFromDone);
    CHECK(changes.ratings[2].action->id == "1.1");
    CHECK(changes.ratings[2].move == RatingMove::TowardsDone);
    CHECK(changes.ratings[3].action->id == "1.3");
    CHECK(changes.ratings[3].from.empty());
    CHECK(changes.ratings[3].to == "R");
    CHECK(changes.ratings[3].move == RatingMove::TowardsDone);
    // The pointers are into `after`.
    CHECK(changes.ratings[0].action == &after.actions[1]);

    REQUIRE(changes.added.size() == 1);
    CHECK(changes.added[0]->id == "3.2");
    CHECK(changes.removed == std::vector<std::string>{"3.1"});
}

TEST_CASE("newly overdue: overdue now and not as of the earlier snapshot's own date", "[changes]")
{
    const Snapshot before = Before();
    const Snapshot after = After();
    const Changes changes = CompareSnapshots(before, after, D("2023-04-17"));
    // 1.2 moved back from done past its date; 3.2 is new and past its date; 2.1 fell due since.
    // 2.2 was overdue already; 2.3 is done; 2.4 is ongoing.
    REQUIRE(changes.newly_overdue.size() == 3);
    CHECK(changes.newly_overdue[0].rows[0].action->id == "1.2");
    CHECK(changes.newly_overdue[0].days_overdue == 47);
    CHECK(changes.newly_overdue[1].rows[0].action->id == "3.2");
    CHECK(changes.newly_overdue[1].days_overdue == 16);
    CHECK(changes.newly_overdue[2].rows[0].action->id == "2.1");
    CHECK(changes.newly_overdue[2].days_overdue == 7);

    // Today, not the later snapshot's date, decides what is overdue now.
    const Changes earlier = CompareSnapshots(before, after, D("2023-04-05"));
    CHECK(std::none_of(earlier.newly_overdue.begin(), earlier.newly_overdue.end(),
                       [](const DueRef& d) { return d.ref == "2.1"; }));
}

TEST_CASE("indicators that crossed their target, worse first, and those that moved most", "[changes]")
{
    const Snapshot before = Before();
    const Snapshot after = After();
    const Changes changes = CompareSnapshots(before, after, D("2023-04-17"));

    // Met -> Missed first, then Missed -> Met and Near -> Met. A first figure is no crossing.
    CHECK(Ids(changes.crossed) == std::vector<std::string>{"down", "up", "near"});
    const IndicatorChange& down = changes.crossed[0];
    CHECK(down.from == TargetStatus::Met);
    CHECK(down.to == TargetStatus::Missed);
    CHECK_FALSE(down.good);
    CHECK(down.before == 92);
    CHECK(down.before_period == Period{2023, 2});
    CHECK(down.after == 80);
    CHECK(down.after_period == Period{2023, 3});
    CHECK(changes.crossed[1].from == TargetStatus::Missed);
    CHECK(changes.crossed[1].to == TargetStatus::Met);
    CHECK(changes.crossed[1].good);
    CHECK(changes.crossed[2].from == TargetStatus::Near);
    CHECK(changes.crossed[2].good);

    // By share of the target, or of the earlier value without one (tbc: 5 of 10; zero-target: 1 of 4).
    // Monitor-only, the placeholder and the flat one are left out; "near" (1.5 of 90) is sixth of five.
    CHECK(Ids(changes.moved) == std::vector<std::string>{"tbc", "zero-target", "down", "lower", "up"});
    CHECK(changes.moved[0].share == Approx(0.5));
    CHECK(changes.moved[0].good);
    CHECK(changes.moved[1].share == Approx(0.25));
    CHECK(changes.moved[1].good); // lower is better, and it fell
    CHECK_FALSE(changes.moved[2].good);
    CHECK(changes.moved[3].share == Approx(0.1));
    CHECK(changes.moved[3].good);

    ChangeOptions options;
    options.moved_most = 2;
    CHECK(CompareSnapshots(before, after, D("2023-04-17"), options).moved.size() == 2);
}

TEST_CASE("a placeholder is never a figure: the latest number on each side is compared", "[changes]")
{
    Snapshot before = Before();
    Snapshot after = Before();
    AddMarch(after, "up", std::nullopt); // latest figure is still February's 85
    AddMarch(before, "down", 80);        // figure withdrawn: after's latest is February's 92
    after.indicators[1].series.push_back({{2023, 3}, std::nullopt, "Not available"});
    const Changes changes = CompareSnapshots(before, after, before.plan.as_of);
    // "down" went from 80 (Mar) back to 92 (Feb): compared as latest figures, so it is a crossing.
    CHECK(Ids(changes.crossed) == std::vector<std::string>{"down"});
    CHECK(Ids(changes.moved) == std::vector<std::string>{"down"});
    CHECK(changes.crossed[0].before_period == Period{2023, 3});
    CHECK(changes.crossed[0].after_period == Period{2023, 2});
}

TEST_CASE("equal snapshots: nothing changed", "[changes]")
{
    const Snapshot s = After();
    const Changes changes = CompareSnapshots(s, s, s.plan.as_of);
    CHECK(changes.ratings.empty());
    CHECK(changes.added.empty());
    CHECK(changes.removed.empty());
    CHECK(changes.newly_overdue.empty());
    CHECK(changes.crossed.empty());
    CHECK(changes.moved.empty());
}

TEST_CASE("the Plymouth demo: two ratings, one indicator across its target, a month on", "[changes]")
{
    Snapshot before = test::BuildDemo("plymouth");
    before.plan.as_of = D("2023-03-17");
    Snapshot after = test::BuildDemo("plymouth");
    REQUIRE(after.plan.as_of == D("2023-04-17"));
    for (Action& a : after.actions)
    {
        if (a.id == "4.4")
            a.rag = "A"; // E -> A, due in July: not overdue
        if (a.id == "3.4")
            a.rag = "E"; // not rated -> E, due in May
    }
    for (Indicator& ind : after.indicators)
        if (ind.id == "12")
        {
            // 64.1% against 90%: off target. Revised to 91.0%: on it.
            for (auto it = ind.series.rbegin(); it != ind.series.rend(); ++it)
                if (it->value)
                {
                    it->value = 91.0;
                    break;
                }
        }

    const Changes changes = CompareSnapshots(before, after, after.plan.as_of);
    REQUIRE(changes.ratings.size() == 2);
    CHECK(changes.ratings[0].action->id == "4.4");
    CHECK(changes.ratings[0].move == RatingMove::AwayFromDone);
    CHECK(changes.ratings[1].action->id == "3.4");
    CHECK(changes.ratings[1].from.empty());
    CHECK(changes.ratings[1].to == "E");
    CHECK(changes.ratings[1].move == RatingMove::TowardsDone);
    CHECK(changes.added.empty());
    CHECK(changes.removed.empty());

    // Due 31 March 2023 and not rated: fell overdue between 17 March and 17 April. One ref, as the board
    // counts it, with its two rows under it.
    REQUIRE(changes.newly_overdue.size() == 1);
    CHECK(changes.newly_overdue[0].ref == "2.7");
    REQUIRE(changes.newly_overdue[0].rows.size() == 2);
    CHECK(changes.newly_overdue[0].rows[0].action->id == "2.7a");
    CHECK(changes.newly_overdue[0].rows[1].action->id == "2.7b");
    CHECK(changes.newly_overdue[0].days_overdue == 17);

    REQUIRE(changes.crossed.size() == 1);
    CHECK(changes.crossed[0].indicator->id == "12");
    CHECK(changes.crossed[0].from == TargetStatus::Missed);
    CHECK(changes.crossed[0].to == TargetStatus::Met);
    CHECK(changes.crossed[0].good);
    CHECK(changes.crossed[0].before == Approx(64.1));
    CHECK(changes.crossed[0].after == Approx(91.0));
    REQUIRE(changes.moved.size() == 1);
    CHECK(changes.moved[0].indicator->id == "12");
    CHECK(changes.moved[0].share == Approx((91.0 - 64.1) / 90.0));
}
