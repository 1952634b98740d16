// The widgets' context, the frame around the screens' drawing, and the events the bridge
// delivers between frames.
#include <algorithm>
#include <utility>

#include "client/widgets/context.h"

namespace client::widgets {

namespace detail {

Context& ctx() {
  static Context context;  // the widgets' own context (like ImGui's), not screen state
  return context;
}

}  // namespace detail

using namespace detail;

void begin_frame(const Ui& ui, float css_width, float css_height) {
  Context& c = ctx();
  set_current(ui);
  c.ui = ui;
  // The window changed size (a phone keyboard opened, a rotation): keep the focused field in view.
  if ((c.css_w != css_width || c.css_h != css_height) && !c.focused.empty()) c.scroll_to = c.focused;
  c.css_w = css_width;
  c.css_h = css_height;
  c.phone = css_width < 600.0f;
  c.in_frame = true;
  c.focus_first_error = false;
  c.items.clear();
  c.controls.clear();
  c.overflow.clear();
  c.more_frames = false;
  c.layer = 0;
  c.max_layer = 0;
  c.text_counter = 0;
  c.heading_counter = 0;
  c.row_depth = 0;
  c.columns.clear();
  c.row_count = 0;
  c.form.clear();
  c.page.clear();
  c.page_window = nullptr;
  c.split_depth = 0;
  c.table.reset();
  c.dialog_last = c.dialog_drawn;
  c.dialog_drawn.clear();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  c.regions.assign(1, Region{0.0f, display.x});
  // What a kiosk's on-screen keyboard typed last frame reaches its field as the DOM's would.
  c.keyboard.rect = ImRect();
  if (c.keyboard.pending) {
    const Keyboard::Edit e = *c.keyboard.pending;
    c.keyboard.pending.reset();
    on_dom_input(e.id, e.value, e.caret, e.caret);
    c.inputs[e.id].caret_set = true;
  }
  if (!c.keyboard.enter.empty()) on_dom_key(std::exchange(c.keyboard.enter, {}), "Enter");
}

std::string end_frame() {
  Context& c = ctx();
  // A dialog that is no longer drawn was closed: focus goes back where it was before.
  if (!c.dialog_last.empty() && c.dialog_drawn.empty() && !c.focus_before_dialog.empty()) {
    const std::string back = c.focus_before_dialog;
    c.focus_before_dialog.clear();
    if (std::any_of(c.controls.begin(), c.controls.end(), [&](const Control& k) { return k.id == back; }))
      request_focus(back);
  }
  // A select that was not drawn this frame cannot stay open; neither can a menu.
  if (!c.open_select.empty() &&
      std::none_of(c.controls.begin(), c.controls.end(), [&](const Control& k) { return k.id == c.open_select; }))
    c.open_select.clear();
  // Fields that were not drawn lose their DOM input (the bridge removes it) and their state.
  for (auto it = c.inputs.begin(); it != c.inputs.end();) {
    const bool drawn = std::any_of(c.controls.begin(), c.controls.end(),
                                   [&](const Control& k) { return k.input && k.id == it->first; });
    if (!drawn)
      it = c.inputs.erase(it);
    else {
      it->second.changed = false;
      it->second.caret_set = false;  // sent with this frame
      ++it;
    }
  }
  c.activated.clear();
  c.submitted.clear();
  c.keys.clear();
  c.escape = false;
  c.in_frame = false;
  return serialise_frame(c);
}

bool wants_more_frames() {
  return ctx().more_frames;
}
bool is_phone() {
  return ctx().phone;
}

const std::vector<Item>& items() {
  return ctx().items;
}

void on_dom_input(const std::string& id, const std::string& value, int sel_start, int sel_end) {
  Context& c = ctx();
  DomInput& in = c.inputs[id];
  in.value = value;
  in.sel_start = sel_start;
  in.sel_end = sel_end;
  in.changed = true;
  c.caret_on = true;
}

void on_dom_selection(const std::string& id, int sel_start, int sel_end, float scroll_left) {
  Context& c = ctx();
  DomInput& in = c.inputs[id];
  in.sel_start = sel_start;
  in.sel_end = sel_end;
  in.scroll_left = scroll_left;
  c.caret_on = true;
}

void on_dom_focus(const std::string& id, bool focused) {
  on_dom_focus(id, focused, true);
}

void on_dom_focus(const std::string& id, bool focused, bool visible) {
  Context& c = ctx();
  if (focused) {
    c.focused = id;
    c.focus_visible = visible;
    c.scroll_to = id;
    c.caret_on = true;
  } else if (c.focused == id) {
    c.focused.clear();
  }
}

void on_dom_key(const std::string& id, const std::string& key) {
  Context& c = ctx();
  if (key == "Enter")
    c.submitted.insert(id);
  else if (key == "Escape")
    c.escape = true;
  c.keys.emplace_back(id, key);
}

void on_dom_activate(const std::string& id) {
  ctx().activated.insert(id);
}

void on_caret_blink() {
  ctx().caret_on = !ctx().caret_on;
}

bool field_submitted(const char* id) {
  return ctx().submitted.count(id) > 0;
}

void focus_first_error() { ctx().focus_first_error = true; }

namespace detail {

bool is_focused(const std::string& id) {
  return !id.empty() && ctx().focused == id;
}
bool focus_visible(const std::string& id) {
  return is_focused(id) && ctx().focus_visible;
}
void request_focus(const std::string& id) {
  ctx().focus_request = id;
}

bool take_activation(const std::string& id) {
  return ctx().activated.erase(id) > 0;
}

bool take_key(const std::string& id, std::string_view key) {
  auto& keys = ctx().keys;
  for (auto it = keys.begin(); it != keys.end(); ++it) {
    if (it->first == id && it->second == key) {
      keys.erase(it);
      return true;
    }
  }
  return false;
}

int utf16_to_byte(const std::string& s, int utf16_offset) {
  int units = 0;
  size_t i = 0;
  while (i < s.size() && units < utf16_offset) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    const size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : 4;
    units += len == 4 ? 2 : 1;  // code points above U+FFFF are two UTF-16 units
    i = std::min(s.size(), i + len);
  }
  return static_cast<int>(i);
}

int count_code_points(const std::string& s) {
  int n = 0;
  for (unsigned char b : s) n += (b & 0xC0) != 0x80;
  return n;
}

}  // namespace detail

}  // namespace client::widgets
