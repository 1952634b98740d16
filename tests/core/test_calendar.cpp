// Slovenian civil dates and times: the calendar, EU summer time for Europe/Ljubljana, ISO 8601.
#include <doctest/doctest.h>

#include "core/calendar.h"

using core::Date;

namespace {

int64_t utc(const char* text) {
  int64_t t = 0;
  REQUIRE_MESSAGE(core::parse_instant(text, t), text);
  return t;
}

Date date(const char* text) {
  Date d;
  REQUIRE_MESSAGE(core::parse_date(text, d), text);
  return d;
}

}  // namespace

TEST_CASE("serial days and back") {
  CHECK(Date{1970, 1, 1}.serial() == 0);
  CHECK(Date{1969, 12, 31}.serial() == -1);
  CHECK(Date{2000, 3, 1}.serial() == 11017);
  CHECK(Date{2026, 11, 25}.serial() == 20782);
  CHECK(Date::from_serial(20782) == Date{2026, 11, 25});
  SUBCASE("every day of four centuries round-trips and steps by one") {
    int64_t previous = Date{1899, 12, 31}.serial();
    for (int y = 1900; y <= 2300; ++y)
      for (int m = 1; m <= 12; ++m)
        for (int d = 1; d <= core::days_in_month(y, m); ++d) {
          const Date day{y, m, d};
          const int64_t s = day.serial();
          if (s != previous + 1 || Date::from_serial(s) != day) FAIL("broken at " << core::format_date(day));
          previous = s;
        }
  }
  CHECK(Date{2026, 12, 31}.plus_days(1) == Date{2027, 1, 1});
  CHECK(Date{2028, 3, 1}.plus_days(-1) == Date{2028, 2, 29});
  CHECK(Date{2027, 3, 1}.plus_days(-1) == Date{2027, 2, 28});
  CHECK(core::days_between(Date{2026, 12, 27}, Date{2027, 1, 1}) == 5);
  CHECK(core::days_between(Date{2027, 1, 1}, Date{2026, 12, 27}) == -5);
}

TEST_CASE("leap years and month lengths") {
  CHECK(core::is_leap_year(2024));
  CHECK(core::is_leap_year(2000));
  CHECK_FALSE(core::is_leap_year(1900));
  CHECK_FALSE(core::is_leap_year(2026));
  CHECK(core::days_in_month(2028, 2) == 29);
  CHECK(core::days_in_month(2100, 2) == 28);
  CHECK(core::days_in_month(2026, 4) == 30);
  CHECK(core::days_in_month(2026, 12) == 31);
  CHECK(core::days_in_month(2026, 13) == 0);
  CHECK(core::last_day_of_month(2024, 2) == Date{2024, 2, 29});
}

TEST_CASE("weekdays and months") {
  CHECK(core::day_of_week(Date{1970, 1, 1}) == 4);    // Thursday
  CHECK(core::day_of_week(Date{2026, 11, 25}) == 3);  // Wednesday
  CHECK(core::day_of_week(Date{2026, 3, 29}) == 7);   // Sunday
  CHECK(core::day_of_week(Date{1969, 12, 29}) == 1);  // Monday, before the epoch
  CHECK(core::add_months(Date{2026, 1, 31}, 1) == Date{2026, 2, 28});
  CHECK(core::add_months(Date{2028, 1, 31}, 1) == Date{2028, 2, 29});
  CHECK(core::add_months(Date{2026, 12, 15}, 1) == Date{2027, 1, 15});
  CHECK(core::add_months(Date{2026, 1, 15}, -1) == Date{2025, 12, 15});
  CHECK(core::add_months(Date{2028, 2, 29}, -12) == Date{2027, 2, 28});
  CHECK(core::add_months(Date{2026, 5, 31}, -25) == Date{2024, 4, 30});
}

