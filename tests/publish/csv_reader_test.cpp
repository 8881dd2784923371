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

TEST_CASE("the separator is sniffed from the header, outside quotes", "[csv][excel-files]")
{
    CHECK(SniffDelimiter("id,name,unit\n1,a;b,c\n") == ',');
    CHECK(SniffDelimiter("id;name;unit\n1;a,b;c\n") == ';');
    CHECK(SniffDelimiter("id\tname\tunit\n") == '\t');
    CHECK(SniffDelimiter("\"a,b\";\"c,d\";e\n") == ';');                  // commas in quotes do not count
    CHECK(SniffDelimiter("ref\tTimescale, date\tlead\n") == '\t');        // Unicode Text: commas unquoted
    CHECK(SniffDelimiter("ref,\"Time; date\",lead\r\nx;y;z;w\n") == ','); // only the header line counts
    CHECK(SniffDelimiter("id\n1\n") == ',');                              // one column: comma
    CHECK(SniffDelimiter("") == ',');
}

TEST_CASE("semicolon and tab files parse with their separator and say so", "[csv][excel-files]")
{
    auto semicolon = ReadCsvFile("ref;teams;action\r\n1.1;\"a;b\";Do it, now\r\n", "a.csv");
    INFO(FormatProblems(semicolon.Problems()));
    REQUIRE(semicolon.Ok());
    CHECK(semicolon.Value().delimiter == ';');
    CHECK(semicolon.Value().records[1].fields == std::vector<std::string>{"1.1", "a;b", "Do it, now"});
    CHECK(semicolon.Value().description == "UTF-8, semicolon-separated");

    auto tab = ReadCsvFile("\xEF\xBB\xBFref\taction\n2.6\t\"say \"\"no\"\"\"\n", "t.csv");
    REQUIRE(tab.Ok());
    CHECK(tab.Value().records[1].fields == std::vector<std::string>{"2.6", "say \"no\""});
    CHECK(tab.Value().description == "UTF-8 with byte-order mark, tab-separated");

    auto comma = ReadCsvFile("ref,action\n1,caf\xE9\n", "c.csv");
    REQUIRE(comma.Ok());
    CHECK(comma.Value().records[1].fields[1] == "caf\xC3\xA9");
    CHECK(comma.Value().description == "Windows-1252, comma-separated");
}

TEST_CASE("a header whose separators are inside quotes looks semicolon-separated", "[csv][excel-files]")
{
    // Each line wrapped in quotes, as when a semicolon file is pasted into one column and saved again.
    auto whole = ReadCsvFile("\"ref;priority;action\"\n\"1.1;1;Do it\"\n", "actions.csv");
    REQUIRE_FALSE(whole.Ok());
    CHECK(test::HasProblem(whole.Problems(), "actions.csv:1", "looks semicolon-separated"));
    CHECK_FALSE(test::HasProblem(whole.Problems(), "", "missing"));

    auto one_field = ReadCsvFile("id,\"name;unit;measure\"\n", "i.csv");
    REQUIRE_FALSE(one_field.Ok());
    CHECK(test::HasProblem(one_field.Problems(), "i.csv:1", "looks semicolon-separated"));

    // One ';' in a heading among several is a heading, not a separator.
    CHECK(ReadCsvFile("ref,\"Time; date\",lead\n", "ok.csv").Ok());
}

TEST_CASE("classic Mac line ends count as lines", "[csv][excel-files]")
{
    auto mac = ReadCsvFile("id,name\r1,a\r2,\"unclosed\r3,c\r", "mac.csv");
    REQUIRE_FALSE(mac.Ok());
    CHECK(test::HasProblem(mac.Problems(), "mac.csv:3", "never closed"));
}

TEST_CASE("decimal commas are read in the figure columns of a semicolon file",
          "[csv][excel-files][decimal-comma]")
{
    auto file = ReadCsvFile("id;name;target;Oct-22;01/11/2022\n"
                            "1.100;Rate 2,5;90,0%;64,1%;-3,25\n"
                            "2;Count;;1.147;1.147,5\n"
                            "3;Rate;;189,2r; 7,6 %\n",
                            "i.csv");
    INFO(FormatProblems(file.Problems()));
    REQUIRE(file.Ok());
    const auto& rows = file.Value().records;
    CHECK(rows[1].fields == std::vector<std::string>{"1.100", "Rate 2,5", "90.0%", "64.1%", "-3.25"});
    CHECK(rows[2].fields == std::vector<std::string>{"2", "Count", "", "1147", "1147.5"});
    CHECK(rows[3].fields == std::vector<std::string>{"3", "Rate", "", "189.2r", " 7.6 %"});
    CHECK(file.Value().decimal_commas);
    CHECK(file.Value().description == "UTF-8, semicolon-separated, decimal commas");
}

TEST_CASE("a semicolon file with decimal points keeps the comma file's reading",
          "[csv][excel-files][decimal-comma]")
{
    auto file = ReadCsvFile("id;Oct-22;Nov-22\n1;64.1%;1,147\n", "i.csv");
    REQUIRE(file.Ok());
    CHECK(file.Value().records[1].fields == std::vector<std::string>{"1", "64.1%", "1,147"});
    CHECK_FALSE(file.Value().decimal_commas);
}

TEST_CASE("figures that do not say how they write decimals are a problem",
          "[csv][excel-files][decimal-comma]")
{
    auto both = ReadCsvFile("id;Oct-22;Nov-22\n1;64,1%;2\n2;64.1%;3\n", "both.csv");
    REQUIRE_FALSE(both.Ok());
    CHECK(test::HasProblem(both.Problems(), "both.csv:2", "decimal point"));

    auto either = ReadCsvFile("id;Oct-22\n1;47\n2;1,147\n", "either.csv");
    REQUIRE_FALSE(either.Ok());
    CHECK(test::HasProblem(either.Problems(), "either.csv:3", "\"1,147\" could be a thousands separator"));

    // A comma file is never rewritten: "1,147" there is a thousands separator (the build reads it).
    auto comma = ReadCsvFile("id,Oct-22\n1,\"1,147\"\n", "c.csv");
    REQUIRE(comma.Ok());
    CHECK(comma.Value().records[1].fields[1] == "1,147");
}
