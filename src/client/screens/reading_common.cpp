// The words, formats and blocks the contracts and readings screens share (reading_common.h).
#include "client/screens/reading_common.h"

#include <algorithm>
#include <cctype>
#include <numeric>

#include "client/widgets/widgets.h"

namespace client::screens::reading {

using widgets::T;
using widgets::Tf;

// [SECTION] Words and formats

std::string date_text(const core::Date& d) {
  return Tf("readings.date", {{"day", d.day},
                              {"month", T("readings.month." + std::to_string(d.month))},
                              {"month_number", d.month},
                              {"year", d.year}});
}

std::string date_text(const std::string& iso) {
  core::Date d;
  return core::parse_date(iso, d) ? date_text(d) : iso;
}

std::string month_text(int year, int month) {
  return Tf("readings.month_year", {{"month", T("readings.month." + std::to_string(month))}, {"year", year}});
}

std::string error_text(const core::Error& e, int retry_after_s) {
  nlohmann::json p = e.params.is_object() ? e.params : nlohmann::json::object();
  for (auto& [k, v] : p.items())
    if (v.is_string()) v = date_text(v.get<std::string>());  // opens_on, closes_on as people read dates
  if (retry_after_s > 0) p["retry_after_minutes"] = (retry_after_s + 59) / 60;
  return Tf("error." + e.code, p);
}

std::string metering_point_text(const std::string& number) {
  const bool seven_digits = number.size() == 7 && std::all_of(number.begin(), number.end(), [](char ch) {
                              return std::isdigit(static_cast<unsigned char>(ch)) != 0;
                            });
  return seven_digits ? number.substr(0, 1) + "-" + number.substr(1) : number;
}

std::string address_text(const core::api::Address& a) {
  std::string out = a.street;
  const std::string place = a.postal_code.empty() ? a.city : a.postal_code + " " + a.city;
  if (!place.empty() && place != " ") out += (out.empty() ? "" : ", ") + place;
  return out;
}

std::string energy_text(core::Energy e) {
  return std::string(T(std::string("contracts.energy.") + core::energy_code(e)));
}

std::string unit_text(core::Energy e) {
  return std::string(T(std::string("readings.unit.") + core::energy_code(e)));
}

std::string register_text(const std::string& code) {
  return std::string(T("readings.register." + code));
}

std::string register_long(const std::string& code) {
  return std::string(T("readings.register_long." + code));
}

std::string register_in(const std::string& code) {
  return std::string(T("readings.register_in." + code));
}

std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

std::string window_text(const core::WindowStatus& w) {
  if (!w.span) return std::string(T("contracts.window.none"));
  if (w.open_now) return Tf("contracts.window.open", {{"closes_on", date_text(w.span->closes_on)}});
  return Tf("contracts.window.next",
            {{"opens_on", date_text(w.span->opens_on)}, {"closes_on", date_text(w.span->closes_on)}});
}

std::string rule_text(const core::WindowRule& r, const core::Date& month_of) {
  using K = core::WindowRule::Kind;
  switch (r.kind) {
    case K::none:
      return std::string(T("submit.rule.none"));
    case K::days:
      return Tf("submit.rule.days", {{"from", r.from_day}, {"to", r.to_day}});
    case K::last_days: {
      const char* form = r.count == 1 ? "one" : r.count == 2 ? "two" : r.count <= 4 ? "few" : "many";
      return Tf(std::string("submit.rule.last_days.") + form, {{"count", r.count}});
    }
    case K::month_end_span:
      return Tf(r.count <= 1 ? "submit.rule.month_end_span.one" : "submit.rule.month_end_span.many",
                {{"count", r.count}, {"to", r.to_day}});
    case K::per_month: {
      const auto& m = r.months[static_cast<size_t>(std::clamp(month_of.month, 1, 12) - 1)];
      if (m.first <= 0) return std::string(T("submit.rule.per_month_plain"));
      return Tf("submit.rule.per_month", {{"month", T("submit.rule.in_month." + std::to_string(month_of.month))},
                                          {"from", m.first},
                                          {"to", m.second}});
    }
  }
  return {};
}

const core::Operator* find_operator(const AppState& s, const std::string& code) {
  for (const auto& op : s.rules.operators)
    if (op.code == code) return &op;
  return nullptr;
}

int max_reading_age_days(const AppState& s) {
  auto it = s.rules.limits.find("max_reading_age_days");
  return it != s.rules.limits.end() && it->is_number_integer() ? it->get<int>() : 5;
}

// [SECTION] Blocks

bool draw_load_state(const char* id, const Load& load, std::string_view loading_text, std::string_view failed_text,
                     Actions& a, const char* retry_what, const std::string& retry_id) {
  const std::string base = id;
  if (!load.errors.empty() && !load.loading) {
    widgets::alert((base + ".error").c_str(), widgets::Tone::error,
                   std::string(failed_text) + " " + error_text(load.errors.front()));
    if (widgets::button((base + ".retry").c_str(), T("shell.retry"), widgets::ButtonKind::secondary))
      a.retry(retry_what, retry_id);
    return !load.loaded;
  }
  if (!load.loaded) {
    widgets::spinner((base + ".loading").c_str(), loading_text);
    return true;
  }
  return false;
}

bool draw_contracts_to_pick(const std::string& prefix, const AppState& s, Actions& a) {
  const bool waiting = draw_load_state((prefix + ".contracts").c_str(), s.contracts_load, T("contracts.loading"),
                                       T("contracts.load_failed"), a, "contracts");
  if (!waiting && s.contracts.empty()) {
    widgets::paragraph(T("submit.no_contracts"));
    if (widgets::button((prefix + ".link").c_str(), T("submit.link"))) a.navigate(Screen::link_contract);
  }
  return !waiting && !s.contracts.empty();
}

void draw_reminders(const AppState& s, Actions& a, const core::api::Contract& c, const std::string& prefix) {
  if (!c.window.span) return;  // the operator reads the meter: nothing to remind of
  const std::string& mp = c.metering_point.id;
  if (auto v = widgets::toggle((prefix + ".reminder_email").c_str(), T("contracts.reminder_email"), c.reminder_email))
    a.set_reminders(mp, *v, c.reminder_sms);
  const bool phone_ok = s.user.phone_confirmed;
  if (auto v = widgets::toggle((prefix + ".reminder_sms").c_str(), T("contracts.reminder_sms"), c.reminder_sms,
                               !phone_ok && !c.reminder_sms))
    a.set_reminders(mp, c.reminder_email, *v);
  if (!phone_ok) {
    widgets::muted(T("contracts.sms_needs_phone"));
    if (widgets::link((prefix + ".to_settings").c_str(), T("contracts.to_settings"))) a.navigate(Screen::settings);
  }
}

namespace {

// -1, 0, 1 comparing two readings on one of the Store's sort columns.
// Readings typed without network that have not reached the server (state/offline.h): on top of
// the table, one row per register, each with its status in the last column.
struct QueuedRows {
  std::vector<core::api::Reading> rows;
  std::vector<std::string> status;
};

QueuedRows queued_rows(const AppState& s, const core::api::Contract& c, const std::vector<core::api::Reading>& known) {
  using Status = PendingReading::Status;
  QueuedRows out;
  for (const PendingReading* p : pending_of(s.offline, c.metering_point.id)) {
    core::api::Reading r;
    core::ReadingType type;
    if (!core::parse_date(p->submission.date_text, r.date) || !core::parse_reading_type(p->submission.type_text, type))
      continue;
    r.type = type;
    const char* status = p->status == Status::waiting   ? "offline.status.waiting"
                         : p->status == Status::sending ? "offline.status.sending"
                                                        : "offline.status.returned";
    for (const auto& reg : c.metering_point.registers) {
      auto v = p->submission.values.find(reg);
      if (v == p->submission.values.end() || !v->is_number_integer() || !core::parse_register(reg, r.reg)) continue;
      r.value = v->get<int64_t>();
      r.difference.reset();
      for (const auto& k : known)  // newest first: the register's previous reading
        if (k.reg == r.reg) {
          if (r.value >= k.value || core::is_roll_over(k.value, r.value, c.metering_point.digits))
            r.difference = core::meter_difference(k.value, r.value, c.metering_point.digits);
          break;
        }
      out.rows.push_back(r);
      out.status.emplace_back(T(status));
    }
  }
  return out;
}

int compare(const core::api::Reading& x, const core::api::Reading& y, int column) {
  auto cmp = [](auto p, auto q) { return p < q ? -1 : q < p ? 1 : 0; };
  switch (column) {
    case 0:
      return cmp(x.date.serial(), y.date.serial());
    case 1:
      return cmp(static_cast<int>(x.reg), static_cast<int>(y.reg));
    case 2:
      return cmp(x.value, y.value);
    case 3:
      return cmp(x.difference.value_or(-1), y.difference.value_or(-1));
    case 4:
      return cmp(static_cast<int>(x.source), static_cast<int>(y.source));
    case 5:
      return cmp(x.type ? static_cast<int>(*x.type) : -1, y.type ? static_cast<int>(*y.type) : -1);
    default:
      return 0;
  }
}

}  // namespace

int draw_readings_table(const AppState& s, Actions& a, const core::api::Contract& c, const char* id, int limit,
                        bool sortable) {
  const std::string& mp = c.metering_point.id;
  auto it = s.readings.find(mp);
  if (it == s.readings.end()) return 0;
  const ReadingsView& v = it->second;
  const auto& rows = v.rows;
  const QueuedRows queued = queued_rows(s, c, rows);
  if (rows.empty() && queued.rows.empty()) {
    widgets::paragraph(T("readings.none"));
    return 0;
  }
  const bool phone = widgets::is_phone();
  // The manual's columns; the Store's sort column of each (-1: not sortable). On phones the
  // consumption point, the same on every row, is shown once above the table instead.
  struct Col {
    const char* key;
    float weight;
    int sort;
    bool numeric;
  };
  std::vector<Col> cols = {{"readings.col.date", 1.25f, 0, false},   {"readings.col.point", 1.45f, -1, false},
                           {"readings.col.value", 1.1f, 2, true},    {"readings.col.difference", 1.1f, 3, true},
                           {"readings.col.source", 1.0f, 4, false},  {"readings.col.type", 1.3f, 5, false},
                           {"readings.col.tariff", 0.75f, 1, false}, {"readings.col.delete", 1.0f, -1, false}};
  if (phone) cols.erase(cols.begin() + 1);
  const std::string unit = unit_text(c.energy);
  std::vector<widgets::Column> columns;
  std::vector<std::string> labels;
  labels.reserve(cols.size());
  for (const Col& col : cols) {
    std::string label(T(col.key));
    if (col.sort == 2 || col.sort == 3) label += " (" + unit + ")";
    labels.push_back(std::move(label));
  }
  for (size_t i = 0; i < cols.size(); ++i)
    columns.push_back({labels[i], cols[i].weight, sortable && cols[i].sort >= 0, cols[i].numeric});

  widgets::TableSort sort;
  if (sortable) {
    for (size_t i = 0; i < cols.size(); ++i)
      if (cols[i].sort == v.sort_column) sort.column = static_cast<int>(i);
    sort.descending = v.sort_descending;
  }
  std::vector<size_t> order(rows.size());
  std::iota(order.begin(), order.end(), size_t{0});
  if (sortable)
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
      const int r = compare(rows[x], rows[y], v.sort_column);
      return v.sort_descending ? r > 0 : r < 0;
    });
  const size_t shown = limit > 0 ? std::min(order.size(), static_cast<size_t>(limit)) : order.size();

  const std::string caption = Tf("readings.table.caption", {{"number", metering_point_text(c.metering_point.number)}});
  if (widgets::begin_table(id, caption, columns, sort) && sort.column >= 0 && cols[static_cast<size_t>(sort.column)].sort >= 0)
    a.sort_readings(mp, cols[static_cast<size_t>(sort.column)].sort);
  const std::string street = c.metering_point.address.street;
  const size_t first = queued.rows.size();  // the waiting ones come first
  for (size_t n = 0; n < first + shown; ++n) {
    const core::api::Reading& r = n < first ? queued.rows[n] : rows[order[n - first]];
    widgets::table_row(static_cast<int>(n));
    for (const Col& col : cols) {
      const std::string_view key = col.key;
      if (key == "readings.col.date") {
        widgets::table_cell(date_text(r.date));
      } else if (key == "readings.col.point") {
        widgets::table_cell(street);
      } else if (key == "readings.col.value") {
        widgets::table_cell(std::to_string(r.value));
      } else if (key == "readings.col.difference") {
        widgets::table_cell(r.difference ? "+" + std::to_string(*r.difference) : std::string(T("readings.no_value")));
      } else if (key == "readings.col.source") {
        widgets::table_cell(T(std::string("readings.source.") + core::reading_source_code(r.source)));
      } else if (key == "readings.col.type") {
        widgets::table_cell(r.type ? T(std::string("readings.type.") + core::reading_type_code(*r.type))
                                   : T("readings.no_value"));
      } else if (key == "readings.col.tariff") {
        widgets::table_cell(register_text(core::register_code(r.reg)));
      } else if (n < first) {
        widgets::table_cell(queued.status[n]);
      } else if (r.deletable && r.submission_id) {
        if (widgets::table_cell_button("delete", T("readings.delete"))) a.ask("delete_submission", *r.submission_id);
      }  // else: the last cell stays empty (on phones no empty "delete" line)
    }
  }
  widgets::end_table();
  return static_cast<int>(rows.size());
}

}  // namespace client::screens::reading
