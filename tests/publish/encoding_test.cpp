// Every file Excel writes: the encodings text_encoding.h reads, the problems for files that are not
// text, and the Plymouth demo saved as Windows-1252, UTF-16 and semicolon CSV building to the same
// snapshot as the UTF-8 one.
#include "core/digest.h"
#include "core/snapshot.h"
#include "publish/csv_reader.h"
#include "publish/text_encoding.h"

#include "test_support.h"

#include <nlohmann/json.hpp>

#include <iconv.h>

#include <regex>

using namespace wb;
using namespace wb::publish;

namespace
{

using namespace std::string_literals;

std::string Decoded(std::string_view bytes, TextEncoding expected)
{
    auto decoded = DecodeText(bytes, "t.csv");
    INFO(FormatProblems(decoded.Problems()));
    REQUIRE(decoded.Ok());
    CHECK(decoded.Value().encoding == expected);
    return decoded.Value().text;
}

std::vector<Problem> Refused(std::string_view bytes, const std::string& name = "t.csv")
{
    auto decoded = DecodeText(bytes, name);
    REQUIRE_FALSE(decoded.Ok());
    return decoded.Problems();
}

// glibc iconv, used here only to make the test files: UTF-8 -> `to`.
std::string Encode(const std::string& utf8, const char* to)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string out(utf8.size() * 4 + 16, '\0');
    char* in = const_cast<char*>(utf8.data());
    size_t in_left = utf8.size();
    char* out_ptr = out.data();
    size_t out_left = out.size();
    const size_t status = iconv(cd, &in, &in_left, &out_ptr, &out_left);
    iconv_close(cd);
    REQUIRE(status != static_cast<size_t>(-1)); // every demo character exists in `to`
    out.resize(out.size() - out_left);
    return out;
}

// Writes records as Excel does: fields holding the separator, a quote or a line break are quoted.
std::string WriteCsv(const std::vector<CsvRecord>& records, char delimiter)
{
    std::string text;
    for (const CsvRecord& record : records)
    {
        for (size_t i = 0; i < record.fields.size(); ++i)
        {
            const std::string& field = record.fields[i];
            if (i > 0)
                text += delimiter;
            if (field.find_first_of(std::string("\"\r\n") + delimiter) == std::string::npos)
                text += field;
            else
            {
                text += '"';
                for (char c : field)
                    text += c == '"' ? "\"\"" : std::string(1, c);
                text += '"';
            }
        }
        text += "\r\n";
    }
    return text;
}

std::vector<CsvRecord> DemoRecords(const std::string& file)
{
    auto records = ParseCsv(test::ReadFile(test::DemoDir("plymouth") / file), file);
    REQUIRE(records.Ok());
    return records.Value();
}

// What a European Excel writes in figure cells: "64.1%" as "64,1%", "1,147" as "1.147". Figure
// columns are found by the test's own rule for the demo's headings (Mar-23) and "target".
void Europeanise(std::vector<CsvRecord>& records)
{
    const std::regex month("[A-Z][a-z]{2}-[0-9]{2}");
    const std::regex figure("-?[0-9][0-9,]*(\\.[0-9]+)?[%r]?");
    std::vector<size_t> columns;
    for (size_t i = 0; i < records[0].fields.size(); ++i)
        if (std::regex_match(records[0].fields[i], month) || records[0].fields[i] == "target")
            columns.push_back(i);
    REQUIRE(columns.size() == 9); // Aug-22 .. Mar-23 and target
    for (size_t r = 1; r < records.size(); ++r)
        for (size_t column : columns)
            if (std::string& field = records[r].fields[column]; std::regex_match(field, figure))
                for (char& c : field)
                    c = c == '.' ? ',' : c == ',' ? '.' : c;
}

std::string Description(const std::string& bytes)
{
    auto file = ReadCsvFile(bytes, "indicators.csv");
    INFO(FormatProblems(file.Problems()));
    REQUIRE(file.Ok());
    return file.Value().description;
}

