// wallboard-publish: turns a performance team's CSV exports into the snapshot every board fetches.
//   build  validate the exports and write DIR/snapshot.json atomically (and DIR/screens.json from
//          --screens screens.toml, checked against the plan)
//   check  validate a snapshot and print a one-screen summary
//   serve  serve a published folder over HTTP (loopback by default) with ETag, 304s and gzip; with
//          --report-token-file and --fleet-db, also the boards' reports and the fleet page (/fleet)
// Exit codes: 0 ok, 2 bad arguments or bad input (with file:line for each problem), 1 other failure.
#include "core/files.h"
#include "core/screens.h"
#include "core/snapshot.h"
#include "io/token.h"
#include "publish/build.h"
#include "publish/output.h"
#include "publish/serve.h"
#include "publish/summary.h"
#include "version.h"

#include <CLI/CLI.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iostream>
#include <pthread.h>
#include <sstream>
#include <thread>

namespace
{

constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

int RunBuild(const std::string& plan, const std::string& indicators, const std::string& actions,
             const std::string& evidence, const std::string& screens, const std::string& out_dir)
{
    auto inputs = wb::publish::ReadInputs(
        plan, indicators, actions, evidence.empty() ? std::nullopt : std::optional<std::string>(evidence));
    if (!inputs.Ok())
    {
        std::cerr << wb::FormatProblems(inputs.Problems());
        return kExitBadInput;
    }
    wb::publish::BuildReport report;
    auto snapshot = wb::publish::BuildSnapshot(inputs.Value(), &report);
    // How each file was read, then what to look at: a build that read a column wrongly is caught here.
    for (const std::string& line : report.readings)
        std::cout << "read " << line << "\n";
    for (const wb::Problem& warning : report.warnings)
        std::cerr << warning.where << ": warning: " << warning.what << "\n";
    if (!snapshot.Ok())
    {
        std::cerr << wb::FormatProblems(snapshot.Problems());
        std::cerr << snapshot.Problems().size() << " problem(s); nothing was written.\n";
        return kExitBadInput;
    }
    // The screen profiles are checked against this very plan before anything is written.
    std::optional<std::string> screens_json;
    if (!screens.empty())
    {
        const auto text = wb::ReadWholeFile(screens);
        auto built = text ? wb::BuildScreensJson(*text, screens, snapshot.Value())
                          : wb::Result<std::string>(std::vector<wb::Problem>{
                                {screens, "cannot be read; check the path and that it is readable."}});
        if (!built.Ok())
        {
            std::cerr << wb::FormatProblems(built.Problems());
            std::cerr << built.Problems().size() << " problem(s); nothing was written.\n";
            return kExitBadInput;
        }
        screens_json = std::move(built).Value();
    }
    if (std::string error = wb::publish::WriteSnapshotFile(snapshot.Value(), out_dir); !error.empty())
    {
        std::cerr << error << "\n";
        return kExitFailure;
    }
    if (screens_json)
    {
        if (std::string error = wb::publish::WriteScreensFile(*screens_json, out_dir); !error.empty())
        {
            std::cerr << error << "\n";
            return kExitFailure;
        }
        std::cout << "wrote " << out_dir << "/" << wb::kScreensFileName << " from " << screens << "\n";
    }
    const wb::Snapshot& s = snapshot.Value();
    std::cout << "wrote " << out_dir << "/" << wb::publish::kSnapshotFileName << ": " << s.indicators.size()
              << " indicators, " << s.actions.size() << " actions, " << s.dashboards.size() << " dashboards";
    if (!report.warnings.empty())
        std::cout << "; " << report.warnings.size() << " warning(s) above";
    std::cout << "\n";
    return 0;
}

int RunCheck(const std::string& path, const std::string& today_text)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
    {
        std::cerr << path << ": cannot be read; check the path and that it is readable.\n";
        return kExitBadInput;
    }
    std::ostringstream content;
    content << file.rdbuf();
    auto snapshot = wb::ParseSnapshot(content.str());
    if (!snapshot.Ok())
    {
        for (const wb::Problem& problem : snapshot.Problems())
            std::cerr << path << (problem.where.empty() ? "" : " " + problem.where) << ": " << problem.what
                      << "\n";
        return kExitBadInput;
    }
    wb::Date today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    if (!today_text.empty())
        today = *wb::ParseIsoDate(today_text);
    std::cout << wb::publish::SummariseSnapshot(snapshot.Value(), today);
    return 0;
}

