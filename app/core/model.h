// The improvement plan as the board sees it: what a snapshot carries (DOMAIN.md).
// Plain values, no behaviour; derived figures live in derived.h.
#pragma once

#include "core/date.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wb
{

struct PlanInfo
{
    std::string id;        // stable machine name: "plymouth-2023"
    std::string authority; // "Plymouth City Council"
    std::string title;
    Date as_of{};              // the date the figures and ratings describe
    std::optional<Date> start; // when the plan began: an "Immediate" action falls due then
};

// Longest code and short form a key may use, in characters: what a badge must fit whole.
inline constexpr size_t kMaxRagCodeLength = 20;
inline constexpr size_t kMaxRagShortLength = 4;

// One level of the plan's own RAG key. The key is listed from least to most complete.
struct RagLevel
{
    std::string code;       // as the plan writes it: "R", "E", or a word of up to 20 characters: "On track"
    std::string label;      // "Amber E (yellow)"
    std::string colour;     // "#RRGGBB"
    std::string definition; // the plan's words: "Task implemented but impact not yet evidenced"
    bool done = false;      // a done action is never overdue; a key may have no done level
    std::string short_code; // a short form for tight places ("OT"); empty when `code` is short itself
};

struct Priority
{
    std::string id; // "1"
    std::string title;
    std::string statement;
};

struct Team
{
    std::string id; // "front-door"
    std::string name;
};

enum class DueKind
{
    OnDate,    // a calendar date
    Immediate, // "Immediate", "Immediately": due from the plan's start
    Ongoing,   // "Ongoing through the year": never overdue
    None,      // no due date given
};

// A due date as the plan printed it, and what it was read as. Wording that names no date it can be read
// as ("when the protocol is agreed") has kind None and keeps its text: it is shown, never overdue.
struct Due
{
    DueKind kind = DueKind::None;
    std::optional<Date> date; // set when kind == OnDate: the earliest date named, which overdue is judged by
    std::string text;         // as the plan printed it: "March 23", "31 st March 2023"
    std::vector<Date> milestones; // every date the wording names, ascending, when it names two or more
    bool continues = false;       // the work goes on after the date: "Nov 2019 & ongoing"
};

struct EvidenceNote
{
    std::optional<Date> date; // undated notes exist
    std::string text;
};

// One row of the action plan. Several rows may share a ref; `id` tells them apart ("2.6b").
struct Action
{
    std::string id;
    std::string ref;
    std::string priority; // Priority::id
    std::string outcome;  // desired outcome for children
    std::string text;     // the actions, in full
    std::string lead;     // a role, as written: "HOS Front Door"
    std::string measure;  // how success is measured, as written: "100% attendance at the improvement board"
    std::vector<std::string> teams;
    Due due;
    std::string rag; // a RagLevel::code, or empty when not rated
    std::vector<EvidenceNote> evidence;
    std::vector<std::string> inspection_refs; // "para 6, FDFV"
    bool priority_action = false;             // answers an inspection "priority action"
};

enum class Unit
{
    Percent,
    RatePer10k,
    Count,
    Days,
    Text, // a qualitative measure: its months hold words ("Met", "In place"), never numbers
};

enum class MeasureBasis
{
    InMonth,
    MonthEnd,
    Rolling12Months,
    YearToDate,
    ToDate,
    Other,
};

enum class Polarity
{
    HigherIsBetter,
    LowerIsBetter,
    Monitor,
};

enum class TargetKind
{
    Value,   // a number to meet
    Monitor, // watched, no target
    Tbc,     // a target is still to be set
    Text,    // a target in words: "Protocol in place"; shown, never judged
    None,
};

// Which side of the target is good. The plan's words decide ("less than 10%", "at least 95%", "≥ 95%"),
// else the indicator's polarity does.
enum class TargetSense
{
    FromPolarity,
    AtLeast, // value >= target
    AtMost,  // value <= target
    Above,   // value > target: "more than"
    Below,   // value < target: "less than"
};

// One dated target: "Interim target by Oct 2019: 70%" is {2019-10-31, 70}.
struct TargetStep
{
    std::optional<Date> by; // empty for an undated final target
    double value = 0;
};

struct Target
{
    TargetKind kind = TargetKind::None;
    double value = 0;              // when kind == Value: the final target
    std::vector<TargetStep> steps; // dated and interim targets, ascending; empty for a plain figure
    TargetSense sense = TargetSense::FromPolarity;
    std::string
        text; // as printed, when it says more than the figure: "95% by March 2020", "Protocol in place"
};

// A benchmark shown beside the figure, never used as a target: "England 7.6%".
struct Comparator
{
    std::string name;
    double value = 0;
};

// One month of an indicator: a number, or the words the plan printed instead. For a Unit::Text indicator
// the words are the month's figure ("In place"); for any other they stand in for a missing number.
struct PeriodValue
{
    Period period;
    std::optional<double> value;
    std::string placeholder; // "Report development required", "Met"; set when value is empty
};

struct Indicator
{
    std::string id; // "12"
    std::string section;
    std::string name;
    std::string short_name; // what a tile shows, read from the door; may be empty
    Unit unit = Unit::Count;
    MeasureBasis basis = MeasureBasis::Other;
    Polarity polarity = Polarity::Monitor;
    Target target;
    std::vector<Comparator> comparators;
    std::string mtfp; // "MTFP 4", empty when none
    bool is_new = false;
    bool rolling_12m_flag = false; // printed "R12M" beside the id
    std::vector<std::string> teams;
    std::vector<PeriodValue> series; // ascending by period, one entry per period at most
};

enum class DashboardKind
{
    Team,     // one team's indicators and actions
    Overview, // the whole plan, for the improvement board
};

// The board's own page listing every overdue action of the plan; no dashboard may take its id.
inline constexpr std::string_view kOverduePageId = "overdue";

// Which indicators and actions a page shows; resolved to ids by the publisher.
struct Dashboard
{
    std::string id;
    std::string title;
    DashboardKind kind = DashboardKind::Team;
    std::vector<std::string> teams;
    std::vector<std::string> indicators;
    std::vector<std::string> actions;
};

struct Snapshot
{
    PlanInfo plan;
    std::vector<RagLevel> rag_key;
    std::vector<Priority> priorities;
    std::vector<Team> teams;
    std::vector<Action> actions;
    std::vector<Indicator> indicators;
    std::vector<Dashboard> dashboards;
    std::string content_hash; // "sha256:<hex>" as published; empty if absent
};

} // namespace wb
