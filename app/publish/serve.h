// `wallboard-publish serve`: a small static server for demos and single-site installs.
//
// [X] Files of one published folder, loopback by default
// [X] ETag (SHA-256 of the content) and Last-Modified; 304 for If-None-Match / If-Modified-Since
// [X] gzip when the client accepts it
// [X] GET and HEAD; nothing outside the folder (no "..", no symlinks out)
// [ ] TLS, authentication, many screens: put nginx or a CDN in front (deploy/nginx-wallboard.conf)
// Threads: Run() blocks on the calling thread; Stop() may be called from any thread.
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
};

class FeedServer
{
  public:
    explicit FeedServer(ServeOptions options);
    ~FeedServer();

    // Binds the socket. Returns the port bound, or -1 with `error` set.
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
