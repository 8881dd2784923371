// Turns a performance team's CSV exports and plan.toml into a validated snapshot (INPUT.md).
// Collects every problem as "file:line: what is wrong" instead of stopping at the first.
#pragma once

#include "core/model.h"
#include "core/problem.h"

#include <optional>
#include <string>
#include <vector>

namespace wb::publish
{

// One input: a name for messages (the path as given) and its content.
struct InputText
{
    std::string name;
    std::string text;
};

struct BuildInputs
{
    InputText plan;       // plan.toml
    InputText indicators; // indicators.csv
    InputText actions;    // actions.csv
    std::optional<InputText> evidence;
};

// How a build read its inputs, besides what it refused: said by `build` so nothing is dropped silently.
struct BuildReport
{
    std::vector<Problem>
        warnings; // built anyway, but worth a look: "actions.csv:12", "due ... is shown as written"
    std::vector<std::string>
        readings; // one line per file: its encoding and separator, which column fed which field
};

// Builds the snapshot, or every problem found. `report`, when given, receives warnings and readings
// (also when the build fails).
Result<Snapshot> BuildSnapshot(const BuildInputs& inputs, BuildReport* report = nullptr);

// Reads the named files; an unreadable file is reported like any other problem.
Result<BuildInputs> ReadInputs(const std::string& plan_path, const std::string& indicators_path,
                               const std::string& actions_path,
                               const std::optional<std::string>& evidence_path);

} // namespace wb::publish
