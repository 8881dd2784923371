// GLFW + OpenGL 3.3 core + Dear ImGui 1.86 backends, as Debian packages them.
//
// [SECTION] Fonts
// [SECTION] Opening and closing
// [SECTION] Waiting and the pointer
// [SECTION] Frames: rotation, font rebuilds, screenshots
#include "platform/window.h"

#include "core/orientation.h"
#include "widgets/fonts.h"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#ifdef WALLBOARD_GLES
#include <GLES3/gl3.h>
#else
#include <GL/gl.h>
#endif
#include <stb_image_write.h>

#include <algorithm>
#include <atomic>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <malloc.h>
#include <mutex>
#include <type_traits>
#include <utility>
#include <vector>

namespace wb::platform
{
namespace
{

// Wake() may come from any thread at any time, also before a window exists or after it is gone: it posts
// only while GLFW is up, and the destructor clears this under the mutex before it terminates GLFW, so no
// post is in flight while glfwTerminate closes the display.
std::mutex g_wake_mutex;
bool g_glfw_ready = false; // guarded by g_wake_mutex

ScreenGeometry Geometry(int physical_w, int physical_h, int rotation_degrees)
{
    return {physical_w, physical_h, RotationFromDegrees(rotation_degrees).value_or(ScreenRotation::R0)};
}

// Touch thresholds and door text are in millimetres: the configured diagonal, else what the monitor
// reports (often wrong on TVs, so checked), else a 43" 1080p TV.
float PixelsPerMmFor(const WindowOptions& options, int framebuffer_w, int framebuffer_h)
{
    if (options.diagonal_in > 0)
        return PixelsPerMmFromDiagonal(framebuffer_w, framebuffer_h, options.diagonal_in);
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor())
    {
        int width_mm = 0, height_mm = 0;
        glfwGetMonitorPhysicalSize(monitor, &width_mm, &height_mm);
        // GLFW makes up 96 dpi when the X server reports no size (Xvfb, some TVs): that is no measurement.
        const auto made_up = [](int px, int mm)
        { return mm == static_cast<int>(static_cast<float>(px) * 25.4f / 96.0f); };
        if (const GLFWvidmode* mode = glfwGetVideoMode(monitor))
            if (!made_up(mode->width, width_mm) || !made_up(mode->height, height_mm))
                if (auto px_per_mm =
                        PixelsPerMmFromPhysicalSize(mode->width, mode->height, width_mm, height_mm))
                    return *px_per_mm;
    }
    return PixelsPerMmFromDiagonal(framebuffer_w, framebuffer_h, 43.0f);
}

// ImGui's heap (the font atlas, draw lists), counted so that --stats can tell the board's own memory
// from the GL driver's. malloc_usable_size keeps the count exact without a header on each block.
std::atomic<size_t> g_imgui_heap_bytes{0};

void* CountingAlloc(size_t size, void*)
{
    void* block = std::malloc(size);
    if (block)
        g_imgui_heap_bytes += malloc_usable_size(block);
    return block;
}

void CountingFree(void* block, void*)
{
    if (block)
        g_imgui_heap_bytes -= malloc_usable_size(block);
    std::free(block);
}

// Rows of the screen (as fractions of its height) read back to tell whether the back buffer still holds
// the last whole frame: through the title, the tiles and the lists.
constexpr float kProbeRows[] = {0.03f, 0.3f, 0.55f, 0.8f};
// Partial frames refused this many times in a row: the driver's back buffers do not keep the page.
constexpr int kProbeMissesForOffscreen = 3;

// The framebuffer functions of GL 3.0 / GLES 3.0, from the context (desktop gl.h declares only 1.x).
struct FramebufferApi
{
    void (*gen_framebuffers)(GLsizei, GLuint*) = nullptr;
    void (*delete_framebuffers)(GLsizei, const GLuint*) = nullptr;
    void (*bind_framebuffer)(GLenum, GLuint) = nullptr;
    void (*gen_renderbuffers)(GLsizei, GLuint*) = nullptr;
    void (*delete_renderbuffers)(GLsizei, const GLuint*) = nullptr;
    void (*bind_renderbuffer)(GLenum, GLuint) = nullptr;
    void (*renderbuffer_storage)(GLenum, GLenum, GLsizei, GLsizei) = nullptr;
    void (*framebuffer_renderbuffer)(GLenum, GLenum, GLenum, GLuint) = nullptr;
    GLenum (*check_framebuffer_status)(GLenum) = nullptr;
    void (*blit_framebuffer)(GLint, GLint, GLint, GLint, GLint, GLint, GLint, GLint, GLbitfield,
                             GLenum) = nullptr;
    bool Loaded() const
    {
        return gen_framebuffers && delete_framebuffers && bind_framebuffer && gen_renderbuffers &&
               delete_renderbuffers && bind_renderbuffer && renderbuffer_storage &&
               framebuffer_renderbuffer && check_framebuffer_status && blit_framebuffer;
    }
};

// Loaded once, on the window's thread with its context current (there is one window).
const FramebufferApi& Framebuffers()
{
    static const FramebufferApi api = []
    {
        FramebufferApi loaded;
        const auto load = [](auto& function, const char* name) {
            function =
                reinterpret_cast<std::remove_reference_t<decltype(function)>>(glfwGetProcAddress(name));
        };
        load(loaded.gen_framebuffers, "glGenFramebuffers");
        load(loaded.delete_framebuffers, "glDeleteFramebuffers");
        load(loaded.bind_framebuffer, "glBindFramebuffer");
        load(loaded.gen_renderbuffers, "glGenRenderbuffers");
        load(loaded.delete_renderbuffers, "glDeleteRenderbuffers");
        load(loaded.bind_renderbuffer, "glBindRenderbuffer");
        load(loaded.renderbuffer_storage, "glRenderbufferStorage");
        load(loaded.framebuffer_renderbuffer, "glFramebufferRenderbuffer");
        load(loaded.check_framebuffer_status, "glCheckFramebufferStatus");
        load(loaded.blit_framebuffer, "glBlitFramebuffer");
        return loaded;
    }();
    return api;
}

} // namespace

