// The board's window: GLFW, an OpenGL 3.3 core context, Dear ImGui's GLFW and OpenGL3 backends (from
// Debian's libimgui.a), fonts, waiting and waking, and screenshots to PNG.
//
// [X] Fullscreen on the primary monitor, or a window of a given size for a desk
// [X] Sleep in glfwWaitEventsTimeout until a deadline; Wake() from any thread (glfwPostEmptyEvent)
// [X] Fonts from Debian's fonts-dejavu-core with the glyphs the plans use (▲ ▼ ◀ ▶ → £ – ’, accents)
// [X] Fonts rebuilt at the new size when the framebuffer's size changes (FontGeneration() tells), door
//     text sized from the viewing distance and the screen's pixels per mm
// [X] Screenshot of the back buffer to PNG (stb_image_write from libstb), upright as people see it
// [X] OpenGL ES 3 (WALLBOARD_GLES): Debian's backend source built for GLES 3, for the Pi
// [X] Rotation for portrait mounting: drawing, the mouse position and screenshots (core/orientation.h)
// [X] Pointer hidden after a while without pointer input, shown again on the next
// [X] A frame that redraws only a rectangle: drawn straight into the back buffer when it still holds the
//     last frame (checked by reading back a few rows outside the rectangle: true of Mesa's software
//     rasteriser under X); otherwise the frame is kept in an offscreen framebuffer (GL 3.0 and GLES 3.0
//     both have them), only the rectangle is rasterised into it, and it is copied to the screen whole
// [ ] Touch input through the rotation (issue 5: ToLogical in core/orientation.h is ready for it)
// [ ] ImGui's mouse cursor shapes: the window owns the pointer's visibility (NoMouseCursorChange)
// Units: ImGui works in framebuffer pixels of the logical page (DisplayFramebufferScale 1), so a HiDPI
// desk window draws as many pixels as a panel of that framebuffer size.
// Threads: everything here on the thread that opened the window, except Wake().
#pragma once

#include "core/gesture.h"
#include <memory>

#include <optional>
#include <string>
#include <vector>

struct GLFWwindow;
struct ImFont;

namespace wb::platform
{

struct WindowOptions
{
    int width = 0; // 0 with height 0: fullscreen on the primary monitor
    int height = 0;
    std::string title = "Wallboard";
    float font_scale = 1.0f;    // multiplies the font size chosen from the screen's shorter side
    int rotation_degrees = 0;   // clockwise turn of the image: 0, 90, 180 or 270 (portrait mounting)
    double cursor_idle_s = 5.0; // seconds without pointer input before the pointer hides; < 0: never
    float diagonal_in = 0;      // the screen's diagonal in inches for touch thresholds; 0: ask the monitor
    bool kiosk = true;          // refuse to close from the window (Alt+F4, the title bar); a desk window may
    int viewing_distance_cm = 400; // door text's cap height is this / 200 (AVIXA DISCAS: 20 mm at 4 m)
};

// A rectangle of the logical page in pixels.
struct PageRect
{
    float min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

// Keys for desk use; the board reads no others.
enum class Key
{
    Left,
    Right,
    Space,
    Escape,
    Home,
};

struct Fonts
{
    ImFont* body = nullptr;  // labels and names
    ImFont* bold = nullptr;  // headings
    ImFont* value = nullptr; // door text: a tile's figure, status and short name, the page title
    float body_px = 0;
    float door_px = 0; // the size door text is drawn at, never above the value font's baked size
};

class Window
{
  public:
    // Opens the window and sets up ImGui. Returns nullptr with `error` set on failure (also for a
    // rotation other than 0, 90, 180 or 270).
    static std::unique_ptr<Window> Open(const WindowOptions& options, std::string& error);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    bool ShouldClose() const;
    // Sleeps until an event arrives or `timeout_s` passes, then hides the pointer if it has been idle
    // long enough: a loop that includes SecondsUntilCursorHides() in its timeout needs no extra frame.
    void WaitEvents(double timeout_s);
    // Wakes WaitEvents from any thread, at any time: before a window exists and after it is gone it does
    // nothing (the destructor waits for a wake in progress before it terminates GLFW).
    static void Wake();

