// Whole-file reads, and atomic replacement with POSIX calls: a uniquely named temporary file (mkostemp),
// fsync, rename, fsync of the folder.
#include "core/files.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
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
        if (written < 0)
            return false;
        if (written == 0)
        {
            errno = ENOSPC; // write(2) makes no progress only when there is no room
            return false;
        }
        bytes.remove_prefix(static_cast<size_t>(written));
    }
    return true;
}

// What went wrong with `what`, in words; a full disk (or quota) says so first, as the cache does.
std::string Failed(const std::string& what, int error)
{
    const std::string text = what + ": " + std::strerror(error);
    return error == ENOSPC || error == EDQUOT ? "the disk is full: " + text : text;
}

// The process's umask, read without changing it (umask(2) can only set it, which would race with other
// threads creating files): from /proc/self/status, else the usual 022.
mode_t CurrentUmask()
{
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.starts_with("Umask:"))
            return static_cast<mode_t>(std::strtoul(line.c_str() + 6, nullptr, 8));
    return 022;
}

} // namespace

std::string WriteFileAtomically(const std::string& path, std::string_view bytes)
{
    // A name no other writer (thread or process) can pick, in the target's folder so rename stays atomic.
    std::string temp_path = path + ".tmp.XXXXXX";
    const int fd = ::mkostemp(temp_path.data(), O_CLOEXEC);
    if (fd < 0)
        return Failed("cannot write " + temp_path, errno);
    // mkstemp makes the file 0600; give it the mode a plain create would (a web server or monitoring
    // reads these files as another user).
    bool ok = ::fchmod(fd, 0644 & ~CurrentUmask()) == 0 && WriteAll(fd, bytes) && ::fsync(fd) == 0;
    int saved_errno = errno;
    if (::close(fd) != 0 && ok)
    {
        ok = false;
        saved_errno = errno;
    }
    if (!ok)
    {
        ::unlink(temp_path.c_str());
        return Failed("cannot write " + temp_path, saved_errno);
    }
    if (::rename(temp_path.c_str(), path.c_str()) != 0)
    {
        saved_errno = errno;
        ::unlink(temp_path.c_str());
        return Failed("cannot replace " + path, saved_errno);
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
