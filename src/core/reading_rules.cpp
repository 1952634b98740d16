#include "core/reading_rules.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>

namespace core {

// [SECTION] Vocabulary
const char* register_code(Register r) {
  switch (r) {
    case Register::ET:
      return "ET";
    case Register::VT:
      return "VT";
    case Register::MT:
      return "MT";
    case Register::M3:
      return "M3";
  }
  return "ET";
}

bool parse_register(std::string_view code, Register& out) {
  for (Register r : {Register::ET, Register::VT, Register::MT, Register::M3}) {
    if (code == register_code(r)) {
      out = r;
      return true;
    }
  }
  return false;
}

bool parse_register_set(std::string_view text, std::vector<Register>& out) {
  if (text == "ET") {
    out = {Register::ET};
  } else if (text == "VT+MT") {
    out = {Register::VT, Register::MT};
  } else if (text == "M3") {
    out = {Register::M3};
  } else {
    return false;
  }
  return true;
}

std::string register_set_code(const std::vector<Register>& regs) {
  std::string out;
  for (Register r : regs) {
    if (!out.empty()) out += '+';
    out += register_code(r);
  }
  return out;
}

const char* reading_type_code(ReadingType t) {
  return t == ReadingType::own_record ? "own_record" : "submission";
}

bool parse_reading_type(std::string_view code, ReadingType& out) {
  if (code == "submission") {
    out = ReadingType::submission;
    return true;
  }
  if (code == "own_record") {
    out = ReadingType::own_record;
    return true;
  }
  return false;
}

const char* reading_source_code(ReadingSource s) {
  switch (s) {
    case ReadingSource::customer:
      return "customer";
    case ReadingSource::operator_:
      return "operator";
    case ReadingSource::estimate:
      return "estimate";
  }
  return "customer";
}

bool parse_reading_source(std::string_view code, ReadingSource& out) {
  for (ReadingSource s : {ReadingSource::customer, ReadingSource::operator_, ReadingSource::estimate}) {
    if (code == reading_source_code(s)) {
      out = s;
      return true;
    }
  }
  return false;
}

// [SECTION] Meter arithmetic
namespace {

// Valid meter values are 0 <= v < 10^18, but history comes from storage: arithmetic on anything
// else saturates instead of overflowing.
int64_t add_saturated(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) return b > 0 ? INT64_MAX : INT64_MIN;
  return r;
}

int64_t sub_saturated(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_sub_overflow(a, b, &r)) return b < 0 ? INT64_MAX : INT64_MIN;
  return r;
}

int64_t to_int64(double x) {
  constexpr double kLimit = 9.0e18;  // inside int64's range, far beyond any meter
  if (!(x > -kLimit)) return static_cast<int64_t>(-kLimit);
  if (!(x < kLimit)) return static_cast<int64_t>(kLimit);
  return static_cast<int64_t>(x);
}

}  // namespace

int64_t meter_modulus(int digits) {
  const int d = digits < 1 ? 1 : (digits > 18 ? 18 : digits);
  int64_t m = 1;
  for (int i = 0; i < d; ++i) m *= 10;
  return m;
}

bool is_roll_over(int64_t previous, int64_t value, int digits) {
  const int64_t tenth = meter_modulus(digits) / 10;  // 0.1 x 10^digits
  return previous >= 9 * tenth && value <= tenth && value >= 0 && value < previous;
}

int64_t meter_difference(int64_t previous, int64_t value, int digits) {
  if (is_roll_over(previous, value, digits)) return value + (meter_modulus(digits) - previous);  // both in range
  return sub_saturated(value, previous);
}

// [SECTION] Single values and the date
Errors check_reading_value(const nlohmann::json& value, const Meter& meter, Register reg, std::string_view field) {
  (void)reg;
  Errors errors;
  if (!value.is_number()) return {make_error(codes::request_malformed, field)};
  const int64_t modulus = meter_modulus(meter.digits);
  const nlohmann::json max_digits = {{"max_digits", meter.digits < 1 ? 1 : (meter.digits > 18 ? 18 : meter.digits)}};
  if (value.is_number_float()) {
    // Written with a fraction or an exponent (10290.5, 10290.0, 1e3): the red digit was typed.
    const double v = value.get<double>();
    errors.push_back(make_error(codes::reading_not_integer, field));
    if (v < 0) errors.push_back(make_error(codes::reading_negative, field));
    if (v >= static_cast<double>(modulus))
      errors.push_back(make_error(codes::reading_too_many_digits, field, max_digits));
  } else if (value.is_number_unsigned()) {
    if (value.get<uint64_t>() >= static_cast<uint64_t>(modulus))
      errors.push_back(make_error(codes::reading_too_many_digits, field, max_digits));
  } else {
    const int64_t v = value.get<int64_t>();
    if (v < 0) errors.push_back(make_error(codes::reading_negative, field));
    if (v >= modulus) errors.push_back(make_error(codes::reading_too_many_digits, field, max_digits));
  }
  return errors;
}

