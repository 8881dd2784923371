// The indicator and action detail views of the drill-down. Sizes are multiples of the font size. All
// drawing goes through the clipped helpers of the first section, which cut text and fills on the CPU
// against the view (and the scrolling area): a scissor alone would leave vertices outside it.
//
// Index of this file:
// [SECTION] Clipped drawing
// [SECTION] Words
// [SECTION] Controls, title and facts (both views)
// [SECTION] Indicator: timeline, chart, table
// [SECTION] Action: summary band, body
// [SECTION] Public functions
#include "widgets/detail_pages.h"

#include "core/derived.h"
#include "widgets/indicator_tile.h"

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <functional>

namespace wb::widgets
{

namespace
{

//-----------------------------------------------------------------------------
// [SECTION] Clipped drawing
//-----------------------------------------------------------------------------

constexpr float kLineSpacing = 1.2f; // wrapped text: line height as a multiple of the text size

const ImU32 kControlFill = IM_COL32(58, 62, 70, 255);
const ImU32 kTargetColour = IM_COL32(64, 170, 230, 255); // the theme's "good" blue: where good lies
const ImU32 kComparatorColours[] = {IM_COL32(190, 150, 240, 255), IM_COL32(90, 200, 200, 255),
                                    IM_COL32(220, 160, 200, 255)};
const ImU32 kGrid = IM_COL32(255, 255, 255, 28);
const ImU32 kGapBand = IM_COL32(160, 164, 170, 40);

ImVec4 ClipOf(ImVec2 min, ImVec2 max)
{
    return ImVec4(min.x, min.y, max.x, max.y);
}

ImVec4 Intersect(const ImVec4& a, const ImVec4& b)
{
    ImVec4 r(std::max(a.x, b.x), std::max(a.y, b.y), std::min(a.z, b.z), std::min(a.w, b.w));
    r.z = std::max(r.z, r.x);
    r.w = std::max(r.w, r.y);
    return r;
}

bool Inside(ImVec2 min, ImVec2 max, const ImVec4& clip)
{
    return min.x >= clip.x && min.y >= clip.y && max.x <= clip.z && max.y <= clip.w;
}

float TextWidth(ImFont* font, float size, std::string_view text)
{
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

// Text cut glyph by glyph at `clip`. Nothing is drawn without a draw list (measuring passes).
void Text(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, ImU32 colour, std::string_view text,
          const ImVec4& clip)
{
    if (!draw || text.empty() || pos.y >= clip.w || pos.y + size <= clip.y || pos.x >= clip.z)
        return;
    draw->AddText(font, size, pos, colour, text.data(), text.data() + text.size(), 0.0f, &clip);
    if (Recording() && Inside(pos, ImVec2(pos.x + TextWidth(font, size, text), pos.y + size), clip))
        RecordText(font, size, pos, text, text);
}

// The longest prefix of `text` (at a UTF-8 boundary, line breaks as spaces) that fits `width` with "…"
// after it. One pass over the text: rows can name actions a thousand characters long.
std::string Ellipsised(ImFont* font, float size, float width, std::string_view text)
{
    std::string flat(text);
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    if (TextWidth(font, size, flat) <= width)
        return flat;
    const char* ellipsis = "…";
    const float room = width - TextWidth(font, size, ellipsis);
    const char* fits = flat.data();
    if (room > 0)
        font->CalcTextSizeA(size, room, 0.0f, flat.data(), flat.data() + flat.size(), &fits);
    std::string out(flat.c_str(), fits);
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out + ellipsis;
}

// One line from `pos` to `max_x`, cut with "…" when it does not fit.
void OneLine(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, float max_x, ImU32 colour,
             std::string_view text, const ImVec4& clip)
{
    if (draw && pos.y < clip.w && pos.y + size > clip.y)
        Text(draw, font, size, pos, colour, Ellipsised(font, size, max_x - pos.x, text), clip);
}

const char* NextChar(const char* s, const char* end)
{
    ++s;
    while (s < end && (static_cast<unsigned char>(*s) & 0xC0) == 0x80)
        ++s;
    return s;
}

// Whether every word of `text` fits `width`, so that wrapping never breaks one.
bool WordsFit(ImFont* font, float size, std::string_view text, float width)
{
    size_t start = 0;
    while (start < text.size())
    {
        size_t end = text.find_first_of(" \n", start);
        if (end == std::string_view::npos)
            end = text.size();
        if (TextWidth(font, size, text.substr(start, end - start)) > width)
            return false;
        start = end + 1;
    }
    return true;
}

// `text` wrapped to [pos.x, max_x], its own line breaks kept; at most `max_lines` lines when above
// zero, the last cut with "…". With `draw` null, only measures. Returns the height used.
float Wrapped(ImDrawList* draw, ImFont* font, float size, ImVec2 pos, float max_x, ImU32 colour,
              std::string_view text, const ImVec4& clip, int max_lines = 0)
{
    if (text.empty())
        return 0.0f;
    const float width = std::max(max_x - pos.x, size);
    const float line = size * kLineSpacing;
    const char* s = text.data();
    const char* const end = s + text.size();
    float y = pos.y;
    int lines = 0;
    while (true)
    {
        const char* paragraph_end =
            static_cast<const char*>(std::memchr(s, '\n', static_cast<size_t>(end - s)));
        if (!paragraph_end)
            paragraph_end = end;
        do
        {
            const char* wrap = s < paragraph_end ? font->CalcWordWrapPositionA(size / font->FontSize, s,
                                                                               paragraph_end, width)
                                                 : paragraph_end;
            if (wrap == s && s < paragraph_end)
                wrap = NextChar(s, paragraph_end);
            ++lines;
            if (max_lines > 0 && lines == max_lines && (wrap < paragraph_end || paragraph_end < end))
            {
                std::string rest(s, end);
                std::replace(rest.begin(), rest.end(), '\n', ' ');
                OneLine(draw, font, size, ImVec2(pos.x, y), max_x, colour, rest, clip);
                return y + line - pos.y;
            }
            Text(draw, font, size, ImVec2(pos.x, y), colour,
                 std::string_view(s, static_cast<size_t>(wrap - s)), clip);
            y += line;
            s = wrap;
            while (s < paragraph_end && (*s == ' ' || *s == '\t' || *s == '\r'))
                ++s;
        } while (s < paragraph_end);
        if (paragraph_end >= end)
            break;
        s = paragraph_end + 1;
    }
    return y - pos.y;
}

// A filled rectangle cut at `clip`; a cut one loses its rounding.
void Fill(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 colour, float rounding, const ImVec4& clip)
{
    if (!draw)
        return;
    const ImVec2 ca(std::max(a.x, clip.x), std::max(a.y, clip.y));
    const ImVec2 cb(std::min(b.x, clip.z), std::min(b.y, clip.w));
    if (ca.x >= cb.x || ca.y >= cb.y)
        return;
    const bool cut = ca.x > a.x || ca.y > a.y || cb.x < b.x || cb.y < b.y;
    draw->AddRectFilled(ca, cb, colour, cut ? 0.0f : rounding);
}

const RagLevel* LevelOf(const Snapshot& s, const std::string& code)
{
    const int rank = RagRank(s.rag_key, code);
    return rank < 0 ? nullptr : &s.rag_key[static_cast<size_t>(rank)];
}

// A RAG badge (the plan's colour and code) that can be cut by a scrolling area.
void Badge(ImDrawList* draw, const Theme& theme, ImVec2 a, ImVec2 b, const RagLevel* level,
           const ImVec4& clip)
{
    if (!draw)
        return;
    const ImU32 fill = level ? ColourFromHex(level->colour) : IM_COL32(90, 90, 96, 255);
    Fill(draw, a, b, fill, theme.em * 0.2f, clip);
    if (Inside(a, b, clip))
        RecordBadge(a, b);
    const float size = BadgeTextSize(theme, b.y - a.y);
    const std::string& code = CodeToFit(theme, level, size, b.x - a.x - theme.em * 0.5f);
    const ImVec2 text_size = theme.bold->CalcTextSizeA(size, FLT_MAX, 0.0f, code.c_str());
    const ImVec2 at((a.x + b.x - text_size.x) * 0.5f, (a.y + b.y - text_size.y) * 0.5f);
    if (at.y < clip.w && at.y + size > clip.y)
        draw->AddText(theme.bold, size, at, TextOn(fill), code.c_str(), nullptr, 0.0f, &clip);
    if (Inside(at, ImVec2(at.x + text_size.x, at.y + text_size.y), clip))
        RecordText(theme.bold, size, at, code, level ? level->code : code, TextRole::Code,
                   level ? level->short_code : std::string());
}

// A dashed horizontal line from x0 to x1.
void Dashed(ImDrawList* draw, float x0, float x1, float y, float dash, float gap, ImU32 colour,
            float thickness)
{
    for (float x = x0; x < x1; x += dash + gap)
        draw->AddLine(ImVec2(x, y), ImVec2(std::min(x + dash, x1), y), colour, thickness);
}

// A thin bar beside a scrolling area, from `top` to `bottom` at `x`, when there is more than fits.
void ScrollBar(ImDrawList* draw, const Theme& theme, float x, float top, float bottom, const DetailHits& hits,
               float scroll, const ImVec4& clip)
{
    const float track = bottom - top;
    if (!draw || hits.MaxScroll() <= 0 || track < theme.em)
        return;
    const float width = theme.em * 0.25f;
    Fill(draw, ImVec2(x, top), ImVec2(x + width, bottom), Faded(theme.dim_text, 0.25f), width * 0.5f, clip);
    const float thumb = std::max(theme.em, track * hits.view_height / hits.content_height);
    const float thumb_top = top + (track - thumb) * (scroll / hits.MaxScroll());
    Fill(draw, ImVec2(x, thumb_top), ImVec2(x + width, thumb_top + thumb), theme.dim_text, width * 0.5f,
         clip);
}

//-----------------------------------------------------------------------------
// [SECTION] Words
//-----------------------------------------------------------------------------

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

std::string Capitalised(std::string text)
{
    if (!text.empty())
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    return text;
}

std::string Lower(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
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

//-----------------------------------------------------------------------------
// [SECTION] Controls, title and facts (both views)
//-----------------------------------------------------------------------------

// A Back or Home control: an icon drawn as shapes (no glyph needed) with its word under it.
void Control(ImDrawList* draw, const Theme& theme, ImVec2 a, float side, bool home, const ImVec4& clip)
{
    const float em = theme.em;
    const ImVec2 b(a.x + side, a.y + side);
    Fill(draw, a, b, kControlFill, em * 0.3f, clip);
    if (!Inside(a, b, clip))
        return; // a view too small for its controls: the fill, cut, is all there is room for
    draw->AddRect(a, b, theme.dim_text, em * 0.3f, 0, std::max(1.0f, em * 0.06f));
    const float s = side * 0.36f;
    const float cx = a.x + side * 0.5f;
    const float cy = a.y + side * 0.38f;
    if (home)
    {
        draw->AddTriangleFilled(ImVec2(cx - s * 0.6f, cy - s * 0.02f), ImVec2(cx, cy - s * 0.52f),
                                ImVec2(cx + s * 0.6f, cy - s * 0.02f), theme.text);
        draw->AddRectFilled(ImVec2(cx - s * 0.4f, cy - s * 0.04f), ImVec2(cx + s * 0.4f, cy + s * 0.46f),
                            theme.text);
        draw->AddRectFilled(ImVec2(cx - s * 0.11f, cy + s * 0.14f), ImVec2(cx + s * 0.11f, cy + s * 0.46f),
                            kControlFill);
    }
    else
    {
        draw->AddTriangleFilled(ImVec2(cx - s * 0.6f, cy), ImVec2(cx - s * 0.05f, cy - s * 0.5f),
                                ImVec2(cx - s * 0.05f, cy + s * 0.5f), theme.text);
        draw->AddRectFilled(ImVec2(cx - s * 0.1f, cy - s * 0.16f), ImVec2(cx + s * 0.6f, cy + s * 0.16f),
                            theme.text);
    }
    const char* word = home ? "Home" : "Back";
    const float size = std::min(em * 0.8f, side * 0.24f);
    Text(draw, theme.body, size, ImVec2(cx - TextWidth(theme.body, size, word) * 0.5f, a.y + side * 0.68f),
         theme.text, word, clip);
}

// Back and Home at `at`, recorded in `hits`. Returns the x where the title may start.
float Controls(ImDrawList* draw, const Theme& theme, float px_per_mm, ImVec2 at, DetailHits& hits,
               const ImVec4& clip)
{
    const float side = DetailControlSize(theme, px_per_mm);
    const float gap = theme.em * 0.5f;
    hits.back_min = at;
    hits.back_max = ImVec2(at.x + side, at.y + side);
    hits.home_min = ImVec2(at.x + side + gap, at.y);
    hits.home_max = ImVec2(hits.home_min.x + side, at.y + side);
    Control(draw, theme, hits.back_min, side, false, clip);
    Control(draw, theme, hits.home_min, side, true, clip);
    return hits.home_max.x + theme.em;
}

// A title of up to two lines with a line of context under it. Returns the height used.
float TitleBlock(ImDrawList* draw, const Theme& theme, const std::string& title, float title_size,
                 const std::string& context, ImVec2 pos, float max_x, const ImVec4& clip)
{
    float h = Wrapped(draw, theme.bold, title_size, pos, max_x, theme.text, title, clip, 2);
    if (!context.empty())
    {
        h += theme.em * 0.1f;
        h += Wrapped(draw, theme.body, theme.em, ImVec2(pos.x, pos.y + h), max_x, theme.dim_text, context,
                     clip, 2);
    }
    return h;
}

struct Fact
{
    std::string label;
    std::string value;
    ImU32 colour = 0; // 0: the theme's text colour
};

// Label and value rows; a row that does not fit whole is left out. With `draw` null, only measures.
// Returns the height used.
float Facts(ImDrawList* draw, const Theme& theme, const std::vector<Fact>& facts, ImVec2 min, ImVec2 max,
            const ImVec4& clip)
{
    const float em = theme.em;
    const float label_width = std::min(em * 7.5f, (max.x - min.x) * 0.32f);
    float y = min.y;
    for (const Fact& fact : facts)
    {
        const float x = min.x + label_width;
        const float h =
            Wrapped(nullptr, theme.body, em, ImVec2(x, y), max.x, theme.text, fact.value, clip, 2);
        if (y + h > max.y)
            break;
        OneLine(draw, theme.body, em * 0.85f, ImVec2(min.x, y + em * 0.1f), x - em * 0.4f, theme.dim_text,
                fact.label, clip);
        Wrapped(draw, theme.body, em, ImVec2(x, y), max.x, fact.colour ? fact.colour : theme.text, fact.value,
                clip, 2);
        y += h + em * 0.3f;
    }
    return y - min.y;
}

// A tappable row naming an action: badge, id, its text on one line. Recorded in `hits` where visible.
// The badge and ref columns of a list of action rows, so that every code and ref shows whole.
struct RowColumns
{
    float badge = 0;
    float id = 0;
};

RowColumns ColumnsFor(const Theme& theme, const Snapshot& s, const std::vector<const Action*>& rows,
                      float row_height, float width)
{
    const float badge_height = std::min(row_height - theme.em * 0.4f, theme.em * 1.4f);
    std::vector<std::string_view> ids;
    for (const Action* a : rows)
        ids.emplace_back(a->id);
    return {BadgeColumnWidth(theme, s.rag_key, badge_height, theme.em * 3.5f),
            RefColumnWidth(theme, theme.em, ids, width * 0.3f)};
}

void ActionRow(ImDrawList* draw, const Theme& theme, const Snapshot& s, const Action& a, ImVec2 min,
               ImVec2 max, const RowColumns& columns, const ImVec4& clip, DetailHits& hits)
{
    if (!draw)
        return;
    const float em = theme.em;
    const float h = max.y - min.y;
    Fill(draw, min, max, theme.panel, em * 0.25f, clip);
    const float badge = std::min(h - em * 0.4f, em * 1.4f);
    const float by = min.y + (h - badge) * 0.5f;
    Badge(draw, theme, ImVec2(min.x + em * 0.3f, by), ImVec2(min.x + em * 0.3f + columns.badge, by + badge),
          LevelOf(s, a.rag), clip);
    const float id_x = min.x + em * 0.6f + columns.badge;
    const float id_width = columns.id; // one column for the ids of a list
    const float ty = min.y + (h - em) * 0.5f;
    if (Inside(ImVec2(id_x, ty), ImVec2(id_x + id_width, ty + em), clip))
        DrawRef(draw, theme, ImVec2(id_x, ty), id_width, em, theme.text, a.id);
    else
        OneLine(draw, theme.bold, em, ImVec2(id_x, ty), id_x + id_width, theme.text, a.id, clip);
    OneLine(draw, theme.body, em, ImVec2(id_x + id_width + em * 0.6f, ty), max.x - em * 0.4f, theme.text,
            ActionSummary(a), clip);
    const ImVec2 hit_min(std::max(min.x, clip.x), std::max(min.y, clip.y));
    const ImVec2 hit_max(std::min(max.x, clip.z), std::min(max.y, clip.w));
    if (hit_min.x < hit_max.x && hit_min.y < hit_max.y)
        hits.actions.push_back({hit_min, hit_max, a.id});
}

//-----------------------------------------------------------------------------
// [SECTION] Indicator: timeline, chart, table
//-----------------------------------------------------------------------------

// Every month from the first to the last of the history, with its entry if it has one: a month the
// history skips is a gap too.
struct Month
{
    Period period;
    const PeriodValue* entry = nullptr;
};

int MonthIndex(Period p)
{
    return p.year * 12 + (p.month - 1);
}

std::vector<Month> Timeline(const std::vector<PeriodValue>& history)
{
    std::vector<Month> months;
    if (history.empty())
        return months;
    const int first = MonthIndex(history.front().period);
    const int last = std::max(first, MonthIndex(history.back().period));
    const int count = std::min(last - first + 1, 600); // 50 years: a bad period never makes a huge table
    months.resize(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i)
        months[static_cast<size_t>(i)].period = Period{(first + i) / 12, (first + i) % 12 + 1};
    for (const PeriodValue& pv : history)
    {
        const int i = MonthIndex(pv.period) - first;
        if (i >= 0 && i < count)
            months[static_cast<size_t>(i)].entry = &pv; // a repeated month: the later entry wins
    }
    return months;
}

bool HasValue(const Month& m)
{
    return m.entry && m.entry->value;
}

bool IsPlaceholder(const Month& m)
{
    return m.entry && !m.entry->value && !m.entry->placeholder.empty();
}

// A step of 1, 2 or 5 times a power of ten giving about `ticks` intervals over `range`.
double NiceStep(double range, int ticks)
{
    const double raw = range / std::max(ticks, 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / magnitude;
    return (f < 1.5 ? 1.0 : f < 3.0 ? 2.0 : f < 7.0 ? 5.0 : 10.0) * magnitude;
}

struct LineLabel
{
    std::string text;
    ImU32 colour;
    float line_y;
    float top = 0;
};

void DrawChart(ImDrawList* draw, const Theme& theme, const Indicator& ind, const std::vector<Month>& months,
               ImVec2 min, ImVec2 max, const ImVec4& view_clip)
{
    const float em = theme.em;
    const ImVec4 clip = Intersect(view_clip, ClipOf(min, max));
    Fill(draw, min, max, theme.panel, em * 0.3f, clip);

    // Caption: which way is better, and the months shown.
    const float caption_size = em * 0.95f;
    std::string range_text;
    if (!months.empty())
        range_text = FormatShortPeriod(months.front().period) +
                     (months.size() > 1 ? " to " + FormatShortPeriod(months.back().period) : "");
    const float range_width = TextWidth(theme.body, em * 0.9f, range_text);
    Text(draw, theme.body, em * 0.9f, ImVec2(max.x - em * 0.6f - range_width, min.y + em * 0.45f),
         theme.dim_text, range_text, clip);
    OneLine(draw, theme.bold, caption_size, ImVec2(min.x + em * 0.6f, min.y + em * 0.4f),
            max.x - em * 1.6f - range_width, theme.text, PolarityInWords(ind.polarity), clip);

    if (ind.unit == Unit::Text)
    {
        // A measure in words is never charted as numbers: its latest words, large, and the table below.
        const Month* shown = nullptr;
        for (auto m = months.rbegin(); m != months.rend() && !shown; ++m)
            if (IsPlaceholder(*m))
                shown = &*m;
        float y = min.y + em * 2.2f;
        if (shown)
        {
            y += Wrapped(draw, theme.bold, em * 1.8f, ImVec2(min.x + em, y), max.x - em,
                         Faded(theme.text, theme.dim), shown->entry->placeholder, clip, 2);
            OneLine(draw, theme.body, em, ImVec2(min.x + em, y + em * 0.2f), max.x - em, theme.dim_text,
                    "in " + FormatShortPeriod(shown->period) +
                        " · measured in words: every month is in the table",
                    clip);
        }
        else
            Wrapped(draw, theme.bold, em * 1.1f, ImVec2(min.x + em, y), max.x - em, theme.dim_text,
                    "No figures yet: this measure is reported in words.", clip, 3);
        return;
    }
    double low = 1e300, high = -1e300;
    for (const Month& m : months)
        if (HasValue(m))
        {
            low = std::min(low, *m.entry->value);
            high = std::max(high, *m.entry->value);
        }
    if (low > high)
    {
        // Nothing to plot: say why, in the plan's words where it gave them.
        std::string why = "No figures yet.";
        for (auto m = months.rbegin(); m != months.rend(); ++m)
            if (IsPlaceholder(*m))
            {
                why = "No figures yet: " + m->entry->placeholder;
                break;
            }
        Wrapped(draw, theme.bold, em * 1.1f, ImVec2(min.x + em, (min.y + max.y) * 0.5f - em), max.x - em,
                theme.dim_text, why, clip, 3);
        return;
    }
    const bool has_target = ind.target.kind == TargetKind::Value;
    const double data_high = high;
    // The target in force month by month: a dated target steps.
    std::vector<double> target_of(months.size(), ind.target.value);
    if (has_target)
        for (size_t i = 0; i < months.size(); ++i)
        {
            target_of[i] = TargetFor(ind, months[i].period).value_or(ind.target.value);
            low = std::min(low, target_of[i]);
            high = std::max(high, target_of[i]);
        }
    for (const Comparator& c : ind.comparators)
    {
        low = std::min(low, c.value);
        high = std::max(high, c.value);
    }
    const bool non_negative = low >= 0;
    double spread = high - low;
    if (spread < 1e-9)
        spread = std::max(std::fabs(high) * 0.2, 1.0);
    low -= spread * 0.08;
    high += spread * 0.08;
    if (non_negative)
        low = std::max(low, 0.0);
    const int tick_count = std::clamp(static_cast<int>((max.y - min.y) / (em * 3.0f)), 2, 6);
    double step = NiceStep(high - low, tick_count);
    if (ind.unit == Unit::Count || ind.unit == Unit::Days)
        step = std::max(step, 1.0); // labels are whole numbers
    else
        step = std::max(step, 0.1);
    const double axis_low = std::floor(low / step) * step;
    double axis_high = std::ceil(high / step) * step;
    if (ind.unit == Unit::Percent && data_high <= 100.0 && high <= 100.0)
        axis_high = std::min(axis_high, 100.0);
    if (axis_high - axis_low < 1e-9)
        axis_high = axis_low + step;
    std::vector<double> ticks;
    for (int k = 0; k < 40; ++k)
    {
        const double t = axis_low + step * k;
        if (t > axis_high + step * 1e-6)
            break;
        ticks.push_back(t);
    }
    const float tick_size = em * 0.85f;
    float tick_width = 0;
    for (double t : ticks)
        tick_width = std::max(tick_width, TextWidth(theme.body, tick_size, FormatValue(t, ind.unit)));

    // Target and comparator lines are labelled at their right end, beside the plot.
    std::vector<LineLabel> labels;
    const float label_size = em * 0.85f;
    if (has_target)
        labels.push_back({"Target " + TargetInForceInWords(ind, months.back().period), kTargetColour, 0});
    for (size_t i = 0; i < ind.comparators.size(); ++i)
        labels.push_back({ind.comparators[i].name + " " + FormatValue(ind.comparators[i].value, ind.unit),
                          kComparatorColours[i % std::size(kComparatorColours)], 0});
    float label_width = 0;
    for (const LineLabel& l : labels)
        label_width = std::max(label_width, TextWidth(theme.bold, label_size, l.text));
    const float label_column =
        labels.empty() ? em * 0.8f : std::min(label_width + em * 1.0f, (max.x - min.x) * 0.35f);

    const float month_size = em * 0.85f;
    const ImVec2 plot_min(min.x + em * 0.6f + tick_width + em * 0.5f,
                          min.y + em * 0.4f + caption_size * kLineSpacing + em * 0.9f);
    const ImVec2 plot_max(max.x - label_column, max.y - em * 0.4f - month_size * kLineSpacing - em * 0.5f);
    if (plot_max.x - plot_min.x < em * 3.0f || plot_max.y - plot_min.y < em * 2.0f)
        return; // too small to read: the table below says it all
    const auto y_of = [&](double v)
    {
        return plot_max.y -
               static_cast<float>((v - axis_low) / (axis_high - axis_low)) * (plot_max.y - plot_min.y);
    };
    const size_t n = months.size();
    const float inset = em * 0.5f;
    const float step_x =
        n > 1 ? (plot_max.x - plot_min.x - 2 * inset) / static_cast<float>(n - 1) : plot_max.x - plot_min.x;
    const auto x_of = [&](size_t i) {
        return n > 1 ? plot_min.x + inset + step_x * static_cast<float>(i) : (plot_min.x + plot_max.x) * 0.5f;
    };

    // Axis: grid lines and value labels.
    for (double t : ticks)
    {
        const float y = y_of(t);
        if (!draw)
            break;
        draw->AddLine(ImVec2(plot_min.x, y), ImVec2(plot_max.x, y), kGrid, std::max(1.0f, em * 0.04f));
        const std::string label = FormatValue(t, ind.unit);
        Text(draw, theme.body, tick_size,
             ImVec2(plot_min.x - em * 0.5f - TextWidth(theme.body, tick_size, label), y - tick_size * 0.5f),
             theme.dim_text, label, clip);
    }

    // Where the target and comparator lines run, so that the words in a gap keep clear of them.
    {
        size_t k = 0;
        if (has_target)
            labels[k++].line_y = y_of(target_of.back());
        for (size_t i = 0; i < ind.comparators.size(); ++i, ++k)
            labels[k].line_y = y_of(ind.comparators[i].value);
    }
    const auto crosses_a_line = [&](float top, float bottom)
    {
        return std::any_of(labels.begin(), labels.end(),
                           [&](const LineLabel& l)
                           { return l.line_y >= top - em * 0.2f && l.line_y <= bottom + em * 0.2f; });
    };

    // Placeholder months: a band over the gap, with the plan's words in it where they fit unbroken.
    for (size_t i = 0; i < n;)
    {
        if (!IsPlaceholder(months[i]))
        {
            ++i;
            continue;
        }
        size_t j = i;
        while (j + 1 < n && IsPlaceholder(months[j + 1]) &&
               months[j + 1].entry->placeholder == months[i].entry->placeholder)
            ++j;
        const float half = n > 1 ? step_x * 0.5f : (plot_max.x - plot_min.x) * 0.5f;
        const ImVec2 band_min(std::max(plot_min.x, x_of(i) - half), plot_min.y);
        const ImVec2 band_max(std::min(plot_max.x, x_of(j) + half), plot_max.y);
        Fill(draw, band_min, band_max, kGapBand, 0.0f, clip);
        const std::string& words = months[i].entry->placeholder;
        const float text_x = band_min.x + em * 0.25f;
        const float text_max_x = band_max.x - em * 0.25f;
        for (const float size : {em * 0.75f, em * 0.62f})
        {
            if (!WordsFit(theme.body, size, words, text_max_x - text_x))
                continue;
            const float h = Wrapped(nullptr, theme.body, size, ImVec2(text_x, 0), text_max_x, theme.dim_text,
                                    words, clip, 4);
            float top = band_min.y + em * 0.25f;
            if (crosses_a_line(top, top + h) && !crosses_a_line(band_max.y - em * 0.25f - h, band_max.y))
                top = band_max.y - em * 0.25f - h;
            Wrapped(draw, theme.body, size, ImVec2(text_x, top), text_max_x, theme.dim_text, words,
                    Intersect(clip, ClipOf(band_min, band_max)), 4);
            break;
        }
        i = j + 1;
    }

    // Target (dashed) and comparators (dotted), labelled beside the plot, nudged apart.
    if (draw)
    {
        for (size_t k = 0; k < labels.size(); ++k)
        {
            const bool target = has_target && k == 0; // dashed; comparators dotted
            if (target && n > 1)
            {
                // Month by month, with a riser where a dated target changes.
                const float thickness = std::max(2.0f, em * 0.1f);
                for (size_t i = 0; i < n; ++i)
                {
                    const float x0 = i == 0 ? plot_min.x : x_of(i) - step_x * 0.5f;
                    const float x1 = i + 1 == n ? plot_max.x : x_of(i) + step_x * 0.5f;
                    const float ty = y_of(target_of[i]);
                    Dashed(draw, x0, x1, ty, em * 0.8f, em * 0.4f, labels[k].colour, thickness);
                    if (i + 1 < n && target_of[i + 1] != target_of[i])
                        draw->AddLine(ImVec2(x1, ty), ImVec2(x1, y_of(target_of[i + 1])), labels[k].colour,
                                      thickness);
                }
                continue;
            }
            Dashed(draw, plot_min.x, plot_max.x, labels[k].line_y, target ? em * 0.8f : em * 0.25f,
                   target ? em * 0.4f : em * 0.3f, labels[k].colour,
                   target ? std::max(2.0f, em * 0.1f) : std::max(1.5f, em * 0.08f));
        }
        std::sort(labels.begin(), labels.end(),
                  [](const LineLabel& a, const LineLabel& b) { return a.line_y < b.line_y; });
        const float label_height = label_size * 1.1f;
        const float top_limit = plot_min.y - em * 0.5f;
        const float bottom_limit = plot_max.y + em * 0.5f;
        float previous_bottom = top_limit;
        for (LineLabel& l : labels)
        {
            l.top = std::max(l.line_y - label_height * 0.5f, previous_bottom);
            previous_bottom = l.top + label_height;
        }
        float limit = bottom_limit;
        for (auto l = labels.rbegin(); l != labels.rend(); ++l)
        {
            l->top = std::min(l->top, limit - label_height);
            limit = l->top;
        }
        for (const LineLabel& l : labels)
            OneLine(draw, theme.bold, label_size, ImVec2(plot_max.x + em * 0.4f, l.top), max.x - em * 0.3f,
                    l.colour, l.text, clip);
    }

    // The series: a line through the months with figures, broken at every gap, and a point on each.
    if (draw)
    {
        const ImU32 colour = Faded(theme.text, theme.dim);
        ImVec2 previous{};
        bool have_previous = false;
        size_t newest = n;
        for (size_t i = 0; i < n; ++i)
        {
            if (!HasValue(months[i]))
            {
                have_previous = false;
                continue;
            }
            const ImVec2 point(x_of(i), y_of(*months[i].entry->value));
            if (have_previous)
                draw->AddLine(previous, point, colour, std::max(2.0f, em * 0.12f));
            previous = point;
            have_previous = true;
            newest = i;
        }
        for (size_t i = 0; i < n; ++i)
            if (HasValue(months[i]))
                draw->AddCircleFilled(ImVec2(x_of(i), y_of(*months[i].entry->value)),
                                      i == newest ? em * 0.28f : em * 0.18f, colour);
    }

    // Month labels, thinned to fit, always including the newest.
    float month_width = 0;
    for (const Month& m : months)
        month_width = std::max(month_width, TextWidth(theme.body, month_size, FormatShortPeriod(m.period)));
    const size_t every =
        n > 1 ? static_cast<size_t>(std::ceil((month_width + em * 0.8f) / std::max(step_x, 1.0f))) : 1;
    const float label_y = plot_max.y + em * 0.5f; // below the lowest value label
    for (size_t i = n; i-- > 0;)
    {
        if ((n - 1 - i) % std::max<size_t>(every, 1) != 0)
            continue;
        const std::string text = FormatShortPeriod(months[i].period);
        const float w = TextWidth(theme.body, month_size, text);
        const float x = std::clamp(x_of(i) - w * 0.5f, min.x + em * 0.3f, max.x - em * 0.3f - w);
        Text(draw, theme.body, month_size, ImVec2(x, label_y), theme.dim_text, text, clip);
    }
}

// One row of the month-by-month table. With `draw` null, only measures. Returns its height.
float TableRow(ImDrawList* draw, const Theme& theme, const Indicator& ind, const Month& m, bool shaded,
               ImVec2 min, float max_x, float month_width, const ImVec4& clip)
{
    const float em = theme.em;
    const float pad = em * 0.25f;
    const float value_x = min.x + month_width;
    float text_height = em * 1.05f;
    std::string value;
    if (HasValue(m))
        value = FormatValue(*m.entry->value, ind.unit);
    else
    {
        value = IsPlaceholder(m) ? m.entry->placeholder : "No figure";
        text_height = Wrapped(nullptr, theme.body, em * 0.9f, ImVec2(value_x, 0), max_x - em * 0.4f,
                              theme.dim_text, value, clip, 2);
    }
    const float h = std::max(em * 1.5f, text_height + pad * 2);
    if (!draw)
        return h;
    if (shaded)
        Fill(draw, min, ImVec2(max_x, min.y + h), theme.panel, 0.0f, clip);
    Text(draw, theme.body, em, ImVec2(min.x + em * 0.4f, min.y + pad), theme.text,
         FormatShortPeriod(m.period), clip);
    if (HasValue(m))
        Text(draw, theme.bold, em * 1.05f, ImVec2(value_x, min.y + pad), Faded(theme.text, theme.dim), value,
             clip);
    else
        Wrapped(draw, theme.body, em * 0.9f, ImVec2(value_x, min.y + pad + em * 0.05f), max_x - em * 0.4f,
                theme.dim_text, value, clip, 2);
    return h;
}

// The table's content height: every month's row.
float TableHeight(const Theme& theme, const Indicator& ind, const std::vector<Month>& months, float x,
                  float max_x, float month_width)
{
    if (months.empty())
        return theme.em * 1.5f;
    float height = 0;
    const ImVec4 none(0, 0, 0, 0);
    for (const Month& m : months)
        height += TableRow(nullptr, theme, ind, m, false, ImVec2(x, 0), max_x, month_width, none);
    return height;
}

// The actions that mention an indicator, as rows to tap (a few; the rest named). With `draw` null,
// only measures. Returns the height used, with the gap after it.
float Mentions(ImDrawList* draw, const Theme& theme, const Snapshot& snapshot,
               const std::vector<const Action*>& mentioned_by, ImVec2 min, float max_x, const ImVec4& clip,
               DetailHits& hits)
{
    const float em = theme.em;
    const float heading_size = em * 1.05f;
    float y = min.y;
    OneLine(draw, theme.bold, heading_size, ImVec2(min.x, y), max_x, theme.text, "Actions that mention it",
            clip);
    y += heading_size * 1.35f;
    if (mentioned_by.empty())
        y += Wrapped(draw, theme.body, em, ImVec2(min.x, y), max_x, theme.dim_text,
                     "No action mentions this indicator.", clip, 2);
    else
    {
        const size_t most = 4;
        const size_t shown = mentioned_by.size() > most ? most - 1 : mentioned_by.size();
        const RowColumns columns = ColumnsFor(
            theme, snapshot, std::vector<const Action*>(mentioned_by.begin(), mentioned_by.begin() + shown),
            em * 1.9f, max_x - min.x);
        for (size_t i = 0; i < shown; ++i)
        {
            ActionRow(draw, theme, snapshot, *mentioned_by[i], ImVec2(min.x, y), ImVec2(max_x, y + em * 1.9f),
                      columns, clip, hits);
            y += em * 2.2f;
        }
        if (shown < mentioned_by.size())
        {
            std::string rest;
            for (size_t i = shown; i < mentioned_by.size(); ++i)
                rest += (rest.empty() ? "" : ", ") + mentioned_by[i]->id;
            y += Wrapped(draw, theme.body, em * 0.9f, ImVec2(min.x, y), max_x, theme.dim_text, "Also " + rest,
                         clip, 2);
        }
    }
    return y + em * 0.8f - min.y;
}

//-----------------------------------------------------------------------------
// [SECTION] Action: summary band, body
//-----------------------------------------------------------------------------

struct DueWords
{
    std::string when;   // "31 Mar 2023", "Immediate", "Ongoing", "No due date"
    std::string status; // "17 days overdue", "Due in 12 days", "Rated done, so not overdue"
    bool overdue = false;
    std::string printed;    // the plan's own words, when they say more than `when`
    std::string milestones; // "passed: 31 Aug 2019 · then 31 Dec 2019", for a due naming several dates
};

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

// The facts that stay in view: rating with the plan's definition, due, lead, inspection refs. Laid out
// across in `columns` (4 or 2). With `draw` null, only measures. Returns the height used.
float SummaryBand(ImDrawList* draw, const Theme& theme, const Snapshot& s, const Action& a, Date today,
                  int columns, ImVec2 min, float max_x, const ImVec4& clip)
{
    const float em = theme.em;
    const float pad = em * 0.6f;
    const float gap = em * 0.8f;
    const float inner_width = max_x - min.x - pad * 2;
    const float weights4[] = {0.3f, 0.24f, 0.24f, 0.22f};
    const float label_size = em * 0.85f;
    const float label_height = label_size * kLineSpacing + em * 0.1f;
    const RagLevel* level = LevelOf(s, a.rag);
    const DueWords due = DescribeDue(a, s, today);

    // Each cell draws (or measures) itself at a position and width and returns its height.
    const auto rating = [&](ImDrawList* d, ImVec2 at, float w)
    {
        const float badge = em * 2.0f;
        const float badge_width = BadgeWidth(theme, level, badge, w * 0.5f);
        float y = at.y + label_height;
        Badge(d, theme, ImVec2(at.x, y), ImVec2(at.x + badge_width, y + badge), level, clip);
        const std::string label = level ? level->label : "Not rated";
        Wrapped(d, theme.bold, em * 1.1f, ImVec2(at.x + badge_width + em * 0.5f, y + em * 0.1f), at.x + w,
                theme.text, label, clip, 2);
        y += badge + em * 0.3f;
        const std::string definition = level ? level->definition : "The plan gives this row no rating.";
        y += Wrapped(d, theme.body, em * 0.95f, ImVec2(at.x, y), at.x + w,
                     level ? theme.text : theme.dim_text, definition, clip, 3);
        return y - at.y;
    };
    const auto due_cell = [&](ImDrawList* d, ImVec2 at, float w)
    {
        float y = at.y + label_height;
        y += Wrapped(d, theme.bold, em * 1.15f, ImVec2(at.x, y), at.x + w, theme.text, due.when, clip, 2);
        if (!due.status.empty())
            y += Wrapped(d, theme.bold, em, ImVec2(at.x, y), at.x + w, due.overdue ? theme.bad : theme.text,
                         due.status, clip, 2);
        if (!due.milestones.empty())
            y += Wrapped(d, theme.body, em * 0.9f, ImVec2(at.x, y), at.x + w, theme.text, due.milestones,
                         clip, 2);
        if (!due.printed.empty())
            y += Wrapped(d, theme.body, em * 0.9f, ImVec2(at.x, y), at.x + w, theme.dim_text, due.printed,
                         clip, 3);
        return y - at.y;
    };
    const auto lead = [&](ImDrawList* d, ImVec2 at, float w)
    {
        const float y = at.y + label_height;
        return label_height + Wrapped(d, theme.body, em * 1.05f, ImVec2(at.x, y), at.x + w,
                                      a.lead.empty() ? theme.dim_text : theme.text,
                                      a.lead.empty() ? "No lead named" : a.lead, clip, 3);
    };
    const auto inspection = [&](ImDrawList* d, ImVec2 at, float w)
    {
        std::string refs;
        for (const std::string& r : a.inspection_refs)
            refs += (refs.empty() ? "" : "; ") + r;
        float y = at.y + label_height;
        y += Wrapped(d, theme.body, em, ImVec2(at.x, y), at.x + w, refs.empty() ? theme.dim_text : theme.text,
                     refs.empty() ? "None given" : refs, clip, 3);
        if (a.priority_action)
            y += Wrapped(d, theme.bold, em * 0.95f, ImVec2(at.x, y + em * 0.1f), at.x + w, theme.bad,
                         "Answers an inspection priority action", clip, 2) +
                 em * 0.1f;
        return y - at.y;
    };
    struct Cell
    {
        const char* label;
        std::function<float(ImDrawList*, ImVec2, float)> body;
    };
    const Cell cells[] = {
        {"Rating", rating}, {"Due", due_cell}, {"Lead", lead}, {"Inspection refs", inspection}};

    // Measure each row of cells, then draw on one panel.
    const int rows = 4 / columns;
    std::vector<float> row_heights(static_cast<size_t>(rows), 0.0f);
    std::vector<ImVec2> at(4);
    std::vector<float> widths(4);
    float y = min.y + pad;
    for (int r = 0; r < rows; ++r)
    {
        float x = min.x + pad;
        for (int c = 0; c < columns; ++c)
        {
            const int i = r * columns + c;
            const float w = columns == 4 ? (inner_width - gap * 3) * weights4[i] : (inner_width - gap) * 0.5f;
            at[static_cast<size_t>(i)] = ImVec2(x, y);
            widths[static_cast<size_t>(i)] = w;
            row_heights[static_cast<size_t>(r)] =
                std::max(row_heights[static_cast<size_t>(r)], cells[i].body(nullptr, ImVec2(x, y), w));
            x += w + gap;
        }
        y += row_heights[static_cast<size_t>(r)] + (r + 1 < rows ? em * 0.8f : 0.0f);
    }
    const float height = y + pad - min.y;
    if (draw)
    {
        Fill(draw, min, ImVec2(max_x, min.y + height), theme.panel, em * 0.3f, clip);
        for (size_t i = 0; i < 4; ++i)
        {
            OneLine(draw, theme.body, label_size, at[i], at[i].x + widths[i], theme.dim_text, cells[i].label,
                    clip);
            cells[i].body(draw, at[i], widths[i]);
        }
    }
    return height;
}

// The evidence notes, newest first; undated ones after the dated, in the plan's order.
std::vector<const EvidenceNote*> NotesNewestFirst(const Action& a)
{
    std::vector<const EvidenceNote*> notes;
    for (const EvidenceNote& note : a.evidence)
        notes.push_back(&note);
    std::stable_sort(notes.begin(), notes.end(),
                     [](const EvidenceNote* x, const EvidenceNote* y)
                     {
                         if (x->date && y->date)
                             return *x->date > *y->date;
                         return x->date.has_value() && !y->date.has_value();
                     });
    return notes;
}

// The scrolling body of an action: outcome, full text, evidence, the ref's other rows; in two columns
// on a wide view. `origin` is the content's top left with the scroll applied. With `draw` null, only
// measures. Returns the content's height.
float ActionBody(ImDrawList* draw, const Theme& theme, const Snapshot& s, const Action& a, bool two_columns,
                 ImVec2 origin, float max_x, const ImVec4& clip, DetailHits& hits)
{
    const float em = theme.em;
    const float heading_size = em * 1.05f;
    const float column_gap = em * 1.5f;
    const float column_width = two_columns ? (max_x - origin.x - column_gap) * 0.5f : max_x - origin.x;
    const auto heading = [&](float x, float& y, const std::string& text, float right)
    {
        OneLine(draw, theme.bold, heading_size, ImVec2(x, y), right, theme.text, text, clip);
        y += heading_size * 1.35f;
    };
    const auto section =
        [&](float x, float& y, const std::string& title, const std::string& text, float right)
    {
        heading(x, y, title, right);
        const bool empty = text.empty();
        y += Wrapped(draw, theme.body, em, ImVec2(x, y), right, empty ? theme.dim_text : theme.text,
                     empty ? "Not given" : text, clip);
        y += em * 0.9f;
    };
    const auto evidence = [&](float x, float& y, float right)
    {
        const std::vector<const EvidenceNote*> notes = NotesNewestFirst(a);
        heading(x, y,
                "Evidence of progress" + (notes.empty()
                                              ? std::string()
                                              : " (" + std::to_string(notes.size()) +
                                                    (notes.size() == 1 ? " note)" : " notes, newest first)")),
                right);
        if (notes.empty())
        {
            y += Wrapped(draw, theme.body, em, ImVec2(x, y), right, theme.dim_text,
                         "No evidence of progress recorded yet.", clip);
            y += em * 0.9f;
            return;
        }
        for (size_t i = 0; i < notes.size(); ++i)
        {
            const EvidenceNote& note = *notes[i];
            Text(draw, theme.bold, em * 0.95f, ImVec2(x, y), note.date ? theme.text : theme.dim_text,
                 note.date ? FormatLongDate(*note.date) : "Undated", clip);
            y += em * 0.95f * 1.3f;
            y += Wrapped(draw, theme.body, em, ImVec2(x, y), right, theme.text, note.text, clip);
            if (i + 1 < notes.size())
            {
                y += em * 0.4f;
                Fill(draw, ImVec2(x, y), ImVec2(right, y + std::max(1.0f, em * 0.05f)),
                     Faded(theme.dim_text, 0.5f), 0.0f, clip);
                y += em * 0.5f;
            }
        }
        y += em * 0.9f;
    };
    const auto siblings = [&](float x, float& y, float right)
    {
        std::vector<const Action*> others;
        for (const Action& other : s.actions)
            if (other.ref == a.ref && other.id != a.id)
                others.push_back(&other);
        if (others.empty())
            return;
        heading(x, y, "Other rows of ref " + a.ref, right);
        const RowColumns columns = ColumnsFor(theme, s, others, em * 2.0f, right - x);
        for (const Action* other : others)
        {
            ActionRow(draw, theme, s, *other, ImVec2(x, y), ImVec2(right, y + em * 2.0f), columns, clip,
                      hits);
            y += em * 2.3f;
        }
        y += em * 0.6f;
    };

    float y = origin.y;
    if (two_columns)
    {
        const float left_right = origin.x + column_width;
        section(origin.x, y, "Desired outcome", a.outcome, left_right);
        section(origin.x, y, "Actions", a.text, left_right);
        if (!a.measure.empty())
            section(origin.x, y, "How we will measure", a.measure, left_right);
        siblings(origin.x, y, left_right);
        float y2 = origin.y;
        evidence(left_right + column_gap, y2, max_x);
        y = std::max(y, y2);
    }
    else
    {
        section(origin.x, y, "Desired outcome", a.outcome, max_x);
        section(origin.x, y, "Actions", a.text, max_x);
        if (!a.measure.empty())
            section(origin.x, y, "How we will measure", a.measure, max_x);
        evidence(origin.x, y, max_x);
        siblings(origin.x, y, max_x);
    }
    return y - origin.y;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Public functions
//-----------------------------------------------------------------------------

DetailTap HitTestDetail(const DetailHits& hits, ImVec2 p)
{
    const auto in = [&](ImVec2 min, ImVec2 max)
    { return p.x >= min.x && p.x < max.x && p.y >= min.y && p.y < max.y; };
    if (in(hits.back_min, hits.back_max))
        return {DetailTapKind::Back, {}};
    if (in(hits.home_min, hits.home_max))
        return {DetailTapKind::Home, {}};
    for (const ActionHit& hit : hits.actions)
        if (in(hit.min, hit.max))
            return {DetailTapKind::Action, hit.action_id};
    return {};
}

float DetailControlSize(const Theme& theme, float px_per_mm)
{
    return std::max(12.0f * px_per_mm, 2.5f * theme.em);
}

std::string DescribeBasis(MeasureBasis basis)
{
    return WordsFor(basis).name;
}

std::vector<const Action*> ActionsMentioning(const Snapshot& snapshot, const Indicator& indicator)
{
    const std::string name = Lower(indicator.name);
    const std::string id = Lower(indicator.id);
    const auto names = [&](std::string_view text)
    {
        const std::string lower = Lower(text);
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

// What both detail views start with: the background, a clip to the view, Back and Home at the top left.
struct DetailFrame
{
    ImVec4 clip;
    ImVec2 inner_min, inner_max;
    float title_x; // where the title may start, right of the controls
};

DetailFrame BeginDetail(ImDrawList* draw, const Theme& theme, float px_per_mm, ImVec2 min, ImVec2 max,
                        DetailHits& hits)
{
    const float pad = theme.em * 0.6f;
    DetailFrame frame;
    frame.clip = ClipOf(min, max);
    draw->PushClipRect(min, max, true);
    Fill(draw, min, max, theme.background, 0.0f, frame.clip);
    frame.inner_min = ImVec2(min.x + pad, min.y + pad);
    frame.inner_max = ImVec2(max.x - pad, max.y - pad);
    frame.title_x = Controls(draw, theme, px_per_mm, frame.inner_min, hits, frame.clip);
    return frame;
}

DetailHits DrawDetailControls(ImDrawList* draw, const Theme& theme, float px_per_mm, ImVec2 at)
{
    DetailHits hits;
    Controls(draw, theme, px_per_mm, at, hits, ImVec4(-FLT_MAX, -FLT_MAX, FLT_MAX, FLT_MAX));
    return hits;
}

DetailHits DrawIndicatorDetail(ImDrawList* draw, const Theme& theme, const Snapshot& snapshot,
                               const Indicator& ind, const std::vector<PeriodValue>& history,
                               const std::vector<const Action*>& mentioned_by, float px_per_mm, float scroll,
                               ImVec2 min, ImVec2 max)
{
    DetailHits hits;
    const DetailFrame frame = BeginDetail(draw, theme, px_per_mm, min, max, hits);
    const float em = theme.em;
    const ImVec4 clip = frame.clip;
    const ImVec2 inner_min = frame.inner_min;
    const ImVec2 inner_max = frame.inner_max;

    // Top: Back, Home, the indicator's name and where it sits in the plan.
    const float title_x = frame.title_x;
    std::string context = "Indicator " + ind.id;
    if (ind.is_new)
        context += " · NEW";
    if (ind.rolling_12m_flag)
        context += " · R12M";
    if (!ind.mtfp.empty())
        context += " · " + ind.mtfp;
    if (!ind.section.empty())
        context += " · " + ind.section;
    const float title_height = TitleBlock(draw, theme, ind.name, em * 1.3f, context,
                                          ImVec2(title_x, inner_min.y), inner_max.x, clip);
    const float body_top =
        inner_min.y + std::max(DetailControlSize(theme, px_per_mm), title_height) + em * 0.8f;
    const ImVec2 body_min(inner_min.x, body_top);
    const ImVec2 body_max = inner_max;
    const float body_width = body_max.x - body_min.x;
    const float body_height = body_max.y - body_min.y;

    // The facts in words.
    const std::vector<Month> months = Timeline(history.empty() ? ind.series : history);
    std::vector<Fact> facts;
    {
        const PeriodValue* latest = nullptr;
        for (auto m = months.rbegin(); m != months.rend() && !latest; ++m)
            if (HasValue(*m))
                latest = m->entry;
        const Month* newest = months.empty() ? nullptr : &months.back();
        if (newest && IsPlaceholder(*newest))
            facts.push_back({"Latest", FormatShortPeriod(newest->period) + ": " + newest->entry->placeholder,
                             theme.dim_text});
        else if (latest)
        {
            std::string text = FormatValue(*latest->value, ind.unit) +
                               (ind.unit == Unit::RatePer10k ? " per 10,000" : "") + " in " +
                               FormatShortPeriod(latest->period);
            ImU32 colour = Faded(theme.text, theme.dim);
            const TargetStatus status = StatusAgainstTarget(ind);
            if (const std::string words = TargetStatusWords(status); !words.empty())
                text += " · " + Lower(words);
            if (status == TargetStatus::Met)
                colour = Faded(theme.good, theme.dim);
            else if (status == TargetStatus::Missed)
                colour = Faded(theme.bad, theme.dim);
            facts.push_back({"Latest", text, colour});
        }
        else
            facts.push_back({"Latest", "No figures yet", theme.dim_text});
        facts.push_back(
            {"Measured", Capitalised(DescribeBasis(ind.basis)) + ": " + BasisExplained(ind.basis)});
        facts.push_back({"Unit", UnitInWords(ind.unit)});
        facts.push_back({"Better", PolarityInWords(ind.polarity)});
        facts.push_back({"Target", TargetInWords(ind)});
        std::string comparators;
        for (const Comparator& c : ind.comparators)
            comparators += (comparators.empty() ? "" : " · ") + c.name + " " + FormatValue(c.value, ind.unit);
        facts.push_back({"Compared with", comparators.empty() ? "No comparator given" : comparators,
                         comparators.empty() ? theme.dim_text : 0u});
        facts.push_back({"MTFP",
                         ind.mtfp.empty() ? "Not linked to the financial plan"
                                          : ind.mtfp + ": linked to the medium-term financial plan",
                         ind.mtfp.empty() ? theme.dim_text : 0u});
        std::string flags;
        if (ind.is_new)
            flags = "NEW: a new indicator";
        if (ind.rolling_12m_flag)
            flags += (flags.empty() ? "" : " · ") + std::string("R12M: rolling 12 months");
        if (!flags.empty())
            facts.push_back({"Flags", flags});
    }

    // Where the parts go: on a wide view the chart and facts on the left, the actions and the table on
    // the right; on a tall one, one above the other, the chart taking what the table leaves (up to half).
    const bool wide = body_width >= em * 48.0f && body_width > body_height * 1.2f;
    const float heading_size = em * 1.05f;
    const float month_width = TextWidth(theme.body, em, "Mar-23") + em * 1.4f;
    ImVec2 chart_min, chart_max, facts_min, facts_max, side_min, side_max;
    if (wide)
    {
        const float left = body_width * 0.6f;
        const float facts_height =
            Facts(nullptr, theme, facts, ImVec2(0, 0), ImVec2(left, FLT_MAX), ImVec4(0, 0, left, FLT_MAX));
        const float chart_height =
            std::max(body_height - facts_height - em, std::min(body_height, em * 12.0f));
        chart_min = body_min;
        chart_max = ImVec2(body_min.x + left, body_min.y + chart_height);
        facts_min = ImVec2(body_min.x, chart_max.y + em);
        facts_max = ImVec2(chart_max.x, body_max.y);
        side_min = ImVec2(chart_max.x + em * 1.2f, body_min.y);
        side_max = body_max;
    }
    else
    {
        const float facts_height = Facts(nullptr, theme, facts, ImVec2(0, 0), ImVec2(body_width, FLT_MAX),
                                         ImVec4(0, 0, body_width, FLT_MAX));
        DetailHits unused;
        const float side_height =
            Mentions(nullptr, theme, snapshot, mentioned_by, body_min, body_max.x, clip, unused) +
            heading_size * 1.35f + TableHeight(theme, ind, months, body_min.x, body_max.x, month_width);
        const float least = std::clamp(body_height * 0.32f, std::min(body_height, em * 10.0f), em * 18.0f);
        const float chart_height = std::clamp(body_height - facts_height - side_height - em * 2.0f, least,
                                              std::max(least, body_height * 0.5f));
        chart_min = body_min;
        chart_max = ImVec2(body_max.x, body_min.y + chart_height);
        facts_min = ImVec2(body_min.x, chart_max.y + em);
        facts_max = ImVec2(body_max.x, std::min(body_max.y, facts_min.y + facts_height));
        side_min = ImVec2(body_min.x, facts_max.y + em * 0.6f);
        side_max = body_max;
    }
    DrawChart(draw, theme, ind, months, chart_min, chart_max, clip);
    Facts(draw, theme, facts, facts_min, facts_max, clip);

    // The actions that mention it, then the months, newest first: the part that scrolls.
    const ImVec4 side_clip = Intersect(clip, ClipOf(side_min, side_max));
    float y =
        side_min.y + Mentions(draw, theme, snapshot, mentioned_by, side_min, side_max.x, side_clip, hits);
    OneLine(draw, theme.bold, heading_size, ImVec2(side_min.x, y), side_max.x, theme.text,
            "Month by month, newest first", side_clip);
    y += heading_size * 1.35f;
    const ImVec2 table_min(side_min.x, std::min(y, side_max.y));
    const ImVec4 table_clip = Intersect(side_clip, ClipOf(table_min, side_max));
    hits.content_height = TableHeight(theme, ind, months, side_min.x, side_max.x, month_width);
    hits.view_height = side_max.y - table_min.y;
    scroll = std::clamp(scroll, 0.0f, hits.MaxScroll());
    draw->PushClipRect(ImVec2(table_clip.x, table_clip.y), ImVec2(table_clip.z, table_clip.w), true);
    float row_y = table_min.y - scroll;
    if (months.empty())
        Text(draw, theme.body, em, ImVec2(side_min.x, row_y), theme.dim_text, "No months reported.",
             table_clip);
    for (size_t k = 0; k < months.size(); ++k)
    {
        const Month& m = months[months.size() - 1 - k];
        const float h = TableRow(nullptr, theme, ind, m, false, ImVec2(side_min.x, row_y), side_max.x,
                                 month_width, table_clip);
        if (row_y + h > table_clip.y && row_y < table_clip.w)
            TableRow(draw, theme, ind, m, k % 2 == 0, ImVec2(side_min.x, row_y), side_max.x, month_width,
                     table_clip);
        row_y += h;
    }
    draw->PopClipRect();
    ScrollBar(draw, theme, inner_max.x + em * 0.2f, table_min.y, side_max.y, hits, scroll, clip);
    draw->PopClipRect();
    return hits;
}

DetailHits DrawActionDetail(ImDrawList* draw, const Theme& theme, const Snapshot& snapshot, const Action& a,
                            Date today, float px_per_mm, float scroll, ImVec2 min, ImVec2 max)
{
    DetailHits hits;
    const DetailFrame frame = BeginDetail(draw, theme, px_per_mm, min, max, hits);
    const float em = theme.em;
    const ImVec4 clip = frame.clip;
    const ImVec2 inner_min = frame.inner_min;
    const ImVec2 inner_max = frame.inner_max;

    // Top: Back, Home, the row's id and priority, and the priority-action flag at the right.
    const float title_x = frame.title_x;
    float title_max_x = inner_max.x;
    if (a.priority_action)
    {
        const char* flag = "PRIORITY ACTION";
        const float size = em * 0.95f;
        const float width = TextWidth(theme.bold, size, flag) + em * 0.8f;
        const ImVec2 flag_min(inner_max.x - width, inner_min.y);
        Fill(draw, flag_min, ImVec2(inner_max.x, inner_min.y + em * 1.6f), theme.bad, em * 0.2f, clip);
        Text(draw, theme.bold, size, ImVec2(flag_min.x + em * 0.4f, inner_min.y + (em * 1.6f - size) * 0.5f),
             TextOn(theme.bad), flag, clip);
        title_max_x = flag_min.x - em * 0.6f;
    }
    std::string context = a.ref != a.id ? "Ref " + a.ref + " · " : "";
    context += "Priority " + a.priority;
    for (const Priority& p : snapshot.priorities)
        if (p.id == a.priority)
            context += ": " + p.title;
    const float title_height = TitleBlock(draw, theme, "Action " + a.id, em * 1.4f, context,
                                          ImVec2(title_x, inner_min.y), title_max_x, clip);
    float y = inner_min.y + std::max(DetailControlSize(theme, px_per_mm), title_height) + em * 0.8f;

    // The facts that stay in view.
    const float width = inner_max.x - inner_min.x;
    const int columns = width >= em * 60.0f ? 4 : 2;
    y += SummaryBand(draw, theme, snapshot, a, today, columns, ImVec2(inner_min.x, y), inner_max.x, clip);
    y += em * 0.9f;

    // The body, which scrolls.
    const ImVec2 body_min(inner_min.x, std::min(y, inner_max.y));
    const ImVec4 body_clip = Intersect(clip, ClipOf(body_min, inner_max));
    const bool two_columns = width >= em * 60.0f;
    DetailHits unused;
    hits.content_height =
        ActionBody(nullptr, theme, snapshot, a, two_columns, body_min, inner_max.x, body_clip, unused);
    hits.view_height = inner_max.y - body_min.y;
    scroll = std::clamp(scroll, 0.0f, hits.MaxScroll());
    draw->PushClipRect(ImVec2(body_clip.x, body_clip.y), ImVec2(body_clip.z, body_clip.w), true);
    ActionBody(draw, theme, snapshot, a, two_columns, ImVec2(body_min.x, body_min.y - scroll), inner_max.x,
               body_clip, hits);
    draw->PopClipRect();
    ScrollBar(draw, theme, inner_max.x + em * 0.2f, body_min.y, inner_max.y, hits, scroll, clip);
    draw->PopClipRect();
    return hits;
}

} // namespace wb::widgets
