// Text: headings, paragraphs, muted notes and label/value lines, wrapped to the region.
#include "client/widgets/context.h"

namespace client::widgets {

using namespace detail;

void heading(std::string_view text, int level) {
  const Theme& t = theme();
  level = level < 1 ? 1 : level > 3 ? 3 : level;
  ImFont* f = level == 1 ? t.fonts.heading : level == 2 ? t.fonts.title : t.fonts.strong;
  if (level > 1) move_down(px(4));  // a little more air above section titles
  const float w = region().w;
  const ImRect r = place(ImVec2(w, text_size(f, text, w).y));
  draw_text(f, r.Min, pal().text, text, w);
  Item& item =
      add_item(auto_id("heading"), "heading", text, ImRect(r.Min, ImVec2(r.Min.x + text_size(f, text, w).x, r.Max.y)));
  item.level = level;
}

namespace {
void wrapped(ImFont* f, ImU32 col, std::string_view text) {
  const float w = region().w;
  const ImVec2 s = text_size(f, text, w);
  const ImRect r = place(ImVec2(w, s.y));
  draw_text(f, r.Min, col, text, w);
  add_item(auto_id("text"), "paragraph", text, ImRect(r.Min, ImVec2(r.Min.x + s.x, r.Max.y)));
}
}  // namespace

void paragraph(std::string_view text) {
  wrapped(theme().fonts.body, pal().text, text);
}

void muted(std::string_view text) {
  wrapped(theme().fonts.small, pal().text_muted, text);
}

// Wide: the label in a left column (a third of the width), the value beside it. Phones: the
// label above the value. With a link id, the value is a link (an e-mail address or a phone
// number to tap) and this returns true when it was activated.
namespace {
bool label_and_value(const char* link_id, std::string_view label, std::string_view value) {
  const Theme& t = theme();
  const float w = region().w;
  ImFont* lf = t.fonts.label;
  ImFont* vf = t.fonts.body;
  const bool phone = ctx().phone;
  const float lw = phone ? w : std::floor(w / 3.0f), gap = phone ? px(2) : px(16), vw = phone ? w : w - lw - gap;
  const ImVec2 ls = text_size(lf, label, lw), vs = text_size(vf, value, vw);
  const float lift = phone ? 0.0f : (vf->FontSize - lf->FontSize) * 0.5f;  // the label's baseline near the value's
  const ImRect r = place(phone ? ImVec2(w, ls.y + gap + vs.y) : ImVec2(w, std::max(ls.y + lift, vs.y)));
  const ImVec2 at = phone ? ImVec2(r.Min.x, r.Min.y + ls.y + gap) : ImVec2(r.Min.x + lw + gap, r.Min.y);
  draw_text(lf, ImVec2(r.Min.x, r.Min.y + lift), pal().text_muted, label, lw);
  if (!link_id) {
    draw_text(vf, at, pal().text, value, vw);
    Item& item = add_item(auto_id("text"), "definition", label, r);
    item.value = value;
    return false;
  }
  // The link's target is the value's text, a little taller so a finger finds it.
  const std::string id = link_id;
  const float pad_v = px(4);
  const ImRect target(ImVec2(at.x, at.y - pad_v), ImVec2(at.x + vs.x, at.y + vs.y + pad_v));
  bool hovered = false, held = false;
  bool clicked = behavior(id, target, &hovered, &held);
  if (take_activation(id)) clicked = true;
  draw_text_lines(vf, at, hovered || held ? pal().primary_hover : pal().primary, value, vw, true, false);
  if (focus_visible(id)) focus_ring(target, 4);
  Item& item = add_item(auto_id("text"), "definition", label, r);
  item.value = value;
  add_item(id, "link", value, target);
  add_control(id, "link", value, target);
  return clicked;
}
}  // namespace

void label_value(std::string_view label, std::string_view value) {
  label_and_value(nullptr, label, value);
}

bool label_link(const char* id, std::string_view label, std::string_view value) {
  return label_and_value(id, label, value);
}

}  // namespace client::widgets
