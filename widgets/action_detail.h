// The action detail view of the touch drill-down: one action row in full.
#pragma once

#include "core/model.h"
#include "widgets/detail_common.h"
#include "widgets/theme.h"

namespace wb::widgets
{

// An action row in full: ref and priority, the priority-action flag, its rating with the plan's own
// definition, the due date with days overdue or left as of `today`, lead, inspection refs (these stay
// in view), then the desired outcome, the full action text, the evidence-of-progress notes newest first
// and the other rows sharing its ref as tappable rows, which `scroll` (pixels) moves.
DetailHits DrawActionDetail(ImDrawList* draw, const Theme& theme, const Snapshot& snapshot,
                            const Action& action, Date today, float px_per_mm, float scroll, ImVec2 min,
                            ImVec2 max);

} // namespace wb::widgets
