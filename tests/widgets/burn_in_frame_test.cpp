// Burn-in care, measured as the issue asks: a day's worth of the live board's frame shifts, each frame
// drawn as the board draws it (the screen, then the whole frame moved), and every static element (the
// title, each tile, the status strip, the clock) found in the drawn vertices and followed.
#include "core/burn_in.h"
#include "widgets/frame_shift.h"
#include "widgets/screen.h"
#include "widgets/status_strip.h"

#include "test_support.h"
#include "widgets/null_imgui.h"
#include "widgets/screen_data.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

using namespace wb;
using namespace wb::widgets;
using namespace wb::test;

namespace
{

constexpr std::int64_t kMonday = 1776668400; // 2026-04-20 07:00 UTC
constexpr int kStepsPerDay = 24 * 6;

struct Board
{
    std::shared_ptr<const Snapshot> snapshot = std::make_shared<const Snapshot>(BuildDemo("plymouth"));
    std::shared_ptr<const BoardView> view =
        std::make_shared<const BoardView>(BuildBoardView(snapshot, *ParseIsoDate("2023-04-17")));
    std::map<std::string, std::vector<PeriodValue>> history;
};

PageContext Context()
{
    PageContext context;
    context.today = *ParseIsoDate("2023-04-17");
    context.clock = "14:02";
    context.status_line = "Synced 14:02 · figures as of 17 Apr 2023";
    context.next_page = "Next: Overdue actions in 12 s";
    context.next_title = "Overdue actions";
    context.rotation_progress = 0.4;
    return context;
}

// A frame as the live board draws it (app/board/frame.cpp): the screen, then the whole frame moved.
void Frame(NullImGui& imgui, Screen& screen, const Navigation& navigation, ImVec2 size, PixelShift shift)
{
    imgui.Draw()->_ResetForNewFrame();
    imgui.Draw()->PushClipRectFullScreen();
    screen.Draw(imgui.Draw(), imgui.theme, navigation, Context(), size, 3.0f, 0.0);
    ShiftFrame(*imgui.Draw(), shift);
}

// A static element: the vertices an unshifted frame drew inside its rectangle.
struct Element
{
    std::string name;
    std::vector<int> vertices;
};

Element ElementIn(const std::string& name, const ImVector<ImDrawVert>& unshifted, ImVec2 min, ImVec2 max)
{
    Element element{name, {}};
    for (int i = 0; i < unshifted.Size; ++i)
    {
        const ImVec2 p = unshifted[i].pos;
        if (p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y)
            element.vertices.push_back(i);
    }
    return element;
}

// Where the element is now, as its offset in whole pixels from the unshifted frame: empty unless every one
// of its vertices (the same glyph corner or fill: same texture coordinate and colour) moved by that much
// (to float rounding).
std::optional<std::pair<int, int>> OffsetOf(const Element& element, const ImVector<ImDrawVert>& unshifted,
                                            const ImVector<ImDrawVert>& now)
{
    if (element.vertices.empty() || now.Size != unshifted.Size)
        return std::nullopt;
    const int first = element.vertices.front();
    const std::pair<int, int> offset(
        static_cast<int>(std::lround(now[first].pos.x - unshifted[first].pos.x)),
        static_cast<int>(std::lround(now[first].pos.y - unshifted[first].pos.y)));
    for (const int i : element.vertices)
    {
        const ImDrawVert& a = unshifted[i];
        const ImDrawVert& b = now[i];
        if (a.uv.x != b.uv.x || a.uv.y != b.uv.y || a.col != b.col ||
            std::abs(b.pos.x - a.pos.x - static_cast<float>(offset.first)) > 0.01f ||
            std::abs(b.pos.y - a.pos.y - static_cast<float>(offset.second)) > 0.01f)
            return std::nullopt;
    }
    return offset;
}

} // namespace

