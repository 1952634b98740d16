// Meter readings: registers, the rules a submission must pass, the expected range, and the
// difference and consumption per day shown in the list. Pure: today and history are passed in.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/energy.h"
#include "core/error.h"

namespace core {

// [SECTION] Vocabulary
enum class Register { ET, VT, MT, M3 };                 // single tariff, high, low, gas m³
const char* register_code(Register r);                  // "ET" | "VT" | "MT" | "M3"
bool parse_register(std::string_view code, Register& out);

// A meter's registers as the registry writes them: "ET", "VT+MT" or "M3".
bool parse_register_set(std::string_view text, std::vector<Register>& out);
std::string register_set_code(const std::vector<Register>& regs);  // "VT+MT"

enum class ReadingType { submission, own_record };
const char* reading_type_code(ReadingType t);  // "submission" | "own_record"
bool parse_reading_type(std::string_view code, ReadingType& out);

enum class ReadingSource { customer, operator_, estimate };
const char* reading_source_code(ReadingSource s);  // "customer" | "operator" | "estimate"
bool parse_reading_source(std::string_view code, ReadingSource& out);

inline constexpr int kMaxReadingAgeDays = 5;  // API.md: today-5 passes, today-6 is reading.too_old
inline constexpr double kUnusualLow = 0.5;    // never unusual at or above 0.5x the expected use...
inline constexpr double kUnusualHigh = 2.0;   // ...and at or below 2x
inline constexpr int64_t kUnusualSlack = 5;   // units of absolute tolerance, so tiny intervals don't nag

// [SECTION] Meter arithmetic
int64_t meter_modulus(int digits);  // 10^digits (digits clamped to 1..18): the counter's roll-over point
// A lower value that is the counter passing 99...9: previous >= 0.9 x 10^digits and value <= 0.1 x 10^digits.
bool is_roll_over(int64_t previous, int64_t value, int digits);
int64_t meter_difference(int64_t previous, int64_t value, int digits);  // value - previous, roll-over aware

// [SECTION] A meter and what it has read before
struct Meter {
  Energy energy = Energy::electricity;
  std::vector<Register> registers;  // {ET}, {VT, MT} or {M3}
  int digits = 6;                   // counter digits before the (red) decimal one; values < 10^digits
};

// One register's value on one day, from any source. History is every reading of the metering
// point that still counts (not deleted), in any order.
struct PastReading {
  Date date;
  Register reg = Register::ET;
  int64_t value = 0;
  ReadingSource source = ReadingSource::customer;
  bool meter_replaced = false;  // this reading is the first of a new meter
};

// [SECTION] A submission
struct SubmissionValues {
  std::map<std::string, nlohmann::json> values;  // register code as sent -> JSON value as sent
};

struct Submission {
  std::string date_text;           // as sent: "YYYY-MM-DD"
  std::string type_text;           // as sent: "submission" | "own_record"
  nlohmann::json values;           // as sent: {"VT": 12345, "MT": 6789}
  bool confirm_unusual = false;    // the customer confirmed an unusual value
  bool meter_replaced = false;     // the meter was exchanged: lower values are fine
};

// What the server knows when the submission arrives.
struct SubmissionContext {
  Date today;                         // the server's Slovenian date at receipt
  Meter meter;
  WindowRule window;                  // the operator's
  std::vector<PastReading> history;   // existing readings of this metering point
};

// The accepted values, normalised.
struct CheckedSubmission {
  Date date;
  ReadingType type = ReadingType::submission;
  std::map<Register, int64_t> values;
};

struct SubmissionVerdict {
  Errors errors;                 // 422: every code that applies, all at once
  Errors conflicts;              // 409: reading.unusual / reading.tariff_mixup (only without 422s,
                                 //      and only without confirm_unusual)
  Errors warnings;               // accepted but noteworthy (unusual values the customer confirmed)
  CheckedSubmission accepted;    // valid when ok()
  bool ok() const { return errors.empty() && conflicts.empty(); }
};

// All rules of API.md "POST /metering-points/{id}/readings" except those needing storage
// (duplicates, idempotency). Codes: reading.not_integer, reading.negative,
// reading.too_many_digits, reading.register_missing, reading.register_unknown,
// reading.type_invalid, date.invalid, reading.too_old, reading.in_future,
// reading.outside_window {opens_on, closes_on}, reading.no_self_readings,
// reading.lower_than_previous {register, previous}, then reading.unusual
// {register, expected_min, expected_max} and reading.tariff_mixup {register}.
// Fields: "date", "type" (also for the window codes, whose way out is an own record),
// "values.VT" etc. for everything about one value (a `values` that is not an object:
// request.malformed on "values"). An empty date or type is field.required.
SubmissionVerdict check_submission(const Submission& s, const SubmissionContext& ctx);

// Only the value rules (for the client as the customer types one field).
Errors check_reading_value(const nlohmann::json& value, const Meter& meter, Register reg, std::string_view field);
Errors check_reading_date(std::string_view date_text, const Date& today, Date& out, std::string_view field = "date");

// [SECTION] Expected range
struct ExpectedRange {
  Register reg = Register::ET;
  int64_t min_value = 0;  // meter value at the low end (past 10^digits when a roll-over is due)
  int64_t max_value = 0;  // meter value at the high end (likewise)
  double per_day = 0;     // expected consumption per day used
};
// The range a reading on `date` should fall in, from earlier readings of the register;
// nullopt when there is too little history (fewer than two readings 14+ days apart).
std::optional<ExpectedRange> expected_range(const std::vector<PastReading>& history, Register reg,
                                            const Date& date, int digits);

// [SECTION] Differences for the list (OBSTOJEČI ODČITKI)
struct ListedReading {
  Date date;
  Register reg = Register::ET;
  int64_t value = 0;
  bool meter_replaced = false;
  std::optional<int64_t> difference;  // out: value - previous value of the register (roll-over aware)
  std::optional<double> per_day;      // out: difference / days since the previous reading
};
// Fills difference and per_day for every row; rows may come in any order. First reading of a
// register and the first after a meter change get none.
void compute_differences(std::vector<ListedReading>& rows, int digits);

}  // namespace core
