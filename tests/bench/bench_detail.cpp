// Benchmark, not a test: CPU to build one frame of the drill-down's detail views with ImGui only (no GL),
// on the Plymouth demo plan at 1920x1080. The first frame of each indicator's and each action's detail
// (max and median over all of them), and frames while scrolling the action with the most evidence text
// and a made-up one with forty notes (target < 4 ms per frame).
#include "bench_support.h"
#include "core/snapshot.h"
#include "widgets/detail_pages.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <utility>
#include <vector>

namespace
{

// CPU of one frame: NewFrame, draw, Render.
double FrameMs(const std::function<void(ImDrawList*)>& draw)
{
    ImGui::NewFrame();
    const auto start = std::chrono::steady_clock::now();
    draw(ImGui::GetBackgroundDrawList());
    ImGui::Render();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

struct Spread
{
    double median = 0, max = 0;
};

Spread SpreadOf(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return {samples[samples.size() / 2], samples.back()};
}

size_t EvidenceChars(const wb::Action& a)
{
    size_t n = 0;
    for (const wb::EvidenceNote& note : a.evidence)
        n += note.text.size();
    return n;
}

} // namespace

int main()
{
    const auto plan = wb::bench::DemoPlan();
    if (!plan)
        return 1;
    const wb::Snapshot& s = *plan;
    wb::test::NullImGui imgui(1920, 1080, false);
    const wb::widgets::Theme& theme = imgui.theme;

    const ImVec2 min(0, 0), max(1920, 1080);
    const float px_per_mm = 2.0f; // a 43" 1080p TV

    // The first frame of each view, as when someone taps a tile. Finding the actions that mention an
    // indicator is the caller's, once per tap, and is counted in.
    std::vector<double> indicator_ms;
    for (const wb::Indicator& ind : s.indicators)
        indicator_ms.push_back(FrameMs(
            [&](ImDrawList* draw)
            {
                wb::widgets::DrawIndicatorDetail(draw, theme, s, ind, ind.series,
                                                 wb::ActionsMentioning(s, ind), px_per_mm, 0, min, max);
            }));
    std::vector<double> action_ms;
    for (const wb::Action& a : s.actions)
        action_ms.push_back(FrameMs(
            [&](ImDrawList* draw)
            { wb::widgets::DrawActionDetail(draw, theme, s, a, s.plan.as_of, px_per_mm, 0, min, max); }));

    const Spread ind = SpreadOf(indicator_ms);
    const Spread act = SpreadOf(action_ms);
    std::printf("bench_detail (ImGui only, no GL, 1920x1080, Plymouth demo):\n");
    std::printf("  indicator detail, first frame: median %.3f ms, max %.3f ms (%zu indicators)\n", ind.median,
                ind.max, indicator_ms.size());
    std::printf("  action detail, first frame:    median %.3f ms, max %.3f ms (%zu actions)\n", act.median,
                act.max, action_ms.size());

    // Scrolling, a few pixels a frame to the end and back: the demo action with the longest evidence
    // (most text), and a made-up row with forty notes, far more than any plan row has.
    const wb::Action& longest = *std::max_element(s.actions.begin(), s.actions.end(),
                                                  [](const wb::Action& a, const wb::Action& b)
                                                  { return EvidenceChars(a) < EvidenceChars(b); });
    wb::Snapshot stress = s;
    wb::Action many = longest;
    many.id = "9.9";
    for (int i = 0; i < 40; ++i)
        many.evidence.push_back(longest.evidence.front());
    stress.actions.push_back(many);
    for (const auto& [snapshot, action] :
         {std::pair<const wb::Snapshot*, const wb::Action*>{&s, &longest}, {&stress, &stress.actions.back()}})
    {
        wb::widgets::DetailHits hits;
        FrameMs(
            [&](ImDrawList* draw)
            {
                hits = wb::widgets::DrawActionDetail(draw, theme, *snapshot, *action, s.plan.as_of, px_per_mm,
                                                     0, min, max);
            });
        std::vector<double> scroll_ms;
        for (int i = 0; i < 400; ++i)
        {
            const float t = static_cast<float>(i % 200) / 199.0f;
            const float scroll = (i < 200 ? t : 1.0f - t) * hits.MaxScroll();
            scroll_ms.push_back(FrameMs(
                [&](ImDrawList* draw)
                {
                    wb::widgets::DrawActionDetail(draw, theme, *snapshot, *action, s.plan.as_of, px_per_mm,
                                                  scroll, min, max);
                }));
        }
        const Spread scr = SpreadOf(scroll_ms);
        std::printf(
            "  scrolling action %s (%zu notes, %zu characters, %.0f px to scroll): median %.3f ms per "
            "frame, max %.3f ms (target < 4 ms)\n",
            action->id.c_str(), action->evidence.size(), EvidenceChars(*action),
            static_cast<double>(hits.MaxScroll()), scr.median, scr.max);
    }
    return 0;
}