TEST_CASE("dates parse strictly and format three ways") {
  Date d;
  REQUIRE(core::parse_date("2028-02-29", d));
  CHECK(d == Date{2028, 2, 29});
  for (const char* bad : {"2027-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-4-1", "2026-04-01T00",
                          "26-04-01", "2026/04/01", "", "2026-04-0a", " 2026-04-01", "0000-01-01", "+026-01-01"})
    CHECK_MESSAGE(!core::parse_date(bad, d), bad);
  CHECK(core::format_date(Date{2026, 3, 5}) == "2026-03-05");
  CHECK(core::format_date_sl(Date{2026, 11, 25}) == "25. 11. 2026");
  CHECK(core::format_date_dots(Date{2026, 3, 5}) == "05.03.2026");
}

TEST_CASE("summer time starts on the last Sunday of March at 01:00 UTC") {
  SUBCASE("2026: March 29") {
    CHECK(core::utc_offset_seconds_ljubljana(utc("2026-03-29T00:59:59Z")) == 3600);
    CHECK(core::utc_offset_seconds_ljubljana(utc("2026-03-29T01:00:00Z")) == 7200);
    CHECK(core::ljubljana_hour(utc("2026-03-29T00:59:59Z")) == 1);
    CHECK(core::ljubljana_hour(utc("2026-03-29T01:00:00Z")) == 3);  // 02:00 local never happens
    CHECK(core::format_instant_ljubljana(utc("2026-03-29T01:00:00Z")) == "2026-03-29T03:00:00+02:00");
  }
  SUBCASE("2024: March 31, the last day of the month") {
    CHECK(core::utc_offset_seconds_ljubljana(utc("2024-03-31T00:59:59Z")) == 3600);
    CHECK(core::utc_offset_seconds_ljubljana(utc("2024-03-31T01:00:00Z")) == 7200);
    CHECK(core::utc_offset_seconds_ljubljana(utc("2024-03-24T12:00:00Z")) == 3600);
  }
  SUBCASE("the day is 23 hours long") {
    CHECK(core::ljubljana_midnight(Date{2026, 3, 30}) - core::ljubljana_midnight(Date{2026, 3, 29}) == 23 * 3600);
    CHECK(core::ljubljana_midnight(Date{2026, 3, 29}) == utc("2026-03-28T23:00:00Z"));
    CHECK(core::ljubljana_midnight(Date{2026, 3, 30}) == utc("2026-03-29T22:00:00Z"));
  }
}

TEST_CASE("summer time ends on the last Sunday of October at 01:00 UTC") {
  SUBCASE("2026: October 25") {
    CHECK(core::utc_offset_seconds_ljubljana(utc("2026-10-25T00:59:59Z")) == 7200);
    CHECK(core::utc_offset_seconds_ljubljana(utc("2026-10-25T01:00:00Z")) == 3600);
    CHECK(core::format_instant_ljubljana(utc("2026-10-25T00:30:00Z")) == "2026-10-25T02:30:00+02:00");
    CHECK(core::format_instant_ljubljana(utc("2026-10-25T01:30:00Z")) == "2026-10-25T02:30:00+01:00");
  }
  SUBCASE("2025: October 26") {
    CHECK(core::utc_offset_seconds_ljubljana(utc("2025-10-26T00:59:59Z")) == 7200);
    CHECK(core::utc_offset_seconds_ljubljana(utc("2025-10-26T01:00:00Z")) == 3600);
    CHECK(core::utc_offset_seconds_ljubljana(utc("2025-10-19T01:00:00Z")) == 7200);
  }
  SUBCASE("the day is 25 hours long") {
    CHECK(core::ljubljana_midnight(Date{2026, 10, 26}) - core::ljubljana_midnight(Date{2026, 10, 25}) == 25 * 3600);
  }
}

