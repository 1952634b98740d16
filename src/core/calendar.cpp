#include "core/calendar.h"

#include <cstdio>

namespace core {

namespace {

int64_t floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// Days from 1970-01-01 to the civil date, counting in 400-year eras of 146097 days that start
// on March 1st (so the leap day is the last day of an era's year).
int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = floor_div(y, 400);
  const int64_t yoe = y - era * 400;                          // 0..399
  const int64_t mp = m > 2 ? m - 3 : m + 9;                   // March = 0
  const int64_t doy = (153 * mp + 2) / 5 + d - 1;             // 0..365
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // 0..146096
  return era * 146097 + doe - 719468;                         // 719468: 0000-03-01 .. 1970-01-01
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads exactly n digits at text[pos]; false if any is not a digit.
bool read_digits(std::string_view text, size_t pos, size_t n, int& out) {
  if (pos + n > text.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = text[pos + i];
    if (!is_digit(c)) return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

// The instant (UTC) of the last Sunday of a month at 01:00 UTC: when EU summer time starts
// (March) and ends (October).
int64_t eu_switch_instant(int year, int month) {
  Date last = last_day_of_month(year, month);
  last = last.plus_days(-(day_of_week(last) % 7));  // back to Sunday (7 % 7 = 0)
  return last.serial() * 86400 + 3600;
}

std::string two(int v) {
  char buf[4];
  std::snprintf(buf, sizeof buf, "%02d", v % 100);
  return buf;
}

std::string year4(int y) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", y);
  return buf;
}

}  // namespace

// [SECTION] Civil dates
int64_t Date::serial() const {
  return days_from_civil(year, month, day);
}

Date Date::from_serial(int64_t z) {
  z += 719468;
  const int64_t era = floor_div(z, 146097);
  const int64_t doe = z - era * 146097;                                       // 0..146096
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // 0..399
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // 0..365
  const int64_t mp = (5 * doy + 2) / 153;                                     // March = 0
  Date d;
  d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2 ? 1 : 0));
  return d;
}

bool is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

int64_t days_between(const Date& from, const Date& to) {
  return to.serial() - from.serial();
}

int day_of_week(const Date& d) {
  const int64_t from_monday = d.serial() + 3;  // 1970-01-01 was a Thursday
  return static_cast<int>(from_monday - floor_div(from_monday, 7) * 7) + 1;
}

Date last_day_of_month(int year, int month) {
  return Date{year, month, days_in_month(year, month)};
}

Date add_months(const Date& d, int months) {
  const int64_t index = static_cast<int64_t>(d.year) * 12 + (d.month - 1) + months;
  Date out;
  out.year = static_cast<int>(floor_div(index, 12));
  out.month = static_cast<int>(index - floor_div(index, 12) * 12) + 1;
  const int dim = days_in_month(out.year, out.month);
  out.day = d.day < dim ? d.day : dim;
  return out;
}

bool parse_date(std::string_view text, Date& out) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  Date d;
  if (!read_digits(text, 0, 4, d.year) || !read_digits(text, 5, 2, d.month) || !read_digits(text, 8, 2, d.day))
    return false;
  if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month)) return false;
  out = d;
  return true;
}

std::string format_date(const Date& d) {
  return year4(d.year) + "-" + two(d.month) + "-" + two(d.day);
}

std::string format_date_sl(const Date& d) {
  return std::to_string(d.day) + ". " + std::to_string(d.month) + ". " + std::to_string(d.year);
}

std::string format_date_dots(const Date& d) {
  return two(d.day) + "." + two(d.month) + "." + year4(d.year);
}

// [SECTION] Instants
int utc_offset_seconds_ljubljana(int64_t unix_seconds) {
  const Date utc_day = Date::from_serial(floor_div(unix_seconds, 86400));
  const int64_t summer_from = eu_switch_instant(utc_day.year, 3);
  const int64_t summer_to = eu_switch_instant(utc_day.year, 10);
  return unix_seconds >= summer_from && unix_seconds < summer_to ? 7200 : 3600;
}

Date ljubljana_date(int64_t unix_seconds) {
  return Date::from_serial(floor_div(unix_seconds + utc_offset_seconds_ljubljana(unix_seconds), 86400));
}

int ljubljana_hour(int64_t unix_seconds) {
  const int64_t local = unix_seconds + utc_offset_seconds_ljubljana(unix_seconds);
  return static_cast<int>((local - floor_div(local, 86400) * 86400) / 3600);
}

std::string format_instant_ljubljana(int64_t unix_seconds) {
  const int offset = utc_offset_seconds_ljubljana(unix_seconds);
  const int64_t local = unix_seconds + offset;
  const int64_t day = floor_div(local, 86400);
  const int64_t secs = local - day * 86400;
  const int h = static_cast<int>(secs / 3600), m = static_cast<int>(secs / 60 % 60), s = static_cast<int>(secs % 60);
  return format_date(Date::from_serial(day)) + "T" + two(h) + ":" + two(m) + ":" + two(s) + "+" + two(offset / 3600) +
         ":00";
}

bool parse_instant(std::string_view text, int64_t& unix_seconds) {
  Date date;
  if (text.size() < 20 || !parse_date(text.substr(0, 10), date)) return false;
  if (text[10] != 'T' && text[10] != 't') return false;
  int h = 0, m = 0, s = 0;
  if (!read_digits(text, 11, 2, h) || text[13] != ':' || !read_digits(text, 14, 2, m) || text[16] != ':' ||
      !read_digits(text, 17, 2, s))
    return false;
  if (h > 23 || m > 59 || s > 59) return false;
  size_t pos = 19;
  if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
    size_t digits = 0;
    for (++pos; pos < text.size() && is_digit(text[pos]); ++pos) ++digits;
    if (digits == 0) return false;  // the fraction is dropped: it never changes the second
  }
  if (pos >= text.size()) return false;  // an offset is required
  int offset = 0;
  const char sign = text[pos];
  if (sign == 'Z' || sign == 'z') {
    if (pos + 1 != text.size()) return false;
  } else if (sign == '+' || sign == '-') {
    int oh = 0, om = 0;
    if (!read_digits(text, pos + 1, 2, oh)) return false;
    size_t mpos = pos + 3;
    if (mpos < text.size() && text[mpos] == ':') ++mpos;
    if (!read_digits(text, mpos, 2, om) || mpos + 2 != text.size()) return false;
    if (oh > 23 || om > 59) return false;
    offset = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
  } else {
    return false;
  }
  unix_seconds = date.serial() * 86400 + h * 3600 + m * 60 + s - offset;
  return true;
}

int64_t ljubljana_midnight(const Date& d) {
  // Midnight is never inside a DST change (they happen at 02:00/03:00 local): try summer time.
  const int64_t summer = d.serial() * 86400 - 7200;
  return utc_offset_seconds_ljubljana(summer) == 7200 ? summer : d.serial() * 86400 - 3600;
}

}  // namespace core
