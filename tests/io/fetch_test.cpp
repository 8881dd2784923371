// The fetch and its secrets: a token or a URL's password goes over plain http:// only to this machine, a
// redirect never goes down from https:// to http://, and credentials never follow a redirect to another
// host. Real servers on loopback (cpp-httplib, with TLS from a certificate made here) see what is sent.
#include "io/fetch.h"

#include "core/url.h"
#include "test_support.h"

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstdlib>
#include <functional>
#include <mutex>
#include <thread>

using namespace wb;
using namespace wb::io;

namespace
{

// A key and a self-signed certificate for 127.0.0.1, as PEM files: the server's, and the client's CA.
void WriteSelfSigned(const std::string& cert_path, const std::string& key_path)
{
    EVP_PKEY* key = EVP_EC_gen("P-256");
    REQUIRE(key);
    X509* cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"),
                               -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
    for (const auto& [nid, value] : {std::pair{NID_subject_alt_name, "IP:127.0.0.1"},
                                     std::pair{NID_basic_constraints, "critical,CA:TRUE"}})
    {
        X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
        REQUIRE(extension);
        X509_add_ext(cert, extension, -1);
        X509_EXTENSION_free(extension);
    }
    REQUIRE(X509_sign(cert, key, EVP_sha256()) > 0);
    FILE* out = std::fopen(cert_path.c_str(), "w");
    PEM_write_X509(out, cert);
    std::fclose(out);
    out = std::fopen(key_path.c_str(), "w");
    PEM_write_PrivateKey(out, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(out);
    X509_free(cert);
    EVP_PKEY_free(key);
}

// A server on loopback that records the Authorization header of every request it gets, whatever its path
// (a proxy's absolute-URI request included). It serves any .../snapshot.json, and what `routes` adds.
class Recorder
{
  public:
    explicit Recorder(std::function<void(httplib::Server&)> routes = {},
                      std::unique_ptr<httplib::Server> server = std::make_unique<httplib::Server>())
        : m_server(std::move(server))
    {
        m_server->set_pre_routing_handler(
            [this](const httplib::Request& q, httplib::Response&)
            {
                std::lock_guard lock(m_mutex);
                m_seen.push_back({q.path, q.get_header_value("Authorization")});
                return httplib::Server::HandlerResponse::Unhandled;
            });
        m_server->Get(R"(.*/snapshot\.json)", [](const httplib::Request&, httplib::Response& r)
                      { r.set_content("{}", "application/json"); });
        if (routes)
            routes(*m_server);
        m_port = m_server->bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server->listen_after_bind(); });
        while (!m_server->is_running()) // stop() before the listener runs would hang (see sync_test.cpp)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~Recorder()
    {
        m_server->stop();
        m_thread.join();
    }
    int Port() const { return m_port; }

    struct Seen
    {
        std::string path, authorization;
    };
    std::vector<Seen> Requests()
    {
        std::lock_guard lock(m_mutex);
        return m_seen;
    }

  private:
    std::unique_ptr<httplib::Server> m_server;
    int m_port = 0;
    std::thread m_thread;
    std::mutex m_mutex;
    std::vector<Seen> m_seen;
};

// The process's proxy variables for one scope, as libcurl reads them at each fetch.
class ProxyVariables
{
  public:
    explicit ProxyVariables(const std::string& http_proxy)
    {
        for (const char* name : {"http_proxy", "no_proxy", "NO_PROXY"})
            if (const char* value = std::getenv(name))
                m_saved.emplace_back(name, value);
        ::unsetenv("no_proxy");
        ::unsetenv("NO_PROXY");
        ::setenv("http_proxy", http_proxy.c_str(), 1);
    }
    ~ProxyVariables()
    {
        for (const char* name : {"http_proxy", "no_proxy", "NO_PROXY"})
            ::unsetenv(name);
        for (const auto& [name, value] : m_saved)
            ::setenv(name.c_str(), value.c_str(), 1);
    }

  private:
    std::vector<std::pair<std::string, std::string>> m_saved;
};

FetchOptions Options(const std::string& url, const std::string& token = "")
{
    FetchOptions options;
    options.url = url;
    options.bearer_token = token;
    options.connect_timeout_s = 5;
    options.request_timeout_s = 10;
    return options;
}

} // namespace

TEST_CASE("a token goes over plain http:// to a loopback feed", "[fetch][http]")
{
    Recorder feed;
    Fetcher fetcher;
    for (const std::string host : {"127.0.0.1", "localhost"})
    {
        INFO(host);
        const FetchResult result = fetcher.Fetch(
            Options("http://" + host + ":" + std::to_string(feed.Port()) + "/snapshot.json", "tok"), {});
        CHECK(result.kind == FetchResult::Kind::Body);
        REQUIRE_FALSE(feed.Requests().empty());
        CHECK(feed.Requests().back().authorization == "Bearer tok");
    }
}

