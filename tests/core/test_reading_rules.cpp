// Meter readings: values, dates (today-5 passes, today-6 and tomorrow fail), windows on the day of
// receipt, lower than previous (meter change, roll-over), tariff mix-up, the expected range (rate
// and seasonal, 0.5x and 2x boundaries) and the differences of the list.
#include <doctest/doctest.h>

#include "core/reading_rules.h"

using core::Date;
using core::PastReading;
using core::Register;
using core::WindowRule;
using nlohmann::json;

namespace {

Date d(const char* text) {
  Date out;
  REQUIRE_MESSAGE(core::parse_date(text, out), text);
  return out;
}

std::vector<std::string> codes(const core::Errors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.code + "@" + e.field);
  return out;
}
using V = std::vector<std::string>;

WindowRule always_open() {
  WindowRule r;
  r.kind = WindowRule::Kind::days;
  r.from_day = 1;
  r.to_day = 31;
  return r;
}

WindowRule electricity_window() {
  WindowRule r;
  r.kind = WindowRule::Kind::month_end_span;
  r.count = 1;
  r.to_day = 3;
  return r;
}

core::SubmissionContext context(const char* today, const char* registers = "VT+MT", int digits = 6) {
  core::SubmissionContext ctx;
  ctx.today = d(today);
  REQUIRE(core::parse_register_set(registers, ctx.meter.registers));
  ctx.meter.energy = std::string(registers) == "M3" ? core::Energy::gas : core::Energy::electricity;
  ctx.meter.digits = digits;
  ctx.window = always_open();
  return ctx;
}

core::Submission submission(const char* date, const char* values_json, const char* type = "submission") {
  core::Submission s;
  s.date_text = date;
  s.type_text = type;
  s.values = json::parse(values_json);
  return s;
}

PastReading past(const char* date, Register reg, int64_t value, bool replaced = false,
                 core::ReadingSource source = core::ReadingSource::customer) {
  PastReading r;
  r.date = d(date);
  r.reg = reg;
  r.value = value;
  r.source = source;
  r.meter_replaced = replaced;
  return r;
}

}  // namespace

TEST_CASE("registers, types and sources") {
  std::vector<Register> regs;
  REQUIRE(core::parse_register_set("VT+MT", regs));
  CHECK(regs == std::vector<Register>{Register::VT, Register::MT});
  CHECK(core::register_set_code(regs) == "VT+MT");
  REQUIRE(core::parse_register_set("M3", regs));
  CHECK(core::register_set_code(regs) == "M3");
  CHECK_FALSE(core::parse_register_set("MT+VT", regs));
  CHECK_FALSE(core::parse_register_set("et", regs));
  Register r = Register::ET;
  CHECK(core::parse_register("MT", r));
  CHECK(r == Register::MT);
  CHECK_FALSE(core::parse_register("1.8.0", r));
  core::ReadingType t = core::ReadingType::submission;
  CHECK(core::parse_reading_type("own_record", t));
  CHECK(t == core::ReadingType::own_record);
  CHECK_FALSE(core::parse_reading_type("oddaja", t));
  core::ReadingSource s = core::ReadingSource::customer;
  CHECK(core::parse_reading_source("operator", s));
  CHECK(s == core::ReadingSource::operator_);
  CHECK(std::string(core::reading_source_code(core::ReadingSource::estimate)) == "estimate");
  CHECK_FALSE(core::parse_reading_source("supplier", s));
}

