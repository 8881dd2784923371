// Content hashes of snapshots. A separate target from core because it links OpenSSL's libcrypto.
#pragma once

#include <string>
#include <string_view>

namespace wb
{

// "sha256:<64 hex digits>" of `bytes`.
std::string ContentHash(std::string_view bytes);

} // namespace wb
