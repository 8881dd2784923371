// What a board cycles through, from its settings and the plan: the pages asked for (or every page), one
// entry per part, a pinned page's parts, and the ids the plan lacks. Worked out once per snapshot, day and
// screen size, never per frame; the board's rotation (core/rotation.h) then steps through it.
#pragma once

#include "core/navigation.h"
#include "core/rotation.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace wb
{

struct Snapshot;

// What --page (or `page` in the config) asks for: a playlist page ("front-door", a part "front-door.2";
// the first part may be named "front-door.1") or a detail view ("indicator:12", "action:3.3") held on
// screen. Both empty: rotate.
struct PinnedPage
{
    std::string page; // a playlist page id, with ".1" dropped; empty for none or a detail view
    std::optional<View> detail;
};
PinnedPage ParsePinnedPage(const std::string& text);

// The pages a plan has, in the order a board shows them when no playlist is configured: its dashboards,
// then the overdue page.
std::vector<std::string> PagesOf(const Snapshot& snapshot);

struct BoardPlaylist
{
    std::vector<PlaylistEntry> entries;
    std::vector<std::string> missing; // ids asked for that the plan does not have, for the log
};

// The playlist: the configured pages (every page in `available` when none are), each as `parts_of(id)`
// entries, or only a pinned page's parts. A page the plan lacks stays as one entry, so the wall shows a
// page that says what is wrong; a pinned page the plan lacks is the whole playlist.
BoardPlaylist BuildPlaylist(const std::vector<PlaylistEntry>& configured, const std::string& pinned_page,
                            const std::vector<std::string>& available, double default_dwell_s,
                            const std::function<int(const std::string&)>& parts_of);

} // namespace wb