// [SECTION] Fonts

// Fonts are added at Open() and at each rebuild, by the one function the tests use too. Leaves the atlas
// as it was when the files are missing.
bool Window::LoadFonts(float body_px, float door_cap_px, std::string& error)
{
    widgets::FontSet fonts;
    if (!widgets::LoadFonts(*ImGui::GetIO().Fonts, body_px, door_cap_px, fonts, error))
        return false;
    m_fonts = {fonts.body, fonts.bold, fonts.value, fonts.body_px, fonts.door_px};
    m_door_cap_px = door_cap_px;
    return true;
}

// Door text's cap height in pixels on this screen: the viewing distance / 200.
float Window::DoorCapPx() const
{
    return widgets::DoorCapPx(static_cast<float>(m_options.viewing_distance_cm), m_px_per_mm);
}

// Outside a frame, before ImGui_ImplOpenGL3_NewFrame(): ImGui::NewFrame() then picks up the new fonts.
void Window::RebuildFontsIfNeeded(int framebuffer_w, int framebuffer_h)
{
    if (framebuffer_w <= 0 || framebuffer_h <= 0) // minimised: keep what there is
        return;
    const float body_px = widgets::BodyPx(static_cast<float>(framebuffer_w),
                                          static_cast<float>(framebuffer_h), m_options.font_scale);
    m_px_per_mm = PixelsPerMmFor(m_options, framebuffer_w, framebuffer_h);
    if (std::fabs(body_px - m_fonts.body_px) <= 0.5f && std::fabs(DoorCapPx() - m_door_cap_px) <= 0.5f)
        return;
    std::string error;
    if (!LoadFonts(body_px, DoorCapPx(), error))
    {
        std::fprintf(stderr, "wallboard: keeping the fonts at %.1f px: %s\n",
                     static_cast<double>(m_fonts.body_px), error.c_str());
        return;
    }
    ++m_font_generation;
    // Before the first frame the backend has no texture yet: its NewFrame() makes one from the atlas.
    if (m_device_objects)
    {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
}

// [SECTION] Opening and closing

std::unique_ptr<Window> Window::Open(const WindowOptions& options, std::string& error)
{
    if (!RotationFromDegrees(options.rotation_degrees))
    {
        error = "rotation must be 0, 90, 180 or 270 degrees, not " + std::to_string(options.rotation_degrees);
        return nullptr;
    }
    glfwSetErrorCallback([](int code, const char* text)
                         { std::fprintf(stderr, "GLFW error %d: %s\n", code, text); });
    if (!glfwInit())
    {
        error = "cannot start GLFW: is there a display (DISPLAY or a Wayland session)?";
        return nullptr;
    }
    GLFWmonitor* monitor = nullptr;
    int width = options.width;
    int height = options.height;
    if (width <= 0 || height <= 0)
    {
        monitor = glfwGetPrimaryMonitor();
        const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
        width = mode ? mode->width : 1920;
        height = mode ? mode->height : 1080;
    }
    // Desktop: OpenGL 3.3 core where there is one; OpenGL 3.0 (GLSL 1.30) otherwise, which is what the
    // Raspberry Pi 4's V3D driver offers on the desktop (it has 3.1). WALLBOARD_GLES: OpenGL ES 3.0 over EGL.
    struct Context
    {
        int major, minor;
        bool core;
        const char* glsl;
    };
#ifdef WALLBOARD_GLES
    static constexpr Context kContexts[] = {{3, 0, false, "#version 300 es"}};
#else
    static constexpr Context kContexts[] = {{3, 3, true, "#version 330 core"}, {3, 0, false, "#version 130"}};
#endif
    auto window = std::unique_ptr<Window>(new Window());
    window->m_options = options;
    const char* glsl = nullptr;
    for (const Context& context : kContexts)
    {
        glfwDefaultWindowHints();
#ifdef WALLBOARD_GLES
        glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
        glfwWindowHint(GLFW_CONTEXT_CREATION_API, GLFW_EGL_CONTEXT_API);
#endif
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, context.major);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, context.minor);
        if (context.core)
            glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        window->m_window = glfwCreateWindow(width, height, options.title.c_str(), monitor, nullptr);
        if (window->m_window)
        {
            glsl = context.glsl;
            break;
        }
    }
    if (!window->m_window)
    {
        error = "cannot open a " + std::to_string(width) + "x" + std::to_string(height) +
#ifdef WALLBOARD_GLES
                " window with OpenGL ES 3.0";
#else
                " window with OpenGL 3.3 or 3.0";
#endif
        glfwTerminate();
        return nullptr;
    }
    glfwMakeContextCurrent(window->m_window);
    glfwSwapInterval(1);
    glfwGetFramebufferSize(window->m_window, &window->m_physical_w, &window->m_physical_h);

    IMGUI_CHECKVERSION();
    ImGui::SetAllocatorFunctions(CountingAlloc, CountingFree, nullptr);
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // a wall board keeps no layout state
    // The backend would set the pointer visible at every frame; the window decides (UpdateCursor).
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    ImGui::StyleColorsDark();

    // From the framebuffer, as the rebuild in BeginFrame() does, so that the first frame keeps these.
    const bool sized = window->m_physical_w > 0 && window->m_physical_h > 0;
    const int font_w = sized ? window->m_physical_w : width;
    const int font_h = sized ? window->m_physical_h : height;
    const float body_px =
        widgets::BodyPx(static_cast<float>(font_w), static_cast<float>(font_h), options.font_scale);
    window->m_px_per_mm = PixelsPerMmFor(options, font_w, font_h);
    if (!window->LoadFonts(body_px, window->DoorCapPx(), error))
    {
        ImGui::DestroyContext();
        glfwDestroyWindow(window->m_window);
        window->m_window = nullptr;
        glfwTerminate();
        return nullptr;
    }

    // Our pointer callbacks go in first: the 1.86 backend keeps them and calls them from its own.
    glfwSetWindowUserPointer(window->m_window, window.get());
    glfwSetCursorPosCallback(window->m_window, OnCursorPos);
    glfwSetMouseButtonCallback(window->m_window, OnMouseButton);
    glfwSetScrollCallback(window->m_window, OnScroll);
    glfwSetKeyCallback(window->m_window, OnKey);
    // A kiosk cannot be closed from the window: no Alt+F4, no title bar. SIGTERM (systemd) still stops it.
    if (options.kiosk)
        glfwSetWindowCloseCallback(window->m_window,
                                   [](GLFWwindow* w)
                                   {
                                       glfwSetWindowShouldClose(w, GLFW_FALSE);
                                       std::fprintf(stderr, "wallboard: a request to close the window was "
                                                            "refused (kiosk); stop the service instead\n");
                                   });
    window->m_last_input_s = glfwGetTime();
    ImGui_ImplGlfw_InitForOpenGL(window->m_window, true);
    ImGui_ImplOpenGL3_Init(glsl);
    {
        std::lock_guard lock(g_wake_mutex);
        g_glfw_ready = true;
    }
    return window;
}

