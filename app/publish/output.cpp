// Atomic snapshot output and its content hash.
#include "publish/output.h"

#include "core/digest.h"
#include "core/snapshot.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace wb::publish
{
namespace
{

// Writes all of `bytes` to `fd`, retrying short writes.
bool WriteAll(int fd, std::string_view bytes)
{
    while (!bytes.empty())
    {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        bytes.remove_prefix(static_cast<size_t>(written));
    }
    return true;
}

} // namespace

std::string WriteSnapshotFile(const Snapshot& snapshot, const std::string& dir)
{
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error)
        return "cannot create " + dir + ": " + error.message();

    const std::string bytes = SnapshotToJsonWithHash(snapshot, ContentHash(SnapshotToJson(snapshot)));
    const std::string final_path = (std::filesystem::path(dir) / kSnapshotFileName).string();
    const std::string temp_path = final_path + ".tmp." + std::to_string(::getpid());

    const int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return "cannot write " + temp_path + ": " + std::strerror(errno);
    const bool ok = WriteAll(fd, bytes) && ::fsync(fd) == 0;
    const int saved_errno = errno;
    ::close(fd);
    if (!ok)
    {
        ::unlink(temp_path.c_str());
        return "cannot write " + temp_path + ": " + std::strerror(saved_errno);
    }
    if (::rename(temp_path.c_str(), final_path.c_str()) != 0)
    {
        const std::string reason = std::strerror(errno);
        ::unlink(temp_path.c_str());
        return "cannot replace " + final_path + ": " + reason;
    }
    // Make the rename itself durable.
    if (const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir_fd >= 0)
    {
        ::fsync(dir_fd);
        ::close(dir_fd);
    }
    return {};
}

} // namespace wb::publish
