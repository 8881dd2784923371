// Reading a whole file, and replacing one so that a reader sees the old content or the new, never half.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace wb
{

// Writes `bytes` to a temporary file beside `path`, fsyncs it, renames it over `path`, and fsyncs the
// folder. Returns an empty string on success, otherwise what went wrong in words.
std::string WriteFileAtomically(const std::string& path, std::string_view bytes);

// The whole content of a file, or nothing when it cannot be read.
std::optional<std::string> ReadWholeFile(const std::string& path);

} // namespace wb
