// Feed URLs without their credentials, and loopback hosts.
#include "core/url.h"

#include <algorithm>
#include <cctype>

namespace wb
{
namespace
{

// Where the authority's userinfo ends (one past its last '@'), or npos when it has none.
size_t UserinfoEnd(std::string_view url)
{
    const size_t scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos)
        return std::string_view::npos;
    const size_t start = scheme_end + 3;
    const size_t end = std::min(url.find_first_of("/?#", start), url.size());
    const size_t at = url.substr(start, end - start).rfind('@');
    return at == std::string_view::npos ? std::string_view::npos : start + at + 1;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) {
                                                  return std::tolower(static_cast<unsigned char>(x)) ==
                                                         std::tolower(static_cast<unsigned char>(y));
                                              });
}

// Four decimal numbers 0..255 separated by dots, the first 127.
bool IsLoopbackIpv4(std::string_view host)
{
    int parts = 0;
    size_t i = 0;
    while (i <= host.size())
    {
        const size_t dot = std::min(host.find('.', i), host.size());
        const std::string_view part = host.substr(i, dot - i);
        if (part.empty() || part.size() > 3 ||
            !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return false;
        const int value = std::stoi(std::string(part));
        if (value > 255 || (parts == 0 && value != 127))
            return false;
        ++parts;
        i = dot + 1;
    }
    return parts == 4;
}

} // namespace

std::string UrlWithoutCredentials(std::string_view url)
{
    const size_t end = UserinfoEnd(url);
    if (end == std::string_view::npos)
        return std::string(url);
    const size_t start = url.find("://") + 3;
    return std::string(url.substr(0, start)) + std::string(url.substr(end));
}

std::string SiblingUrl(std::string_view url, std::string_view file_name)
{
    const size_t scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos)
        return {};
    const size_t path_start = std::min(url.find('/', scheme_end + 3), url.size());
    const std::string_view path = url.substr(0, std::min(url.find_first_of("?#", path_start), url.size()));
    const size_t slash = path.rfind('/');
    // No path at all ("https://host"): the file is at the root.
    const std::string_view folder = slash < path_start ? path : path.substr(0, slash);
    return std::string(folder) + "/" + std::string(file_name);
}

bool HasUrlCredentials(std::string_view url)
{
    return UserinfoEnd(url) != std::string_view::npos;
}

bool IsLoopbackHost(std::string_view host)
{
    return EqualsIgnoringCase(host, "localhost") || host == "[::1]" || host == "::1" || IsLoopbackIpv4(host);
}

} // namespace wb
