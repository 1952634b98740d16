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
// label above the value.
void label_value(std::string_view label, std::string_view value) {
  const Theme& t = theme();
  const float w = region().w;
  ImFont* lf = t.fonts.label;
  ImFont* vf = t.fonts.body;
  if (ctx().phone) {
    const ImVec2 ls = text_size(lf, label, w), vs = text_size(vf, value, w);
    const float gap = px(2);
    const ImRect r = place(ImVec2(w, ls.y + gap + vs.y));
    draw_text(lf, r.Min, pal().text_muted, label, w);
    draw_text(vf, ImVec2(r.Min.x, r.Min.y + ls.y + gap), pal().text, value, w);
    Item& item = add_item(auto_id("text"), "definition", label, r);
    item.value = value;
    return;
  }
  const float lw = std::floor(w / 3.0f), gap = px(16), vw = w - lw - gap;
  const ImVec2 ls = text_size(lf, label, lw), vs = text_size(vf, value, vw);
  const float lift = (vf->FontSize - lf->FontSize) * 0.5f;  // the label's baseline near the value's
  const ImRect r = place(ImVec2(w, std::max(ls.y + lift, vs.y)));
  draw_text(lf, ImVec2(r.Min.x, r.Min.y + lift), pal().text_muted, label, lw);
  draw_text(vf, ImVec2(r.Min.x + lw + gap, r.Min.y), pal().text, value, vw);
  Item& item = add_item(auto_id("text"), "definition", label, r);
  item.value = value;
}

}  // namespace client::widgets
