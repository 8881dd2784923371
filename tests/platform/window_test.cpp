// The window's wake under a real X server: threads wake it without pause while it is opened and closed
// again and again (tests/platform/wake_run.cpp does the work in a process of its own, under xvfb-run).
#include "test_support.h"

#include <sys/wait.h>

TEST_CASE("wakes from other threads before, during and after a window's life reach no terminated GLFW",
          "[xvfb][window]")
{
    wb::test::TempDir dir;
    const auto output = dir.Path() / "output.txt";
    int status = 0;
    std::string text;
    // xvfb-run -a can pick a display another xvfb-run takes at the same moment: then try another.
    for (int attempt = 0; attempt < 3; ++attempt)
    {
        status = std::system(("xvfb-run -a -s '-screen 0 640x480x24' " + std::string(WALLBOARD_WAKE_RUN) +
                              " >" + output.string() + " 2>&1")
                                 .c_str());
        text = wb::test::ReadFile(output);
        if (text.find("Failed to open display") == std::string::npos)
            break;
    }
    INFO(text.substr(0, 4000));
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(text.find("12 windows opened and closed") != std::string::npos);
    // GLFW reports a call made while it is not initialised through its error callback (GLFW error 65537).
    CHECK(text.find("GLFW error") == std::string::npos);
}
