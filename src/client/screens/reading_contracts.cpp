// PREGLED POGODB (the manual's section 5): every linked contract with its consumption point's
// address, energy, distribution operator and meter, the reading window (open now until X, or
// when the next one opens), the e-mail and SMS reminder switches, and removing the link after
// a confirmation (the shell draws the dialog).
#include "client/screens/reading_common.h"
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"

namespace client::screens {

using widgets::T;
using widgets::Tf;

namespace {

std::string meter_text(const core::api::Contract& c) {
  const auto& regs = c.metering_point.registers;
  if (c.energy == core::Energy::gas) return std::string(T("contracts.meter.gas"));
  return std::string(T(regs.size() > 1 ? "contracts.meter.two" : "contracts.meter.one"));
}

}  // namespace

void draw_contracts(const AppState& s, Actions& a) {
  widgets::begin_card("contracts", 880);
  widgets::heading(T("screen.contracts"));
  widgets::paragraph(T("contracts.intro"));
  const bool waiting = reading::draw_load_state("contracts.list", s.contracts_load, T("contracts.loading"),
                                                T("contracts.load_failed"), a, "contracts");
  if (!waiting && s.contracts.empty()) widgets::paragraph(T("contracts.empty"));
  if (widgets::button("contracts.link", T("contracts.link_new"),
                      s.contracts.empty() ? widgets::ButtonKind::primary : widgets::ButtonKind::secondary))
    a.navigate(Screen::link_contract);
  widgets::end_card();
  if (waiting) return;

  for (const auto& c : s.contracts) {
    const std::string base = "contracts." + c.metering_point.number;
    widgets::begin_card(base.c_str(), 880);
    widgets::heading(reading::address_text(c.metering_point.address), 2);
    const std::string shown = reading::metering_point_text(c.metering_point.number);
    if (widgets::label_copy((base + ".copy_number").c_str(), T("contracts.metering_point"), shown,
                            Tf("contracts.copy_number", {{"number", shown}})))
      a.copy_text(shown);
    if (!c.metering_point.gsrn.empty()) widgets::label_value(T("contracts.gsrn"), c.metering_point.gsrn);
    if (widgets::label_copy((base + ".copy_contract").c_str(), T("contracts.contract_number"), c.contract_number,
                            Tf("contracts.copy_contract", {{"number", c.contract_number}})))
      a.copy_text(c.contract_number);
    widgets::label_value(T("contracts.energy"), reading::energy_text(c.energy));
    widgets::label_value(T("contracts.operator"), c.op.name);
    widgets::label_value(T("contracts.meter"), meter_text(c));
    widgets::label_value(T("contracts.window"), reading::window_text(c.window));
    if (c.window.span) {
      widgets::heading(T("contracts.reminders"), 3);
      widgets::muted(T("contracts.reminder_hint"));
      reading::draw_reminders(s, a, c, base);
    }
    widgets::spacing(4);
    widgets::begin_row();
    if (widgets::button((base + ".submit").c_str(), T("contracts.submit"),
                        c.window.open_now ? widgets::ButtonKind::primary : widgets::ButtonKind::secondary))
      a.navigate(Screen::submit_reading, c.metering_point.id);
    if (widgets::button((base + ".readings").c_str(), T("contracts.readings"), widgets::ButtonKind::secondary))
      a.navigate(Screen::readings, c.metering_point.id);
    if (widgets::button((base + ".unlink").c_str(), T("contracts.unlink"), widgets::ButtonKind::quiet))
      a.ask("unlink", c.id);
    widgets::end_row();
    widgets::end_card();
  }
}

}  // namespace client::screens
