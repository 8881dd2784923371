// syscall_filter_run: runs a command under the system call filter of a systemd unit, as systemd would, so
// a test can show that the board passes the filter of deploy/systemd/wallboard.service without systemd.
//
//   syscall_filter_run UNIT_FILE -- COMMAND [ARGS...]
//
// Reads the [Service] section's SystemCallFilter= lines (allow-list or ~deny-list, several lines, an empty
// one resets; @groups expanded with `systemd-analyze syscall-filter`, @default added to an allow-list as
// systemd adds it), SystemCallArchitectures= (native only) and RestrictAddressFamilies=, then installs
// seccomp filters (libseccomp) and execs COMMAND:
// [X] a call outside the filter kills the process with SIGSYS (SCMP_ACT_KILL_PROCESS, systemd's default).
//     The unit's SystemCallErrorNumber= is NOT honoured on purpose: an EPERM could hide a call the board
//     needs behind a quieter failure, so here every call outside the set is fatal.
// [X] a call from another architecture (an i386 or x32 binary) is killed too
// [X] socket() of an address family the unit does not allow fails with EAFNOSUPPORT, as under systemd
// [ ] the unit's other sandboxing (namespaces, ProtectSystem=, capabilities): not this program's business
// Exit codes: COMMAND's own; 2 a unit file it cannot read or a setting it does not understand; 127 exec.
#include <seccomp.h>

#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace
{

constexpr int kExitBadUnit = 2;

struct UnitSettings
{
    std::vector<std::string> filter_lines;   // SystemCallFilter= values, in order
    std::vector<std::string> families_lines; // RestrictAddressFamilies= values, in order
    std::string architectures;               // SystemCallArchitectures=
};

std::string Trim(const std::string& text)
{
    const size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return "";
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::vector<std::string> Words(const std::string& text)
{
    std::istringstream in(text);
    std::vector<std::string> words;
    for (std::string word; in >> word;)
        words.push_back(word);
    return words;
}

bool ReadUnit(const std::string& path, UnitSettings& settings)
{
    std::ifstream file(path);
    if (!file)
    {
        std::cerr << "syscall_filter_run: cannot read " << path << "\n";
        return false;
    }
    std::string section;
    std::string line;
    std::string pending; // a line continued with a trailing backslash
    while (std::getline(file, line))
    {
        line = Trim(line);
        if (!line.empty() && line.back() == '\\')
        {
            pending += line.substr(0, line.size() - 1) + " ";
            continue;
        }
        line = pending + line;
        pending.clear();
        if (line.empty() || line[0] == '#' || line[0] == ';')
            continue;
        if (line[0] == '[')
        {
            section = line;
            continue;
        }
        if (section != "[Service]")
            continue;
        const size_t equals = line.find('=');
        if (equals == std::string::npos)
            continue;
        const std::string key = Trim(line.substr(0, equals));
        const std::string value = Trim(line.substr(equals + 1));
        if (key == "SystemCallFilter")
            settings.filter_lines.push_back(value);
        else if (key == "RestrictAddressFamilies")
            settings.families_lines.push_back(value);
        else if (key == "SystemCallArchitectures")
            settings.architectures = value;
    }
    return true;
}

// The system calls of a group, nested groups expanded, from systemd's own list.
bool ExpandGroup(const std::string& group, std::set<std::string>& calls, std::map<std::string, bool>& seen)
{
    if (seen[group])
        return true;
    seen[group] = true;
    const std::string command = "systemd-analyze --no-pager syscall-filter " + group + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return false;
    std::vector<std::string> members;
    char buffer[512];
    bool first = true;
    while (std::fgets(buffer, sizeof buffer, pipe))
    {
        const std::string entry = Trim(buffer);
        if (first) // the group's own name
        {
            first = false;
            if (entry != group)
            {
                std::cerr << "syscall_filter_run: systemd-analyze does not know " << group << ": " << entry
                          << "\n";
                pclose(pipe);
                return false;
            }
            continue;
        }
        if (!entry.empty() && entry[0] != '#')
            members.push_back(entry);
    }
    if (pclose(pipe) != 0)
    {
        std::cerr << "syscall_filter_run: `" << command << "` failed\n";
        return false;
    }
    for (const std::string& member : members)
    {
        if (member[0] == '@')
        {
            if (!ExpandGroup(member, calls, seen))
                return false;
        }
        else
            calls.insert(member);
    }
    return true;
}

bool Expand(const std::string& word, std::set<std::string>& calls)
{
    std::map<std::string, bool> seen;
    if (word[0] == '@')
        return ExpandGroup(word, calls, seen);
    calls.insert(word);
    return true;
}

// SystemCallFilter= as systemd reads it (config_parse_syscall_filter): the first non-empty line decides
// allow-list or deny-list (~); later lines add to it (same polarity) or take away from it.
bool BuildFilter(const std::vector<std::string>& lines, bool& allow_list, std::set<std::string>& calls)
{
    bool decided = false;
    for (std::string value : lines)
    {
        if (value.empty())
        {
            decided = false;
            calls.clear();
            continue;
        }
        const bool invert = value[0] == '~';
        if (invert)
            value = value.substr(1);
        if (!decided)
        {
            decided = true;
            allow_list = !invert;
            if (allow_list && !Expand("@default", calls))
                return false;
        }
        for (std::string word : Words(value))
        {
            if (const size_t colon = word.find(':'); colon != std::string::npos)
            {
                std::cerr << "syscall_filter_run: per-call error numbers (" << word
                          << ") are not supported\n";
                return false;
            }
            std::set<std::string> expanded;
            if (!Expand(word, expanded))
                return false;
            for (const std::string& call : expanded)
            {
                if (invert != allow_list)
                    calls.insert(call);
                else
                    calls.erase(call);
            }
        }
    }
    if (!decided)
    {
        std::cerr << "syscall_filter_run: the unit has no SystemCallFilter=\n";
        return false;
    }
    return true;
}

int Family(const std::string& name)
{
    static const std::map<std::string, int> families = {{"AF_UNIX", AF_UNIX},       {"AF_LOCAL", AF_UNIX},
                                                        {"AF_INET", AF_INET},       {"AF_INET6", AF_INET6},
                                                        {"AF_NETLINK", AF_NETLINK}, {"AF_PACKET", AF_PACKET}};
    const auto found = families.find(name);
    return found == families.end() ? -1 : found->second;
}

// RestrictAddressFamilies= as an allow-list (a ~deny-list is refused: the wallboard unit has none).
bool RestrictFamilies(const std::vector<std::string>& lines)
{
    if (lines.empty())
        return true;
    std::set<int> allowed;
    for (const std::string& value : lines)
    {
        if (value.empty() || value[0] == '~' || value == "none")
        {
            std::cerr << "syscall_filter_run: RestrictAddressFamilies=" << value << " is not supported\n";
            return false;
        }
        for (const std::string& word : Words(value))
        {
            const int family = Family(word);
            if (family < 0)
            {
                std::cerr << "syscall_filter_run: unknown address family " << word << "\n";
                return false;
            }
            allowed.insert(family);
        }
    }
    // As systemd does: every family up to the largest allowed one that is not allowed, and all above it.
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx)
        return false;
    const int largest = *allowed.rbegin();
    int result = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socket), 1,
                                  SCMP_A0(SCMP_CMP_GT, static_cast<scmp_datum_t>(largest)));
    for (int family = 0; family < largest && result == 0; ++family)
        if (!allowed.count(family))
            result = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socket), 1,
                                      SCMP_A0(SCMP_CMP_EQ, static_cast<scmp_datum_t>(family)));
    if (result == 0)
        result = seccomp_load(ctx);
    seccomp_release(ctx);
    if (result != 0)
        std::cerr << "syscall_filter_run: RestrictAddressFamilies filter: " << std::strerror(-result) << "\n";
    return result == 0;
}

} // namespace

