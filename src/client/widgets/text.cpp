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
bool label_and_value(const char* link_id, std::string_view label, std::string_view value,
                     std::string_view copy_label = {}) {
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
  if (!copy_label.empty()) {
    // The value as text, then "Kopiraj" as a small quiet button after it.
    draw_text(vf, at, pal().text, value, vw);
    Item& item = add_item(auto_id("text"), "definition", label, r);
    item.value = value;
    const std::string id = link_id;
    ImFont* sf = t.fonts.small;
    const std::string_view word = T("shell.copy");
    const ImVec2 ws = text_size(sf, word);
    const float x = std::min(at.x + vs.x + px(12), r.Max.x - ws.x - px(8));
    const ImRect target(ImVec2(x - px(6), at.y - px(6)), ImVec2(x + ws.x + px(6), at.y + vs.y + px(6)));
    bool hovered = false, held = false;
    bool clicked = behavior(id, target, &hovered, &held);
    if (take_activation(id)) clicked = true;
    draw_text_lines(sf, ImVec2(x, at.y + (vf->FontSize - sf->FontSize) * 0.5f),
                    hovered || held ? pal().primary_hover : pal().primary, word, 0, true, false);
    if (focus_visible(id)) focus_ring(target, 4);
    add_item(id, "button", copy_label, target);
    add_control(id, "button", copy_label, target);
    return clicked;
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

bool label_copy(const char* id, std::string_view label, std::string_view value, std::string_view copy_label) {
  return label_and_value(id, label, value, copy_label);
}

// [SECTION] Rich text
namespace {

bool is_external(const std::string& href) { return href.rfind("http://", 0) == 0 || href.rfind("https://", 0) == 0; }

// One word (with the spaces after it) of a run, placed on a line.
struct Piece {
  std::string_view text;
  size_t run = 0;
  ImVec2 at;
  float w = 0;       // the ink, without the spaces after it
  float w_full = 0;  // with them (a link's underline runs on under the space to its next word)
  bool last = false;  // the run's last word
};

}  // namespace

std::string rich_text(const char* id_c, const std::vector<TextRun>& runs, std::string_view marker,
                      std::string_view external_note) {
  const Theme& t = theme();
  const std::string id = id_c;
  const float full_w = region().w;
  const float indent = marker.empty() ? 0.0f : px(24);
  const float w = full_w - indent;
  const float pitch = std::round(t.fonts.body->FontSize * 1.2f);
  auto font_of = [&](const TextRun& r) { return r.strong ? t.fonts.strong : t.fonts.body; };
  const float arrow = px(12);  // the external mark after a link

  // Lay the words out: a word that does not fit starts the next line.
  std::vector<Piece> pieces;
  float x = 0, y = 0;
  for (size_t ri = 0; ri < runs.size(); ++ri) {
    const TextRun& r = runs[ri];
    ImFont* f = font_of(r);
    std::string_view rest = r.text;
    while (!rest.empty()) {
      if (rest.front() == '\n') {
        x = 0;
        y += pitch;
        rest.remove_prefix(1);
        continue;
      }
      size_t end = rest.find_first_of(" \n");
      if (end == std::string_view::npos) end = rest.size();
      while (end < rest.size() && rest[end] == ' ') ++end;  // the spaces go with the word
      const std::string_view word = rest.substr(0, end);
      std::string_view ink = word;
      while (!ink.empty() && ink.back() == ' ') ink.remove_suffix(1);
      const float ww = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, word.data(), word.data() + word.size()).x;
      const float iw = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0.0f, ink.data(), ink.data() + ink.size()).x;
      if (x > 0 && x + iw > w) {
        x = 0;
        y += pitch;
      }
      const bool last_of_run = end == rest.size();
      pieces.push_back({word, ri, ImVec2(x, y), iw, ww, last_of_run});
      x += ww;
      if (last_of_run && is_external(r.href)) x += arrow;
      rest.remove_prefix(end);
    }
  }
  const float h = pieces.empty() ? t.fonts.body->FontSize : y + t.fonts.body->FontSize;
  const ImRect r = place(ImVec2(full_w, h));
  const ImVec2 origin(std::floor(r.Min.x + indent), std::floor(r.Min.y));
  if (!marker.empty()) draw_text(t.fonts.body, ImVec2(r.Min.x + px(4), origin.y), pal().text, marker);
  std::string plain;
  for (const TextRun& run : runs) plain += run.text;
  // The paragraph first, then its links: the order a screen reader reads them in.
  add_item(marker.empty() ? auto_id("text") : id, marker.empty() ? "paragraph" : "listitem", plain, r);

  // Links: one item each, hit on any of its words.
  std::string clicked;
  int link_no = 0;
  for (size_t ri = 0; ri < runs.size(); ++ri) {
    const TextRun& run = runs[ri];
    if (run.href.empty()) continue;
    const std::string link_id = id + ".link." + std::to_string(link_no++);
    ImRect first, all;
    bool any = false, hovered = false, held = false;
    int k = 0;
    for (const Piece& p : pieces) {
      if (p.run != ri) continue;
      const ImRect pr(ImVec2(origin.x + p.at.x, origin.y + p.at.y - px(2)),
                      ImVec2(origin.x + p.at.x + p.w, origin.y + p.at.y + t.fonts.body->FontSize + px(2)));
      bool ph = false, pd = false;
      if (behavior(link_id + "#" + std::to_string(k++), pr, &ph, &pd)) clicked = run.href;
      hovered = hovered || ph;
      held = held || pd;
      if (!any) first = all = pr;
      else all.Add(pr);
      any = true;
    }
    if (take_activation(link_id)) clicked = run.href;
    if (!any) continue;
    const ImU32 col = hovered || held ? pal().primary_hover : pal().primary;
    for (const Piece& p : pieces) {
      if (p.run != ri) continue;
      ImFont* f = font_of(run);
      const ImVec2 at(origin.x + p.at.x, origin.y + p.at.y);
      dl()->AddText(f, f->FontSize, at, col, p.text.data(), p.text.data() + p.text.size());
      const float uw = p.last ? p.w : p.w_full;
      dl()->AddRectFilled(ImVec2(at.x, at.y + f->FontSize - px(2)), ImVec2(at.x + uw, at.y + f->FontSize - px(1)), col);
    }
    std::string label = run.text;
    if (is_external(run.href)) {
      // A small arrow up and to the right: it leaves the portal.
      const Piece* last = nullptr;
      for (const Piece& p : pieces)
        if (p.run == ri) last = &p;
      const ImVec2 a(origin.x + last->at.x + last->w + px(3), origin.y + last->at.y + px(4));
      const float s = px(7);
      dl()->AddLine(ImVec2(a.x, a.y + s), ImVec2(a.x + s, a.y), col, px(1.5f));
      dl()->AddLine(ImVec2(a.x + px(2), a.y), ImVec2(a.x + s, a.y), col, px(1.5f));
      dl()->AddLine(ImVec2(a.x + s, a.y), ImVec2(a.x + s, a.y + s - px(2)), col, px(1.5f));
      if (!external_note.empty()) label += " (" + std::string(external_note) + ")";
    }
    if (focus_visible(link_id)) focus_ring(first, 4);
    add_item(link_id, "link", label, first).value = run.href;
    add_control(link_id, "link", label, first);
  }
  // The rest of the text.
  for (const Piece& p : pieces) {
    const TextRun& run = runs[p.run];
    if (!run.href.empty()) continue;
    ImFont* f = font_of(run);
    dl()->AddText(f, f->FontSize, ImVec2(origin.x + p.at.x, origin.y + p.at.y), pal().text, p.text.data(),
                  p.text.data() + p.text.size());
  }
  return clicked;
}

}  // namespace client::widgets
