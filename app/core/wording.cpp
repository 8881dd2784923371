// The words of the board and the publisher's check: figures, targets, dues, what an indicator measures.
#include "core/wording.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <iterator>

namespace wb
{

namespace
{

Period PeriodOf(Date date)
{
    return Period{static_cast<int>(date.year()), static_cast<int>(static_cast<unsigned>(date.month()))};
}

std::string Ordinal(size_t n)
{
    const char* suffix = n % 100 >= 11 && n % 100 <= 13 ? "th"
                         : n % 10 == 1                  ? "st"
                         : n % 10 == 2                  ? "nd"
                         : n % 10 == 3                  ? "rd"
                                                        : "th";
    return std::to_string(n) + suffix;
}

// Each basis in a few words and explained, for the facts of an indicator.
struct BasisWords
{
    MeasureBasis basis;
    const char* name;
    const char* explained;
};
constexpr BasisWords kBasisWords[] = {
    {MeasureBasis::InMonth, "in month", "each figure counts that month alone"},
    {MeasureBasis::MonthEnd, "month-end snapshot",
     "each figure is the position on the last day of the month"},
    {MeasureBasis::Rolling12Months, "rolling 12 months", "each figure covers the 12 months up to that month"},
    {MeasureBasis::YearToDate, "year to date", "each figure covers the year so far"},
    {MeasureBasis::ToDate, "to date",
     "each figure covers the time from a fixed start (in the name) to that month"},
    {MeasureBasis::Other, "basis not stated", "the plan does not say what period each figure covers"},
};

const BasisWords& WordsFor(MeasureBasis basis)
{
    for (const BasisWords& words : kBasisWords)
        if (words.basis == basis)
            return words;
    return kBasisWords[std::size(kBasisWords) - 1];
}

bool IsWordChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// "indicator 12", "indicators 12", "pi 12" in lower-case `text`, the id a whole word ("12", not "123" or
// "12.5").
bool NamesId(const std::string& text, const std::string& id)
{
    for (const std::string_view word : {std::string_view("indicator"), std::string_view("pi")})
    {
        for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1))
        {
            if (at > 0 && IsWordChar(text[at - 1]))
                continue;
            size_t p = at + word.size();
            if (word == "indicator" && p < text.size() && text[p] == 's')
                ++p;
            size_t q = p;
            while (q < text.size() && text[q] == ' ')
                ++q;
            if (q == p || text.compare(q, id.size(), id) != 0)
                continue;
            const size_t after = q + id.size();
            if (after < text.size() && IsWordChar(text[after]))
                continue;
            if (after + 1 < text.size() && text[after] == '.' &&
                std::isdigit(static_cast<unsigned char>(text[after + 1])))
                continue;
            return true;
        }
    }
    return false;
}

} // namespace

std::string FormatValue(double value, Unit unit)
{
    char text[64];
    switch (unit)
    {
    case Unit::Percent:
        std::snprintf(text, sizeof text, "%.1f%%", value);
        return text;
    case Unit::RatePer10k:
        std::snprintf(text, sizeof text, "%.1f", value);
        return text;
    case Unit::Days:
        std::snprintf(text, sizeof text, "%.0f days", value);
        return text;
    case Unit::Count:
    case Unit::Text: // words are never formatted as numbers; callers show them as text
        break;
    }
    // Counts with thousands separators, as the plans print them.
    std::snprintf(text, sizeof text, "%.0f", std::fabs(value));
    std::string digits = text;
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<size_t>(i), ",");
    return (value < 0 ? "-" : "") + digits;
}

std::string TargetSenseWords(TargetSense sense)
{
    switch (sense)
    {
    case TargetSense::AtLeast:
        return "at least ";
    case TargetSense::AtMost:
        return "at most ";
    case TargetSense::Above:
        return "more than ";
    case TargetSense::Below:
        return "less than ";
    case TargetSense::FromPolarity:
        break;
    }
    return "";
}

