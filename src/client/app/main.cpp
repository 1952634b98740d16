// The wasm client: main(), the frame loop and the wiring between the browser (shell/bridge.js)
// and the app. Only app/ and platform/ include emscripten or GLFW.
//
// Reads top to bottom: 1. the runtime  2. frames on demand  3. one frame  4. calls from the
// bridge  5. main()
//
// Beside GLFW, the bridge delivers: text, focus and keys of its DOM inputs (platform/
// dom_events.cpp, to the widgets), fingers and the mouse over DOM inputs (app/pointer.cpp, to
// ImGui), and the caret's blink. Each frame's items and DOM controls go back to it as JSON.
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "client/app/fonts.h"
#include "client/app/pointer.h"
#include "client/platform/browser.h"
#include "client/platform/http.h"
#include "client/platform/storage.h"
#include "client/screens/gallery.h"
#include "client/screens/screens.h"
#include "client/state/app_state.h"
#include "client/state/kiosk.h"
#include "client/state/store.h"
#include "client/widgets/theme.h"
#include "client/widgets/widgets.h"
#include "core/i18n.h"

#if IMGUI_VERSION_NUM < 19010
#error "The portal needs Dear ImGui 1.90.1 (IMGUI_VERSION_NUM 19010) or newer: run python3 serve.py to fetch it."
#endif

namespace embedded {
extern const char* const i18n_sl[];  // {key, value, ..., nullptr}
extern const char* const i18n_en[];
extern const char* const branding;
}  // namespace embedded

// Implemented in shell/library_portal.js (they forward to the bridge in shell/bridge.js).
extern "C" {
void portal_js_init();        // canvas sizing, wake-up listeners; calls portal_resize once
void portal_js_load_fonts();  // hands the prefetched fonts to portal_fonts_loaded
void portal_js_no_webgl();    // tells the customer the browser cannot draw the portal
void portal_js_frame_drawn(int frames, const char* frame_json, const char* cursor);  // DOM sync, window.portal
int portal_js_location_path(char* buf, int cap);  // location.pathname + search into buf
}

