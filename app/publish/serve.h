// `wallboard-publish serve`: a small static server for demos and single-site installs.
//
// [X] Files of one published folder, loopback by default
// [X] ETag (SHA-256 of the content) and Last-Modified; 304 for If-None-Match / If-Modified-Since
// [X] gzip when the client accepts it
// [X] GET and HEAD; nothing outside the folder (no "..", no symlinks out)
// [X] Fleet health (with --report-token-file and --fleet-db): POST /report with the bearer token, checked
//     and kept in SQLite (publish/fleet); GET /fleet (HTML) and /fleet.json, readable without a token
// [ ] TLS, authentication for reading, many screens: put nginx or a CDN in front
// (deploy/nginx-wallboard.conf) Threads: Run() blocks on the calling thread; Stop() may be called from any
// thread.
#pragma once

#include <memory>
#include <string>

namespace wb::publish
{

struct ServeOptions
{
    std::string dir;                // the folder `build --out` writes
    std::string bind = "127.0.0.1"; // loopback unless asked otherwise
    int port = 8080;                // 0 picks a free port (tests)
    // Fleet health: both set, or neither (then /report, /fleet and /fleet.json answer 404).
    std::string report_token;            // the bearer token a board's report must carry
    std::string fleet_db;                // SQLite file of each screen's latest report
    size_t report_max_bytes = 64u << 10; // a larger report is refused (413)
    int fleet_refresh_s = 30;            // the fleet page reloads itself this often
};

class FeedServer
{
  public:
    explicit FeedServer(ServeOptions options);
    ~FeedServer();

    // Opens the fleet database (when reports are on) and binds the socket. Returns the port bound, or -1
    // with `error` set.
    int Bind(std::string& error);
    // Serves until Stop(), then finishes the requests in flight. Call after Bind(). False when it ended
    // by itself (it could no longer accept connections).
    bool Run();
    // Ends Run(), whenever it is called: also before Run() starts listening (then Run() returns at once).
    void Stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace wb::publish
