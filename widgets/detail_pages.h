// The two detail views of the touch drill-down (issue 5), for those who use both: one indicator with the
// whole history the cache holds (indicator_detail.h), and one action row in full (action_detail.h), with
// what they share (detail_common.h: hits, Back and Home) and the words they say (core/wording.h). Each view
// has a large Back and Home control at its top left and one area that scrolls, clipped on the CPU so that
// nothing drawn ever leaves the rectangle.
#pragma once

#include "core/wording.h"
#include "widgets/action_detail.h"
#include "widgets/detail_common.h"
#include "widgets/indicator_detail.h"
