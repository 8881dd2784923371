// What the widget benchmarks share: the Plymouth demo plan built from its CSV (demo_plan.h), and an ImGui
// context with no GL and the board's fonts at the size a 1920x1080 screen gets.
#pragma once

#include "bench/demo_plan.h"
#include "widgets/null_imgui.h"
