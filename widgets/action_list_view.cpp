// List views and ref entries.
#include "widgets/action_list_view.h"

#include "widgets/indicator_tile.h"

#include <algorithm>
#include <cfloat>
#include <string>

namespace wb::widgets
{
namespace
{

constexpr float kLine = 1.5f;       // a list line, in em
constexpr float kSecondLine = 1.4f; // the due-and-lead line of a two-line entry, in em
constexpr float kBadgeHeight = 1.3f;
constexpr float kBadgeMost = 3.5f;

// One line of a list: badge, id, text, due and days, the days flush right.
void DrawLine(ImDrawList* draw, const Theme& theme, const Snapshot& s, const std::string& rag,
              const std::string& id, const std::string& text, const std::string& due, const DueAction* days,
              float badge_x, float ref_x, float ref_width, float y, float max_x)
{
    const float em = theme.em;
    const int rank = RagRank(s.rag_key, rag); // (LevelOf moves to core in another change)
    DrawRagBadge(draw, theme, ImVec2(badge_x, y), ImVec2(ref_x - em * 0.5f, y + em * kBadgeHeight),
                 rank < 0 ? nullptr : &s.rag_key[static_cast<size_t>(rank)]);
    DrawRef(draw, theme, ImVec2(ref_x, y + em * 0.1f), ref_width, em, theme.text, id);
    float right = max_x;
    if (days && days->dated)
    {
        const std::string words = DaysOverdueInWords(days->days_overdue);
        const float width = TextWidth(theme.bold, em, words);
        DrawText(draw, theme.bold, em, ImVec2(max_x - width, y + em * 0.1f),
                 days->days_overdue > 0 ? theme.bad : theme.text, words);
        right = max_x - width - em * 0.8f;
    }
    const float text_x = ref_x + ref_width + em * 0.5f;
    float due_width = 0;
    if (!due.empty())
    {
        due_width = std::min(TextWidth(theme.body, em, due), (right - text_x) * 0.35f);
        DrawClippedText(draw, theme.body, em, ImVec2(right - due_width, y + em * 0.1f),
                        ImVec2(right + em * 0.2f, y + em * 1.2f), theme.dim_text, due);
    }
    DrawClippedText(draw, theme.body, em, ImVec2(text_x, y + em * 0.1f),
                    ImVec2(right - due_width - em, y + em * 1.2f), theme.text, text);
}

std::string WithLead(const Action& a)
{
    return ActionSummary(a) + (a.lead.empty() ? "" : " — " + a.lead);
}

} // namespace

RefColumns ColumnsForRefs(const Theme& theme, const Snapshot& snapshot, const std::vector<DueRef>& refs,
                          size_t first, size_t last, float most_ref)
{
    std::vector<std::string_view> ids;
    for (size_t i = first; i < last && i < refs.size(); ++i)
    {
        ids.emplace_back(refs[i].ref);
        for (const DueAction& row : refs[i].rows)
            ids.emplace_back(row.action->id);
    }
    RefColumns columns;
    columns.badge = BadgeColumnWidth(theme, snapshot.rag_key, theme.em * kBadgeHeight, theme.em * kBadgeMost);
    columns.ref = RefColumnWidth(theme, theme.em, ids, most_ref);
    return columns;
}

float RefEntryHeight(const Theme& theme, const DueRef& ref, bool two_lines, bool rows_under)
{
    // A ref of several rows keeps to one line of its own: its rows under it say their dues.
    if (ref.rows.size() == 1)
        return theme.em * (two_lines ? kLine + kSecondLine : kLine);
    return rows_under ? theme.em * kLine * static_cast<float>(ref.rows.size() + 1) : theme.em * kLine;
}

float DrawRefEntry(ImDrawList* draw, Hits& hits, const Theme& theme, const Snapshot& s, const DueRef& ref,
                   Date today, const RefColumns& columns, ImVec2 min, float max_x, bool two_lines,
                   bool rows_under)
{
    const float em = theme.em;
    const float ref_x = min.x + columns.badge + em * 0.5f;
    float y = min.y;
    const bool one = ref.rows.size() == 1;
    const Action& first = *ref.rows.front().action;
    // The ref's own line: for one row, that row as it always read; else the ref rolled up.
    const DueAction summary{&first, ref.days_overdue, ref.dated};
    const std::string id = one ? first.id : ref.ref;
    const std::string text =
        one ? WithLead(first) : std::to_string(ref.rows.size()) + " rows · " + ActionSummary(first);
    const std::string due = one && !two_lines ? DueInWords(first.due, s.plan, today, DueForm::Compact) : "";
    DrawLine(draw, theme, s, ref.rag, id, text, due, &summary, min.x, ref_x, columns.ref, y, max_x);
    float line_end = y + em * kLine;
    if (two_lines && one)
    {
        const std::string second = "Due " + DueInWords(first.due, s.plan, today, DueForm::Full) + " · " +
                                   (first.lead.empty() ? "no lead named" : first.lead);
        DrawClippedText(draw, theme.body, em, ImVec2(ref_x + columns.ref + em * 0.5f, y + em * kLine),
                        ImVec2(max_x, y + em * (kLine + 1.1f)), theme.dim_text, second);
        line_end += em * kSecondLine;
    }
    hits.push_back({min, ImVec2(max_x, line_end), HitKind::Action, id});
    y = line_end;
    if (one || !rows_under)
        return y - min.y;
    // The rows under the ref, indented by an em so the ref reads as their heading.
    for (const DueAction& row : ref.rows)
    {
        const Action& a = *row.action;
        DrawLine(draw, theme, s, a.rag, a.id, WithLead(a), DueInWords(a.due, s.plan, today, DueForm::Compact),
                 &row, min.x + em, ref_x + em, columns.ref, y, max_x);
        hits.push_back({ImVec2(min.x + em, y), ImVec2(max_x, y + em * kLine), HitKind::Action, a.id});
        y += em * kLine;
    }
    return y - min.y;
}

ListViewHits DrawListView(ImDrawList* draw, const Theme& theme, const BoardView& view, const ListView& list,
                          float px_per_mm, float scroll, ImVec2 min, ImVec2 max)
{
    const Snapshot& s = *view.snapshot;
    const float em = theme.em;
    ListViewHits hits;
    draw->AddRectFilled(min, max, theme.background);
    hits.controls = DrawDetailControls(draw, theme, px_per_mm, ImVec2(min.x + em, min.y + em));
    const float title_x = hits.controls.home_max.x + em;
    const float controls_mid = (hits.controls.back_min.y + hits.controls.back_max.y) * 0.5f;
    DrawClippedText(draw, theme.bold, em * 1.4f, ImVec2(title_x, controls_mid - em * 0.8f),
                    ImVec2(max.x - em, controls_mid + em * 0.8f), theme.text, list.title);
    const ImVec2 area_min(min.x + em, hits.controls.back_max.y + em);
    // The foot keeps a line for how many entries are out of sight.
    const ImVec2 area_max(max.x - em, max.y - em * 1.8f);
    hits.controls.view_height = area_max.y - area_min.y;
    if (list.refs.empty() && list.indicators.empty())
    {
        DrawWrappedText(draw, theme.bold, em * 1.2f, area_min, area_max, theme.text, list.empty_words, 3);
        return hits;
    }
    const bool two_lines = area_max.x - area_min.x < em * 55.0f;
    float y = area_min.y - scroll;
    size_t above = 0, below = 0;
    const auto visible = [&](float height)
    {
        above += y < area_min.y - 0.5f ? 1 : 0;
        below += y + height > area_max.y + 0.5f ? 1 : 0;
        return y >= area_min.y - 0.5f && y + height <= area_max.y + 0.5f;
    };
    if (!list.refs.empty())
    {
        const RefColumns columns =
            ColumnsForRefs(theme, s, list.refs, 0, list.refs.size(), (area_max.x - area_min.x) * 0.25f);
        for (const DueRef& ref : list.refs)
        {
            const float height = RefEntryHeight(theme, ref, two_lines);
            if (visible(height))
                DrawRefEntry(draw, hits.rows, theme, s, ref, view.today, columns, ImVec2(area_min.x, y),
                             area_max.x, two_lines);
            y += height + em * 0.3f;
        }
    }
    for (const Indicator* ind : list.indicators)
    {
        const float height = em * kLine;
        if (visible(height))
        {
            const PeriodValue* latest = LatestValue(*ind);
            std::string figures;
            if (latest && latest->value)
                figures = FormatValue(*latest->value, ind->unit) + " against " +
                          TargetInForceInWords(*ind, latest->period) + " · " +
                          FormatShortPeriod(latest->period);
            const float figures_width =
                std::min(TextWidth(theme.bold, em, figures), (area_max.x - area_min.x) * 0.45f);
            DrawClippedText(draw, theme.bold, em, ImVec2(area_max.x - figures_width, y),
                            ImVec2(area_max.x + em * 0.1f, y + em * 1.2f), Faded(theme.bad, theme.dim),
                            figures);
            DrawClippedText(draw, theme.body, em, ImVec2(area_min.x, y),
                            ImVec2(area_max.x - figures_width - em, y + em * 1.2f), theme.text,
                            ind->id + ". " + ind->name);
            hits.rows.push_back(
                {ImVec2(area_min.x, y), ImVec2(area_max.x, y + height), HitKind::Indicator, ind->id});
        }
        y += height;
    }
    hits.controls.content_height = y + scroll - area_min.y;
    if (above + below > 0)
    {
        std::string out_of_sight = below > 0 ? std::to_string(below) + " more below" : "";
        if (above > 0)
            out_of_sight += (out_of_sight.empty() ? "" : " · ") + std::to_string(above) + " above";
        DrawClippedText(draw, theme.body, em, ImVec2(area_min.x, max.y - em * 1.5f),
                        ImVec2(area_max.x, max.y), theme.dim_text,
                        out_of_sight + ": drag the list to see them");
    }
    return hits;
}

ListViewHits DrawProblemView(ImDrawList* draw, const Theme& theme, std::string_view message, float px_per_mm,
                             ImVec2 min, ImVec2 max)
{
    const float em = theme.em;
    ListViewHits hits;
    draw->AddRectFilled(min, max, theme.background);
    hits.controls = DrawDetailControls(draw, theme, px_per_mm, ImVec2(min.x + em, min.y + em));
    DrawWrappedText(draw, theme.bold, em * 1.4f, ImVec2(min.x + em, hits.controls.back_max.y + em * 1.5f),
                    ImVec2(max.x - em, max.y), theme.text, message, 4);
    return hits;
}

} // namespace wb::widgets
