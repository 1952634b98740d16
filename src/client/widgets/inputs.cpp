// Inputs: text fields (edited in a real DOM <input> the bridge keeps over them; the canvas
// draws the value, caret and selection), checkboxes, radio groups, selects and switches.
#include <algorithm>
#include <cmath>

#include "client/widgets/context.h"

namespace client::widgets {

using namespace detail;

namespace {

constexpr float kFieldHeight = 44;  // CSS px: comfortable for thumbs, like the buttons
constexpr float kFieldPad = 12;     // CSS px between the border and the text

std::string bullets(int n) {
  std::string s;
  s.reserve(static_cast<size_t>(n) * 3);
  for (int i = 0; i < n; ++i) s += "\xE2\x80\xA2";  // U+2022 •
  return s;
}

// "Label *": the mark in the error colour when the label fits on one line.
float label_height(std::string_view label, bool required, float w) {
  if (label.empty()) return 0.0f;
  ImFont* f = theme().fonts.label;
  return text_size(f, std::string(label) + (required ? " *" : ""), w).y;
}

void draw_label(const ImRect& r, std::string_view label, bool required, bool disabled) {
  if (label.empty()) return;
  ImFont* f = theme().fonts.label;
  const float w = r.GetWidth();
  const ImU32 col = disabled ? pal().disabled_text : pal().text;
  const std::string with_mark = std::string(label) + (required ? " *" : "");
  const ImVec2 s = text_size(f, with_mark, w);
  if (!required || s.y > f->FontSize * 1.5f) {
    draw_text(f, r.Min, col, with_mark, w);
    return;
  }
  draw_text(f, r.Min, col, label);
  draw_text(f, ImVec2(r.Min.x + text_size(f, label).x, r.Min.y), pal().error, " *");
}

float error_height(std::string_view error, float w) {
  return error.empty() ? 0.0f : px(6) + text_size(theme().fonts.small, error, w).y;
}

// The inline error under a field. It is published too (role alert, "<id>.error"), after the
// field's own item, so the item list (and the accessibility mirror built on it) says it.
void draw_error(float x, float y, float w, std::string_view error) {
  if (error.empty()) return;
  draw_text(theme().fonts.small, ImVec2(x, y + px(6)), pal().error, error, w);
}
void publish_error(const std::string& id, float x, float y, float w, std::string_view error) {
  if (error.empty()) return;
  Context& c = ctx();
  if (c.focus_first_error) {  // a refused submit: the first field in error takes the focus
    c.focus_first_error = false;
    c.scroll_to = id;
    request_focus(id);
  }
  const ImVec2 s = text_size(theme().fonts.small, error, w);
  add_item(id + ".error", "alert", error, ImRect(ImVec2(x, y + px(6)), ImVec2(x + s.x, y + px(6) + s.y)));
}

// A field-like box (text field, select): background, border by state, the focus ring.
void draw_box(const ImRect& box, bool hovered, bool focused, bool invalid, bool disabled) {
  ImDrawList* d = dl();
  const float round = px(6);
  d->AddRectFilled(box.Min, box.Max, disabled ? pal().disabled_bg : pal().surface, round);
  if (invalid) {
    d->AddRect(ImVec2(box.Min.x + px(1), box.Min.y + px(1)), ImVec2(box.Max.x - px(1), box.Max.y - px(1)), pal().error,
               round, 0, px(2));
  } else {
    const ImU32 border = disabled ? pal().border : (hovered ? pal().text : pal().field_border);
    d->AddRect(box.Min, box.Max, border, round, 0, px(1));
  }
  if (focused) focus_ring(box, 6);
}

// The x of a byte offset in the drawn text.
float x_at(ImFont* f, const std::string& s, int byte) {
  return f
      ->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, s.data(), s.data() + std::clamp(byte, 0, static_cast<int>(s.size())))
      .x;
}

}  // namespace

