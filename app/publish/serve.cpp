// The feed server on cpp-httplib (with zlib for gzip).
#include "publish/serve.h"

#include "core/digest.h"
#include "publish/fleet.h"

#include <httplib.h>

#include <atomic>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

namespace wb::publish
{
namespace
{

std::string HttpDate(std::time_t t)
{
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[64];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
    return text;
}

std::optional<std::time_t> ParseHttpDate(const std::string& text)
{
    std::tm tm{};
    const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (!end || *end != '\0')
        return std::nullopt;
    return timegm(&tm);
}

// A file's content and validators, kept while its size and modification time stay the same.
struct CachedFile
{
    std::filesystem::file_time_type mtime;
    std::uintmax_t size = 0;
    std::time_t modified = 0;
    std::string etag;
    std::string bytes;
};

// Compared in time that does not depend on where they differ, so that a token cannot be guessed byte by byte.
bool SameSecret(const std::string& given, const std::string& secret)
{
    if (secret.empty())
        return false;
    unsigned char differ = given.size() == secret.size() ? 0 : 1;
    for (size_t i = 0; i < given.size(); ++i)
        differ |= static_cast<unsigned char>(given[i] ^ secret[i % secret.size()]);
    return differ == 0;
}

std::int64_t EpochNow()
{
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void PlainText(httplib::Response& response, int status, const std::string& text)
{
    response.status = status;
    response.set_content(text + "\n", "text/plain; charset=utf-8");
}

} // namespace

struct FeedServer::Impl
{
    ServeOptions options;
    httplib::Server server;
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<const CachedFile>> files;
    // httplib's stop() acts only while it listens; these cover a Stop() before or as Run() starts.
    std::atomic<bool> stop_requested{false};
    std::atomic<bool> run_started{false};
    std::atomic<bool> run_over{false};
    std::unique_ptr<FleetStore> fleet; // null when reports are off

    void Report(const httplib::Request& request, httplib::Response& response)
    {
        if (!fleet)
            return PlainText(response, 404,
                             "reports are not enabled: start serve with --report-token-file and --fleet-db");
        const std::string authorization = request.get_header_value("Authorization");
        if (!authorization.starts_with("Bearer ") ||
            !SameSecret(authorization.substr(7), options.report_token))
        {
            response.set_header("WWW-Authenticate", "Bearer");
            return PlainText(response, 401, "a report needs the fleet's bearer token");
        }
        if (request.body.size() > options.report_max_bytes)
            return PlainText(response, 413,
                             "a report is at most " + std::to_string(options.report_max_bytes) + " bytes");
        auto report = ParseReport(request.body, EpochNow());
        if (!report.Ok())
        {
            const Problem& first = report.Problems().front();
            return PlainText(response, 400,
                             "report refused: " + (first.where.empty() ? "" : first.where + ": ") +
                                 first.what);
        }
        if (const std::string error = fleet->Save(report.Value()); !error.empty())
            return PlainText(response, 500, "the report could not be stored: " + error);
        response.status = 204;
    }

    void Fleet(const httplib::Request& request, httplib::Response& response)
    {
        if (!fleet)
            return PlainText(response, 404,
                             "the fleet page is not enabled: start serve with --report-token-file "
                             "and --fleet-db");
        response.set_header("Cache-Control", "no-store");
        if (request.path == "/fleet.json")
            response.set_content(FleetJson(fleet->All(), EpochNow()), "application/json");
        else
            response.set_content(FleetHtml(fleet->All(), EpochNow(), options.fleet_refresh_s),
                                 "text/html; charset=utf-8");
    }

    std::shared_ptr<const CachedFile> Load(const std::filesystem::path& path)
    {
        std::error_code error;
        const auto mtime = std::filesystem::last_write_time(path, error);
        const auto size = std::filesystem::file_size(path, error);
        if (error)
            return nullptr;
        {
            std::lock_guard lock(mutex);
            auto found = files.find(path.string());
            if (found != files.end() && found->second->mtime == mtime && found->second->size == size)
                return found->second;
        }
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return nullptr;
        auto file = std::make_shared<CachedFile>();
        std::ostringstream content;
        content << in.rdbuf();
        file->bytes = content.str();
        file->mtime = mtime;
        file->size = size;
        file->modified = std::chrono::system_clock::to_time_t(std::chrono::file_clock::to_sys(mtime));
        file->etag = "\"" + ContentHash(file->bytes).substr(7, 32) + "\"";
        std::lock_guard lock(mutex);
        files[path.string()] = file;
        return file;
    }

