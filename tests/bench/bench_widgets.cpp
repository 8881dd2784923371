// Benchmark, not a test: CPU to build one frame's draw lists with ImGui only (no GL), on the Plymouth
// demo plan at 1920x1080: 40 indicator tiles (target < 2 ms), and every part of every page as of the
// plan's date and as of today, when most of its actions are overdue (target <= 1 ms a page).
#include "bench_support.h"
#include "core/board_view.h"
#include "core/rotation.h"
#include "core/snapshot.h"
#include "widgets/indicator_tile.h"
#include "widgets/pages.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
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
    // As of today too: years after the plan's date most actions are overdue, and the lists are longest.
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    const wb::Date today{std::chrono::year(local.tm_year + 1900),
                         std::chrono::month(static_cast<unsigned>(local.tm_mon + 1)),
                         std::chrono::day(static_cast<unsigned>(local.tm_mday))};
    const wb::BoardView view_today = wb::BuildBoardView(snapshot, today);
    std::vector<std::string> pages;
    for (const wb::Dashboard& d : s.dashboards)
        pages.push_back(d.id);
    pages.emplace_back(wb::kOverduePageId);
    const ImVec2 screen(1920, 1080);
    // Every part of every page, with the strip's cue naming a long page, as of each date.
    context.next_title = "Initial Response Team";
    context.next_page = "Next: Initial Response Team in 12 s";
    std::printf("  %-26s %14s %14s   (target <= 1 ms)\n", "page", "as of the plan", "as of today");
    double worst = 0;
    std::string worst_page;
    for (const std::string& id : pages)
    {
        const int parts = std::max(wb::widgets::PlanPage(theme, view, id, screen).parts,
                                   wb::widgets::PlanPage(theme, view_today, id, screen).parts);
        for (int part = 0; part < parts; ++part)
        {
            const std::string page = wb::PartPageId(id, part);
            double ms[2] = {0, 0};
            const wb::BoardView* views[2] = {&view, &view_today};
            for (int which = 0; which < 2; ++which)
            {
                wb::widgets::PageContext dated = context;
                dated.today = views[which]->today;
                ms[which] = MedianFrameMs(
                    [&](ImDrawList* draw)
                    { wb::widgets::DrawBoard(draw, theme, views[which], page, dated, screen); });
                if (ms[which] > worst)
                {
                    worst = ms[which];
                    worst_page = page + (which == 0 ? " as of the plan" : " as of today");
                }
            }
            std::printf("  page %-21s %11.3f ms %11.3f ms\n", page.c_str(), ms[0], ms[1]);
        }
    }
    std::printf("  the slowest page: %s, %.3f ms per frame (target <= 1 ms)\n", worst_page.c_str(), worst);
    return 0;
}
