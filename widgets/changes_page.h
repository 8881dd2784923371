// The "What changed since" page for the monthly improvement board: actions whose rating changed, actions
// newly overdue, indicators that crossed their target, and those that moved most (core/changes.h).
// Draws into a rectangle through the draw list only; holds no state. The caller draws the status strip.
#pragma once

#include "core/changes.h"
#include "core/model.h"
#include "widgets/pages.h"
#include "widgets/theme.h"

#include <string>

namespace wb::widgets
{

// Draws the page in [min, max]: its own title ("What changed since 17 Mar 2023"), then the four lists,
// in two columns when the page is wider than 60 em and one otherwise. `after` is the snapshot `changes`
// points into (its RAG key gives the badges' colours and letters). `since_label` is how the comparison
// point reads: "17 Mar 2023", "the previous snapshot". A list longer than fits ends "and N more".
// With `hits`, each row drawn opens its action or indicator (a newly overdue ref of several rows: its rows).
void DrawChangesPage(ImDrawList* draw, const Theme& theme, const Snapshot& after, const Changes& changes,
                     const std::string& since_label, ImVec2 min, ImVec2 max, Hits* hits = nullptr);

} // namespace wb::widgets
