// The portal's widgets: every field, button, link, checkbox, radio, list, table and message a
// screen draws goes through here. Immediate mode on top of Dear ImGui, in the product's look
// (theme.h), and each widget publishes what it drew to `window.portal.items` (role, label,
// value, state, rect) so tests, the accessibility mirror and the DOM text inputs can follow.
//
// Screens never mutate state: a widget returns what the customer did (a click, a new value) and
// the screen turns it into an Action. Text editing happens in a real, transparent DOM <input>
// placed over the field by the bridge (mobile keyboards, IME, č/š/ž, paste, password managers);
// the field's new value arrives between frames and is returned by text_field() in the next one.
// Fields are controlled: the value a screen passes in the next frame is the truth, and the bridge
// puts it back into the DOM input if it differs (a change the screen did not keep is undone).
//
// Ids are the screen's ("login.email"); parts a widget draws itself get suffixes: radio options
// "<id>.<i>", select options "<id>.option.<i>", table headers "<table>.col.<c>", rows
// "<table>.row.<r>", cells "<table>.row.<r>.<c>", cell buttons "<table>.row.<r>.<id>", dialog
// parts "<id>.text|confirm|cancel", the phone menu button "<nav>.menu", a field's inline error
// "<id>.error" (role alert, after the field). Text without an id
// (headings, paragraphs) is numbered per page: "<page>.heading.<n>", "<page>.text.<n>".
//
// Sizes are CSS px (turned into device px by theme.px()); is_phone() below 600 CSS px stacks
// columns and table rows, collapses navigation, and makes block buttons full width.
//
// Index:
// [SECTION] Frame
// [SECTION] Items (what was drawn)
// [SECTION] Layout
// [SECTION] Text
// [SECTION] Inputs
// [SECTION] Buttons and links
// [SECTION] Messages
// [SECTION] Tables
// [SECTION] Dialogs
// [SECTION] Kiosk keyboard
// [SECTION] Charts
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/widgets/theme.h"
#include "client/widgets/ui.h"

