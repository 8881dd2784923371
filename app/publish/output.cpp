// Snapshot output: serialise with the content hash and replace the file atomically.
#include "publish/output.h"

#include "core/digest.h"
#include "core/files.h"
#include "core/snapshot.h"

#include <filesystem>

namespace wb::publish
{

std::string WriteSnapshotFile(const Snapshot& snapshot, const std::string& dir)
{
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error)
        return "cannot create " + dir + ": " + error.message();
    const std::string bytes = SnapshotToJsonWithHash(snapshot, ContentHash(SnapshotToJson(snapshot)));
    return WriteFileAtomically((std::filesystem::path(dir) / kSnapshotFileName).string(), bytes);
}

} // namespace wb::publish
