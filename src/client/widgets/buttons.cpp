// Buttons (primary in the brand colour, secondary, danger, quiet; hover, pressed, disabled and
// busy states), links and navigation entries.
#include <algorithm>
#include <cmath>

#include "client/widgets/context.h"

namespace client::widgets {

using namespace detail;

namespace {

struct ButtonColours {
  ImU32 bg, text, border;
};

ButtonColours colours(ButtonKind kind, bool hovered, bool held, bool disabled) {
  const Palette& p = pal();
  if (disabled) return {kind == ButtonKind::quiet ? IM_COL32(0, 0, 0, 0) : p.disabled_bg, p.disabled_text, 0};
  switch (kind) {
    case ButtonKind::primary:
      return {held      ? mix(p.primary_hover, IM_COL32(0, 0, 0, 255), 0.2f)
              : hovered ? p.primary_hover
                        : p.primary,
              p.on_primary, 0};
    case ButtonKind::danger:
      return {held      ? mix(p.error, IM_COL32(0, 0, 0, 255), 0.35f)
              : hovered ? mix(p.error, IM_COL32(0, 0, 0, 255), 0.2f)
                        : p.error,
              IM_COL32_WHITE, 0};
    case ButtonKind::secondary:
      return {held      ? p.selection
              : hovered ? p.primary_tint
                        : p.surface,
              hovered ? p.primary_hover : p.primary, hovered ? p.primary_hover : p.primary};
    case ButtonKind::quiet:
      return {held      ? p.selection
              : hovered ? p.primary_tint
                        : IM_COL32(0, 0, 0, 0),
              hovered ? p.primary_hover : p.primary, 0};
  }
  return {p.primary, p.on_primary, 0};
}

}  // namespace

namespace detail {

ImVec2 button_size(std::string_view label, ButtonKind kind, bool busy, float avail, bool full) {
  ImFont* f = theme().fonts.strong;
  const float pad = px(kind == ButtonKind::quiet ? 12 : 20);
  const float spin = busy ? px(16 + 10) : 0.0f;
  const ImVec2 ts = text_size(f, label);
  const float w =
      full ? avail : std::min(avail, std::max(px(kind == ButtonKind::quiet ? 44 : 96), ts.x + 2 * pad + spin));
  const float th = text_size(f, label, std::max(1.0f, w - 2 * pad - spin)).y;
  return ImVec2(std::max(w, min_target_px()), std::max({px(44), th + px(20), min_target_px()}));
}

bool paint_button(const std::string& id, const ImRect& r, std::string_view label, ButtonKind kind, bool disabled,
                  bool busy, int row) {
  ImFont* f = theme().fonts.strong;
  const float pad = px(kind == ButtonKind::quiet ? 12 : 20);
  const float spin = busy ? px(16 + 10) : 0.0f;
  const float w = r.GetWidth();
  const float text_w = std::max(1.0f, w - 2 * pad - spin);
  const ImVec2 ts = text_size(f, label, text_w);
  const bool enabled = !disabled && !busy;
  bool hovered = false, held = false;
  bool clicked = behavior(id, r, &hovered, &held, enabled);
  if (take_activation(id) && enabled) clicked = true;

  const ButtonColours col = colours(kind, hovered, held, disabled);
  ImDrawList* d = dl();
  const float round = px(6);
  if ((col.bg >> IM_COL32_A_SHIFT) != 0)
    d->AddRectFilled(r.Min, r.Max, busy ? mix(col.bg, pal().surface, 0.15f) : col.bg, round);
  if (col.border != 0) d->AddRect(r.Min, r.Max, col.border, round, 0, px(1.5f));
  const float lines_w = std::min(text_w, ts.x);
  const float x0 = r.Min.x + (w - lines_w - spin) * 0.5f;
  if (busy) draw_spinner(ImVec2(x0 + px(8), r.GetCenter().y), px(7), col.text);
  draw_text_lines(f, ImVec2(x0 + spin, r.GetCenter().y - ts.y * 0.5f), col.text, label, lines_w + 1.0f, false, true);
  if (focus_visible(id)) focus_ring(r, 6);

  Item& item = add_item(id, "button", label, r);
  item.state.disabled = disabled;
  item.state.busy = busy;
  item.row = row;
  Control& k = add_control(id, "button", label, r);
  k.state.disabled = disabled;
  k.state.busy = busy;
  return clicked;
}

}  // namespace detail

bool button(const char* id, std::string_view label, ButtonKind kind, bool disabled, bool busy) {
  const bool full = ctx().phone && !in_row() && kind != ButtonKind::quiet;
  const ImRect r = place(button_size(label, kind, busy, region().w, full));
  return paint_button(id, r, label, kind, disabled, busy, -1);
}

bool link(const char* id_c, std::string_view label) {
  const std::string id = id_c;
  ImFont* f = theme().fonts.body;
  const float avail = region().w;
  const ImVec2 ts = text_size(f, label, avail);
  // A taller target than the text alone; in a row as tall as a button, so they line up (and on a
  // kiosk as tall as its fingers need).
  const float tall = std::max(in_row() ? px(44) : 0.0f, min_target_px());
  const float pad_v = std::max(px(6), (tall - ts.y) * 0.5f);
  const ImRect r = place(ImVec2(std::min(avail, ts.x), ts.y + 2 * pad_v));
  bool hovered = false, held = false;
  bool clicked = behavior(id, r, &hovered, &held);
  if (take_activation(id)) clicked = true;
  const ImU32 col = hovered || held ? pal().primary_hover : pal().primary;
  draw_text_lines(f, ImVec2(r.Min.x, r.Min.y + pad_v), col, label, avail, true, false);
  if (focus_visible(id)) focus_ring(r, 4);
  add_item(id, "link", label, r);
  add_control(id, "link", label, r);
  return clicked;
}

bool nav_link(const char* id_c, std::string_view label, bool current) {
  Context& c = ctx();
  const std::string id = id_c;
  if (c.phone && !c.nav_open) return take_activation(id);  // collapsed menu: not drawn
  const Theme& t = theme();
  ImFont* f = current ? t.fonts.strong : t.fonts.body;
  bool clicked = false;
  ImRect r;
  if (c.phone) {
    r = place(ImVec2(region().w, std::max(px(48), min_target_px())));
    move_down(px(4) - ImGui::GetStyle().ItemSpacing.y);  // a list, not blocks
    bool hovered = false, held = false;
    clicked = behavior(id, r, &hovered, &held);
    if (current || hovered || held)
      dl()->AddRectFilled(r.Min, r.Max, held ? pal().selection : pal().primary_tint, px(6));
    if (current) dl()->AddRectFilled(r.Min, ImVec2(r.Min.x + px(4), r.Max.y), pal().primary, px(2));
    dl()->PushClipRect(r.Min, r.Max, true);
    draw_text(f, ImVec2(r.Min.x + px(16), r.GetCenter().y - f->FontSize * 0.5f), current ? pal().primary : pal().text,
              label);
    dl()->PopClipRect();
    if (focus_visible(id)) {
      ImRect in = r;
      in.Expand(-px(3));
      focus_ring(in, 4);
    }
  } else {
    const ImVec2 ts = text_size(f, label);
    r = place(ImVec2(std::min(region().w, ts.x + px(8)), px(52)));
    bool hovered = false, held = false;
    clicked = behavior(id, r, &hovered, &held);
    const ImU32 col = current ? pal().primary : hovered ? pal().primary_hover : pal().text;
    draw_text(f, ImVec2(r.Min.x + px(4), r.GetCenter().y - f->FontSize * 0.5f), col, label);
    if (current)
      dl()->AddRectFilled(ImVec2(r.Min.x, r.Max.y - px(4)), ImVec2(r.Max.x, r.Max.y - px(1)), pal().primary);
    else if (hovered)
      dl()->AddRectFilled(ImVec2(r.Min.x, r.Max.y - px(3)), ImVec2(r.Max.x, r.Max.y - px(1)), pal().border);
    if (focus_visible(id)) {
      ImRect in = r;
      in.Expand(ImVec2(0.0f, -px(8)));
      focus_ring(in, 4);
    }
  }
  if (take_activation(id)) clicked = true;
  if (clicked && c.phone) c.expanded_navs.erase(c.nav);  // the menu closes after a choice
  Item& item = add_item(id, "link", label, r);
  item.state.selected = current;
  Control& k = add_control(id, "link", label, r);
  k.state.selected = current;
  return clicked;
}

}  // namespace client::widgets
