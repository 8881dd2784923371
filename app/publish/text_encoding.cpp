// Decoding exported files to UTF-8 through glibc iconv, and the problems a file that is not text gets.
#include "publish/text_encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

namespace wb::publish
{
namespace
{

constexpr std::string_view kSaveAgain =
    " Save the sheet again from Excel as \"CSV UTF-8 (Comma delimited)\".";

// What iconv made of some bytes: the text it converted, how many input bytes that took, and why it
// stopped (0 when it read everything, EILSEQ for a byte that is no character, EINVAL for a character
// cut off at the end, -1 when this system's iconv does not know the encoding).
struct Converted
{
    std::string text;
    size_t consumed = 0;
    int error = 0;
};

Converted ConvertToUtf8(const char* from, std::string_view bytes)
{
    Converted result;
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == reinterpret_cast<iconv_t>(-1))
    {
        result.error = -1;
        return result;
    }
    // iconv's interface is not const-correct; it never writes through the input pointer.
    char* in = const_cast<char*>(bytes.data());
    size_t in_left = bytes.size();
    result.text.resize(bytes.size() + bytes.size() / 2 + 16);
    size_t used = 0;
    while (in_left > 0)
    {
        char* out = result.text.data() + used;
        size_t out_left = result.text.size() - used;
        const size_t status = iconv(cd, &in, &in_left, &out, &out_left);
        used = static_cast<size_t>(out - result.text.data());
        if (status != static_cast<size_t>(-1))
            continue;
        if (errno == E2BIG)
        {
            result.text.resize(result.text.size() * 2);
            continue;
        }
        result.error = errno;
        break;
    }
    iconv_close(cd);
    result.text.resize(used);
    result.consumed = bytes.size() - in_left;
    return result;
}

// Lines end in LF (or CRLF); a file with no LF at all ends its lines in bare CRs (classic Mac).
char LineEnd(std::string_view text)
{
    return text.find('\n') == std::string_view::npos && text.find('\r') != std::string_view::npos ? '\r'
                                                                                                  : '\n';
}

// The 1-based line holding byte `offset` of `text`.
int LineAt(std::string_view text, size_t offset)
{
    const char end = LineEnd(text);
    offset = std::min(offset, text.size());
    return 1 + static_cast<int>(
                   std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), end));
}

std::string Where(const std::string& name, int line)
{
    return name + ":" + std::to_string(line);
}

std::string Hex(unsigned char byte)
{
    char text[8];
    std::snprintf(text, sizeof text, "0x%02X", byte);
    return text;
}

// The length of a well-formed UTF-8 multi-byte sequence at `at` (Unicode table 3-7), else 0.
size_t Utf8SequenceAt(std::string_view bytes, size_t at)
{
    auto byte = [&](size_t i) -> unsigned
    { return at + i < bytes.size() ? static_cast<unsigned char>(bytes[at + i]) : 0u; };
    auto tail = [&](size_t i, unsigned low, unsigned high) { return byte(i) >= low && byte(i) <= high; };
    const unsigned lead = byte(0);
    if (lead >= 0xC2 && lead <= 0xDF)
        return tail(1, 0x80, 0xBF) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF)
    {
        const unsigned low = lead == 0xE0 ? 0xA0 : 0x80, high = lead == 0xED ? 0x9F : 0xBF;
        return tail(1, low, high) && tail(2, 0x80, 0xBF) ? 3 : 0;
    }
    if (lead >= 0xF0 && lead <= 0xF4)
    {
        const unsigned low = lead == 0xF0 ? 0x90 : 0x80, high = lead == 0xF4 ? 0x8F : 0xBF;
        return tail(1, low, high) && tail(2, 0x80, 0xBF) && tail(3, 0x80, 0xBF) ? 4 : 0;
    }
    return 0;
}

// The offset of the first byte that is not part of well-formed UTF-8, or npos. Checked here rather
// than by iconv, whose UTF-8 reader lets code points above U+10FFFF through (JSON writers refuse them).
size_t FirstNonUtf8(std::string_view bytes)
{
    for (size_t i = 0; i < bytes.size();)
    {
        if (static_cast<unsigned char>(bytes[i]) < 0x80)
            ++i;
        else if (const size_t length = Utf8SequenceAt(bytes, i); length > 0)
            i += length;
        else
            return i;
    }
    return std::string_view::npos;
}

Result<DecodedText> Unsupported(const std::string& name, const char* encoding)
{
    return std::vector<Problem>{{name, std::string("cannot be decoded: this system's iconv has no ") +
                                           encoding + " converter (glibc's gconv modules are missing)."}};
}

// UTF-16 after its byte-order mark.
Result<DecodedText> DecodeUtf16(std::string_view bytes, bool little_endian, const std::string& name)
{
    const TextEncoding encoding = little_endian ? TextEncoding::Utf16Le : TextEncoding::Utf16Be;
    const std::string_view whole = bytes.substr(0, bytes.size() - bytes.size() % 2);
    Converted converted = ConvertToUtf8(little_endian ? "UTF-16LE" : "UTF-16BE", whole);
    if (converted.error == -1)
        return Unsupported(name, "UTF-16");
    const int line = LineAt(converted.text, converted.text.size());
    if (converted.error == EILSEQ)
        return std::vector<Problem>{
            {Where(name, line), "holds a broken UTF-16 character (a lone surrogate); the file is damaged." +
                                    std::string(kSaveAgain)}};
    if (converted.error != 0 || bytes.size() % 2 != 0)
        return std::vector<Problem>{{Where(name, line),
                                     "ends in the middle of a UTF-16 character: the file is cut "
                                     "short. Copy or save it again in full."}};
    return DecodedText{std::move(converted.text), encoding};
}

