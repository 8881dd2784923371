// The indicator detail view of the touch drill-down: one indicator with the whole history the cache holds.
#pragma once

#include "core/model.h"
#include "widgets/detail_common.h"
#include "widgets/theme.h"

#include <vector>

namespace wb::widgets
{

// An indicator in full: a chart of `history` (oldest first; the cache may hold more than the snapshot's
// series, which is used when `history` is empty) with its target and comparator lines labelled and
// placeholders shown as gaps with their text; the measure basis, unit, polarity, target, comparators,
// MTFP link and flags in words; the actions in `mentioned_by` as tappable rows; and every month's value
// in a table, newest first, which `scroll` (pixels) moves.
DetailHits DrawIndicatorDetail(ImDrawList* draw, const Theme& theme, const Snapshot& snapshot,
                               const Indicator& indicator, const std::vector<PeriodValue>& history,
                               const std::vector<const Action*>& mentioned_by, float px_per_mm, float scroll,
                               ImVec2 min, ImVec2 max);

} // namespace wb::widgets