namespace client::widgets {

// [SECTION] Frame
// Called by the app around the screens' drawing (after ImGui::NewFrame, before ImGui::Render).
// begin_frame() also makes `ui` current (set_current). end_frame() returns the frame as JSON
// text for the bridge:
//   {"items": [Item...],            published as window.portal.items (visible ones, clipped)
//    "mirror": [...],               every item, off-screen ones too, with its whole rect: the
//                                   accessibility mirror (the bridge builds the page's DOM from it)
//    "kiosk": {"zoom", "kb"},       (a kiosk) the zoom of its look; the on-screen keyboard's rect
//    "controls": [...],             the DOM elements to keep: a real <input> per textbox and a
//                                   focus proxy per other focusable, in draw (= Tab) order
//    "focus": "id",                 (optional) move DOM focus there
//    "overflow": ["id"...]}         items cut off at the viewport's left or right edge
void begin_frame(const Ui& ui, float css_width, float css_height);
std::string end_frame();
bool wants_more_frames();  // an animation, a scroll into view or a pending DOM sync needs frames
// Added: a submit was refused by the rules: this frame, the first field drawn with an error
// takes the focus (call after begin_frame).
void focus_first_error();
bool is_phone();           // narrow layout (< 600 CSS px): stacked rows, collapsed navigation

// Events from the bridge (between frames), applied in the next frame.
void on_dom_input(const std::string& id, const std::string& value, int sel_start, int sel_end);  // UTF-16 offsets
void on_dom_focus(const std::string& id, bool focused);          // = on_dom_focus(id, focused, true)
void on_dom_key(const std::string& id, const std::string& key);  // "Enter", "Escape", "ArrowUp", "ArrowDown"
void on_dom_activate(const std::string& id);                     // a mirror element was clicked or pressed
// Added for the DOM inputs: `visible` is :focus-visible (keyboard focus draws a ring, a click
// on a button does not; text fields always show theirs).
void on_dom_focus(const std::string& id, bool focused, bool visible);
// The caret or selection moved, or the input scrolled its text (scroll_left in CSS px).
void on_dom_selection(const std::string& id, int sel_start, int sel_end, float scroll_left);
void on_caret_blink();  // the bridge's blink timer (runs only while a text field has focus)

// [SECTION] Items (what was drawn)
struct ItemState {
  bool disabled = false, checked = false, selected = false, expanded = false, focused = false, invalid = false;
  bool busy = false;  // added: a button waiting for its request (aria-busy)
};
struct Item {
  std::string id;     // stable across frames: "login.email", "nav.readings", "readings.row.3.delete"
  std::string role;   // WAI-ARIA: button, link, textbox, checkbox, radio, combobox, option,
                      // heading, table, row, cell, alert, status, dialog, img, list, listitem;
                      // also radiogroup, listbox, switch, columnheader, navigation, banner,
                      // paragraph (text), definition (label_value: label + value), group
                      // (a kiosk's on-screen keyboard)
  std::string label;  // visible label in the current language
  std::string value;  // a textbox's value (a password's is bullets), a cell's text
  ItemState state;
  float x = 0, y = 0, w = 0, h = 0;  // CSS px, viewport-relative, clipped to the viewport
  bool visible = true;               // added: drawn inside the viewport this frame
  float fx = 0, fy = 0, fw = 0, fh = 0;  // added: the whole rect, CSS px (may lie off screen)
  int row = -1;                      // table rows and cells: 0-based row
  int level = 0;                     // headings: 1..3
  // For textboxes, what the bridge needs to place a real <input>:
  std::string input_type;    // "text" | "email" | "password" | "tel" | "numeric"
  std::string autocomplete;  // "username", "current-password", "new-password", "email", "tel", ...
  std::string form;          // id of the <form> it belongs to ("" = none)
};
const std::vector<Item>& items();  // this frame's items so far (off-screen ones too: see Item::visible)

// [SECTION] Layout
// Full viewport, no decorations; the page scrolls. `view` names what it shows (the route's path):
// when it changes, the page starts at the top again, as a new web page would.
void begin_page(const char* id, std::string_view view = {});
void end_page();
void begin_card(const char* id, float max_width_css = 720);  // centred, padded, rounded
void end_card();
void begin_form(const char* id);  // groups fields into one DOM <form> (password managers)
void end_form();
void spacing(float css = 8);
// Two columns on wide screens, one on phones; call next_column() between them.
void begin_columns(const char* id, int count = 2);
void next_column();
void end_columns();
// Added: widgets placed side by side, wrapping to the next line when the width runs out
// (button bars, links). Block buttons keep their natural width inside a row, also on phones.
void begin_row();
void end_row();
// Added: the brand bar at the top of the page (full width); `trailing` is shown at its right
// (the customer's name).
void header_bar(std::string_view brand, std::string_view trailing = {});
// Added: navigation under the header. Wide screens: a bar of nav_link()s; phones: a menu
// button (`menu_label`) that shows the links stacked when opened, closing after a choice.
void begin_nav(const char* id, std::string_view menu_label);
void end_nav();

// [SECTION] Text
void heading(std::string_view text, int level = 1);  // 1: 24 px, 2: 20 px, 3: 16 px semibold
void paragraph(std::string_view text);
void muted(std::string_view text);
void label_value(std::string_view label, std::string_view value);  // "Ulica:  Šmartinska 5"
bool label_link(const char* id, std::string_view label, std::string_view value);  // the value a link
// Added: the value with a small copy button after it (numbers a customer copies: metering point,
// contract); true when the button was pressed. The button's accessible name is `copy_label`.
bool label_copy(const char* id, std::string_view label, std::string_view value, std::string_view copy_label);
// Added: a paragraph of runs (bold, emphasis, links) wrapped to the region, for the supplier's
// content pages. Each link is a link item and control of its own ("<id>.link.<n>"); external
// ones (http, https) carry a small arrow and `external_note` in their accessible name. With a
// `marker` ("•", "3.") it is a list item with a hanging indent. Returns the href of the link
// activated this frame ("" = none).
struct TextRun {
  std::string text;  // "\n" breaks the line
  bool strong = false;
  bool em = false;
  std::string href;  // "" = plain text
};
std::string rich_text(const char* id, const std::vector<TextRun>& runs, std::string_view marker = {},
                      std::string_view external_note = {});

// [SECTION] Inputs
struct FieldOptions {
  std::string_view label;                // shown above the field
  std::string_view hint;                 // muted line under the label ("" = none)
  std::string_view error;                // inline error under the field ("" = none); marks it invalid
  std::string_view input_type = "text";  // text | email | password | tel | numeric
  std::string_view autocomplete;         // autocomplete attribute of the DOM input
  bool required = false;                 // shows * after the label
  bool disabled = false;
  int max_length = 0;   // 0 = none
  float width_css = 0;  // 0 = the available width
  int lines = 1;        // added: more than 1 = a multi-line text (a <textarea>) at least this tall
};
// Returns the new value when the customer changed it since the last frame.
std::optional<std::string> text_field(const char* id, const std::string& value, const FieldOptions& opt);
// True when Enter was pressed in this field (submit the form).
bool field_submitted(const char* id);
// Returns the new state when toggled.
std::optional<bool> checkbox(const char* id, std::string_view label, bool checked, std::string_view error = {});
// Radio group: returns the chosen index when it changed.
std::optional<int> radio_group(const char* id, std::string_view label, const std::vector<std::string>& options,
                               int selected, std::string_view error = {});
// A drop-down list (combobox + options): returns the chosen index when it changed.
std::optional<int> select(const char* id, std::string_view label, const std::vector<std::string>& options, int selected,
                          std::string_view error = {}, bool required = false);
// A switch (on/off) for settings like reminders: returns the new state when toggled.
std::optional<bool> toggle(const char* id, std::string_view label, bool on, bool disabled = false);

// [SECTION] Buttons and links
enum class ButtonKind { primary, secondary, danger, quiet };
bool button(const char* id, std::string_view label, ButtonKind kind = ButtonKind::primary, bool disabled = false,
            bool busy = false);                                       // busy: shows progress, not clickable
bool link(const char* id, std::string_view label);                    // role link
bool nav_link(const char* id, std::string_view label, bool current);  // navigation entry (inside begin_nav)

// [SECTION] Messages
enum class Tone { info, success, warning, error };
void alert(const char* id, Tone tone, std::string_view text);  // role alert (errors, warnings) or status
void spinner(const char* id, std::string_view label);          // loading state, role status (animates)

// [SECTION] Tables
struct Column {
  std::string_view label;
  float weight = 1;  // share of the width on wide screens
  bool sortable = false;
  bool numeric = false;  // right-aligned
};
struct TableSort {
  int column = -1;  // -1 = as given
  bool descending = false;
};
// A table with headers; on phones each row becomes a stacked card (the header labels repeat in
// it, sortable headers become a "sort by" line above). Returns true when a header was clicked:
// `sort` is updated (same column again: the order flips) and the screen re-sorts its rows.
// Draw rows with table_row()/table_cell(); end with end_table().
bool begin_table(const char* id, std::string_view caption, const std::vector<Column>& columns, TableSort& sort);
void table_row(int row);
void table_cell(std::string_view text);
bool table_cell_button(const char* id, std::string_view label, ButtonKind kind = ButtonKind::quiet);
void end_table();

// [SECTION] Dialogs
// A modal confirmation drawn over the page while the screen keeps calling it (its state says
// the dialog is open). Returns 1 = confirmed, 0 = cancelled (button or Escape), -1 = open.
// Focus moves to it (to cancel for danger) and back to where it was when it closes.
int confirm_dialog(const char* id, std::string_view title, std::string_view text, std::string_view confirm_label,
                   std::string_view cancel_label, ButtonKind confirm_kind = ButtonKind::primary);

// [SECTION] Kiosk keyboard
// Added (keyboard.cpp): a kiosk's on-screen keyboard (theme().kiosk), drawn at the bottom of the
// viewport over the page while a text field has focus; the page above it is shortened so the
// field stays in view. Letters in the Slovenian QWERTZ layout (č š ž đ ć, capitals by shift for
// one letter) with a row of digits and @ . - _ for e-mail addresses, or a page of symbols; a
// numeric pad for "numeric" fields (and + and a space for "tel"). It types into the focused
// field as its DOM input would: value and caret reach text_field() in the next frame. Items: the
// keyboard "<id>" (role group), character keys "<id>.key.<n>" labelled with their character
// ("č", "@"), "<id>.shift|symbols|backspace|space|enter" labelled with `labels`.
struct KeyboardPage {
  bool shift = false;    // capitals (for one letter)
  bool symbols = false;  // the page of symbols instead of letters
};
struct KeyboardLabels {
  std::string_view name, shift, symbols, letters, backspace, space, enter, new_line;  // names
};
// Returns the page to show from the next frame when a key changed it.
std::optional<KeyboardPage> screen_keyboard(const char* id, KeyboardPage page, const KeyboardLabels& labels);

// [SECTION] Charts
// Added (chart.cpp): a bar chart drawn in the canvas. One group of bars per category (months),
// one bar per series (registers) in the series' colour, a value axis with round steps, a
// legend, and the values of the group under the pointer (hover or tap). Published as one item,
// role "img", whose label is `description`: the screen writes the numbers in words there.
struct ChartSeries {
  std::string label;                          // legend: "visoka tarifa (VT)"
  std::vector<std::optional<double>> values;  // one per category; nullopt = no data
};
// `categories` label the axis ("nov."), `titles` the pointer's box ("nov. 2026"; empty = the
// categories); `unit` follows the values in that box ("kWh"). The same numbers go to screen
// readers as a table (not drawn) named `table_label`.
void bar_chart(const char* id, std::string_view description, std::string_view table_label,
               const std::vector<std::string>& categories,
               const std::vector<std::string>& titles, const std::vector<ChartSeries>& series, std::string_view unit,
               float height_css = 240);

}  // namespace client::widgets
