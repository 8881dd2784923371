// What the live board and a board pack draw alike (frame.h).
#include "board/frame.h"

#include "platform/window.h"
#include "widgets/frame_shift.h"
#include "widgets/status_strip.h"

#include <cfloat>
#include <chrono>
#include <cmath>
#include <ctime>

namespace wb::board
{
namespace
{

// "as of Thu 20 Apr 2023 (set)": a board set to another date says so on every page.
std::string SetDateInWords(Date date)
{
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    return std::string("as of ") + kDays[std::chrono::weekday(std::chrono::sys_days(date)).c_encoding()] +
           " " + FormatLongDate(date) + " (set)";
}

// The cue at the foot of the page: the next page (its title apart, so the strip can shorten it), or how
// long until the rotation resumes.
void SetCue(widgets::PageContext& context, const Navigation& navigation, const widgets::Screen& screen,
            double now)
{
    const Rotation& rotation = navigation.GetRotation();
    if (navigation.Held())
        context.next_page = "Held: press space or Home to resume";
    else if (const auto resume = navigation.SecondsToResume(now))
        context.next_page =
            "Back to the rotation in " + std::to_string(static_cast<int>(std::ceil(*resume))) + " s";
    else if (const auto next = rotation.SecondsToNext(now))
    {
        context.next_title = screen.Title({ViewKind::Page, rotation.UpcomingPage()});
        context.next_page = "Next: " + context.next_title + " in " +
                            std::to_string(static_cast<int>(std::ceil(*next))) + " s";
    }
}

} // namespace

BoardFrame::BoardFrame(platform::Window& window, const BoardOptions& options, double now)
    : m_window(window), m_options(options), m_pinned(ParsePinnedPage(options.pinned_page)),
      m_navigation({}, now, {static_cast<double>(options.idle_resume_s), m_pinned.page}),
      m_font_generation(window.FontGeneration())
{
    m_screen.SetAdminPin(options.admin_pin);
    TakeFonts();
}

void BoardFrame::TakeFonts()
{
    const platform::Fonts& fonts = m_window.GetFonts();
    m_theme.body = fonts.body;
    m_theme.bold = fonts.bold;
    m_theme.value = fonts.value;
    m_theme.em = fonts.body_px;
    m_theme.door = fonts.door_px;
}

void BoardFrame::RebuildPlaylist(double now)
{
    const auto parts_of = [&](const std::string& id)
    { return widgets::PlanPage(m_theme, *m_view, id, m_size).parts; };
    BoardPlaylist built = BuildPlaylist(m_options.playlist, m_pinned.page, PagesOf(*m_view->snapshot),
                                        m_options.dwell, parts_of);
    std::string names;
    for (const std::string& id : built.missing)
        names += (names.empty() ? "" : ", ") + id;
    if (!names.empty() && names != m_missing_logged)
        Log("this plan has no page " + names + (m_pinned.page.empty() ? " (playlist)" : " (--page)"));
    m_missing_logged = names;
    m_playlist = built.entries;
    m_navigation.GetRotation().Replace(std::move(built.entries), now);
    if (m_first_playlist && SplitPageId(m_pinned.page).part > 0)
        m_navigation.GetRotation().Pin(m_pinned.page); // Replace keeps the pin from now on
    if (m_first_playlist && m_pinned.detail)
    {
        m_navigation.Open(*m_pinned.detail, now);
        m_navigation.TogglePause(now); // held there: a board pinned to a detail view stays on it
    }
    m_first_playlist = false;
}

bool BoardFrame::Update(std::shared_ptr<const BoardData> latest, Date today, double now)
{
    const bool new_view = latest && (latest != m_board || !m_view || m_view->today != today);
    if (new_view)
    {
        m_board = std::move(latest);
        m_view = std::make_shared<const BoardView>(BuildBoardView(m_board->snapshot, today));
        m_screen.SetData({m_view, m_board}, m_navigation);
    }
    const ImVec2 size(static_cast<float>(m_window.Width()), static_cast<float>(m_window.Height()));
    if (!new_view && m_window.FontGeneration() == m_font_generation && size.x == m_size.x &&
        size.y == m_size.y)
        return false;
    if (m_window.FontGeneration() != m_font_generation)
        Log("the screen is now " + std::to_string(m_window.Width()) + "x" +
            std::to_string(m_window.Height()) + ": fonts rebuilt at " +
            std::to_string(static_cast<int>(m_window.GetFonts().body_px)) +
            " px and every page laid out again");
    m_font_generation = m_window.FontGeneration();
    TakeFonts();
    m_size = size;
    if (m_view)
        RebuildPlaylist(now);
    return true;
}

void BoardFrame::SetOptions(const BoardOptions& options, double now)
{
    const bool navigation =
        options.pinned_page != m_options.pinned_page || options.idle_resume_s != m_options.idle_resume_s;
    m_options = options;
    if (navigation)
    {
        m_pinned = ParsePinnedPage(m_options.pinned_page);
        m_navigation = Navigation({}, now, {static_cast<double>(m_options.idle_resume_s), m_pinned.page});
        m_first_playlist = true;
        if (m_view)
            m_screen.SetData({m_view, m_board}, m_navigation);
    }
    m_size = {0, 0}; // the next Update builds the playlist again
}

bool BoardFrame::Relayout(double now)
{
    return Update(nullptr, m_view ? m_view->today : Date{}, now);
}

FrameWords BoardFrame::Words(double now, std::int64_t epoch, Date today, const io::SyncStatus& status,
                             bool cue)
{
    FrameWords words;
    widgets::PageContext& context = words.context;
    context.today = today;
    context.clock = FormatLocalTime(epoch, "%H:%M");
    context.rotation_progress = m_navigation.Paused() ? 0.0 : m_navigation.GetRotation().Progress(now);
    if (m_options.today)
        context.today_set = SetDateInWords(today);
    if (cue)
        SetCue(context, m_navigation, m_screen, now);
    if (m_board && m_board->previous)
        context.changes_since = FormatLongDate(m_board->previous->plan.as_of);
    words.freshness = io::WaitingForFirstSnapshot();
    if (m_view)
        words.freshness =
            io::DescribeFreshness(status, m_view->snapshot->plan.as_of, today, epoch, m_options.freshness);
    m_theme.dim = words.freshness.dim ? 0.6f : 1.0f;
    context.status_line = words.freshness.status_line;
    context.warning = words.freshness.warning;
    context.warning_severe = words.freshness.severe;
    return words;
}

PageState BoardFrame::State(const std::string& shown, const std::string& clock, unsigned font_generation,
                            PixelShift shift) const
{
    return {m_view.get(), m_board.get(), shown,           clock, m_theme.dim,
            m_size.x,     m_size.y,      font_generation, shift};
}

PixelShift BoardFrame::Shift(std::int64_t epoch) const
{
    return m_options.burn_in_shift
               ? BurnInShift(epoch, static_cast<int>(m_size.x), static_cast<int>(m_size.y))
               : PixelShift{};
}

float BoardFrame::StripHeight() const
{
    return std::max(widgets::StatusStripHeight(m_theme, true), widgets::StatusStripHeight(m_theme, false));
}

double BoardFrame::Draw(const widgets::PageContext& context, double now, PixelShift shift)
{
    const auto start = std::chrono::steady_clock::now();
    m_screen.Draw(ImGui::GetBackgroundDrawList(), m_theme, m_navigation, context, m_size,
                  m_window.PixelsPerMm(), now);
    widgets::ShiftFrame(*ImGui::GetBackgroundDrawList(), shift); // the page, the strip and its clock alike
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void BoardFrame::DrawOffNotice(const std::string& words, std::int64_t epoch)
{
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    draw->AddRectFilled(ImVec2(0, 0), m_size, IM_COL32(0, 0, 0, 255));
    // Dim grey: readable in a dark room, no bright area to wear the panel. One step of a slow orbit a
    // minute, within three ems of the centre.
    const float size = m_theme.door, small = m_theme.em;
    const char* hint = "Touch the screen to wake it";
    const ImVec2 big = m_theme.bold->CalcTextSizeA(size, FLT_MAX, 0, words.c_str()),
                 little = m_theme.body->CalcTextSizeA(small, FLT_MAX, 0, hint);
    const double step = static_cast<double>(epoch / 60);
    const ImVec2 centre(m_size.x / 2 + 3 * m_theme.em * static_cast<float>(std::cos(step * 0.37)),
                        m_size.y / 2 + 3 * m_theme.em * static_cast<float>(std::sin(step * 0.61)));
    draw->AddText(m_theme.bold, size, ImVec2(centre.x - big.x / 2, centre.y - big.y),
                  IM_COL32(90, 90, 96, 255), words.c_str());
    draw->AddText(m_theme.body, small, ImVec2(centre.x - little.x / 2, centre.y + 0.5f * small),
                  IM_COL32(70, 70, 76, 255), hint);
}

} // namespace wb::board