Errors check_reading_date(std::string_view date_text, const Date& today, Date& out, std::string_view field) {
  if (date_text.empty()) return {make_error(codes::field_required, field)};
  Date date;
  if (!parse_date(date_text, date)) return {make_error(codes::date_invalid, field)};
  if (date > today) return {make_error(codes::reading_in_future, field)};
  if (days_between(date, today) > kMaxReadingAgeDays)
    return {make_error(codes::reading_too_old, field, {{"max_age_days", kMaxReadingAgeDays}})};
  out = date;
  return {};
}

// [SECTION] History
namespace {

// A register's readings that count for a meter reading on `before`: those of the current meter
// (from the last reading marked meter_replaced on), earlier than `before`, one per date (the
// highest value where several sources read the same day), oldest first.
std::vector<PastReading> current_meter_history(const std::vector<PastReading>& history, Register reg,
                                               const Date& before) {
  std::vector<PastReading> rows;
  for (const auto& r : history)
    if (r.reg == reg && r.date < before) rows.push_back(r);
  std::sort(rows.begin(), rows.end(), [](const PastReading& a, const PastReading& b) {
    if (a.date != b.date) return a.date < b.date;
    if (a.meter_replaced != b.meter_replaced) return !a.meter_replaced;  // the new meter's reading last
    return a.value < b.value;
  });
  size_t first = 0;
  for (size_t i = 0; i < rows.size(); ++i)
    if (rows[i].meter_replaced) first = i;
  std::vector<PastReading> out;
  for (size_t i = first; i < rows.size(); ++i) {
    if (!out.empty() && out.back().date == rows[i].date) {
      if (!rows[i].meter_replaced || out.back().meter_replaced) out.back() = rows[i];
      continue;
    }
    out.push_back(rows[i]);
  }
  return out;
}

// The latest reading of the register before `before`, any source; on one day a new meter's
// first reading wins over the old meter's last one, then the highest value.
std::optional<PastReading> latest_before(const std::vector<PastReading>& history, Register reg, const Date& before) {
  const std::vector<PastReading> rows = current_meter_history(history, reg, before);
  if (rows.empty()) return std::nullopt;
  return rows.back();
}

struct Point {
  int64_t day;   // serial date
  double total;  // value unwrapped past roll-overs
};

// The readings as a cumulative curve: each roll-over adds the meter's modulus.
std::vector<Point> unwrapped(const std::vector<PastReading>& rows, int digits) {
  std::vector<Point> points;
  double offset = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0 && is_roll_over(rows[i - 1].value, rows[i].value, digits))
      offset += static_cast<double>(meter_modulus(digits));
    points.push_back({rows[i].date.serial(), static_cast<double>(rows[i].value) + offset});
  }
  return points;
}

// The curve's value on a day, linear between readings; nullopt outside the readings.
std::optional<double> total_on(const std::vector<Point>& points, int64_t day) {
  if (points.empty() || day < points.front().day || day > points.back().day) return std::nullopt;
  for (size_t i = 1; i < points.size(); ++i) {
    if (day <= points[i].day) {
      const Point& a = points[i - 1];
      const Point& b = points[i];
      const double t = static_cast<double>(day - a.day) / static_cast<double>(b.day - a.day);
      return a.total + (b.total - a.total) * t;
    }
  }
  return points.back().total;
}

constexpr int64_t kMinSpanDays = 14;      // two readings at least this far apart give a rate
constexpr int64_t kRateWindowDays = 365;  // the rate looks at the last year of history

}  // namespace