std::string TargetInForceInWords(const Indicator& ind, Period period)
{
    switch (ind.target.kind)
    {
    case TargetKind::Value:
        break;
    case TargetKind::Monitor:
        return "Monitor only";
    case TargetKind::Tbc:
        return "Target TBC";
    case TargetKind::Text:
        return ind.target.text;
    case TargetKind::None:
        return "";
    }
    const std::optional<double> value = TargetFor(ind, period);
    std::string text =
        TargetSenseWords(ind.target.sense) + FormatValue(value.value_or(ind.target.value), ind.unit);
    // The step in force, when the plan dates it: the first dated on or after the month's end, else the last.
    const TargetStep* step = nullptr;
    for (const TargetStep& candidate : ind.target.steps)
        if (!candidate.by || *candidate.by >= LastDayOfMonth(period))
        {
            step = &candidate;
            break;
        }
    if (!step && !ind.target.steps.empty())
        step = &ind.target.steps.back();
    if (step && step->by)
        text += " by " + FormatShortPeriod(PeriodOf(*step->by));
    return text;
}

std::string TargetStepsInWords(const Indicator& ind)
{
    const Target& t = ind.target;
    if (t.kind != TargetKind::Value || t.steps.size() < 2)
    {
        const PeriodValue* shown = MonthShown(ind);
        return TargetInForceInWords(ind, shown ? shown->period : Period{9999, 12});
    }
    std::string text;
    for (size_t i = 0; i < t.steps.size(); ++i)
    {
        const TargetStep& step = t.steps[i];
        text += (text.empty() ? "" : " · ") +
                std::string(i + 1 < t.steps.size() ? "Interim target" : "Target") +
                (step.by ? " by " + FormatShortPeriod(PeriodOf(*step.by)) : "") + ": " +
                TargetSenseWords(t.sense) + FormatValue(step.value, ind.unit);
    }
    return text;
}

std::string TargetInWords(const Indicator& ind)
{
    switch (ind.target.kind)
    {
    case TargetKind::Value:
    {
        std::string text = TargetStepsInWords(ind);
        if (!ind.target.text.empty() && ind.target.text != text)
            text += " (plan: \"" + ind.target.text + "\")";
        return text;
    }
    case TargetKind::Monitor:
        return "Monitor only: no target";
    case TargetKind::Tbc:
        return "To be confirmed";
    case TargetKind::Text:
        return ind.target.text;
    case TargetKind::None:
        break;
    }
    return "None set";
}

std::string TargetStatusWords(TargetStatus status)
{
    switch (status)
    {
    case TargetStatus::Met:
        return "ON TARGET";
    case TargetStatus::Near:
        return "NEAR TARGET";
    case TargetStatus::Missed:
        return "OFF TARGET";
    case TargetStatus::NoTarget:
    case TargetStatus::NoValue:
        break;
    }
    return "";
}

const PeriodValue* MonthShown(const Indicator& ind)
{
    if (ind.unit == Unit::Text)
    {
        for (auto it = ind.series.rbegin(); it != ind.series.rend(); ++it)
            if (!it->placeholder.empty())
                return &*it;
        return nullptr;
    }
    return ind.series.empty() ? nullptr : &ind.series.back();
}

std::string DescribeBasis(MeasureBasis basis)
{
    return WordsFor(basis).name;
}

std::string BasisExplained(MeasureBasis basis)
{
    return WordsFor(basis).explained;
}

std::string UnitInWords(Unit unit)
{
    switch (unit)
    {
    case Unit::Percent:
        return "Percentage";
    case Unit::RatePer10k:
        return "Rate per 10,000 children";
    case Unit::Count:
        return "Count";
    case Unit::Days:
        return "Days";
    case Unit::Text:
        return "In words";
    }
    return "";
}

std::string PolarityInWords(Polarity polarity)
{
    switch (polarity)
    {
    case Polarity::HigherIsBetter:
        return "Higher is better";
    case Polarity::LowerIsBetter:
        return "Lower is better";
    case Polarity::Monitor:
        break;
    }
    return "Monitored: neither direction is a goal";
}