    // Starts a frame. First rebuilds the fonts if the framebuffer's size changed the body size (then
    // FontGeneration() goes up and the old ImFont pointers are freed: re-read GetFonts() before
    // drawing), hides an idle pointer, and gives ImGui the logical size and the mouse on the page.
    void BeginFrame();
    // Renders and shows the frame, turned to the panel's rotation. With `png_path`, first writes the
    // frame to it as PNG, upright (the logical page as people see it); returns an empty string or what
    // went wrong. With `only` (a rectangle of the logical page), only that rectangle is rasterised and
    // the rest is the last frame's: for a frame where nothing else changed. The first frame, a new size
    // or no offscreen framebuffer draws the whole frame anyway.
    std::string EndFrame(const std::string& png_path = {},
                         const std::optional<PageRect>& only = std::nullopt);

    // The logical page's size in pixels, as of the last BeginFrame() (of Open() before the first):
    // with rotation 90 or 270 a 1920x1080 panel gives 1080x1920.
    int Width() const;
    int Height() const;
    const Fonts& GetFonts() const { return m_fonts; }
    // 0 for the fonts Open() built, one more at each rebuild.
    unsigned FontGeneration() const { return m_font_generation; }
    // A new viewing distance (a screen profile's): the next BeginFrame rebuilds the fonts if it changes
    // the door text's size.
    void SetViewingDistance(int centimetres) { m_options.viewing_distance_cm = centimetres; }

    // Seconds until the idle pointer hides (0 when due); empty when it is hidden already or never hides.
    std::optional<double> SecondsUntilCursorHides() const;
    // Seconds since the last pointer motion, button or scroll (since Open() if none).
    double SecondsSinceInput() const;

    // Pointer input since the last call, stamped by GLFW's callbacks as it came (ImGui samples the pointer
    // once a frame, too coarse for a flick) and mapped onto the logical page, so gestures follow the
    // rotation. Touch panels arrive as a mouse with its left button.
    std::vector<PointerSample> TakePointerSamples();
    // Keys pressed since the last call (those in Key only).
    std::vector<Key> TakeKeys();
    // Logical pixels per millimetre of the screen, for thresholds that feel the same on a 10" panel and
    // a 65" screen: from WindowOptions::diagonal_in, else the monitor's reported size, else a 43" TV.
    float PixelsPerMm() const { return m_px_per_mm; }
    // Seconds since the epoch of GLFW's clock (glfwGetTime), the clock the samples are stamped with.
    static double Now();

    // Bytes ImGui has allocated (font atlas, draw lists): the board's own share of the heap beside the
    // GL driver's.
    static size_t ImGuiHeapBytes();

  private:
    Window() = default;
    bool LoadFonts(float body_px, float door_cap_px, std::string& error);
    float DoorCapPx() const;
    void RebuildFontsIfNeeded(int framebuffer_w, int framebuffer_h);
    void UpdateCursor();
    void OnPointerInput();
    static void OnCursorPos(GLFWwindow* window, double x, double y);
    static void OnMouseButton(GLFWwindow* window, int button, int action, int mods);
    static void OnScroll(GLFWwindow* window, double x, double y);
    static void OnKey(GLFWwindow* window, int key, int scancode, int action, int mods);
    void AddSample(bool down);
    bool PrepareFrameBuffer(int width, int height);
    std::vector<unsigned char> ReadProbe(int width, int height) const;

    GLFWwindow* m_window = nullptr;
    WindowOptions m_options; // rotation_degrees checked by Open()
    int m_physical_w = 0;    // framebuffer size at the last BeginFrame()
    int m_physical_h = 0;
    Fonts m_fonts;
    unsigned m_font_generation = 0;
    bool m_device_objects = false; // the OpenGL3 backend has made its font texture (at the first frame)
    double m_last_input_s = 0;     // glfwGetTime() of the last pointer input
    bool m_cursor_hidden = false;
    bool m_button_down = false;
    std::vector<PointerSample> m_samples; // since the last TakePointerSamples()
    std::vector<Key> m_keys;
    float m_px_per_mm = 2.0f;
    // The offscreen frame: drawn into, then copied to the window; 0 when the driver has none (then every
    // frame is drawn whole, straight to the window).
    unsigned m_frame_fbo = 0;
    unsigned m_frame_colour = 0; // its colour renderbuffer
    int m_frame_w = 0, m_frame_h = 0;
    bool m_frame_valid = false; // holds a whole frame of the current size
    bool m_frame_failed = false;
    // Drawing straight to the window: the probe rows of the last whole frame, and how often in a row the
    // back buffer did not hold them. m_keep_offscreen once it never does.
    std::vector<unsigned char> m_probe;
    int m_probe_w = 0, m_probe_h = 0;
    int m_probe_misses = 0;
    bool m_keep_offscreen = false;
    float m_door_cap_px = 0; // what the fonts were built for
};

} // namespace wb::platform