Window::~Window()
{
    if (!m_window)
        return;
    {
        std::lock_guard lock(g_wake_mutex);
        g_glfw_ready = false;
    }
    glfwSetWindowUserPointer(m_window, nullptr); // no pointer callback reaches a half-destroyed Window
    if (m_frame_fbo)
    {
        Framebuffers().delete_framebuffers(1, &m_frame_fbo);
        Framebuffers().delete_renderbuffers(1, &m_frame_colour);
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(m_window);
    glfwTerminate();
}

bool Window::ShouldClose() const
{
    return glfwWindowShouldClose(m_window) != 0;
}

// [SECTION] Waiting and the pointer

void Window::WaitEvents(double timeout_s)
{
    glfwWaitEventsTimeout(std::max(0.0, timeout_s));
    UpdateCursor();
}

void Window::Wake()
{
    std::lock_guard lock(g_wake_mutex);
    if (g_glfw_ready)
        glfwPostEmptyEvent();
}

std::optional<double> Window::SecondsUntilCursorHides() const
{
    if (m_cursor_hidden || m_options.cursor_idle_s < 0)
        return std::nullopt;
    return std::max(0.0, m_options.cursor_idle_s - SecondsSinceInput());
}

double Window::SecondsSinceInput() const
{
    return glfwGetTime() - m_last_input_s;
}

void Window::UpdateCursor()
{
    if (auto left = SecondsUntilCursorHides(); left && *left <= 0.0)
    {
        glfwSetInputMode(m_window, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);
        m_cursor_hidden = true;
    }
}

// Shows the pointer at once, from inside glfwWaitEventsTimeout/glfwPollEvents: no frame needed.
void Window::OnPointerInput()
{
    m_last_input_s = glfwGetTime();
    if (m_cursor_hidden)
    {
        glfwSetInputMode(m_window, GLFW_CURSOR, GLFW_CURSOR_NORMAL);
        m_cursor_hidden = false;
    }
}

// A sample where the pointer is now, on the logical page (window coordinates scaled to the framebuffer,
// then turned back through the rotation).
void Window::AddSample(bool down)
{
    double x = 0, y = 0;
    int window_w = 0, window_h = 0, framebuffer_w = 0, framebuffer_h = 0;
    glfwGetCursorPos(m_window, &x, &y);
    glfwGetWindowSize(m_window, &window_w, &window_h);
    glfwGetFramebufferSize(m_window, &framebuffer_w, &framebuffer_h);
    if (window_w <= 0 || window_h <= 0)
        return;
    const Point physical{static_cast<float>(x * framebuffer_w / window_w),
                         static_cast<float>(y * framebuffer_h / window_h)};
    const Point logical =
        ToLogical(Geometry(framebuffer_w, framebuffer_h, m_options.rotation_degrees), physical);
    // A frame loop that is not drawing does not take samples: keep the newest, a bounded amount.
    if (m_samples.size() >= 4096)
        m_samples.erase(m_samples.begin(), m_samples.begin() + 2048);
    m_samples.push_back({glfwGetTime(), logical.x, logical.y, down});
}

void Window::OnCursorPos(GLFWwindow* window, double /*x*/, double /*y*/)
{
    if (auto* self = static_cast<Window*>(glfwGetWindowUserPointer(window)))
    {
        self->OnPointerInput();
        self->AddSample(self->m_button_down);
    }
}

void Window::OnMouseButton(GLFWwindow* window, int button, int action, int /*mods*/)
{
    if (auto* self = static_cast<Window*>(glfwGetWindowUserPointer(window)))
    {
        self->OnPointerInput();
        if (button == GLFW_MOUSE_BUTTON_LEFT && action != GLFW_REPEAT)
        {
            self->m_button_down = action == GLFW_PRESS;
            self->AddSample(self->m_button_down);
        }
    }
}

void Window::OnKey(GLFWwindow* window, int key, int /*scancode*/, int action, int /*mods*/)
{
    auto* self = static_cast<Window*>(glfwGetWindowUserPointer(window));
    if (!self || action != GLFW_PRESS)
        return;
    switch (key)
    {
    case GLFW_KEY_LEFT:
        self->m_keys.push_back(Key::Left);
        break;
    case GLFW_KEY_RIGHT:
        self->m_keys.push_back(Key::Right);
        break;
    case GLFW_KEY_SPACE:
        self->m_keys.push_back(Key::Space);
        break;
    case GLFW_KEY_ESCAPE:
    case GLFW_KEY_BACKSPACE:
        self->m_keys.push_back(Key::Escape);
        break;
    case GLFW_KEY_HOME:
        self->m_keys.push_back(Key::Home);
        break;
    default:
        break;
    }
    if (self->m_keys.size() > 256)
        self->m_keys.erase(self->m_keys.begin());
}

std::vector<PointerSample> Window::TakePointerSamples()
{
    return std::exchange(m_samples, {});
}

std::vector<Key> Window::TakeKeys()
{
    return std::exchange(m_keys, {});
}

double Window::Now()
{
    return glfwGetTime();
}

void Window::OnScroll(GLFWwindow* window, double /*x*/, double /*y*/)
{
    if (auto* self = static_cast<Window*>(glfwGetWindowUserPointer(window)))
        self->OnPointerInput();
}

// [SECTION] Frames: rotation, font rebuilds, screenshots

void Window::BeginFrame()
{
    glfwGetFramebufferSize(m_window, &m_physical_w, &m_physical_h);
    RebuildFontsIfNeeded(m_physical_w, m_physical_h);
    UpdateCursor();
    ImGui_ImplOpenGL3_NewFrame();
    m_device_objects = true;
    // The atlas is on the GPU now; its CPU copy (megabytes of RGBA) is not needed until a rebuild.
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    if (atlas.TexPixelsAlpha8 || atlas.TexPixelsRGBA32)
        atlas.ClearTexData();
    ImGui_ImplGlfw_NewFrame();

    // The backend gives the window's size in screen coordinates and the mouse in them too. ImGui here
    // works in framebuffer pixels of the logical page: on a HiDPI desk the two differ by a scale.
    ImGuiIO& io = ImGui::GetIO();
    const ImVec2 window_size = io.DisplaySize;
    const ScreenGeometry geometry = Geometry(m_physical_w, m_physical_h, m_options.rotation_degrees);
    io.DisplaySize =
        ImVec2(static_cast<float>(geometry.LogicalWidth()), static_cast<float>(geometry.LogicalHeight()));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    if (io.MousePos.x != -FLT_MAX && io.MousePos.y != -FLT_MAX && window_size.x > 0 && window_size.y > 0)
    {
        const Point physical{io.MousePos.x * static_cast<float>(m_physical_w) / window_size.x,
                             io.MousePos.y * static_cast<float>(m_physical_h) / window_size.y};
        const Point logical = ToLogical(geometry, physical);
        io.MousePos = ImVec2(logical.x, logical.y);
    }
    ImGui::NewFrame();
}

namespace
{

// Turns what ImGui drew on the logical page onto the panel: every vertex and every clip rectangle.
void RotateDrawData(ImDrawData& draw_data, const ScreenGeometry& geometry)
{
    draw_data.DisplaySize =
        ImVec2(static_cast<float>(geometry.physical_w), static_cast<float>(geometry.physical_h));
    draw_data.FramebufferScale = ImVec2(1.0f, 1.0f);
    if (geometry.rotation == ScreenRotation::R0)
        return;
    for (int n = 0; n < draw_data.CmdListsCount; ++n)
    {
        ImDrawList& list = *draw_data.CmdLists[n];
        for (ImDrawVert& vertex : list.VtxBuffer)
        {
            const Point p = ToPhysical(geometry, {vertex.pos.x, vertex.pos.y});
            vertex.pos = ImVec2(p.x, p.y);
        }
        for (ImDrawCmd& command : list.CmdBuffer)
        {
            const Point a = ToPhysical(geometry, {command.ClipRect.x, command.ClipRect.y});
            const Point b = ToPhysical(geometry, {command.ClipRect.z, command.ClipRect.w});
            command.ClipRect =
                ImVec4(std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y));
        }
    }
}

// Narrows every command's clip rectangle (on the logical page, before rotation) to `only`; a command
// left with nothing to draw is skipped by the backend.
void ClipDrawData(ImDrawData& draw_data, const PageRect& only)
{
    for (int n = 0; n < draw_data.CmdListsCount; ++n)
        for (ImDrawCmd& command : draw_data.CmdLists[n]->CmdBuffer)
        {
            ImVec4& clip = command.ClipRect;
            clip = ImVec4(std::max(clip.x, only.min_x), std::max(clip.y, only.min_y),
                          std::min(clip.z, only.max_x), std::min(clip.w, only.max_y));
            if (clip.z < clip.x)
                clip.z = clip.x;
            if (clip.w < clip.y)
                clip.w = clip.y;
        }
}

// Reads the framebuffer back and writes the logical page upright: each page pixel is fetched from where
// the rotation put it (GL's rows run bottom to top).
std::string WritePng(const std::string& png_path, const ScreenGeometry& geometry)
{
    const int physical_w = geometry.physical_w;
    const int physical_h = geometry.physical_h;
    std::vector<unsigned char> physical(static_cast<size_t>(physical_w) * static_cast<size_t>(physical_h) *
                                        4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, physical_w, physical_h, GL_RGBA, GL_UNSIGNED_BYTE, physical.data());
    const int logical_w = geometry.LogicalWidth();
    const int logical_h = geometry.LogicalHeight();
    std::vector<unsigned char> page(physical.size());
    for (int y = 0; y < logical_h; ++y)
    {
        for (int x = 0; x < logical_w; ++x)
        {
            // Pixel centres map to pixel centres (tested in orientation_test.cpp).
            const Point p =
                ToPhysical(geometry, {static_cast<float>(x) + 0.5f, static_cast<float>(y) + 0.5f});
            const int px = std::clamp(static_cast<int>(p.x), 0, physical_w - 1);
            const int py = std::clamp(static_cast<int>(p.y), 0, physical_h - 1);
            const size_t from = (static_cast<size_t>(physical_h - 1 - py) * static_cast<size_t>(physical_w) +
                                 static_cast<size_t>(px)) *
                                4;
            const size_t to =
                (static_cast<size_t>(y) * static_cast<size_t>(logical_w) + static_cast<size_t>(x)) * 4;
            std::copy_n(physical.begin() + static_cast<std::ptrdiff_t>(from), 4,
                        page.begin() + static_cast<std::ptrdiff_t>(to));
        }
    }
    stbi_flip_vertically_on_write(0);
    if (!stbi_write_png(png_path.c_str(), logical_w, logical_h, 4, page.data(), logical_w * 4))
        return "cannot write " + png_path;
    return {};
}

} // namespace

