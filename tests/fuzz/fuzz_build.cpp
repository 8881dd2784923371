// libFuzzer harness over publish::BuildSnapshot: the Plymouth demo's plan.toml and CSVs, with the fuzzed
// bytes as indicators.csv (WALLBOARD_FUZZ_INDICATORS) or actions.csv. A build either fails with located
// problems, or gives a snapshot that serialises (no exception on its text) and that the board's own
// parser accepts, as build.cpp promises.
#include "core/digest.h"
#include "core/snapshot.h"
#include "publish/build.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace
{

[[noreturn]] void Fail(const char* what)
{
    std::fprintf(stderr, "fuzz_build: %s\n", what);
    std::abort();
}

std::string ReadDemoFile(const char* name)
{
    const std::string path = std::string(WALLBOARD_SOURCE_DIR) + "/config/demo/plymouth/" + name;
    std::ifstream file(path, std::ios::binary);
    if (!file)
        Fail("cannot read the Plymouth demo");
    std::ostringstream content;
    content << file.rdbuf();
    return content.str();
}

const wb::publish::BuildInputs& DemoInputs()
{
    static const wb::publish::BuildInputs inputs{{"plan.toml", ReadDemoFile("plan.toml")},
                                                 {"indicators.csv", ReadDemoFile("indicators.csv")},
                                                 {"actions.csv", ReadDemoFile("actions.csv")},
                                                 std::nullopt};
    return inputs;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    wb::publish::BuildInputs inputs = DemoInputs();
#ifdef WALLBOARD_FUZZ_INDICATORS
    inputs.indicators.text.assign(reinterpret_cast<const char*>(data), size);
#else
    inputs.actions.text.assign(reinterpret_cast<const char*>(data), size);
#endif
    auto built = wb::publish::BuildSnapshot(inputs);
    if (!built.Ok())
    {
        if (built.Problems().empty())
            Fail("a failed build without a problem");
        for (const wb::Problem& problem : built.Problems())
            if (problem.what.empty())
                Fail("a problem that says nothing");
        return 0;
    }
    const std::string json = wb::SnapshotToJson(built.Value()); // throws on text that is not UTF-8
    const std::string bytes = wb::SnapshotToJsonWithHash(built.Value(), wb::ContentHash(json));
    if (!wb::ParseSnapshot(bytes).Ok())
        Fail("build wrote a snapshot that the board refuses");
    return 0;
}