std::optional<std::string> text_field(const char* id_c, const std::string& value, const FieldOptions& opt) {
  Context& c = ctx();
  const Theme& t = theme();
  const std::string id = id_c;
  DomInput& in = c.inputs[id];
  std::optional<std::string> result;
  std::string shown = value;
  if (in.changed) {
    in.changed = false;
    if (in.value != value && !opt.disabled) {
      result = in.value;
      shown = in.value;
    }
  }
  const bool focused = is_focused(id) && !opt.disabled;
  const bool invalid = !opt.error.empty();
  const bool password = opt.input_type == "password";

  // Layout: label, hint, the box, the error.
  const float full_w = region().w;
  const float w = opt.width_css > 0 ? std::min(px(opt.width_css), full_w) : full_w;
  const float lh = label_height(opt.label, opt.required, full_w);
  const float lgap = lh > 0 ? px(6) : 0.0f;
  const float hh = opt.hint.empty() ? 0.0f : text_size(t.fonts.small, opt.hint, full_w).y + px(4);
  // A multi-line field grows with its text (it never scrolls), from `lines` lines up.
  ImFont* f = t.fonts.body;
  const bool multiline = opt.lines > 1;
  const float pitch = std::round(f->FontSize * 1.2f), inner_w = w - 2 * px(1 + kFieldPad);
  std::vector<TextLine> lines;
  if (multiline) lines = wrapped_lines(f, shown, inner_w);
  const float bh = multiline ? 2 * px(1 + kFieldPad * 0.75f) + pitch * static_cast<float>(std::max<size_t>(
                                                                            static_cast<size_t>(opt.lines), lines.size()))
                             : std::max(px(kFieldHeight), min_target_px());
  const float eh = error_height(opt.error, full_w);
  const ImRect r = place(ImVec2(full_w, lh + lgap + hh + bh + eh));
  float y = r.Min.y;

  // The label works like <label for>: a click on it focuses the field.
  if (lh > 0) {
    const ImRect lr(ImVec2(r.Min.x, y),
                    ImVec2(r.Min.x + std::min(full_w, text_size(t.fonts.label, opt.label).x + px(12)), y + lh));
    if (behavior(id + ".label", lr, nullptr, nullptr, !opt.disabled)) request_focus(id);
    draw_label(lr, opt.label, opt.required, opt.disabled);
  }
  y += lh + lgap;
  if (hh > 0) draw_text(t.fonts.small, ImVec2(r.Min.x, y), pal().text_muted, opt.hint, full_w);
  y += hh;
  const ImRect box(ImVec2(r.Min.x, y), ImVec2(r.Min.x + w, y + bh));
  ImGui::ItemAdd(box, ImGui::GetID(id.c_str()));
  const bool hovered = !opt.disabled && ImGui::IsItemHovered();
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
  draw_box(box, hovered, focused, invalid, opt.disabled);

  ImDrawList* d = dl();
  if (multiline) {
    // Wrapped lines; the selection and caret found on them (the DOM <textarea> wraps alike).
    const ImVec2 origin(box.Min.x + px(1 + kFieldPad), box.Min.y + px(1 + kFieldPad * 0.75f));
    if (focused) {
      const int s0 = utf16_to_byte(shown, std::min(in.sel_start, in.sel_end));
      const int e0 = utf16_to_byte(shown, std::max(in.sel_start, in.sel_end));
      auto x_in = [&](const TextLine& l, size_t b) {
        b = std::min(std::max(b, l.begin), l.end);
        return origin.x + x_at(f, shown.substr(l.begin, l.end - l.begin), static_cast<int>(b - l.begin));
      };
      for (size_t i = 0; i < lines.size(); ++i) {
        const TextLine& l = lines[i];
        const size_t stop = i + 1 < lines.size() ? l.next : shown.size() + 1;
        const float ly = origin.y + l.y;
        if (e0 > s0 && static_cast<size_t>(e0) > l.begin && static_cast<size_t>(s0) < stop) {
          const float xs = x_in(l, static_cast<size_t>(s0)), xe = static_cast<size_t>(e0) >= stop
                                                                    ? x_in(l, l.end) + px(4)
                                                                    : x_in(l, static_cast<size_t>(e0));
          d->AddRectFilled(ImVec2(xs, ly), ImVec2(xe, ly + f->FontSize), pal().selection);
        } else if (e0 == s0 && c.caret_on && static_cast<size_t>(s0) >= l.begin &&
                   (static_cast<size_t>(s0) < stop || i + 1 == lines.size())) {
          const float xc = std::floor(x_in(l, static_cast<size_t>(s0)));
          d->AddRectFilled(ImVec2(xc, ly), ImVec2(xc + std::max(1.0f, std::round(px(1.5f))), ly + f->FontSize),
                           pal().text);
        }
      }
    }
    draw_text(f, origin, opt.disabled ? pal().disabled_text : pal().text, shown, inner_w);
    draw_error(r.Min.x, box.Max.y, full_w, opt.error);
  } else {
  // The value, the selection and the caret, scrolled as the DOM input scrolls its text.
  const std::string drawn = password ? bullets(count_code_points(shown)) : shown;
  const float text_x = box.Min.x + px(1 + kFieldPad) - (focused ? px(in.scroll_left) : 0.0f);
  const float text_y = std::floor(box.GetCenter().y - f->FontSize * 0.5f);
  d->PushClipRect(ImVec2(box.Min.x + px(1), box.Min.y + px(1)), ImVec2(box.Max.x - px(1), box.Max.y - px(1)), true);
  if (focused) {
    auto to_byte = [&](int utf16) {
      return password ? std::min(utf16, count_code_points(shown)) * 3 : utf16_to_byte(shown, utf16);
    };
    const int s = to_byte(std::min(in.sel_start, in.sel_end)), e = to_byte(std::max(in.sel_start, in.sel_end));
    const float xs = text_x + x_at(f, drawn, s), xe = text_x + x_at(f, drawn, e);
    if (e > s)
      d->AddRectFilled(ImVec2(xs, text_y), ImVec2(xe, text_y + f->FontSize), pal().selection);
    else if (c.caret_on)
      d->AddRectFilled(ImVec2(std::floor(xs), text_y),
                       ImVec2(std::floor(xs) + std::max(1.0f, std::round(px(1.5f))), text_y + f->FontSize), pal().text);
  }
  draw_text(f, ImVec2(text_x, text_y), opt.disabled ? pal().disabled_text : pal().text, drawn);
  d->PopClipRect();
  draw_error(r.Min.x, box.Max.y, full_w, opt.error);
  }

  Item& item = add_item(id, "textbox", opt.label, box);
  item.value = password ? bullets(count_code_points(shown)) : shown;
  item.state.invalid = invalid;
  item.state.disabled = opt.disabled;
  item.input_type = multiline ? "multiline" : opt.input_type;
  item.autocomplete = opt.autocomplete;
  item.form = c.form;
  Control& k = add_control(id, "textbox", opt.label, box);
  k.input = true;
  k.value = shown;
  k.input_type = multiline ? "multiline" : opt.input_type;
  k.autocomplete = opt.autocomplete;
  k.max_length = opt.max_length;
  k.pad_left = 1 + kFieldPad;
  k.required = opt.required;
  in.input_type = k.input_type;  // a kiosk's keyboard picks its layout by it
  if (in.caret_set) k.sel_start = k.sel_end = in.sel_start;
  k.state.invalid = invalid;
  k.state.disabled = opt.disabled;
  publish_error(id, r.Min.x, box.Max.y, full_w, opt.error);
  return result;
}

