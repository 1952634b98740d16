// The look: brand colours from assets/branding.json, spacing, and the fonts, applied to
// ImGui's style at a given UI scale (device pixels per CSS pixel).
//
// Contrast (WCAG 2.1 AA, checked in tests/e2e/widgets.test.mjs): body and muted text >= 4.5:1
// on surface and background, white on primary and on error >= 4.5:1, field borders and switch
// tracks >= 3:1 on surface (non-text contrast, 1.4.11).
#pragma once

#include <imgui.h>

#include <string>

namespace client::widgets {

struct Palette {
  ImU32 primary = IM_COL32(0, 84, 159, 255);          // buttons, links, focus rings (7.6:1 on white)
  ImU32 primary_hover = IM_COL32(0, 63, 120, 255);    // hovered primary
  ImU32 on_primary = IM_COL32_WHITE;                  // text on primary
  ImU32 accent = IM_COL32(228, 0, 43, 255);           // brand accent stripe
  ImU32 background = IM_COL32(243, 245, 248, 255);    // page behind cards
  ImU32 surface = IM_COL32_WHITE;                     // cards, fields
  ImU32 text = IM_COL32(27, 36, 48, 255);             // body text (15.7:1 on surface)
  ImU32 text_muted = IM_COL32(78, 91, 107, 255);      // hints (6.9:1 on surface)
  ImU32 border = IM_COL32(201, 209, 219, 255);        // card borders, separators (decorative)
  ImU32 field_border = IM_COL32(117, 129, 143, 255);  // field, checkbox, switch outlines (4.0:1)
  ImU32 error = IM_COL32(179, 38, 30, 255);           // inline errors (6.5:1)
  ImU32 success = IM_COL32(30, 107, 53, 255);         // confirmations
  ImU32 warning = IM_COL32(138, 83, 0, 255);          // warnings
  ImU32 disabled_bg = IM_COL32(233, 237, 241, 255);   // disabled fields and buttons
  ImU32 disabled_text = IM_COL32(94, 106, 120, 255);  // text on disabled_bg (4.7:1)
  ImU32 primary_tint = IM_COL32(230, 238, 246, 255);  // hover of quiet buttons, info alerts, selection rows
  ImU32 selection = IM_COL32(191, 212, 232, 255);     // selected text in fields
  ImU32 error_tint = IM_COL32(251, 234, 233, 255);    // error alerts
  ImU32 success_tint = IM_COL32(231, 242, 234, 255);  // success alerts
  ImU32 warning_tint = IM_COL32(252, 241, 223, 255);  // warning alerts
  ImU32 overlay = IM_COL32(27, 36, 48, 128);          // behind dialogs
};

struct Fonts {
  ImFont* body = nullptr;     // Inter Regular 16 px
  ImFont* strong = nullptr;   // Inter SemiBold 16 px (buttons, h3)
  ImFont* heading = nullptr;  // Inter SemiBold 24 px (h1)
  ImFont* title = nullptr;    // Inter SemiBold 20 px (h2, dialog titles)
  ImFont* label = nullptr;    // Inter SemiBold 14 px (field labels, table headers)
  ImFont* small = nullptr;    // Inter Regular 14 px (hints, errors)
};

struct Theme {
  Palette palette;                                   // from branding
  Fonts fonts;                                       // built for `scale`
  float scale = 1.0f;                                // device pixels per CSS pixel (x zoom)
  float px(float css) const { return css * scale; }  // CSS px -> device px
  // [SECTION] Kiosk (state/kiosk.h): everything drawn `zoom` times larger (sizes stay written in
  // CSS px at zoom 1; the page's CSS px are scale / zoom device px), every target at least
  // `min_target` CSS px of the page, the on-screen keyboard, no e-mail or phone links.
  float zoom = 1.0f;                                 // 1.25 on a kiosk
  float min_target = 0.0f;                           // CSS px of the page; 0 = each widget's own
  bool kiosk = false;
  float dpr() const { return scale / zoom; }         // device pixels per CSS pixel of the page
};

constexpr float kKioskZoom = 1.25f;       // larger type on a kiosk
constexpr float kKioskMinTarget = 56.0f;  // CSS px: fingers on a screen at arm's length
// Switches the kiosk's look on or off for a device-pixel ratio; true if the fonts must be rebuilt.
bool set_kiosk_look(Theme& theme, bool kiosk, float dpr);

// Reads the palette from branding JSON text; keeps defaults for anything missing or invalid.
Palette palette_from_branding(const char* branding_json);
// ImGui's style for the theme at its scale.
void apply_style(const Theme& theme);

}  // namespace client::widgets
