// Drawing helpers shared by the widgets: colours, text, the focus ring, small vector icons.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "client/widgets/context.h"

namespace client::widgets::detail {

ImDrawList* dl() {
  return ImGui::GetWindowDrawList();
}

ImU32 mix(ImU32 a, ImU32 b, float t) {
  auto ch = [t](ImU32 x, ImU32 y, int shift) {
    const float fx = static_cast<float>((x >> shift) & 0xFF), fy = static_cast<float>((y >> shift) & 0xFF);
    return static_cast<ImU32>(std::lround(fx + (fy - fx) * t)) << shift;
  };
  return ch(a, b, IM_COL32_R_SHIFT) | ch(a, b, IM_COL32_G_SHIFT) | ch(a, b, IM_COL32_B_SHIFT) |
         ch(a, b, IM_COL32_A_SHIFT);
}

namespace {

// Wrapped text runs line by line at 1.2 x ImGui's line height for body sizes (about 1.45 em,
// like the web's body text) and 1.05 x for headings, instead of ImGui's tight 1.21 em. Calls
// fn(line, y) for each line.
template <class F>
float for_each_line(ImFont* font, std::string_view text, float wrap_w, F&& fn) {
  const bool heading = font->FontSize > px(19) * 1.2f;
  const float pitch = std::round(font->FontSize * (heading ? 1.05f : 1.2f));
  const char* s = text.data();
  const char* end = text.data() + text.size();
  float y = 0.0f;
  int lines = 0;
  while (s < end) {
    const char* eol = wrap_w > 0.0f ? font->CalcWordWrapPositionA(1.0f, s, end, wrap_w) : end;
    if (const void* nl = std::memchr(s, '\n', static_cast<size_t>(eol - s))) eol = static_cast<const char*>(nl);
    if (eol == s && *s != '\n') eol = s + 1;  // at least one character per line
    std::string_view line(s, static_cast<size_t>(eol - s));
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    fn(line, y);
    y += pitch;
    ++lines;
    s = eol;
    if (s < end && *s == '\n')
      ++s;
    else
      while (s < end && *s == ' ') ++s;
  }
  return lines == 0 ? font->FontSize : y - pitch + font->FontSize;
}

}  // namespace

ImVec2 text_size(ImFont* font, std::string_view text, float wrap_w) {
  if (text.empty()) return ImVec2(0.0f, font->FontSize);
  float w = 0.0f;
  const float h = for_each_line(font, text, wrap_w, [&](std::string_view line, float) {
    w = std::max(w, font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, line.data(), line.data() + line.size()).x);
  });
  return ImVec2(std::ceil(w), h);
}

std::vector<TextLine> wrapped_lines(ImFont* font, std::string_view text, float wrap_w) {
  std::vector<TextLine> out;
  const char* base = text.data();
  size_t next = 0;
  for_each_line(font, text, wrap_w, [&](std::string_view line, float y) {
    const size_t begin = static_cast<size_t>(line.data() - base);
    if (!out.empty()) out.back().next = begin;
    out.push_back({begin, begin + line.size(), text.size(), y});
    next = begin + line.size();
  });
  (void)next;
  // A text ending in a line break has an empty last line where the caret goes.
  if (!text.empty() && text.back() == '\n') {
    const float pitch = out.size() >= 2 ? out[1].y - out[0].y : std::round(font->FontSize * 1.2f);
    out.push_back({text.size(), text.size(), text.size(), out.empty() ? 0.0f : out.back().y + pitch});
  }
  if (out.empty()) out.push_back({0, 0, 0, 0.0f});
  return out;
}

void draw_text(ImFont* font, ImVec2 pos, ImU32 col, std::string_view text, float wrap_w) {
  if (text.empty()) return;
  const float x = std::floor(pos.x), y0 = std::floor(pos.y);
  for_each_line(font, text, wrap_w, [&](std::string_view line, float y) {
    if (!line.empty())
      dl()->AddText(font, font->FontSize, ImVec2(x, y0 + y), col, line.data(), line.data() + line.size());
  });
}

void draw_text_lines(ImFont* font, ImVec2 pos, ImU32 col, std::string_view text, float wrap_w, bool underline,
                     bool centre) {
  const float x0 = std::floor(pos.x), y0 = std::floor(pos.y);
  for_each_line(font, text, wrap_w, [&](std::string_view line, float y) {
    const float lw = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, line.data(), line.data() + line.size()).x;
    const float x = centre ? std::floor(x0 + (wrap_w - lw) * 0.5f) : x0;
    if (!line.empty())
      dl()->AddText(font, font->FontSize, ImVec2(x, y0 + y), col, line.data(), line.data() + line.size());
    if (underline && lw > 0)
      dl()->AddRectFilled(ImVec2(x, y0 + y + font->FontSize - px(2)), ImVec2(x + lw, y0 + y + font->FontSize - px(1)),
                          col);
  });
}

// 2 px in the primary colour, 2 px outside the element (like CSS outline-offset: 2px).
void focus_ring(const ImRect& r, float rounding_css) {
  const float off = px(3);
  dl()->AddRect(ImVec2(r.Min.x - off, r.Min.y - off), ImVec2(r.Max.x + off, r.Max.y + off), pal().primary,
                px(rounding_css) + off, 0, px(2));
}

void draw_spinner(ImVec2 centre, float radius, ImU32 col) {
  const float t = static_cast<float>(ImGui::GetTime());
  const float start = t * 6.0f;
  ImDrawList* d = dl();
  d->PathArcTo(centre, radius, start, start + IM_PI * 1.5f, 24);
  d->PathStroke(col, 0, std::max(1.0f, radius * 0.25f));
  ctx().more_frames = true;  // it turns: keep drawing while it is shown
}

void draw_check(const ImRect& box, ImU32 col) {
  const float w = box.GetWidth();
  const ImVec2 a(box.Min.x + w * 0.22f, box.Min.y + w * 0.52f);
  const ImVec2 b(box.Min.x + w * 0.42f, box.Min.y + w * 0.72f);
  const ImVec2 c(box.Min.x + w * 0.78f, box.Min.y + w * 0.30f);
  ImDrawList* d = dl();
  d->PathLineTo(a);
  d->PathLineTo(b);
  d->PathLineTo(c);
  d->PathStroke(col, 0, std::max(1.5f, w * 0.12f));
}

void draw_chevron(ImVec2 centre, float size, ImU32 col, bool up) {
  const float h = size * 0.5f, v = size * 0.28f * (up ? -1.0f : 1.0f);
  ImDrawList* d = dl();
  d->PathLineTo(ImVec2(centre.x - h, centre.y - v));
  d->PathLineTo(ImVec2(centre.x, centre.y + v));
  d->PathLineTo(ImVec2(centre.x + h, centre.y - v));
  d->PathStroke(col, 0, std::max(1.5f, size * 0.14f));
}

bool behavior(const std::string& id, const ImRect& r, bool* hovered, bool* held, bool enabled) {
  bool h = false, d = false;
  const ImGuiID gid = ImGui::GetID(id.c_str());
  bool clicked = false;
  if (ImGui::ItemAdd(r, gid) && enabled) clicked = ImGui::ButtonBehavior(r, gid, &h, &d);
  if (hovered) *hovered = h;
  if (held) *held = d;
  if (h && enabled) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  if (clicked && enabled) request_focus(id);  // like a click on a web button: Tab continues from here
  return clicked;
}

}  // namespace client::widgets::detail
