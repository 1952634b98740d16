// The "floor" page of the first-frame budget (DESIGN.md): a bare Dear ImGui + GLFW + WebGL 2 +
// fetch page drawing one window with the Inter subset, built with the same optimisation and link
// flags as the portal. bench/first_load.mjs measures the portal's first frame against it.
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/fetch.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstring>
#include <vector>

// EM_JS, not EM_ASM: a comma in an object literal would split EM_ASM's arguments.
EM_JS(void, floor_init, (), {
  window.floor = Object.assign(window.floor || {}, { ready: false, frames: 0, firstFrameMs: 0 });
  const c = document.getElementById('canvas');
  c.width = window.innerWidth * (window.devicePixelRatio || 1);
  c.height = window.innerHeight * (window.devicePixelRatio || 1);
});

EM_JS(void, floor_mark, (const char* name), {
  window.floor = window.floor || {};
  window.floor.timing = window.floor.timing || {};
  window.floor.timing[UTF8ToString(name)] = Math.round(performance.now());
});

EM_JS(void, floor_frame_drawn, (int frames), {
  window.floor.frames = frames;
  if (!window.floor.ready) {
    window.floor.ready = true;
    window.floor.firstFrameMs = performance.now();
  }
});

namespace {

GLFWwindow* g_window = nullptr;
std::vector<unsigned char> g_font;
int g_frames = 0;

EM_BOOL frame(double, void*) {
  int w = 0, h = 0;
  emscripten_get_canvas_element_size("#canvas", &w, &h);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::GetIO().DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
  ImGui::Begin("floor", nullptr, ImGuiWindowFlags_NoDecoration);
  ImGui::TextUnformatted("Dobrodošli – števčno stanje, Šmartinska cesta, Žalec");
  ImGui::End();
  ImGui::Render();
  glViewport(0, 0, w, h);
  glClearColor(0.95f, 0.96f, 0.97f, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (g_frames == 0) floor_mark("frame");
  floor_frame_drawn(++g_frames);
  return EM_FALSE;
}

void font_loaded(emscripten_fetch_t* f) {
  floor_mark("fonts");
  g_font.assign(f->data, f->data + f->numBytes);
  emscripten_fetch_close(f);
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;
  static const ImWchar ranges[] = {0x0020, 0x007E, 0x00A0, 0x017F, 0};
  ImGui::GetIO().Fonts->AddFontFromMemoryTTF(g_font.data(), static_cast<int>(g_font.size()), 19.0f, &cfg, ranges);
  emscripten_request_animation_frame(frame, nullptr);
}

}  // namespace

int main() {
  floor_mark("start");
  glfwInit();
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  g_window = glfwCreateWindow(1280, 800, "floor", nullptr, nullptr);
  glfwMakeContextCurrent(g_window);
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui_ImplGlfw_InitForOpenGL(g_window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  floor_init();
  floor_mark("main");
  emscripten_fetch_attr_t attr;
  emscripten_fetch_attr_init(&attr);
  std::strcpy(attr.requestMethod, "GET");
  attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY | EMSCRIPTEN_FETCH_REPLACE;
  attr.onsuccess = font_loaded;
  emscripten_fetch(&attr, "/font.ttf");
  return 0;
}
