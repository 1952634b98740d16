// Messages: alerts (errors, warnings, confirmations, notes) and the loading spinner.
#include "client/widgets/context.h"

namespace client::widgets {

using namespace detail;

void alert(const char* id, Tone tone, std::string_view text) {
  const Palette& p = pal();
  ImU32 bar = p.primary, bg = p.primary_tint;
  switch (tone) {
    case Tone::info:
      break;
    case Tone::success:
      bar = p.success, bg = p.success_tint;
      break;
    case Tone::warning:
      bar = p.warning, bg = p.warning_tint;
      break;
    case Tone::error:
      bar = p.error, bg = p.error_tint;
      break;
  }
  ImFont* f = theme().fonts.body;
  const float w = region().w, pad_x = px(16), pad_y = px(12), bar_w = px(4);
  const float tw = w - bar_w - 2 * pad_x;
  const float th = text_size(f, text, tw).y;
  const ImRect r = place(ImVec2(w, th + 2 * pad_y));
  ImDrawList* d = dl();
  d->AddRectFilled(r.Min, r.Max, bg, px(6));
  d->AddRectFilled(r.Min, ImVec2(r.Min.x + bar_w, r.Max.y), bar, px(6), ImDrawFlags_RoundCornersLeft);
  draw_text(f, ImVec2(r.Min.x + bar_w + pad_x, r.Min.y + pad_y), p.text, text, tw);  // dark text: 13:1 on every tint
  add_item(id, tone == Tone::error || tone == Tone::warning ? "alert" : "status", text, r);
}

void spinner(const char* id, std::string_view label) {
  ImFont* f = theme().fonts.body;
  const float w = region().w, s = px(20), gap = px(12);
  const float th = text_size(f, label, w - s - gap).y;
  const ImRect r = place(ImVec2(w, std::max(s, th)));
  draw_spinner(ImVec2(r.Min.x + s * 0.5f, r.Min.y + f->FontSize * 0.5f), s * 0.4f, pal().primary);
  draw_text(f, ImVec2(r.Min.x + s + gap, r.Min.y), pal().text_muted, label, w - s - gap);
  add_item(id, "status", label, r).state.busy = true;
}

}  // namespace client::widgets
