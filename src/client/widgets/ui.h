// The widgets' frame context (like ImGui's own current context): the theme and the catalog
// of the current language. Screens call widgets; widgets read this.
#pragma once

#include <string_view>

#include "client/widgets/theme.h"
#include "core/i18n.h"

namespace client::widgets {

struct Ui {
  const Theme* theme = nullptr;         // colours, fonts, scale
  const core::Catalog* text = nullptr;  // current language
};

void set_current(const Ui& ui);  // once per frame, before screens draw
const Ui& current();
std::string_view T(std::string_view key);  // the current language's text for a key

// [SECTION] Layout
// A full-viewport host window without title bar or decorations; returns the content width.
void begin_page(const char* id);
void end_page();
// The brand header bar; `right` draws trailing content (language, user) and gets its width.
void header_bar(std::string_view brand);
// A centred card with a maximum width in CSS px.
void begin_card(const char* id, float max_width_css);
void end_card();

// [SECTION] Text
void heading(std::string_view text);
void paragraph(std::string_view text);        // wrapped body text
void muted(std::string_view text);            // wrapped small, muted text
bool text_link(const char* id, std::string_view text);  // underlined, primary colour

}  // namespace client::widgets
