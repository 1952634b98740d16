// Računi: euro amounts written the Slovenian way, the import's exact amount parser, the status
// rule (overdue by the server's today) and the invoice JSON both ways.
#include <doctest/doctest.h>

#include <climits>
#include <cstdlib>
#include <string>
#include <utility>

#include "core/invoice.h"

namespace api = core::api;
using nlohmann::json;

namespace {

const std::string kNbsp = "\xC2\xA0";  // U+00A0 NO-BREAK SPACE
const std::string kEuro = "\xE2\x82\xAC";

std::string eur(const std::string& number) {
  return number + kNbsp + kEuro;
}

bool amount(const char* text, int64_t& cents) {
  return core::parse_eur_amount(text, cents);
}

api::Invoice sample() {
  api::Invoice i;
  i.id = "17";
  i.number = "2026-10-0001";
  i.contract_id = "1";
  i.metering_point_id = "3";
  i.period_from = {2026, 10, 1};
  i.period_to = {2026, 10, 31};
  i.issued_on = {2026, 11, 5};
  i.due_on = {2026, 11, 20};
  i.amount_cents = 8437;
  i.status = "open";
  return i;
}

}  // namespace

TEST_CASE("euro amounts: decimal comma, thousands dot, a no-break space before the sign") {
  CHECK(core::format_eur(8437) == eur("84,37"));
  CHECK(core::format_eur(0) == eur("0,00"));
  CHECK(core::format_eur(5) == eur("0,05"));
  CHECK(core::format_eur(100) == eur("1,00"));
  CHECK(core::format_eur(99999) == eur("999,99"));
  CHECK(core::format_eur(123456) == eur("1.234,56"));
  CHECK(core::format_eur(100000000) == eur("1.000.000,00"));
  CHECK(core::format_eur(-500) == eur("-5,00"));
  CHECK(core::format_eur(-123456) == eur("-1.234,56"));
  CHECK(core::format_eur(INT64_MAX) == eur("92.233.720.368.547.758,07"));
  CHECK(core::format_eur(INT64_MIN) == eur("-92.233.720.368.547.758,08"));
}

TEST_CASE("the import's amount_eur is parsed exactly to cents") {
  int64_t cents = -1;
  SUBCASE("whole, one and two decimals") {
    REQUIRE(amount("84.37", cents));
    CHECK(cents == 8437);
    REQUIRE(amount("84.3", cents));
    CHECK(cents == 8430);
    REQUIRE(amount("84", cents));
    CHECK(cents == 8400);
    REQUIRE(amount("0.01", cents));
    CHECK(cents == 1);
    REQUIRE(amount("0", cents));
    CHECK(cents == 0);
    REQUIRE(amount("007.10", cents));
    CHECK(cents == 710);
  }
  SUBCASE("no float rounding: values a double cannot hold exactly") {
    REQUIRE(amount("0.29", cents));
    CHECK(cents == 29);
    REQUIRE(amount("1234567.89", cents));
    CHECK(cents == 123456789);
    REQUIRE(amount("9999999999.99", cents));
    CHECK(cents == 999999999999);
  }
  SUBCASE("refused, leaving the output alone") {
    for (const char* bad : {"", "84,37", "84.371", "+84.37", "-84.37", " 84.37", "84.37 ", "84.", ".5", "8 4",
                            "1.234.56", "1e3", "12345678901", "12345678901.00", "84.3a", "€84", "0x10", "84..3"}) {
      cents = -1;
      CHECK_MESSAGE(!amount(bad, cents), bad);
      CHECK(cents == -1);
    }
  }
}

TEST_CASE("an open invoice is overdue once today is after its due date") {
  const core::Date due{2026, 11, 20};
  CHECK(core::invoice_status("open", due, {2026, 11, 5}) == "open");
  CHECK(core::invoice_status("open", due, {2026, 11, 20}) == "open");  // the due date itself still counts
  CHECK(core::invoice_status("open", due, {2026, 11, 21}) == "overdue");
  CHECK(core::invoice_status("open", due, {2027, 1, 1}) == "overdue");
  CHECK(core::invoice_status("paid", due, {2026, 11, 21}) == "paid");
  CHECK(core::invoice_status("paid", due, {2026, 11, 1}) == "paid");
}

