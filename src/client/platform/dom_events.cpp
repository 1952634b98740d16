// What the DOM elements of the bridge (shell/bridge.js) report: text typed, pasted, composed
// or dictated into the real <input>s, their caret and scroll, focus, keys and activations.
// Each is handed to the widgets, which apply it in the next frame; the bridge then wakes the
// frame loop itself.
#include <emscripten.h>

#include <string>

#include "client/widgets/widgets.h"

extern "C" {

EMSCRIPTEN_KEEPALIVE void portal_input(const char* id, const char* value, int sel_start, int sel_end,
                                       double scroll_left) {
  client::widgets::on_dom_input(id, value, sel_start, sel_end);
  client::widgets::on_dom_selection(id, sel_start, sel_end, static_cast<float>(scroll_left));
}

EMSCRIPTEN_KEEPALIVE void portal_selection(const char* id, int sel_start, int sel_end, double scroll_left) {
  client::widgets::on_dom_selection(id, sel_start, sel_end, static_cast<float>(scroll_left));
}

EMSCRIPTEN_KEEPALIVE void portal_focus(const char* id, int focused, int visible) {
  client::widgets::on_dom_focus(id, focused != 0, visible != 0);
}

EMSCRIPTEN_KEEPALIVE void portal_key(const char* id, const char* key) {
  client::widgets::on_dom_key(id, key);
}

EMSCRIPTEN_KEEPALIVE void portal_activate(const char* id) {
  client::widgets::on_dom_activate(id);
}

}  // extern "C"