std::optional<bool> checkbox(const char* id_c, std::string_view label, bool checked, std::string_view error) {
  const std::string id = id_c;
  ImFont* f = theme().fonts.body;
  const float w = region().w, box = px(20), gap = px(12);
  const float lw = w - box - gap;
  const ImVec2 ls = text_size(f, label, lw);
  const float row_h = std::max({px(28), ls.y + px(4), min_target_px()});
  const ImRect r = place(ImVec2(w, row_h + error_height(error, lw)));
  const ImRect hit(r.Min, ImVec2(r.Min.x + box + gap + ls.x, r.Min.y + row_h));
  bool hovered = false, held = false;
  std::optional<bool> result;
  if (behavior(id, hit, &hovered, &held) || take_activation(id)) result = !checked;
  const bool now = result.value_or(checked);

  const float top = r.Min.y + (row_h - ls.y) * 0.5f;
  const ImRect b(ImVec2(r.Min.x, top + (f->FontSize - box) * 0.5f),
                 ImVec2(r.Min.x + box, top + (f->FontSize + box) * 0.5f));
  ImDrawList* d = dl();
  const bool invalid = !error.empty();
  if (now) {
    d->AddRectFilled(b.Min, b.Max, hovered ? pal().primary_hover : pal().primary, px(4));
    draw_check(b, pal().on_primary);
  } else {
    d->AddRectFilled(b.Min, b.Max, held ? pal().primary_tint : pal().surface, px(4));
    d->AddRect(b.Min, b.Max,
               invalid   ? pal().error
               : hovered ? pal().text
                         : pal().field_border,
               px(4), 0, invalid || hovered ? px(2) : px(1.5f));
  }
  if (focus_visible(id)) focus_ring(b, 4);
  draw_text(f, ImVec2(b.Max.x + gap, top), pal().text, label, lw);
  draw_error(b.Max.x + gap, r.Min.y + row_h - px(6), lw, error);

  Item& item = add_item(id, "checkbox", label, hit);
  item.state.checked = now;
  item.state.invalid = invalid;
  Control& k = add_control(id, "checkbox", label, hit);
  k.state.checked = now;
  k.state.invalid = invalid;
  publish_error(id, b.Max.x + gap, r.Min.y + row_h - px(6), lw, error);
  return result;
}

