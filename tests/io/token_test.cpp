// The token file: one line of the token, or a problem naming the file and where. Expected lines and bytes
// counted by hand.
#include "io/token.h"

#include "test_support.h"

using namespace wb;
using namespace wb::io;

namespace
{

// The one problem's "where: what", or the token.
std::string Checked(std::string_view text)
{
    const auto token = CheckToken(text, "/etc/wallboard/token");
    return token.Ok() ? token.Value() : FormatProblems(token.Problems());
}

} // namespace

TEST_CASE("a token file gives its one line, without the blanks and line breaks around it", "[token]")
{
    CHECK(Checked("abc.DEF-123_~+/=\n") == "abc.DEF-123_~+/=");
    CHECK(Checked("  tok\t \r\n\n\n") == "tok");
    CHECK(Checked("\n\r\ntok") == "tok");
}

TEST_CASE("a token file with another line is refused, naming the file and the line", "[token]")
{
    // The header injection of issue 11: today's board sent "X-Injected: yes" as a header of its own.
    const std::string injected = Checked("tok\r\nX-Injected: yes");
    CHECK(injected.starts_with("/etc/wallboard/token: line 2: a token is one line"));
    CHECK(Checked("tok\n\n  X-Injected: yes\n")
              .starts_with("/etc/wallboard/token: line 3: a token is one line"));
    CHECK(Checked("\ntok\nmore").starts_with("/etc/wallboard/token: line 3: a token is one line"));
}

TEST_CASE("control characters, spaces and non-ASCII bytes are refused with their line and byte", "[token]")
{
    CHECK(Checked("tok\rX-Injected: yes")
              .starts_with("/etc/wallboard/token: line 1, byte 4: a control "
                           "character (0x0D)"));
    CHECK(Checked(std::string_view("to\0k", 4))
              .starts_with("/etc/wallboard/token: line 1, byte 3: a control "
                           "character (0x00)"));
    CHECK(Checked("tok\x7F").starts_with("/etc/wallboard/token: line 1, byte 4: a control character (0x7F)"));
    CHECK(Checked("\n  tok\x01\n").starts_with("/etc/wallboard/token: line 2, byte 6: a control character"));
    CHECK(Checked("Bearer tok").starts_with("/etc/wallboard/token: line 1, byte 7: a token has no spaces"));
    CHECK(Checked("\xEF\xBB\xBFtok")
              .starts_with("/etc/wallboard/token: line 1, byte 1: byte 0xEF is not ASCII"));
}

TEST_CASE("an empty token file is refused", "[token]")
{
    for (const char* text : {"", " \n", "\r\n\t\n"})
    {
        INFO('"' << text << '"');
        CHECK(Checked(text).starts_with("/etc/wallboard/token: the file holds no token"));
    }
}

TEST_CASE("ReadToken reads the file, and only so much of it", "[token]")
{
    test::TempDir dir;
    const std::string path = (dir.Path() / "token").string();
    std::ofstream(path) << "s3cr3t-token\n";
    const auto token = ReadToken(path);
    REQUIRE(token.Ok());
    CHECK(token.Value() == "s3cr3t-token");

    std::ofstream(path, std::ios::trunc) << "tok\r\nX-Injected: yes";
    REQUIRE_FALSE(ReadToken(path).Ok());
    CHECK(ReadToken(path).Problems().front().where == path + ": line 2");

    std::ofstream(path, std::ios::trunc) << std::string(20000, 'a');
    REQUIRE_FALSE(ReadToken(path).Ok());
    CHECK(ReadToken(path).Problems().front().what.find("larger than 16 KB") != std::string::npos);

    const auto missing = ReadToken((dir.Path() / "none").string());
    REQUIRE_FALSE(missing.Ok());
    CHECK(missing.Problems().front().what == "cannot read it: No such file or directory");
}
