// Contracts and readings screens still to be built: each shows its title until its own file
// replaces it here.
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

void draw_home(const AppState& s, Actions&) { titled(s, "home"); }
void draw_contracts(const AppState& s, Actions&) { titled(s, "contracts"); }
void draw_link_contract(const AppState& s, Actions&) { titled(s, "link_contract"); }
void draw_submit_reading(const AppState& s, Actions&) { titled(s, "submit_reading"); }
void draw_readings(const AppState& s, Actions&) { titled(s, "readings"); }
void draw_help(const AppState& s, Actions&) { titled(s, "help"); }

}  // namespace client::screens