namespace {

// The bundle's data files (index.html's meta tag): the common-password list's hashed URL.
EM_JS(char*, portal_js_bundle_data, (const char* name), {
  let url = "";
  try {
    const meta = JSON.parse(document.querySelector('meta[name="portal-bundle"]').content);
    url = (meta.data && meta.data[UTF8ToString(name)]) || "";
  } catch (e) {
  }
  const n = lengthBytesUTF8(url) + 1;
  const p = _malloc(n);
  stringToUTF8(url, p, n);
  return p;
});

// Start-up milestones in window.portal.timing (ms since navigation), for bench/first_load.mjs.
EM_JS(void, portal_js_mark, (const char* name), {
  window.portal.timing = window.portal.timing || {};
  window.portal.timing[UTF8ToString(name)] = Math.round(performance.now());
});

// The atlas's letters, for tests: how many, rebuilt how often, and which letters of the frame
// just drawn some font lacks ("" = every letter drew right).
EM_JS(void, portal_js_glyphs, (int count, int builds, const char* lacking), {
  window.portal.glyphs = { count: count, builds: builds, lacking: UTF8ToString(lacking) };
});

// How many frames painted the canvas (a frame that would paint the same picture does not).
EM_JS(void, portal_js_painted, (int painted), { window.portal.painted = painted; });

// [SECTION] 1. The runtime
// The portal's routes belong to the Store; /dev/gallery is the widgets' gallery for tests.
enum class StartScreen { portal, gallery };

StartScreen screen_for_path(std::string_view path) {
  path = path.substr(0, path.find('?'));
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  return path == "/dev/gallery" ? StartScreen::gallery : StartScreen::portal;
}

struct Runtime {
  GLFWwindow* window = nullptr;               // GLFW's window = the canvas
  client::app::FontBytes font_bytes;          // Inter, as fetched
  client::app::Glyphs glyphs;                 // the letters the atlas holds
  int atlas_builds = 0;                       // how often the atlas was built
  client::widgets::Theme theme;               // palette, fonts, scale
  core::Catalog catalogs[2];                  // [Locale::sl], [Locale::en]
  std::unique_ptr<client::platform::Http> http;        // fetch, same origin
  std::unique_ptr<client::platform::Browser> browser;  // history, title, downloads, settings
  std::unique_ptr<client::platform::Storage> storage;  // IndexedDB: the offline copy and queue
  std::unique_ptr<client::Store> store;                // the state and its effects
  client::Route titled;                       // the route the page title was written for
  StartScreen screen = StartScreen::portal;   // from the URL at start
  client::screens::GalleryState gallery;      // the developer gallery's sample values
  client::app::Pointer pointer;               // fingers, and the mouse over DOM inputs
  float css_w = 1, css_h = 1;                 // viewport, CSS px
  int fb_w = 1, fb_h = 1;                     // canvas backing store, device pixels
  float dpr = 1.0f;                           // device pixels per CSS pixel
  float fonts_scale = 0.0f;                   // scale the atlas was built for (0 = not built)
  bool device_ready = false;                  // the renderer created its GL objects
  int frames_wanted = 0;                      // frames still to draw before going idle
  bool frame_scheduled = false;               // a requestAnimationFrame is pending
  int frames = 0;                             // frames drawn so far
  int refused_submits = 0;                    // AppState::refused_submits last seen
  std::uint64_t presented = 0;                // what the canvas shows (picture_of)
  int presentations = 0;                      // frames that painted the canvas
  long kiosk_timer = 0;                       // the kiosk's pending timeout (0 = none)
  double kiosk_wake_at = -1;                  // the time it is set for (ms), -1 = none
};

Runtime* g_rt = nullptr;  // the one app, reached from the bridge's callbacks

// [SECTION] 2. Frames on demand: nothing is drawn unless input, network, a timer or an
// animation asks; the browser runs no animation frames at all while the tab is hidden.
EM_BOOL on_animation_frame(double, void*);

void request_frames(int n) {
  g_rt->frames_wanted = std::max(g_rt->frames_wanted, n);
  if (!g_rt->frame_scheduled) {
    g_rt->frame_scheduled = true;
    emscripten_request_animation_frame(on_animation_frame, nullptr);
  }
}

// A kiosk's countdown and timeout need frames while nobody touches the screen: one timer for
// the next moment they change, none on its empty start screen (idle stays idle).
void on_kiosk_timer(void*) {
  g_rt->kiosk_timer = 0;
  g_rt->kiosk_wake_at = -2;  // set again after the frame, even for the same time
  request_frames(1);
}

void schedule_kiosk(Runtime& rt, double now) {
  const double at = rt.store->kiosk().wake_at();
  if (at == rt.kiosk_wake_at) return;
  if (rt.kiosk_timer) emscripten_clear_timeout(rt.kiosk_timer);
  rt.kiosk_timer = 0;
  rt.kiosk_wake_at = at;
  if (at >= 0) rt.kiosk_timer = emscripten_set_timeout(on_kiosk_timer, std::max(0.0, at - now) + 1.0, nullptr);
}

// [SECTION] 3. One frame

// A fingerprint of what a frame would paint: its draw lists, the canvas size and the atlas.
// A frame that paints what the canvas already shows is not rendered: the canvas keeps its
// picture and the browser composites nothing new (the frames that let hover and layout settle
// after input mostly change nothing; with a software compositor each presented frame costs a
// read-back of the whole canvas).
std::uint64_t picture_of(const ImDrawData* d, const Runtime& rt) {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&h](const void* p, std::size_t n) {
    const unsigned char* b = static_cast<const unsigned char*>(p);
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, b + i, 8);
      h = (h ^ w) * 1099511628211ull;
      h ^= h >> 29;
    }
    for (; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
  };
  const int frame[4] = {rt.fb_w, rt.fb_h, rt.atlas_builds, static_cast<int>(rt.theme.palette.background)};
  mix(frame, sizeof frame);
  for (const ImDrawList* l : d->CmdLists) {
    mix(l->VtxBuffer.Data, static_cast<std::size_t>(l->VtxBuffer.Size) * sizeof(ImDrawVert));
    mix(l->IdxBuffer.Data, static_cast<std::size_t>(l->IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& c : l->CmdBuffer) {
      mix(&c.ClipRect, sizeof c.ClipRect);
      mix(&c.TextureId, sizeof c.TextureId);
      const unsigned counts[3] = {c.VtxOffset, c.IdxOffset, c.ElemCount};
      mix(counts, sizeof counts);
    }
  }
  return h;
}

