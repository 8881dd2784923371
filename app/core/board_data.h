// What the board shows, as the sync thread publishes it: the snapshot and, read from the cache with it,
// what the drill-down needs beyond one snapshot: every month the cache holds for each indicator (longer
// than one snapshot), and the snapshot stored before this one, for "what changed since".
#pragma once

#include "core/model.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace wb
{

struct BoardData
{
    std::shared_ptr<const Snapshot> snapshot;
    std::map<std::string, std::vector<PeriodValue>> history; // by indicator id, oldest first
    std::shared_ptr<const Snapshot> previous;                // null when the cache holds no earlier one
    std::string previous_hash;
    // The other snapshots in the cache, newest first, that "what changed since" may compare with instead.
    struct Earlier
    {
        std::string hash;
        Date as_of{};
    };
    std::vector<Earlier> earlier;
};

} // namespace wb
