// Reading date phrases as plans print them: a small tokenizer and one matcher per form, tried in order at
// each token (numeric dates, quarters and financial years, seasons, day-month, month-day and month-year).
#include "publish/date_words.h"

#include <array>
#include <cctype>
#include <charconv>

namespace wb::publish
{
namespace
{

std::string Lower(std::string_view text)
{
    std::string lower;
    for (char c : text)
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return lower;
}

bool IsAsciiAlnum(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0 && static_cast<unsigned char>(c) < 0x80;
}

enum class TokenKind
{
    Word,    // letters: "Dec", "by", "term"
    Number,  // digits: "2019", "23"
    Ordinal, // a day with its suffix: "31st", "1st", and OCR's "Ist" / "lst" for 1st
    Quarter, // "Q3"
    Punct,   // one character; en and em dashes are '-', a right quote is '\''
};

struct Token
{
    TokenKind kind = TokenKind::Punct;
    std::string lower; // lower-case text; for Punct the character it stands for
    size_t begin = 0;
    size_t end = 0;
    int number = 0; // Number, Ordinal (the day) and Quarter (1..4)
    bool capitalised = false;
};

std::optional<int> Digits(std::string_view text)
{
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.size() > 4)
        return std::nullopt;
    return value;
}

Token ClassifyAlnum(std::string_view text, size_t begin)
{
    Token token;
    token.begin = begin;
    token.end = begin + text.size();
    token.lower = Lower(text);
    token.capitalised = std::isupper(static_cast<unsigned char>(text.front())) != 0;
    const size_t digits = text.find_first_not_of("0123456789");
    if (digits == std::string_view::npos)
    {
        if (auto value = Digits(text))
        {
            token.kind = TokenKind::Number;
            token.number = *value;
            return token;
        }
        token.kind = TokenKind::Word; // too long to be a day or a year
        return token;
    }
    const std::string suffix = token.lower.substr(digits);
    if (digits > 0 && digits <= 2 && (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th"))
    {
        token.kind = TokenKind::Ordinal;
        token.number = *Digits(text.substr(0, digits));
        return token;
    }
    // A PDF's text layer often reads "1st" as "Ist" or "lst" ("in place from June Ist").
    if (token.lower == "ist" || token.lower == "lst")
    {
        token.kind = TokenKind::Ordinal;
        token.number = 1;
        return token;
    }
    if (token.lower.size() == 2 && token.lower[0] == 'q' && token.lower[1] >= '1' && token.lower[1] <= '4')
    {
        token.kind = TokenKind::Quarter;
        token.number = token.lower[1] - '0';
        return token;
    }
    token.kind = TokenKind::Word;
    return token;
}

std::vector<Token> Tokenize(std::string_view text)
{
    std::vector<Token> tokens;
    size_t i = 0;
    while (i < text.size())
    {
        const char c = text[i];
        if (IsAsciiAlnum(c))
        {
            size_t j = i;
            while (j < text.size() && IsAsciiAlnum(text[j]))
                ++j;
            tokens.push_back(ClassifyAlnum(text.substr(i, j - i), i));
            i = j;
            continue;
        }
        if (std::isspace(static_cast<unsigned char>(c)))
        {
            ++i;
            continue;
        }
        Token token;
        token.begin = i;
        if (static_cast<unsigned char>(c) < 0x80)
        {
            token.lower = std::string(1, c);
            token.end = i + 1;
        }
        else
        {
            // One UTF-8 sequence is one token; dashes and quotes stand for their ASCII forms.
            size_t j = i + 1;
            while (j < text.size() && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80)
                ++j;
            const std::string_view sequence = text.substr(i, j - i);
            if (sequence == "\u2013" || sequence == "\u2014" || sequence == "\u2212")
                token.lower = "-";
            else if (sequence == "\u2019" || sequence == "\u2018")
                token.lower = "'";
            else
                token.lower = std::string(sequence);
            token.end = j;
        }
        i = token.end;
        tokens.push_back(std::move(token));
    }
    return tokens;
}

int YearOf(Date date)
{
    return static_cast<int>(date.year());
}

// The year ending in `two_digits` nearest the plan's as_of: 23 -> 2023 for a plan as of 2023.
int TwoDigitYear(int two_digits, const PlanDates& plan)
{
    const int as_of = YearOf(plan.as_of);
    int best = as_of - as_of % 100 + two_digits;
    for (int candidate : {best - 100, best + 100})
        if (std::abs(candidate - as_of) < std::abs(best - as_of))
            best = candidate;
    return best;
}

// Where a date printed without a year is looked for: the plan's start, else its as_of a year back.
Date YearlessAnchor(const PlanDates& plan)
{
    if (plan.start)
        return *plan.start;
    const int year = YearOf(plan.as_of) - 1;
    const auto month = static_cast<int>(static_cast<unsigned>(plan.as_of.month()));
    const auto day = static_cast<int>(static_cast<unsigned>(plan.as_of.day()));
    if (auto date = MakeDate(year, month, day))
        return *date;
    return LastDayOfMonth(Period{year, month}); // 29 February a year back
}

// The first `day` of `month` (or the month's last day when `day` is 0) on or after the anchor.
std::optional<Date> ResolveYearless(int month, int day, const PlanDates& plan)
{
    const Date anchor = YearlessAnchor(plan);
    for (int year = YearOf(anchor); year <= YearOf(anchor) + 8; ++year)
    {
        std::optional<Date> date =
            day == 0 ? std::optional<Date>(LastDayOfMonth(Period{year, month})) : MakeDate(year, month, day);
        if (date && *date >= anchor)
            return date;
    }
    return std::nullopt; // a day no month has ("31 June")
}

bool IsFullYear(const Token& token)
{
    return token.kind == TokenKind::Number && token.end - token.begin == 4 && token.number >= 1900 &&
           token.number <= 2200;
}

bool IsTwoDigits(const Token& token)
{
    return token.kind == TokenKind::Number && token.end - token.begin == 2;
}

bool IsPunct(const std::vector<Token>& tokens, size_t i, std::string_view chars)
{
    return i < tokens.size() && tokens[i].kind == TokenKind::Punct && tokens[i].lower.size() == 1 &&
           chars.find(tokens[i].lower[0]) != std::string_view::npos;
}

bool IsWord(const std::vector<Token>& tokens, size_t i, std::string_view word)
{
    return i < tokens.size() && tokens[i].kind == TokenKind::Word && tokens[i].lower == word;
}

// A month word, with the rule that keeps ordinary words out: "may", "march", "mar" and "august" are
// English words too, so in lower case they are months only when a year follows.
std::optional<int> MonthAt(const std::vector<Token>& tokens, size_t i)
{
    if (i >= tokens.size() || tokens[i].kind != TokenKind::Word)
        return std::nullopt;
    return ParseMonthName(tokens[i].lower);
}

bool LowerCaseWordToo(const Token& token)
{
    return !token.capitalised && (token.lower == "may" || token.lower == "march" || token.lower == "mar" ||
                                  token.lower == "august");
}

// The day of an ordinal, or of a number followed by its suffix as a word ("31 st"): {day, tokens used}.
std::optional<std::pair<int, size_t>> DayAt(const std::vector<Token>& tokens, size_t i, bool bare_number_ok)
{
    if (i >= tokens.size())
        return std::nullopt;
    const Token& token = tokens[i];
    if (token.kind == TokenKind::Ordinal && token.number >= 1 && token.number <= 31)
        return std::pair{token.number, size_t{1}};
    if (token.kind != TokenKind::Number || token.end - token.begin > 2 || token.number < 1 ||
        token.number > 31)
        return std::nullopt;
    if (i + 1 < tokens.size() && tokens[i + 1].kind == TokenKind::Word)
    {
        const std::string& suffix = tokens[i + 1].lower;
        if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th")
            return std::pair{token.number, size_t{2}};
    }
    if (bare_number_ok)
        return std::pair{token.number, size_t{1}};
    return std::nullopt;
}

// A financial year "2019/20", "2019-20", "2019/2020" (optionally after "FY", or "FY2019/20"): {first year,
// tokens used}.
std::optional<std::pair<int, size_t>> FinancialYearAt(const std::vector<Token>& tokens, size_t i)
{
    size_t used = 0;
    if (IsWord(tokens, i, "fy"))
        used = 1;
    if (i + used + 2 >= tokens.size() || !IsPunct(tokens, i + used + 1, "/-"))
        return std::nullopt;
    // "FY2019/20" is one word and its year.
    std::optional<int> first;
    const Token& year_token = tokens[i + used];
    if (IsFullYear(year_token))
        first = year_token.number;
    else if (used == 0 && year_token.kind == TokenKind::Word && year_token.lower.size() == 6 &&
             year_token.lower.starts_with("fy"))
        first = Digits(std::string_view(year_token.lower).substr(2));
    if (!first || *first < 1900 || *first > 2200)
        return std::nullopt;
    const Token& second = tokens[i + used + 2];
    if (second.kind != TokenKind::Number || second.begin != tokens[i + used + 1].end)
        return std::nullopt;
    const bool next_two = IsTwoDigits(second) && second.number == (*first + 1) % 100;
    const bool next_four = IsFullYear(second) && second.number == *first + 1;
    if (!next_two && !next_four)
        return std::nullopt;
    return std::pair{*first, used + 3};
}

struct Match
{
    DatePhrase phrase;
    size_t next = 0; // the token after the phrase
    int yearless_month =
        0;                // a month or day printed without a year: its month and day (0 for the month's end),
    int yearless_day = 0; // which may take the year of the date after it ("Aug/Sep 2019")
};

std::optional<Match> YearlessMatch(const std::vector<Token>& tokens, size_t first, size_t next, int month,
                                   int day, const PlanDates& plan);

Match MakeMatch(const std::vector<Token>& tokens, size_t first, size_t next, Date date)
{
    Match match;
    match.phrase.date = date;
    match.phrase.begin = tokens[first].begin;
    match.phrase.end = tokens[next - 1].end;
    match.next = next;
    return match;
}

std::optional<Match> YearlessMatch(const std::vector<Token>& tokens, size_t first, size_t next, int month,
                                   int day, const PlanDates& plan)
{
    auto date = ResolveYearless(month, day, plan);
    if (!date)
        return std::nullopt;
    Match match = MakeMatch(tokens, first, next, *date);
    match.phrase.year_guessed = true;
    match.yearless_month = month;
    match.yearless_day = day;
    return match;
}

// True when only a joining word or mark stands between two dates: "Aug/Sep 2019", "April - June 2020",
// "June and July 2020".
bool OnlyAJoiner(std::string_view between)
{
    while (!between.empty() && between.front() == ' ')
        between.remove_prefix(1);
    while (!between.empty() && between.back() == ' ')
        between.remove_suffix(1);
    const std::string lower = Lower(between);
    for (std::string_view joiner :
         {"", "/", "-", "&", ",", "\u2013", "\u2014", "and", "or", "to", "until", "till", "through"})
        if (lower == joiner)
            return true;
    return false;
}

// "31/03/2023", "2023-03-31", "31.03.2023", "31/3/23": tokens joined with no spaces, read by core/date.h.
std::optional<Match> NumericDateAt(std::string_view text, const std::vector<Token>& tokens, size_t i)
{
    if (tokens[i].kind != TokenKind::Number)
        return std::nullopt;
    size_t next = i + 1;
    while (next + 1 < tokens.size() && IsPunct(tokens, next, "/-.") &&
           tokens[next].begin == tokens[next - 1].end && tokens[next + 1].kind == TokenKind::Number &&
           tokens[next + 1].begin == tokens[next].end)
        next += 2;
    if (next - i != 5)
        return std::nullopt;
    std::string joined(text.substr(tokens[i].begin, tokens[next - 1].end - tokens[i].begin));
    if (tokens[i + 1].lower == ".")
    {
        if (tokens[i + 3].lower != ".")
            return std::nullopt;
        joined[tokens[i + 1].begin - tokens[i].begin] = '/';
        joined[tokens[i + 3].begin - tokens[i].begin] = '/';
    }
    else if (tokens[i + 1].lower != tokens[i + 3].lower)
        return std::nullopt;
    if (auto date = ParseExportDate(joined))
        return MakeMatch(tokens, i, next, *date);
    return std::nullopt;
}

Date QuarterEnd(int quarter, int financial_year)
{
    constexpr std::array<int, 4> kEndMonth = {6, 9, 12, 3};
    const int month = kEndMonth[static_cast<size_t>(quarter - 1)];
    return LastDayOfMonth(Period{quarter == 4 ? financial_year + 1 : financial_year, month});
}

std::string QuarterName(int quarter)
{
    constexpr std::array<const char*, 4> kSpan = {"Apr-Jun", "Jul-Sep", "Oct-Dec", "Jan-Mar"};
    return kSpan[static_cast<size_t>(quarter - 1)];
}

// "Q3 2019/20", "Quarter 3 2019/20", "2019/20 Q3", "Q3 2019" (a doubt), "Q3" (year guessed).
std::optional<Match> QuarterAt(std::string_view text, const std::vector<Token>& tokens, size_t i,
                               const PlanDates& plan)
{
    int quarter = 0;
    size_t next = i;
    if (tokens[i].kind == TokenKind::Quarter)
    {
        quarter = tokens[i].number;
        next = i + 1;
    }
    else if (IsWord(tokens, i, "quarter") && i + 1 < tokens.size() &&
             tokens[i + 1].kind == TokenKind::Number && tokens[i + 1].number >= 1 &&
             tokens[i + 1].number <= 4)
    {
        quarter = tokens[i + 1].number;
        next = i + 2;
    }
    else if (auto year = FinancialYearAt(tokens, i);
             year && i + year->second < tokens.size() && tokens[i + year->second].kind == TokenKind::Quarter)
    {
        quarter = tokens[i + year->second].number;
        return MakeMatch(tokens, i, i + year->second + 1, QuarterEnd(quarter, year->first));
    }
    else
        return std::nullopt;
    if (IsWord(tokens, next, "of"))
        ++next;
    if (auto year = FinancialYearAt(tokens, next))
        return MakeMatch(tokens, i, next + year->second, QuarterEnd(quarter, year->first));
    if (next < tokens.size() && IsFullYear(tokens[next]))
    {
        const int year = tokens[next].number;
        Match match = MakeMatch(tokens, i, next + 1, QuarterEnd(quarter, year));
        match.phrase.doubt =
            "\"" + std::string(text.substr(match.phrase.begin, match.phrase.end - match.phrase.begin)) +
            "\" was read as Q" + std::to_string(quarter) + " of the financial year " + std::to_string(year) +
            "/" + std::to_string((year + 1) % 100 / 10) + std::to_string((year + 1) % 10) + " (" +
            QuarterName(quarter) + " " + std::to_string(quarter == 4 ? year + 1 : year) + ")";
        return match;
    }
    constexpr std::array<int, 4> kEndMonth = {6, 9, 12, 3};
    if (auto date = ResolveYearless(kEndMonth[static_cast<size_t>(quarter - 1)], 0, plan))
    {
        Match match = MakeMatch(tokens, i, next, *date);
        match.phrase.year_guessed = true;
        return match;
    }
    return std::nullopt;
}

// "Spring 2020", "Autumn term 2019", "Winter 2019/20", "Summer" (year guessed when capitalised).
std::optional<Match> SeasonAt(std::string_view text, const std::vector<Token>& tokens, size_t i,
                              const PlanDates& plan)
{
    const Token& token = tokens[i];
    if (token.kind != TokenKind::Word)
        return std::nullopt;
    std::string season = token.lower == "fall" ? "autumn" : token.lower;
    if (season != "spring" && season != "summer" && season != "autumn" && season != "winter")
        return std::nullopt;
    size_t next = i + 1;
    const bool term = season != "winter" && IsWord(tokens, next, "term");
    if (term)
        ++next;
    // The month a season or school term ends in; winter ends in the February after the year named.
    int end_month = 0;
    if (term)
        end_month = season == "autumn" ? 12 : season == "spring" ? 3 : 7;
    else
        end_month = season == "spring" ? 5 : season == "summer" ? 8 : season == "autumn" ? 11 : 2;
    const bool winter = season == "winter";
    if (auto year = FinancialYearAt(tokens, next); year && winter)
        return MakeMatch(tokens, i, next + year->second, LastDayOfMonth(Period{year->first + 1, 2}));
    if (next < tokens.size() && IsPunct(tokens, next, "'") && next + 1 < tokens.size() &&
        IsTwoDigits(tokens[next + 1]))
        ++next;
    std::optional<int> year;
    if (next < tokens.size() && IsFullYear(tokens[next]))
        year = tokens[next].number;
    else if (next < tokens.size() && IsTwoDigits(tokens[next]))
        year = TwoDigitYear(tokens[next].number, plan);
    if (year)
    {
        Match match =
            MakeMatch(tokens, i, next + 1, LastDayOfMonth(Period{winter ? *year + 1 : *year, end_month}));
        if (winter)
            match.phrase.doubt =
                "\"" + std::string(text.substr(match.phrase.begin, match.phrase.end - match.phrase.begin)) +
                "\" was read as the winter from December " + std::to_string(*year) + " to February " +
                std::to_string(*year + 1);
        return match;
    }
    if (!token.capitalised)
        return std::nullopt;
    if (auto date = ResolveYearless(end_month, 0, plan))
    {
        Match match = MakeMatch(tokens, i, next, *date);
        match.phrase.year_guessed = true;
        return match;
    }
    return std::nullopt;
}

// A year after a month or a day and month: "2019", "19" (after a space, '-', ',' or '\''), or none.
std::optional<std::pair<int, size_t>> YearAfter(const std::vector<Token>& tokens, size_t i,
                                                const PlanDates& plan, bool two_digits_ok)
{
    size_t next = i;
    if (IsPunct(tokens, next, ",-'"))
        ++next;
    if (next >= tokens.size())
        return std::nullopt;
    if (IsFullYear(tokens[next]))
        return std::pair{tokens[next].number, next + 1 - i};
    if (two_digits_ok && IsTwoDigits(tokens[next]))
        return std::pair{TwoDigitYear(tokens[next].number, plan), next + 1 - i};
    return std::nullopt;
}

// Ends a phrase whose day and month have been read, at `next`: the year after them, else a date without
// a year ("June Ist"), resolved against the plan unless the month is a word as well ("may").
// `two_digits_ok` is YearAfter's: whether a two-digit number there may be the year.
std::optional<Match> DayAndMonthMatch(const std::vector<Token>& tokens, size_t i, size_t next, int month,
                                      int day, const Token& month_token, const PlanDates& plan,
                                      bool two_digits_ok)
{
    if (auto year = YearAfter(tokens, next, plan, two_digits_ok))
    {
        if (auto date = MakeDate(year->first, month, day))
            return MakeMatch(tokens, i, next + year->second, *date);
        return std::nullopt;
    }
    if (LowerCaseWordToo(month_token))
        return std::nullopt;
    return YearlessMatch(tokens, i, next, month, day, plan);
}

// "31 st December 2019", "1st November 2019", "22nd May", "1 of June 2020".
std::optional<Match> DayMonthAt(const std::vector<Token>& tokens, size_t i, const PlanDates& plan)
{
    auto day = DayAt(tokens, i, true);
    if (!day)
        return std::nullopt;
    size_t next = i + day->second;
    if (IsWord(tokens, next, "of"))
        ++next;
    auto month = MonthAt(tokens, next);
    if (!month)
        return std::nullopt;
    const Token& month_token = tokens[next];
    ++next;
    if (IsPunct(tokens, next, ".") && month_token.end - month_token.begin < 5)
        ++next; // "Dec."
    return DayAndMonthMatch(tokens, i, next, *month, day->first, month_token, plan, true);
}

// "Dec 2019", "December 2019", "Sept 23", "Oct-19", "June Ist", "June 1st 2020", "March".
std::optional<Match> MonthFirstAt(const std::vector<Token>& tokens, size_t i, const PlanDates& plan)
{
    auto month = MonthAt(tokens, i);
    if (!month)
        return std::nullopt;
    const Token& month_token = tokens[i];
    size_t next = i + 1;
    if (IsPunct(tokens, next, ".") && month_token.end - month_token.begin < 5)
        ++next; // "Sept."
    // A day after the month is an ordinal ("June Ist", "May 22nd") or a lone digit ("June 1"): two digits
    // with no suffix are a year ("Sept 23").
    std::optional<std::pair<int, size_t>> day = DayAt(tokens, next, false);
    if (!day && next < tokens.size() && tokens[next].kind == TokenKind::Number &&
        tokens[next].end - tokens[next].begin == 1 && tokens[next].number >= 1)
        day = std::pair{tokens[next].number, size_t{1}};
    if (day)
    {
        next += day->second;
        return DayAndMonthMatch(tokens, i, next, *month, day->first, month_token, plan, false);
    }
    if (auto year = YearAfter(tokens, next, plan, true))
        return MakeMatch(tokens, i, next + year->second, LastDayOfMonth(Period{year->first, *month}));
    if (LowerCaseWordToo(month_token))
        return std::nullopt;
    return YearlessMatch(tokens, i, next, *month, 0, plan);
}

// A financial year on its own: "2019/20" ends on 31 March 2020.
std::optional<Match> FinancialYearOnlyAt(const std::vector<Token>& tokens, size_t i)
{
    if (auto year = FinancialYearAt(tokens, i))
        return MakeMatch(tokens, i, i + year->second, LastDayOfMonth(Period{year->first + 1, 3}));
    return std::nullopt;
}

} // namespace

std::vector<DatePhrase> FindDatePhrases(std::string_view text, const PlanDates& plan)
{
    const std::vector<Token> tokens = Tokenize(text);
    std::vector<DatePhrase> phrases;
    std::vector<std::pair<int, int>> yearless; // month and day of each phrase printed without a year
    size_t i = 0;
    while (i < tokens.size())
    {
        std::optional<Match> match = NumericDateAt(text, tokens, i);
        if (!match)
            match = QuarterAt(text, tokens, i, plan);
        if (!match)
            match = FinancialYearOnlyAt(tokens, i);
        if (!match)
            match = SeasonAt(text, tokens, i, plan);
        if (!match)
            match = DayMonthAt(tokens, i, plan);
        if (!match)
            match = MonthFirstAt(tokens, i, plan);
        if (!match)
        {
            ++i;
            continue;
        }
        phrases.push_back(std::move(match->phrase));
        yearless.emplace_back(match->yearless_month, match->yearless_day);
        i = match->next;
    }
    // A month printed without a year takes the year of a dated month joined to it ("Aug/Sep 2019",
    // "Nov - Feb 2020" is November 2019), rather than the plan's.
    for (size_t k = phrases.size(); k-- > 1;)
    {
        const auto [month, day] = yearless[k - 1];
        const DatePhrase& after = phrases[k];
        if (month == 0 || after.year_guessed ||
            !OnlyAJoiner(text.substr(phrases[k - 1].end, after.begin - phrases[k - 1].end)))
            continue;
        for (int year : {YearOf(after.date), YearOf(after.date) - 1})
        {
            std::optional<Date> date = day == 0 ? std::optional<Date>(LastDayOfMonth(Period{year, month}))
                                                : MakeDate(year, month, day);
            if (date && *date <= after.date)
            {
                phrases[k - 1].date = *date;
                phrases[k - 1].year_guessed = false;
                break;
            }
        }
    }
    return phrases;
}

std::optional<DatePhrase> ReadDatePhrase(std::string_view text, const PlanDates& plan)
{
    std::vector<DatePhrase> phrases = FindDatePhrases(text, plan);
    if (phrases.size() != 1)
        return std::nullopt;
    auto only_punctuation = [](std::string_view rest)
    {
        for (char c : rest)
            if (IsAsciiAlnum(c))
                return false;
        return true;
    };
    const DatePhrase& phrase = phrases.front();
    if (!only_punctuation(text.substr(0, phrase.begin)) || !only_punctuation(text.substr(phrase.end)))
        return std::nullopt;
    return phrase;
}

} // namespace wb::publish
