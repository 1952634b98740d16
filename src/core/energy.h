// Energies, distribution operators and their reading windows. Operators and windows are data
// (assets/operators.json, served at /api/v1/rules), never code.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/error.h"

namespace core {

enum class Energy { electricity, gas };
const char* energy_code(Energy e);                     // "electricity" | "gas"
bool parse_energy(std::string_view code, Energy& out);  // exact, lower case
// The energy a customer chose: empty -> field.required, anything else unknown -> energy.invalid.
Errors check_energy(std::string_view text, Energy& out, std::string_view field = "energy");

// [SECTION] Reading windows
// When an operator accepts self-readings. Days are inclusive.
struct WindowRule {
  enum class Kind {
    none,           // the operator reads the meter itself: no self-readings
    days,           // days from_day..to_day of every month ("1-5", "26-29")
    last_days,      // the last `count` days of every month
    per_month,      // a day range per calendar month (Domplan: 27-30 in Jan, 24-27 in Feb, ...)
    month_end_span  // from the `count`-th last day of a month through day `to_day` of the next
  };
  Kind kind = Kind::none;
  int from_day = 0;                             // days: first day
  int to_day = 0;                               // days: last day; month_end_span: day of next month
  int count = 0;                                // last_days: N; month_end_span: N-th last day (1 = last)
  std::array<std::pair<int, int>, 12> months{};  // per_month: {from, to} for Jan..Dec
};

// A window's first and last day (inclusive).
struct WindowSpan {
  Date opens_on;
  Date closes_on;
};

// What API.md's `window` says: the current window while open_now, else the next one; no span
// when the operator takes no self-readings.
struct WindowStatus {
  bool open_now = false;
  std::optional<WindowSpan> span;
};

bool operator==(const WindowRule& a, const WindowRule& b);  // same JSON form

WindowStatus window_status(const WindowRule& rule, const Date& today);
// The window that opens in the given month (it may close in the next one); none for
// Kind::none or a per_month month without a range. Days beyond the month's length clamp to it.
std::optional<WindowSpan> window_of_month(const WindowRule& rule, int year, int month);
// The window that contains `day`, if any.
std::optional<WindowSpan> window_containing(const WindowRule& rule, const Date& day);
// The first window that opens after `day` (not containing it).
std::optional<WindowSpan> next_window_after(const WindowRule& rule, const Date& day);
nlohmann::json to_json(const WindowStatus& w);  // {open_now, opens_on, closes_on} (dates or null)
bool window_status_from_json(const nlohmann::json& j, WindowStatus& out);  // false when not that shape

// [SECTION] Operators
struct Operator {
  std::string code;    // "ELJ", "DOPL", ...
  std::string name;    // "Elektro Ljubljana"
  Energy energy = Energy::electricity;
  WindowRule window;   // when self-readings are accepted
};

nlohmann::json to_json(const Operator& op);  // {code, name, energy, window:{kind, ...}}
// One entry of assets/operators.json (or of /rules); false with a message when invalid.
// strict: unknown members are errors (the asset file); else ignored (a response may gain fields).
bool operator_from_json(const nlohmann::json& j, Operator& out, std::string& error, bool strict = true);

class OperatorCatalog {
 public:
  // Loads assets/operators.json. false with a message naming the entry if anything is invalid.
  bool load(std::string_view json_text, std::string& error);
  const Operator* find(std::string_view code) const;  // exact code, upper case
  const std::vector<Operator>& all() const { return operators_; }
  // For GET /api/v1/rules: [{code, name, energy, window:{kind, ...rule fields}}].
  nlohmann::json to_json() const;
  // The operator a customer chose for an energy: empty -> field.required, not in the catalog ->
  // operator.unknown, another energy's -> operator.energy_mismatch (when `energy` is known).
  Errors check(std::string_view code, const std::optional<Energy>& energy, const Operator*& out,
               std::string_view field = "operator") const;

 private:
  std::vector<Operator> operators_;
};

// Rule <-> JSON, as in assets/operators.json: {"kind":"days","from":26,"to":29},
// {"kind":"last_days","count":4}, {"kind":"per_month","months":[[27,30],[24,27],...]},
// {"kind":"month_end_span","count":1,"to":3}, {"kind":"none"}.
bool window_rule_from_json(const nlohmann::json& j, WindowRule& out, std::string& error);
nlohmann::json to_json(const WindowRule& rule);

}  // namespace core
