// Account screens still to be built (registration, activation, forgotten password, reset,
// settings, terms): each shows its title until its own file replaces it here.
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"

namespace client::screens {

namespace {
void titled(const AppState& s, const char* id) {
  widgets::begin_card(id, 720);
  widgets::heading(widgets::Tf(screen_key(s.route.screen), {{"product", s.brand.product}}));
  widgets::end_card();
}
}  // namespace

void draw_register(const AppState& s, Actions&) { titled(s, "register"); }
void draw_activate(const AppState& s, Actions&) { titled(s, "activate"); }
void draw_forgot(const AppState& s, Actions&) { titled(s, "forgot"); }
void draw_reset(const AppState& s, Actions&) { titled(s, "reset"); }
void draw_settings(const AppState& s, Actions&) { titled(s, "settings"); }
void draw_terms(const AppState& s, Actions&) { titled(s, "terms"); }

}  // namespace client::screens
