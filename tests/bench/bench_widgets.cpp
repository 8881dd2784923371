// Benchmark, not a test: CPU to build one frame's draw lists with ImGui only (no GL), on the Plymouth
// demo plan at 1920x1080: 40 indicator tiles (target < 2 ms), and each kind of page.
#include "bench_support.h"
#include "core/board_view.h"
#include "core/snapshot.h"
#include "widgets/indicator_tile.h"
#include "widgets/pages.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

namespace
{

template <typename Draw>
double MedianFrameMs(Draw draw)
{
    std::vector<double> samples;
    for (int i = 0; i < 200; ++i)
    {
        ImGui::NewFrame();
        const auto start = std::chrono::steady_clock::now();
        draw(ImGui::GetBackgroundDrawList());
        ImGui::Render();
        samples.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
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

    wb::widgets::PageContext context;
    context.today = s.plan.as_of;
    context.clock = "14:02";
    context.status_line = "Synced 14:02";

    const double tiles = MedianFrameMs(
        [&](ImDrawList* draw)
        {
            for (int i = 0; i < 40; ++i)
            {
                const float x = static_cast<float>(i % 8) * 240.0f, y = static_cast<float>(i / 8) * 216.0f;
                wb::widgets::DrawIndicatorTile(draw, theme, s.indicators[static_cast<size_t>(i)],
                                               ImVec2(x, y), ImVec2(x + 236.0f, y + 212.0f));
            }
        });
    std::printf("bench_widgets (ImGui only, no GL, 1920x1080, Plymouth demo), median over 200 frames:\n");
    std::printf("  40 indicator tiles: %.3f ms per frame (target < 2 ms)\n", tiles);
    const auto snapshot = std::make_shared<const wb::Snapshot>(s);
    const auto build_start = std::chrono::steady_clock::now();
    const wb::BoardView view = wb::BuildBoardView(snapshot, s.plan.as_of);
    std::printf(
        "  board view (once per snapshot and day): %.3f ms\n",
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - build_start).count());
    std::vector<std::string> pages;
    for (const wb::Dashboard& d : s.dashboards)
        pages.push_back(d.id);
    pages.emplace_back(wb::kOverduePageId);
    for (const std::string& id : pages)
    {
        const ImVec2 screen(1920, 1080);
        const int parts = wb::widgets::PlanPage(theme, view, id, screen).parts;
        const double ms = MedianFrameMs([&](ImDrawList* draw)
                                        { wb::widgets::DrawBoard(draw, theme, &view, id, context, screen); });
        std::printf("  page %-22s %.3f ms per frame (%d part%s)\n", id.c_str(), ms, parts,
                    parts == 1 ? "" : "s");
    }
    return 0;
}
