// The board's window: GLFW, an OpenGL 3.3 core context, Dear ImGui's GLFW and OpenGL3 backends (from
// Debian's libimgui.a), fonts, waiting and waking, and screenshots to PNG.
//
// [X] Fullscreen on the primary monitor, or a window of a given size for a desk
// [X] Sleep in glfwWaitEventsTimeout until a deadline; Wake() from any thread (glfwPostEmptyEvent)
// [X] Fonts from Debian's fonts-dejavu-core with the glyphs the plans use (▲ ▼ ◀ ▶ → £ – ’, accents)
// [X] Screenshot of the back buffer to PNG (stb_image_write from libstb)
// [ ] OpenGL ES 3 for the Pi: Debian ships the backend only prebuilt for desktop GL (issue 4)
// [ ] Rotation for portrait mounting, cursor hiding when idle (issue 4)
// Threads: everything here on the thread that opened the window, except Wake().
#pragma once

#include <memory>
#include <string>

struct GLFWwindow;
struct ImFont;

namespace wb::platform
{

struct WindowOptions
{
    int width = 0; // 0 with height 0: fullscreen on the primary monitor
    int height = 0;
    std::string title = "Wallboard";
    float font_scale = 1.0f; // multiplies the font size chosen from the screen height
};

struct Fonts
{
    ImFont* body = nullptr;  // labels and names
    ImFont* bold = nullptr;  // headings
    ImFont* value = nullptr; // a tile's figure: large
    float body_px = 0;
};

class Window
{
  public:
    // Opens the window and sets up ImGui. Returns nullptr with `error` set on failure.
    static std::unique_ptr<Window> Open(const WindowOptions& options, std::string& error);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    bool ShouldClose() const;
    // Sleeps until an event arrives or `timeout_s` passes.
    void WaitEvents(double timeout_s);
    // Wakes WaitEvents from any thread.
    static void Wake();

    void BeginFrame();
    // Renders and shows the frame. With `png_path`, first writes the frame to it as PNG; returns an
    // empty string or what went wrong.
    std::string EndFrame(const std::string& png_path = {});

    int Width() const;
    int Height() const;
    const Fonts& GetFonts() const { return m_fonts; }

  private:
    Window() = default;
    GLFWwindow* m_window = nullptr;
    Fonts m_fonts;
};

} // namespace wb::platform
