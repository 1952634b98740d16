#include "client/widgets/ui.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <string>

namespace client::widgets {

namespace {
Ui g_ui;  // frame context, set by the app each frame (not screen state)
}

void set_current(const Ui& ui) { g_ui = ui; }
const Ui& current() { return g_ui; }
std::string_view T(std::string_view key) { return g_ui.text ? g_ui.text->text(key) : key; }

static const Theme& theme() { return *g_ui.theme; }

void begin_page(const char* id) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin(id, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNavFocus);
}

void end_page() { ImGui::End(); }

void header_bar(std::string_view brand) {
  const Theme& t = theme();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  const float h = t.px(64);
  dl->AddRectFilled(origin, ImVec2(origin.x + w, origin.y + h), t.palette.primary);
  dl->AddRectFilled(ImVec2(origin.x, origin.y + h - t.px(4)), ImVec2(origin.x + w, origin.y + h), t.palette.accent);
  ImFont* f = t.fonts.heading;
  const ImVec2 pos(origin.x + t.px(24), origin.y + (h - t.px(4) - f->FontSize) * 0.5f);
  dl->AddText(f, f->FontSize, pos, t.palette.on_primary, brand.data(), brand.data() + brand.size());
  ImGui::Dummy(ImVec2(w, h));
}

void begin_card(const char* id, float max_width_css) {
  const Theme& t = theme();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float margin = t.px(16);
  const float w = std::min(t.px(max_width_css), avail - 2 * margin);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - w) * 0.5f);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + t.px(24));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.px(24), t.px(24)));
  ImGui::BeginChild(id, ImVec2(w, 0), ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding);
}

void end_card() {
  ImGui::EndChild();
  ImGui::PopStyleVar();
}

void heading(std::string_view text) {
  ImGui::PushFont(theme().fonts.heading);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

void paragraph(std::string_view text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
}

void muted(std::string_view text) {
  ImGui::PushFont(theme().fonts.small);
  ImGui::PushStyleColor(ImGuiCol_Text, theme().palette.text_muted);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

bool text_link(const char* id, std::string_view text) {
  const Theme& t = theme();
  ImGui::PushID(id);
  const ImVec2 size = ImGui::CalcTextSize(text.data(), text.data() + text.size());
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::InvisibleButton("##link", size);
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 c = hovered ? t.palette.primary_hover : t.palette.primary;
  dl->AddText(pos, c, text.data(), text.data() + text.size());
  dl->AddLine(ImVec2(pos.x, pos.y + size.y), ImVec2(pos.x + size.x, pos.y + size.y), c, t.px(1));
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImGui::PopID();
  return clicked;
}

}  // namespace client::widgets