    void Handle(const httplib::Request& request, httplib::Response& response)
    {
        const std::string name = request.matches[1];
        const std::filesystem::path root = std::filesystem::weakly_canonical(options.dir);
        const std::filesystem::path path = std::filesystem::weakly_canonical(root / name);
        const auto [root_end, ignored] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
        if (name.empty() || root_end != root.end() || !std::filesystem::is_regular_file(path))
        {
            response.status = 404;
            response.set_content("not found; the snapshot is at /snapshot.json\n", "text/plain");
            return;
        }
        auto file = Load(path);
        if (!file)
        {
            response.status = 500;
            response.set_content("cannot read the file\n", "text/plain");
            return;
        }
        response.set_header("ETag", file->etag);
        response.set_header("Last-Modified", HttpDate(file->modified));
        response.set_header("Cache-Control", "no-cache");
        const std::string if_none_match = request.get_header_value("If-None-Match");
        const auto if_modified_since = ParseHttpDate(request.get_header_value("If-Modified-Since"));
        if ((!if_none_match.empty() && if_none_match == file->etag) ||
            (if_none_match.empty() && if_modified_since && *if_modified_since >= file->modified))
        {
            response.status = 304;
            return;
        }
        const bool json = path.extension() == ".json";
        response.set_content(file->bytes, json ? "application/json" : "application/octet-stream");
    }
};

FeedServer::FeedServer(ServeOptions options) : m_impl(std::make_unique<Impl>())
{
    m_impl->options = std::move(options);
    // One request per connection: cpp-httplib holds one of its 8 threads for each kept-alive connection
    // while it waits up to 5 s for the next request, so 8 boards that keep theirs (every board does) would
    // starve the rest (tests/bench/bench_fleet.cpp measures it).
    m_impl->server.set_keep_alive_max_count(1);
    // Before the folder's catch-all: these paths are the server's own, whatever the folder holds.
    m_impl->server.Post("/report",
                        [this](const httplib::Request& q, httplib::Response& r) { m_impl->Report(q, r); });
    m_impl->server.Get("/fleet(\\.json)?",
                       [this](const httplib::Request& q, httplib::Response& r) { m_impl->Fleet(q, r); });
    // httplib reads no more of a request body than this (413), so a huge report costs nothing.
    m_impl->server.set_payload_max_length(m_impl->options.report_max_bytes);
    m_impl->server.Get("/(.*)",
                       [this](const httplib::Request& q, httplib::Response& r) { m_impl->Handle(q, r); });
}

FeedServer::~FeedServer()
{
    Stop();
}

int FeedServer::Bind(std::string& error)
{
    if (!std::filesystem::is_directory(m_impl->options.dir))
    {
        error = m_impl->options.dir +
                " is not a folder; publish into it first with `wallboard-publish build --out`";
        return -1;
    }
    if (m_impl->options.report_token.empty() != m_impl->options.fleet_db.empty())
    {
        error = "--report-token-file and --fleet-db go together: the reports need both";
        return -1;
    }
    if (!m_impl->options.fleet_db.empty())
    {
        auto store = FleetStore::Open(m_impl->options.fleet_db);
        if (!store.Ok())
        {
            error = FormatProblems(store.Problems());
            error.pop_back();
            return -1;
        }
        m_impl->fleet = std::move(store).Value();
    }
    int port = m_impl->options.port;
    if (port == 0)
        port = m_impl->server.bind_to_any_port(m_impl->options.bind);
    else if (!m_impl->server.bind_to_port(m_impl->options.bind, port))
        port = -1;
    if (port < 0)
        error = "cannot listen on " + m_impl->options.bind + ":" + std::to_string(m_impl->options.port) +
                " (in use, or not an address of this machine)";
    return port;
}

bool FeedServer::Run()
{
    // Sequentially consistent: of this and Stop(), at least one sees the other's flag.
    m_impl->run_started = true;
    const bool served = m_impl->stop_requested || m_impl->server.listen_after_bind();
    m_impl->run_over = true;
    return served;
}

void FeedServer::Stop()
{
    m_impl->stop_requested = true;
    // Run() has begun but may not listen yet: wait for it to listen (or to end), so stop() finds it.
    while (m_impl->run_started && !m_impl->run_over && !m_impl->server.is_running())
        std::this_thread::yield();
    m_impl->server.stop();
}

} // namespace wb::publish