std::string HashOf(const BuildInputs& inputs)
{
    auto built = BuildSnapshot(inputs);
    INFO(FormatProblems(built.Problems()));
    REQUIRE(built.Ok());
    return ContentHash(SnapshotToJson(built.Value()));
}

} // namespace

TEST_CASE("UTF-8, with or without a byte-order mark, is read as it is", "[encoding]")
{
    CHECK(Decoded("id,name\n1,caf\xC3\xA9\n", TextEncoding::Utf8) == "id,name\n1,caf\xC3\xA9\n");
    CHECK(Decoded("\xEF\xBB\xBFid\n", TextEncoding::Utf8Bom) == "id\n");
    CHECK(Decoded("", TextEncoding::Utf8).empty());
    CHECK(Decoded("\xEF\xBB\xBF", TextEncoding::Utf8Bom).empty());
}

TEST_CASE("UTF-16 with a byte-order mark is Excel's Unicode Text", "[encoding]")
{
    CHECK(Decoded("\xFF\xFEi\0d\0\t\0\xA3\0\n\0"s, TextEncoding::Utf16Le) == "id\t\xC2\xA3\n");
    CHECK(Decoded("\xFE\xFF\0i\0d\x20\x13\0\n"s, TextEncoding::Utf16Be) == "id\xE2\x80\x93\n");
    CHECK(Decoded("\xFF\xFE=\xD8\0\xDE"s, TextEncoding::Utf16Le) == "\xF0\x9F\x98\x80"); // a surrogate pair
    CHECK(Decoded("\xFF\xFE"s, TextEncoding::Utf16Le).empty());

    CHECK(test::HasProblem(Refused("\xFF\xFEi\0d\0\n\0x"s), "t.csv:2", "cut short"));
    CHECK(test::HasProblem(Refused("\xFF\xFEi\0\n\0=\xD8"s), "t.csv:2", "cut short")); // half a pair
    CHECK(test::HasProblem(Refused("\xFF\xFEi\0\n\0\0\xDEx\0"s), "t.csv:2", "lone surrogate"));
    CHECK(test::HasProblem(Refused("\xFF\xFEi\0\n\0\0\0"s), "t.csv:2", "NUL"));
}

TEST_CASE("bytes that are not UTF-8 are read as Windows-1252", "[encoding]")
{
    // Excel's UK "CSV (Comma delimited)": pound sign, en dash, curly quotes, e acute.
    CHECK(Decoded("\xA3 5 \x96 \x93ok\x94 caf\xE9\n", TextEncoding::Windows1252) ==
          "\xC2\xA3 5 \xE2\x80\x93 \xE2\x80\x9Cok\xE2\x80\x9D caf\xC3\xA9\n");
    // A CR-only file is Excel's "CSV (Macintosh)", in Mac Roman: 0x8E is e acute, 0xD0 an en dash.
    CHECK(Decoded("caf\x8E \xD0\rx\r", TextEncoding::MacRoman) == "caf\xC3\xA9 \xE2\x80\x93\rx\r");
}

TEST_CASE("bytes that are neither UTF-8 nor Windows-1252 are refused at their line", "[encoding]")
{
    const auto problems = Refused("id,name\n1,caf\xE9\n2,\x81x\n", "indicators.csv");
    CHECK(test::HasProblem(problems, "indicators.csv:3", "byte 0x81 is neither UTF-8 nor Windows-1252"));
    // UTF-8 that glibc lets through but JSON does not: a code point above U+10FFFF (and 0x90 is undefined
    // in 1252).
    CHECK(test::HasProblem(Refused("a\n\xF4\x90\x80\x80\n"), "t.csv:2", "0x90"));
}

TEST_CASE("a file that mixes UTF-8 with another encoding is refused", "[encoding]")
{
    CHECK(test::HasProblem(Refused("a \xE2\x80\x93 b\nc \x96 d\n"), "t.csv:2", "mixes two encodings"));
    CHECK(test::HasProblem(Refused("\xEF\xBB\xBF"
                                   "a\nb\n\xA3\n"),
                           "t.csv:3", "byte-order mark"));
}

