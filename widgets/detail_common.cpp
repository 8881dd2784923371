// What both detail views share: the Back and Home controls, the title block, the facts, the rows naming
// actions, the scroll bar, and the frame each view starts with.
#include "widgets/detail_common.h"

#include <algorithm>

namespace wb::widgets
{

namespace
{

const ImU32 kControlFill = IM_COL32(58, 62, 70, 255);

// A Back or Home control: an icon drawn as shapes (no glyph needed) with its word under it.
void Control(ImDrawList* draw, const Theme& theme, ImVec2 a, float side, bool home, const ImVec4& clip)
{
    const float em = theme.em;
    const ImVec2 b(a.x + side, a.y + side);
    FillClipped(draw, a, b, kControlFill, em * 0.3f, clip);
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
    DrawText(draw, theme.body, size,
             ImVec2(cx - TextWidth(theme.body, size, word) * 0.5f, a.y + side * 0.68f), theme.text, word,
             clip);
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

} // namespace

// A title of up to two lines with a line of context under it. Returns the height used.
float TitleBlock(ImDrawList* draw, const Theme& theme, const std::string& title, float title_size,
                 const std::string& context, ImVec2 pos, float max_x, const ImVec4& clip)
{
    float h = WrapText(draw, theme.bold, title_size, pos, max_x, theme.text, title, {clip, 2});
    if (!context.empty())
    {
        h += theme.em * 0.1f;
        h += WrapText(draw, theme.body, theme.em, ImVec2(pos.x, pos.y + h), max_x, theme.dim_text, context,
                      {clip, 2});
    }
    return h;
}

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
            WrapText(nullptr, theme.body, em, ImVec2(x, y), max.x, theme.text, fact.value, {clip, 2});
        if (y + h > max.y)
            break;
        DrawOneLine(draw, theme.body, em * 0.85f, ImVec2(min.x, y + em * 0.1f), x - em * 0.4f, theme.dim_text,
                    fact.label, clip);
        WrapText(draw, theme.body, em, ImVec2(x, y), max.x, fact.colour ? fact.colour : theme.text,
                 fact.value, {clip, 2});
        y += h + em * 0.3f;
    }
    return y - min.y;
}

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

// A tappable row naming an action: badge, id, its text on one line. Recorded in `hits` where visible.
void ActionRow(ImDrawList* draw, const Theme& theme, const Snapshot& s, const Action& a, ImVec2 min,
               ImVec2 max, const RowColumns& columns, const ImVec4& clip, DetailHits& hits)
{
    if (!draw)
        return;
    const float em = theme.em;
    const float h = max.y - min.y;
    FillClipped(draw, min, max, theme.panel, em * 0.25f, clip);
    const float badge = std::min(h - em * 0.4f, em * 1.4f);
    const float by = min.y + (h - badge) * 0.5f;
    DrawRagBadge(draw, theme, ImVec2(min.x + em * 0.3f, by),
                 ImVec2(min.x + em * 0.3f + columns.badge, by + badge), LevelOf(s, a.rag), &clip);
    const float id_x = min.x + em * 0.6f + columns.badge;
    const float id_width = columns.id; // one column for the ids of a list
    const float ty = min.y + (h - em) * 0.5f;
    if (Inside(ImVec2(id_x, ty), ImVec2(id_x + id_width, ty + em), clip))
        DrawRef(draw, theme, ImVec2(id_x, ty), id_width, em, theme.text, a.id);
    else
        DrawOneLine(draw, theme.bold, em, ImVec2(id_x, ty), id_x + id_width, theme.text, a.id, clip);
    DrawOneLine(draw, theme.body, em, ImVec2(id_x + id_width + em * 0.6f, ty), max.x - em * 0.4f, theme.text,
                ActionSummary(a), clip);
    const ImVec2 hit_min(std::max(min.x, clip.x), std::max(min.y, clip.y));
    const ImVec2 hit_max(std::min(max.x, clip.z), std::min(max.y, clip.w));
    if (hit_min.x < hit_max.x && hit_min.y < hit_max.y)
        hits.actions.push_back({hit_min, hit_max, a.id});
}

// A thin bar beside a scrolling area, from `top` to `bottom` at `x`, when there is more than fits.
void ScrollBar(ImDrawList* draw, const Theme& theme, float x, float top, float bottom, const DetailHits& hits,
               float scroll, const ImVec4& clip)
{
    const float track = bottom - top;
    if (!draw || hits.MaxScroll() <= 0 || track < theme.em)
        return;
    const float width = theme.em * 0.25f;
    FillClipped(draw, ImVec2(x, top), ImVec2(x + width, bottom), Faded(theme.dim_text, 0.25f), width * 0.5f,
                clip);
    const float thumb = std::max(theme.em, track * hits.view_height / hits.content_height);
    const float thumb_top = top + (track - thumb) * (scroll / hits.MaxScroll());
    FillClipped(draw, ImVec2(x, thumb_top), ImVec2(x + width, thumb_top + thumb), theme.dim_text,
                width * 0.5f, clip);
}

DetailFrame BeginDetail(ImDrawList* draw, const Theme& theme, float px_per_mm, ImVec2 min, ImVec2 max,
                        DetailHits& hits)
{
    const float pad = theme.em * 0.6f;
    DetailFrame frame;
    frame.clip = ClipOf(min, max);
    draw->PushClipRect(min, max, true);
    FillClipped(draw, min, max, theme.background, 0.0f, frame.clip);
    frame.inner_min = ImVec2(min.x + pad, min.y + pad);
    frame.inner_max = ImVec2(max.x - pad, max.y - pad);
    frame.title_x = Controls(draw, theme, px_per_mm, frame.inner_min, hits, frame.clip);
    return frame;
}

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

DetailHits DrawDetailControls(ImDrawList* draw, const Theme& theme, float px_per_mm, ImVec2 at)
{
    DetailHits hits;
    Controls(draw, theme, px_per_mm, at, hits, ImVec4(-FLT_MAX, -FLT_MAX, FLT_MAX, FLT_MAX));
    return hits;
}

} // namespace wb::widgets
