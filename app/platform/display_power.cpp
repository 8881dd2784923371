// The display's power (display_power.h).
#include "platform/display_power.h"

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <vector>

// Last: Xlib's macros (None, Status, Bool) must not meet the standard headers.
#include <X11/Xlib.h>
#include <X11/extensions/dpms.h>

// GLFW's own X display (glfw3native.h declares it, but that header wants Xrandr's development files too).
extern "C" Display* glfwGetX11Display(void);

extern char** environ;

namespace wb::platform
{
namespace
{

// Whether DPMS was enabled before the board first enabled it: on waking it is put back, so a kiosk that
// turned X's blanking off (xset -dpms) does not blank in the day.
bool g_dpms_was_enabled = false;
bool g_dpms_enabled_by_us = false;

std::string SetDpms(bool on)
{
    Display* display = glfwGetX11Display();
    if (!display)
        return "no X display to switch off (DPMS needs X11)";
    int event_base = 0, error_base = 0;
    if (!DPMSQueryExtension(display, &event_base, &error_base) || !DPMSCapable(display))
        return "the X server has no DPMS (display power management)";
    CARD16 level = 0;
    BOOL enabled = False;
    DPMSInfo(display, &level, &enabled);
    if (!on)
    {
        if (!g_dpms_enabled_by_us)
            g_dpms_was_enabled = enabled;
        g_dpms_enabled_by_us = true;
        DPMSEnable(display); // forcing a level needs DPMS enabled
        DPMSForceLevel(display, DPMSModeOff);
    }
    else
    {
        DPMSForceLevel(display, DPMSModeOn);
        if (g_dpms_enabled_by_us && !g_dpms_was_enabled)
            DPMSDisable(display);
        g_dpms_enabled_by_us = false;
    }
    XSync(display, False);
    return {};
}

// cec-ctl as a playback device, to the TV (logical address 0). Its output is not ours to log.
std::string RunCecCtl(const char* command)
{
    std::vector<const char*> args = {"cec-ctl", "--playback", "--to", "0", command, nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int spawned =
        posix_spawnp(&pid, "cec-ctl", &actions, nullptr, const_cast<char* const*>(args.data()), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return "cannot run cec-ctl (Debian: apt install v4l-utils)";
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) == 0)
    {
        if (std::chrono::steady_clock::now() > end)
        {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return std::string("cec-ctl ") + command + " did not finish in 10 s";
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return std::string("cec-ctl ") + command + " failed" +
               (WIFEXITED(status) ? " (exit code " + std::to_string(WEXITSTATUS(status)) + ")" : "");
    return {};
}

} // namespace

std::string SetDisplayPower(const std::string& method, bool on)
{
    if (method == "dpms")
        return SetDpms(on);
    if (method == "cec")
        return RunCecCtl(on ? "--image-view-on" : "--standby");
    return "display-off is \"none\"";
}

} // namespace wb::platform
