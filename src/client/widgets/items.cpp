// What each frame drew: items (published as window.portal.items) and the DOM controls the
// bridge keeps over the canvas, serialised once per frame.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "client/widgets/context.h"

namespace client::widgets::detail {

namespace {

ImRect viewport() {
  const ImVec2 d = ImGui::GetIO().DisplaySize;
  return ImRect(0.0f, 0.0f, d.x, d.y);
}

ImRect visible_part(const ImRect& r) {
  ImRect clip = viewport();
  if (ImGuiWindow* w = ImGui::GetCurrentWindowRead()) clip.ClipWithFull(w->ClipRect);
  ImRect v = r;
  v.ClipWithFull(clip);
  return v;
}

bool empty(const ImRect& r) {
  return r.GetWidth() <= 0.0f || r.GetHeight() <= 0.0f;
}

double css(float device) {
  const double v = device / ctx().ui.theme->dpr();  // the page's CSS px (a kiosk zooms)
  return std::round(v * 100.0) / 100.0;
}

}  // namespace

std::string auto_id(const char* kind) {
  Context& c = ctx();
  const int n = kind[0] == 'h' ? c.heading_counter++ : c.text_counter++;
  return (c.page.empty() ? std::string("page") : c.page) + "." + kind + "." + std::to_string(n);
}

Item& add_item(std::string id, std::string_view role, std::string_view label, const ImRect& rect) {
  Context& c = ctx();
  // Every item is kept, drawn inside the viewport or not: the accessibility mirror has the whole
  // page (a screen reader reads past the fold); window.portal.items publishes the visible ones.
  const ImRect v = visible_part(rect);
  const bool visible = !empty(v);
  const ImRect vp = viewport();
  if (visible && (rect.Min.x < vp.Min.x - 0.5f || rect.Max.x > vp.Max.x + 0.5f)) c.overflow.push_back(id);
  Item item;
  item.state.focused = is_focused(id);
  item.id = std::move(id);
  item.role = role;
  item.label = label;
  item.visible = visible;
  if (visible) {
    item.x = static_cast<float>(css(v.Min.x));
    item.y = static_cast<float>(css(v.Min.y));
    item.w = static_cast<float>(css(v.GetWidth()));
    item.h = static_cast<float>(css(v.GetHeight()));
  }
  item.fx = static_cast<float>(css(rect.Min.x));
  item.fy = static_cast<float>(css(rect.Min.y));
  item.fw = static_cast<float>(css(rect.GetWidth()));
  item.fh = static_cast<float>(css(rect.GetHeight()));
  c.items.push_back(std::move(item));
  return c.items.back();
}

Control& add_control(std::string id, std::string_view role, std::string_view label, const ImRect& rect) {
  Context& c = ctx();
  // It just got focus (Tab, a click): make sure the page shows it.
  if (!c.scroll_to.empty() && c.scroll_to == id) {
    c.scroll_to.clear();
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const ImRect inner = w->InnerClipRect;
    if (rect.Min.y < inner.Min.y || rect.Max.y > inner.Max.y) {
      ImRect target = rect;
      target.Expand(ImVec2(0.0f, px(24)));
      ImGui::ScrollToRect(w, target, ImGuiScrollFlags_KeepVisibleEdgeY);
      c.more_frames = true;
    }
  }
  Control k;
  k.state.focused = is_focused(id);
  k.id = std::move(id);
  k.role = role;
  k.label = label;
  k.rect = rect;
  k.clip = visible_part(rect);
  k.layer = c.layer;
  k.form = c.form;
  c.controls.push_back(std::move(k));
  return c.controls.back();
}

std::string serialise_frame(Context& c) {
  using nlohmann::json;
  json items = json::array();
  json mirror = json::array();
  for (const Item& i : c.items) {
    // The mirror's entry: short keys, only what the element needs.
    json m = {{"id", i.id}, {"r", i.role}, {"l", i.label}, {"x", i.fx}, {"y", i.fy}, {"w", i.fw}, {"h", i.fh}};
    if (!i.value.empty()) m["v"] = i.value;
    if (i.level > 0) m["lv"] = i.level;
    if (i.state.invalid) m["inv"] = true;
    mirror.push_back(std::move(m));
    if (!i.visible) continue;
    json s = {{"disabled", i.state.disabled}, {"checked", i.state.checked}, {"selected", i.state.selected},
              {"expanded", i.state.expanded}, {"focused", i.state.focused}, {"invalid", i.state.invalid},
              {"busy", i.state.busy}};
    json o = {{"id", i.id},       {"role", i.role},        {"label", i.label},
              {"value", i.value}, {"state", std::move(s)}, {"rect", {{"x", i.x}, {"y", i.y}, {"w", i.w}, {"h", i.h}}}};
    if (i.row >= 0) o["row"] = i.row;
    if (i.level > 0) o["level"] = i.level;
    items.push_back(std::move(o));
  }
  json controls = json::array();
  for (const Control& k : c.controls) {
    const bool blocked = c.max_layer > k.layer;
    json o = {{"id", k.id},
              {"k", k.input ? "i" : "p"},
              {"r", k.role},
              {"l", k.label},
              {"x", css(k.rect.Min.x)},
              {"y", css(k.rect.Min.y)},
              {"w", css(k.rect.GetWidth())},
              {"h", css(k.rect.GetHeight())}};
    if (empty(k.clip)) {
      o["c"] = nullptr;  // not visible: kept for Tab, clipped away entirely
    } else {
      o["c"] = {css(k.clip.Min.y - k.rect.Min.y), css(k.rect.Max.x - k.clip.Max.x), css(k.rect.Max.y - k.clip.Max.y),
                css(k.clip.Min.x - k.rect.Min.x)};
    }
    const bool kiosk = c.ui.theme->kiosk;
    if (!k.form.empty() && !kiosk) o["f"] = k.form;  // a kiosk has no password manager to help
    if (blocked) o["b"] = c.max_layer >= 2 ? 2 : 1;  // 2: under a dialog (inert), 1: under a list
    if (k.state.disabled) o["dis"] = true;
    if (k.state.invalid) o["inv"] = true;
    if (k.input) {
      o["v"] = k.value;
      o["t"] = k.input_type;
      if (kiosk)
        o["ac"] = "off";  // no password manager's prompt, no suggestions of the last customer
      else if (!k.autocomplete.empty())
        o["ac"] = k.autocomplete;
      if (k.max_length > 0) o["max"] = k.max_length;
      o["pad"] = std::round(k.pad_left * c.ui.theme->zoom * 100.0) / 100.0;
      if (k.sel_start >= 0) o["sel"] = {k.sel_start, k.sel_end};  // the on-screen keyboard moved the caret
      if (k.required) o["req"] = true;
    } else {
      if (k.role == "checkbox" || k.role == "radio" || k.role == "switch") o["chk"] = k.state.checked;
      if (k.expandable) o["exp"] = k.state.expanded;
      if (k.role == "option" || k.role == "link") o["sel"] = k.state.selected;
      if (k.state.busy) o["busy"] = true;
    }
    controls.push_back(std::move(o));
  }
  json frame = {{"items", std::move(items)},
                {"mirror", std::move(mirror)},
                {"controls", std::move(controls)},
                {"overflow", c.overflow}};
  // A kiosk: the DOM inputs' text as large as the canvas's, no device keyboard, and where the
  // on-screen keyboard is (a press there keeps the field's focus).
  if (c.ui.theme->kiosk) {
    json kiosk = {{"zoom", c.ui.theme->zoom}};
    if (!c.keyboard.rect.IsInverted() && c.keyboard.rect.GetWidth() > 0)
      kiosk["kb"] = {css(c.keyboard.rect.Min.x), css(c.keyboard.rect.Min.y), css(c.keyboard.rect.GetWidth()),
                     css(c.keyboard.rect.GetHeight())};
    frame["kiosk"] = std::move(kiosk);
  }
  if (c.focus_request) {
    frame["focus"] = *c.focus_request;
    c.focus_request.reset();
  }
  return frame.dump();
}

}  // namespace client::widgets::detail
