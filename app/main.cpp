// wallboard: the board. Reads top to bottom as the whole program: parse options, load config, open the
// cache, load the last good snapshot, start the sync thread, then (until the window lands, issue 4) run
// headless, logging each sync, or with --once make one sync and report it.
// Exit codes: 0 ok, 2 bad arguments or config (naming the option or key), 1 other failure.
#include "core/config.h"
#include "core/files.h"
#include "core/snapshot.h"
#include "io/cache.h"
#include "io/sync.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <csignal>
#include <iostream>

namespace
{

constexpr int kExitFailure = 1;
constexpr int kExitBadConfig = 2;

volatile std::sig_atomic_t g_stop = 0;

void Log(const std::string& line)
{
    std::cerr << "wallboard: " << line << std::endl;
}

} // namespace

int main(int argc, char** argv)
{
    // 1. Options. Every setting is both a --option and a TOML key of the same name.
    CLI::App app{"wallboard: an improvement plan on the team-room wall"};
    app.set_version_flag("--version", WALLBOARD_VERSION);
    std::string config_path;
    app.add_option("--config", config_path, "TOML file with the settings below (the options override it)");
    std::map<std::string, std::string> text_options;
    for (const char* name : {"feed", "cache", "status-file", "token-file", "ca-file"})
        app.add_option(std::string("--") + name, text_options[name]);
    std::map<std::string, int> int_options;
    for (const wb::IntSetting& s : wb::kIntSettings)
        app.add_option(std::string("--") + s.name, int_options[s.name],
                       std::string("(") + s.unit + ", " + std::to_string(s.min) + " to " +
                           std::to_string(s.max) + ")")
            ->check(CLI::Range(s.min, s.max));
    bool once = false;
    app.add_flag("--once", once, "fetch once, print the status and exit (0 when the feed is online)");
    try
    {
        app.parse(argc, argv);
    }
    catch (const CLI::ParseError& error)
    {
        const int code = app.exit(error);
        return code == 0 ? 0 : kExitBadConfig;
    }

    // 2. Config: the file, then the command line over it.
    wb::BoardConfig config;
    if (!config_path.empty())
    {
        const auto text = wb::ReadWholeFile(config_path);
        if (!text)
        {
            std::cerr << "--config: cannot read " << config_path << "\n";
            return kExitBadConfig;
        }
        auto loaded = wb::LoadBoardConfig(*text, config_path);
        if (!loaded.Ok())
        {
            std::cerr << wb::FormatProblems(loaded.Problems());
            return kExitBadConfig;
        }
        config = std::move(loaded).Value();
    }
    const std::map<std::string, std::string wb::BoardConfig::*> text_fields = {
        {"feed", &wb::BoardConfig::feed},
        {"cache", &wb::BoardConfig::cache},
        {"status-file", &wb::BoardConfig::status_file},
        {"token-file", &wb::BoardConfig::token_file},
        {"ca-file", &wb::BoardConfig::ca_file}};
    for (const auto& [name, field] : text_fields)
        if (app.count("--" + name) > 0)
            config.*field = text_options[name];
    for (const wb::IntSetting& s : wb::kIntSettings)
        if (app.count(std::string("--") + s.name) > 0)
            config.*s.field = int_options[s.name];
    if (config.feed.empty())
    {
        std::cerr << "--feed: no feed URL given (or feed = \"...\" in the config)\n";
        return kExitBadConfig;
    }
    if (const auto problems = wb::CheckFeedUrl(config.feed, "--feed"); !problems.empty())
    {
        std::cerr << wb::FormatProblems(problems);
        return kExitBadConfig;
    }
    std::string token;
    if (!config.token_file.empty())
    {
        const auto text = wb::ReadWholeFile(config.token_file);
        if (!text)
        {
            std::cerr << "--token-file: cannot read " << config.token_file << "\n";
            return kExitBadConfig;
        }
        token = *text;
        while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back())))
            token.pop_back();
    }
    if (!config.ca_file.empty() && !wb::ReadWholeFile(config.ca_file))
    {
        std::cerr << "--ca-file: cannot read " << config.ca_file << "\n";
        return kExitBadConfig;
    }

    // 3. Cache: a corrupt file is moved aside and rebuilt; with no cache at all, run from memory.
    auto cache = wb::io::Cache::Open(config.cache, {config.keep_snapshots, config.history_months}, Log);
    if (!cache.Ok())
        Log(wb::FormatProblems(cache.Problems()) + "running without a cache: nothing will survive a restart");

    // 4. Sync: the last good snapshot first, then the feed on the sync thread.
    wb::io::SyncOptions sync_options;
    sync_options.fetch.url = config.feed;
    sync_options.fetch.connect_timeout_s = config.connect_timeout;
    sync_options.fetch.request_timeout_s = config.request_timeout;
    sync_options.fetch.max_body_bytes = static_cast<size_t>(config.max_body_mb) << 20;
    sync_options.fetch.ca_file = config.ca_file;
    sync_options.fetch.bearer_token = token;
    sync_options.backoff = {config.refresh, config.backoff_cap};
    sync_options.status_file = config.status_file;
    sync_options.version = WALLBOARD_VERSION;
    wb::io::Sync sync(sync_options, cache.Ok() ? std::move(cache).Value() : nullptr, nullptr, Log);
    sync.LoadFromCache();
    if (auto snapshot = sync.Current())
        Log("showing the cached snapshot of " + snapshot->plan.authority + " as of " +
            wb::FormatIsoDate(snapshot->plan.as_of));

    if (once)
    {
        sync.RunOnce();
        const wb::io::SyncStatus status = sync.Status();
        const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
        std::cout << wb::io::StatusToJson(status, now);
        return status.state == wb::io::SyncState::Online ? 0 : kExitFailure;
    }

    // 5. Until the window exists: keep syncing until asked to stop.
    std::signal(SIGINT, [](int) { g_stop = 1; });
    std::signal(SIGTERM, [](int) { g_stop = 1; });
    sync.Start();
    while (!g_stop)
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    sync.Stop();
    return 0;
}