std::optional<int> radio_group(const char* id_c, std::string_view label, const std::vector<std::string>& options,
                               int selected, std::string_view error) {
  const std::string id = id_c;
  ImFont* f = theme().fonts.body;
  const float w = region().w, dot = px(20), gap = px(12), lw = w - dot - gap, row_gap = px(8);
  const float lh = label_height(label, false, w);
  float rows_h = 0.0f;
  std::vector<float> heights;
  for (const auto& o : options) {
    heights.push_back(std::max({px(28), text_size(f, o, lw).y + px(4), min_target_px()}));
    rows_h += heights.back() + row_gap;
  }
  const float head = lh > 0 ? lh + px(8) : 0.0f;
  const ImRect r = place(ImVec2(w, head + rows_h - row_gap + error_height(error, lw)));
  if (lh > 0) draw_label(ImRect(r.Min, ImVec2(r.Max.x, r.Min.y + lh)), label, false, false);
  add_item(id, "radiogroup", label, r).state.invalid = !error.empty();

  std::optional<int> result;
  const int n = static_cast<int>(options.size());
  float y = r.Min.y + head;
  for (int i = 0; i < n; ++i) {
    const std::string oid = id + "." + std::to_string(i);
    const ImVec2 ls = text_size(f, options[static_cast<size_t>(i)], lw);
    const ImRect hit(ImVec2(r.Min.x, y), ImVec2(r.Min.x + dot + gap + ls.x, y + heights[static_cast<size_t>(i)]));
    bool hovered = false, held = false;
    if (behavior(oid, hit, &hovered, &held) || take_activation(oid)) result = i;
    // Arrow keys move the choice, as in a native radio group.
    if (take_key(oid, "ArrowDown") || take_key(oid, "ArrowRight")) result = (i + 1) % n;
    if (take_key(oid, "ArrowUp") || take_key(oid, "ArrowLeft")) result = (i + n - 1) % n;
    if (result && *result != i && is_focused(oid)) request_focus(id + "." + std::to_string(*result));
    y += heights[static_cast<size_t>(i)] + row_gap;

    const float top = hit.Min.y + (hit.GetHeight() - ls.y) * 0.5f;
    const ImVec2 centre(hit.Min.x + dot * 0.5f, top + f->FontSize * 0.5f);
    const bool on = result.value_or(selected) == i;
    ImDrawList* d = dl();
    d->AddCircleFilled(centre, dot * 0.5f, held ? pal().primary_tint : pal().surface, 24);
    if (on) {
      d->AddCircle(centre, dot * 0.5f - px(1), hovered ? pal().primary_hover : pal().primary, 24, px(2));
      d->AddCircleFilled(centre, dot * 0.25f, hovered ? pal().primary_hover : pal().primary, 16);
    } else {
      d->AddCircle(centre, dot * 0.5f - px(0.75f),
                   !error.empty() ? pal().error
                   : hovered      ? pal().text
                                  : pal().field_border,
                   24, hovered ? px(2) : px(1.5f));
    }
    if (focus_visible(oid)) {
      const ImRect b(ImVec2(centre.x - dot * 0.5f, centre.y - dot * 0.5f),
                     ImVec2(centre.x + dot * 0.5f, centre.y + dot * 0.5f));
      focus_ring(b, 10);
    }
    draw_text(f, ImVec2(hit.Min.x + dot + gap, top), pal().text, options[static_cast<size_t>(i)], lw);
    Item& item = add_item(oid, "radio", options[static_cast<size_t>(i)], hit);
    item.state.checked = on;
    Control& k = add_control(oid, "radio", options[static_cast<size_t>(i)], hit);
    k.state.checked = on;
  }
  draw_error(r.Min.x + dot + gap, y - row_gap - px(6), lw, error);
  publish_error(id, r.Min.x + dot + gap, y - row_gap - px(6), lw, error);
  if (result && *result == selected) result.reset();
  return result;
}

