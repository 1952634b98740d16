#include "client/app/pointer.h"

#include <emscripten/html5.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace client::app {

namespace {

// The top-most visible window under a point that can scroll vertically (or whose parent can).
ImGuiWindow* scrollable_window_at(ImVec2 point) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  for (int i = g.Windows.Size - 1; i >= 0; --i) {
    ImGuiWindow* w = g.Windows[i];
    if (!w->WasActive || w->Hidden || !w->Rect().Contains(point)) continue;
    for (ImGuiWindow* s = w; s; s = s->ParentWindow)
      if (s->ScrollMax.y > 0.0f) return s;
    return nullptr;  // the top-most window here does not scroll (a dialog's backdrop)
  }
  return nullptr;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* ev, void*) {
  // As the backend does (SDL's quantities): 100 px, 3 lines or 1/80 page make one step.
  float step = 1.0f / 100.0f;
  if (ev->deltaMode == DOM_DELTA_LINE)
    step = 1.0f / 3.0f;
  else if (ev->deltaMode == DOM_DELTA_PAGE)
    step = 80.0f;
  ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-ev->deltaX) * step, static_cast<float>(-ev->deltaY) * step);
  return EM_FALSE;
}

}  // namespace

void install_wheel() {
  emscripten_set_wheel_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, false, nullptr);  // the backend's
  emscripten_set_wheel_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, false, on_wheel);
}

void pointer_event(Pointer& p, PointerType type, PointerPhase phase, float x_css, float y_css, float dpr,
                   double now_ms) {
  const ImVec2 pos(x_css * dpr, y_css * dpr);
  ImGuiIO& io = ImGui::GetIO();
  if (type == PointerType::mouse_over_dom) {
    p.touch_mode = false;
    p.hover_valid = phase != PointerPhase::leave;
    p.hover = pos;
    return;
  }
  switch (phase) {
    case PointerPhase::down:
      p.touch_mode = true;
      p.down = true;
      p.dragging = false;
      p.fling = false;
      p.velocity = 0.0f;
      p.tap_to_imgui = type == PointerType::touch_canvas;
      p.start = p.last = pos;
      p.last_ms = now_ms;
      p.target = 0;
      break;
    case PointerPhase::move: {
      if (!p.down) break;
      const float slop = 10.0f * dpr;
      if (!p.dragging && (std::fabs(pos.x - p.start.x) > slop || std::fabs(pos.y - p.start.y) > slop)) {
        p.dragging = true;
        ImGuiWindow* w = scrollable_window_at(p.start);
        p.target = w ? w->ID : 0;
      }
      if (p.dragging) {
        const float dy = p.last.y - pos.y;
        p.pending_scroll += dy;
        const double dt = std::max(1.0, now_ms - p.last_ms) / 1000.0;
        p.velocity = 0.7f * static_cast<float>(dy / dt) + 0.3f * p.velocity;
      }
      p.last = pos;
      p.last_ms = now_ms;
      break;
    }
    case PointerPhase::up:
      if (p.down && !p.dragging && p.tap_to_imgui) {
        // A tap: press and release at the finger (ImGui's input queue spreads them over two
        // frames, so the press is seen before the release).
        io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
        io.AddMousePosEvent(pos.x, pos.y);
        io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
        io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
        io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
      }
      if (p.dragging && now_ms - p.last_ms < 80.0 && std::fabs(p.velocity) > 150.0f * dpr) p.fling = true;
      p.down = false;
      p.dragging = false;
      break;
    case PointerPhase::cancel:
    case PointerPhase::leave:
      p.down = false;
      p.dragging = false;
      break;
  }
}

void pointer_before_new_frame(Pointer& p) {
  ImGuiIO& io = ImGui::GetIO();
  if (p.touch_mode)
    io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);  // fingers do not hover
  else if (p.hover_valid)
    io.AddMousePosEvent(p.hover.x, p.hover.y);
}

bool pointer_scroll(Pointer& p) {
  ImGuiWindow* w = p.target ? ImGui::FindWindowByID(p.target) : nullptr;
  if (!w) {
    p.pending_scroll = 0.0f;
    p.fling = false;
    return false;
  }
  float delta = p.pending_scroll;
  p.pending_scroll = 0.0f;
  if (p.fling) {
    const float dt = std::min(ImGui::GetIO().DeltaTime, 0.05f);
    delta += p.velocity * dt;
    p.velocity *= std::exp(-dt * 4.0f);
    const bool at_edge =
        (w->Scroll.y <= 0.0f && p.velocity < 0.0f) || (w->Scroll.y >= w->ScrollMax.y && p.velocity > 0.0f);
    if (std::fabs(p.velocity) < 40.0f || at_edge) p.fling = false;
  }
  if (delta != 0.0f) ImGui::SetScrollY(w, std::clamp(w->Scroll.y + delta, 0.0f, w->ScrollMax.y));
  return p.fling;
}

}  // namespace client::app
