// CSV reading on libcsv, with line tracking and an RFC 4180 reading of quotes.
#include "publish/csv_reader.h"

#include <csv.h>

namespace wb::publish
{
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

Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, const std::string& name)
{
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);

    csv_parser parser{};
    if (csv_init(&parser, CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return std::vector<Problem>{{name, "could not start the CSV reader (out of memory)."}};
    csv_set_space_func(&parser, NeverSpace);

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

} // namespace wb::publish
