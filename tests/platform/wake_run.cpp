// Opens and closes the board's window again and again while threads call Window::Wake() without pause,
// as the signal and sync threads may: before the window exists, while it is destroyed, after GLFW is
// terminated. Run under an X server (platform/window_test.cpp runs it under xvfb-run). Exit 0 when every
// window opened and closed; GLFW's own complaints (a call while it is not initialised) go to stderr.
#include "platform/window.h"

#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

int main()
{
    constexpr int kWindows = 12;
    constexpr int kWakers = 3;
    std::atomic<bool> stop{false};
    std::atomic<long> wakes{0};
    std::vector<std::thread> wakers;
    for (int i = 0; i < kWakers; ++i)
        wakers.emplace_back(
            [&]
            {
                while (!stop)
                {
                    wb::platform::Window::Wake();
                    ++wakes;
                }
            });
    // Waits until the wakers have woken `count` more times: they run in each phase, however the
    // scheduler orders the threads, with no clock involved.
    const auto let_them_wake = [&](long count)
    {
        const long until = wakes + count;
        while (wakes < until)
            std::this_thread::yield();
    };
    int status = 0;
    for (int i = 0; i < kWindows && status == 0; ++i)
    {
        let_them_wake(1000); // no window, GLFW terminated (or never started)
        wb::platform::WindowOptions options;
        options.width = 320;
        options.height = 240;
        options.kiosk = false;
        std::string error;
        auto window = wb::platform::Window::Open(options, error);
        if (!window)
        {
            std::fprintf(stderr, "wake_run: %s\n", error.c_str());
            status = 1;
            break;
        }
        for (int frame = 0; frame < 3; ++frame)
        {
            window->BeginFrame();
            window->EndFrame();
            window->WaitEvents(0.01);
            let_them_wake(200);
        }
        window.reset(); // the wakers go on while it is destroyed and GLFW terminated
    }
    stop = true;
    for (std::thread& waker : wakers)
        waker.join();
    std::printf("wake_run: %d windows opened and closed, %ld wakes from %d threads\n", status ? 0 : kWindows,
                wakes.load(), kWakers);
    return status;
}