std::string DaysOverdueInWords(int days_overdue)
{
    if (days_overdue > 0)
        return std::to_string(days_overdue) + (days_overdue == 1 ? " day overdue" : " days overdue");
    if (days_overdue == 0)
        return "due today";
    return "due in " + std::to_string(-days_overdue) + (days_overdue == -1 ? " day" : " days");
}

std::string DueInWords(const Due& due, const PlanInfo& plan, Date today, DueForm form)
{
    std::string text;
    switch (due.kind)
    {
    case DueKind::Immediate:
        text = "Immediate";
        if (form == DueForm::Full && plan.start)
            text += ", from " + FormatLongDate(*plan.start);
        return text;
    case DueKind::Ongoing:
        return due.text.empty() || form == DueForm::Compact ? "Ongoing"
                                                            : "Ongoing (plan: \"" + due.text + "\")";
    case DueKind::None:
        return due.text.empty() ? "No due date" : "due: " + due.text;
    case DueKind::OnDate:
        break;
    }
    const std::optional<Date> next = NextMilestone(due, today);
    if (!next)
        return due.text.empty() ? "No due date" : "due: " + due.text;
    text = FormatLongDate(*next);
    if (due.milestones.size() > 1)
    {
        const auto at = std::find(due.milestones.begin(), due.milestones.end(), *next);
        text += ", " + Ordinal(static_cast<size_t>(at - due.milestones.begin()) + 1) + " of " +
                std::to_string(due.milestones.size());
    }
    if (due.continues)
        text += ", then ongoing";
    if (form == DueForm::Full && !due.text.empty() && due.text != FormatLongDate(*next) &&
        due.text != FormatIsoDate(*next))
        text += " (plan: \"" + due.text + "\")";
    return text;
}

DueWords DescribeDue(const Action& a, const Snapshot& s, Date today)
{
    DueWords words;
    words.when = DueInWords(a.due, s.plan, today, DueForm::Compact);
    if (a.due.kind == DueKind::Ongoing)
        words.status = "Never overdue";
    if (a.due.kind == DueKind::None && !a.due.text.empty())
        words.status = "Not read as a date: never overdue";
    if (const auto days = DaysOverdue(a, s.plan, today))
    {
        words.overdue = IsOverdue(a, s, today);
        if (*days > 0 && !words.overdue)
            words.status = "Rated done, so not overdue";
        else
            words.status = Capitalised(DaysOverdueInWords(*days));
    }
    // Milestones: those passed, then those ahead ("passed: 31 Aug 2019 · then 31 Dec 2019").
    if (a.due.milestones.size() > 1)
    {
        std::string passed, ahead;
        for (const Date& date : a.due.milestones)
            (date < today ? passed : ahead) +=
                (date < today ? passed : ahead).empty() ? FormatLongDate(date) : ", " + FormatLongDate(date);
        words.milestones = (passed.empty() ? "" : "passed: " + passed) +
                           (ahead.empty() ? "" : (passed.empty() ? "then " : " · then ") + ahead);
    }
    if (!a.due.text.empty() && a.due.kind != DueKind::None && a.due.text != words.when &&
        a.due.kind != DueKind::Immediate)
        words.printed = "Plan says \"" + a.due.text + "\"";
    return words;
}

const std::string& ActionSummary(const Action& action)
{
    return action.text.empty() ? action.outcome : action.text;
}

std::vector<const Action*> ActionsMentioning(const Snapshot& snapshot, const Indicator& indicator)
{
    const std::string name = LowerCased(indicator.name);
    const std::string id = LowerCased(indicator.id);
    const auto names = [&](std::string_view text)
    {
        const std::string lower = LowerCased(text);
        return (!name.empty() && lower.find(name) != std::string::npos) ||
               (!id.empty() && NamesId(lower, id));
    };
    std::vector<const Action*> found;
    for (const Action& a : snapshot.actions)
    {
        bool hit = names(a.outcome) || names(a.text);
        for (size_t i = 0; !hit && i < a.evidence.size(); ++i)
            hit = names(a.evidence[i].text);
        if (hit)
            found.push_back(&a);
    }
    return found;
}

std::string Capitalised(std::string text)
{
    if (!text.empty())
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    return text;
}

std::string LowerCased(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

} // namespace wb
