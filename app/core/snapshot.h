// The snapshot: one JSON document per plan, "schema": "wallboard.snapshot/1".
// The format is documented in snapshot_format.md beside this file; a test keeps the three in step.
// Pure functions, safe to call from any thread.
#pragma once

#include "core/model.h"
#include "core/problem.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace wb
{

inline constexpr std::string_view kSnapshotSchema = "wallboard.snapshot/1";
inline constexpr int kSnapshotMajorVersion = 1;

// Deeper nesting than any snapshot has is refused before parsing, so hostile input cannot exhaust the stack.
inline constexpr int kMaxSnapshotDepth = 32;

// Serialises a snapshot without its content hash: the bytes the hash is computed over.
std::string SnapshotToJson(const Snapshot& snapshot);

// Serialises with "content_hash" as the last member. `hash` is "sha256:<hex>" of SnapshotToJson().
std::string SnapshotToJsonWithHash(const Snapshot& snapshot, std::string_view hash);

// Parses and validates completely: syntax, shape, types, and every cross-reference.
// Returns every problem found, each with a JSON pointer. Unknown members are ignored;
// an unknown major schema version is refused.
Result<Snapshot> ParseSnapshot(std::string_view json);

// Checks cross-references and uniqueness of an already-built snapshot (the publisher's last step).
std::vector<Problem> ValidateSnapshot(const Snapshot& snapshot);

// Names used in the JSON for the model's enums.
std::string_view ToString(Unit unit);
std::string_view ToString(MeasureBasis basis);
std::string_view ToString(Polarity polarity);
std::string_view ToString(DueKind kind);
std::string_view ToString(TargetKind kind);
std::string_view ToString(DashboardKind kind);

// Parses the names above (used by the publisher for its CSV columns).
std::optional<Unit> ParseUnit(std::string_view text);
std::optional<MeasureBasis> ParseMeasureBasis(std::string_view text);
std::optional<Polarity> ParsePolarity(std::string_view text);

} // namespace wb
