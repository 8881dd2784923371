// Board data for widget tests: what the sync thread would publish with a snapshot's view.
#pragma once

#include "widgets/screen.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace wb::test
{

inline widgets::ScreenData Data(std::shared_ptr<const BoardView> view,
                                const std::map<std::string, std::vector<PeriodValue>>* history,
                                std::shared_ptr<const Snapshot> previous, std::string previous_hash = "",
                                std::vector<BoardData::Earlier> earlier = {})
{
    auto board = std::make_shared<BoardData>();
    board->snapshot = view->snapshot;
    if (history)
        board->history = *history;
    board->previous = std::move(previous);
    board->previous_hash = std::move(previous_hash);
    board->earlier = std::move(earlier);
    return {std::move(view), std::move(board)};
}

} // namespace wb::test