TEST_CASE("over a day of frames the title, every tile, the strip and the clock move with the orbit",
          "[widgets][burn-in]")
{
    for (const auto& [w, h] : std::vector<std::pair<float, float>>{{1920, 1080}, {1280, 720}})
    {
        INFO(w << "x" << h);
        Board board;
        NullImGui imgui(w, h);
        const ImVec2 size(w, h);
        Navigation navigation({{"front-door", 20}, {"overdue", 20}}, 0.0);
        Screen screen;
        screen.SetData(Data(board.view, &board.history, nullptr), navigation);

        // Where the elements are on the page as laid out: the tiles from the page's own tap targets, the
        // title from the layout record, the clock and the strip from their places on every view.
        const Hits hits =
            DrawBoard(imgui.Draw(), imgui.theme, board.view.get(), "front-door", Context(), size);
        LayoutRecorder recorder;
        Frame(imgui, screen, navigation, size, {});
        const ImVector<ImDrawVert> unshifted = imgui.Draw()->VtxBuffer;
        const float em = imgui.theme.em;
        std::vector<Element> elements;
        const std::string title = screen.Title(navigation.Current());
        for (const DrawnText& text : recorder.Record().texts)
            if (text.whole == title)
                elements.push_back(ElementIn("title", unshifted, text.min, text.max));
        int tiles = 0;
        for (const Hit& hit : hits)
            if (hit.kind == HitKind::Indicator)
                elements.push_back(ElementIn("tile " + hit.id, unshifted, hit.min, hit.max)), ++tiles;
        elements.push_back(ElementIn("strip", unshifted, ImVec2(0, h - StatusStripHeight(imgui.theme, false)),
                                     ImVec2(w, h)));
        elements.push_back(ElementIn("clock", unshifted, ImVec2(w - em * 7, 0), ImVec2(w, em * 3.5f)));
        REQUIRE(elements.front().name == "title");
        REQUIRE(tiles >= 4);
        for (const Element& element : elements)
        {
            INFO(element.name);
            REQUIRE(element.vertices.size() >= 4);
        }

        const BurnInOrbit orbit = OrbitFor(static_cast<int>(w), static_cast<int>(h));
        std::vector<std::set<std::pair<int, int>>> positions(elements.size());
        std::vector<std::pair<int, int>> last(elements.size(), {1000, 1000});
        int most_x = 0, most_y = 0;
        for (int step = 0; step < kStepsPerDay; ++step)
        {
            const std::int64_t epoch = kMonday + step * kBurnInStepSeconds;
            Frame(imgui, screen, navigation, size,
                  BurnInShift(epoch, static_cast<int>(w), static_cast<int>(h)));
            for (size_t e = 0; e < elements.size(); ++e)
            {
                INFO(elements[e].name << " at step " << step);
                const auto offset = OffsetOf(elements[e], unshifted, imgui.Draw()->VtxBuffer);
                REQUIRE(offset); // moved whole, not cut apart or left behind
                CHECK(offset->first != last[e].first);
                CHECK(offset->second != last[e].second);
                // The page, the strip and the clock move together: the layout itself never changes.
                CHECK(*offset == *OffsetOf(elements.front(), unshifted, imgui.Draw()->VtxBuffer));
                last[e] = *offset;
                positions[e].insert(*offset);
                most_x = std::max(most_x, std::abs(offset->first));
                most_y = std::max(most_y, std::abs(offset->second));
            }
        }
        for (size_t e = 0; e < elements.size(); ++e)
        {
            INFO(elements[e].name);
            CHECK(positions[e].size() == static_cast<size_t>(orbit.Positions()));
        }
        CHECK(static_cast<float>(most_x) <= 0.005f * w);
        CHECK(static_cast<float>(most_y) <= 0.005f * h);
        CHECK(most_x > 0);
        CHECK(most_y > 0);
        std::printf(
            "burn-in at %.0fx%.0f: %zu elements (title, %d tiles, strip, clock) each at %zu positions "
            "over a day of %d frames' shifts; most shift %.0f px (%.2f%% of the width) across, %.0f px "
            "(%.2f%% of the height) up\n",
            w, h, elements.size(), tiles, positions.back().size(), kStepsPerDay, static_cast<double>(most_x),
            100.0 * most_x / w, static_cast<double>(most_y), 100.0 * most_y / h);
    }
}

TEST_CASE("a tap on a shifted tile, moved back, opens that tile", "[widgets][burn-in]")
{
    Board board;
    NullImGui imgui(1920, 1080);
    const ImVec2 size(1920, 1080);
    Navigation navigation({{"front-door", 20}}, 0.0);
    Screen screen;
    screen.SetData(Data(board.view, &board.history, nullptr), navigation);
    const Hits hits = DrawBoard(imgui.Draw(), imgui.theme, board.view.get(), "front-door", Context(), size);
    REQUIRE(hits.size() >= 2);
    const Hit& second = hits[1];
    const PixelShift shift{-9, -5};
    Frame(imgui, screen, navigation, size, shift);
    // Just inside the shifted tile's top left corner: outside it on the page as laid out, when not moved
    // back.
    const ImVec2 on_screen(second.min.x + 2 + static_cast<float>(shift.x),
                           second.min.y + 2 + static_cast<float>(shift.y));
    CHECK(ShiftBack(on_screen, shift).x == Approx(second.min.x + 2));
    CHECK(screen.Apply({GestureKind::Tap, ShiftBack(on_screen, shift).x, ShiftBack(on_screen, shift).y},
                       navigation, 1.0));
    CHECK(navigation.Current() ==
          View{second.kind == HitKind::Indicator ? ViewKind::Indicator : ViewKind::Action, second.id});
}
