// GLFW + OpenGL 3.3 core + Dear ImGui 1.86 backends, as Debian packages them.
#include "platform/window.h"

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
#include <cstdio>
#include <filesystem>
#include <vector>

namespace wb::platform
{
namespace
{

constexpr const char* kFontDir = "/usr/share/fonts/truetype/dejavu/";

// Wake() may come from any thread at any time, also before a window exists or after it is gone.
std::atomic<bool> g_glfw_ready{false};

// Latin-1 for names such as "Zoë", plus the symbols the plans print.
const ImWchar* GlyphRanges()
{
    static ImVector<ImWchar> ranges;
    if (ranges.empty())
    {
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());
        builder.AddText("▲▼◀▶→←↑↓£–—‘’“”…•✓⚠·");
        builder.BuildRanges(&ranges);
    }
    return ranges.Data;
}

} // namespace

std::unique_ptr<Window> Window::Open(const WindowOptions& options, std::string& error)
{
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

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // a wall board keeps no layout state
    ImGui::StyleColorsDark();

    // Sizes follow the screen: body text is 2.6% of its shorter side (readable at 4 m on a 43" screen),
    // so a portrait panel gets the same text as a landscape one.
    const float body_px =
        std::max(14.0f, static_cast<float>(std::min(width, height)) * 0.026f * options.font_scale);
    const std::string regular = std::string(kFontDir) + "DejaVuSans.ttf";
    const std::string bold = std::string(kFontDir) + "DejaVuSans-Bold.ttf";
    if (!std::filesystem::exists(regular) || !std::filesystem::exists(bold))
    {
        error = "fonts not found in " + std::string(kFontDir) + "; install fonts-dejavu-core";
        return nullptr;
    }
    window->m_fonts.body_px = body_px;
    window->m_fonts.body = io.Fonts->AddFontFromFileTTF(regular.c_str(), body_px, nullptr, GlyphRanges());
    window->m_fonts.bold =
        io.Fonts->AddFontFromFileTTF(bold.c_str(), body_px * 1.25f, nullptr, GlyphRanges());
    window->m_fonts.value =
        io.Fonts->AddFontFromFileTTF(bold.c_str(), body_px * 2.0f, nullptr, GlyphRanges());

    ImGui_ImplGlfw_InitForOpenGL(window->m_window, true);
    ImGui_ImplOpenGL3_Init(glsl);
    g_glfw_ready = true;
    return window;
}

Window::~Window()
{
    if (!m_window)
        return;
    g_glfw_ready = false;
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

void Window::WaitEvents(double timeout_s)
{
    glfwWaitEventsTimeout(std::max(0.0, timeout_s));
}

void Window::Wake()
{
    glfwPostEmptyEvent();
}

void Window::BeginFrame()
{
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
}

std::string Window::EndFrame(const std::string& png_path)
{
    ImGui::Render();
    int width = 0;
    int height = 0;
    glfwGetFramebufferSize(m_window, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(0.07f, 0.07f, 0.08f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    std::string error;
    if (!png_path.empty())
    {
        std::vector<unsigned char> pixels(static_cast<size_t>(width) * static_cast<size_t>(height) * 4);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
        stbi_flip_vertically_on_write(1);
        if (!stbi_write_png(png_path.c_str(), width, height, 4, pixels.data(), width * 4))
            error = "cannot write " + png_path;
    }
    glfwSwapBuffers(m_window);
    return error;
}

int Window::Width() const
{
    int width = 0;
    glfwGetFramebufferSize(m_window, &width, nullptr);
    return width;
}

int Window::Height() const
{
    int height = 0;
    glfwGetFramebufferSize(m_window, nullptr, &height);
    return height;
}

} // namespace wb::platform