// The offscreen frame of the window's size; false (and never again) when the driver cannot make one.
bool Window::PrepareFrameBuffer(int width, int height)
{
    if (m_frame_failed || width <= 0 || height <= 0)
        return false;
    if (m_frame_fbo && m_frame_w == width && m_frame_h == height)
        return true;
    const FramebufferApi& gl = Framebuffers();
    if (!gl.Loaded())
    {
        m_frame_failed = true;
        return false;
    }
    if (!m_frame_fbo)
    {
        gl.gen_framebuffers(1, &m_frame_fbo);
        gl.gen_renderbuffers(1, &m_frame_colour);
    }
    gl.bind_renderbuffer(GL_RENDERBUFFER, m_frame_colour);
    gl.renderbuffer_storage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    gl.bind_framebuffer(GL_FRAMEBUFFER, m_frame_fbo);
    gl.framebuffer_renderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, m_frame_colour);
    const bool complete = gl.check_framebuffer_status(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    gl.bind_framebuffer(GL_FRAMEBUFFER, 0);
    if (!complete)
    {
        gl.delete_framebuffers(1, &m_frame_fbo);
        gl.delete_renderbuffers(1, &m_frame_colour);
        m_frame_fbo = m_frame_colour = 0;
        m_frame_failed = true;
        return false;
    }
    m_frame_w = width;
    m_frame_h = height;
    m_frame_valid = false;
    return true;
}