// SIGINT and SIGTERM are blocked before any thread starts (httplib's workers inherit the mask) and taken
// by one thread with sigwait, which stops the server: no signal handler, no global.
int RunServe(wb::publish::ServeOptions options, const std::string& report_token_file)
{
    if (!report_token_file.empty())
    {
        auto token = wb::io::ReadToken(report_token_file); // the same rules as the board's token-file
        if (!token.Ok())
        {
            std::cerr << "--report-token-file " << wb::FormatProblems(token.Problems());
            return kExitBadInput;
        }
        options.report_token = std::move(token).Value();
    }
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    wb::publish::FeedServer server(options);
    std::string error;
    const int port = server.Bind(error);
    if (port < 0)
    {
        std::cerr << error << "\n";
        return kExitBadInput;
    }
    std::atomic<bool> over{false};
    std::atomic<int> stopped_by{0};
    std::thread watcher(
        [&]
        {
            int signal = 0;
            sigwait(&signals, &signal);
            if (over)
                return;
            stopped_by = signal;
            server.Stop();
        });
    std::cout << "serving " << options.dir << " at http://" << options.bind << ":" << port
              << "/snapshot.json (Ctrl-C to stop)" << std::endl;
    if (!options.fleet_db.empty())
        std::cout << "fleet reports at http://" << options.bind << ":" << port
                  << "/report, the fleet at /fleet" << std::endl;
    const bool served = server.Run();
    over = true;
    if (stopped_by == 0) // the server ended by itself: release the watcher, the one thread in sigwait
        pthread_kill(watcher.native_handle(), SIGTERM);
    watcher.join();
    if (const int signal = stopped_by)
    {
        std::cout << "stopped by " << (signal == SIGINT ? "SIGINT" : "SIGTERM") << std::endl;
        return 0;
    }
    if (!served)
    {
        std::cerr << "the server stopped: it could no longer accept connections\n";
        return kExitFailure;
    }
    return 0;
}

} // namespace

static int Main(int argc, char** argv)
{
    // Named here, not from argv[0], so that --help and the man page made from it say "wallboard-publish".
    CLI::App app{"wallboard-publish: CSV exports of an improvement plan -> a snapshot for Wallboard screens",
                 "wallboard-publish"};
    app.set_version_flag("--version", WALLBOARD_VERSION);
    app.require_subcommand(1);

    std::string plan, indicators, actions, evidence, screens, out_dir;
    CLI::App* build =
        app.add_subcommand("build", "Validate the exports and write DIR/snapshot.json atomically");
    build->add_option("--plan", plan, "plan.toml: the plan, its RAG key, priorities, teams, dashboards")
        ->required()
        ->check(CLI::ExistingFile);
    build->add_option("--indicators", indicators, "indicator table CSV, one column per month")
        ->required()
        ->check(CLI::ExistingFile);
    build->add_option("--actions", actions, "action tracker CSV")->required()->check(CLI::ExistingFile);
    build->add_option("--evidence", evidence, "evidence-of-progress notes CSV")->check(CLI::ExistingFile);
    build
        ->add_option("--screens", screens,
                     "screens.toml: each screen's playlist, dwell, page ... ([default], [screens.<id>]), "
                     "checked against the plan and written as screens.json")
        ->check(CLI::ExistingFile);
    build->add_option("--out", out_dir, "directory to write snapshot.json into")->required();

    std::string check_path, today;
    CLI::App* check = app.add_subcommand("check", "Validate a snapshot and print a one-screen summary");
    check->add_option("FILE", check_path, "snapshot.json")->required();
    check->add_option("--today", today, "count overdue actions as of this date (YYYY-MM-DD); default today")
        ->check([](const std::string& text)
                { return wb::ParseIsoDate(text) ? std::string() : "must be a date YYYY-MM-DD"; });

    wb::publish::ServeOptions serve_options;
    CLI::App* serve =
        app.add_subcommand("serve", "Serve a published folder over HTTP with ETag, 304s and gzip (and, "
                                    "with --report-token-file, the boards' reports and the fleet page)");
    serve->add_option("DIR", serve_options.dir, "the folder `build --out` writes")->required();
    serve->add_option("--port", serve_options.port, "TCP port; 0 picks a free one (printed)")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    serve
        ->add_option("--bind", serve_options.bind, "address to listen on; loopback unless you need otherwise")
        ->capture_default_str();
    std::string report_token_file;
    serve
        ->add_option(
            "--report-token-file", report_token_file,
            "accept boards' status reports at POST /report with this bearer token (the boards' "
            "token-file) and show them at /fleet and /fleet.json (no token to read: keep them behind "
            "your network rules or nginx auth); needs --fleet-db")
        ->check(CLI::ExistingFile);
    serve->add_option("--fleet-db", serve_options.fleet_db,
                      "SQLite file keeping each screen's latest report; needs --report-token-file");

    try
    {
        app.parse(argc, argv);
    }
    catch (const CLI::ParseError& error)
    {
        const int code = app.exit(error);
        return code == 0 ? 0 : kExitBadInput;
    }
    if (*build)
        return RunBuild(plan, indicators, actions, evidence, screens, out_dir);
    if (*serve)
        return RunServe(serve_options, report_token_file);
    return RunCheck(check_path, today);
}

// Every failure is a message and an exit code: nothing escapes as an abort (exit 134), whatever the input.
int main(int argc, char** argv)
{
    try
    {
        return Main(argc, argv);
    }
    catch (const std::exception& error)
    {
        std::cerr << "wallboard-publish: " << error.what() << "\n";
    }
    catch (...)
    {
        std::cerr << "wallboard-publish: an unexpected error stopped the command\n";
    }
    return kExitFailure;
}
