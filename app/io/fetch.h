// One HTTP(S) or file fetch of the snapshot feed, with libcurl; also the POST of a fleet report (io/report),
// so both go out under the same token and TLS rules.
//
// [X] http, https and file URLs; redirects followed (at most 5), never from https:// to http://
// [X] Conditional GET: If-None-Match (ETag) and If-Modified-Since (Last-Modified)
// [X] gzip/deflate accepted; the size limit applies to the decoded body, while it streams
// [X] Connect timeout, whole-request timeout, low-speed abort
// [X] TLS verification always on; an extra CA bundle may be named; no option turns it off
// [X] Bearer token (never logged); the system proxy (http_proxy, https_proxy, no_proxy) honoured
// [X] Secrets never cross a network in clear: with a token or a URL's user:password, a plain http://
//     feed is fetched only from this machine (loopback); elsewhere nothing is sent and the fetch fails
//     saying why. Neither goes to another host on a redirect (libcurl's CURLOPT_UNRESTRICTED_AUTH off).
// [X] Retry-After (seconds or an HTTP date) reported
// [X] Cancel() from another thread ends a fetch in progress at once, even while a server hangs
// [X] A POST of a JSON body (a report) instead of a GET: http and https only, any 2xx is a success
// Threads: a Fetcher is used by one thread (the sync thread); only Cancel() may be called from others.
#pragma once

#include <atomic>
#include <cstddef>
#include <optional>
#include <string>

namespace wb::io
{

struct FetchOptions
{
    std::string url;
    long connect_timeout_s = 10;
    long request_timeout_s = 120;
    long low_speed_bytes = 100; // abort when slower than this many bytes/s ...
    long low_speed_time_s = 30; // ... for this long
    size_t max_body_bytes = 16u << 20;
    std::string ca_file; // extra CA bundle; empty for the system's
    std::string bearer_token;
    // A report: POSTed as application/json when `post` is set (no validators are sent then).
    bool post = false;
    std::string post_body;
    std::string setting = "feed"; // the setting that named `url`, for messages: "report-url"
};

struct FetchValidators
{
    std::string etag;
    std::string last_modified;
};

struct FetchResult
{
    enum class Kind
    {
        Body,        // 200 (or a file): `body` holds the document
        NotModified, // 304: what we have is current
        Failed,      // `error` says why in words
        Cancelled,   // Cancel() was called
    };
    Kind kind = Kind::Failed;
    long http_status = 0;
    std::string body;
    std::string content_type;
    FetchValidators validators;       // from the response, for the next request
    std::optional<int> retry_after_s; // from a 429 or 503
    bool unreachable = false;         // could not reach the server at all (DNS, connect, timeout)
    bool not_found = false;           // no such file, or HTTP 404 / 410
    std::string error;
};

// A URL as libcurl reads it: the same parser decides what is loopback as the one that connects.
struct UrlParts
{
    bool parsed = false;      // libcurl could read it
    std::string scheme;       // lower case: "https"
    std::string host;         // "127.0.0.1", "[::1]", "feeds.example.org"
    bool credentials = false; // a user or password before the host
};
UrlParts ParseUrl(const std::string& url);

class Fetcher
{
  public:
    Fetcher();
    ~Fetcher();
    Fetcher(const Fetcher&) = delete;
    Fetcher& operator=(const Fetcher&) = delete;

    FetchResult Fetch(const FetchOptions& options, const FetchValidators& validators);

    // Ends the fetch in progress (and any started later) with Kind::Cancelled. Any thread.
    void Cancel();

  private:
    void* m_multi = nullptr; // CURLM*; kept opaque so this header does not include curl
    std::atomic<bool> m_cancelled{false};
};

} // namespace wb::io