TEST_CASE("the reading date: today-5 passes, today-6 and tomorrow do not") {
  Date out;
  const Date today = d("2026-11-25");
  CHECK(core::check_reading_date("2026-11-25", today, out).empty());
  CHECK(out == today);
  CHECK(core::check_reading_date("2026-11-20", today, out).empty());
  const auto old = core::check_reading_date("2026-11-19", today, out);
  REQUIRE(codes(old) == V{"reading.too_old@date"});
  CHECK(old[0].params == json{{"max_age_days", 5}});
  CHECK(codes(core::check_reading_date("2026-11-26", today, out)) == V{"reading.in_future@date"});
  CHECK(codes(core::check_reading_date("25. 11. 2026", today, out)) == V{"date.invalid@date"});
  CHECK(codes(core::check_reading_date("2026-02-30", today, out)) == V{"date.invalid@date"});
  CHECK(codes(core::check_reading_date("", today, out, "reading_date")) == V{"field.required@reading_date"});
  SUBCASE("across a month end, a year end and February 29") {
    CHECK(core::check_reading_date("2026-02-26", d("2026-03-03"), out).empty());
    CHECK(codes(core::check_reading_date("2026-02-25", d("2026-03-03"), out)) == V{"reading.too_old@date"});
    CHECK(core::check_reading_date("2026-12-28", d("2027-01-02"), out).empty());
    CHECK(codes(core::check_reading_date("2026-12-27", d("2027-01-02"), out)) == V{"reading.too_old@date"});
    CHECK(core::check_reading_date("2028-02-27", d("2028-03-03"), out).empty());
    CHECK(codes(core::check_reading_date("2028-02-26", d("2028-03-03"), out)) == V{"reading.too_old@date"});
    CHECK(codes(core::check_reading_date("2027-01-01", d("2026-12-31"), out)) == V{"reading.in_future@date"});
  }
  SUBCASE("today is the Slovenian date at receipt, across the DST changes") {
    int64_t now = 0;
    // 00:30 on March 30 in Ljubljana (summer time began the day before) is still March 29 in UTC.
    REQUIRE(core::parse_instant("2026-03-29T22:30:00Z", now));
    const Date t = core::ljubljana_date(now);
    CHECK(t == d("2026-03-30"));
    CHECK(core::check_reading_date("2026-03-25", t, out).empty());
    CHECK(codes(core::check_reading_date("2026-03-24", t, out)) == V{"reading.too_old@date"});
    CHECK(core::check_reading_date("2026-03-30", t, out).empty());
    // 23:30 on October 25 in Ljubljana (winter time again) is 22:30 UTC, the same day.
    REQUIRE(core::parse_instant("2026-10-25T22:30:00Z", now));
    CHECK(core::ljubljana_date(now) == d("2026-10-25"));
    CHECK(codes(core::check_reading_date("2026-10-26", core::ljubljana_date(now), out)) == V{"reading.in_future@date"});
    REQUIRE(core::parse_instant("2026-10-25T23:00:00Z", now));
    CHECK(core::check_reading_date("2026-10-26", core::ljubljana_date(now), out).empty());
  }
}

TEST_CASE("values: whole numbers within the counter's digits") {
  core::Meter meter;
  meter.registers = {Register::ET};
  meter.digits = 6;
  auto value_codes = [&meter](const char* json_text) {
    return codes(core::check_reading_value(json::parse(json_text), meter, Register::ET, "values.ET"));
  };
  CHECK(value_codes("0").empty());
  CHECK(value_codes("999999").empty());
  CHECK(value_codes("-0").empty());
  SUBCASE("a fraction or an exponent is not an integer, even when whole") {
    CHECK(value_codes("10290.5") == V{"reading.not_integer@values.ET"});
    CHECK(value_codes("10290.0") == V{"reading.not_integer@values.ET"});
    CHECK(value_codes("1e3") == V{"reading.not_integer@values.ET"});
    CHECK(value_codes("1E+3") == V{"reading.not_integer@values.ET"});
    CHECK(value_codes("-0.5") == V{"reading.not_integer@values.ET", "reading.negative@values.ET"});
    CHECK(value_codes("1234567.5") == V{"reading.not_integer@values.ET", "reading.too_many_digits@values.ET"});
  }
  SUBCASE("negative and too many digits") {
    CHECK(value_codes("-1") == V{"reading.negative@values.ET"});
    const auto errors = core::check_reading_value(json(1000000), meter, Register::ET, "values.ET");
    REQUIRE(codes(errors) == V{"reading.too_many_digits@values.ET"});
    CHECK(errors[0].params == json{{"max_digits", 6}});
    CHECK(value_codes("18446744073709551615") == V{"reading.too_many_digits@values.ET"});
    meter.digits = 5;
    CHECK(value_codes("99999").empty());
    CHECK(value_codes("100000") == V{"reading.too_many_digits@values.ET"});
  }
  SUBCASE("not a number at all") {
    CHECK(value_codes("\"12345\"") == V{"request.malformed@values.ET"});
    CHECK(value_codes("null") == V{"request.malformed@values.ET"});
  }
}

