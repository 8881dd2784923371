// libFuzzer harness over the CSV reader: decoding (text_encoding.h), separator sniffing, RFC 4180
// parsing and decimal commas (csv_reader.h). Beyond "no crash, no sanitizer report, no exception", it
// checks what the reader promises: every field it returns is UTF-8 a JSON writer accepts, records come
// in line order, and a refusal is a problem located in the file.
#include "publish/csv_reader.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace
{

[[noreturn]] void Fail(const char* what)
{
    std::fprintf(stderr, "fuzz_csv: %s\n", what);
    std::abort();
}

void CheckProblems(const std::vector<wb::Problem>& problems)
{
    if (problems.empty())
        Fail("a refusal without a problem");
    for (const wb::Problem& problem : problems)
        if (!problem.where.starts_with("fuzz.csv") || problem.what.empty())
            Fail("a problem that does not name the file or says nothing");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto file = wb::publish::ReadCsvFile(bytes, "fuzz.csv");
    if (!file.Ok())
    {
        CheckProblems(file.Problems());
        return 0;
    }
    if (file.Value().description.empty())
        Fail("no description of how the file was read");
    nlohmann::json fields = nlohmann::json::array();
    int line = 0;
    for (const wb::publish::CsvRecord& record : file.Value().records)
    {
        if (record.line < line || record.line < 1)
            Fail("records out of line order");
        line = record.line;
        for (const std::string& field : record.fields)
            fields.push_back(field);
    }
    // Throws, and so aborts the fuzzer, on any invalid UTF-8.
    (void)fields.dump();

    // The parser on its own, with each separator, on whatever bytes it is given.
    for (char delimiter : {',', ';', '\t'})
        if (auto records = wb::publish::ParseCsv(bytes, "fuzz.csv", delimiter); !records.Ok())
            CheckProblems(records.Problems());
    return 0;
}
