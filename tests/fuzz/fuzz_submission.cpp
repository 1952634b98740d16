// Builds a meter, an operator's window rule, a history and a reading submission from the bytes
// and runs the reading rules on them: check_submission, expected_range, compute_differences and
// the window functions, with the invariants API.md states (no 409 beside a 422, a confirmed
// conflict is a warning, accepted values fit the meter, windows contain or follow today).
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "core/energy.h"
#include "core/reading_rules.h"
#include "fuzz_invariants.h"

using nlohmann::json;

namespace {

const char* const kRegisters[] = {"ET", "VT", "MT", "M3"};

core::Date some_date(FuzzedDataProvider& in, const core::Date& around, int64_t before, int64_t after) {
  return around.plus_days(in.ConsumeIntegralInRange<int64_t>(-before, after));
}

int some_day(FuzzedDataProvider& in) {
  return in.ConsumeBool() ? in.ConsumeIntegral<int>() : in.ConsumeIntegralInRange<int>(-1, 33);
}

core::WindowRule some_rule(FuzzedDataProvider& in) {
  core::WindowRule rule;
  rule.kind = static_cast<core::WindowRule::Kind>(in.ConsumeIntegralInRange<int>(0, 4));
  rule.from_day = some_day(in);
  rule.to_day = some_day(in);
  rule.count = some_day(in);
  for (auto& m : rule.months) m = {some_day(in), some_day(in)};
  return rule;
}

int64_t some_value(FuzzedDataProvider& in, int64_t modulus) {
  switch (in.ConsumeIntegralInRange<int>(0, 3)) {
    case 0:
      return in.ConsumeIntegral<int64_t>();
    case 1:
      return modulus - 1 - in.ConsumeIntegralInRange<int64_t>(0, 1000);  // near a roll-over
    default:
      return in.ConsumeIntegralInRange<int64_t>(0, modulus - 1);
  }
}

json some_json_value(FuzzedDataProvider& in, int64_t modulus) {
  switch (in.ConsumeIntegralInRange<int>(0, 5)) {
    case 0:
      return in.ConsumeIntegral<int64_t>();
    case 1:
      return in.ConsumeIntegral<uint64_t>();
    case 2:
      return in.ConsumeFloatingPointInRange<double>(-1e12, 1e20);
    case 3:
      return "12345";
    default:
      return in.ConsumeIntegralInRange<int64_t>(0, modulus + 10);
  }
}

std::string some_ascii(FuzzedDataProvider& in, size_t max) {
  std::string s = in.ConsumeRandomLengthString(max);
  for (char& c : s) c = static_cast<char>(0x20 + (static_cast<unsigned char>(c) % 95));  // valid UTF-8 keys
  return s;
}

void check_windows(const core::WindowRule& rule, const core::Date& today) {
  const auto status = core::window_status(rule, today);
  const auto containing = core::window_containing(rule, today);
  FUZZ_REQUIRE(status.open_now == containing.has_value(), "open_now means a window contains today");
  if (rule.kind == core::WindowRule::Kind::none) FUZZ_REQUIRE(!status.span, "no window without self-readings");
  if (!status.span) return;
  FUZZ_REQUIRE(status.span->opens_on <= status.span->closes_on, "a window opens before it closes");
  if (status.open_now) {
    FUZZ_REQUIRE(status.span->opens_on <= today && today <= status.span->closes_on, "the open window contains today");
  } else {
    FUZZ_REQUIRE(today < status.span->opens_on, "the next window opens later");
    // Nothing opens between today and the next window.
    for (core::Date d = today.plus_days(1); d < status.span->opens_on; d = d.plus_days(1))
      FUZZ_REQUIRE(!core::window_containing(rule, d), "the next window is the first one");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  core::SubmissionContext ctx;
  ctx.today = core::Date::from_serial(
      in.ConsumeIntegralInRange<int64_t>(core::Date{1990, 1, 1}.serial(), core::Date{2100, 12, 31}.serial()));
  const int set = in.ConsumeIntegralInRange<int>(0, 3);
  ctx.meter.registers = set == 0   ? std::vector<core::Register>{core::Register::ET}
                        : set == 1 ? std::vector<core::Register>{core::Register::VT, core::Register::MT}
                        : set == 2 ? std::vector<core::Register>{core::Register::M3}
                                   : std::vector<core::Register>{};
  ctx.meter.digits = in.ConsumeIntegralInRange<int>(-1, 20);
  const int64_t modulus = core::meter_modulus(ctx.meter.digits);
  ctx.window = some_rule(in);
  const size_t n = in.ConsumeIntegralInRange<size_t>(0, 40);
  for (size_t i = 0; i < n; ++i) {
    core::PastReading r;
    r.date = some_date(in, ctx.today, 800, 10);
    r.reg = static_cast<core::Register>(in.ConsumeIntegralInRange<int>(0, 3));
    r.value = some_value(in, modulus);
    r.source = static_cast<core::ReadingSource>(in.ConsumeIntegralInRange<int>(0, 2));
    r.meter_replaced = in.ConsumeIntegralInRange<int>(0, 7) == 0;
    ctx.history.push_back(r);
  }

  core::Submission s;
  s.date_text = in.ConsumeBool() ? core::format_date(some_date(in, ctx.today, 8, 3)) : some_ascii(in, 12);
  const int type = in.ConsumeIntegralInRange<int>(0, 3);
  s.type_text = type == 0 ? "submission" : type == 1 ? "own_record" : type == 2 ? "" : some_ascii(in, 12);
  switch (in.ConsumeIntegralInRange<int>(0, 7)) {
    case 0:
      s.values = nullptr;
      break;
    case 1:
      s.values = json::array({1, 2});
      break;
    default: {
      s.values = json::object();
      const size_t k = in.ConsumeIntegralInRange<size_t>(0, 5);
      for (size_t i = 0; i < k; ++i) {
        const std::string key = in.ConsumeBool() ? kRegisters[in.ConsumeIntegralInRange<int>(0, 3)] : some_ascii(in, 4);
        s.values[key] = some_json_value(in, modulus);
      }
    }
  }
  s.confirm_unusual = in.ConsumeBool();
  s.meter_replaced = in.ConsumeBool();

  const core::SubmissionVerdict v = core::check_submission(s, ctx);
  require_known_codes(v.errors);
  require_known_codes(v.conflicts);
  require_known_codes(v.warnings);
  FUZZ_REQUIRE(v.errors.empty() || (v.conflicts.empty() && v.warnings.empty()), "no 409 beside a 422");
  if (s.confirm_unusual) FUZZ_REQUIRE(v.conflicts.empty(), "confirmed conflicts are warnings");
  if (!s.confirm_unusual) FUZZ_REQUIRE(v.warnings.empty(), "warnings only when confirmed");
  if (v.ok()) {
    std::set<core::Register> expected(ctx.meter.registers.begin(), ctx.meter.registers.end()), got;
    for (const auto& [reg, value] : v.accepted.values) {
      got.insert(reg);
      FUZZ_REQUIRE(value >= 0 && value < modulus, "accepted values fit the counter");
    }
    FUZZ_REQUIRE(got == expected, "every register of the meter, nothing else");
    FUZZ_REQUIRE(
        v.accepted.date <= ctx.today && core::days_between(v.accepted.date, ctx.today) <= core::kMaxReadingAgeDays,
        "accepted dates are today-5..today");
  }

  check_windows(ctx.window, ctx.today);

  for (core::Register reg : {core::Register::ET, core::Register::VT, core::Register::MT, core::Register::M3}) {
    const auto range = core::expected_range(ctx.history, reg, ctx.today, ctx.meter.digits);
    if (range) {
      FUZZ_REQUIRE(range->min_value <= range->max_value, "a range's low end is below its high end");
      FUZZ_REQUIRE(range->per_day >= 0, "consumption per day is not negative");
    }
  }

  std::vector<core::ListedReading> rows;
  for (const auto& r : ctx.history) rows.push_back({r.date, r.reg, r.value, r.meter_replaced, 7, 1.5});
  core::compute_differences(rows, ctx.meter.digits);
  for (const auto& row : rows) {
    if (row.meter_replaced) FUZZ_REQUIRE(!row.difference, "no difference after a meter change");
    if (row.per_day) FUZZ_REQUIRE(row.difference.has_value(), "a rate needs a difference");
  }
  return 0;
}
