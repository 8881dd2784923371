// Turns the bytes of a file as Excel saves it into UTF-8, and says which encoding it found.
// Owns the choice of encoding: UTF-8 (with or without a byte-order mark), UTF-16 LE/BE with a
// byte-order mark (Excel's "Unicode Text"), Windows-1252 (Excel's "CSV (Comma delimited)" in the UK)
// and Mac Roman (Excel's "CSV (Macintosh)", told apart by its CR-only line ends). Conversion is glibc
// iconv's. A file that is none of these (a workbook, a binary file, a cut-off UTF-16 file) is a problem
// naming the file and the line of the first bad byte, never a guess.
#pragma once

#include "core/problem.h"

#include <string>
#include <string_view>

namespace wb::publish
{

enum class TextEncoding
{
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
    MacRoman,
};

// How `build` names the encoding: "UTF-8", "UTF-16 LE", "Windows-1252", ...
std::string_view EncodingName(TextEncoding encoding);

struct DecodedText
{
    std::string text; // valid UTF-8, without a byte-order mark
    TextEncoding encoding = TextEncoding::Utf8;
};

// Decodes `bytes`. Valid UTF-8 is taken as UTF-8 (so plain ASCII is UTF-8); bytes that are not UTF-8
// are read as Windows-1252 (Mac Roman when every line ends in a bare CR). `name` is used in problem
// locations ("indicators.csv:12"). The text never holds a NUL: a NUL byte means the file is not text.
Result<DecodedText> DecodeText(std::string_view bytes, const std::string& name);

} // namespace wb::publish
