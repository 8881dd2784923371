// libFuzzer harness over wb::ParseSnapshot, the parser and validator every feed response and cached row
// goes through (io/sync), then over the board's view of what it accepts. Beyond "no crash, no sanitizer
// report, no exception", it checks what snapshot.h promises: a refusal says what is wrong; an accepted
// snapshot validates, serialises, and reads back to the same document; the board's view builds from it.
#include "core/board_view.h"
#include "core/digest.h"
#include "core/snapshot.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace
{

[[noreturn]] void Fail(const char* what)
{
    std::fprintf(stderr, "fuzz_snapshot: %s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    auto parsed = wb::ParseSnapshot(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!parsed.Ok())
    {
        if (parsed.Problems().empty())
            Fail("a refusal without a problem");
        for (const wb::Problem& problem : parsed.Problems())
            if (problem.what.empty())
                Fail("a problem that says nothing");
        return 0;
    }
    auto snapshot = std::make_shared<const wb::Snapshot>(std::move(parsed).Value());
    if (!wb::ValidateSnapshot(*snapshot).empty())
        Fail("an accepted snapshot that does not validate");

    // What the publisher would write for this model, read back by the board, is the same document.
    const std::string json = wb::SnapshotToJson(*snapshot); // throws on text that is not UTF-8
    auto again = wb::ParseSnapshot(wb::SnapshotToJsonWithHash(*snapshot, wb::ContentHash(json)));
    if (!again.Ok())
        Fail("an accepted snapshot that, written out, is refused");
    if (wb::SnapshotToJson(again.Value()) != json)
        Fail("an accepted snapshot that does not read back to the same document");

    // The figures every page draws: counts, overdue, against target, on the plan's own date.
    const wb::BoardView view = wb::BuildBoardView(snapshot, snapshot->plan.as_of);
    if (view.dashboards.size() != snapshot->dashboards.size())
        Fail("a view without one entry per dashboard");
    return 0;
}