// A NUL byte: a binary file, or UTF-16 that lost its byte-order mark.
Result<DecodedText> NotText(std::string_view bytes, const std::string& name)
{
    const size_t nul = bytes.find('\0');
    size_t even = 0, odd = 0;
    for (size_t i = 0; i < bytes.size(); ++i)
        if (bytes[i] == '\0')
            ++(i % 2 ? odd : even);
    // ASCII text in UTF-16 has a NUL in every other byte, all on the same side.
    const size_t half = bytes.size() / 2;
    if (half >= 2 && (even >= half * 3 / 4 || odd >= half * 3 / 4) && std::min(even, odd) == 0)
        return std::vector<Problem>{
            {name, "looks like UTF-16 text without a byte-order mark (every other byte is "
                   "NUL), which cannot be read safely." +
                       std::string(kSaveAgain)}};
    return std::vector<Problem>{{Where(name, LineAt(bytes, nul)),
                                 "holds a NUL byte, so this is not a text file." + std::string(kSaveAgain)}};
}

} // namespace

std::string_view EncodingName(TextEncoding encoding)
{
    switch (encoding)
    {
    case TextEncoding::Utf8:
        return "UTF-8";
    case TextEncoding::Utf8Bom:
        return "UTF-8 with byte-order mark";
    case TextEncoding::Utf16Le:
        return "UTF-16 LE";
    case TextEncoding::Utf16Be:
        return "UTF-16 BE";
    case TextEncoding::Windows1252:
        return "Windows-1252";
    case TextEncoding::MacRoman:
        return "Mac Roman";
    }
    return "?";
}

Result<DecodedText> DecodeText(std::string_view bytes, const std::string& name)
{
    // Workbooks first: their bytes are not text, and the fix is a different Save As.
    if (bytes.starts_with("PK\x03\x04"))
        return std::vector<Problem>{
            {name, "is a zip archive, most likely an Excel workbook (.xlsx), not a CSV file." +
                       std::string(kSaveAgain)}};
    if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
        return std::vector<Problem>{
            {name, "is an Excel 97-2003 workbook (.xls), not a CSV file." + std::string(kSaveAgain)}};

    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF"))
    {
        auto decoded = DecodeUtf16(bytes.substr(2), bytes[0] == '\xFF', name);
        if (decoded.Ok() && decoded.Value().text.find('\0') != std::string::npos)
            return std::vector<Problem>{
                {Where(name, LineAt(decoded.Value().text, decoded.Value().text.find('\0'))),
                 "holds a NUL character, so this is not a text file." + std::string(kSaveAgain)}};
        return decoded;
    }

    const bool bom = bytes.starts_with("\xEF\xBB\xBF");
    if (bom)
        bytes.remove_prefix(3);
    if (bytes.find('\0') != std::string_view::npos)
        return NotText(bytes, name);

    const size_t bad = FirstNonUtf8(bytes);
    if (bad == std::string_view::npos)
        return DecodedText{std::string(bytes), bom ? TextEncoding::Utf8Bom : TextEncoding::Utf8};

    // Not UTF-8. A byte-order mark or a UTF-8 character elsewhere means two encodings in one file:
    // reading it as either would misread part of it silently.
    const std::string bad_byte = Hex(static_cast<unsigned char>(bytes[bad]));
    // Control bytes other than tab and line ends appear in no text Excel writes, and in most binaries.
    const size_t control = bytes.find_first_of(std::string_view("\x01\x02\x03\x04\x05\x06\x07\x08\x0E\x0F"
                                                                "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19"
                                                                "\x1A\x1B\x1C\x1D\x1E\x1F\x7F"));
    if (control != std::string_view::npos)
        return std::vector<Problem>{{Where(name, LineAt(bytes, control)),
                                     "holds control byte " + Hex(static_cast<unsigned char>(bytes[control])) +
                                         " and bytes that are not UTF-8, so this is not a text file." +
                                         std::string(kSaveAgain)}};
    if (bom)
        return std::vector<Problem>{
            {Where(name, LineAt(bytes, bad)),
             "byte " + bad_byte +
                 " is not UTF-8, although the file starts with a UTF-8 byte-order mark; the "
                 "file mixes encodings or is damaged." +
                 std::string(kSaveAgain)}};
    for (size_t i = 0; i < bytes.size(); ++i)
        if (const size_t length = Utf8SequenceAt(bytes, i); length > 0)
            return std::vector<Problem>{
                {Where(name, LineAt(bytes, bad)),
                 "byte " + bad_byte + " is not UTF-8, but line " + std::to_string(LineAt(bytes, i)) +
                     " is UTF-8 (it holds \"" + std::string(bytes.substr(i, length)) +
                     "\"): the file mixes two encodings, so no reading of it is safe." +
                     std::string(kSaveAgain)}};

    // Excel's "CSV (Macintosh)" ends lines in bare CRs and writes Mac Roman; its other CSVs write the
    // Windows code page, which for the UK and Western Europe is 1252.
    const bool mac = LineEnd(bytes) == '\r';
    Converted single = ConvertToUtf8(mac ? "MACINTOSH" : "WINDOWS-1252", bytes);
    if (single.error == -1)
        return Unsupported(name, mac ? "Mac Roman" : "Windows-1252");
    if (single.error != 0)
        return std::vector<Problem>{{Where(name, LineAt(bytes, single.consumed)),
                                     "byte " + Hex(static_cast<unsigned char>(bytes[single.consumed])) +
                                         " is neither UTF-8 nor " + (mac ? "Mac Roman" : "Windows-1252") +
                                         " text; is this the file Excel saved?" + std::string(kSaveAgain)}};
    return DecodedText{std::move(single.text), mac ? TextEncoding::MacRoman : TextEncoding::Windows1252};
}

} // namespace wb::publish
