// A kiosk's own screens (state/kiosk.h): the start screen a kiosk shows between customers
// (welcome, log in, help), and over every screen the countdown before an idle customer is
// logged out and the on-screen keyboard while a text field has focus.
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"

namespace client::screens {

using widgets::T;
using widgets::Tf;

void draw_kiosk_start(const AppState& s, Actions& a) {
  widgets::begin_card("kiosk", 720);
  widgets::heading(Tf("kiosk.welcome", {{"product", s.brand.product}}));
  widgets::paragraph(T("kiosk.intro"));
  widgets::paragraph(T("kiosk.privacy"));
  if (widgets::button("kiosk.login", T("kiosk.login"))) a.navigate(Screen::login);
  widgets::begin_row();
  if (widgets::button("kiosk.register", T("kiosk.register"), widgets::ButtonKind::secondary))
    a.navigate(Screen::register_);
  if (widgets::button("kiosk.help", T("kiosk.help"), widgets::ButtonKind::secondary)) a.navigate(Screen::help);
  widgets::end_row();
  widgets::end_card();
}

void draw_kiosk_overlays(const AppState& s, Actions& a) {
  const KioskView& k = s.kiosk;
  if (!k.on) return;
  const widgets::KeyboardLabels labels{T("kiosk.keyboard"),           T("kiosk.keyboard.shift"),
                                       T("kiosk.keyboard.symbols"),   T("kiosk.keyboard.letters"),
                                       T("kiosk.keyboard.backspace"), T("kiosk.keyboard.space"),
                                       T("kiosk.keyboard.enter"),     T("kiosk.keyboard.new_line")};
  if (auto page = widgets::screen_keyboard("keyboard", {k.shift, k.symbols}, labels))
    a.kiosk_keyboard(page->shift, page->symbols);
  if (!k.countdown) return;
  // Over everything: "continue" keeps the customer's screen; the other button ends it at once.
  const int r = widgets::confirm_dialog("kiosk.countdown", T("kiosk.countdown.title"),
                                        Tf("kiosk.countdown.text", {{"seconds", k.seconds_left}}),
                                        T("kiosk.countdown.continue"), T("kiosk.countdown.end"));
  if (r == 1) a.kiosk_continue();
  if (r == 0) a.logout(false);
}

}  // namespace client::screens
