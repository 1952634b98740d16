// PREGLED (the overview after login): a greeting, every linked metering point with its address,
// energy, operator and reading window, and the quick actions (submit a reading, existing
// readings). Without linked contracts it leads to POVEŽI POGODBO (the manual's section 5: only
// linked metering points can be used anywhere else).
#include "client/screens/reading_common.h"
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"

namespace client::screens {

using widgets::T;
using widgets::Tf;

void draw_home(const AppState& s, Actions& a) {
  widgets::begin_card("home", 880);
  const std::string& name = s.user.profile.name;
  widgets::heading(name.empty() ? std::string(T("home.greeting_plain")) : Tf("home.greeting", {{"name", name}}));
  widgets::paragraph(T("home.intro"));
  const bool waiting = reading::draw_load_state("home.contracts", s.contracts_load, T("home.loading"),
                                                T("contracts.load_failed"), a, "contracts");
  if (!waiting && s.contracts.empty()) {
    widgets::heading(T("home.empty.heading"), 2);
    widgets::paragraph(T("home.empty.text"));
    if (widgets::button("home.link", T("home.empty.link"))) a.navigate(Screen::link_contract);
  } else if (!waiting) {
    widgets::begin_row();
    if (widgets::button("home.link_more", T("home.link_more"), widgets::ButtonKind::secondary))
      a.navigate(Screen::link_contract);
    if (widgets::link("home.all_contracts", T("home.all_contracts"))) a.navigate(Screen::contracts);
    widgets::end_row();
  }
  widgets::end_card();
  if (waiting) return;

  for (const auto& c : s.contracts) {
    const std::string number = reading::metering_point_text(c.metering_point.number);
    const std::string base = "home." + c.metering_point.number;
    widgets::begin_card(base.c_str(), 880);
    widgets::heading(reading::address_text(c.metering_point.address), 2);
    widgets::label_value(T("contracts.metering_point"), number);
    widgets::label_value(T("contracts.energy"), reading::energy_text(c.energy) + " \xC2\xB7 " + c.op.name);
    const widgets::Tone tone = !c.window.span      ? widgets::Tone::info
                               : c.window.open_now ? widgets::Tone::success
                                                   : widgets::Tone::info;
    widgets::alert((base + ".window").c_str(), tone, reading::window_text(c.window));
    widgets::begin_row();
    if (widgets::button((base + ".submit").c_str(), T("home.submit"),
                        c.window.open_now ? widgets::ButtonKind::primary : widgets::ButtonKind::secondary))
      a.navigate(Screen::submit_reading, c.metering_point.id);
    if (widgets::button((base + ".readings").c_str(), T("home.readings"), widgets::ButtonKind::secondary))
      a.navigate(Screen::readings, c.metering_point.id);
    widgets::end_row();
    widgets::end_card();
  }
}

}  // namespace client::screens
