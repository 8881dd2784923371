// The CSV reader behind wallboard-publish: csv-spectrum (in place from ../shared/testdata) and
// the things Excel writes.
#include "publish/csv_reader.h"

#include "test_support.h"

#include <nlohmann/json.hpp>

#include <filesystem>

using namespace wb;
using namespace wb::publish;

TEST_CASE("the reader reads every csv-spectrum case to exactly its expected rows", "[csv][csv-spectrum]")
{
    const std::filesystem::path dir = test::SharedDir() + "/testdata/csv-spectrum";
    int cases = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "csvs"))
    {
        const std::string stem = entry.path().stem().string();
        INFO(stem);
        auto expected = nlohmann::json::parse(test::ReadFile(dir / "json" / (stem + ".json")));
        if (stem == "location_coordinates")
        {
            // Upstream erratum (csv-spectrum d30e80f): the expected file is a bare object, not a list of
            // rows, and its phone number (1234567890) is not the one in the CSV (2095257564). We compare
            // against the CSV's own bytes for that field and everything else as published.
            REQUIRE(expected.is_object());
            CHECK(expected["Contact Phone Number"] == "1234567890");
            expected["Contact Phone Number"] = "2095257564";
            expected = nlohmann::json::array({expected});
        }
        auto records = ParseCsv(test::ReadFile(entry.path()), entry.path().filename().string());
        INFO(FormatProblems(records.Problems()));
        REQUIRE(records.Ok());
        const auto& rows = records.Value();
        // csv-spectrum's expectation: objects keyed by the header row.
        nlohmann::json actual = nlohmann::json::array();
        for (size_t i = 1; i < rows.size(); ++i)
        {
            nlohmann::json object = nlohmann::json::object();
            REQUIRE(rows[i].fields.size() == rows[0].fields.size());
            for (size_t k = 0; k < rows[i].fields.size(); ++k)
                object[rows[0].fields[k]] = rows[i].fields[k];
            actual.push_back(object);
        }
        CHECK(actual == expected);
        ++cases;
    }
    CHECK(cases == 12);
}

TEST_CASE("records know the line they start on", "[csv]")
{
    auto records = ParseCsv("a,b\r\n1,\"two\r\nlines\"\r\n\r\n3,4\r\n", "t.csv");
    REQUIRE(records.Ok());
    const auto& rows = records.Value();
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].line == 2);
    CHECK(rows[1].fields[1] == "two\r\nlines");
    CHECK(rows[2].line == 5); // after the blank line 4
    CHECK(rows[2].fields == std::vector<std::string>{"3", "4"});
}

TEST_CASE("an Excel byte-order mark is not part of the first heading", "[csv]")
{
    auto records = ParseCsv("\xEF\xBB\xBFid,name\n1,x\n", "bom.csv");
    REQUIRE(records.Ok());
    CHECK(records.Value()[0].fields[0] == "id");
}

TEST_CASE("an unclosed quote is an error at the line it opens", "[csv]")
{
    auto records = ParseCsv("id,name\n1,ok\n2,\"never closed\n3,x\n", "bad.csv");
    REQUIRE_FALSE(records.Ok());
    CHECK(test::HasProblem(records.Problems(), "bad.csv:3", "never closed"));
}

TEST_CASE("a quote inside an unquoted field is kept as written", "[csv]")
{
    auto records = ParseCsv("id,where\n1,37.8\"N\n", "coords.csv");
    REQUIRE(records.Ok());
    CHECK(records.Value()[1].fields[1] == "37.8\"N");
}

TEST_CASE("fields keep their spaces and an empty file has no records", "[csv]")
{
    auto records = ParseCsv("a, b \n", "s.csv");
    REQUIRE(records.Ok());
    CHECK(records.Value()[0].fields[1] == " b ");
    auto empty = ParseCsv("", "e.csv");
    REQUIRE(empty.Ok());
    CHECK(empty.Value().empty());
}