TEST_CASE("a submission: every 422 at once") {
  auto ctx = context("2026-11-25");
  SUBCASE("a valid two-tariff submission") {
    const auto v = core::check_submission(submission("2026-11-24", R"({"VT":12345,"MT":6789})"), ctx);
    REQUIRE(v.ok());
    CHECK(v.warnings.empty());
    CHECK(v.accepted.date == d("2026-11-24"));
    CHECK(v.accepted.type == core::ReadingType::submission);
    CHECK(v.accepted.values.at(Register::VT) == 12345);
    CHECK(v.accepted.values.at(Register::MT) == 6789);
  }
  SUBCASE("registers missing and unknown, with their names") {
    const auto v = core::check_submission(submission("2026-11-24", R"({"VT":12345,"ET":1,"X":2})"), ctx);
    REQUIRE(codes(v.errors) == V{"reading.register_missing@values.MT", "reading.register_unknown@values.ET",
                                 "reading.register_unknown@values.X"});
    CHECK(v.errors[0].params == json{{"register", "MT"}});
    CHECK(v.errors[1].params == json{{"register", "ET"}});
    CHECK(v.conflicts.empty());
  }
  SUBCASE("no values at all, and values of the wrong shape") {
    core::Submission s = submission("2026-11-24", "null");
    CHECK(codes(core::check_submission(s, ctx).errors) ==
          V{"reading.register_missing@values.VT", "reading.register_missing@values.MT"});
    s.values = json::array();
    CHECK(codes(core::check_submission(s, ctx).errors) == V{"request.malformed@values"});
  }
  SUBCASE("date, type and values together") {
    const auto v = core::check_submission(submission("2026-11-19", R"({"VT":-1,"MT":10.5})", "oddaja"), ctx);
    CHECK(codes(v.errors) == V{"reading.too_old@date", "reading.type_invalid@type", "reading.negative@values.VT",
                               "reading.not_integer@values.MT"});
    CHECK_FALSE(v.ok());
    CHECK(codes(core::check_submission(submission("", R"({"VT":1,"MT":1})", ""), ctx).errors) ==
          V{"field.required@date", "field.required@type"});
  }
  SUBCASE("gas in m3") {
    auto gas = context("2026-11-25", "M3", 5);
    CHECK(core::check_submission(submission("2026-11-25", R"({"M3":4711})"), gas).ok());
    CHECK(codes(core::check_submission(submission("2026-11-25", R"({"M3":123456})"), gas).errors) ==
          V{"reading.too_many_digits@values.M3"});
  }
}

TEST_CASE("the window is checked on the day of receipt, not the reading date") {
  auto ctx = context("2026-11-15", "ET");
  ctx.window = electricity_window();
  SUBCASE("outside: the next window's dates") {
    const auto v = core::check_submission(submission("2026-11-14", R"({"ET":100})"), ctx);
    REQUIRE(codes(v.errors) == V{"reading.outside_window@type"});
    CHECK(v.errors[0].params == json{{"opens_on", "2026-11-30"}, {"closes_on", "2026-12-03"}});
  }
  SUBCASE("an own record is kept any time") {
    CHECK(core::check_submission(submission("2026-11-14", R"({"ET":100})", "own_record"), ctx).ok());
  }
  SUBCASE("inside, across the month end") {
    ctx.today = d("2026-12-03");
    CHECK(core::check_submission(submission("2026-11-28", R"({"ET":100})"), ctx).ok());
  }
  SUBCASE("a reading dated inside the window, received after it") {
    ctx.today = d("2026-12-04");
    const auto v = core::check_submission(submission("2026-12-01", R"({"ET":100})"), ctx);
    REQUIRE(codes(v.errors) == V{"reading.outside_window@type"});
    CHECK(v.errors[0].params == json{{"opens_on", "2026-12-31"}, {"closes_on", "2027-01-03"}});
  }
  SUBCASE("an operator that reads the meter itself") {
    ctx.window = WindowRule{};
    CHECK(codes(core::check_submission(submission("2026-11-14", R"({"ET":100})"), ctx).errors) ==
          V{"reading.no_self_readings@type"});
    CHECK(core::check_submission(submission("2026-11-14", R"({"ET":100})", "own_record"), ctx).ok());
  }
}

