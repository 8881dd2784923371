// CSV reading on libcsv, with line tracking and an RFC 4180 reading of quotes; the separator sniffed from
// the header; decimal commas read in the columns that hold figures.
//
// [SECTION] Parsing
// [SECTION] Separators
// [SECTION] Decimal commas
// [SECTION] Files as Excel saves them
#include "publish/csv_reader.h"

#include "core/date.h"

#include <csv.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace wb::publish
{

//-----------------------------------------------------------------------------
// [SECTION] Parsing
//-----------------------------------------------------------------------------

namespace
{

// Collects libcsv's callbacks into records, noting the line each record starts on.
struct Collector
{
    std::vector<CsvRecord> records;
    CsvRecord current;
    int line = 1;         // the line being fed to libcsv
    int record_start = 0; // line of the first content of the record in progress; 0 = none yet
    bool between_records = true;

    static void OnField(void* data, size_t length, void* self_ptr)
    {
        auto* self = static_cast<Collector*>(self_ptr);
        self->between_records = false;
        self->current.fields.emplace_back(data ? static_cast<const char*>(data) : "", length);
    }

    static void OnRecordEnd(int /*terminator*/, void* self_ptr)
    {
        auto* self = static_cast<Collector*>(self_ptr);
        self->current.line = self->record_start ? self->record_start : self->line;
        self->records.push_back(std::move(self->current));
        self->current = {};
        self->record_start = 0;
        self->between_records = true;
    }
};

int NeverSpace(unsigned char)
{
    return 0;
}

} // namespace

Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, const std::string& name, char delimiter)
{
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);

    csv_parser parser{};
    if (csv_init(&parser, CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return std::vector<Problem>{{name, "could not start the CSV reader (out of memory)."}};
    csv_set_space_func(&parser, NeverSpace);
    csv_set_delim(&parser, static_cast<unsigned char>(delimiter));

    Collector collector;
    std::vector<Problem> problems;
    // Feed one physical line at a time so the collector knows where each record starts.
    size_t offset = 0;
    while (offset < text.size() && problems.empty())
    {
        size_t end = text.find('\n', offset);
        end = end == std::string_view::npos ? text.size() : end + 1;
        const std::string_view chunk = text.substr(offset, end - offset);
        if (collector.between_records && collector.record_start == 0 &&
            chunk.find_first_not_of("\r\n") != std::string_view::npos)
            collector.record_start = collector.line;
        if (csv_parse(&parser, chunk.data(), chunk.size(), Collector::OnField, Collector::OnRecordEnd,
                      &collector) != chunk.size())
            problems.push_back({name + ":" + std::to_string(collector.line),
                                std::string("could not be read: ") + csv_strerror(csv_error(&parser)) + "."});
        offset = end;
        ++collector.line;
    }
    // Strict only at the end: libcsv then reports a quote still open, while quotes inside unquoted
    // fields, read leniently above, stay as written.
    csv_set_opts(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    if (problems.empty() && csv_fini(&parser, Collector::OnField, Collector::OnRecordEnd, &collector) != 0)
        problems.push_back({name + ":" + std::to_string(collector.record_start),
                            "a quoted field opened here is never closed; the file ends inside quotes."});
    csv_free(&parser);
    if (!problems.empty())
        return problems;
    return std::move(collector.records);
}

//-----------------------------------------------------------------------------
// [SECTION] Separators
//-----------------------------------------------------------------------------

char SniffDelimiter(std::string_view text)
{
    size_t commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (char c : text)
    {
        if (c == '"')
            quoted = !quoted; // a doubled quote toggles twice
        else if (quoted)
            continue;
        else if (c == '\n' || c == '\r')
            break;
        else
        {
            commas += c == ',';
            semicolons += c == ';';
            tabs += c == '\t';
        }
    }
    if (tabs > 0 && tabs >= commas && tabs >= semicolons)
        return '\t';
    return semicolons > commas ? ';' : ',';
}

std::string DelimiterName(char delimiter)
{
    switch (delimiter)
    {
    case ';':
        return "semicolon-separated";
    case '\t':
        return "tab-separated";
    case ',':
        return "comma-separated";
    }
    return std::string("separated by '") + delimiter + "'";
}

//-----------------------------------------------------------------------------
// [SECTION] Decimal commas
//-----------------------------------------------------------------------------

namespace
{

std::string Quoted(std::string_view text)
{
    return "\"" + std::string(text) + "\"";
}

// How a figure writes its number: "1147" says nothing; "64.1" a decimal point; "64,1" a decimal comma;
// "1,147" or "1.147" could be a thousands separator or a decimal.
enum class NumberStyle
{
    NotNumber,
    Plain,
    Point,
    Comma,
    Either,
};

struct NumberForm
{
    NumberStyle style = NumberStyle::NotNumber;
    size_t begin = 0; // the digits and separators within the field
    size_t end = 0;
};

bool IsDigit(char c)
{
    return c >= '0' && c <= '9';
}

// True when groups[1..] have three digits each and groups[0] one to three, not starting with 0:
// a thousands grouping.
bool IsGrouping(const std::vector<std::string_view>& groups)
{
    if (groups.empty() || groups[0].empty() || groups[0].size() > 3 || groups[0][0] == '0')
        return false;
    return std::all_of(groups.begin() + 1, groups.end(), [](std::string_view g) { return g.size() == 3; });
}

// Reads a field such as " -1.147,5 %" or "189,2r": spaces, a sign, digits with '.' and ',', a % or r.
NumberForm ClassifyNumber(std::string_view field)
{
    NumberForm form;
    size_t begin = field.find_first_not_of(" ");
    if (begin == std::string_view::npos)
        return form;
    if (field[begin] == '-')
        ++begin;
    size_t end = begin;
    while (end < field.size() && (IsDigit(field[end]) || field[end] == '.' || field[end] == ','))
        ++end;
    std::string_view rest = field.substr(end);
    rest.remove_prefix(std::min(rest.find_first_not_of(" "), rest.size()));
    if (!rest.empty() && (rest[0] == '%' || rest[0] == 'r'))
        rest.remove_prefix(1);
    if (rest.find_first_not_of(" ") != std::string_view::npos || end == begin)
        return form;
    const std::string_view body = field.substr(begin, end - begin);
    if (!IsDigit(body.front()) || !IsDigit(body.back()))
        return form;

    // Split into digit groups, noting the separators between them.
    std::vector<std::string_view> groups;
    std::string separators;
    size_t start = 0;
    for (size_t i = 0; i <= body.size(); ++i)
        if (i == body.size() || !IsDigit(body[i]))
        {
            if (i == start)
                return form; // two separators in a row
            groups.push_back(body.substr(start, i - start));
            if (i < body.size())
                separators.push_back(body[i]);
            start = i + 1;
        }
    form.begin = begin;
    form.end = end;
    if (separators.empty())
        form.style = NumberStyle::Plain;
    else if (separators.size() == 1)
        form.style = IsGrouping(groups)     ? NumberStyle::Either
                     : separators[0] == '.' ? NumberStyle::Point
                                            : NumberStyle::Comma;
    else if (separators.find_first_not_of(separators[0]) == std::string::npos)
    {
        // "1,147,000" or "1.147.000": only a thousands grouping repeats its separator.
        if (!IsGrouping(groups))
            form.style = NumberStyle::NotNumber;
        else
            form.style = separators[0] == ',' ? NumberStyle::Point : NumberStyle::Comma;
    }
    else
    {
        // "1,147.5" or "1.147,5": a grouping, then a different decimal separator.
        const char decimal = separators.back();
        groups.pop_back();
        separators.pop_back();
        if (separators.find(decimal) != std::string::npos || !IsGrouping(groups))
            form.style = NumberStyle::NotNumber;
        else
            form.style = decimal == '.' ? NumberStyle::Point : NumberStyle::Comma;
    }
    return form;
}

std::string LettersOnly(std::string_view text)
{
    std::string letters;
    for (char c : text)
        if (std::isalpha(static_cast<unsigned char>(c)))
            letters.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return letters;
}

// The columns that hold figures: months and the target.
std::vector<size_t> FigureColumns(const CsvRecord& header)
{
    std::vector<size_t> columns;
    for (size_t i = 0; i < header.fields.size(); ++i)
    {
        std::string_view heading = header.fields[i];
        while (!heading.empty() && (heading.front() == ' ' || heading.front() == '\t'))
            heading.remove_prefix(1);
        while (!heading.empty() &&
               (heading.back() == ' ' || heading.back() == '\t' || heading.back() == '\r'))
            heading.remove_suffix(1);
        if (ParsePeriodHeading(heading) || LettersOnly(heading) == "target")
            columns.push_back(i);
    }
    return columns;
}

// Finds how the figures of a semicolon- or tab-separated file write decimals, and rewrites decimal
// commas with a point. Returns false, with a problem, when the file does not say or says both.
bool ReadDecimalCommas(CsvFile& file, const std::string& name, std::vector<Problem>& problems)
{
    if (file.records.empty())
        return true;
    const std::vector<size_t> columns = FigureColumns(file.records.front());
    struct Seen
    {
        const CsvRecord* record = nullptr;
        std::string field;
    };
    std::optional<Seen> point, comma, either;
    for (size_t r = 1; r < file.records.size(); ++r)
        for (size_t column : columns)
        {
            const CsvRecord& record = file.records[r];
            if (column >= record.fields.size())
                continue;
            const std::string& field = record.fields[column];
            const NumberStyle style = ClassifyNumber(field).style;
            std::optional<Seen>& slot = style == NumberStyle::Point   ? point
                                        : style == NumberStyle::Comma ? comma
                                                                      : either;
            if (!slot &&
                (style == NumberStyle::Point || style == NumberStyle::Comma || style == NumberStyle::Either))
                slot = Seen{&record, field};
        }
    const std::string kind = DelimiterName(file.delimiter);
    if (point && comma)
    {
        problems.push_back({name + ":" + std::to_string(comma->record->line),
                            Quoted(comma->field) + " has a decimal comma, but line " +
                                std::to_string(point->record->line) + " writes " + Quoted(point->field) +
                                " with a decimal point; write every figure the same way."});
        return false;
    }
    if (!point && !comma && either)
    {
        problems.push_back({name + ":" + std::to_string(either->record->line),
                            Quoted(either->field) +
                                " could be a thousands separator or a decimal, and this " + kind +
                                " file writes no figure with a decimal part that tells which; write it "
                                "without the thousands separator (1147 rather than 1,147 or 1.147)."});
        return false;
    }
    if (!comma)
        return true;
    file.decimal_commas = true;
    for (size_t r = 1; r < file.records.size(); ++r)
        for (size_t column : columns)
        {
            CsvRecord& record = file.records[r];
            if (column >= record.fields.size())
                continue;
            std::string& field = record.fields[column];
            const NumberForm form = ClassifyNumber(field);
            if (form.style != NumberStyle::Comma && form.style != NumberStyle::Either)
                continue;
            std::string number;
            for (char c : std::string_view(field).substr(form.begin, form.end - form.begin))
                if (c != '.')
                    number.push_back(c == ',' ? '.' : c);
            field.replace(form.begin, form.end - form.begin, number);
        }
    return true;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Files as Excel saves them
//-----------------------------------------------------------------------------

Result<CsvFile> ReadCsvFile(std::string_view bytes, const std::string& name)
{
    auto decoded = DecodeText(bytes, name);
    if (!decoded.Ok())
        return decoded.Problems();
    CsvFile file;
    file.encoding = decoded.Value().encoding;
    std::string text = std::move(decoded).Value().text;
    // Classic Mac line ends (bare CRs): counted as lines like LFs.
    if (text.find('\n') == std::string::npos)
        std::replace(text.begin(), text.end(), '\r', '\n');

    file.delimiter = SniffDelimiter(text);
    auto records = ParseCsv(text, name, file.delimiter);
    if (!records.Ok())
        return records.Problems();
    file.records = std::move(records).Value();

    std::vector<Problem> problems;
    if (!file.records.empty() && file.delimiter == ',')
    {
        // A header whose headings sit in one field between ';' or tabs was not split by the comma: most
        // likely each line was wrapped in quotes when it was saved.
        const std::vector<std::string>& header = file.records.front().fields;
        for (const std::string& heading : header)
            for (char other : {';', '\t'})
                if (std::count(heading.begin(), heading.end(), other) >= (header.size() == 1 ? 1 : 2))
                {
                    problems.push_back(
                        {name + ":" + std::to_string(file.records.front().line),
                         "the header looks " + DelimiterName(other) + " (" + Quoted(heading) +
                             " is one field), but its separators are inside quotes, so the file reads as "
                             "comma-separated. Save the sheet again from Excel as \"CSV UTF-8 (Comma "
                             "delimited)\"."});
                    return problems;
                }
    }
    if (file.delimiter != ',' && !ReadDecimalCommas(file, name, problems))
        return problems;

    file.description = std::string(EncodingName(file.encoding)) + ", " + DelimiterName(file.delimiter);
    if (file.decimal_commas)
        file.description += ", decimal commas";
    return file;
}

} // namespace wb::publish
