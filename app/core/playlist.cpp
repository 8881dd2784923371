// The board's playlist from its settings and the plan (playlist.h).
#include "core/playlist.h"

#include "core/model.h"

namespace wb
{

PinnedPage ParsePinnedPage(const std::string& text)
{
    PinnedPage pinned;
    pinned.detail = ParseDetailView(text);
    if (pinned.detail)
        return pinned;
    pinned.page = text;
    if (pinned.page.ends_with(".1"))
        pinned.page.resize(pinned.page.size() - 2);
    return pinned;
}

std::vector<std::string> PagesOf(const Snapshot& snapshot)
{
    std::vector<std::string> pages;
    pages.reserve(snapshot.dashboards.size() + 1);
    for (const Dashboard& d : snapshot.dashboards)
        pages.push_back(d.id);
    pages.emplace_back(kOverduePageId);
    return pages;
}

BoardPlaylist BuildPlaylist(const std::vector<PlaylistEntry>& configured, const std::string& pinned_page,
                            const std::vector<std::string>& available, double default_dwell_s,
                            const std::function<int(const std::string&)>& parts_of)
{
    BoardPlaylist playlist;
    // A pinned page that runs to several parts cycles through them.
    const std::vector<PlaylistEntry> wanted =
        pinned_page.empty() ? configured : std::vector<PlaylistEntry>{{SplitPageId(pinned_page).id, 0.0}};
    playlist.entries = ExpandPlaylist(wanted, available, default_dwell_s, parts_of, &playlist.missing);
    if (!pinned_page.empty() && !playlist.missing.empty())
        playlist.entries = {{pinned_page, default_dwell_s}}; // the page says what is wrong
    else if (playlist.entries.empty())
        playlist.entries = ExpandPlaylist({}, available, default_dwell_s, parts_of);
    return playlist;
}

} // namespace wb
