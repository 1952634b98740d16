#include "client/widgets/theme.h"

#include <nlohmann/json.hpp>

namespace client::widgets {

namespace {

bool parse_hex_color(const std::string& s, ImU32& out) {
  if (s.size() != 7 || s[0] != '#') return false;
  unsigned v = 0;
  for (size_t i = 1; i < 7; ++i) {
    const char c = s[i];
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f')
      v |= static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      v |= static_cast<unsigned>(c - 'A' + 10);
    else
      return false;
  }
  out = IM_COL32((v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff, 255);
  return true;
}

}  // namespace

Palette palette_from_branding(const char* branding_json) {
  Palette p;
  auto j = nlohmann::json::parse(branding_json, nullptr, false);
  if (!j.is_object() || !j.contains("colors") || !j["colors"].is_object()) return p;
  const auto& c = j["colors"];
  auto take = [&c](const char* name, ImU32& field) {
    auto it = c.find(name);
    if (it != c.end() && it->is_string()) parse_hex_color(it->get<std::string>(), field);
  };
  take("primary", p.primary);
  take("primary_hover", p.primary_hover);
  take("on_primary", p.on_primary);
  take("accent", p.accent);
  take("background", p.background);
  take("surface", p.surface);
  take("text", p.text);
  take("text_muted", p.text_muted);
  take("border", p.border);
  take("error", p.error);
  take("success", p.success);
  take("warning", p.warning);
  take("field_border", p.field_border);
  take("disabled_bg", p.disabled_bg);
  take("disabled_text", p.disabled_text);
  take("primary_tint", p.primary_tint);
  take("selection", p.selection);
  take("error_tint", p.error_tint);
  take("success_tint", p.success_tint);
  take("warning_tint", p.warning_tint);
  return p;
}

bool set_kiosk_look(Theme& theme, bool kiosk, float dpr) {
  theme.kiosk = kiosk;
  theme.zoom = kiosk ? kKioskZoom : 1.0f;
  theme.min_target = kiosk ? kKioskMinTarget : 0.0f;
  const float scale = dpr * theme.zoom;
  if (theme.scale == scale) return false;
  theme.scale = scale;
  return true;
}

void apply_style(const Theme& theme) {
  ImGuiStyle style;  // fresh defaults, then scaled once
  ImGui::StyleColorsLight(&style);
  const Palette& p = theme.palette;
  auto col = [](ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); };
  style.Colors[ImGuiCol_Text] = col(p.text);
  style.Colors[ImGuiCol_TextDisabled] = col(p.text_muted);
  style.Colors[ImGuiCol_WindowBg] = col(p.background);
  style.Colors[ImGuiCol_ChildBg] = col(p.surface);
  style.Colors[ImGuiCol_PopupBg] = col(p.surface);
  style.Colors[ImGuiCol_Border] = col(p.border);
  style.Colors[ImGuiCol_FrameBg] = col(p.surface);
  style.Colors[ImGuiCol_Button] = col(p.primary);
  style.Colors[ImGuiCol_ButtonHovered] = col(p.primary_hover);
  style.Colors[ImGuiCol_ButtonActive] = col(p.primary_hover);
  style.Colors[ImGuiCol_CheckMark] = col(p.primary);
  style.Colors[ImGuiCol_ScrollbarBg] = col(p.background);
  style.Colors[ImGuiCol_ScrollbarGrab] = col(p.border);
  style.Colors[ImGuiCol_ScrollbarGrabHovered] = col(p.field_border);
  style.Colors[ImGuiCol_ScrollbarGrabActive] = col(p.text_muted);
  style.Colors[ImGuiCol_ModalWindowDimBg] = col(p.overlay);
  style.WindowPadding = ImVec2(0, 0);
  style.WindowBorderSize = 0;
  style.WindowRounding = 0;
  style.FramePadding = ImVec2(12, 10);
  style.FrameRounding = 6;
  style.FrameBorderSize = 1;
  style.ItemSpacing = ImVec2(12, 16);  // between blocks; widgets space their own parts
  style.PopupBorderSize = 1;
  style.PopupRounding = 8;
  style.ChildRounding = 10;
  style.ChildBorderSize = 1;
  style.ScrollbarSize = 12;
  style.ScrollbarRounding = 6;
  style.ScaleAllSizes(theme.scale);
  ImGui::GetStyle() = style;
}

}  // namespace client::widgets
