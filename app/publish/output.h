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

} // namespace wb::publish
