#include "core/energy.h"

#include <set>

namespace core {

const char* energy_code(Energy e) {
  return e == Energy::gas ? "gas" : "electricity";
}

bool parse_energy(std::string_view code, Energy& out) {
  if (code == "electricity") {
    out = Energy::electricity;
    return true;
  }
  if (code == "gas") {
    out = Energy::gas;
    return true;
  }
  return false;
}

Errors check_energy(std::string_view text, Energy& out, std::string_view field) {
  if (text.empty()) return {make_error(codes::field_required, field)};
  if (!parse_energy(text, out)) return {make_error(codes::energy_invalid, field)};
  return {};
}

// [SECTION] Reading windows
namespace {

Date clamped_day(int year, int month, int day) {
  const int dim = days_in_month(year, month);
  return Date{year, month, day < 1 ? 1 : (day > dim ? dim : day)};
}

// Months are numbered year * 12 + (month - 1) so that stepping across a year end is +1.
int64_t month_index(const Date& d) {
  return static_cast<int64_t>(d.year) * 12 + (d.month - 1);
}

void month_of_index(int64_t index, int& year, int& month) {
  const int64_t y = index >= 0 ? index / 12 : (index - 11) / 12;  // floor
  year = static_cast<int>(y);
  month = static_cast<int>(index - y * 12) + 1;
}

// A rule's months are independent of each other, so windows repeat within this many months.
constexpr int kSearchMonths = 14;

}  // namespace

std::optional<WindowSpan> window_of_month(const WindowRule& rule, int year, int month) {
  if (month < 1 || month > 12) return std::nullopt;
  const int dim = days_in_month(year, month);
  switch (rule.kind) {
    case WindowRule::Kind::none:
      return std::nullopt;
    case WindowRule::Kind::days:
      if (rule.from_day < 1 || rule.to_day < rule.from_day) return std::nullopt;
      return WindowSpan{clamped_day(year, month, rule.from_day), clamped_day(year, month, rule.to_day)};
    case WindowRule::Kind::last_days:
      if (rule.count < 1) return std::nullopt;
      return WindowSpan{clamped_day(year, month, dim - rule.count + 1), Date{year, month, dim}};
    case WindowRule::Kind::per_month: {
      const auto& range = rule.months[static_cast<size_t>(month - 1)];
      if (range.first < 1 || range.second < range.first) return std::nullopt;  // no window this month
      return WindowSpan{clamped_day(year, month, range.first), clamped_day(year, month, range.second)};
    }
    case WindowRule::Kind::month_end_span: {
      if (rule.count < 1 || rule.to_day < 1) return std::nullopt;
      const Date next = add_months(Date{year, month, 1}, 1);
      return WindowSpan{clamped_day(year, month, dim - rule.count + 1),
                        clamped_day(next.year, next.month, rule.to_day)};
    }
  }
  return std::nullopt;
}

std::optional<WindowSpan> window_containing(const WindowRule& rule, const Date& day) {
  // A window belongs to the month it opens in and may reach into the next one.
  const int64_t here = month_index(day);
  for (int64_t index = here - 1; index <= here; ++index) {
    int y = 0, m = 0;
    month_of_index(index, y, m);
    const auto span = window_of_month(rule, y, m);
    if (span && span->opens_on <= day && day <= span->closes_on) return span;
  }
  return std::nullopt;
}

std::optional<WindowSpan> next_window_after(const WindowRule& rule, const Date& day) {
  const int64_t here = month_index(day);
  for (int64_t index = here; index <= here + kSearchMonths; ++index) {
    int y = 0, m = 0;
    month_of_index(index, y, m);
    const auto span = window_of_month(rule, y, m);
    if (span && span->opens_on > day) return span;
  }
  return std::nullopt;
}

WindowStatus window_status(const WindowRule& rule, const Date& today) {
  WindowStatus status;
  if (auto now = window_containing(rule, today)) {
    status.open_now = true;
    status.span = now;
  } else {
    status.span = next_window_after(rule, today);
  }
  return status;
}

nlohmann::json to_json(const WindowStatus& w) {
  nlohmann::json j = {{"open_now", w.open_now}, {"opens_on", nullptr}, {"closes_on", nullptr}};
  if (w.span) {
    j["opens_on"] = format_date(w.span->opens_on);
    j["closes_on"] = format_date(w.span->closes_on);
  }
  return j;
}

bool window_status_from_json(const nlohmann::json& j, WindowStatus& out) {
  if (!j.is_object()) return false;
  WindowStatus w;
  auto open = j.find("open_now");
  if (open != j.end()) {
    if (!open->is_boolean()) return false;
    w.open_now = open->get<bool>();
  }
  auto opens = j.find("opens_on");
  auto closes = j.find("closes_on");
  const bool has_opens = opens != j.end() && !opens->is_null();
  const bool has_closes = closes != j.end() && !closes->is_null();
  if (has_opens != has_closes) return false;
  if (has_opens) {
    if (!opens->is_string() || !closes->is_string()) return false;
    WindowSpan span;
    if (!parse_date(opens->get_ref<const std::string&>(), span.opens_on) ||
        !parse_date(closes->get_ref<const std::string&>(), span.closes_on))
      return false;
    w.span = span;
  }
  out = w;
  return true;
}

// [SECTION] Rule JSON
namespace {

const char* kind_code(WindowRule::Kind k) {
  switch (k) {
    case WindowRule::Kind::none:
      return "none";
    case WindowRule::Kind::days:
      return "days";
    case WindowRule::Kind::last_days:
      return "last_days";
    case WindowRule::Kind::per_month:
      return "per_month";
    case WindowRule::Kind::month_end_span:
      return "month_end_span";
  }
  return "none";
}

// Reads an integer member in [lo, hi]; false with a message otherwise.
bool day_member(const nlohmann::json& j, const char* name, int lo, int hi, int& out, std::string& error) {
  auto it = j.find(name);
  if (it == j.end()) {
    error = std::string("window: missing \"") + name + "\"";
    return false;
  }
  if (!it->is_number_integer() || it->get<int64_t>() < lo || it->get<int64_t>() > hi) {
    error = std::string("window: \"") + name + "\" must be a whole number " + std::to_string(lo) + ".." +
            std::to_string(hi);
    return false;
  }
  out = static_cast<int>(it->get<int64_t>());
  return true;
}

bool only_members(const nlohmann::json& j, std::initializer_list<const char*> allowed, std::string& error) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = false;
    for (const char* name : allowed) known = known || it.key() == name;
    if (!known) {
      error = "window: unknown member \"" + it.key() + "\"";
      return false;
    }
  }
  return true;
}

}  // namespace

