#include <imgui.h>

#include "client/screens/screens.h"
#include "client/widgets/ui.h"

namespace client::screens {

using widgets::T;

void draw_welcome(const AppState& state, Actions& actions) {
  widgets::begin_page("##page");
  widgets::header_bar(T("app.name"));
  widgets::begin_card("##welcome", 720);
  widgets::heading(T("welcome.heading"));
  ImGui::Spacing();
  widgets::paragraph(T("welcome.body"));
  ImGui::Spacing();
  widgets::muted(T("welcome.sample"));
  ImGui::Spacing();
  const bool sl = state.locale == core::Locale::sl;
  if (widgets::text_link("lang", sl ? T("app.language.en") : T("app.language.sl")))
    actions.set_locale(sl ? core::Locale::en : core::Locale::sl);
  widgets::end_card();
  widgets::end_page();
}

}  // namespace client::screens
