// Reading a whole file, and replacing one so that a reader sees the old content or the new, never half.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wb
{

// Writes `bytes` to a uniquely named temporary file beside `path` (mode 0644 less the umask), fsyncs it,
// renames it over `path`, and fsyncs the folder; the temporary file is removed on any failure. Several
// writers at once each replace the file whole (the last rename wins). Returns an empty string on success,
// otherwise what went wrong in words, starting "the disk is full: " when it is.
std::string WriteFileAtomically(const std::string& path, std::string_view bytes);

// The whole content of a file, or nothing when it cannot be read.
std::optional<std::string> ReadWholeFile(const std::string& path);

} // namespace wb
