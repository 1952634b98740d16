#include "client/widgets/ui.h"

namespace client::widgets {

namespace {
Ui g_ui;  // frame context, set by the app each frame (not screen state)
}

void set_current(const Ui& ui) {
  g_ui = ui;
}
const Ui& current() {
  return g_ui;
}
std::string_view T(std::string_view key) {
  return g_ui.text ? g_ui.text->text(key) : key;
}
std::string Tf(std::string_view key, const nlohmann::json& params) {
  return g_ui.text ? g_ui.text->format(key, params) : std::string(key);
}

}  // namespace client::widgets
