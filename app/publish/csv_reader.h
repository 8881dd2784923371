// Reads a CSV file as Excel saves it: decodes it (text_encoding.h), finds its field separator, and
// parses it per RFC 4180 through libcsv, keeping the line each record starts on, so every problem the
// publisher finds can be reported as file:line.
// Handles a UTF-8 byte-order mark, CRLF (and classic Mac CR) line ends, quoted fields with separators,
// quotes and line breaks; comma, semicolon (European Excel) and tab (Excel's "Unicode Text") separators;
// and the decimal commas a semicolon or tab export writes. Fields are kept verbatim (no trimming), except
// numbers with a decimal comma in month and target columns, which are rewritten with a point.
#pragma once

#include "core/problem.h"
#include "publish/text_encoding.h"

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

// Parses CSV text (UTF-8) separated by `delimiter`. `name` is used in problem locations
// ("indicators.csv:12"). An unclosed quote is a problem, reported at the line it opens. A quote inside an
// unquoted field (37°36'37.8"N) is kept as written, as csv-spectrum expects.
Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, const std::string& name, char delimiter = ',');

// The field separator of `text`, from its first line, counting only characters outside quotes: the most
// frequent of tab, semicolon and comma; comma when there is none (a one-column file).
char SniffDelimiter(std::string_view text);

// "comma-separated", "semicolon-separated", "tab-separated".
std::string DelimiterName(char delimiter);

struct CsvFile
{
    std::vector<CsvRecord> records;
    TextEncoding encoding = TextEncoding::Utf8;
    char delimiter = ',';
    bool decimal_commas = false; // numbers written "64,1%" were read as "64.1%"
    std::string description;     // what `build` says it read: "Windows-1252, semicolon-separated"
};

// Decodes, sniffs and parses the bytes of a file as saved by Excel.
// In a semicolon- or tab-separated file the month columns (headings ParsePeriodHeading reads) and a
// column headed "target" are checked for how they write decimals: "64,1" (a decimal comma, European
// Excel) is rewritten "64.1", with "1.147" then meaning 1147; a file that writes "64.1" keeps the
// reading of a comma file ("1,147" is 1147). A file that writes both, or only numbers such as "1,147"
// that could be either, is a problem rather than a guess. Comma-separated files are never rewritten.
Result<CsvFile> ReadCsvFile(std::string_view bytes, const std::string& name);

} // namespace wb::publish
