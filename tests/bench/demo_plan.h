// The Plymouth demo plan built from its CSV, as wallboard-publish builds it: what the benchmarks measure.
#pragma once

#include "core/model.h"
#include "publish/build.h"

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace wb::bench
{

inline std::string Read(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    std::ostringstream content;
    content << file.rdbuf();
    return content.str();
}

// The demo plan, as wallboard-publish builds it; empty when it does not build.
inline std::optional<Snapshot> DemoPlan()
{
    const std::string demo = std::string(WALLBOARD_SOURCE_DIR) + "/config/demo/plymouth/";
    auto built = publish::BuildSnapshot({{"plan.toml", Read(demo + "plan.toml")},
                                         {"indicators.csv", Read(demo + "indicators.csv")},
                                         {"actions.csv", Read(demo + "actions.csv")},
                                         publish::InputText{"evidence.csv", Read(demo + "evidence.csv")}});
    if (!built.Ok())
        return std::nullopt;
    return std::move(built).Value();
}

} // namespace wb::bench