TEST_CASE("lower than the previous reading") {
  auto ctx = context("2026-11-25");
  ctx.history = {past("2026-10-31", Register::VT, 12000), past("2026-10-31", Register::MT, 6000),
                 past("2026-09-30", Register::VT, 11000), past("2026-09-30", Register::MT, 5500)};
  SUBCASE("lower is refused with the previous value") {
    const auto v = core::check_submission(submission("2026-11-24", R"({"VT":11999,"MT":6000})"), ctx);
    REQUIRE(codes(v.errors) == V{"reading.lower_than_previous@values.VT"});
    CHECK(v.errors[0].params == json{{"register", "VT"}, {"previous", 12000}});
  }
  SUBCASE("unless the meter was replaced") {
    core::Submission s = submission("2026-11-24", R"({"VT":10,"MT":5})");
    s.meter_replaced = true;
    const auto v = core::check_submission(s, ctx);
    CHECK(v.ok());
    CHECK(v.conflicts.empty());
    CHECK(v.warnings.empty());
  }
  SUBCASE("the latest earlier reading counts, from any source") {
    ctx.history.push_back(past("2026-11-10", Register::VT, 12500, false, core::ReadingSource::estimate));
    const auto v = core::check_submission(submission("2026-11-24", R"({"VT":12400,"MT":6100})"), ctx);
    REQUIRE(codes(v.errors) == V{"reading.lower_than_previous@values.VT"});
    CHECK(v.errors[0].params["previous"] == 12500);
    // Readings on or after the reading's date are not "previous".
    ctx.history.push_back(past("2026-11-24", Register::MT, 9000));
    CHECK(codes(core::check_submission(submission("2026-11-24", R"({"VT":12600,"MT":6100})"), ctx).errors).empty());
  }
  SUBCASE("a new meter's first reading is the previous one after the change") {
    ctx.history.push_back(past("2026-11-10", Register::VT, 20, true));
    ctx.history.push_back(past("2026-11-10", Register::MT, 10, true));
    CHECK(core::check_submission(submission("2026-11-24", R"({"VT":25,"MT":15})"), ctx).ok());
    CHECK(codes(core::check_submission(submission("2026-11-24", R"({"VT":19,"MT":15})"), ctx).errors) ==
          V{"reading.lower_than_previous@values.VT"});
  }
  SUBCASE("a roll-over past the meter's digits is not lower") {
    auto gas = context("2026-11-25", "M3", 5);
    gas.history = {past("2026-10-31", Register::M3, 99500)};
    CHECK(core::check_submission(submission("2026-11-24", R"({"M3":300})"), gas).ok());
    gas.history = {past("2026-10-31", Register::M3, 80000)};  // not near the end: a real drop
    CHECK(codes(core::check_submission(submission("2026-11-24", R"({"M3":300})"), gas).errors) ==
          V{"reading.lower_than_previous@values.M3"});
    gas.history = {past("2026-10-31", Register::M3, 99500)};  // wraps past 0.1 x 10^5: a real drop
    CHECK(codes(core::check_submission(submission("2026-11-24", R"({"M3":10001})"), gas).errors) ==
          V{"reading.lower_than_previous@values.M3"});
    CHECK(core::is_roll_over(90000, 10000, 5));
    CHECK_FALSE(core::is_roll_over(89999, 0, 5));
    CHECK_FALSE(core::is_roll_over(90000, 10001, 5));
    CHECK(core::meter_difference(99500, 300, 5) == 800);
    CHECK(core::meter_difference(300, 99500, 5) == 99200);
    CHECK(core::meter_modulus(6) == 1000000);
  }
}

