// Inside the widgets (not for screens): the widgets' own context, like ImGui's: what the DOM
// told us between frames (focus, input values, caret), what this frame drew (items, DOM
// controls), the layout stack and the few open/closed states of widgets (selects, menus,
// dialogs). Plus the drawing and layout helpers every widget file shares.
#pragma once

#include <imgui.h>
#include <imgui_internal.h>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "client/widgets/widgets.h"

namespace client::widgets::detail {

// A DOM element the bridge keeps this frame: a real <input> for a textbox, else a focus proxy
// (a transparent button with pointer-events: none) so Tab, Enter and Space reach the widget.
struct Control {
  std::string id;
  std::string role;
  std::string label;
  bool input = false;
  ImRect rect;             // device px, not clipped (off-screen fields stay reachable by Tab)
  ImRect clip;             // the visible part, device px (may be empty)
  int layer = 0;           // 0 page, 1 popup (select list), 2 dialog
  std::string form;        // <form> id ("" = none)
  std::string value;       // inputs: the real value (never published in items for passwords)
  std::string input_type;  // text | email | password | tel | numeric
  std::string autocomplete;
  int max_length = 0;
  float pad_left = 0;  // CSS px between the input's left edge and its text
  bool required = false;
  bool expandable = false;  // aria-expanded applies (selects, the menu button)
  int sel_start = -1, sel_end = -1;  // inputs: the caret the on-screen keyboard put (-1 = the DOM's)
  ItemState state;
};

// What the DOM input of a textbox holds (offsets in UTF-16 code units, as the DOM counts).
struct DomInput {
  std::string value;
  int sel_start = 0, sel_end = 0;
  float scroll_left = 0;  // CSS px the input scrolled its text
  bool changed = false;   // a new value from the customer, not yet returned by text_field()
  std::string input_type;  // as the field was last drawn (the on-screen keyboard's layout)
  bool caret_set = false;  // the on-screen keyboard moved the caret: the DOM input follows
};

// A kiosk's on-screen keyboard (keyboard.cpp) across frames.
struct Keyboard {
  std::string id = "keyboard";  // its item id (the keys' mirror buttons start with it)
  std::string target;           // the text field it types into
  ImRect rect;                  // where it was drawn this frame (device px; empty: not drawn)
  struct Edit {
    std::string id, value;
    int caret = 0;              // UTF-16 offset
  };
  std::optional<Edit> pending;  // handed to the field at the next frame, as a DOM input would be
  std::string enter;            // its Enter, for that field at the next frame
};

struct Region {
  float x = 0, w = 0;  // device px: left edge (screen) and width widgets fill
};

struct TableColumnLayout {
  float x = 0, w = 0;  // device px
};

struct Table {
  std::string id;
  std::string caption;  // the table's accessible name (the mirror's aria-label)
  std::vector<Column> columns;
  std::vector<std::string> labels;  // copies: the screen's views may not outlive begin_table
  std::vector<TableColumnLayout> layout;
  bool stacked = false;  // phone: rows as cards
  int row = -1;          // current row (-1 = header)
  int cell = 0;          // next cell in the row
  float row_top = 0;     // device px, screen
  float row_bottom = 0;  // lowest point drawn in the row so far
  float table_top = 0;
  ImRect row_rect;
};

struct ColumnsState {
  int count = 1, index = 0;
  float x = 0, w = 0, col_w = 0, top = 0, bottom = 0;
  bool stacked = true;
};

struct Context {
  Ui ui;
  float css_w = 0, css_h = 0;
  bool phone = false;
  bool in_frame = false;

  // This frame's output.
  std::vector<Item> items;
  std::vector<Control> controls;
  std::vector<std::string> overflow;
  std::optional<std::string> focus_request;  // move DOM focus (set by widgets, sent once)
  bool more_frames = false;

  // From the DOM, between frames.
  std::string focused;         // id of the DOM element that has focus ("" = none of ours)
  bool focus_visible = false;  // :focus-visible
  std::unordered_map<std::string, DomInput> inputs;
  std::set<std::string> activated;                        // proxies clicked or pressed
  std::set<std::string> submitted;                        // Enter in a text field
  std::vector<std::pair<std::string, std::string>> keys;  // other keys on our elements
  bool escape = false;
  bool caret_on = true;
  std::string scroll_to;  // bring this control into view when drawn (it got focus)
  bool focus_first_error = false;  // this frame: focus the first field drawn with an error
  Keyboard keyboard;      // a kiosk's on-screen keyboard

