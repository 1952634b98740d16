// Dialogs: a modal confirmation in its own window over a dimmed backdrop that takes every
// click meant for the page. Drawn only while the screen calls it, so it can never stay open
// behind the screen's back (unlike an ImGui popup left in the popup stack).
#include <algorithm>

#include "client/widgets/context.h"

namespace client::widgets {

using namespace detail;

int confirm_dialog(const char* id_c, std::string_view title, std::string_view text, std::string_view confirm_label,
                   std::string_view cancel_label, ButtonKind confirm_kind) {
  Context& c = ctx();
  const Theme& t = theme();
  const std::string id = id_c;
  const std::string confirm_id = id + ".confirm", cancel_id = id + ".cancel";
  const bool first = c.dialog_last != id;
  c.dialog_drawn = id;
  if (first) {
    // Focus moves into the dialog (to the safe choice when the action is destructive) and
    // comes back to where it was (the button that opened it) when it closes.
    c.focus_before_dialog = c.focus_request.value_or(c.focused);
    request_focus(confirm_kind == ButtonKind::danger ? cancel_id : confirm_id);
  }
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav |
                                 ImGuiWindowFlags_NoScrollWithMouse;

  // The backdrop: dims the page and takes its clicks.
  // Windows come to the front when they appear (backdrop, then dialog); focusing them again
  // every frame would cancel a press on the dialog's buttons (ImGui clears the active item of
  // another window on focus).
  ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
  ImGui::SetNextWindowSize(display);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.0f, 0.0f));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, pal().overlay);
  ImGui::Begin(("##backdrop." + id).c_str(), nullptr, flags);
  ImGui::InvisibleButton("##backdrop", display);
  ImGui::End();
  ImGui::PopStyleColor();

  // The dialog, sized from its content and centred.
  const bool phone = c.phone;
  const float w = std::min(px(480), display.x - px(32));
  const float pad = px(phone ? 20 : 24);
  const float inner = w - 2 * pad;
  const float title_h = text_size(t.fonts.title, title, inner).y;
  const float text_h = text.empty() ? 0.0f : text_size(t.fonts.body, text, inner).y;
  const ImVec2 cs = button_size(confirm_label, confirm_kind, false, inner, phone);
  const ImVec2 ks = button_size(cancel_label, ButtonKind::secondary, false, inner, phone);
  const bool stacked = phone || cs.x + ks.x + px(12) > inner;
  const float buttons_h = stacked ? cs.y + px(12) + ks.y : std::max(cs.y, ks.y);
  const float h = pad + title_h + (text_h > 0 ? px(12) + text_h : 0.0f) + px(24) + buttons_h + pad;
  const ImVec2 pos(std::floor((display.x - w) * 0.5f), std::floor(std::max(px(16), (display.y - h) * 0.45f)));
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(ImVec2(w, std::min(h, display.y - px(32))));
  if (first) ImGui::SetNextWindowFocus();
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, px(12));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, pal().surface);
  ImGui::Begin(("##dialog." + id).c_str(), nullptr, flags & ~ImGuiWindowFlags_NoScrollWithMouse);
  const int saved_layer = c.layer;
  const std::string saved_form = c.form;
  c.layer = 2;
  c.max_layer = 2;
  c.form.clear();
  ImGuiWindow* win = ImGui::GetCurrentWindow();
  add_item(id, "dialog", title, win->Rect());

  float y = win->Pos.y + pad - win->Scroll.y;
  const float x = win->Pos.x + pad;
  draw_text(t.fonts.title, ImVec2(x, y), pal().text, title, inner);
  add_item(id + ".title", "heading", title, ImRect(ImVec2(x, y), ImVec2(x + inner, y + title_h))).level = 2;
  y += title_h;
  if (text_h > 0) {
    y += px(12);
    draw_text(t.fonts.body, ImVec2(x, y), pal().text, text, inner);
    add_item(id + ".text", "paragraph", text, ImRect(ImVec2(x, y), ImVec2(x + inner, y + text_h)));
    y += text_h;
  }
  y += px(24);
  ImRect confirm_r, cancel_r;
  if (stacked) {  // the main action first, full width
    confirm_r = ImRect(ImVec2(x, y), ImVec2(x + inner, y + cs.y));
    cancel_r = ImRect(ImVec2(x, y + cs.y + px(12)), ImVec2(x + inner, y + cs.y + px(12) + ks.y));
  } else {  // right-aligned: cancel, then the action
    const float right = x + inner;
    confirm_r = ImRect(ImVec2(right - cs.x, y), ImVec2(right, y + cs.y));
    cancel_r = ImRect(ImVec2(right - cs.x - px(12) - ks.x, y), ImVec2(right - cs.x - px(12), y + ks.y));
  }
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  ImGui::Dummy(ImVec2(inner, buttons_h + pad));  // content size, so a dialog taller than the screen scrolls
  int result = -1;
  // In draw (= Tab) order: cancel before the action when side by side.
  if (!stacked && paint_button(cancel_id, cancel_r, cancel_label, ButtonKind::secondary, false, false, -1)) result = 0;
  if (paint_button(confirm_id, confirm_r, confirm_label, confirm_kind, false, false, -1)) result = 1;
  if (stacked && paint_button(cancel_id, cancel_r, cancel_label, ButtonKind::secondary, false, false, -1)) result = 0;
  if (c.escape || ImGui::IsKeyPressed(ImGuiKey_Escape)) result = 0;
  c.layer = saved_layer;
  c.form = saved_form;
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(3);
  return result;
}

}  // namespace client::widgets
