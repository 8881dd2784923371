// The playlist of pages a board cycles through, as a small state machine driven by a clock the caller
// passes in (seconds as a double), so tests use a fake one.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace wb
{

struct PlaylistEntry
{
    std::string page_id;   // a dashboard id, or "overview" / "overdue"
    double dwell_s = 20.0; // seconds on screen
};

class Rotation
{
  public:
    Rotation(std::vector<PlaylistEntry> entries, double now);

    // Pins one page: rotation stops there until Unpin().
    void Pin(const std::string& page_id);
    void Unpin(double now);

    // Advances past every page whose dwell has run out by `now`. Returns true when the page changed.
    bool Update(double now);

    // Moves to the next or previous page at once (a swipe, an arrow key), restarting its dwell.
    void Next(double now);
    void Previous(double now);

    const std::string& CurrentPage() const;
    size_t CurrentIndex() const { return m_index; }

    // 0..1 of the current page's dwell used, for the progress cue; 0 when pinned.
    double Progress(double now) const;

    // Seconds until the page changes by itself; empty when pinned or there is only one page.
    std::optional<double> SecondsToNext(double now) const;

  private:
    std::vector<PlaylistEntry> m_entries;
    size_t m_index = 0;
    double m_started = 0;
    bool m_pinned = false;
};

} // namespace wb