TEST_CASE("a token or a URL's password is not sent over plain http:// beyond this machine", "[fetch][http]")
{
    // Everything goes through a "proxy" on loopback, which would see any request made: none may be.
    Recorder proxy;
    const ProxyVariables variables("http://127.0.0.1:" + std::to_string(proxy.Port()));
    Fetcher fetcher;
    const FetchResult token = fetcher.Fetch(Options("http://192.0.2.1/snapshot.json", "tok"), {});
    CHECK(token.kind == FetchResult::Kind::Failed);
    CHECK(token.error.starts_with("not sending the token over plain http:// to 192.0.2.1: make the feed an "
                                  "https:// address"));
    const FetchResult password = fetcher.Fetch(Options("http://user:secret@192.0.2.1/snapshot.json"), {});
    CHECK(password.kind == FetchResult::Kind::Failed);
    CHECK(password.error.starts_with("not sending the feed URL's user and password over plain http://"));
    CHECK(password.error.find("secret") == std::string::npos);
    CHECK(proxy.Requests().empty());

    // The proxy does see a feed without secrets: the two above were refused, not lost on the way.
    const FetchResult plain = fetcher.Fetch(Options("http://192.0.2.1/snapshot.json"), {});
    CHECK(plain.kind == FetchResult::Kind::Body);
    CHECK(proxy.Requests().size() == 1);
}

TEST_CASE("a redirect from https:// to plain http:// is not followed", "[fetch][http]")
{
    test::TempDir dir;
    const std::string cert = (dir.Path() / "cert.pem").string(), key = (dir.Path() / "key.pem").string();
    WriteSelfSigned(cert, key);
    Recorder plain;
    Recorder tls(
        [&](httplib::Server& server)
        {
            server.Get(
                "/down", [&](const httplib::Request&, httplib::Response& r)
                { r.set_redirect("http://127.0.0.1:" + std::to_string(plain.Port()) + "/snapshot.json"); });
            server.Get("/across", [](const httplib::Request&, httplib::Response& r)
                       { r.set_redirect("/snapshot.json"); });
        },
        std::make_unique<httplib::SSLServer>(cert.c_str(), key.c_str()));
    const std::string base = "https://127.0.0.1:" + std::to_string(tls.Port());
    Fetcher fetcher;
    FetchOptions options = Options(base + "/across", "tok");
    options.ca_file = cert;
    // https to https is followed, with the token, on the same host.
    const FetchResult across = fetcher.Fetch(options, {});
    CHECK(across.kind == FetchResult::Kind::Body);
    CHECK(tls.Requests().back().authorization == "Bearer tok");

    options.url = base + "/down";
    const FetchResult down = fetcher.Fetch(options, {});
    CHECK(down.kind == FetchResult::Kind::Failed);
    CHECK(down.error.starts_with("the feed's server redirected to a plain http:// address"));
    CHECK(plain.Requests().empty());
}

TEST_CASE("a token does not follow a redirect to another host", "[fetch][http]")
{
    Recorder other;
    Recorder feed(
        [&](httplib::Server& server)
        {
            server.Get(
                "/moved", [&](const httplib::Request&, httplib::Response& r)
                { r.set_redirect("http://localhost:" + std::to_string(other.Port()) + "/snapshot.json"); });
        });
    Fetcher fetcher;
    const FetchResult result =
        fetcher.Fetch(Options("http://127.0.0.1:" + std::to_string(feed.Port()) + "/moved", "tok"), {});
    CHECK(result.kind == FetchResult::Kind::Body);
    REQUIRE(feed.Requests().size() == 1);
    CHECK(feed.Requests()[0].authorization == "Bearer tok");
    REQUIRE(other.Requests().size() == 1);
    CHECK(other.Requests()[0].authorization.empty());
}

TEST_CASE("UrlWithoutCredentials leaves nothing libcurl reads as a user or password, and the same host",
          "[fetch][url]")
{
    // libcurl's own parser is the second method: what it finds in the stripped URL, and where it connects.
    for (const char* url :
         {"http://user:secret@127.0.0.1:8080/feed/s.json", "https://user@feeds.example.org/s.json?a=b#c",
          "https://:secret@feeds.example.org", "https://u%40x:p%3Ax@[::1]:443/",
          "https://feeds.example.org/@x", "https://feeds.example.org?q=a@b",
          "https://user:pw@feeds.example.org?q=a@b", "http://user:pw@localhost/s.json#x@y",
          "file:///srv/feed/s.json"})
    {
        INFO(url);
        const UrlParts whole = ParseUrl(url);
        REQUIRE(whole.parsed);
        const UrlParts stripped = ParseUrl(UrlWithoutCredentials(url));
        REQUIRE(stripped.parsed);
        CHECK_FALSE(stripped.credentials);
        CHECK(stripped.host == whole.host);
        CHECK(stripped.scheme == whole.scheme);
        CHECK(HasUrlCredentials(url) == whole.credentials);
    }
}
