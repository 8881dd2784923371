// Reads a CSV file per RFC 4180 through libcsv, keeping the line each record starts on,
// so every problem the publisher finds can be reported as file:line.
// Handles what Excel's "CSV UTF-8" writes: a UTF-8 byte-order mark, CRLF, quoted fields with
// commas, quotes and line breaks. Fields are kept verbatim (no trimming).
#pragma once

#include "core/problem.h"

#include <string>
#include <string_view>
#include <vector>

namespace wb::publish
{

struct CsvRecord
{
    int line = 0; // 1-based line of the file where the record starts
    std::vector<std::string> fields;
};

// Parses CSV text. `name` is used in problem locations ("indicators.csv:12").
// An unclosed quote is a problem, reported at the line it opens. A quote inside an unquoted field
// (37°36'37.8"N) is kept as written, as csv-spectrum expects.
Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, const std::string& name);

} // namespace wb::publish
