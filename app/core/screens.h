// Screen profiles: how each screen of a fleet shows the plan, kept by the performance team in
// screens.toml beside plan.toml, checked against the plan and published as screens.json beside
// snapshot.json (the format: core/screens_format.md). A [default] profile and one per screen id
// ("front-door"), each holding board.toml's screen settings (kScreenSettings) with the same keys, read by
// the same code (core/config_reader.h). A board applies its own profile under its board.toml and its
// command line: EffectiveConfig below is the one place that order is kept.
#pragma once

#include "core/config.h"
#include "core/problem.h"

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace wb
{

struct Snapshot;

inline constexpr std::string_view kScreensFormat = "wallboard.screens/1";
inline constexpr std::string_view kScreensFileName = "screens.json";

struct ScreenProfile
{
    BoardConfig settings;       // the profile's settings over the defaults
    std::set<std::string> keys; // the settings it sets: only those count
};

struct ScreenProfiles
{
    std::string plan_id;                          // the plan the pages were checked against
    ScreenProfile fallback;                       // [default]: for every screen not listed (may set nothing)
    std::map<std::string, ScreenProfile> screens; // by screen id
};

// screens.toml checked against `plan`: every key as in board.toml (a board's own settings refused), every
// playlist page and `page` one the plan has (a dashboard id, "overdue", a part "front-door.2", or a
// detail view of an indicator or action the plan holds). Problems are "name:line: key: what". The
// result is screens.json's text.
Result<std::string> BuildScreensJson(std::string_view toml_text, const std::string& name,
                                     const Snapshot& plan);

// screens.json as a board reads it: the same checks of each setting (not of the pages: the board's own
// playlist shows a missing page as such). A major format other than 1 is refused; unknown top-level
// fields are ignored.
Result<ScreenProfiles> ParseScreensJson(std::string_view json);

// Which profile a screen uses: its own, or the default one (with a note saying its id is not listed).
struct ChosenProfile
{
    const ScreenProfile* profile = nullptr; // null: no profiles published
    std::string name;                       // the screen id, "default", or "" with none published
    std::string note;                       // "screen id X is not in screens.json" for the default
};
ChosenProfile ChooseProfile(const ScreenProfiles* profiles, const std::string& screen_id);

// A board's own layers: its config (board.toml with the command line over it) and the keys either set.
struct LocalSettings
{
    BoardConfig config;
    std::set<std::string> keys; // set in board.toml or on the command line: these win over any profile
};

// The settings a board runs with: the defaults, under its profile (its own or the default one), under
// its board.toml, under its command line. Without profiles, `local.config` as it is.
BoardConfig EffectiveConfig(const LocalSettings& local, const ScreenProfiles* profiles);

} // namespace wb
