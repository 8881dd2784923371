// Reading a due cell: the date phrases in it (date_words.h), the words around them that change what they
// mean (a range, "immediately", "ongoing"), and the warnings a person should see.
#include "publish/due_reading.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

namespace wb::publish
{
namespace
{

std::string_view Trim(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

// The words of a text, lower case: letters and digits only, everything else separates.
std::vector<std::string> Words(std::string_view text)
{
    std::vector<std::string> words;
    std::string word;
    for (char c : text)
    {
        if (static_cast<unsigned char>(c) < 0x80 && std::isalnum(static_cast<unsigned char>(c)))
            word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        else if (!word.empty())
        {
            words.push_back(word);
            word.clear();
        }
    }
    if (!word.empty())
        words.push_back(std::move(word));
    return words;
}

bool HasWord(const std::vector<std::string>& words, std::initializer_list<std::string_view> wanted)
{
    for (const std::string& word : words)
        for (std::string_view w : wanted)
            if (word == w)
                return true;
    return false;
}

bool HasPair(const std::vector<std::string>& words, std::string_view first, std::string_view second)
{
    for (size_t i = 0; i + 1 < words.size(); ++i)
        if (words[i] == first && words[i + 1] == second)
            return true;
    return false;
}

bool SaysImmediately(const std::vector<std::string>& words)
{
    return HasWord(words, {"immediate", "immediately", "asap"}) ||
           (HasPair(words, "as", "soon") && HasPair(words, "as", "possible"));
}

// "Ongoing", "on-going", or a recurrence: the work goes on rather than ending on a date.
bool SaysOngoing(const std::vector<std::string>& words)
{
    return HasWord(words,
                   {"ongoing", "continuous", "continual", "continuing", "quarterly", "monthly", "weekly",
                    "fortnightly", "annually", "annual", "yearly", "termly", "daily", "regularly"}) ||
           HasPair(words, "on", "going");
}

// True when the words between two dates make them one range ("April 2020 to March 2021", "Between April
// 2020 and March 2021", "Apr - Jun 2020"), whose end is the due.
bool JoinsRange(std::string_view before_first, std::string_view between)
{
    const std::vector<std::string> gap = Words(between);
    const std::string_view joiner = Trim(between);
    if (gap.empty())
        return joiner == "-" || joiner == "\u2013" || joiner == "\u2014";
    if (gap.size() != 1)
        return false;
    if (gap[0] == "to" || gap[0] == "until" || gap[0] == "till" || gap[0] == "through" || gap[0] == "thru")
        return true;
    const std::vector<std::string> before = Words(before_first);
    return gap[0] == "and" && !before.empty() && before.back() == "between";
}

// A year standing alone ("By 2020"): the only date some cells give.
std::optional<int> BareYear(const std::vector<std::string>& words)
{
    for (const std::string& word : words)
        if (word.size() == 4 &&
            std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; }))
        {
            const int year = std::stoi(word);
            if (year >= 2000 && year <= 2099)
                return year;
        }
    return std::nullopt;
}

std::string Quoted(std::string_view text)
{
    return "\"" + std::string(text) + "\"";
}

} // namespace

DueReading ReadDueWording(std::string_view printed, const PlanDates& dates)
{
    DueReading reading;
    const std::string_view text = Trim(printed);
    Due& due = reading.due;
    due.text = std::string(text);
    if (text.empty())
        return reading;

    std::vector<std::string> warnings;
    const std::vector<std::string> words = Words(text);
    const bool immediately = SaysImmediately(words);
    const bool ongoing = SaysOngoing(words);

    const std::vector<DatePhrase> phrases = FindDatePhrases(text, dates);
    std::set<Date> named;
    for (size_t i = 0; i < phrases.size(); ++i)
    {
        const DatePhrase& phrase = phrases[i];
        if (i + 1 < phrases.size() && JoinsRange(text.substr(0, phrase.begin),
                                                 text.substr(phrase.end, phrases[i + 1].begin - phrase.end)))
            continue; // a range's start: the work begins then, and is due at the range's end
        named.insert(phrase.date);
        const std::string_view words_read = text.substr(phrase.begin, phrase.end - phrase.begin);
        if (!phrase.doubt.empty())
            warnings.push_back(phrase.doubt + "; print the year in full to be sure.");
        if (phrase.year_guessed && !dates.start)
            warnings.push_back(
                Quoted(words_read) + " names no year, so it was read as " + FormatLongDate(phrase.date) +
                ", the first ending on or after a year before the plan's as_of; give the plan's start "
                "in plan.toml [plan] start, or print the year.");
        if (dates.start && phrase.date < *dates.start)
            warnings.push_back(Quoted(words_read) + " is " + FormatLongDate(phrase.date) +
                               ", before the plan's start (" + FormatLongDate(*dates.start) +
                               "), so it is overdue from the first day; check the year.");
    }

    if (named.empty())
    {
        if (immediately)
        {
            due.kind = DueKind::Immediate;
            due.continues = ongoing;
        }
        else if (ongoing)
            due.kind = DueKind::Ongoing;
        else if (auto year = BareYear(words))
        {
            due.kind = DueKind::OnDate;
            due.date = LastDayOfMonth(Period{*year, 12});
            warnings.push_back("it names only a year, so it was read as its end (" +
                               FormatLongDate(*due.date) + "); print a month to be exact.");
        }
        else
        {
            due.kind = DueKind::None;
            warnings.push_back(
                "no date in it can be read, so it is shown as written and never counted "
                "overdue; to date it, write e.g. 31/03/2023, March 2023, Q3 2019/20, Immediate "
                "or Ongoing.");
        }
    }
    else
    {
        // "Immediately / New service in place for Dec 2023": the immediate part falls due at the plan's
        // start, as an Immediate due does (EffectiveDueDate).
        if (immediately)
        {
            if (dates.start)
                named.insert(*dates.start);
            else
                warnings.push_back(
                    "it says immediately, but plan.toml [plan] has no start to date it by, so only "
                    "its other dates count.");
        }
        due.kind = DueKind::OnDate;
        due.date = *named.begin();
        if (named.size() >= 2)
            due.milestones.assign(named.begin(), named.end());
        due.continues = ongoing;
    }

    for (const std::string& warning : warnings)
        reading.warning += (reading.warning.empty() ? "" : " ") + warning;
    return reading;
}

} // namespace wb::publish
