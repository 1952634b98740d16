// Pointers Emscripten's GLFW does not deliver to ImGui: fingers (its touch handler needs an
// SDL-only `event.touch` and ignores real touch events) and the mouse while it is over one of
// the bridge's DOM inputs (the canvas sees no events there). A tap becomes a click; a drag
// scrolls the window under the finger, with a short fling when the finger leaves moving.
#pragma once

#include <imgui.h>

namespace client::app {

enum class PointerType { mouse_over_dom = 0, touch_canvas = 1, touch_dom = 2 };
enum class PointerPhase { down = 0, move = 1, up = 2, cancel = 3, leave = 4 };

struct Pointer {
  bool touch_mode = false;    // the last pointer was a finger: nothing is hovered
  bool hover_valid = false;   // the mouse is over a DOM input at `hover`
  ImVec2 hover;               // device px
  bool down = false;          // a finger is on the screen
  bool dragging = false;      // it moved far enough to scroll rather than tap
  bool tap_to_imgui = false;  // a tap on the canvas (taps on DOM inputs are the browser's)
  ImVec2 start, last;         // device px
  double last_ms = 0;
  float pending_scroll = 0;  // device px the finger dragged since the last frame
  float velocity = 0;        // device px per second, for the fling
  bool fling = false;
  ImGuiID target = 0;  // the window being scrolled
};

// The mouse wheel, replacing the ImGui backend's handler: that one asks the browser to cancel
// the wheel from a document listener, which Chrome makes passive (a console error per turn).
// This one scrolls the same and lets the browser keep its default (ctrl + wheel zooms).
void install_wheel();

// An event from the bridge (CSS px; dpr turns them into device px).
void pointer_event(Pointer& p, PointerType type, PointerPhase phase, float x_css, float y_css, float dpr,
                   double now_ms);
// After the platform backend's NewFrame, before ImGui::NewFrame: hover positions it cannot know.
void pointer_before_new_frame(Pointer& p);
// After ImGui::NewFrame: applies drag scrolling and the fling. True while a fling still runs.
bool pointer_scroll(Pointer& p);

}  // namespace client::app
