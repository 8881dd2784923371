// The playlist of pages a board cycles through, as a small state machine driven by a clock the caller
// passes in (seconds as a double), so tests use a fake one.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace wb
{

struct PlaylistEntry
{
    std::string page_id;   // a dashboard id or "overdue"; a later part of a long page is "<id>.2", "<id>.3"
    double dwell_s = 20.0; // seconds on screen
};

// A page that needs more than one screen is shown in parts: part 0 is "<id>", part n is "<id>.<n+1>".
std::string PartPageId(const std::string& id, int part);
struct PagePart
{
    std::string id; // the dashboard id or "overdue"
    int part = 0;
};
PagePart SplitPageId(const std::string& page_id);

// The playlist a board cycles through. `configured` lists the pages asked for (ids and dwell, from the
// config); empty means every dashboard in the snapshot's order, then the overdue page, each for
// `default_dwell_s` (as is a configured page with no dwell, 0). A page `available` has becomes `parts_of(id)`
// entries, one per part. An id asked for but not available stays in its place as one entry, so that the
// wall shows a page saying what is wrong (a typo in a kiosk's config is seen, not hidden), and is added
// to `missing` for the log.
std::vector<PlaylistEntry> ExpandPlaylist(const std::vector<PlaylistEntry>& configured,
                                          const std::vector<std::string>& available, double default_dwell_s,
                                          const std::function<int(const std::string&)>& parts_of,
                                          std::vector<std::string>* missing = nullptr);

class Rotation
{
  public:
    Rotation(std::vector<PlaylistEntry> entries, double now);

    // Takes a new playlist (new data, a new screen size), staying on the page shown if it is still in it.
    void Replace(std::vector<PlaylistEntry> entries, double now);

    // Pins one page: rotation stops there until Unpin().
    void Pin(const std::string& page_id);
    void Unpin(double now);

    // Advances past every page whose dwell has run out by `now`. Returns true when the page changed.
    bool Update(double now);

    // Restarts the dwell of the page shown, where it is (rotation resuming after a pause).
    void Restart(double now);
    // Moves to the first entry showing `page_id`, looking on from the page shown, and restarts its dwell.
    // Returns false, staying put, when the playlist has no such page.
    bool Show(const std::string& page_id, double now);
    // Moves to the playlist's first page and restarts its dwell.
    void ShowFirst(double now);

    // Moves to the next or previous page at once (a swipe, an arrow key), restarting its dwell.
    void Next(double now);
    void Previous(double now);

    const std::string& CurrentPage() const;
    // The page that comes next, for the cue ("Next: Early Help in 12 s").
    const std::string& UpcomingPage() const;
    bool Pinned() const { return m_pinned; }
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