TEST_CASE("the ET total typed into VT or MT") {
  auto ctx = context("2026-11-25");
  ctx.history = {past("2026-10-31", Register::VT, 12000), past("2026-10-31", Register::MT, 6000)};
  SUBCASE("a value reaching both previous registers together is a conflict") {
    const auto v = core::check_submission(submission("2026-11-24", R"({"VT":18100,"MT":6100})"), ctx);
    CHECK(v.errors.empty());
    REQUIRE(codes(v.conflicts) == V{"reading.tariff_mixup@values.VT"});
    CHECK(v.conflicts[0].params == json{{"register", "VT"}});
    CHECK_FALSE(v.ok());
    CHECK(codes(core::check_submission(submission("2026-11-24", R"({"VT":12100,"MT":18000})"), ctx).conflicts) ==
          V{"reading.tariff_mixup@values.MT"});
    CHECK(core::check_submission(submission("2026-11-24", R"({"VT":17999,"MT":6100})"), ctx).ok());
  }
  SUBCASE("confirmed, it becomes a warning") {
    core::Submission s = submission("2026-11-24", R"({"VT":18100,"MT":6100})");
    s.confirm_unusual = true;
    const auto v = core::check_submission(s, ctx);
    CHECK(v.ok());
    CHECK(codes(v.warnings) == V{"reading.tariff_mixup@values.VT"});
    CHECK(v.accepted.values.at(Register::VT) == 18100);
  }
  SUBCASE("not after a meter change, and never together with a 422") {
    core::Submission s = submission("2026-11-24", R"({"VT":18100,"MT":6100})");
    s.meter_replaced = true;
    CHECK(core::check_submission(s, ctx).ok());
    const auto v = core::check_submission(submission("2026-11-10", R"({"VT":18100,"MT":6100})"), ctx);
    CHECK(codes(v.errors) == V{"reading.too_old@date"});
    CHECK(v.conflicts.empty());
  }
  SUBCASE("a single-tariff meter has no mix-up") {
    auto et = context("2026-11-25", "ET");
    et.history = {past("2026-10-31", Register::ET, 100)};
    CHECK(core::check_submission(submission("2026-11-24", R"({"ET":150})"), et).ok());
  }
}

TEST_CASE("the expected range from the consumption per day") {
  // 10 a day from January 1 to March 1 (59 days).
  const std::vector<PastReading> history = {past("2026-01-01", Register::ET, 1000),
                                            past("2026-03-01", Register::ET, 1590)};
  const auto range = core::expected_range(history, Register::ET, d("2026-03-31"), 6);
  REQUIRE(range);
  CHECK(range->per_day == doctest::Approx(10.0));
  // 30 days: 300 expected; 0.5x = 150, 2x = 600, 5 units of slack either side.
  CHECK(range->min_value == 1590 + 150 - core::kUnusualSlack);
  CHECK(range->max_value == 1590 + 600 + core::kUnusualSlack);

  auto ctx = context("2026-03-31", "ET");
  ctx.history = history;
  auto verdict = [&ctx](int64_t value) {
    return core::check_submission(submission("2026-03-31", json{{"ET", value}}.dump().c_str()), ctx);
  };
  SUBCASE("0.5x and 2x of the expected use are never unusual") {
    CHECK(verdict(1590 + 150).ok());
    CHECK(verdict(1590 + 600).ok());
    CHECK(verdict(1590 + 300).ok());
  }
  SUBCASE("the edges of the range") {
    CHECK(verdict(range->min_value).ok());
    CHECK(verdict(range->max_value).ok());
    const auto low = verdict(range->min_value - 1);
    REQUIRE(codes(low.conflicts) == V{"reading.unusual@values.ET"});
    CHECK(low.conflicts[0].params == json{{"register", "ET"}, {"expected_min", 1735}, {"expected_max", 2195}});
    CHECK(codes(verdict(range->max_value + 1).conflicts) == V{"reading.unusual@values.ET"});
  }
  SUBCASE("confirmed, unusual values are accepted with a warning") {
    core::Submission s = submission("2026-03-31", R"({"ET":5000})");
    s.confirm_unusual = true;
    const auto v = core::check_submission(s, ctx);
    CHECK(v.ok());
    REQUIRE(codes(v.warnings) == V{"reading.unusual@values.ET"});
    CHECK(v.warnings[0].params["expected_max"] == 2195);
  }
  SUBCASE("the minimum never goes below the previous reading") {
    const auto soon = core::expected_range(history, Register::ET, d("2026-03-02"), 6);
    REQUIRE(soon);
    CHECK(soon->min_value == 1590);
    CHECK(soon->max_value == 1590 + 20 + 5);
  }
}