int main(int argc, char** argv)
{
    int separator = 0;
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--") == 0)
        {
            separator = i;
            break;
        }
    if (argc < 4 || separator != 2 || separator + 1 >= argc)
    {
        std::cerr << "usage: syscall_filter_run UNIT_FILE -- COMMAND [ARGS...]\n";
        return kExitBadUnit;
    }
    UnitSettings unit;
    if (!ReadUnit(argv[1], unit))
        return kExitBadUnit;
    if (!unit.architectures.empty() && unit.architectures != "native")
    {
        std::cerr << "syscall_filter_run: SystemCallArchitectures=" << unit.architectures
                  << " is not supported (only native)\n";
        return kExitBadUnit;
    }
    bool allow_list = true;
    std::set<std::string> calls;
    if (!BuildFilter(unit.filter_lines, allow_list, calls))
        return kExitBadUnit;

    // Bad architectures are killed whatever the list says: SystemCallArchitectures=native.
    const uint32_t refused = SCMP_ACT_KILL_PROCESS;
    scmp_filter_ctx ctx = seccomp_init(allow_list ? refused : SCMP_ACT_ALLOW);
    if (!ctx || seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS) != 0)
    {
        std::cerr << "syscall_filter_run: seccomp_init failed\n";
        return kExitBadUnit;
    }
    int known = 0;
    for (const std::string& call : calls)
    {
        const int number = seccomp_syscall_resolve_name(call.c_str());
        if (number == __NR_SCMP_ERROR)
            continue; // not on this architecture (or unknown to libseccomp): systemd skips it too
        // A multiplexed call (socketcall on i386) does not exist natively: refused, skipped as systemd does.
        if (seccomp_rule_add_exact(ctx, allow_list ? SCMP_ACT_ALLOW : refused, number, 0) == 0)
            ++known;
    }
    std::cerr << "syscall_filter_run: " << (allow_list ? "allow-list" : "deny-list") << " of " << calls.size()
              << " system calls (" << known << " on this architecture) from " << argv[1] << "; anything "
              << (allow_list ? "else" : "listed") << " kills the process (SIGSYS)\n";

    // The filter needs no privilege with no_new_privs, which the unit sets (NoNewPrivileges=yes).
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    {
        std::cerr << "syscall_filter_run: PR_SET_NO_NEW_PRIVS: " << std::strerror(errno) << "\n";
        return kExitBadUnit;
    }
    if (!RestrictFamilies(unit.families_lines))
        return kExitBadUnit;
    if (const int result = seccomp_load(ctx); result != 0)
    {
        std::cerr << "syscall_filter_run: seccomp_load: " << std::strerror(-result) << "\n";
        return kExitBadUnit;
    }
    seccomp_release(ctx);
    execvp(argv[separator + 1], argv + separator + 1);
    std::fprintf(stderr, "syscall_filter_run: cannot run %s: %s\n", argv[separator + 1],
                 std::strerror(errno));
    return 127;
}
