// Reading one TOML table of board settings into a BoardConfig: the top level of board.toml and each
// profile of screens.toml (and of screens.json, turned into a table) go through this one reader, so a key
// means the same and is checked the same wherever it is written. Kept apart from config.h so that only
// the readers include toml++.
#pragma once

#include "core/config.h"

#include <toml++/toml.h>

#include <set>
#include <string>
#include <vector>

namespace wb
{

enum class SettingsScope
{
    Board,  // board.toml: every setting
    Screen, // a screen profile: only kScreenSettings; the feed, cache, token and the rest are the board's
};

// Reads `table` over `config`, adding each key it set to `keys`. Problems are "name:line: prefix+key: what"
// (without ":line" for a table that was not parsed from text). `prefix` names the table in messages
// ("screens.front-door.").
void ReadBoardSettings(const toml::table& table, const std::string& name, SettingsScope scope,
                       BoardConfig& config, std::set<std::string>& keys, std::vector<Problem>& problems,
                       const std::string& prefix = "");

// TOML text as a table, or "name:line: not valid TOML: ...".
Result<toml::table> ParseToml(std::string_view text, const std::string& name);

// "name:line: key", or "name: key" for a node that was not parsed from text (line 0).
std::string SettingWhere(const std::string& name, const toml::node& node, const std::string& key);

} // namespace wb