std::optional<ExpectedRange> expected_range(const std::vector<PastReading>& history, Register reg, const Date& date,
                                            int digits) {
  const std::vector<PastReading> rows = current_meter_history(history, reg, date);
  if (rows.size() < 2) return std::nullopt;
  const std::vector<Point> points = unwrapped(rows, digits);
  const Point& last = points.back();
  if (last.day - points.front().day < kMinSpanDays) return std::nullopt;
  const int64_t days = date.serial() - last.day;
  if (days <= 0) return std::nullopt;

  double use = 0;
  double per_day = 0;
  // Seasonal: the same interval one year earlier, when the history reaches back that far.
  const int64_t from_last_year = add_months(rows.back().date, -12).serial();
  const int64_t to_last_year = add_months(date, -12).serial();
  const auto seasonal_from = total_on(points, from_last_year);
  const auto seasonal_to = total_on(points, to_last_year);
  if (seasonal_from && seasonal_to && to_last_year > from_last_year) {
    use = *seasonal_to - *seasonal_from;
    per_day = use / static_cast<double>(days);
  } else {
    // The rate over the last year: from the oldest reading in it that is 14+ days back,
    // or, if the last year holds none, from the newest one that is.
    const Point* base = nullptr;
    for (const auto& p : points) {
      if (last.day - p.day < kMinSpanDays) break;
      if (last.day - p.day <= kRateWindowDays) {
        base = &p;
        break;
      }
      base = &p;  // older than a year: kept only until a closer one is found
    }
    if (!base) return std::nullopt;
    per_day = (last.total - base->total) / static_cast<double>(last.day - base->day);
    use = per_day * static_cast<double>(days);
  }
  if (use < 0) use = 0;
  if (per_day < 0) per_day = 0;

  const int64_t previous = rows.back().value;
  ExpectedRange range;
  range.reg = reg;
  range.per_day = per_day;
  range.min_value = std::max(
      previous, sub_saturated(add_saturated(previous, to_int64(std::floor(kUnusualLow * use))), kUnusualSlack));
  range.max_value = add_saturated(add_saturated(previous, to_int64(std::ceil(kUnusualHigh * use))), kUnusualSlack);
  return range;
}