void ensure_fonts(Runtime& rt) {
  // A kiosk draws everything larger (widgets/theme.h), with fonts of its own scale.
  client::widgets::set_kiosk_look(rt.theme, rt.store->state().kiosk.on, rt.dpr);
  if (rt.fonts_scale == rt.theme.scale) return;
  client::app::build_fonts(rt.font_bytes, rt.glyphs, rt.theme);
  if (rt.atlas_builds == 0) portal_js_mark("atlas_built");
  ++rt.atlas_builds;
  client::widgets::apply_style(rt.theme);
  if (rt.device_ready) {  // otherwise the first NewFrame creates the texture
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  rt.fonts_scale = rt.theme.scale;
}

// The page's title follows the screen: "Obstoječi odčitki – Moj GEN-I".
void update_title(Runtime& rt, const core::Catalog& text) {
  const client::AppState& s = rt.store->state();
  if (s.route == rt.titled && rt.frames > 0) return;
  rt.titled = s.route;
  const nlohmann::json p = {{"product", s.brand.product}};
  const std::string screen = text.format(client::screen_key(s.route.screen), p);
  rt.browser->set_title(text.format("shell.title", {{"screen", screen}, {"product", s.brand.product}}));
}

void draw_frame(Runtime& rt) {
  if (rt.frames == 0) portal_js_mark("frame_start");
  ensure_fonts(rt);
  rt.store->update();
  const double now = emscripten_get_now();
  rt.store->kiosk().tick(now);
  ImGui_ImplOpenGL3_NewFrame();
  rt.device_ready = true;
  ImGui_ImplGlfw_NewFrame();
  client::app::pointer_before_new_frame(rt.pointer);
  ImGuiIO& io = ImGui::GetIO();
  // The UI works in device pixels (GLFW reports the mouse in canvas pixels too); the theme's
  // scale turns CSS sizes into device sizes.
  io.DisplaySize = ImVec2(static_cast<float>(rt.fb_w), static_cast<float>(rt.fb_h));
  io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  ImGui::NewFrame();
  const bool flinging = client::app::pointer_scroll(rt.pointer);

  const client::AppState& state = rt.store->state();
  core::Catalog& text = rt.catalogs[static_cast<int>(state.locale)];
  if (text.size() == 0 && state.locale == core::Locale::en) text.load_pairs(embedded::i18n_en);  // parsed when first needed
  client::widgets::begin_frame({&rt.theme, &text}, rt.css_w / rt.theme.zoom, rt.css_h / rt.theme.zoom);
  if (state.refused_submits != rt.refused_submits) {  // the errors are drawn now: focus the first
    rt.refused_submits = state.refused_submits;
    client::widgets::focus_first_error();
  }
  client::Actions actions;
  switch (rt.screen) {
    case StartScreen::portal:
      client::screens::draw_app(state, actions);
      break;
    case StartScreen::gallery:
      client::screens::draw_gallery(rt.gallery, state, actions);
      break;
  }
  const std::string frame_json = client::widgets::end_frame();
  // A letter the atlas lacks (a customer's name): built in before the next frame.
  const bool new_letters = rt.glyphs.add_text(frame_json);
  if (new_letters) rt.fonts_scale = 0;
  portal_js_glyphs(rt.glyphs.count(), rt.atlas_builds,
                   client::app::lacking_glyphs(rt.theme, frame_json).c_str());
  const char* cursor = "default";
  switch (ImGui::GetMouseCursor()) {
    case ImGuiMouseCursor_Hand:
      cursor = "pointer";
      break;
    case ImGuiMouseCursor_TextInput:
      cursor = "text";
      break;
    default:
      break;
  }

  ImGui::Render();
  const std::uint64_t picture = picture_of(ImGui::GetDrawData(), rt);
  if (picture != rt.presented) {
    glViewport(0, 0, rt.fb_w, rt.fb_h);
    const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(rt.theme.palette.background);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    rt.presented = picture;
    portal_js_painted(++rt.presentations);
  }

  if (rt.store->apply(actions.take()) || new_letters) request_frames(2);
  if (rt.screen == StartScreen::portal) update_title(rt, text);
  portal_js_frame_drawn(++rt.frames, frame_json.c_str(), cursor);
  if (flinging || client::widgets::wants_more_frames()) request_frames(2);
  schedule_kiosk(rt, now);
}

// The WebGL context, GLFW's window on the canvas and the renderer's objects. Created in the task
// that draws the first frame, not at start: a canvas with a context is composited (in a software
// compositor, read back whole) at every rendering step, so a context made earlier costs one
// read-back of an empty canvas before the first frame (~100 ms here, bench/README.md).
bool create_device(Runtime& rt) {
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);  // WebGL 2
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // Dear ImGui draws with neither depth nor stencil, and the canvas is opaque (each frame clears
  // it to the background): a drawing buffer without them is cheaper to make and to composite.
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  glfwWindowHint(GLFW_ALPHA_BITS, 0);
  // At the canvas's size as the bridge set it (portal_resize): resizing the context later
  // reallocates its drawing buffer (~20 ms with software WebGL).
  rt.window = glfwCreateWindow(rt.fb_w, rt.fb_h, "portal", nullptr, nullptr);
  portal_js_mark("webgl");
  if (!rt.window) return false;
  glfwMakeContextCurrent(rt.window);
  ImGui_ImplGlfw_InitForOpenGL(rt.window, true);
  client::app::install_wheel();
  ImGui_ImplOpenGL3_Init("#version 300 es");
  ImGui_ImplOpenGL3_NewFrame();  // creates the shaders and uploads the atlas
  rt.device_ready = true;
  portal_js_mark("device");
  return true;
}

