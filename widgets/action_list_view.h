// The list views every number opens (issue 10): action refs with their rows under them ("3 overdue" on a
// priority, "and 6 more", a parent ref), or indicators ("and 15 more off target"). Also the one way a ref
// and its rows are drawn as list rows, shared by the team pages' list and the Overdue page. Draw-list
// only: a list and a rectangle in, Back/Home and the rows a tap can open out; nothing is stored.
#pragma once

#include "core/board_view.h"
#include "widgets/detail_pages.h"
#include "widgets/pages.h"

#include <string_view>
#include <vector>

namespace wb::widgets
{

// The columns a list of refs lines up on.
struct RefColumns
{
    float badge = 0; // the RAG badge's width
    float ref = 0;   // the ref column's width
};
RefColumns ColumnsForRefs(const Theme& theme, const Snapshot& snapshot, const std::vector<DueRef>& refs,
                          size_t first, size_t last, float most_ref);

// The height a ref's entry takes: one line for one row ("as today"), else a line for the ref and one per
// row under it. `two_lines`: each entry's first line has a second for its due and lead (narrow screens).
// `rows_under` false: the ref's line alone, where a list has no room for its rows (a tap shows them).
float RefEntryHeight(const Theme& theme, const DueRef& ref, bool two_lines, bool rows_under = true);

// Draws `ref` from `min` across to `max_x`: the rolled-up rating, the ref, what the action is, its due
// and days overdue; for a ref of several rows, the rows under it. Adds a hit per line: a row opens its
// action, the ref's own line opens the parent ref ("action:3.3", its rows). Returns the height used.
float DrawRefEntry(ImDrawList* draw, Hits& hits, const Theme& theme, const Snapshot& snapshot,
                   const DueRef& ref, Date today, const RefColumns& columns, ImVec2 min, float max_x,
                   bool two_lines, bool rows_under = true);

// What a list view drew: Back and Home and the scroll (as detail views), and the rows a tap opens.
struct ListViewHits
{
    DetailHits controls;
    Hits rows;
};

// A list view in [min, max]: Back and Home, the list's title, then its entries, moved up by `scroll`
// pixels. An entry is drawn whole or not at all. Empty lists say so in the list's own words.
ListViewHits DrawListView(ImDrawList* draw, const Theme& theme, const BoardView& view, const ListView& list,
                          float px_per_mm, float scroll, ImVec2 min, ImVec2 max);

// A page that says what is wrong with the view asked for ("This plan has no action 9.9."), with Back and
// Home, in place of a view that cannot be shown.
ListViewHits DrawProblemView(ImDrawList* draw, const Theme& theme, std::string_view message, float px_per_mm,
                             ImVec2 min, ImVec2 max);

} // namespace wb::widgets
