// The chart of an indicator's history, for its detail view, and the month-by-month timeline that the
// chart and the detail's table both read.
#pragma once

#include "core/model.h"
#include "widgets/theme.h"

#include <vector>

namespace wb::widgets
{

// Every month from the first to the last of the history, with its entry if it has one: a month the
// history skips is a gap too.
struct Month
{
    Period period;
    const PeriodValue* entry = nullptr;
};

// The months of `history` (oldest first), gaps included; at most 50 years.
std::vector<Month> Timeline(const std::vector<PeriodValue>& history);

bool HasValue(const Month& m);
bool IsPlaceholder(const Month& m);

// The chart in [min, max], cut at `view_clip`: which way is better and the months shown as a caption; the
// series as a line broken at every gap; the target (dashed, stepped where dated) and comparators (dotted)
// labelled beside the plot; placeholder months as bands with the plan's words. A measure in words shows
// its latest words instead. With `draw` null, nothing is drawn.
void DrawChart(ImDrawList* draw, const Theme& theme, const Indicator& ind, const std::vector<Month>& months,
               ImVec2 min, ImVec2 max, const ImVec4& view_clip);

} // namespace wb::widgets
