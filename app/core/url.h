// Feed URLs as the board keeps and shows them: without the credentials they may carry, and whether their
// host is this machine (where plain http:// cannot be overheard on a network).
#pragma once

#include <string>
#include <string_view>

namespace wb
{

// `url` without the "user:password@" of its authority, for anything stored, shown or logged (libcurl
// still gets the whole URL). The authority runs from "://" to the first '/', '?' or '#'; everything in it
// up to its last '@' goes, so a password with an unencoded '@' goes with it. Without "://", as given.
std::string UrlWithoutCredentials(std::string_view url);

// Whether `url` has a user or password before its host.
bool HasUrlCredentials(std::string_view url);

// Whether `host` (as libcurl names a URL's host: "127.0.0.1", "[::1]", "localhost") is this machine:
// 127.0.0.0/8, ::1 or localhost. Any other spelling is not, so a doubtful host counts as remote.
bool IsLoopbackHost(std::string_view host);

// The URL of `file_name` in the same folder as `url` ("https://h/plan/snapshot.json" and "screens.json" give
// "https://h/plan/screens.json"): the last segment of the path is replaced, and a query or fragment is
// dropped (it belonged to the other file). Without "://", empty.
std::string SiblingUrl(std::string_view url, std::string_view file_name);

} // namespace wb
