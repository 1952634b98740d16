// The widgets' frame context (like ImGui's own current context): the theme and the catalog
// of the current language. Screens include widgets.h (which includes this) and call T().
#pragma once

#include <string>
#include <string_view>

#include "client/widgets/theme.h"
#include "core/i18n.h"

namespace client::widgets {

struct Ui {
  const Theme* theme = nullptr;         // colours, fonts, scale
  const core::Catalog* text = nullptr;  // current language
};

void set_current(const Ui& ui);  // once per frame, before screens draw (begin_frame does it)
const Ui& current();
std::string_view T(std::string_view key);                            // the current language's text for a key
std::string Tf(std::string_view key, const nlohmann::json& params);  // with {name} placeholders filled

}  // namespace client::widgets
