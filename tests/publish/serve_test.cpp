// wallboard-publish serve: ETag, Last-Modified, 304s, gzip, and nothing outside its folder.
#include "publish/serve.h"

#include "test_support.h"

#include <httplib.h>

#include <thread>

using namespace wb;

namespace
{

struct RunningServer
{
    publish::FeedServer server;
    int port = 0;
    std::thread thread;

    explicit RunningServer(const std::string& dir) : server({dir, "127.0.0.1", 0})
    {
        std::string error;
        port = server.Bind(error);
        REQUIRE(port > 0);
        thread = std::thread([this] { server.Run(); });
    }
    ~RunningServer()
    {
        server.Stop();
        thread.join();
    }
};

} // namespace

TEST_CASE("the feed server answers conditional requests", "[serve][http]")
{
    test::TempDir dir;
    std::ofstream(dir.Path() / "snapshot.json")
        << "{\"schema\": \"wallboard.snapshot/1\", \"padding\": \"" << std::string(5000, 'x') << "\"}";
    RunningServer running(dir.Path().string());
    httplib::Client client("127.0.0.1", running.port);

    auto first = client.Get("/snapshot.json");
    REQUIRE(first);
    CHECK(first->status == 200);
    const std::string etag = first->get_header_value("ETag");
    CHECK(etag.size() > 2);
    CHECK_FALSE(first->get_header_value("Last-Modified").empty());
    CHECK(first->get_header_value("Content-Type") == "application/json");

    auto by_etag = client.Get("/snapshot.json", {{"If-None-Match", etag}});
    REQUIRE(by_etag);
    CHECK(by_etag->status == 304);
    CHECK(by_etag->body.empty());

    auto by_date =
        client.Get("/snapshot.json", {{"If-Modified-Since", first->get_header_value("Last-Modified")}});
    REQUIRE(by_date);
    CHECK(by_date->status == 304);

    auto stale = client.Get("/snapshot.json", {{"If-None-Match", "\"something-else\""}});
    REQUIRE(stale);
    CHECK(stale->status == 200);
}

TEST_CASE("the feed server compresses for clients that accept gzip", "[serve][http]")
{
    test::TempDir dir;
    std::ofstream(dir.Path() / "snapshot.json") << std::string(20000, ' ') << "{}";
    RunningServer running(dir.Path().string());
    httplib::Client client("127.0.0.1", running.port);
    client.set_decompress(false);
    auto response = client.Get("/snapshot.json", {{"Accept-Encoding", "gzip"}});
    REQUIRE(response);
    CHECK(response->get_header_value("Content-Encoding") == "gzip");
    CHECK(response->body.size() < 1000);
}

TEST_CASE("the feed server serves nothing outside its folder", "[serve][http]")
{
    test::TempDir dir;
    std::filesystem::create_directory(dir.Path() / "feed");
    std::ofstream(dir.Path() / "secret.txt") << "not for screens";
    RunningServer running((dir.Path() / "feed").string());
    httplib::Client client("127.0.0.1", running.port);
    for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/", "/missing.json"})
    {
        INFO(path);
        auto response = client.Get(path);
        REQUIRE(response);
        CHECK(response->status == 404);
    }
}

TEST_CASE("the feed server refuses a folder that does not exist", "[serve]")
{
    publish::FeedServer server({"/nonexistent/feed", "127.0.0.1", 0});
    std::string error;
    CHECK(server.Bind(error) < 0);
    CHECK(error.find("is not a folder") != std::string::npos);
}
