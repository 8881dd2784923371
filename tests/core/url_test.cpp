// Feed URLs without their credentials, and which hosts are this machine. Expected values worked by hand
// from RFC 3986's authority (userinfo "@" host ":" port, ended by "/", "?" or "#").
#include "core/url.h"

#include <catch2/catch.hpp>

using namespace wb;

TEST_CASE("a feed URL loses its user and password and keeps the rest", "[url]")
{
    CHECK(UrlWithoutCredentials("http://user:secret@127.0.0.1:8080/feed/snapshot.json?x=1#top") ==
          "http://127.0.0.1:8080/feed/snapshot.json?x=1#top");
    CHECK(UrlWithoutCredentials("https://user@feeds.example.org/s.json") ==
          "https://feeds.example.org/s.json");
    CHECK(UrlWithoutCredentials("https://:secret@feeds.example.org") == "https://feeds.example.org");
    CHECK(UrlWithoutCredentials("https://u%40x:p%3Asecret@[::1]:443/") == "https://[::1]:443/");
    // An unencoded '@' in a password: everything up to the authority's last '@' goes.
    CHECK(UrlWithoutCredentials("https://user:se@cret@feeds.example.org/s.json") ==
          "https://feeds.example.org/s.json");
    CHECK(HasUrlCredentials("https://user:se@cret@feeds.example.org/s.json"));
}

TEST_CASE("an '@' after the authority is not a credential", "[url]")
{
    for (const char* url :
         {"https://feeds.example.org/plans/@latest/s.json", "https://feeds.example.org?by=a@b",
          "https://feeds.example.org#a@b", "file:///srv/feeds/me@site/s.json",
          "https://feeds.example.org/s.json", "not a url @ all", ""})
    {
        INFO(url);
        CHECK(UrlWithoutCredentials(url) == url);
        CHECK_FALSE(HasUrlCredentials(url));
    }
}

TEST_CASE("loopback is 127.0.0.0/8, ::1 and localhost, spelled as libcurl names hosts", "[url]")
{
    for (const char* host :
         {"127.0.0.1", "127.1.2.3", "127.255.255.255", "[::1]", "::1", "localhost", "LocalHost"})
    {
        INFO(host);
        CHECK(IsLoopbackHost(host));
    }
    for (const char* host : {"128.0.0.1", "10.0.0.1", "127.0.0.256", "127.0.0", "127.0.0.1.5", "127.0.0.1.",
                             "127.0.0.1.evil.example", "localhost.evil.example", "evil-localhost", "[::2]",
                             "0.0.0.0", "", "1270.0.0.1", "127.0.0.-1"})
    {
        INFO(host);
        CHECK_FALSE(IsLoopbackHost(host));
    }
}
