// The display's power outside office hours: DPMS through the X server GLFW is connected to (libXext's
// DPMS extension), or a TV's standby through HDMI-CEC with `cec-ctl` (Debian's v4l-utils).
// [X] DPMS off and on, leaving X's own blanking as it found it (the kiosk session turns it off)
// [X] CEC standby, and --image-view-on to wake the TV; cec-ctl is given 10 s, then killed
// [ ] Wayland: no DPMS here (GLFW is X11 on Debian bookworm)
// Render thread only: DPMS talks to GLFW's X display.
#pragma once

#include <string>

namespace wb::platform
{

// `method` is "dpms", "cec" or "none". Returns an empty string when the display was switched, else why
// not, in words for the log ("none" always fails: nothing can switch it).
std::string SetDisplayPower(const std::string& method, bool on);

} // namespace wb::platform
