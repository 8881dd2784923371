// libcurl fetch of the snapshot feed (or POST of a report), on the multi interface so that Cancel() can wake
// it.
#include "io/fetch.h"

#include "core/url.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <mutex>

namespace wb::io
{
namespace
{

// curl_global_init is not thread-safe; do it once, before any thread uses curl.
void GlobalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer
{
    const FetchOptions* options = nullptr;
    FetchResult* result = nullptr;
    bool too_large = false;
};

size_t OnBody(char* data, size_t size, size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    const size_t bytes = size * count;
    if (t->result->body.size() + bytes > t->options->max_body_bytes)
    {
        t->too_large = true;
        return 0; // aborts the transfer with CURLE_WRITE_ERROR
    }
    t->result->body.append(data, bytes);
    return bytes;
}

std::string Trim(std::string text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.pop_back();
    const size_t first = text.find_first_not_of(" \t");
    return first == std::string::npos ? std::string() : text.substr(first);
}

// Keeps the headers of the last response only (a redirect's headers are dropped when the next begins).
size_t OnHeader(char* data, size_t size, size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    const std::string line(data, size * count);
    if (line.starts_with("HTTP/"))
    {
        t->result->validators = {};
        t->result->retry_after_s.reset();
        t->result->content_type.clear();
        return line.size();
    }
    const size_t colon = line.find(':');
    if (colon == std::string::npos)
        return line.size();
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    const std::string value = Trim(line.substr(colon + 1));
    if (name == "etag")
        t->result->validators.etag = value;
    else if (name == "last-modified")
        t->result->validators.last_modified = value;
    else if (name == "content-type")
        t->result->content_type = value;
    else if (name == "retry-after")
    {
        if (!value.empty() &&
            std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); }))
            t->result->retry_after_s = static_cast<int>(std::min<long>(std::stol(value.substr(0, 9)), 86400));
        else if (const time_t when = curl_getdate(value.c_str(), nullptr); when > 0)
            t->result->retry_after_s =
                static_cast<int>(std::clamp<long>(when - std::time(nullptr), 0, 86400));
    }
    return line.size();
}

bool IsUnreachable(CURLcode code)
{
    return code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_RESOLVE_PROXY ||
           code == CURLE_COULDNT_CONNECT || code == CURLE_OPERATION_TIMEDOUT || code == CURLE_RECV_ERROR ||
           code == CURLE_SEND_ERROR || code == CURLE_GOT_NOTHING;
}

std::string Describe(CURLcode code, const Transfer& t, const char* detail)
{
    if (t.too_large)
        return "the response is larger than the " + std::to_string(t.options->max_body_bytes >> 20) +
               " MB limit; it was not read to the end";
    switch (code)
    {
    case CURLE_OPERATION_TIMEDOUT:
        return std::string("the server did not answer in time (") + detail + ")";
    case CURLE_PARTIAL_FILE:
        return "the response was cut off before its end (truncated body)";
    case CURLE_COULDNT_CONNECT:
        return "cannot connect to the " + t.options->setting + " server (" + detail + ")";
    case CURLE_COULDNT_RESOLVE_HOST:
        return "cannot find the " + t.options->setting + " server's address (" + detail + ")";
    case CURLE_PEER_FAILED_VERIFICATION:
        return std::string("the server's TLS certificate could not be verified (") + detail + ")";
    case CURLE_GOT_NOTHING:
        return "the server closed the connection without answering";
    case CURLE_RECV_ERROR:
        return std::string("the connection was broken while receiving (") + detail + ")";
    default:
        return std::string(*detail ? detail : curl_easy_strerror(code));
    }
}

// Why a fetch must not be made at all: a secret would cross the network in clear. Empty when it may.
std::string SecretInClear(const FetchOptions& options)
{
    const UrlParts url = ParseUrl(options.url);
    if (url.scheme != "http" || IsLoopbackHost(url.host))
        return {};
    if (!options.bearer_token.empty())
        return "not sending the token over plain http:// to " + url.host + ": make the " + options.setting +
               " an https:// address (or remove token-file if the " + options.setting + " needs no token)";
    if (url.credentials)
        return "not sending the " + options.setting + " URL's user and password over plain http:// to " +
               url.host + ": make the " + options.setting + " an https:// address";
    return {};
}

} // namespace

