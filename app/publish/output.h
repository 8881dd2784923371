// Writing a snapshot so that a web server never serves half of one.
#pragma once

#include "core/digest.h"
#include "core/model.h"

#include <string>
#include <string_view>

namespace wb::publish
{

// Serialises `snapshot` with its content hash and replaces DIR/snapshot.json atomically
// (temporary file in DIR, fsync, rename, fsync of DIR). Creates DIR if needed.
// Returns an empty string on success, otherwise what went wrong.
std::string WriteSnapshotFile(const Snapshot& snapshot, const std::string& dir);

inline constexpr std::string_view kSnapshotFileName = "snapshot.json";

// Replaces DIR/screens.json (core/screens.h) with `json` atomically, as WriteSnapshotFile does.
std::string WriteScreensFile(const std::string& json, const std::string& dir);

} // namespace wb::publish
