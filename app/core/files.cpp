// Whole-file reads, and atomic replacement with POSIX calls: temporary file, fsync, rename, fsync of the
// folder.
#include "core/files.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace wb
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

std::string WriteFileAtomically(const std::string& path, std::string_view bytes)
{
    const std::string temp_path = path + ".tmp." + std::to_string(::getpid());
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
    if (::rename(temp_path.c_str(), path.c_str()) != 0)
    {
        const std::string reason = std::strerror(errno);
        ::unlink(temp_path.c_str());
        return "cannot replace " + path + ": " + reason;
    }
    // Make the rename itself durable.
    std::string dir = std::filesystem::path(path).parent_path().string();
    if (dir.empty())
        dir = ".";
    if (const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir_fd >= 0)
    {
        ::fsync(dir_fd);
        ::close(dir_fd);
    }
    return {};
}

std::optional<std::string> ReadWholeFile(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return std::nullopt;
    std::ostringstream content;
    content << file.rdbuf();
    if (file.bad())
        return std::nullopt;
    return content.str();
}

} // namespace wb
