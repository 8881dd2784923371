// The bearer token the board sends to its feed: read from its file and checked, so that nothing but one
// token ever reaches a request header (a second line would be sent as a header of its own).
// [X] One line of printable ASCII; blanks and line breaks around it are dropped
// [X] A problem names the file and the line or byte: control characters, spaces, non-ASCII, more lines
// [X] A file of any size is not read whole (a token is short; /dev/zero is not a token)
// [ ] Keeping it out of core dumps: the caller's (prctl(PR_SET_DUMPABLE) covers libcurl's copies too)
// Threads: any.
#pragma once

#include "core/problem.h"

#include <string>
#include <string_view>

namespace wb::io
{

// The token in the file at `path`, or the problem with it, its `where` the path and line ("/etc/wallboard/
// token: line 2").
Result<std::string> ReadToken(const std::string& path);

// The same check on a token file's text; `name` is the file's path, for the problem's `where`.
Result<std::string> CheckToken(std::string_view text, const std::string& name);

} // namespace wb::io
