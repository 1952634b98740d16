// The kiosk's on-screen keyboard (state/kiosk.h): a kiosk has no keyboard of its own and the
// device's is kept shut (the bridge sets inputmode=none), so the app draws one while a text
// field has focus. It types the way the DOM input would: the field's value and caret change and
// arrive at the field in the next frame (DomInput), so screens see an ordinary edit.
#include <algorithm>
#include <array>
#include <cmath>

#include "client/widgets/context.h"

namespace client::widgets {

using namespace detail;

namespace {

enum class KeyKind { character, shift, symbols, backspace, space, enter };

struct Key {
  std::string text;  // what it types (characters)
  float units = 1;   // width in key widths
  KeyKind kind = KeyKind::character;
};
using Row = std::vector<Key>;

constexpr float kKeyHeight = 52;  // CSS px (x the kiosk's zoom: 65 px on the screen)
constexpr float kKeyGap = 6;
constexpr float kPad = 10;
constexpr float kLettersWidth = 1100;  // at most, centred on wide screens
constexpr float kPadWidth = 420;       // the numeric pad

// Slovenian QWERTZ (as on the customer's own keyboard) with a row of digits, and what e-mail
// addresses need beside letters: @ . - _
using Keys12 = std::array<const char*, 12>;
using Keys11 = std::array<const char*, 11>;
using Keys3 = std::array<const char*, 3>;
constexpr std::array<const char*, 10> kDigits = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"};
constexpr Keys12 kLetters1 = {"q", "w", "e", "r", "t", "z", "u", "i", "o", "p", "š", "đ"};
constexpr Keys12 kLetters2 = {"a", "s", "d", "f", "g", "h", "j", "k", "l", "č", "ć", "ž"};
constexpr Keys11 kLetters3 = {"y", "x", "c", "v", "b", "n", "m", ",", ".", "-", "_"};
// The page of symbols (passwords, addresses with an unusual character).
constexpr Keys12 kSymbols1 = {"!", "?", "#", "$", "%", "&", "*", "+", "=", "/", "(", ")"};
constexpr Keys12 kSymbols2 = {":", ";", "'", "\"", "<", ">", "[", "]", "{", "}", "~", "^"};
constexpr Keys11 kSymbols3 = {"|", "\\", "€", "§", "°", "`", ",", ".", "-", "_", "@"};

// Capitals of the letters on the keyboard (ASCII and the five of Slovenian and Croatian).
std::string capital(const std::string& s) {
  static const std::array<std::pair<const char*, const char*>, 5> kWide = {
      {{"č", "Č"}, {"š", "Š"}, {"ž", "Ž"}, {"đ", "Đ"}, {"ć", "Ć"}}};
  for (const auto& [lower, upper] : kWide)
    if (s == lower) return upper;
  if (s.size() == 1 && s[0] >= 'a' && s[0] <= 'z') return std::string(1, static_cast<char>(s[0] - 'a' + 'A'));
  return s;
}

template <size_t N>
Row row_of(const std::array<const char*, N>& keys, bool shift) {
  Row r;
  for (const char* k : keys) r.push_back({shift ? capital(k) : k});
  return r;
}

// The layout for a field: numbers get a pad; everything else letters or symbols.
std::vector<Row> layout_for(std::string_view input_type, KeyboardPage page) {
  if (input_type == "numeric" || input_type == "tel") {
    std::vector<Row> rows = {row_of(Keys3{"1", "2", "3"}, false), row_of(Keys3{"4", "5", "6"}, false),
                             row_of(Keys3{"7", "8", "9"}, false)};
    if (input_type == "tel")
      rows.push_back({{"+"}, {"0"}, {" ", 1, KeyKind::space}, {"", 1, KeyKind::backspace}});
    else
      rows.push_back({{"", 1, KeyKind::backspace}, {"0"}, {"", 1, KeyKind::enter}});
    if (input_type == "tel") rows.push_back({{"", 4, KeyKind::enter}});
    return rows;
  }
  std::vector<Row> rows;
  Row digits = row_of(kDigits, false);
  digits.push_back({"", 2, KeyKind::backspace});
  rows.push_back(digits);
  if (page.symbols) {
    rows.push_back(row_of(kSymbols1, false));
    rows.push_back(row_of(kSymbols2, false));
    Row r3 = row_of(kSymbols3, false);
    r3.insert(r3.begin(), Key{"", 1, KeyKind::shift});
    rows.push_back(r3);
  } else {
    rows.push_back(row_of(kLetters1, page.shift));
    rows.push_back(row_of(kLetters2, page.shift));
    Row r3 = row_of(kLetters3, page.shift);
    r3.insert(r3.begin(), Key{"", 1, KeyKind::shift});
    rows.push_back(r3);
  }
  rows.push_back({{"", 2, KeyKind::symbols}, {"@"}, {" ", 6, KeyKind::space}, {"", 3, KeyKind::enter}});
  return rows;
}

bool is_pad(std::string_view input_type) {
  return input_type == "numeric" || input_type == "tel";
}

int utf16_length(const std::string& s) {
  int n = 0;
  for (unsigned char b : s)
    if ((b & 0xC0) != 0x80) n += b >= 0xF0 ? 2 : 1;
  return n;
}

// The field's text with `typed` put in place of the selection ("" with backspace: the selection
// or the character before the caret goes). false if nothing changes or the field is full.
bool edit(const std::string& value, int sel_start, int sel_end, const std::string& typed, bool backspace,
          int max_length, std::string& out, int& caret) {
  const int len = utf16_length(value);
  int s = std::clamp(std::min(sel_start, sel_end), 0, len), e = std::clamp(std::max(sel_start, sel_end), 0, len);
  int b0 = utf16_to_byte(value, s), b1 = utf16_to_byte(value, e);
  if (backspace && s == e) {
    if (b0 == 0) return false;
    b0 = b1 - 1;
    while (b0 > 0 && (static_cast<unsigned char>(value[static_cast<size_t>(b0)]) & 0xC0) == 0x80) --b0;
    s -= b1 - b0 == 4 ? 2 : 1;
  }
  out = value.substr(0, static_cast<size_t>(b0)) + typed + value.substr(static_cast<size_t>(b1));
  if (max_length > 0 && utf16_length(out) > max_length && utf16_length(out) > len) return false;
  caret = s + utf16_length(typed);
  return out != value || caret != sel_start;
}

}  // namespace

namespace detail {

// The field the keyboard types into: the focused text field of a kiosk (or the one before focus
// went to a key's mirror button), "" when none.
const std::string& keyboard_target() {
  Context& c = ctx();
  Keyboard& k = c.keyboard;
  if (!theme().kiosk) {
    k.target.clear();
  } else if (!c.focused.empty() && c.inputs.count(c.focused)) {
    k.target = c.focused;
  } else if (c.focused.empty() || c.focused.rfind(k.id + ".", 0) != 0 || !c.inputs.count(k.target)) {
    k.target.clear();
  }
  return k.target;
}

float keyboard_height() {
  const std::string& target = keyboard_target();
  if (target.empty()) return 0.0f;
  const size_t rows = layout_for(ctx().inputs[target].input_type, {}).size();
  const float n = static_cast<float>(rows);
  return px(2 * kPad + n * kKeyHeight + (n - 1) * kKeyGap);
}

}  // namespace detail

std::optional<KeyboardPage> screen_keyboard(const char* id_c, KeyboardPage page, const KeyboardLabels& labels) {
  Context& c = ctx();
  c.keyboard.id = id_c;
  const std::string target = keyboard_target();
  if (target.empty()) return std::nullopt;
  const std::string id = id_c;
  const std::string type = c.inputs[target].input_type;
  const std::vector<Row> rows = layout_for(type, page);
  // The field as drawn this frame (the screen's value is the truth, not the DOM's last report).
  const auto field =
      std::find_if(c.controls.begin(), c.controls.end(), [&](const Control& k) { return k.input && k.id == target; });
  if (field == c.controls.end()) return std::nullopt;

  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float height = keyboard_height();
  const ImRect area(ImVec2(0.0f, display.y - height), display);
  c.keyboard.rect = area;
  ImGui::SetNextWindowPos(area.Min);
  ImGui::SetNextWindowSize(area.GetSize());
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.0f, 0.0f));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, pal().background);
  ImGui::Begin(("##" + id).c_str(), nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoFocusOnAppearing);
  ImDrawList* d = dl();
  d->AddRectFilled(area.Min, ImVec2(area.Max.x, area.Min.y + px(1)), pal().field_border);
  add_item(id, "group", labels.name, area);

  const float width = std::min(display.x, px(is_pad(type) ? kPadWidth : kLettersWidth));
  const float inner = width - 2 * px(kPad), gap = px(kKeyGap), key_h = px(kKeyHeight);
  float units_max = 0;
  for (const Row& r : rows) {
    float u = 0;
    for (const Key& k : r) u += k.units;
    units_max = std::max(units_max, u);
  }
  const float unit = (inner - (units_max - 1) * gap) / units_max;
  std::optional<KeyboardPage> result;
  std::string typed;
  bool backspace = false, enter = false;
  int n = 0;
  float y = area.Min.y + px(kPad);
  for (const Row& r : rows) {
    float units = 0;
    for (const Key& k : r) units += k.units;
    const float row_w = units * unit + (units - 1) * gap;
    float x = std::floor((display.x - row_w) * 0.5f);
    for (const Key& k : r) {
      const float w = k.units * unit + (k.units - 1) * gap;
      const ImRect kr(ImVec2(x, y), ImVec2(x + w, y + key_h));
      x += w + gap;
      std::string kid, label, caption;
      switch (k.kind) {
        case KeyKind::character:
          kid = id + ".key." + std::to_string(n++);
          label = caption = k.text;
          break;
        case KeyKind::shift:
          kid = id + ".shift", label = std::string(labels.shift), caption = "\xE2\x86\x91";  // ↑
          break;
        case KeyKind::symbols:
          kid = id + ".symbols";
          label = caption = std::string(page.symbols ? labels.letters : labels.symbols);
          break;
        case KeyKind::backspace:
          kid = id + ".backspace", label = std::string(labels.backspace), caption = "\xE2\x86\x90";  // ←
          break;
        case KeyKind::space:
          kid = id + ".space", label = caption = std::string(labels.space);
          break;
        case KeyKind::enter:
          kid = id + ".enter", label = caption = std::string(type == "multiline" ? labels.new_line : labels.enter);
          break;
      }
      const bool on = (k.kind == KeyKind::shift && page.shift && !page.symbols);
      const bool disabled = k.kind == KeyKind::shift && page.symbols;
      bool hovered = false, held = false;
      bool pressed = behavior(kid, kr, &hovered, &held, !disabled);
      if (take_activation(kid) && !disabled) pressed = true;
      const bool special = k.kind != KeyKind::character;
      const ImU32 bg = held       ? pal().selection
                       : on       ? pal().primary
                       : disabled ? pal().disabled_bg
                       : special  ? pal().primary_tint
                       : hovered  ? pal().primary_tint
                                  : pal().surface;
      d->AddRectFilled(kr.Min, kr.Max, bg, px(6));
      d->AddRect(kr.Min, kr.Max, pal().field_border, px(6), 0, px(1));
      ImFont* f = special && caption.size() > 3 ? theme().fonts.strong : theme().fonts.title;
      const ImVec2 ts = text_size(f, caption);
      draw_text(f, ImVec2(std::floor(kr.GetCenter().x - ts.x * 0.5f), std::floor(kr.GetCenter().y - ts.y * 0.5f)),
                on         ? pal().on_primary
                : disabled ? pal().disabled_text
                           : pal().text,
                caption);
      if (focus_visible(kid)) focus_ring(kr, 6);
      Item& item = add_item(kid, "button", label, kr);
      item.state.disabled = disabled;
      item.state.checked = on;
      Control& ctl = add_control(kid, "button", label, kr);
      ctl.state.disabled = disabled;
      if (!pressed) continue;
      switch (k.kind) {
        case KeyKind::character:
          typed = k.text;
          if (page.shift) result = KeyboardPage{false, page.symbols};  // a capital, then small letters
          break;
        case KeyKind::space:
          typed = " ";
          break;
        case KeyKind::shift:
          result = KeyboardPage{!page.shift, false};
          break;
        case KeyKind::symbols:
          result = KeyboardPage{false, !page.symbols};
          break;
        case KeyKind::backspace:
          backspace = true;
          break;
        case KeyKind::enter:
          if (type == "multiline")
            typed = "\n";
          else
            enter = true;
          break;
      }
    }
    y += key_h + gap;
  }
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();

  // The field keeps its focus (a key's mirror button may have taken it); the edit reaches it in
  // the next frame, as the DOM input's would.
  if (!typed.empty() || backspace || enter || result) {
    request_focus(target);
    c.more_frames = true;
  }
  const DomInput& in = c.inputs[target];
  std::string value;
  int caret = 0;
  if ((!typed.empty() || backspace) &&
      edit(field->value, in.sel_start, in.sel_end, typed, backspace, field->max_length, value, caret))
    c.keyboard.pending = Keyboard::Edit{target, value, caret};
  if (enter) c.keyboard.enter = target;
  return result;
}

}  // namespace client::widgets
