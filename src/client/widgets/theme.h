// The look: brand colours from assets/branding.json, spacing, and the fonts, applied to
// ImGui's style at a given UI scale (device pixels per CSS pixel).
#pragma once

#include <imgui.h>

#include <string>

namespace client::widgets {

struct Palette {
  ImU32 primary = IM_COL32(0, 84, 159, 255);        // buttons, links, focus
  ImU32 primary_hover = IM_COL32(0, 63, 120, 255);  // pressed/hovered primary
  ImU32 on_primary = IM_COL32_WHITE;                // text on primary
  ImU32 accent = IM_COL32(228, 0, 43, 255);         // brand accent stripe
  ImU32 background = IM_COL32(243, 245, 248, 255);  // page behind cards
  ImU32 surface = IM_COL32_WHITE;                   // cards, fields
  ImU32 text = IM_COL32(27, 36, 48, 255);           // body text (AA on surface and background)
  ImU32 text_muted = IM_COL32(78, 91, 107, 255);    // hints (AA on surface)
  ImU32 border = IM_COL32(201, 209, 219, 255);      // field and card borders
  ImU32 error = IM_COL32(179, 38, 30, 255);         // inline errors
  ImU32 success = IM_COL32(30, 107, 53, 255);       // confirmations
  ImU32 warning = IM_COL32(138, 83, 0, 255);        // warnings
};

struct Fonts {
  ImFont* body = nullptr;     // Inter Regular 16 px
  ImFont* strong = nullptr;   // Inter SemiBold 16 px (buttons, labels)
  ImFont* heading = nullptr;  // Inter SemiBold 24 px
  ImFont* small = nullptr;    // Inter Regular 14 px (hints, errors)
};

struct Theme {
  Palette palette;      // from branding
  Fonts fonts;          // built for `scale`
  float scale = 1.0f;   // device pixels per CSS pixel
  float px(float css) const { return css * scale; }  // CSS px -> device px
};

// Reads the palette from branding JSON text; keeps defaults for anything missing or invalid.
Palette palette_from_branding(const char* branding_json);
// ImGui's style for the theme at its scale.
void apply_style(const Theme& theme);

}  // namespace client::widgets
