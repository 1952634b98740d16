#include "client/screens/screens.h"
#include "client/widgets/widgets.h"

namespace client::screens {

using widgets::T;

void draw_welcome(const AppState& state, Actions& actions) {
  widgets::begin_page("welcome");
  widgets::header_bar(T("app.name"));
  widgets::begin_card("welcome.card", 720);
  widgets::heading(T("welcome.heading"));
  widgets::paragraph(T("welcome.body"));
  widgets::muted(T("welcome.sample"));
  const bool sl = state.locale == core::Locale::sl;
  if (widgets::link("welcome.language", sl ? T("app.language.en") : T("app.language.sl")))
    actions.set_locale(sl ? core::Locale::en : core::Locale::sl);
  widgets::end_card();
  widgets::end_page();
}

}  // namespace client::screens
