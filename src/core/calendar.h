// Slovenian civil dates and times (Europe/Ljubljana: CET, CEST from the last Sunday of March
// 01:00 UTC to the last Sunday of October 01:00 UTC). Pure: "now" is always passed in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace core {

// [SECTION] Civil dates
struct Date {
  int year = 1970;  // proleptic Gregorian
  int month = 1;    // 1..12
  int day = 1;      // 1..days_in_month

  friend bool operator==(const Date& a, const Date& b) { return a.serial() == b.serial(); }
  friend bool operator!=(const Date& a, const Date& b) { return !(a == b); }
  friend bool operator<(const Date& a, const Date& b) { return a.serial() < b.serial(); }
  friend bool operator<=(const Date& a, const Date& b) { return a.serial() <= b.serial(); }
  friend bool operator>(const Date& a, const Date& b) { return a.serial() > b.serial(); }
  friend bool operator>=(const Date& a, const Date& b) { return a.serial() >= b.serial(); }

  int64_t serial() const;              // days since 1970-01-01
  static Date from_serial(int64_t d);  // inverse of serial()
  Date plus_days(int64_t n) const { return from_serial(serial() + n); }
};

bool is_leap_year(int year);
int days_in_month(int year, int month);
int64_t days_between(const Date& from, const Date& to);  // to - from, in days
int day_of_week(const Date& d);                           // 1 = Monday .. 7 = Sunday (ISO)
Date last_day_of_month(int year, int month);
Date add_months(const Date& d, int months);               // day clamped to the month's length

// "YYYY-MM-DD", strictly (zero-padded, a real day). false for anything else.
bool parse_date(std::string_view text, Date& out);
std::string format_date(const Date& d);           // "2026-11-25"
std::string format_date_sl(const Date& d);        // "25. 11. 2026" (Slovenian style for people)
std::string format_date_dots(const Date& d);      // "25.11.2026" (CSV export)

// [SECTION] Instants (Unix seconds) in Slovenian civil time
int utc_offset_seconds_ljubljana(int64_t unix_seconds);  // 3600 (CET) or 7200 (CEST)
Date ljubljana_date(int64_t unix_seconds);               // the Slovenian civil date at that instant
int ljubljana_hour(int64_t unix_seconds);                // 0..23 civil hour
// "2026-11-25T13:09:00+01:00" in Slovenian civil time.
std::string format_instant_ljubljana(int64_t unix_seconds);
// ISO 8601 with an offset ("2026-11-28T09:00:00+01:00", "...Z", fractional seconds allowed).
bool parse_instant(std::string_view text, int64_t& unix_seconds);
// The instant a Slovenian civil date begins (00:00 local).
int64_t ljubljana_midnight(const Date& d);

}  // namespace core