// [SECTION] The whole submission
SubmissionVerdict check_submission(const Submission& s, const SubmissionContext& ctx) {
  SubmissionVerdict verdict;
  Errors& errors = verdict.errors;
  auto add = [&errors](Errors more) {
    for (auto& e : more) errors.push_back(std::move(e));
  };
  const int digits = ctx.meter.digits < 1 ? 1 : (ctx.meter.digits > 18 ? 18 : ctx.meter.digits);
  const int64_t modulus = meter_modulus(digits);

  Date date;
  Errors date_errors = check_reading_date(s.date_text, ctx.today, date, "date");
  const bool date_ok = date_errors.empty();
  add(std::move(date_errors));

  ReadingType type = ReadingType::submission;
  bool type_ok = false;
  if (s.type_text.empty())
    errors.push_back(make_error(codes::field_required, "type"));
  else if (!parse_reading_type(s.type_text, type))
    errors.push_back(make_error(codes::reading_type_invalid, "type"));
  else
    type_ok = true;

  // Values: every register of the meter, nothing else, whole numbers within the counter.
  std::map<Register, int64_t> values;
  if (!s.values.is_null() && !s.values.is_object()) {
    errors.push_back(make_error(codes::request_malformed, "values"));
  } else {
    for (Register reg : ctx.meter.registers) {
      const std::string code = register_code(reg);
      const std::string field = "values." + code;
      auto it = s.values.is_object() ? s.values.find(code) : s.values.end();
      if (!s.values.is_object() || it == s.values.end()) {
        errors.push_back(make_error(codes::reading_register_missing, field, {{"register", code}}));
        continue;
      }
      Errors value_errors = check_reading_value(*it, ctx.meter, reg, field);
      if (value_errors.empty())
        values[reg] = it->is_number_unsigned() ? static_cast<int64_t>(it->get<uint64_t>()) : it->get<int64_t>();
      add(std::move(value_errors));
    }
    if (s.values.is_object()) {
      for (auto it = s.values.begin(); it != s.values.end(); ++it) {
        Register reg;
        const bool known =
            parse_register(it.key(), reg) &&
            std::find(ctx.meter.registers.begin(), ctx.meter.registers.end(), reg) != ctx.meter.registers.end();
        if (!known)
          errors.push_back(make_error(codes::reading_register_unknown, "values." + it.key(), {{"register", it.key()}}));
      }
    }
  }

  // The window: the day of receipt must lie in one (own records are kept any time).
  if (type_ok && type == ReadingType::submission) {
    const WindowStatus window = window_status(ctx.window, ctx.today);
    if (ctx.window.kind == WindowRule::Kind::none || !window.span) {
      errors.push_back(make_error(codes::reading_no_self_readings, "type"));
    } else if (!window.open_now) {
      errors.push_back(make_error(
          codes::reading_outside_window, "type",
          {{"opens_on", format_date(window.span->opens_on)}, {"closes_on", format_date(window.span->closes_on)}}));
    }
  }

  // Lower than the previous reading: a hard stop unless the meter was replaced or rolled over.
  std::map<Register, PastReading> previous;
  if (date_ok) {
    for (const auto& [reg, value] : values) {
      const auto prev = latest_before(ctx.history, reg, date);
      if (!prev) continue;
      previous[reg] = *prev;
      if (value < prev->value && !s.meter_replaced && !is_roll_over(prev->value, value, digits)) {
        const std::string code = register_code(reg);
        errors.push_back(make_error(codes::reading_lower_than_previous, "values." + code,
                                    {{"register", code}, {"previous", prev->value}}));
      }
    }
  }
  if (!errors.empty()) return verdict;

  // 409s: plausible but suspicious values the customer must confirm.
  Errors conflicts;
  std::vector<Register> mixed_up;
  const bool two_tariff = values.count(Register::VT) && values.count(Register::MT);
  if (two_tariff && !s.meter_replaced && previous.count(Register::VT) && previous.count(Register::MT)) {
    // The ET total typed into VT or MT: the value reaches both previous registers together.
    const int64_t total = add_saturated(previous[Register::VT].value, previous[Register::MT].value);
    for (Register reg : {Register::VT, Register::MT}) {
      if (values[reg] >= total) {
        conflicts.push_back(make_error(codes::reading_tariff_mixup, std::string("values.") + register_code(reg),
                                       {{"register", register_code(reg)}}));
        mixed_up.push_back(reg);
      }
    }
  }
  if (!s.meter_replaced) {
    for (const auto& [reg, value] : values) {
      if (std::find(mixed_up.begin(), mixed_up.end(), reg) != mixed_up.end()) continue;
      const auto range = expected_range(ctx.history, reg, date, digits);
      if (!range || !previous.count(reg)) continue;
      // Compared on the unwrapped scale, so a roll-over past the counter's digits is no surprise.
      const int64_t unwrapped_value = is_roll_over(previous[reg].value, value, digits) ? value + modulus : value;
      if (unwrapped_value < range->min_value || unwrapped_value > range->max_value) {
        const std::string code = register_code(reg);
        conflicts.push_back(make_error(codes::reading_unusual, "values." + code,
                                       {{"register", code},
                                        {"expected_min", range->min_value % modulus},
                                        {"expected_max", range->max_value % modulus}}));
      }
    }
  }
  if (s.confirm_unusual)
    verdict.warnings = std::move(conflicts);
  else
    verdict.conflicts = std::move(conflicts);

  verdict.accepted.date = date;
  verdict.accepted.type = type;
  verdict.accepted.values = values;
  return verdict;
}

// [SECTION] Differences
void compute_differences(std::vector<ListedReading>& rows, int digits) {
  std::vector<size_t> order(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&rows](size_t a, size_t b) {
    if (rows[a].reg != rows[b].reg) return rows[a].reg < rows[b].reg;
    if (rows[a].date != rows[b].date) return rows[a].date < rows[b].date;
    return !rows[a].meter_replaced && rows[b].meter_replaced;  // an old meter's last reading first
  });
  const ListedReading* prev = nullptr;
  for (size_t i : order) {
    ListedReading& row = rows[i];
    row.difference.reset();
    row.per_day.reset();
    if (prev && prev->reg == row.reg && !row.meter_replaced) {
      row.difference = meter_difference(prev->value, row.value, digits);
      const int64_t days = days_between(prev->date, row.date);
      if (days > 0) row.per_day = static_cast<double>(*row.difference) / static_cast<double>(days);
    }
    prev = &row;
  }
}

}  // namespace core
