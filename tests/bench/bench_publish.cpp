// Benchmark, not a test: prints figures for a synthetic plan of 5,000 indicators x 36 months and
// 2,000 actions. Targets on the development machine: publish < 1 s, parse+validate < 250 ms,
// peak memory while parsing < 5x the snapshot's size.
// `bench_publish --snapshot DIR` only writes that plan's snapshot.json to DIR (bench_board.sh's large run).
#include "core/snapshot.h"
#include "publish/build.h"
#include "publish/output.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace
{

using Clock = std::chrono::steady_clock;

// kB from /proc/self/status ("VmRSS", "VmHWM").
long StatusKb(const char* field)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with(field))
            return std::stol(line.substr(line.find(':') + 1));
    return -1;
}

// Resets the peak-RSS mark so the next phase's peak can be read on its own.
void ResetPeak()
{
    std::ofstream("/proc/self/clear_refs") << "5";
}

wb::publish::BuildInputs SyntheticPlan(int indicators, int months, int actions)
{
    std::string plan = R"([plan]
id = "synthetic"
authority = "Benchmark Council"
title = "Synthetic plan"
as_of = 2025-12-31
start = 2023-01-01
[indicators]
placeholders = ["Report development required"]
)";
    for (const char* code : {"R", "A", "G"})
        plan += std::string("[[rag]]\ncode = \"") + code + "\"\nlabel = \"" + code +
                "\"\ncolour = \"#808080\"\ndefinition = \"level\"\ndone = " +
                (code[0] == 'G' ? "true" : "false") + "\n";
    for (int p = 1; p <= 6; ++p)
        plan += "[[priorities]]\nid = \"" + std::to_string(p) + "\"\ntitle = \"Priority " +
                std::to_string(p) + "\"\n";
    for (int t = 0; t < 20; ++t)
        plan += "[[teams]]\nid = \"team-" + std::to_string(t) + "\"\nname = \"Team " + std::to_string(t) +
                "\"\n" + "[[dashboards]]\nid = \"team-" + std::to_string(t) + "\"\ntitle = \"Team " +
                std::to_string(t) + "\"\nteams = [\"team-" + std::to_string(t) + "\"]\n";
    plan += "[[dashboards]]\nid = \"board\"\ntitle = \"Board\"\nkind = \"overview\"\n";

    std::ostringstream ind;
    ind << "id,section,name,unit,measure,polarity,target,teams";
    for (int m = 0; m < months; ++m)
        ind << "," << 2023 + m / 12 << "-" << (m % 12 < 9 ? "0" : "") << m % 12 + 1;
    ind << "\r\n";
    for (int i = 0; i < indicators; ++i)
    {
        ind << i << ",Section " << i % 6 << ",\"Percentage of things, measure " << i
            << "\",percent,in_month,up_good,90.0%,team-" << i % 20;
        for (int m = 0; m < months; ++m)
        {
            if ((i + m) % 97 == 0)
                ind << ",Report development required";
            else
                ind << "," << (i * 7 + m * 13) % 1000 / 10.0 << "%";
        }
        ind << "\r\n";
    }

    std::ostringstream act;
    act << "ref,priority,outcome,action,lead,teams,due,due_text,rag\r\n";
    for (int a = 0; a < actions; ++a)
        act << a / 2 << "." << a % 2 << "," << a % 6 + 1 << ",\"Children will benefit, outcome " << a
            << "\",\"Do the thing, carefully, number " << a << "\",HOS Team,team-" << a % 20 << ",2024-"
            << (a % 12 < 9 ? "0" : "") << a % 12 + 1 << "-28,Month,"
            << "RAG"[a % 3] << "\r\n";
    return {{"plan.toml", plan}, {"indicators.csv", ind.str()}, {"actions.csv", act.str()}, std::nullopt};
}

// Builds the plan and writes DIR/snapshot.json as wallboard-publish does; says why not on stderr.
bool WriteSnapshot(const wb::publish::BuildInputs& inputs, const std::string& dir)
{
    auto snapshot = wb::publish::BuildSnapshot(inputs);
    if (!snapshot.Ok())
    {
        std::fputs(wb::FormatProblems(snapshot.Problems()).c_str(), stderr);
        return false;
    }
    if (const std::string error = wb::publish::WriteSnapshotFile(snapshot.Value(), dir); !error.empty())
    {
        std::fprintf(stderr, "%s\n", error.c_str());
        return false;
    }
    return true;
}

// Run in a fresh process so memory the publish phase freed does not hide the parser's peak.
int ParsePeakChild(const char* path)
{
    std::ifstream file(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    const long baseline_kb = StatusKb("VmRSS:");
    ResetPeak();
    const bool ok = wb::ParseSnapshot(bytes).Ok();
    std::printf("%ld\n", StatusKb("VmHWM:") - baseline_kb);
    return ok ? 0 : 1;
}

double Median(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    if (argc == 3 && std::string(argv[1]) == "--parse-peak")
        return ParsePeakChild(argv[2]);
    constexpr int kIndicators = 5000, kMonths = 36, kActions = 2000, kRuns = 5;
    const auto inputs = SyntheticPlan(kIndicators, kMonths, kActions);
    if (argc == 3 && std::string(argv[1]) == "--snapshot")
        return WriteSnapshot(inputs, argv[2]) ? 0 : 1;
    const std::string dir = (std::filesystem::temp_directory_path() / "wallboard-bench").string();

    std::vector<double> publish_ms, parse_ms;
    for (int run = 0; run < kRuns; ++run)
    {
        const auto start = Clock::now();
        if (!WriteSnapshot(inputs, dir))
            return 1;
        publish_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }

    std::ifstream file(dir + "/snapshot.json", std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    for (int run = 0; run < kRuns; ++run)
    {
        const auto start = Clock::now();
        auto parsed = wb::ParseSnapshot(bytes);
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        if (!parsed.Ok())
        {
            std::fputs(wb::FormatProblems(parsed.Problems()).c_str(), stderr);
            return 1;
        }
        parse_ms.push_back(ms);
    }
    long peak_kb = -1;
    const std::string child =
        std::filesystem::read_symlink("/proc/self/exe").string() + " --parse-peak " + dir + "/snapshot.json";
    if (FILE* pipe = ::popen(child.c_str(), "r"))
    {
        if (std::fscanf(pipe, "%ld", &peak_kb) != 1)
            peak_kb = -1;
        ::pclose(pipe);
    }
    std::filesystem::remove_all(dir);

    const double snapshot_mb = static_cast<double>(bytes.size()) / 1e6;
    std::printf("bench_publish: %d indicators x %d months, %d actions; snapshot %.1f MB\n", kIndicators,
                kMonths, kActions, snapshot_mb);
    std::printf("  publish (CSV -> validated snapshot.json, atomic write): median %.0f ms over %d runs "
                "(target < 1000)\n",
                Median(publish_ms), kRuns);
    std::printf("  parse + validate: median %.0f ms over %d runs (target < 250)\n", Median(parse_ms), kRuns);
    std::printf("  peak memory while parsing: %.1f MB above baseline = %.1fx the snapshot (target < 5x)\n",
                static_cast<double>(peak_kb) / 1024.0,
                static_cast<double>(peak_kb) * 1024.0 / static_cast<double>(bytes.size()));
    return 0;
}
