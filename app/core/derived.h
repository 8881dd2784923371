// Figures the board derives from a snapshot, not the feed, so they stay right offline as days pass.
// Pure functions: "today" is always passed in.
#pragma once

#include "core/model.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wb
{

// ---- Indicators -------------------------------------------------------------

enum class Direction
{
    Up,
    Down,
    Level,
    Unknown, // fewer than two values
};

struct Travel
{
    Direction direction = Direction::Unknown;
    std::optional<bool> good; // by polarity; empty for monitor-only, level or unknown
    double change = 0;        // latest minus previous
    Period from{};
    Period to{};
};

// Direction of travel from the two latest values (placeholders skipped), judged by polarity.
// The arrow alone says nothing about good or bad: 59 (caseloads over 20) going up is bad.
Travel DirectionOfTravel(const Indicator& indicator);

// The latest period that holds a number, if any.
const PeriodValue* LatestValue(const Indicator& indicator);

// The target in force for `period`: the first dated step whose date is on or after the month's last day,
// else the last step; the plain target when the plan dates none. Empty when there is no numeric target.
std::optional<double> TargetFor(const Indicator& indicator, Period period);

enum class TargetStatus
{
    NoTarget, // Monitor, TBC, a target in words, none, or monitor-only polarity
    NoValue,  // a target, but no figures yet: never counted as on target or as without one
    Met,
    Near, // within the amber band
    Missed,
};

struct TargetOptions
{
    double amber_band = 0.05; // fraction of the target within which a miss counts as near (5%)
};

// The latest value against the target in force for its month. The plan's own words ("less than 10%") say
// which side is good, else the polarity does. Comparators are never used as targets.
TargetStatus StatusAgainstTarget(const Indicator& indicator, const TargetOptions& options = {});

// ---- Actions ----------------------------------------------------------------

// The date an action falls due: its own date; the plan's start for "Immediate";
// none for "Ongoing" or a missing due date, which therefore never fall overdue.
std::optional<Date> EffectiveDueDate(const Action& action, const PlanInfo& plan);

// The first milestone on or after `today`, else the last one: what the board shows as "next". For a due
// with one date, that date; empty when the due names none.
std::optional<Date> NextMilestone(const Due& due, Date today);

// Position of `code` in the key (0 = least complete), or -1 when not rated or unknown.
int RagRank(const std::vector<RagLevel>& key, const std::string& code);

// The key's level for `code`, or null when not rated or unknown: the one lookup every page uses.
const RagLevel* LevelOf(const Snapshot& snapshot, const std::string& code);

bool IsDone(const Action& action, const std::vector<RagLevel>& key);

// Due date passed (strictly before `today`) and the rating is not a done level.
bool IsOverdue(const Action& action, const Snapshot& snapshot, Date today);

// Days past the effective due date; negative when still to come; empty without a due date.
std::optional<int> DaysOverdue(const Action& action, const PlanInfo& plan, Date today);

// Several rows can share a ref. A ref's rating is that of its least-complete row;
// a row not rated counts as less complete than any rating, so a ref is never shown as
// further on than every one of its rows has been rated.
struct RefSummary
{
    std::string ref;
    std::string priority;
    std::string rag; // rolled up; empty when any row is not rated
    bool overdue = false;
    std::vector<const Action*> rows;
};

// Rolls up the given rows by ref, in order of first appearance.
std::vector<RefSummary> RollUpByRef(const std::vector<const Action*>& rows, const Snapshot& snapshot,
                                    Date today);

struct RagCounts
{
    std::vector<int> by_level; // aligned with snapshot.rag_key
    int not_rated = 0;
    int overdue = 0;
    int total = 0; // refs counted
};

RagCounts CountRatings(const std::vector<RefSummary>& refs, const Snapshot& snapshot);

// Counts per priority id and per team id, each over refs rolled up within that group.
std::map<std::string, RagCounts> CountByPriority(const Snapshot& snapshot, Date today);
std::map<std::string, RagCounts> CountByTeam(const Snapshot& snapshot, Date today);

} // namespace wb
