// Reads targets as plans print them (target_reading.h). The wording is split into tokens, dates first (by
// date_words.h, so "31 March 2020" is one token), then read as clauses: each clause is one figure with its
// optional date ("Interim target by Oct 2019: 70%"), a new one starting at each "target" label.
//
// [SECTION] Tokens
// [SECTION] Words the grammar knows
// [SECTION] Clauses
// [SECTION] ReadTargetWording
#include "publish/target_reading.h"

#include "core/snapshot.h"
#include "publish/figures.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>

namespace wb::publish
{
namespace
{

//-----------------------------------------------------------------------------
// [SECTION] Tokens
//-----------------------------------------------------------------------------

enum class TokenKind
{
    Word,   // lower case, without a trailing full stop: "interim", "less"
    Figure, // as printed: "95%", "30 %", "42.1r", "1,147"
    Date,   // a date phrase: "Oct 2019", "31 March 2020"
    Symbol, // a comparison sign, written the ASCII way: "<", "<=", ">", ">="
    Colon,
};

struct Token
{
    TokenKind kind = TokenKind::Word;
    std::string text;
    size_t begin = 0; // byte offsets in the wording
    size_t end = 0;
    const DatePhrase* date = nullptr; // when kind == Date
};

constexpr std::string_view kLessOrEqual = "\xE2\x89\xA4";    // ≤
constexpr std::string_view kGreaterOrEqual = "\xE2\x89\xA5"; // ≥

bool IsLetter(char c)
{
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

bool IsDigit(char c)
{
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// Characters that end a word. Full stops do not: "Sept." keeps its stop until the word is made.
bool EndsWord(std::string_view text, size_t i)
{
    return std::string_view(" \t\r\n,;:()<>=").find(text[i]) != std::string_view::npos ||
           text.substr(i).starts_with(kLessOrEqual) || text.substr(i).starts_with(kGreaterOrEqual);
}

std::string Lower(std::string_view text)
{
    std::string lower(text);
    for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower;
}

// The figure starting at `i` ("95%", "30 %", "42.1r"), or its end as 0 when what starts there is a word
// that begins with digits ("31st", "16/17").
size_t FigureEnd(std::string_view text, size_t i)
{
    size_t j = i;
    while (j < text.size() && (IsDigit(text[j]) || text[j] == '.' || text[j] == ','))
        ++j;
    while (j > i + 1 && (text[j - 1] == '.' || text[j - 1] == ','))
        --j; // a full stop or comma after the number ends a sentence or a list
    if (j < text.size() && text[j] == 'r' && (j + 1 == text.size() || !IsLetter(text[j + 1])))
        return j + 1;
    if (j < text.size() && (IsLetter(text[j]) || text[j] == '/' || text[j] == '-'))
        return 0;
    size_t k = j;
    while (k < text.size() && text[k] == ' ')
        ++k;
    return k < text.size() && text[k] == '%' ? k + 1 : j;
}

std::vector<Token> Tokenize(std::string_view text, const std::vector<DatePhrase>& dates)
{
    std::vector<Token> tokens;
    size_t next_date = 0;
    size_t i = 0;
    while (i < text.size())
    {
        while (next_date < dates.size() && dates[next_date].end <= i)
            ++next_date;
        const size_t date_begin = next_date < dates.size() ? dates[next_date].begin : text.size();
        if (i >= date_begin)
        {
            const DatePhrase& date = dates[next_date];
            tokens.push_back({TokenKind::Date, std::string(text.substr(date.begin, date.end - date.begin)),
                              date.begin, date.end, &date});
            i = date.end;
            continue;
        }
        const char c = text[i];
        if (std::string_view(" \t\r\n,;()").find(c) != std::string_view::npos ||
            (c == '.' && (i + 1 == text.size() || !IsDigit(text[i + 1]))))
        {
            ++i;
            continue;
        }
        if (c == ':')
        {
            tokens.push_back({TokenKind::Colon, ":", i, i + 1});
            ++i;
            continue;
        }
        if (text.substr(i).starts_with(kLessOrEqual) || text.substr(i).starts_with(kGreaterOrEqual))
        {
            tokens.push_back(
                {TokenKind::Symbol, text.substr(i).starts_with(kLessOrEqual) ? "<=" : ">=", i, i + 3});
            i += 3;
            continue;
        }
        if (c == '<' || c == '>' || c == '=')
        {
            size_t j = i;
            std::string sign;
            while (j < date_begin && (text[j] == '<' || text[j] == '>' || text[j] == '='))
                sign.push_back(text[j++]);
            if (sign == "=<" || sign == "=>")
                std::swap(sign[0], sign[1]);
            tokens.push_back({TokenKind::Symbol, sign, i, j});
            i = j;
            continue;
        }
        if (IsDigit(c) || c == '.')
            if (const size_t end = FigureEnd(text.substr(0, date_begin), i); end != 0)
            {
                tokens.push_back({TokenKind::Figure, std::string(text.substr(i, end - i)), i, end});
                i = end;
                continue;
            }
        size_t end = i;
        while (end < date_begin && !EndsWord(text, end))
            ++end;
        std::string word = Lower(text.substr(i, end - i));
        while (word.size() > 1 && word.back() == '.')
            word.pop_back();
        tokens.push_back({TokenKind::Word, std::move(word), i, end});
        i = end;
    }
    return tokens;
}

//-----------------------------------------------------------------------------
// [SECTION] Words the grammar knows
//-----------------------------------------------------------------------------

// How many tokens from `i` spell `phrase` (words or signs separated by single spaces); 0 when they do not.
size_t Match(const std::vector<Token>& tokens, size_t i, std::string_view phrase)
{
    size_t n = 0;
    while (!phrase.empty())
    {
        const size_t space = phrase.find(' ');
        const std::string_view word = phrase.substr(0, space);
        if (i + n >= tokens.size() || tokens[i + n].kind == TokenKind::Figure ||
            tokens[i + n].kind == TokenKind::Date || tokens[i + n].text != word)
            return 0;
        ++n;
        phrase = space == std::string_view::npos ? std::string_view() : phrase.substr(space + 1);
    }
    return n;
}

struct SenseWords
{
    std::string_view phrase;
    TargetSense sense;
};

// Longer phrases first, so that "no more than" is not read as "more than".
constexpr SenseWords kSenseWords[] = {
    {"a minimum of", TargetSense::AtLeast},
    {"a maximum of", TargetSense::AtMost},
    {"no less than", TargetSense::AtLeast},
    {"not less than", TargetSense::AtLeast},
    {"no fewer than", TargetSense::AtLeast},
    {"not fewer than", TargetSense::AtLeast},
    {"no more than", TargetSense::AtMost},
    {"not more than", TargetSense::AtMost},
    {"no higher than", TargetSense::AtMost},
    {"no greater than", TargetSense::AtMost},
    {"at least", TargetSense::AtLeast},
    {"minimum of", TargetSense::AtLeast},
    {"or more", TargetSense::AtLeast},
    {"or above", TargetSense::AtLeast},
    {"or higher", TargetSense::AtLeast},
    {"or over", TargetSense::AtLeast},
    {"at most", TargetSense::AtMost},
    {"up to", TargetSense::AtMost},
    {"maximum of", TargetSense::AtMost},
    {"not exceeding", TargetSense::AtMost},
    {"or less", TargetSense::AtMost},
    {"or fewer", TargetSense::AtMost},
    {"or below", TargetSense::AtMost},
    {"or lower", TargetSense::AtMost},
    {"more than", TargetSense::Above},
    {"greater than", TargetSense::Above},
    {"higher than", TargetSense::Above},
    {"less than", TargetSense::Below},
    {"fewer than", TargetSense::Below},
    {"lower than", TargetSense::Below},
    {"minimum", TargetSense::AtLeast},
    {"min", TargetSense::AtLeast},
    {"maximum", TargetSense::AtMost},
    {"max", TargetSense::AtMost},
    {"above", TargetSense::Above},
    {"over", TargetSense::Above},
    {"below", TargetSense::Below},
    {"under", TargetSense::Below},
    {">=", TargetSense::AtLeast},
    {"<=", TargetSense::AtMost},
    {">", TargetSense::Above},
    {"<", TargetSense::Below},
};

// Words that may stand before a date: "by", "by the end of", "in".
bool IsDateLeadIn(const Token& token)
{
    return token.kind == TokenKind::Word &&
           (token.text == "by" || token.text == "the" || token.text == "end" || token.text == "of" ||
            token.text == "in" || token.text == "before");
}

// "Interim target", "Target", "Final target": where a clause starts. Sets `interim` for an interim one.
size_t MatchLabel(const std::vector<Token>& tokens, size_t i, bool& interim)
{
    for (std::string_view label : {"interim target", "interim targets", "interim"})
        if (const size_t n = Match(tokens, i, label))
        {
            interim = true;
            return n;
        }
    interim = false;
    for (std::string_view label : {"final target", "target", "targets"})
        if (const size_t n = Match(tokens, i, label))
            return n;
    return 0;
}

// The wording without its labels and colons, in lower case: "Target: TBC" -> "tbc".
std::string Bare(const std::vector<Token>& tokens)
{
    std::string bare;
    bool interim = false;
    for (size_t i = 0; i < tokens.size();)
    {
        if (const size_t n = MatchLabel(tokens, i, interim))
        {
            i += n;
            continue;
        }
        if (tokens[i].kind != TokenKind::Colon)
            bare += (bare.empty() ? "" : " ") + tokens[i].text;
        ++i;
    }
    return bare;
}

bool IsMonitor(const std::string& bare)
{
    return bare == "monitor" || bare == "monitor only";
}

bool IsTbc(const std::string& bare)
{
    return bare == "tbc" || bare == "tbd" || bare == "to be confirmed" || bare == "to be agreed" ||
           bare == "to be set";
}

bool SaysHigherIsBetter(TargetSense sense)
{
    return sense == TargetSense::AtLeast || sense == TargetSense::Above;
}

//-----------------------------------------------------------------------------
// [SECTION] Clauses
//-----------------------------------------------------------------------------

// One figure with its date: "Interim target by Oct 2019: 70%", "51% to 30 % by Dec 2019".
struct Clause
{
    bool interim = false;
    std::optional<double> value;
    std::string figure;         // as printed: "70%"
    std::optional<double> from; // a range's start: "51% to 30 %" goes from 51 to 30
    const Token* date = nullptr;
};

struct Parsed
{
    std::vector<Clause> clauses;
    TargetSense sense = TargetSense::FromPolarity;
    std::string sense_words; // as printed: "less than"
    std::vector<const Token*> unread;
    int figures = 0;
    bool labelled = false;
    std::string problem; // the clause after `target "wording"`
};

std::string Quoted(std::string_view text)
{
    return "\"" + std::string(text) + "\"";
}

std::string Span(std::string_view text, size_t begin, size_t end)
{
    return std::string(text.substr(begin, end - begin));
}

Parsed ParseClauses(std::string_view text, const std::vector<Token>& tokens, Unit unit)
{
    Parsed p;
    p.clauses.emplace_back();
    bool pending_to = false;
    for (size_t i = 0; i < tokens.size() && p.problem.empty();)
    {
        const Token& token = tokens[i];
        Clause& clause = p.clauses.back();
        const bool clause_started = clause.value || clause.date;
        bool interim = false;
        if (token.kind == TokenKind::Colon)
        {
            ++i;
            continue;
        }
        if (const size_t n = MatchLabel(tokens, i, interim))
        {
            if (clause_started)
                p.clauses.emplace_back();
            p.clauses.back().interim = interim;
            p.labelled = true;
            i += n;
            continue;
        }
        const SenseWords* sense = nullptr;
        size_t sense_length = 0;
        for (const SenseWords& words : kSenseWords)
            if (const size_t n = Match(tokens, i, words.phrase); n > sense_length)
            {
                sense = &words;
                sense_length = n;
            }
        if (sense)
        {
            const std::string printed = Span(text, token.begin, tokens[i + sense_length - 1].end);
            if (p.sense != TargetSense::FromPolarity && p.sense != sense->sense)
                p.problem = "says both " + Quoted(p.sense_words) + " and " + Quoted(printed) +
                            "; keep the one the plan means.";
            p.sense = sense->sense;
            p.sense_words = printed;
            i += sense_length;
            continue;
        }
        if (token.kind == TokenKind::Word && token.text == "to")
        {
            pending_to = true;
            ++i;
            continue;
        }
        size_t date = i;
        while (date < tokens.size() && IsDateLeadIn(tokens[date]))
            ++date;
        if (date < tokens.size() && tokens[date].kind == TokenKind::Date)
        {
            if (clause.date)
                p.clauses.emplace_back();
            p.clauses.back().date = &tokens[date];
            i = date + 1;
            continue;
        }
        if (token.kind == TokenKind::Figure)
        {
            ++p.figures;
            std::string why;
            const std::optional<double> value = ParseFigure(token.text, unit, why);
            if (!value)
                p.problem = why + ".";
            else if (unit == Unit::Percent && !token.text.ends_with('%') && *value > 0 && *value < 1)
            {
                char percent[32];
                std::snprintf(percent, sizeof percent, "%g%%", *value * 100);
                p.problem = Quoted(token.text) + " looks like a fraction; write " + percent + ".";
            }
            else if (clause.value && pending_to && !clause.from)
            {
                clause.from = clause.value;
                clause.value = value;
                clause.figure = token.text;
            }
            else
            {
                if (clause.value)
                    p.clauses.emplace_back();
                p.clauses.back().value = value;
                p.clauses.back().figure = token.text;
            }
            pending_to = false;
            ++i;
            continue;
        }
        p.unread.push_back(&token);
        ++i;
    }
    return p;
}

//-----------------------------------------------------------------------------
// [SECTION] ReadTargetWording
//-----------------------------------------------------------------------------

// A target in words, for the text unit: shown as printed, never judged.
TargetReading ReadTextTarget(const std::string& wording, const std::vector<Token>& tokens)
{
    TargetReading reading;
    const std::string bare = Bare(tokens);
    if (IsMonitor(bare))
        reading.target.kind = TargetKind::Monitor;
    else if (IsTbc(bare))
        reading.target.kind = TargetKind::Tbc;
    else
    {
        reading.target.kind = TargetKind::Text;
        reading.target.text = wording;
        if (std::all_of(tokens.begin(), tokens.end(),
                        [](const Token& t) { return t.kind != TokenKind::Word || t.text == "target"; }) &&
            std::any_of(tokens.begin(), tokens.end(),
                        [](const Token& t) { return t.kind == TokenKind::Figure; }))
            reading.warning = "target " + Quoted(wording) +
                              " is a figure, but the unit is text: it is shown as words and never judged; "
                              "give the indicator a numeric unit to judge its figures against it.";
    }
    return reading;
}

} // namespace

TargetReading ReadTargetWording(std::string_view printed, Unit unit, Polarity polarity,
                                const PlanDates& dates)
{
    TargetReading reading;
    const size_t first = printed.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return reading; // no target printed
    const std::string wording(printed.substr(first, printed.find_last_not_of(" \t\r\n") + 1 - first));
    const std::vector<DatePhrase> date_phrases = FindDatePhrases(wording, dates);
    const std::vector<Token> tokens = Tokenize(wording, date_phrases);
    if (unit == Unit::Text)
        return ReadTextTarget(wording, tokens);

    const std::string bare = Bare(tokens);
    const std::string refused = "target " + Quoted(wording);
    if (IsMonitor(bare))
    {
        reading.target.kind = TargetKind::Monitor;
        return reading;
    }
    if (IsTbc(bare))
    {
        reading.target.kind = TargetKind::Tbc;
        return reading;
    }

    Parsed p = ParseClauses(wording, tokens, unit);
    if (!p.problem.empty())
    {
        reading.problem = refused + ": " + p.problem;
        return reading;
    }

    // A benchmark printed in the target column ("7.6% England") is shown beside the figure, never judged.
    const Clause& only = p.clauses.front();
    if (p.clauses.size() == 1 && !p.labelled && p.sense == TargetSense::FromPolarity && !only.date &&
        !only.from && p.figures == 1 && tokens.front().kind == TokenKind::Figure && !p.unread.empty() &&
        p.unread.size() == tokens.size() - 1 &&
        std::none_of(p.unread.begin(), p.unread.end(),
                     [](const Token* t) { return std::any_of(t->text.begin(), t->text.end(), IsDigit); }))
    {
        const std::string name = wording.substr(wording.find_first_not_of(" \t", tokens.front().end));
        reading.comparators.push_back({name, *only.value});
        return reading;
    }

    if (!p.unread.empty())
    {
        if (p.figures == 0)
            reading.problem = refused +
                              " is not a figure, Monitor or TBC; a measure judged in words needs unit " +
                              "text (its months then hold words such as \"Met\").";
        else
            reading.problem =
                refused + ": cannot read " +
                Quoted(Span(wording, p.unread.front()->begin, p.unread.back()->end)) +
                "; write a figure with its direction and date, like \"less than 10%\", "
                "\"95% by March 2020\" or \"Interim target by Oct 2019: 70% Target by Mar 2020: 95%\".";
        return reading;
    }

    std::vector<Clause> clauses;
    for (const Clause& clause : p.clauses)
    {
        if (clause.value)
            clauses.push_back(clause);
        else if (clause.date)
        {
            reading.problem = refused + " gives no figure for " + Quoted(clause.date->text) + ".";
            return reading;
        }
    }
    if (clauses.empty())
    {
        reading.problem =
            refused + " gives no figure; write a figure (\"95%\"), Monitor, TBC or leave it empty.";
        return reading;
    }
    for (const Clause& clause : clauses)
        if (clause.interim && !clause.date)
        {
            reading.problem = refused + " gives an interim target without its date; write it like \"Interim "
                                        "target by Oct 2019: 70%\".";
            return reading;
        }
    if (std::count_if(clauses.begin(), clauses.end(), [](const Clause& c) { return !c.date; }) > 1)
    {
        reading.problem = refused +
                          " gives more than one target without a date; a target cell holds one measure's "
                          "target: put each measure on its own row, or date the steps (\"70% by Oct 2019\").";
        return reading;
    }

    // Steps in date order, the undated final target last.
    std::stable_sort(clauses.begin(), clauses.end(),
                     [](const Clause& a, const Clause& b)
                     { return a.date && (!b.date || a.date->date->date < b.date->date->date); });
    for (size_t i = 1; i < clauses.size(); ++i)
    {
        const Clause& a = clauses[i - 1];
        const Clause& b = clauses[i];
        if (b.date && a.date->date->date == b.date->date->date)
        {
            reading.problem = refused + " gives two targets for " + Quoted(b.date->text) + "; keep one.";
            return reading;
        }
        if (!a.interim && b.interim)
        {
            reading.problem = refused + ": the interim target " + Quoted(b.figure) +
                              " falls after the final one " + Quoted(a.figure) +
                              "; an interim target comes before the final one.";
            return reading;
        }
    }

    // The plan's direction words must agree with the indicator's polarity.
    const bool dated = clauses.size() > 1 || clauses.front().date;
    const std::string polarity_name(ToString(polarity));
    if (p.sense != TargetSense::FromPolarity && polarity != Polarity::Monitor &&
        SaysHigherIsBetter(p.sense) != (polarity == Polarity::HigherIsBetter))
    {
        reading.problem = refused + " says " + Quoted(p.sense_words) + " (" +
                          (SaysHigherIsBetter(p.sense) ? "higher" : "lower") +
                          " is better), but the indicator's polarity is " + polarity_name +
                          "; change the polarity or the target so that they agree.";
        return reading;
    }
    for (const Clause& clause : clauses)
        if (clause.from && *clause.from != *clause.value && polarity != Polarity::Monitor &&
            (*clause.value > *clause.from) != (polarity == Polarity::HigherIsBetter))
        {
            reading.problem = refused + " moves the figure " +
                              (*clause.value > *clause.from ? "up" : "down") + " (to " +
                              Quoted(clause.figure) + "), but the indicator's polarity is " + polarity_name +
                              "; change the polarity or the target so that they agree.";
            return reading;
        }

    Target& target = reading.target;
    target.kind = TargetKind::Value;
    target.value = *clauses.back().value;
    target.sense = p.sense;
    if (dated)
        for (const Clause& clause : clauses)
            target.steps.push_back(
                {clause.date ? std::optional<Date>(clause.date->date->date) : std::nullopt, *clause.value});
    if (dated || p.sense != TargetSense::FromPolarity || clauses.front().from)
        target.text = wording;

    std::string warning;
    if (std::all_of(clauses.begin(), clauses.end(), [](const Clause& c) { return c.interim; }))
        warning = "prints only an interim target: " + clauses.back().figure + " stays the target after " +
                  clauses.back().date->text + " until the plan prints a final one";
    for (const Clause& clause : clauses)
        if (clause.date && !clause.date->date->doubt.empty())
            warning += (warning.empty() ? "" : "; ") + clause.date->date->doubt;
    if (!warning.empty())
        reading.warning = refused + " " + warning + ".";
    return reading;
}

} // namespace wb::publish