TEST_CASE("the Slovenian date at an instant") {
  SUBCASE("summer: midnight is 22:00 UTC") {
    CHECK(core::ljubljana_date(utc("2026-06-30T21:59:59Z")) == Date{2026, 6, 30});
    CHECK(core::ljubljana_date(utc("2026-06-30T22:00:00Z")) == Date{2026, 7, 1});
  }
  SUBCASE("winter: midnight is 23:00 UTC, across the year end") {
    CHECK(core::ljubljana_date(utc("2026-12-31T22:59:59Z")) == Date{2026, 12, 31});
    CHECK(core::ljubljana_date(utc("2026-12-31T23:00:00Z")) == Date{2027, 1, 1});
    CHECK(core::ljubljana_hour(utc("2026-12-31T23:00:00Z")) == 0);
  }
  SUBCASE("the night of the change in March") {
    CHECK(core::ljubljana_date(utc("2026-03-28T22:59:59Z")) == Date{2026, 3, 28});
    CHECK(core::ljubljana_date(utc("2026-03-28T23:00:00Z")) == Date{2026, 3, 29});
    CHECK(core::ljubljana_date(utc("2026-03-29T21:59:59Z")) == Date{2026, 3, 29});
    CHECK(core::ljubljana_date(utc("2026-03-29T22:00:00Z")) == Date{2026, 3, 30});
  }
  SUBCASE("the night of the change in October") {
    CHECK(core::ljubljana_date(utc("2026-10-24T22:00:00Z")) == Date{2026, 10, 25});
    CHECK(core::ljubljana_date(utc("2026-10-25T22:59:59Z")) == Date{2026, 10, 25});
    CHECK(core::ljubljana_date(utc("2026-10-25T23:00:00Z")) == Date{2026, 10, 26});
  }
  SUBCASE("before 1970") {
    CHECK(core::ljubljana_date(utc("1969-12-31T23:30:00Z")) == Date{1970, 1, 1});
    CHECK(core::ljubljana_hour(utc("1969-12-31T23:30:00Z")) == 0);
  }
}

TEST_CASE("ISO 8601 instants with an offset") {
  const int64_t t = utc("2026-11-28T08:00:00Z");
  CHECK(utc("2026-11-28T09:00:00+01:00") == t);
  CHECK(utc("2026-11-28T09:00:00+0100") == t);
  CHECK(utc("2026-11-28T03:30:00-04:30") == t);
  CHECK(utc("2026-11-28T08:00:00.999Z") == t);
  CHECK(utc("2026-11-28T08:00:00,5z") == t);
  CHECK(utc("2026-11-28t10:00:00.123456+02:00") == t);
  CHECK(utc("1970-01-01T00:00:00Z") == 0);
  CHECK(utc("2026-11-28T00:30:00+01:00") == utc("2026-11-27T23:30:00Z"));
  int64_t out = 42;
  for (const char* bad : {"2026-11-28T08:00:00", "2026-11-28 08:00:00Z", "2026-11-28T24:00:00Z", "2026-11-28T08:60:00Z",
                          "2026-11-28T08:00:60Z", "2026-11-28T08:00Z", "2026-11-28T08:00:00.Z",
                          "2026-11-28T08:00:00+1:00", "2026-11-28T08:00:00+01:00:00", "2026-11-28T08:00:00+24:00",
                          "2026-11-28T08:00:00+01", "2026-11-28T08:00:00ZZ", "2026-02-30T08:00:00Z", ""})
    CHECK_MESSAGE(!core::parse_instant(bad, out), bad);
  CHECK(out == 42);
  SUBCASE("formatting and parsing round-trip") {
    for (const char* text : {"2026-03-29T01:59:59Z", "2026-07-15T12:00:00Z", "2026-10-25T01:00:00Z"}) {
      const int64_t instant = utc(text);
      CHECK(utc(core::format_instant_ljubljana(instant).c_str()) == instant);
    }
  }
}

TEST_CASE("dates used by the reading rules: today-5, month and year ends") {
  CHECK(date("2027-01-02").plus_days(-5) == Date{2026, 12, 28});
  CHECK(date("2028-03-03").plus_days(-5) == Date{2028, 2, 27});
  CHECK(date("2026-03-03").plus_days(-5) == Date{2026, 2, 26});
}
