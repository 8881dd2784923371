// Replacing a file so that a reader sees the old content or the new, never half of either.
#pragma once

#include <string>
#include <string_view>

namespace wb
{

// Writes `bytes` to a temporary file beside `path`, fsyncs it, renames it over `path`, and fsyncs the
// folder. Returns an empty string on success, otherwise what went wrong in words.
std::string WriteFileAtomically(const std::string& path, std::string_view bytes);

} // namespace wb
