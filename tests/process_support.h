// A command run as a child process for the command-line tests that signal it: its output in a file,
// signals, and its exit waited for with a deadline that only keeps a broken build from hanging the suite.
#pragma once

#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <optional>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <vector>

extern char** environ;

namespace wb::test
{

class Process
{
  public:
    // Starts `args` (argv[0] looked up in PATH) with stdout and stderr into `output`, in this process's
    // environment or in `env` ("NAME=value" each).
    Process(const std::vector<std::string>& args, const std::filesystem::path& output,
            const std::optional<std::vector<std::string>>& env = std::nullopt)
        : m_output(output)
    {
        std::vector<char*> argv;
        for (const std::string& arg : args)
            argv.push_back(const_cast<char*>(arg.c_str()));
        argv.push_back(nullptr);
        std::vector<char*> envp;
        if (env)
        {
            for (const std::string& entry : *env)
                envp.push_back(const_cast<char*>(entry.c_str()));
            envp.push_back(nullptr);
        }
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        const int error =
            posix_spawnp(&m_pid, argv[0], &actions, nullptr, argv.data(), env ? envp.data() : environ);
        posix_spawn_file_actions_destroy(&actions);
        REQUIRE(error == 0);
    }
    ~Process()
    {
        if (m_pid > 0)
        {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
    }
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    pid_t Pid() const { return m_pid; }
    void Signal(int signal) const { kill(m_pid, signal); }

    // What it has written so far.
    std::string Output() const
    {
        std::ifstream file(m_output, std::ios::binary);
        std::ostringstream text;
        text << file.rdbuf();
        return text.str();
    }

    // Polls the output for `text` until it appears or the process ends; false if it never came.
    bool WaitForOutput(const std::string& text, double give_up_s = 30) const
    {
        const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(give_up_s);
        while (std::chrono::steady_clock::now() < end)
        {
            if (Output().find(text) != std::string::npos)
                return true;
            if (HasExited())
                return Output().find(text) != std::string::npos;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return false;
    }

    // Its exit code once it has exited, -1 if a signal ended it, -2 if it is still running after
    // `give_up_s` (then it is killed).
    int WaitExit(double give_up_s = 30)
    {
        const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(give_up_s);
        int status = 0;
        while (waitpid(m_pid, &status, WNOHANG) == 0)
        {
            if (std::chrono::steady_clock::now() > end)
                return -2; // the destructor kills it
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        m_pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

  private:
    // Exited, not yet reaped (WNOWAIT leaves that to WaitExit).
    bool HasExited() const
    {
        siginfo_t info{};
        return m_pid <= 0 ||
               waitid(P_PID, static_cast<id_t>(m_pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0 ||
               info.si_pid != 0;
    }

    std::filesystem::path m_output;
    pid_t m_pid = -1;
};

} // namespace wb::test