UrlParts ParseUrl(const std::string& url)
{
    UrlParts parts;
    CURLU* handle = curl_url();
    if (!handle)
        return parts;
    const auto get = [&](CURLUPart part, std::string& into)
    {
        char* text = nullptr;
        if (curl_url_get(handle, part, &text, 0) != CURLUE_OK)
            return false;
        into = text;
        curl_free(text);
        return true;
    };
    // file:// URLs too, and schemes libcurl has no support for: only the parse matters here.
    if (curl_url_set(handle, CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK)
    {
        std::string ignored;
        parts.parsed = get(CURLUPART_SCHEME, parts.scheme);
        get(CURLUPART_HOST, parts.host);
        parts.credentials = get(CURLUPART_USER, ignored) || get(CURLUPART_PASSWORD, ignored);
    }
    curl_url_cleanup(handle);
    return parts;
}

Fetcher::Fetcher()
{
    GlobalInit();
    m_multi = curl_multi_init();
}

Fetcher::~Fetcher()
{
    curl_multi_cleanup(static_cast<CURLM*>(m_multi));
}

void Fetcher::Cancel()
{
    m_cancelled = true;
    curl_multi_wakeup(static_cast<CURLM*>(m_multi));
}

FetchResult Fetcher::Fetch(const FetchOptions& options, const FetchValidators& validators)
{
    FetchResult result;
    if (m_cancelled)
    {
        result.kind = FetchResult::Kind::Cancelled;
        result.error = "cancelled";
        return result;
    }
    if (std::string refusal = SecretInClear(options); !refusal.empty())
    {
        result.kind = FetchResult::Kind::Failed; // no request at all: a request without it would still fail
        result.error = std::move(refusal);
        return result;
    }
    const bool https = ParseUrl(options.url).scheme == "https";
    Transfer transfer{&options, &result};
    CURL* easy = curl_easy_init();
    char error_buffer[CURL_ERROR_SIZE] = "";
    curl_slist* headers = nullptr;
    if (options.post)
        headers = curl_slist_append(headers, "Content-Type: application/json");
    if (!validators.etag.empty() && !options.post)
        headers = curl_slist_append(headers, ("If-None-Match: " + validators.etag).c_str());
    if (!validators.last_modified.empty() && !options.post)
        headers = curl_slist_append(headers, ("If-Modified-Since: " + validators.last_modified).c_str());

    curl_easy_setopt(easy, CURLOPT_URL, options.url.c_str());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, options.post ? "http,https" : "http,https,file");
    if (options.post)
    {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(options.post_body.size()));
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, options.post_body.c_str());
    }
    // Never down from https:// (a redirect would send the token and read the data in clear), and
    // credentials only to the host they were given for (libcurl's default, said here so it stays).
    curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, https ? "https" : "http,https");
    curl_easy_setopt(easy, CURLOPT_UNRESTRICTED_AUTH, 0L);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(easy, CURLOPT_MAXREDIRS, 5L);
    // gzip only: cheap to decode on a small board, and every server has it. (Offering br invites a
    // server such as cpp-httplib to spend seconds compressing at brotli's highest quality.)
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, options.connect_timeout_s);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT, options.request_timeout_s);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_bytes);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, options.low_speed_time_s);
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body_bytes));
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options.ca_file.empty())
        curl_easy_setopt(easy, CURLOPT_CAINFO, options.ca_file.c_str());
    if (!options.bearer_token.empty())
    {
        curl_easy_setopt(easy, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
        curl_easy_setopt(easy, CURLOPT_XOAUTH2_BEARER, options.bearer_token.c_str());
    }
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L); // we run on a worker thread
    curl_easy_setopt(easy, CURLOPT_USERAGENT, "wallboard/1");
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);

    auto* multi = static_cast<CURLM*>(m_multi);
    curl_multi_add_handle(multi, easy);
    CURLcode code = CURLE_OK;
    bool done = false;
    while (!done && !m_cancelled)
    {
        int running = 0;
        if (curl_multi_perform(multi, &running) != CURLM_OK)
            break;
        int queued = 0;
        while (CURLMsg* message = curl_multi_info_read(multi, &queued))
            if (message->msg == CURLMSG_DONE)
            {
                code = message->data.result;
                done = true;
            }
        if (!done && running > 0)
            curl_multi_poll(multi, nullptr, 0, 1000, nullptr); // woken early by Cancel()
    }
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    curl_multi_remove_handle(multi, easy);
    curl_easy_cleanup(easy);
    curl_slist_free_all(headers);

    result.http_status = status;
    if (m_cancelled)
    {
        result.kind = FetchResult::Kind::Cancelled;
        result.error = "cancelled";
        result.body.clear();
        return result;
    }
    if (!done || code != CURLE_OK)
    {
        result.kind = FetchResult::Kind::Failed;
        result.unreachable = IsUnreachable(code) && !transfer.too_large;
        result.not_found = code == CURLE_FILE_COULDNT_READ_FILE || code == CURLE_REMOTE_FILE_NOT_FOUND;
        result.error = Describe(code, transfer, error_buffer);
        if (https && code == CURLE_UNSUPPORTED_PROTOCOL) // the only way an https:// URL meets one
            result.error = "the " + options.setting +
                           "'s server redirected to a plain http:// address, and a redirect from https:// is "
                           "not followed to http://: give the " +
                           options.setting + "'s final https:// address";
        if (code == CURLE_FILESIZE_EXCEEDED)
            result.error = "the response is larger than the " + std::to_string(options.max_body_bytes >> 20) +
                           " MB limit (its Content-Length says so); it was not read";
        result.body.clear();
        return result;
    }
    if (status == 304)
    {
        result.kind = FetchResult::Kind::NotModified;
        return result;
    }
    const bool accepted = status == 200 || (options.post && status >= 200 && status < 300);
    if (status != 0 && !accepted) // 0: a file:// URL
    {
        result.kind = FetchResult::Kind::Failed;
        result.not_found = status == 404 || status == 410;
        result.error = "the server answered HTTP " + std::to_string(status) +
                       (status == 503 || status == 429 ? " (busy; it asked us to come back later)" : "");
        result.body.clear();
        return result;
    }
    result.kind = FetchResult::Kind::Body;
    return result;
}

} // namespace wb::io