  // Layout.
  std::string page;
  std::string page_view;  // what the page shows (the route): another one starts at the top
  ImGuiWindow* page_window = nullptr;
  std::vector<Region> regions;
  std::vector<ColumnsState> columns;  // open begin_columns()
  int row_depth = 0;                  // inside begin_row()
  int row_count = 0;                  // widgets placed in the current row
  std::string form;
  int layer = 0;      // layer of what is being drawn now
  int max_layer = 0;  // highest layer drawn this frame
  int text_counter = 0, heading_counter = 0;
  ImDrawListSplitter splitter;  // cards and the nav bar draw their background after content
  int split_depth = 0;
  ImVec2 card_min;  // top-left of the open card (device px)
  float card_w = 0, card_pad = 0;
  std::string nav;        // open nav id
  bool nav_open = false;  // phone menu expanded
  ImVec2 nav_min;
  float nav_w = 0;

  // Widget states kept across frames.
  std::string open_select;                // the select whose list is open
  std::set<std::string> expanded_navs;    // phone menus that are open
  std::string dialog_drawn, dialog_last;  // dialog drawn this / last frame
  std::string focus_before_dialog;
  std::optional<Table> table;
};

Context& ctx();
inline const Theme& theme() {
  return *ctx().ui.theme;
}
inline const Palette& pal() {
  return ctx().ui.theme->palette;
}
inline float px(float css) {
  return ctx().ui.theme->px(css);
}
// The smallest target a kiosk allows (device px), 0 elsewhere (each widget keeps its own).
inline float min_target_px() {
  return ctx().ui.theme->min_target * ctx().ui.theme->dpr();
}

// Layout: the current region, and a rectangle of `size` placed at the cursor (advances it).
const Region& region();
void push_region(float x, float w);
void pop_region();
ImRect place(ImVec2 size);
bool in_row();
void move_down(float device);  // extra vertical space (device px)

// A kiosk's on-screen keyboard (keyboard.cpp): the field it types into ("" = none, then it is
// not drawn) and its height in device px (the page above it is shorter by that).
const std::string& keyboard_target();
float keyboard_height();

// The frame as JSON for the bridge (items.cpp).
std::string serialise_frame(Context& c);

// Items and controls.
Item& add_item(std::string id, std::string_view role, std::string_view label, const ImRect& rect);
Control& add_control(std::string id, std::string_view role, std::string_view label, const ImRect& rect);
std::string auto_id(const char* kind);  // "<page>.<kind>.<n>"
bool is_focused(const std::string& id);
bool focus_visible(const std::string& id);  // focused and :focus-visible
void request_focus(const std::string& id);
bool take_activation(const std::string& id);
bool take_key(const std::string& id, std::string_view key);

// Interaction on a rectangle with ImGui's button logic. Returns true on click.
bool behavior(const std::string& id, const ImRect& r, bool* hovered, bool* held, bool enabled = true);

// Buttons drawn at a given place (tables, dialogs) as well as by button().
ImVec2 button_size(std::string_view label, ButtonKind kind, bool busy, float avail, bool full);
bool paint_button(const std::string& id, const ImRect& r, std::string_view label, ButtonKind kind, bool disabled,
                  bool busy, int row);

// Drawing.
ImDrawList* dl();
ImU32 mix(ImU32 a, ImU32 b, float t);  // a -> b
ImVec2 text_size(ImFont* font, std::string_view text, float wrap_w = 0);
void draw_text(ImFont* font, ImVec2 pos, ImU32 col, std::string_view text, float wrap_w = 0);
// The lines draw_text() makes of `text`: byte ranges (ink without trailing spaces; `next` where
// the following line starts) and their top, for carets and selections in multi-line fields.
struct TextLine {
  size_t begin = 0, end = 0, next = 0;
  float y = 0;
};
std::vector<TextLine> wrapped_lines(ImFont* font, std::string_view text, float wrap_w);
// Wrapped text with each line underlined (links) and/or centred in wrap_w (buttons).
void draw_text_lines(ImFont* font, ImVec2 pos, ImU32 col, std::string_view text, float wrap_w, bool underline,
                     bool centre);
void focus_ring(const ImRect& r, float rounding_css);
void draw_spinner(ImVec2 centre, float radius, ImU32 col);
void draw_check(const ImRect& box, ImU32 col);
void draw_chevron(ImVec2 centre, float size, ImU32 col, bool up);

// Strings.
int utf16_to_byte(const std::string& s, int utf16_offset);  // clamps to the string
int count_code_points(const std::string& s);

}  // namespace client::widgets::detail
