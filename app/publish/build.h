// Turns a performance team's CSV exports and plan.toml into a validated snapshot (INPUT.md).
// Collects every problem as "file:line: what is wrong" instead of stopping at the first.
#pragma once

#include "core/model.h"
#include "core/problem.h"

#include <optional>
#include <string>

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

Result<Snapshot> BuildSnapshot(const BuildInputs& inputs);

// Reads the named files; an unreadable file is reported like any other problem.
Result<BuildInputs> ReadInputs(const std::string& plan_path, const std::string& indicators_path,
                               const std::string& actions_path,
                               const std::optional<std::string>& evidence_path);

} // namespace wb::publish
