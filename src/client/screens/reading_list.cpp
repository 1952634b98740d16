// OBSTOJEČI ODČITKI (the manual's section 6): the readings of the chosen metering point in the
// manual's table (date, consumption point, reading, difference, source, type, tariff, delete),
// sortable, deletable with a confirmation where the server allows it; export to Excel (.xlsx)
// and CSV as real downloads; and the consumption per month and register as a bar chart drawn
// in the canvas (its item's label says the same in words).
#include <cmath>

#include "client/screens/reading_common.h"
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"

namespace client::screens {

using widgets::T;
using widgets::Tf;

namespace {

constexpr float kCardWidth = 1040;
constexpr int kChartMonths = 12;

// Consumption per calendar month and register over the last kChartMonths months up to today's:
// each difference is spread evenly over the days since the register's previous reading, so a
// reading on the 2nd of a month counts mostly for the month before.
struct Consumption {
  int first_month = 0;  // year * 12 + month - 1 of the first bar
  std::vector<widgets::ChartSeries> series;
  bool any = false;
};

Consumption consumption_per_month(const core::api::Contract& c, const ReadingsView& v, const core::Date& today) {
  Consumption out;
  const int last = today.year * 12 + today.month - 1;
  out.first_month = last - (kChartMonths - 1);
  for (const auto& reg : c.metering_point.registers) {
    widgets::ChartSeries s;
    s.label = reading::capitalised(reading::register_long(reg));
    s.values.assign(kChartMonths, std::nullopt);
    std::vector<const core::api::Reading*> asc;  // rows come newest first
    for (auto it = v.rows.rbegin(); it != v.rows.rend(); ++it)
      if (core::register_code(it->reg) == reg) asc.push_back(&*it);
    std::stable_sort(asc.begin(), asc.end(),
                     [](const core::api::Reading* x, const core::api::Reading* y) { return x->date < y->date; });
    auto add = [&](const core::Date& d, double amount) {
      const int i = d.year * 12 + d.month - 1 - out.first_month;
      if (i < 0 || i >= kChartMonths) return;
      s.values[static_cast<size_t>(i)] = s.values[static_cast<size_t>(i)].value_or(0.0) + amount;
      out.any = true;
    };
    for (size_t k = 1; k < asc.size(); ++k) {
      const core::api::Reading& cur = *asc[k];
      if (!cur.difference) continue;  // the first reading after a meter change
      const int64_t days = core::days_between(asc[k - 1]->date, cur.date);
      if (days <= 0) {
        add(cur.date, static_cast<double>(*cur.difference));
        continue;
      }
      const double per_day = static_cast<double>(*cur.difference) / static_cast<double>(days);
      for (int64_t d = 1; d <= days; ++d) add(asc[k - 1]->date.plus_days(d), per_day);
    }
    out.series.push_back(std::move(s));
  }
  return out;
}

void draw_chart(const core::api::Contract& c, const ReadingsView& v, const core::Date& today) {
  const Consumption data = consumption_per_month(c, v, today);
  widgets::heading(T("readings.chart.heading"), 2);
  if (!data.any) {
    widgets::paragraph(T("readings.chart.no_data"));
    return;
  }
  std::vector<std::string> axis, titles;
  for (int i = 0; i < kChartMonths; ++i) {
    const int m = data.first_month + i;
    axis.emplace_back(T("readings.month." + std::to_string(m % 12 + 1)));
    titles.push_back(reading::month_text(m / 12, m % 12 + 1));
  }
  const std::string unit = reading::unit_text(c.energy);
  std::string description =
      Tf("readings.chart.description", {{"unit", unit},
                                        {"number", reading::metering_point_text(c.metering_point.number)},
                                        {"from", titles.front()},
                                        {"to", titles.back()}});
  for (const auto& s : data.series) {
    std::string values;
    for (size_t i = 0; i < s.values.size(); ++i) {
      if (!values.empty()) values += "; ";
      values += titles[i] + ": " +
                (s.values[i] ? std::to_string(std::llround(*s.values[i])) : std::string(T("readings.chart.no_month")));
    }
    description += " " + Tf("readings.chart.series", {{"register", s.label}, {"values", values}});
  }
  widgets::muted(Tf("readings.chart.caption", {{"unit", unit}, {"from", titles.front()}, {"to", titles.back()}}));
  const std::string table = Tf("readings.chart.table", {{"unit", unit}, {"from", titles.front()}, {"to", titles.back()}});
  widgets::bar_chart("readings.chart", description, table, axis, titles, data.series, unit,
                     widgets::is_phone() ? 180 : 240);
}

}  // namespace

void draw_readings(const AppState& s, Actions& a) {
  widgets::begin_card("readings", kCardWidth);
  widgets::heading(T("screen.readings"));
  widgets::paragraph(T("readings.intro"));
  if (!reading::draw_contracts_to_pick("readings", s, a)) {
    widgets::end_card();
    return;
  }
  const core::api::Contract* c = s.contract_for(s.route.id);
  std::vector<std::string> options;
  int chosen = -1;
  for (size_t i = 0; i < s.contracts.size(); ++i) {
    const auto& k = s.contracts[i];
    options.push_back(Tf("submit.meter_option", {{"number", reading::metering_point_text(k.metering_point.number)},
                                                 {"address", reading::address_text(k.metering_point.address)}}));
    if (c && k.id == c->id) chosen = static_cast<int>(i);
  }
  if (auto i = widgets::select("readings.meter", T("submit.meter"), options, chosen))
    a.navigate(Screen::readings, s.contracts[static_cast<size_t>(*i)].metering_point.id);
  if (!c) {
    widgets::paragraph(T("submit.choose"));
    widgets::end_card();
    return;
  }
  widgets::label_value(T("readings.col.point"), reading::address_text(c->metering_point.address));
  widgets::label_value(T("contracts.operator"), c->op.name);
  const std::string& mp = c->metering_point.id;
  widgets::begin_row();
  // A kiosk saves no files: the same exports go to the customer's e-mail (state/kiosk.cpp).
  const bool mail = s.kiosk.on;
  if (widgets::button("readings.export_xlsx", T(mail ? "kiosk.mail_xlsx" : "readings.export_xlsx"),
                      widgets::ButtonKind::secondary))
    a.export_readings(mp, "xlsx");
  if (widgets::button("readings.export_csv", T(mail ? "kiosk.mail_csv" : "readings.export_csv"),
                      widgets::ButtonKind::secondary))
    a.export_readings(mp, "csv");
  if (widgets::link("readings.submit", T("readings.submit"))) a.navigate(Screen::submit_reading, mp);
  widgets::end_row();
  auto it = s.readings.find(mp);
  static const Load kNotYet;  // read-only: "not loaded" until the Store starts the request
  const Load& load = it == s.readings.end() ? kNotYet : it->second.load;
  const bool no_rows = reading::draw_load_state("readings.load", load, T("readings.loading"), T("readings.load_failed"),
                                                a, "readings", mp);
  widgets::end_card();
  if (no_rows) return;
  const ReadingsView& v = it->second;
  widgets::begin_card("readings.chart_card", kCardWidth);
  draw_chart(*c, v, s.today());
  widgets::end_card();
  widgets::begin_card("readings.list", kCardWidth);
  widgets::heading(T("readings.table.heading"), 2);
  const bool all = s.form("readings").flag("show_all");
  const int limit = all ? 0 : (widgets::is_phone() ? 10 : 24);
  const int count = reading::draw_readings_table(s, a, *c, "readings.table", limit, true);
  if (limit > 0 && count > limit) {
    widgets::muted(Tf("readings.shown", {{"shown", limit}, {"count", count}}));
    if (widgets::link("readings.show_all", Tf("readings.show_all", {{"count", count}})))
      a.toggle("readings", "show_all", true);
  }
  widgets::end_card();
}

}  // namespace client::screens