TEST_CASE("invoice JSON") {
  SUBCASE("the API's members, dates as YYYY-MM-DD, cents as an integer") {
    const json j = api::to_json(sample());
    CHECK(j == json::parse(R"({"id":"17","number":"2026-10-0001","contract_id":"1","metering_point_id":"3",
      "period_from":"2026-10-01","period_to":"2026-10-31","issued_on":"2026-11-05","due_on":"2026-11-20",
      "amount_cents":8437,"currency":"EUR","status":"open"})"));
  }
  SUBCASE("reads back, ignoring members it does not know") {
    json j = api::to_json(sample());
    j["pdf_url"] = "/api/v1/invoices/17/pdf";
    api::Invoice back;
    REQUIRE(api::from_json(j, back));
    CHECK(api::to_json(back) == api::to_json(sample()));
    CHECK(back.due_on == core::Date{2026, 11, 20});
  }
  SUBCASE("the wrong shape is false, never an exception") {
    api::Invoice out;
    out.number = "untouched";
    for (const char* text :
         {R"([])", R"("x")", R"({})", R"({"id":"1","amount_cents":84.37})", R"({"id":"1","amount_cents":"8437"})",
          R"({"id":"1","due_on":"20. 11. 2026"})", R"({"id":"1","period_from":"2026-02-30"})", R"({"id":1})",
          R"({"id":"1","amount_cents":18446744073709551615})"}) {
      CHECK_MESSAGE(!api::from_json(json::parse(text), out), text);
    }
    CHECK(out.number == "untouched");
  }
}

TEST_CASE("invoice numbers and the payment reference made of their digits") {
  for (const char* good : {"2026-10-0001", "R1", "7", "ab-12-CD", "12345678901234567890"})
    CHECK_MESSAGE(core::is_invoice_number(good), good);
  for (const char* bad : {"", "RACUN", "2026/10/1", "2026 10", "2026_10", "123456789012345678901", "račun-1", "-\n1"})
    CHECK_MESSAGE(!core::is_invoice_number(bad), bad);
  CHECK(core::payment_reference("2026-10-0001") == "SI12 2026100001");
  CHECK(core::payment_reference("R-7") == "SI12 7");
}

TEST_CASE("net and VAT 22 % from the total, exactly in cents and adding up") {
  auto split = [](int64_t total) {
    const core::VatSplit s = core::split_vat(total);
    CHECK(s.net_cents + s.vat_cents == total);
    return std::pair<int64_t, int64_t>{s.net_cents, s.vat_cents};
  };
  CHECK(split(8437) == std::pair<int64_t, int64_t>{6916, 1521});  // 84.37 / 1.22 = 69.155...
  CHECK(split(12200) == std::pair<int64_t, int64_t>{10000, 2200});
  CHECK(split(0) == std::pair<int64_t, int64_t>{0, 0});
  CHECK(split(1) == std::pair<int64_t, int64_t>{1, 0});     // 0.82 rounds up
  CHECK(split(61) == std::pair<int64_t, int64_t>{50, 11});  // 50.0 exactly
  CHECK(split(999999999999) == std::pair<int64_t, int64_t>{819672131147, 180327868852});
  for (int64_t total = 0; total < 5000; ++total) {
    const core::VatSplit s = core::split_vat(total);
    // The net is the nearest cent to total / 1.22: |net * 122 - total * 100| <= 61.
    CHECK(std::llabs(s.net_cents * 122 - total * 100) <= 61);
  }
}

TEST_CASE("format_eur in English: the euro sign first, a decimal point") {
  CHECK(core::format_eur(8437, core::Locale::en) == "\xE2\x82\xAC" "84.37");
  CHECK(core::format_eur(123456, core::Locale::en) == "\xE2\x82\xAC" "1,234.56");
  CHECK(core::format_eur(-500, core::Locale::en) == "-\xE2\x82\xAC" "5.00");
  CHECK(core::format_eur(8437, core::Locale::sl) == core::format_eur(8437));
}
