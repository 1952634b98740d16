// ODDAJ ŠTEVČNO STANJE (the manual's section 6): choose a linked metering point (its street is
// shown), one STANJE field per register with the previous reading beside it and an inline hint
// for a typed decimal digit, the reading date (today or up to 5 days back, as a choice), the
// type (oddaja / lastna evidenca), "Kdaj lahko sporočim števčno stanje?" with the operator's
// window and the reminder switches, the server's unusual-reading and tariff questions with a
// confirm step, outside the window the next window's dates and a one-tap own record, ODDAJ,
// a confirmation with the differences, and the latest existing readings.
#include "client/screens/offline_notes.h"
#include "client/screens/reading_common.h"
#include "client/screens/screens.h"
#include "client/state/store.h"
#include "client/widgets/widgets.h"

namespace client::screens {

using widgets::T;
using widgets::Tf;

namespace {

constexpr float kCardWidth = 960;

std::string field_error(const Form& f, const std::string& field) {
  const core::Error* e = f.error_for(field);
  return e ? reading::error_text(*e, f.retry_after_s) : std::string();
}

// The newest reading of a register (rows come newest first).
const core::api::Reading* previous_of(const AppState& s, const std::string& mp, const std::string& reg) {
  auto it = s.readings.find(mp);
  if (it == s.readings.end()) return nullptr;
  for (const auto& r : it->second.rows)
    if (core::register_code(r.reg) == reg) return &r;
  return nullptr;
}

// "Prejšnje stanje: 26600 kWh (31. 10. 2026) · poraba: 300 kWh" as the customer types.
std::string previous_hint(const AppState& s, const core::api::Contract& c, const std::string& reg,
                          const std::string& typed) {
  const auto it = s.readings.find(c.metering_point.id);
  if (it == s.readings.end() || !it->second.load.loaded) return {};
  const std::string unit = reading::unit_text(c.energy);
  const core::api::Reading* prev = previous_of(s, c.metering_point.id, reg);
  if (!prev) return std::string(T("submit.previous_none"));
  std::string hint =
      Tf("submit.previous", {{"value", prev->value}, {"unit", unit}, {"date", reading::date_text(prev->date)}});
  const nlohmann::json v = reading_value(typed);
  if (v.is_number_integer()) {
    const int64_t value = v.get<int64_t>();
    const int digits = c.metering_point.digits;
    if (value >= prev->value || core::is_roll_over(prev->value, value, digits))
      hint += " \xC2\xB7 " + Tf("submit.consumption",
                                {{"difference", core::meter_difference(prev->value, value, digits)}, {"unit", unit}});
  }
  return hint;
}

void draw_values(const AppState& s, Actions& a, const core::api::Contract& c, const Form& f) {
  const auto& regs = c.metering_point.registers;
  widgets::begin_columns("submit.values", regs.size() > 1 ? 2 : 1);
  for (size_t i = 0; i < regs.size(); ++i) {
    if (i > 0) widgets::next_column();
    const std::string& reg = regs[i];
    const std::string field = "values." + reg;
    const std::string id = "submit.value." + reg;
    const std::string label(T("submit.value." + reg));
    const std::string hint = previous_hint(s, c, reg, f.get(field));
    const std::string error = field_error(f, field);
    widgets::FieldOptions o;
    o.label = label;
    o.hint = hint;
    o.error = error;
    o.input_type = "numeric";
    o.required = true;
    o.max_length = 12;
    if (auto v = widgets::text_field(id.c_str(), f.get(field), o)) a.edit("submit", field, *v);
    if (widgets::field_submitted(id.c_str())) a.submit("submit");
  }
  widgets::end_columns();
}

void draw_date_and_type(const AppState& s, Actions& a, const Form& f) {
  // Today and the days the rules allow back: a choice, not free typing.
  std::vector<std::string> labels, dates;
  int chosen = -1;
  if (s.rules_load.loaded) {
    const int days = reading::max_reading_age_days(s);
    for (int i = 0; i <= days; ++i) {
      const core::Date d = s.rules.today.plus_days(-i);
      const std::string text = reading::date_text(d);
      if (i == 0)
        labels.push_back(Tf("submit.date.today", {{"date", text}}));
      else if (i == 1)
        labels.push_back(Tf("submit.date.yesterday", {{"date", text}}));
      else
        labels.push_back(
            Tf("submit.date.weekday",
               {{"weekday", T("readings.weekday." + std::to_string(core::day_of_week(d)))}, {"date", text}}));
      dates.push_back(core::format_date(d));
      if (dates.back() == f.get("date")) chosen = i;
    }
  }
  if (auto i = widgets::select("submit.date", T("submit.date"), labels, chosen, field_error(f, "date"), true))
    a.edit("submit", "date", dates[static_cast<size_t>(*i)]);

  const std::vector<std::string> types = {std::string(T("readings.type.submission")),
                                          std::string(T("readings.type.own_record"))};
  if (auto i = widgets::radio_group("submit.type", T("submit.type"), types, f.get("type") == "own_record" ? 1 : 0,
                                    field_error(f, "type")))
    a.edit("submit", "type", *i == 1 ? "own_record" : "submission");
  widgets::muted(T("submit.type_hint"));

  // A lower reading is refused unless the meter was exchanged: the way out, where it is needed.
  if (f.flag("meter_replaced") || core::has_code(f.errors(), core::codes::reading_lower_than_previous))
    if (auto v = widgets::checkbox("submit.meter_replaced", T("submit.meter_replaced"), f.flag("meter_replaced")))
      a.toggle("submit", "meter_replaced", *v);
}

// The server's questions (409): an unusual value or the ET total in VT/MT; confirm or correct.
bool draw_conflicts(const AppState& s, Actions& a, const core::api::Contract& c, const Form& f) {
  if (s.submit.conflicts.empty()) return false;
  const std::string unit = reading::unit_text(c.energy);
  for (const auto& e : s.submit.conflicts) {
    const std::string reg = e.params.value("register", "");
    std::string text;
    if (e.code == core::codes::reading_unusual)
      text = Tf("submit.unusual", {{"register", reading::register_in(reg)},
                                   {"value", f.get("values." + reg)},
                                   {"unit", unit},
                                   {"expected_min", e.params.value("expected_min", 0)},
                                   {"expected_max", e.params.value("expected_max", 0)}});
    else if (e.code == core::codes::reading_tariff_mixup)
      text = Tf("submit.tariff_mixup", {{"register", reading::register_in(reg)}});
    else
      text = reading::error_text(e);
    widgets::alert(("submit.conflict." + e.code + "." + reg).c_str(), widgets::Tone::warning, text);
  }
  widgets::muted(T("submit.check_or_confirm"));
  if (widgets::button("submit.confirm_unusual", T("submit.confirm_unusual"), widgets::ButtonKind::primary, false,
                      f.busy))
    a.confirm_unusual();
  return true;
}

// Outside the operator's window a submission is refused: the next window's dates and the own
// record in one tap. Known before sending (the contract's window), confirmed by the server.
bool draw_outside(const AppState& s, Actions& a, const core::api::Contract& c, const Form& f) {
  std::string text;
  if (s.submit.outside) {
    text = reading::error_text(*s.submit.outside);
  } else if (f.get("type") != "own_record" && !c.window.open_now) {
    text = c.window.span
               ? Tf("error.reading.outside_window", {{"opens_on", reading::date_text(c.window.span->opens_on)},
                                                     {"closes_on", reading::date_text(c.window.span->closes_on)}})
               : std::string(T("error.reading.no_self_readings"));
  } else {
    return false;
  }
  widgets::alert("submit.outside", widgets::Tone::warning, text);
  if (widgets::button("submit.keep_own", T("submit.keep_own"), widgets::ButtonKind::primary, false, f.busy))
    a.keep_as_own_record();
  return true;
}

void draw_result(const AppState& s, Actions& a, const core::api::Contract& c, const Form& f) {
  if (!f.done || !s.submit.result || s.submit.result->readings.empty()) return;
  const auto& res = *s.submit.result;
  const auto& first = res.readings.front();
  const bool own = first.type && *first.type == core::ReadingType::own_record;
  const std::string unit = reading::unit_text(c.energy);
  std::string text =
      Tf(own ? "submit.done.own_record" : "submit.done.submission", {{"date", reading::date_text(first.date)}});
  for (const auto& r : res.readings) {
    const std::string reg = reading::capitalised(reading::register_long(core::register_code(r.reg)));
    text += "\n" + (r.difference
                        ? Tf("submit.done.line",
                             {{"register", reg}, {"value", r.value}, {"unit", unit}, {"difference", *r.difference}})
                        : Tf("submit.done.line_first", {{"register", reg}, {"value", r.value}, {"unit", unit}}));
  }
  if (!res.warnings.empty()) text += "\n" + std::string(T("submit.done.confirmed"));
  widgets::alert("submit.done", widgets::Tone::success, text);
  if (widgets::link("submit.to_readings", T("submit.all_readings"))) a.navigate(Screen::readings, c.metering_point.id);
}

void draw_when(const AppState& s, Actions& a, const core::api::Contract& c) {
  widgets::heading(T("submit.when.heading"), 2);
  const core::Operator* op = reading::find_operator(s, c.op.code);
  if (!c.window.span) {
    widgets::paragraph(Tf("submit.when.none", {{"operator", c.op.name}}));
    return;
  }
  // Per-month windows: the range of the month whose window is open now or opens next.
  const core::Date month_of = c.window.span->opens_on;
  if (op)
    widgets::paragraph(
        Tf("submit.when.rule", {{"operator", c.op.name}, {"rule", reading::rule_text(op->window, month_of)}}));
  widgets::alert("submit.window", c.window.open_now ? widgets::Tone::success : widgets::Tone::info,
                 reading::window_text(c.window));
  widgets::heading(T("submit.reminders"), 3);
  widgets::muted(T("contracts.reminder_hint"));
  reading::draw_reminders(s, a, c, "submit");
}

}  // namespace

void draw_submit_reading(const AppState& s, Actions& a) {
  widgets::begin_card("submit_reading", kCardWidth);
  widgets::heading(T("screen.submit_reading"));
  widgets::paragraph(Tf("submit.intro", {{"days", reading::max_reading_age_days(s)}}));
  if (!reading::draw_contracts_to_pick("submit", s, a)) {
    widgets::end_card();
    return;
  }

  const std::string mp = s.route.id.empty() ? s.submit.metering_point_id : s.route.id;
  const core::api::Contract* c = s.contract_for(mp);
  std::vector<std::string> options;
  int chosen = -1;
  for (size_t i = 0; i < s.contracts.size(); ++i) {
    const auto& k = s.contracts[i];
    options.push_back(Tf("submit.meter_option", {{"number", reading::metering_point_text(k.metering_point.number)},
                                                 {"address", reading::address_text(k.metering_point.address)}}));
    if (k.metering_point.id == mp) chosen = static_cast<int>(i);
  }
  if (auto i = widgets::select("submit.meter", T("submit.meter"), options, chosen, {}, true))
    a.choose_meter(s.contracts[static_cast<size_t>(*i)].metering_point.id);
  if (!c) {
    widgets::paragraph(T("submit.choose"));
    widgets::end_card();
    return;
  }
  widgets::label_value(T("submit.street"), reading::address_text(c->metering_point.address));
  widgets::label_value(T("contracts.operator"), c->op.name);
  widgets::end_card();

  const Form& f = s.form("submit");
  widgets::begin_card("submit.form_card", kCardWidth);
  widgets::begin_columns("submit.columns", 2);
  widgets::heading(T("submit.form_heading"), 2);
  widgets::begin_form("submit.form");
  offline::draw_returned_note(s, a, *c);  // typed offline, returned by the server
  draw_values(s, a, *c, f);
  draw_date_and_type(s, a, f);
  std::vector<std::string> shown = {"date", "type"};
  for (const auto& reg : c->metering_point.registers) shown.push_back("values." + reg);
  for (const auto& e : f.general_errors(shown))
    widgets::alert(("submit.error." + e.code).c_str(), widgets::Tone::error, reading::error_text(e, f.retry_after_s));
  if (!draw_conflicts(s, a, *c, f) && !draw_outside(s, a, *c, f)) {
    const bool own = f.get("type") == "own_record";
    if (widgets::button("submit.send", T(own ? "submit.send_own" : "submit.send"), widgets::ButtonKind::primary, false,
                        f.busy))
      a.submit("submit");
  }
  widgets::end_form();
  draw_result(s, a, *c, f);
  offline::draw_pending_confirmation(s, *c);  // waits on this device for the network
  widgets::next_column();
  draw_when(s, a, *c);
  widgets::end_columns();
  widgets::end_card();

  widgets::begin_card("submit.recent_card", kCardWidth);
  widgets::heading(T("submit.recent"), 2);
  auto it = s.readings.find(c->metering_point.id);
  static const Load kNotYet;  // read-only: "not loaded" until the Store starts the request
  const Load& load = it == s.readings.end() ? kNotYet : it->second.load;
  if (!reading::draw_load_state("submit.readings", load, T("readings.loading"), T("readings.load_failed"), a,
                                "readings", c->metering_point.id)) {
    reading::draw_readings_table(s, a, *c, "submit.recent", 6, false);
    if (widgets::link("submit.all_readings", T("submit.all_readings")))
      a.navigate(Screen::readings, c->metering_point.id);
  }
  widgets::end_card();
}

}  // namespace client::screens
