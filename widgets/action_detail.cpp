// The action detail view: ref and priority, the facts that stay in view (rating, due, lead, inspection
// refs), and a body that scrolls: outcome, action text, evidence newest first, the ref's other rows.
#include "widgets/action_detail.h"

#include "widgets/detail_common.h"

#include <algorithm>
#include <functional>

namespace wb::widgets
{

namespace
{

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
        DrawRagBadge(d, theme, ImVec2(at.x, y), ImVec2(at.x + badge_width, y + badge), level, &clip);
        const std::string label = level ? level->label : "Not rated";
        WrapText(d, theme.bold, em * 1.1f, ImVec2(at.x + badge_width + em * 0.5f, y + em * 0.1f), at.x + w,
                 theme.text, label, {clip, 2});
        y += badge + em * 0.3f;
        const std::string definition = level ? level->definition : "The plan gives this row no rating.";
        y += WrapText(d, theme.body, em * 0.95f, ImVec2(at.x, y), at.x + w,
                      level ? theme.text : theme.dim_text, definition, {clip, 3});
        return y - at.y;
    };
    const auto due_cell = [&](ImDrawList* d, ImVec2 at, float w)
    {
        float y = at.y + label_height;
        y += WrapText(d, theme.bold, em * 1.15f, ImVec2(at.x, y), at.x + w, theme.text, due.when, {clip, 2});
        if (!due.status.empty())
            y += WrapText(d, theme.bold, em, ImVec2(at.x, y), at.x + w, due.overdue ? theme.bad : theme.text,
                          due.status, {clip, 2});
        if (!due.milestones.empty())
            y += WrapText(d, theme.body, em * 0.9f, ImVec2(at.x, y), at.x + w, theme.text, due.milestones,
                          {clip, 2});
        if (!due.printed.empty())
            y += WrapText(d, theme.body, em * 0.9f, ImVec2(at.x, y), at.x + w, theme.dim_text, due.printed,
                          {clip, 3});
        return y - at.y;
    };
    const auto lead = [&](ImDrawList* d, ImVec2 at, float w)
    {
        const float y = at.y + label_height;
        return label_height + WrapText(d, theme.body, em * 1.05f, ImVec2(at.x, y), at.x + w,
                                       a.lead.empty() ? theme.dim_text : theme.text,
                                       a.lead.empty() ? "No lead named" : a.lead, {clip, 3});
    };
    const auto inspection = [&](ImDrawList* d, ImVec2 at, float w)
    {
        std::string refs;
        for (const std::string& r : a.inspection_refs)
            refs += (refs.empty() ? "" : "; ") + r;
        float y = at.y + label_height;
        y +=
            WrapText(d, theme.body, em, ImVec2(at.x, y), at.x + w, refs.empty() ? theme.dim_text : theme.text,
                     refs.empty() ? "None given" : refs, {clip, 3});
        if (a.priority_action)
            y += WrapText(d, theme.bold, em * 0.95f, ImVec2(at.x, y + em * 0.1f), at.x + w, theme.bad,
                          "Answers an inspection priority action", {clip, 2}) +
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
        FillClipped(draw, min, ImVec2(max_x, min.y + height), theme.panel, em * 0.3f, clip);
        for (size_t i = 0; i < 4; ++i)
        {
            DrawOneLine(draw, theme.body, label_size, at[i], at[i].x + widths[i], theme.dim_text,
                        cells[i].label, clip);
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
        DrawOneLine(draw, theme.bold, heading_size, ImVec2(x, y), right, theme.text, text, clip);
        y += heading_size * 1.35f;
    };
    const auto section =
        [&](float x, float& y, const std::string& title, const std::string& text, float right)
    {
        heading(x, y, title, right);
        const bool empty = text.empty();
        y += WrapText(draw, theme.body, em, ImVec2(x, y), right, empty ? theme.dim_text : theme.text,
                      empty ? "Not given" : text, {clip});
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
            y += WrapText(draw, theme.body, em, ImVec2(x, y), right, theme.dim_text,
                          "No evidence of progress recorded yet.", {clip});
            y += em * 0.9f;
            return;
        }
        for (size_t i = 0; i < notes.size(); ++i)
        {
            const EvidenceNote& note = *notes[i];
            DrawText(draw, theme.bold, em * 0.95f, ImVec2(x, y), note.date ? theme.text : theme.dim_text,
                     note.date ? FormatLongDate(*note.date) : "Undated", clip);
            y += em * 0.95f * 1.3f;
            y += WrapText(draw, theme.body, em, ImVec2(x, y), right, theme.text, note.text, {clip});
            if (i + 1 < notes.size())
            {
                y += em * 0.4f;
                FillClipped(draw, ImVec2(x, y), ImVec2(right, y + std::max(1.0f, em * 0.05f)),
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

DetailHits DrawActionDetail(ImDrawList* draw, const Theme& theme, const Snapshot& snapshot, const Action& a,
                            Date today, float px_per_mm, float scroll, ImVec2 min, ImVec2 max)
{
    DetailHits hits;
    const auto [clip, inner_min, inner_max, title_x] = BeginDetail(draw, theme, px_per_mm, min, max, hits);
    const float em = theme.em;

    // Top: Back, Home, the row's id and priority, and the priority-action flag at the right.
    float title_max_x = inner_max.x;
    if (a.priority_action)
    {
        const char* flag = "PRIORITY ACTION";
        const float size = em * 0.95f;
        const float width = TextWidth(theme.bold, size, flag) + em * 0.8f;
        const ImVec2 flag_min(inner_max.x - width, inner_min.y);
        FillClipped(draw, flag_min, ImVec2(inner_max.x, inner_min.y + em * 1.6f), theme.bad, em * 0.2f, clip);
        DrawText(draw, theme.bold, size,
                 ImVec2(flag_min.x + em * 0.4f, inner_min.y + (em * 1.6f - size) * 0.5f), TextOn(theme.bad),
                 flag, clip);
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