std::optional<int> select(const char* id_c, std::string_view label, const std::vector<std::string>& options,
                          int selected, std::string_view error, bool required) {
  Context& c = ctx();
  const Theme& t = theme();
  const std::string id = id_c;
  const int n = static_cast<int>(options.size());
  const float w = region().w;
  const float lh = label_height(label, required, w);
  const float lgap = lh > 0 ? px(6) : 0.0f;
  const float bh = std::max(px(kFieldHeight), min_target_px());
  const ImRect r = place(ImVec2(w, lh + lgap + bh + error_height(error, w)));
  if (lh > 0) draw_label(ImRect(r.Min, ImVec2(r.Max.x, r.Min.y + lh)), label, required, false);
  const ImRect box(ImVec2(r.Min.x, r.Min.y + lh + lgap), ImVec2(r.Max.x, r.Min.y + lh + lgap + bh));

  std::optional<int> result;
  bool open = c.open_select == id;
  bool hovered = false, held = false;
  const bool clicked = behavior(id, box, &hovered, &held);
  const bool activated = take_activation(id);
  if (clicked || activated) {
    open = !open;
    if (open && activated && n > 0) request_focus(id + ".option." + std::to_string(std::clamp(selected, 0, n - 1)));
  }
  if (!open && n > 0) {  // closed: arrows change the choice, like a native select
    if (take_key(id, "ArrowDown")) result = std::min(selected + 1, n - 1);
    if (take_key(id, "ArrowUp")) result = std::max(selected - 1, 0);
  }
  // Focus moved away (Tab) or Escape: the list closes.
  if (open && !c.focused.empty() && c.focused != id && c.focused.rfind(id + ".option.", 0) != 0) open = false;
  if (open && c.escape) {
    open = false;
    request_focus(id);
  }

  const int shown = result.value_or(selected);
  const bool invalid = !error.empty();
  draw_box(box, hovered, focus_visible(id), invalid, false);
  ImFont* f = t.fonts.body;
  const float chevron_w = px(32);
  if (shown >= 0 && shown < n) {
    dl()->PushClipRect(box.Min, ImVec2(box.Max.x - chevron_w, box.Max.y), true);
    draw_text(f, ImVec2(box.Min.x + px(1 + kFieldPad), box.GetCenter().y - f->FontSize * 0.5f), pal().text,
              options[static_cast<size_t>(shown)]);
    dl()->PopClipRect();
  }
  draw_chevron(ImVec2(box.Max.x - px(20), box.GetCenter().y), px(12), pal().text, open);
  draw_error(r.Min.x, box.Max.y, w, error);
  Item& item = add_item(id, "combobox", label, box);
  item.value = shown >= 0 && shown < n ? options[static_cast<size_t>(shown)] : "";
  item.state.expanded = open;
  item.state.invalid = invalid;
  Control& k = add_control(id, "combobox", label, box);
  k.expandable = true;
  k.state.expanded = open;
  k.state.invalid = invalid;
  publish_error(id, r.Min.x, box.Max.y, w, error);

  if (open && n > 0) {
    // The list: its own window above everything, below the field (or above it when the
    // screen has no room below).
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float row_h = std::max(px(44), min_target_px()), pad = px(4);
    const float h = std::min(row_h * static_cast<float>(n) + 2 * pad, px(320));
    float y = box.Max.y + px(4);
    if (y + h > display.y - px(8) && box.Min.y - px(4) - h >= 0.0f) y = box.Min.y - px(4) - h;
    const bool first = c.open_select != id;
    ImGui::SetNextWindowPos(ImVec2(box.Min.x, y));
    ImGui::SetNextWindowSize(ImVec2(box.GetWidth(), h));
    if (first) ImGui::SetNextWindowFocus();  // to the front once; every frame would cancel presses elsewhere
    if (first) ImGui::SetNextWindowScroll(ImVec2(0.0f, std::max(0.0f, row_h * static_cast<float>(shown) - h * 0.5f)));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.0f, pad));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, px(8));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, px(1));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0.0f, 0.0f));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, pal().surface);
    ImGui::PushStyleColor(ImGuiCol_Border, pal().field_border);
    const std::string win = "##list." + id;
    ImGui::Begin(win.c_str(), nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoNav);
    const int saved_layer = c.layer;
    c.layer = 1;
    c.max_layer = std::max(c.max_layer, 1);
    const std::string saved_form = c.form;
    c.form.clear();
    ImGuiWindow* lw = ImGui::GetCurrentWindow();
    push_region(lw->WorkRect.Min.x, lw->WorkRect.GetWidth());
    const bool list_hovered = ImGui::IsWindowHovered();
    add_item(id + ".list", "listbox", label, lw->Rect());
    for (int i = 0; i < n; ++i) {
      const std::string oid = id + ".option." + std::to_string(i);
      const ImRect o = place(ImVec2(region().w, row_h));
      bool oh = false, od = false;
      if (behavior(oid, o, &oh, &od) || take_activation(oid)) {
        result = i;
        open = false;
        request_focus(id);
      }
      if (take_key(oid, "ArrowDown") && i + 1 < n) request_focus(id + ".option." + std::to_string(i + 1));
      if (take_key(oid, "ArrowUp") && i > 0) request_focus(id + ".option." + std::to_string(i - 1));
      const bool sel = i == selected;
      if (oh || od || sel) dl()->AddRectFilled(o.Min, o.Max, od ? pal().selection : pal().primary_tint);
      ImFont* of = sel ? t.fonts.strong : f;
      dl()->PushClipRect(o.Min, ImVec2(o.Max.x - px(36), o.Max.y), true);
      draw_text(of, ImVec2(o.Min.x + px(1 + kFieldPad), o.GetCenter().y - of->FontSize * 0.5f), pal().text,
                options[static_cast<size_t>(i)]);
      dl()->PopClipRect();
      if (sel) {
        const float s = px(16);
        draw_check(ImRect(ImVec2(o.Max.x - px(28), o.GetCenter().y - s * 0.5f),
                          ImVec2(o.Max.x - px(28) + s, o.GetCenter().y + s * 0.5f)),
                   pal().primary);
      }
      if (focus_visible(oid)) {
        ImRect in = o;
        in.Expand(-px(4));
        focus_ring(in, 4);
      }
      Item& oi = add_item(oid, "option", options[static_cast<size_t>(i)], o);
      oi.state.selected = sel;
      Control& ok = add_control(oid, "option", options[static_cast<size_t>(i)], o);
      ok.state.selected = sel;
    }
    // A click anywhere else closes the list (the field's own click toggled it above).
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !list_hovered && !hovered && !clicked) open = false;
    pop_region();
    c.form = saved_form;
    c.layer = saved_layer;
    ImGui::End();
    ImGui::PopStyleColor(2);
    ImGui::PopStyleVar(4);
  }
  if (open)
    c.open_select = id;
  else if (c.open_select == id)
    c.open_select.clear();
  if (result && *result == selected) result.reset();
  return result;
}