// Start-up, once the fonts are here: the atlas in one task; the device and the first frame in
// the next (unless an animation frame drew it meanwhile).
void first_frame(void*) {
  if (g_rt->frames > 0) return;
  if (!create_device(*g_rt)) {
    portal_js_no_webgl();
    return;
  }
  draw_frame(*g_rt);
  request_frames(3);  // hover and layout settle; frames asked for meanwhile were not drawn
}

void build_atlas(void*) {
  portal_js_mark("build_atlas");
  ensure_fonts(*g_rt);
  emscripten_set_immediate(first_frame, nullptr);
}

EM_BOOL on_animation_frame(double, void*) {
  Runtime& rt = *g_rt;
  rt.frame_scheduled = false;
  if (rt.frames == 0) return EM_FALSE;  // start-up draws the first frame (first_frame), then asks again
  draw_frame(rt);
  if (--rt.frames_wanted > 0) request_frames(rt.frames_wanted);
  return EM_FALSE;
}

}  // namespace

// [SECTION] 4. Calls from the bridge
extern "C" {

// Any input or event: ImGui needs a few frames to settle hover and layout after one.
EMSCRIPTEN_KEEPALIVE void portal_wake() {
  if (!g_rt) return;
  if (g_rt->store) g_rt->store->kiosk().input(emscripten_get_now());  // a kiosk's idle time starts again
  request_frames(3);
}

// The canvas changed size or the device-pixel ratio changed (zoom, another monitor).
EMSCRIPTEN_KEEPALIVE void portal_resize(double css_w, double css_h, double dpr) {
  if (!g_rt) return;
  g_rt->dpr = static_cast<float>(std::clamp(dpr, 0.5, 4.0));
  g_rt->fb_w = std::max(1, static_cast<int>(std::lround(css_w * dpr)));
  g_rt->fb_h = std::max(1, static_cast<int>(std::lround(css_h * dpr)));
  g_rt->css_w = static_cast<float>(css_w);
  g_rt->css_h = static_cast<float>(css_h);
  request_frames(3);
}

// A finger on the canvas or on a DOM input, or the mouse over a DOM input (CSS px).
EMSCRIPTEN_KEEPALIVE void portal_pointer(int type, int phase, double x, double y) {
  if (!g_rt) return;
  client::app::pointer_event(g_rt->pointer, static_cast<client::app::PointerType>(type),
                             static_cast<client::app::PointerPhase>(phase), static_cast<float>(x),
                             static_cast<float>(y), g_rt->dpr, emscripten_get_now());
  if (g_rt->store) g_rt->store->kiosk().input(emscripten_get_now());
  request_frames(3);
}

// The caret's blink timer (the bridge runs it only while a text field has focus).
EMSCRIPTEN_KEEPALIVE void portal_blink() {
  if (!g_rt) return;
  client::widgets::on_caret_blink();
  request_frames(1);
}

// Back or forward in the browser: the app follows the URL.
EMSCRIPTEN_KEEPALIVE void portal_popstate(const char* path) {
  if (!g_rt || !g_rt->store) return;
  g_rt->store->location_changed(path);
  request_frames(3);
}

// [offline] The browser went online or offline (its events): readings waiting go, the copy refreshes.
EMSCRIPTEN_KEEPALIVE void portal_online(int online) {
  if (!g_rt || !g_rt->store) return;
  g_rt->store->network_changed(online != 0);
  request_frames(3);
}

// [offline] A new release is installed by the service worker and waits to take over.
EMSCRIPTEN_KEEPALIVE void portal_update_ready() {
  if (!g_rt || !g_rt->store) return;
  g_rt->store->update_ready();
  request_frames(3);
}

// The fonts arrived (the bridge fetched them beside the wasm). Takes ownership. Called from
// start_app() if they are here already, else when they arrive: the atlas is built in the next
// task and the first frame in the one after, not at a later animation frame.
EMSCRIPTEN_KEEPALIVE void portal_fonts_loaded(unsigned char* regular, int regular_len, unsigned char* semibold,
                                              int semibold_len) {
  g_rt->font_bytes.regular.assign(regular, regular + regular_len);
  g_rt->font_bytes.semibold.assign(semibold, semibold + semibold_len);
  portal_js_mark("fonts");
  std::free(regular);
  std::free(semibold);
  if (g_rt->frames == 0) emscripten_set_immediate(build_atlas, nullptr);
}

}  // extern "C"

