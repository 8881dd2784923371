// JSONTestSuite (github.com/nst/JSONTestSuite), used in place from ../shared/testdata.
// None of its files is a snapshot, so the parser must refuse every one with a message:
// no crash, no hang, no unbounded memory (some nest 100,000 arrays deep).
#include "core/snapshot.h"

#include "test_support.h"

#include <filesystem>

using namespace wb;

TEST_CASE("every JSONTestSuite file is refused with a message", "[snapshot][json-test-suite]")
{
    const std::filesystem::path dir = test::SharedDir() + "/testdata/JSONTestSuite/test_parsing";
    REQUIRE(std::filesystem::is_directory(dir));
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
    {
        const std::string name = entry.path().filename().string();
        const auto result = ParseSnapshot(test::ReadFile(entry.path()));
        INFO(name);
        REQUIRE_FALSE(result.Ok());
        REQUIRE_FALSE(result.Problems().empty());
        CHECK_FALSE(result.Problems().front().what.empty());
        // Files that must not parse as JSON are refused as JSON, not for their shape.
        if (name.starts_with("n_"))
        {
            const std::string& what = result.Problems().front().what;
            CHECK((what.find("not valid JSON") != std::string::npos ||
                   what.find("empty") != std::string::npos || what.find("nested") != std::string::npos));
        }
        ++files;
    }
    CHECK(files == 318);
}