TEST_CASE("the expected range needs two readings 14 days apart") {
  CHECK_FALSE(core::expected_range({}, Register::ET, d("2026-03-31"), 6));
  CHECK_FALSE(core::expected_range({past("2026-03-01", Register::ET, 100)}, Register::ET, d("2026-03-31"), 6));
  const std::vector<PastReading> close = {past("2026-03-01", Register::ET, 100), past("2026-03-14", Register::ET, 230)};
  CHECK_FALSE(core::expected_range(close, Register::ET, d("2026-03-31"), 6));
  const std::vector<PastReading> apart = {past("2026-03-01", Register::ET, 100), past("2026-03-15", Register::ET, 240)};
  CHECK(core::expected_range(apart, Register::ET, d("2026-03-31"), 6));
  // Other registers and readings on or after the date do not count.
  const std::vector<PastReading> mixed = {past("2026-03-01", Register::VT, 100), past("2026-03-20", Register::ET, 240),
                                          past("2026-03-31", Register::ET, 300)};
  CHECK_FALSE(core::expected_range(mixed, Register::ET, d("2026-03-31"), 6));
  // Without a range nothing is unusual.
  auto ctx = context("2026-03-31", "ET");
  ctx.history = close;
  CHECK(core::check_submission(submission("2026-03-31", R"({"ET":999999})"), ctx).ok());
}

TEST_CASE("the rate spans the last year's history, not just the last interval") {
  // 10 a day from January to May, then 20 a day: 4800 in 300 days.
  const std::vector<PastReading> history = {past("2025-01-01", Register::ET, 0), past("2025-05-01", Register::ET, 1200),
                                            past("2025-10-28", Register::ET, 4800)};
  const auto range = core::expected_range(history, Register::ET, d("2025-11-07"), 6);
  REQUIRE(range);
  CHECK(range->per_day == doctest::Approx(16.0));
  CHECK(range->min_value == 4800 + 80 - 5);
  CHECK(range->max_value == 4800 + 320 + 5);
}

TEST_CASE("seasonal expectations where a year of history exists") {
  // Gas: 20 m3 a day in January 2025, 5 a day in July 2025.
  const std::vector<PastReading> history = {
      past("2025-01-01", Register::M3, 10000), past("2025-02-01", Register::M3, 10620),
      past("2025-07-01", Register::M3, 12000), past("2025-08-01", Register::M3, 12155),
      past("2026-01-01", Register::M3, 14000), past("2026-07-01", Register::M3, 16000)};
  SUBCASE("the same interval one year earlier") {
    const auto range = core::expected_range(history, Register::M3, d("2026-08-01"), 5);
    REQUIRE(range);
    CHECK(range->per_day == doctest::Approx(5.0));
    CHECK(range->min_value == 16000 + 77 - 5);
    CHECK(range->max_value == 16000 + 310 + 5);
  }
  SUBCASE("interpolated linearly between readings") {
    const auto range = core::expected_range(history, Register::M3, d("2026-07-16"), 5);
    REQUIRE(range);
    CHECK(range->min_value == 16000 + 37 - 5);  // 15/31 of 155 = 75
    CHECK(range->max_value == 16000 + 150 + 5);
  }
  SUBCASE("a summer value that a yearly average would call normal is unusual") {
    auto ctx = context("2026-08-01", "M3", 5);
    ctx.window = always_open();
    ctx.history = history;
    // The yearly average (about 11 a day) would expect about 340 in July; last July used 155.
    const auto v = core::check_submission(submission("2026-08-01", R"({"M3":16340})"), ctx);
    REQUIRE(codes(v.conflicts) == V{"reading.unusual@values.M3"});
    CHECK(v.conflicts[0].params == json{{"register", "M3"}, {"expected_min", 16072}, {"expected_max", 16315}});
    CHECK(core::check_submission(submission("2026-08-01", R"({"M3":16200})"), ctx).ok());
  }
  SUBCASE("without a year of history the rate is used") {
    const std::vector<PastReading> young = {past("2026-01-01", Register::M3, 14000),
                                            past("2026-07-01", Register::M3, 16000)};
    const auto range = core::expected_range(young, Register::M3, d("2026-08-01"), 5);
    REQUIRE(range);
    CHECK(range->per_day == doctest::Approx(2000.0 / 181.0));
  }
}

