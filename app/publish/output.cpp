// Snapshot output: serialise with the content hash and replace the file atomically.
#include "publish/output.h"

#include "core/digest.h"
#include "core/files.h"
#include "core/screens.h"
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

std::string WriteScreensFile(const std::string& json, const std::string& dir)
{
    return WriteFileAtomically((std::filesystem::path(dir) / kScreensFileName).string(), json);
}

} // namespace wb::publish
