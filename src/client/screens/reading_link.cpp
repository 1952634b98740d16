// POVEŽI POGODBO (the manual's section 5): energy, distribution operator (only those of the
// chosen energy), metering point number and contract number, with where to find them on an
// invoice; DODAJ; a confirmation, after which the next contract can be linked straight away
// (energy and operator stay chosen, the numbers are cleared).
#include "client/screens/reading_common.h"
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"

namespace client::screens {

using widgets::T;
using widgets::Tf;

namespace {

std::string field_error(const Form& f, const char* field) {
  const core::Error* e = f.error_for(field);
  return e ? reading::error_text(*e, f.retry_after_s) : std::string();
}

void draw_where_to_find(const std::string& energy) {
  widgets::heading(T("link.help.heading"), 2);
  widgets::paragraph(T("link.help.invoice"));
  widgets::label_value(T("link.metering_point"),
                       T(energy == "gas" ? "link.help.metering_point.gas" : "link.help.metering_point.electricity"));
  widgets::label_value(T("link.contract_number"), T("link.help.contract_number"));
  widgets::label_value(T("link.operator"), T("link.help.operator"));
  widgets::muted(T("link.help.more"));
}

}  // namespace

void draw_link_contract(const AppState& s, Actions& a) {
  const Form& f = s.form("link");
  const std::string energy = f.get("energy").empty() ? "electricity" : f.get("energy");
  widgets::begin_card("link_contract", 960);
  widgets::heading(T("screen.link_contract"));
  widgets::paragraph(T("link.intro"));

  if (f.done && !f.get("last_linked").empty()) {
    const core::api::Contract* linked = nullptr;  // the one just linked: its address and screens
    for (const auto& c : s.contracts)
      if (c.metering_point.number == f.get("last_linked")) linked = &c;
    widgets::alert("link.done", widgets::Tone::success,
                   Tf("link.done", {{"number", reading::metering_point_text(f.get("last_linked"))},
                                    {"address", linked ? reading::address_text(linked->metering_point.address) : ""}}));
    widgets::begin_row();
    if (linked && widgets::button("link.to_submit", T("link.to_submit"), widgets::ButtonKind::secondary))
      a.navigate(Screen::submit_reading, linked->metering_point.id);
    if (widgets::link("link.to_contracts", T("link.to_contracts"))) a.navigate(Screen::contracts);
    widgets::end_row();
  }
  for (const auto& e : f.general_errors({"metering_point", "contract_number", "energy", "operator"}))
    widgets::alert(("link.error." + e.code).c_str(), widgets::Tone::error, reading::error_text(e, f.retry_after_s));

  widgets::begin_columns("link.columns", 2);
  widgets::begin_form("link.form");
  const std::vector<std::string> energies = {reading::energy_text(core::Energy::electricity),
                                             reading::energy_text(core::Energy::gas)};
  if (auto i = widgets::radio_group("link.energy", T("link.energy"), energies, energy == "gas" ? 1 : 0,
                                    field_error(f, "energy")))
    a.edit("link", "energy", *i == 1 ? "gas" : "electricity");

  // Only the operators of the chosen energy (the catalog comes with /rules).
  std::vector<std::string> names, codes;
  int chosen = -1;
  for (const auto& op : s.rules.operators) {
    if (core::energy_code(op.energy) != energy) continue;
    if (op.code == f.get("operator")) chosen = static_cast<int>(codes.size());
    names.push_back(op.name);
    codes.push_back(op.code);
  }
  if (auto i = widgets::select("link.operator", T("link.operator"), names, chosen, field_error(f, "operator"), true))
    a.edit("link", "operator", codes[static_cast<size_t>(*i)]);

  widgets::FieldOptions mp;
  mp.label = T("link.metering_point");
  const std::string mp_hint(
      T(energy == "gas" ? "link.metering_point_hint.gas" : "link.metering_point_hint.electricity"));
  mp.hint = mp_hint;
  mp.required = true;
  mp.max_length = 40;
  const std::string mp_error = field_error(f, "metering_point");
  mp.error = mp_error;
  if (auto v = widgets::text_field("link.metering_point", f.get("metering_point"), mp))
    a.edit("link", "metering_point", *v);

  widgets::FieldOptions cn;
  cn.label = T("link.contract_number");
  cn.hint = T("link.contract_number_hint");
  cn.required = true;
  cn.max_length = 30;
  const std::string cn_error = field_error(f, "contract_number");
  cn.error = cn_error;
  if (auto v = widgets::text_field("link.contract_number", f.get("contract_number"), cn))
    a.edit("link", "contract_number", *v);

  const bool add = widgets::button("link.submit", T("link.submit"), widgets::ButtonKind::primary, false, f.busy);
  widgets::end_form();
  if (add || widgets::field_submitted("link.metering_point") || widgets::field_submitted("link.contract_number"))
    a.submit("link");

  widgets::next_column();
  draw_where_to_find(energy);
  widgets::end_columns();
  widgets::end_card();
}

}  // namespace client::screens