bool window_rule_from_json(const nlohmann::json& j, WindowRule& out, std::string& error) {
  if (!j.is_object()) {
    error = "window: not an object";
    return false;
  }
  auto kind = j.find("kind");
  if (kind == j.end() || !kind->is_string()) {
    error = "window: \"kind\" missing or not a string";
    return false;
  }
  const std::string& k = kind->get_ref<const std::string&>();
  WindowRule rule;
  if (k == "none") {
    rule.kind = WindowRule::Kind::none;
    if (!only_members(j, {"kind"}, error)) return false;
  } else if (k == "days") {
    rule.kind = WindowRule::Kind::days;
    if (!only_members(j, {"kind", "from", "to"}, error) || !day_member(j, "from", 1, 31, rule.from_day, error) ||
        !day_member(j, "to", 1, 31, rule.to_day, error))
      return false;
    if (rule.to_day < rule.from_day) {
      error = "window: \"from\" after \"to\"";
      return false;
    }
  } else if (k == "last_days") {
    rule.kind = WindowRule::Kind::last_days;
    if (!only_members(j, {"kind", "count"}, error) || !day_member(j, "count", 1, 28, rule.count, error)) return false;
  } else if (k == "per_month") {
    rule.kind = WindowRule::Kind::per_month;
    if (!only_members(j, {"kind", "months"}, error)) return false;
    auto months = j.find("months");
    if (months == j.end() || !months->is_array() || months->size() != 12) {
      error = "window: \"months\" must list 12 [from, to] pairs, January first";
      return false;
    }
    for (size_t i = 0; i < 12; ++i) {
      const auto& pair = (*months)[i];
      const bool ok = pair.is_array() && pair.size() == 2 && pair[0].is_number_integer() &&
                      pair[1].is_number_integer() && pair[0].get<int64_t>() >= 1 &&
                      pair[1].get<int64_t>() >= pair[0].get<int64_t>() && pair[1].get<int64_t>() <= 31;
      if (!ok) {
        error = "window: months[" + std::to_string(i) + "] must be [from, to] with 1 <= from <= to <= 31";
        return false;
      }
      rule.months[i] = {static_cast<int>(pair[0].get<int64_t>()), static_cast<int>(pair[1].get<int64_t>())};
    }
  } else if (k == "month_end_span") {
    rule.kind = WindowRule::Kind::month_end_span;
    if (!only_members(j, {"kind", "count", "to"}, error) || !day_member(j, "count", 1, 27, rule.count, error) ||
        !day_member(j, "to", 1, 27, rule.to_day, error))
      return false;
    // Keeps one month's window from reaching the next one's (the shortest month has 28 days).
    if (rule.count + rule.to_day > 28) {
      error = "window: \"count\" + \"to\" must not exceed 28";
      return false;
    }
  } else {
    error = "window: unknown kind \"" + k + "\"";
    return false;
  }
  out = rule;
  return true;
}

