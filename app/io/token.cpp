// The token file, read with a bound and checked byte by byte.
#include "io/token.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace wb::io
{
namespace
{

constexpr size_t kMaxTokenFileBytes = 16 * 1024; // far above any token; far below a mistaken file

std::string Hex(unsigned char byte)
{
    char text[8];
    std::snprintf(text, sizeof text, "0x%02X", byte);
    return text;
}

} // namespace

Result<std::string> CheckToken(std::string_view text, const std::string& name)
{
    // Blanks and line breaks around the token are how editors and `echo` leave a file; they go.
    static constexpr const char* kBlank = " \t\r\n";
    const size_t first = text.find_first_not_of(kBlank);
    if (first == std::string_view::npos)
        return std::vector<Problem>{
            {name, "the file holds no token: write the feed's token in it on one line, alone"}};
    const std::string_view token = text.substr(first, text.find_last_not_of(kBlank) + 1 - first);
    // Where a byte of the token is in the file, as a person counts: "line 2", "line 1, byte 5".
    const auto line_of = [&](size_t i)
    { return "line " + std::to_string(1 + std::count(text.begin(), text.begin() + first + i, '\n')); };
    const auto byte_of = [&](size_t i)
    {
        const size_t line_start = text.find_last_of('\n', first + i);
        return line_of(i) + ", byte " +
               std::to_string(first + i - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1);
    };
    // Another line first: "tok\r\nX-Injected: yes" is an injected header, whatever else is wrong with it.
    if (const size_t newline = token.find('\n'); newline != std::string_view::npos)
        return std::vector<Problem>{
            {name + ": " + line_of(token.find_first_not_of(kBlank, newline)),
             "a token is one line, and this file has another: keep only the token (anything after it would "
             "be sent as a header of its own)"}};
    for (size_t i = 0; i < token.size(); ++i)
    {
        const auto byte = static_cast<unsigned char>(token[i]);
        if (byte == ' ' || byte == '\t')
            return std::vector<Problem>{{name + ": " + byte_of(i),
                                         "a token has no spaces: write the token alone, without \"Bearer\" "
                                         "or a name before it"}};
        if (byte < 0x20 || byte == 0x7F)
            return std::vector<Problem>{{name + ": " + byte_of(i), "a control character (" + Hex(byte) +
                                                                       ") is not part of a token: write the "
                                                                       "token alone"}};
        if (byte >= 0x80)
            return std::vector<Problem>{
                {name + ": " + byte_of(i), "byte " + Hex(byte) +
                                               " is not ASCII, and a token is (saved with a byte-order mark, "
                                               "or a typographic quote?): write the token alone, as plain "
                                               "text"}};
    }
    return std::string(token);
}

Result<std::string> ReadToken(const std::string& path)
{
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
    if (!file)
        return std::vector<Problem>{{path, std::string("cannot read it: ") + std::strerror(errno)}};
    std::string text(kMaxTokenFileBytes + 1, '\0');
    text.resize(std::fread(text.data(), 1, text.size(), file.get()));
    if (std::ferror(file.get()))
        return std::vector<Problem>{{path, std::string("cannot read it: ") + std::strerror(errno)}};
    if (text.size() > kMaxTokenFileBytes)
        return std::vector<Problem>{
            {path, "the file is larger than " + std::to_string(kMaxTokenFileBytes / 1024) +
                       " KB, so it is not a token file: name the file that holds the feed's token alone"}};
    return CheckToken(text, path);
}

} // namespace wb::io
