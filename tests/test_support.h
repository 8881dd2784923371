// Helpers shared by the tests: file access, the demo plans, and Plymouth's shared data.
#pragma once

#include "core/model.h"
#include "core/problem.h"
#include "publish/build.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/wait.h>

namespace wb::test
{

inline std::string SourceDir()
{
    return WALLBOARD_SOURCE_DIR;
}
inline std::string SharedDir()
{
    return WALLBOARD_SHARED_DIR;
}

inline std::string ReadFile(const std::filesystem::path& path)
{
    std::ifstream file(path, std::ios::binary);
    INFO("reading " << path);
    REQUIRE(file.good());
    std::ostringstream content;
    content << file.rdbuf();
    return content.str();
}

inline std::filesystem::path DemoDir(const std::string& plan)
{
    return SourceDir() + "/config/demo/" + plan;
}

// Every bundled demo plan: each folder of config/demo with a plan.toml, in name order.
inline std::vector<std::string> DemoPlans()
{
    std::vector<std::string> plans;
    for (const auto& entry : std::filesystem::directory_iterator(SourceDir() + "/config/demo"))
        if (std::filesystem::exists(entry.path() / "plan.toml"))
            plans.push_back(entry.path().filename().string());
    std::sort(plans.begin(), plans.end());
    return plans;
}

inline publish::BuildInputs DemoInputs(const std::string& plan)
{
    const auto dir = DemoDir(plan);
    publish::BuildInputs inputs{{"plan.toml", ReadFile(dir / "plan.toml")},
                                {"indicators.csv", ReadFile(dir / "indicators.csv")},
                                {"actions.csv", ReadFile(dir / "actions.csv")},
                                std::nullopt};
    if (std::filesystem::exists(dir / "evidence.csv"))
        inputs.evidence = publish::InputText{"evidence.csv", ReadFile(dir / "evidence.csv")};
    return inputs;
}

inline Snapshot BuildDemo(const std::string& plan)
{
    auto result = publish::BuildSnapshot(DemoInputs(plan));
    INFO(FormatProblems(result.Problems()));
    REQUIRE(result.Ok());
    return std::move(result).Value();
}

// Every page id of a plan: its dashboards in order, then the overdue page.
inline std::vector<std::string> PageIds(const Snapshot& s)
{
    std::vector<std::string> ids;
    for (const Dashboard& d : s.dashboards)
        ids.push_back(d.id);
    ids.emplace_back(kOverduePageId);
    return ids;
}

inline const Indicator& IndicatorById(const Snapshot& s, const std::string& id)
{
    for (const Indicator& ind : s.indicators)
        if (ind.id == id)
            return ind;
    FAIL("no indicator " << id);
    throw std::logic_error("unreachable");
}

// True when some problem's location and message contain both fragments.
inline bool HasProblem(const std::vector<Problem>& problems, const std::string& where,
                       const std::string& what)
{
    for (const Problem& p : problems)
        if (p.where.find(where) != std::string::npos && p.what.find(what) != std::string::npos)
            return true;
    return false;
}

// A temporary directory removed at the end of the test.
class TempDir
{
  public:
    TempDir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "wallboard-test-XXXXXX").string();
        m_path = ::mkdtemp(pattern.data());
    }
    ~TempDir() { std::filesystem::remove_all(m_path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& Path() const { return m_path; }

  private:
    std::filesystem::path m_path;
};

#ifdef WALLBOARD_EXE
// Runs the board with `arguments` (shell words), its stdout and stderr in `output` (kept in `dir`). Returns
// its exit code, -1 when it did not exit.
inline int RunBoard(const std::string& arguments, std::string& output, const TempDir& dir)
{
    const std::string capture = (dir.Path() / "output.txt").string();
    const int status =
        std::system((std::string(WALLBOARD_EXE) + " " + arguments + " >" + capture + " 2>&1").c_str());
    output = ReadFile(capture);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
#endif

} // namespace wb::test
