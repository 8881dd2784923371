// What the board shows and how touch and keys move it: the playlist's page (a wb::Rotation) with a stack
// of detail views on top, and the pause while someone uses the screen. A small state machine driven by a
// clock the caller passes in (seconds as a double), so tests use a fake one.
//
// Every interaction (a tap, a scroll, a swipe, a key, Open, Back) pauses the rotation and restarts an idle
// timer; when the timer runs out the details close and the rotation resumes from the page shown (or the
// pinned page), with its dwell restarted. Space holds the page instead: a pause that does not time out.
// Details are only ever open while paused, so the rotation never moves a page out from under them.
#pragma once

#include "core/rotation.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace wb
{

enum class ViewKind
{
    Page,      // a playlist page: "front-door", "front-door.2", "overdue"
    Indicator, // one indicator's detail, by indicator id
    Action,    // one action's detail, by action id ("2.7a")
    Changes,   // what changed since the snapshot `id` names; "" for the previous one
    // A list of action refs with their rows, by a list id (core/board_view.h FindActionList):
    // "priority:2", "overdue:priority:2", "due:front-door", "overdue"
    Actions,
    Indicators, // a list of indicators: "off-target"
};

struct View
{
    ViewKind kind = ViewKind::Page;
    std::string id;
    bool operator==(const View&) const = default;
};

// The view a status string names ("indicator:12", "action:2.7a", "actions:overdue:priority:2",
// "indicators:off-target", "changes"), as --page takes it; empty for a page id (or anything else), which
// names a playlist page. A prefix with nothing after it ("action:") gives its kind with an empty id, which
// names nothing: the screen says so.
std::optional<View> ParseDetailView(const std::string& text);

struct NavigationOptions
{
    double idle_timeout_s = 90.0; // seconds with no interaction before details close and rotation resumes
    std::string pinned_page;      // --page: where Home and idle resume go; empty for the playlist's own
};

class Navigation
{
  public:
    // A board pinned to one page gets a playlist of that page's parts, or a pinned Rotation for one part
    // (GetRotation().Pin): the playlist is the caller's, `options.pinned_page` only says where to return.
    Navigation(std::vector<PlaylistEntry> entries, double now, NavigationOptions options = {});

    // Interactions. Each pauses the rotation and restarts the idle timer.
    void Touched(double now);                // a tap or scroll that navigates nowhere
    void Open(const View& view, double now); // pushes a detail view (not again if it is already shown)
    void Back(double now);                   // pops a detail view; at page level nothing more (Escape)
    void Next(double now);                   // swipe left or the right arrow: closes details, next page
    void Previous(double now);               // swipe right or the left arrow: closes details, previous page
    // Space: holds the page shown until space again (which resumes the rotation at once) or Home.
    void TogglePause(double now);

    // Closes the details and returns to the pinned page or the playlist's first page, rotating at once.
    void Home(double now);

    // Applies the idle timeout and the rotation's own advance. True when what is on screen changed: the
    // view, or the end of the pause (its countdown goes).
    bool Update(double now);

    View Current() const;
    bool InDetail() const { return !m_stack.empty(); }
    // The view for the status file: "front-door.2", "indicator:12", "action:2.7a", "changes",
    // "changes:2023-03-17".
    std::string StatusView() const;

    bool Paused() const { return m_held || m_touched; }
    bool Held() const { return m_held; }
    // Seconds until the idle timeout resumes the rotation ("Back to the rotation in 34 s"); empty unless
    // paused by interaction (a held page has no countdown).
    std::optional<double> SecondsToResume(double now) const;
    // When Update next has something to do (the clock time of the next page or of the idle resume), so
    // the frame loop can sleep until then; empty when nothing is due (held, or a single page). A visible
    // countdown changes every second: the caller redraws that often while SecondsToResume has a value.
    std::optional<double> NextDeadline(double now) const;

    // Removes the detail views whose target has gone with new data.
    void DropViews(const std::function<bool(const View&)>& gone);

    // The playlist, for Replace() with new data or a new screen size, and for screenshots.
    Rotation& GetRotation() { return m_rotation; }
    const Rotation& GetRotation() const { return m_rotation; }

  private:
    void Resume(double now);

    Rotation m_rotation;
    NavigationOptions m_options;
    std::vector<View> m_stack; // detail views over the rotation's page, the one shown last
    bool m_held = false;       // space: paused until space again or Home
    bool m_touched = false;    // paused by interaction until m_last_touch + the idle timeout
    double m_last_touch = 0;
};

} // namespace wb