std::optional<bool> toggle(const char* id_c, std::string_view label, bool on, bool disabled) {
  const std::string id = id_c;
  ImFont* f = theme().fonts.body;
  const float w = region().w, tw = px(44), th = px(24), gap = px(16);
  const float lw = w - tw - gap;
  const ImVec2 ls = text_size(f, label, lw);
  const float h = std::max({px(32), ls.y + px(4), min_target_px()});
  const ImRect r = place(ImVec2(w, h));
  bool hovered = false, held = false;
  std::optional<bool> result;
  if ((behavior(id, r, &hovered, &held, !disabled) || (!disabled && take_activation(id)))) result = !on;
  const bool now = result.value_or(on);

  draw_text(f, ImVec2(r.Min.x, r.Min.y + (h - ls.y) * 0.5f), disabled ? pal().disabled_text : pal().text, label, lw);
  const ImRect track(ImVec2(r.Max.x - tw, r.GetCenter().y - th * 0.5f), ImVec2(r.Max.x, r.GetCenter().y + th * 0.5f));
  ImDrawList* d = dl();
  ImU32 fill =
      now ? (hovered ? pal().primary_hover : pal().primary) : (hovered ? pal().text_muted : pal().field_border);
  if (disabled) fill = now ? mix(pal().primary, pal().surface, 0.55f) : pal().disabled_bg;
  d->AddRectFilled(track.Min, track.Max, fill, th * 0.5f);
  if (disabled) d->AddRect(track.Min, track.Max, pal().border, th * 0.5f, 0, px(1));
  const float knob = th * 0.5f - px(3);
  const float kx = now ? track.Max.x - th * 0.5f : track.Min.x + th * 0.5f;
  d->AddCircleFilled(ImVec2(kx, track.GetCenter().y), knob, disabled ? pal().surface : pal().on_primary, 20);
  if (focus_visible(id)) focus_ring(track, 12);

  Item& item = add_item(id, "switch", label, r);
  item.state.checked = now;
  item.state.disabled = disabled;
  Control& k = add_control(id, "switch", label, r);
  k.state.checked = now;
  k.state.disabled = disabled;
  return result;
}

}  // namespace client::widgets