// Reads the probe rows of the bound framebuffer: a few whole rows across the page, enough to tell one
// page from another.
std::vector<unsigned char> Window::ReadProbe(int width, int height) const
{
    std::vector<unsigned char> pixels(static_cast<size_t>(width) * 4 * std::size(kProbeRows));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    for (size_t i = 0; i < std::size(kProbeRows); ++i)
        glReadPixels(0, static_cast<int>(static_cast<float>(height) * kProbeRows[i]), width, 1, GL_RGBA,
                     GL_UNSIGNED_BYTE, pixels.data() + i * static_cast<size_t>(width) * 4);
    return pixels;
}

std::string Window::EndFrame(const std::string& png_path, const std::optional<PageRect>& only)
{
    ImGui::Render();
    // The size BeginFrame() laid the page out for; a resize since then shows at the next frame.
    const ScreenGeometry geometry = Geometry(m_physical_w, m_physical_h, m_options.rotation_degrees);
    const int width = geometry.physical_w;
    const int height = geometry.physical_h;
    ImDrawData* draw_data = ImGui::GetDrawData();
    const FramebufferApi& gl = Framebuffers();
    const bool offscreen = m_keep_offscreen && PrepareFrameBuffer(width, height);
    bool partial = false;
    if (only && offscreen)
        partial = m_frame_valid;
    else if (only && width == m_probe_w && height == m_probe_h && !m_probe.empty())
    {
        // Drawing straight to the window keeps the rest of the screen only if the back buffer still
        // holds the page; the probe rows (outside the rectangle) say whether it does.
        const Point a = ToPhysical(geometry, {only->min_x, only->min_y});
        const Point b = ToPhysical(geometry, {only->max_x, only->max_y});
        // GL's rows run bottom to top.
        const float rect_min_x = std::min(a.x, b.x), rect_max_x = std::max(a.x, b.x);
        const float rect_min_y = static_cast<float>(height) - std::max(a.y, b.y);
        const float rect_max_y = static_cast<float>(height) - std::min(a.y, b.y);
        const std::vector<unsigned char> now = ReadProbe(width, height);
        partial = true;
        for (size_t row = 0; row < std::size(kProbeRows) && partial; ++row)
        {
            const float y = std::floor(static_cast<float>(height) * kProbeRows[row]);
            for (int x = 0; x < width && partial; ++x)
            {
                const bool inside = static_cast<float>(x) >= rect_min_x &&
                                    static_cast<float>(x) < rect_max_x && y >= rect_min_y && y < rect_max_y;
                const size_t at = (row * static_cast<size_t>(width) + static_cast<size_t>(x)) * 4;
                partial = inside || std::equal(now.begin() + static_cast<std::ptrdiff_t>(at),
                                               now.begin() + static_cast<std::ptrdiff_t>(at + 3),
                                               m_probe.begin() + static_cast<std::ptrdiff_t>(at));
            }
        }
        // A driver whose back buffers keep nothing: keep the frame offscreen from now on.
        m_probe_misses = partial ? 0 : m_probe_misses + 1;
        if (m_probe_misses >= kProbeMissesForOffscreen)
            m_keep_offscreen = true;
    }
    if (partial) // every command clipped to the rectangle: the rasteriser skips the rest of the screen
        ClipDrawData(*draw_data, *only);
    RotateDrawData(*draw_data, geometry);
    if (offscreen)
        gl.bind_framebuffer(GL_FRAMEBUFFER, m_frame_fbo);
    glViewport(0, 0, width, height);
    if (!partial) // a partial frame's rectangle is covered by the page's opaque background
    {
        glClearColor(0.07f, 0.07f, 0.08f,
                     1.0f); // widgets::Theme::background: pages draw no background of their own
        glClear(GL_COLOR_BUFFER_BIT);
    }
    ImGui_ImplOpenGL3_RenderDrawData(draw_data);
    std::string error;
    if (!png_path.empty() && width > 0 && height > 0)
        error = WritePng(png_path, geometry); // reads the bound framebuffer
    if (offscreen)
    {
        m_frame_valid = true;
        gl.bind_framebuffer(GL_READ_FRAMEBUFFER, m_frame_fbo);
        gl.bind_framebuffer(GL_DRAW_FRAMEBUFFER, 0);
        gl.blit_framebuffer(0, 0, width, height, 0, 0, width, height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
        gl.bind_framebuffer(GL_FRAMEBUFFER, 0);
    }
    else if (!partial && width > 0 && height > 0)
    {
        m_probe = ReadProbe(width, height); // what the back buffer must still hold for a partial frame
        m_probe_w = width;
        m_probe_h = height;
    }
    glfwSwapBuffers(m_window);
    return error;
}

size_t Window::ImGuiHeapBytes()
{
    return g_imgui_heap_bytes;
}

int Window::Width() const
{
    return Geometry(m_physical_w, m_physical_h, m_options.rotation_degrees).LogicalWidth();
}

int Window::Height() const
{
    return Geometry(m_physical_w, m_physical_h, m_options.rotation_degrees).LogicalHeight();
}

} // namespace wb::platform