TEST_CASE("the expected range after a meter change and across a roll-over") {
  SUBCASE("only the new meter's readings count") {
    const std::vector<PastReading> history = {
        past("2026-01-01", Register::ET, 50000), past("2026-02-01", Register::ET, 52000),
        past("2026-02-10", Register::ET, 100, true), past("2026-03-01", Register::ET, 480)};
    const auto range = core::expected_range(history, Register::ET, d("2026-03-11"), 6);
    REQUIRE(range);
    CHECK(range->per_day == doctest::Approx(20.0));  // 380 in 19 days
    CHECK(range->min_value == 480 + 100 - 5);
    const std::vector<PastReading> fresh = {past("2026-01-01", Register::ET, 50000),
                                            past("2026-02-01", Register::ET, 52000),
                                            past("2026-02-10", Register::ET, 100, true)};
    CHECK_FALSE(core::expected_range(fresh, Register::ET, d("2026-03-11"), 6));
  }
  SUBCASE("a roll-over in the history and in the new value") {
    const std::vector<PastReading> history = {past("2026-01-01", Register::M3, 99000),
                                              past("2026-01-31", Register::M3, 99600),
                                              past("2026-03-02", Register::M3, 200)};
    const auto range = core::expected_range(history, Register::M3, d("2026-03-12"), 5);
    REQUIRE(range);
    CHECK(range->per_day == doctest::Approx(20.0));
    CHECK(range->min_value == 200 + 100 - 5);
    CHECK(range->max_value == 200 + 400 + 5);

    auto ctx = context("2026-02-25", "M3", 5);
    ctx.history = {past("2026-01-01", Register::M3, 99000), past("2026-01-31", Register::M3, 99600),
                   past("2026-02-15", Register::M3, 99900)};
    CHECK(core::check_submission(submission("2026-02-25", R"({"M3":100})"), ctx).ok());  // 200 used, as expected
    const auto v = core::check_submission(submission("2026-02-25", R"({"M3":400})"), ctx);
    REQUIRE(codes(v.conflicts) == V{"reading.unusual@values.M3"});
    // The range itself wraps past 99999: reported as meter values.
    CHECK(v.conflicts[0].params == json{{"register", "M3"}, {"expected_min", 99995}, {"expected_max", 305}});
  }
}

TEST_CASE("differences and consumption per day for the list") {
  std::vector<core::ListedReading> rows(7);
  auto set = [&rows](size_t i, const char* date, Register reg, int64_t value, bool replaced = false) {
    rows[i].date = d(date);
    rows[i].reg = reg;
    rows[i].value = value;
    rows[i].meter_replaced = replaced;
  };
  // Newest first, as the list shows them.
  set(0, "2026-04-10", Register::VT, 150, true);  // a new meter
  set(1, "2026-03-31", Register::VT, 99700);
  set(2, "2026-03-31", Register::MT, 5300);
  set(3, "2026-03-01", Register::VT, 99100);
  set(4, "2026-03-01", Register::MT, 5000);
  set(5, "2026-02-01", Register::VT, 98200);
  set(6, "2026-04-30", Register::VT, 400);
  core::compute_differences(rows, 5);
  CHECK_FALSE(rows[5].difference);  // the first reading of VT
  CHECK_FALSE(rows[5].per_day);
  CHECK_FALSE(rows[4].difference);  // the first reading of MT
  REQUIRE(rows[3].difference);
  CHECK(*rows[3].difference == 900);
  REQUIRE(rows[3].per_day);
  CHECK(*rows[3].per_day == doctest::Approx(900.0 / 28.0));
  CHECK(*rows[1].difference == 600);
  CHECK(*rows[1].per_day == doctest::Approx(20.0));
  CHECK(*rows[2].difference == 300);
  CHECK(*rows[2].per_day == doctest::Approx(10.0));
  CHECK_FALSE(rows[0].difference);  // after a meter change
  CHECK_FALSE(rows[0].per_day);
  CHECK(*rows[6].difference == 250);
  CHECK(*rows[6].per_day == doctest::Approx(12.5));
  SUBCASE("a roll-over, and two readings on one day") {
    std::vector<core::ListedReading> more(3);
    more[0].date = d("2026-01-01");
    more[0].value = 99900;
    more[1].date = d("2026-01-11");
    more[1].value = 100;
    more[2].date = d("2026-01-11");
    more[2].value = 120;
    core::compute_differences(more, 5);
    CHECK(*more[1].difference == 200);
    CHECK(*more[1].per_day == doctest::Approx(20.0));
    CHECK(*more[2].difference == 20);
    CHECK_FALSE(more[2].per_day);  // 0 days
  }
}