// [SECTION] 5. main() and the start-up's later steps
// Start-up runs as a few tasks, not one: the browser can handle input, network and rendering
// between them, and no task is as long as the whole start (bench/first_load.mjs measures the
// longest). main(): the catalogs; start_app(): ImGui and the Store; then, once the fonts are
// here, build_atlas(): the atlas; first_frame(): the WebGL context, the renderer's objects and
// the first frame (create_device says why the context comes last).
void start_app(void*);
int main() {
  static Runtime runtime;  // lives as long as the page
  g_rt = &runtime;
  portal_js_mark("main");

  runtime.catalogs[static_cast<int>(core::Locale::sl)].load_pairs(embedded::i18n_sl);
  runtime.theme.palette = client::widgets::palette_from_branding(embedded::branding);
  for (const char* const* text = embedded::i18n_sl; *text; ++text) runtime.glyphs.add_text(*text);
  runtime.glyphs.add_text(embedded::branding);
  portal_js_mark("catalogs");

  if (!glfwInit()) return 1;  // the window and its WebGL context come with the first frame
  emscripten_set_immediate(start_app, nullptr);
  return 0;  // the runtime stays alive; frames come from the browser
}

void start_app(void*) {
  Runtime& runtime = *g_rt;
  portal_js_mark("start_app");
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing to persist: the layout is the app's, not the user's
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;  // the bridge sets the canvas's CSS cursor
  portal_js_mark("imgui");

  char path[1024] = {0};
  portal_js_location_path(path, sizeof path);
  runtime.screen = screen_for_path(path);
  runtime.http = client::platform::make_http("");
  runtime.http->set_on_answer([] { request_frames(3); });  // frames on demand: an answer is news
  runtime.browser = client::platform::make_browser();
  runtime.storage = client::platform::make_storage();
  runtime.storage->set_on_done([] { request_frames(3); });  // a record read is news too
  runtime.store = std::make_unique<client::Store>(*runtime.http, *runtime.browser, runtime.storage.get());
  runtime.store->mutable_state().brand = client::brand_from_json(embedded::branding);
  char* common = portal_js_bundle_data("common-passwords.txt");
  runtime.store->start(path, common ? common : "");
  std::free(common);
  portal_js_mark("store");

  portal_js_init();        // sizes the canvas (calls portal_resize) and installs wake-ups
  portal_js_load_fonts();  // portal_fonts_loaded starts the atlas when the bytes are here
}