TEST_CASE("files that are not text say what they are", "[encoding]")
{
    CHECK(test::HasProblem(Refused("PK\x03\x04\x14\0\x06\0"s), "t.csv", ".xlsx"));
    CHECK(test::HasProblem(Refused("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"s), "t.csv", ".xls"));
    CHECK(test::HasProblem(Refused("id\n\x01\x02\0\xFF"s), "t.csv:2", "not a text file"));
    CHECK(test::HasProblem(Refused("id\n\x01\x02\xFF\xFE"s), "t.csv:2", "not a text file"));
    CHECK(test::HasProblem(Refused("i\0d\0\n\0"s), "t.csv", "UTF-16 text without a byte-order mark"));
}

TEST_CASE("whatever the bytes, decoded text is valid UTF-8 a JSON writer accepts", "[encoding]")
{
    // A second opinion on validity: nlohmann's strict UTF-8 check, over every two-byte sequence
    // after an ASCII prefix, and every single byte.
    int decoded = 0, refused_by_json = 0;
    for (int a = 0; a < 256; ++a)
        for (int b = 0; b < 256; ++b)
        {
            const std::string bytes = "x,y\n"s + static_cast<char>(a) + static_cast<char>(b) + "\xA3";
            auto result = DecodeText(bytes, "t.csv");
            if (!result.Ok())
                continue;
            ++decoded;
            try
            {
                (void)nlohmann::json(result.Value().text).dump();
            }
            catch (const nlohmann::json::exception&)
            {
                ++refused_by_json;
            }
        }
    CHECK(refused_by_json == 0);
    CHECK(decoded > 40000); // most pairs decode (as 1252), so the check above really ran
}

TEST_CASE("the Plymouth demo builds to the same snapshot from every file Excel writes", "[encoding][demo]")
{
    const BuildInputs utf8 = test::DemoInputs("plymouth");
    const std::string expected = HashOf(utf8);
    const auto indicators = DemoRecords("indicators.csv");
    const auto actions = DemoRecords("actions.csv");
    const auto evidence = DemoRecords("evidence.csv");

    SECTION("Windows-1252, comma-separated (Excel's UK CSV)")
    {
        BuildInputs inputs = utf8;
        inputs.indicators.text = Encode(WriteCsv(indicators, ','), "WINDOWS-1252");
        inputs.actions.text = Encode(WriteCsv(actions, ','), "WINDOWS-1252");
        inputs.evidence->text = Encode(WriteCsv(evidence, ','), "WINDOWS-1252");
        CHECK(inputs.indicators.text.find('\x96') != std::string::npos); // en dashes in indicator names
        CHECK(inputs.actions.text.find('\x92') != std::string::npos);    // right single quotes
        CHECK(Description(inputs.indicators.text) == "Windows-1252, comma-separated");
        CHECK(HashOf(inputs) == expected);
    }
    SECTION("UTF-16 LE with a byte-order mark, tab-separated (Excel's Unicode Text)")
    {
        BuildInputs inputs = utf8;
        inputs.indicators.text = "\xFF\xFE" + Encode(WriteCsv(indicators, '\t'), "UTF-16LE");
        inputs.actions.text = "\xFF\xFE" + Encode(WriteCsv(actions, '\t'), "UTF-16LE");
        inputs.evidence->text = "\xFF\xFE" + Encode(WriteCsv(evidence, '\t'), "UTF-16LE");
        CHECK(Description(inputs.indicators.text) == "UTF-16 LE, tab-separated");
        CHECK(HashOf(inputs) == expected);
    }
    SECTION("semicolon-separated with decimal commas (a European Excel)")
    {
        auto european = indicators;
        Europeanise(european);
        BuildInputs inputs = utf8;
        inputs.indicators.text = WriteCsv(european, ';');
        inputs.actions.text = WriteCsv(actions, ';');
        inputs.evidence->text = WriteCsv(evidence, ';');
        CHECK(inputs.indicators.text.find(";64,1%;") != std::string::npos);
        CHECK(inputs.indicators.text.find(";1.147;") != std::string::npos);
        CHECK(Description(inputs.indicators.text) == "UTF-8, semicolon-separated, decimal commas");
        CHECK(HashOf(inputs) == expected);
    }
}
