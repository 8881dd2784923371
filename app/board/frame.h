// What the live board and a board pack draw alike: the data on screen as a view (worked out once per
// snapshot and day, never per frame), the fonts, screen size and playlist (once per screen size), the
// words of one frame (the clock, the sync's state, the cue) and drawing it.
#pragma once

#include "board/board.h"
#include "core/board_data.h"
#include "core/board_view.h"
#include "core/burn_in.h"
#include "core/navigation.h"
#include "core/playlist.h"
#include "io/freshness.h"
#include "io/sync.h"
#include "widgets/screen.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wb::board
{

// What the picture above the status strip depends on. While it stays the same, a frame redraws only the
// strip's rectangle (the countdown and the progress bar); the rest of the screen is kept as it was.
struct PageState
{
    const void* view = nullptr;
    const void* board = nullptr;
    std::string shown; // the view on screen
    std::string clock;
    float dim = 1.0f;
    float width = 0, height = 0;
    unsigned fonts = 0;
    PixelShift shift; // a new burn-in position moves everything: a whole frame
    bool operator==(const PageState&) const = default;
};

// One frame's words: the page context the widgets draw, and the sync's state in words (for systemd too).
struct FrameWords
{
    widgets::PageContext context;
    io::Freshness freshness;
};

class BoardFrame
{
  public:
    BoardFrame(platform::Window& window, const BoardOptions& options, double now);

    // New data or a new day makes a new view; a new screen size new fonts and a new layout; either a new
    // playlist. Returns true when the picture must be drawn anew.
    bool Update(std::shared_ptr<const BoardData> latest, Date today, double now);
    // After Window::BeginFrame, which rebuilds the fonts when the screen's size changed them.
    bool Relayout(double now);
    // New options (a new screen profile): the next Update lays out again with their playlist and dwell; a
    // new pinned page or idle resume starts the navigation afresh.
    void SetOptions(const BoardOptions& options, double now);
    const BoardOptions& Options() const { return m_options; }
    bool HasData() const { return m_view != nullptr; }

    // The words of the frame at `now`. `cue`: the rotation's "Next: … in 12 s" (not in a board pack).
    FrameWords Words(double now, std::int64_t epoch, Date today, const io::SyncStatus& status, bool cue);
    PageState State(const std::string& shown, const std::string& clock, unsigned font_generation,
                    PixelShift shift = {}) const;
    // Where burn-in care puts the whole frame at `epoch` (core/burn_in.h): none when the options turn it off.
    PixelShift Shift(std::int64_t epoch) const;
    // The strip's rectangle, the most it can need: what a strip-only frame redraws.
    float StripHeight() const;
    // Builds the frame's draw lists, the whole frame moved by `shift`; returns the CPU milliseconds it took.
    double Draw(const widgets::PageContext& context, double now, PixelShift shift = {});
    // Off hours where the display stays on: `words` dim on black, a little further along its small orbit
    // each minute of `epoch` (it is on all night), and how to wake it.
    void DrawOffNotice(const std::string& words, std::int64_t epoch);

    Navigation& GetNavigation() { return m_navigation; }
    widgets::Screen& GetScreen() { return m_screen; }
    const std::vector<PlaylistEntry>& Playlist() const { return m_playlist; }
    const PinnedPage& Pinned() const { return m_pinned; }

  private:
    void TakeFonts();
    void RebuildPlaylist(double now);

    platform::Window& m_window;
    BoardOptions m_options; // a copy: a new profile replaces it while the board runs
    widgets::Theme m_theme;
    PinnedPage m_pinned;
    std::shared_ptr<const BoardData> m_board;
    std::shared_ptr<const BoardView> m_view;
    std::vector<PlaylistEntry> m_playlist;
    Navigation m_navigation;
    widgets::Screen m_screen;
    unsigned m_font_generation = 0;
    ImVec2 m_size{0, 0};
    std::string m_missing_logged;
    bool m_first_playlist = true;
};

} // namespace wb::board
