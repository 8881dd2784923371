// The whole screen for one frame: the view the navigation says is current (a playlist page, an
// indicator's or an action's detail, what changed since the last snapshot), and what a gesture does
// to it. It keeps what the last frame drew (tap targets, the detail's scroll) and, per snapshot and
// day, what a detail view needs worked out once (the comparison, the actions naming an indicator).
#pragma once

#include "core/board_data.h"
#include "core/board_view.h"
#include "core/changes.h"
#include "core/gesture.h"
#include "core/navigation.h"
#include "core/pin_lockout.h"
#include "widgets/detail_pages.h"
#include "widgets/pages.h"

#include <imgui_internal.h> // ImRect

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wb::widgets
{

// What the screen shows: the pages' view of the snapshot, and the board data it came with (the cache's
// history per indicator, the snapshot before, the others to compare with).
struct ScreenData
{
    std::shared_ptr<const BoardView> view;
    std::shared_ptr<const BoardData> board;
};

class Screen
{
  public:
    // New data or a new day. Drops the detail views whose target has gone.
    void SetData(ScreenData data, Navigation& navigation);

    // A gesture on the logical page. Every gesture counts as someone using the screen. Returns true when
    // what is shown changed.
    bool Apply(const Gesture& gesture, Navigation& navigation, double now);

    // Draws the current view and the status strip on a screen of `screen` pixels. `now` is the clock
    // Apply is given (the keypad's wait counts down on it).
    void Draw(ImDrawList* draw, const Theme& theme, const Navigation& navigation, const PageContext& context,
              ImVec2 screen, float px_per_mm, double now);

    // The title of a view, for the cue and the status strip: "Indicator 12", "Action 2.7a".
    std::string Title(const View& view) const;

    // The way out of the kiosk, off unless a PIN is configured: a long press on the clock opens a keypad,
    // and the right PIN asks the board to close. Nothing else closes it by touch. After 5 wrong PINs the
    // keypad takes none for a while, longer after each wrong one (core/pin_lockout.h), and says how long.
    void SetAdminPin(std::string pin) { m_admin_pin = std::move(pin); }
    bool ExitRequested() const { return m_exit_requested; }
    // When the keypad's words about the wait next change (or the wait ends): the frame loop draws the
    // whole screen then. Empty while the keypad is closed or not waiting.
    std::optional<double> NextDeadline(double now) const
    {
        return m_keypad_open ? m_lockout.NextDeadline(now) : std::nullopt;
    }

    // The hash of the snapshot someone chose to compare with on "what changed", once; the caller asks the
    // sync thread for it (Sync::CompareWith), and the new comparison comes with the next data.
    std::optional<std::string> TakeComparisonRequest()
    {
        return std::exchange(m_compare_request, std::nullopt);
    }
    bool KeypadOpen() const { return m_keypad_open; }
    // The rows a list view (or "what changed") drew last frame, each with what it opens, for tests.
    const Hits& ListRows() const { return m_list_rows; }
    // The centre of a keypad key as last drawn ('0'..'9', 'C' cancel, '<' delete), for tests.
    std::optional<ImVec2> KeypadKey(char key) const;

  private:
    struct KeyHit
    {
        ImVec2 min, max;
        char key;
    };
    bool ApplyToKeypad(const Gesture& gesture, double now);
    void DrawKeypad(ImDrawList* draw, const Theme& theme, ImVec2 screen, float px_per_mm, double now);
    const Changes* ChangesFor(Date today);
    const std::vector<const Action*>& MentionsOf(const Indicator& indicator);

    ScreenData m_data;
    Hits m_page_hits;                   // the page's tiles and rows as last drawn
    std::optional<DetailHits> m_detail; // the detail view's controls and rows as last drawn
    Hits m_list_rows;                   // a list view's (or "what changed"'s) rows as last drawn
    std::optional<std::pair<View, std::optional<ListView>>> m_list; // the list m_drawn names, for m_data
    View m_drawn;                                                   // the view those belong to
    float m_scroll = 0;                                             // the detail view's offset in pixels
    std::optional<Changes> m_changes;                               // for m_data, as of m_changes_today
    Date m_changes_today{};
    std::map<std::string, std::vector<const Action*>> m_mentions; // by indicator id, for m_data
    ImVec2 m_clock_min, m_clock_max; // where the clock was drawn: the long press for the keypad
    std::string m_admin_pin;
    bool m_keypad_open = false;
    std::string m_entered;
    bool m_wrong = false; // the last PIN entered was wrong
    PinLockout m_lockout; // kept while the keypad closes and opens again
    bool m_exit_requested = false;
    std::vector<KeyHit> m_keys;
    std::vector<std::pair<ImRect, std::string>> m_compare_hits; // the dates to compare with, as drawn
    std::optional<std::string> m_compare_request;
};

} // namespace wb::widgets