nlohmann::json to_json(const WindowRule& rule) {
  nlohmann::json j = {{"kind", kind_code(rule.kind)}};
  switch (rule.kind) {
    case WindowRule::Kind::none:
      break;
    case WindowRule::Kind::days:
      j["from"] = rule.from_day;
      j["to"] = rule.to_day;
      break;
    case WindowRule::Kind::last_days:
      j["count"] = rule.count;
      break;
    case WindowRule::Kind::per_month: {
      nlohmann::json months = nlohmann::json::array();
      for (const auto& [from, to] : rule.months) months.push_back({from, to});
      j["months"] = std::move(months);
      break;
    }
    case WindowRule::Kind::month_end_span:
      j["count"] = rule.count;
      j["to"] = rule.to_day;
      break;
  }
  return j;
}

bool operator==(const WindowRule& a, const WindowRule& b) {
  return to_json(a) == to_json(b);
}

// [SECTION] Operators
bool operator_from_json(const nlohmann::json& j, Operator& out, std::string& error, bool strict) {
  if (!j.is_object()) {
    error = "not an object";
    return false;
  }
  for (auto it = j.begin(); strict && it != j.end(); ++it) {
    if (it.key() != "code" && it.key() != "name" && it.key() != "energy" && it.key() != "window") {
      error = "unknown member \"" + it.key() + "\"";
      return false;
    }
  }
  Operator op;
  auto code = j.find("code");
  if (code == j.end() || !code->is_string()) {
    error = "\"code\" missing or not a string";
    return false;
  }
  op.code = code->get<std::string>();
  bool code_ok = op.code.size() >= 2 && op.code.size() <= 8;
  for (char c : op.code) code_ok = code_ok && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
  if (!code_ok) {
    error = "\"code\" must be 2-8 capital letters or digits";
    return false;
  }
  auto name = j.find("name");
  if (name == j.end() || !name->is_string() || name->get_ref<const std::string&>().empty()) {
    error = op.code + ": \"name\" missing or empty";
    return false;
  }
  op.name = name->get<std::string>();
  auto energy = j.find("energy");
  if (energy == j.end() || !energy->is_string() || !parse_energy(energy->get_ref<const std::string&>(), op.energy)) {
    error = op.code + ": \"energy\" must be \"electricity\" or \"gas\"";
    return false;
  }
  auto window = j.find("window");
  if (window == j.end()) {
    error = op.code + ": \"window\" missing";
    return false;
  }
  std::string why;
  if (!window_rule_from_json(*window, op.window, why)) {
    error = op.code + ": " + why;
    return false;
  }
  out = std::move(op);
  return true;
}

nlohmann::json to_json(const Operator& op) {
  return {{"code", op.code}, {"name", op.name}, {"energy", energy_code(op.energy)}, {"window", to_json(op.window)}};
}

bool OperatorCatalog::load(std::string_view json_text, std::string& error) {
  const auto j = nlohmann::json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    error = "operators: not a JSON object";
    return false;
  }
  auto list = j.find("operators");
  if (list == j.end() || !list->is_array() || list->empty()) {
    error = "operators: \"operators\" must be a non-empty array";
    return false;
  }
  if (j.size() != 1) {
    error = "operators: only the member \"operators\" is allowed";
    return false;
  }
  std::vector<Operator> loaded;
  std::set<std::string> seen;
  for (size_t i = 0; i < list->size(); ++i) {
    Operator op;
    std::string why;
    if (!operator_from_json((*list)[i], op, why)) {
      error = "operators[" + std::to_string(i) + "]: " + why;
      return false;
    }
    if (!seen.insert(op.code).second) {
      error = "operators[" + std::to_string(i) + "]: " + op.code + " listed twice";
      return false;
    }
    loaded.push_back(std::move(op));
  }
  operators_ = std::move(loaded);
  return true;
}

const Operator* OperatorCatalog::find(std::string_view code) const {
  for (const auto& op : operators_)
    if (op.code == code) return &op;
  return nullptr;
}

Errors OperatorCatalog::check(std::string_view code, const std::optional<Energy>& energy, const Operator*& out,
                              std::string_view field) const {
  out = nullptr;
  while (!code.empty() && (code.front() == ' ' || code.front() == '\t')) code.remove_prefix(1);
  while (!code.empty() && (code.back() == ' ' || code.back() == '\t')) code.remove_suffix(1);
  if (code.empty()) return {make_error(codes::field_required, field)};
  std::string upper(code);
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  const Operator* op = find(upper);
  if (!op) return {make_error(codes::operator_unknown, field)};
  if (energy && op->energy != *energy) return {make_error(codes::operator_energy_mismatch, field)};
  out = op;
  return {};
}

nlohmann::json OperatorCatalog::to_json() const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& op : operators_) list.push_back(core::to_json(op));
  return list;
}

}  // namespace core
