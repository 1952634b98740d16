// Reading windows and the operator catalog (assets/operators.json): every window kind, spans
// across month and year ends, leap years, Domplan's per-month ranges, the JSON forms.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/energy.h"

using core::Date;
using core::WindowRule;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const core::OperatorCatalog& catalog() {
  static core::OperatorCatalog c;
  static bool loaded = false;
  if (!loaded) {
    std::string error;
    loaded = c.load(read_file(std::string(PORTAL_SOURCE_DIR) + "/assets/operators.json"), error);
    REQUIRE_MESSAGE(loaded, error);
  }
  return c;
}

const WindowRule& rule_of(const char* code) {
  const core::Operator* op = catalog().find(code);
  REQUIRE_MESSAGE(op != nullptr, code);
  return op->window;
}

Date d(const char* text) {
  Date out;
  REQUIRE_MESSAGE(core::parse_date(text, out), text);
  return out;
}

// "open 2026-11-30..2026-12-03", "next 2026-12-31..2027-01-03" or "none".
std::string status(const WindowRule& rule, const char* today) {
  const auto s = core::window_status(rule, d(today));
  if (!s.span) return s.open_now ? "open without span" : "none";
  return std::string(s.open_now ? "open " : "next ") + core::format_date(s.span->opens_on) + ".." +
         core::format_date(s.span->closes_on);
}

WindowRule parse_rule(const char* json_text) {
  WindowRule rule;
  std::string error;
  REQUIRE_MESSAGE(core::window_rule_from_json(nlohmann::json::parse(json_text), rule, error), error);
  return rule;
}

}  // namespace

TEST_CASE("the catalog lists every operator of API.md with its energy") {
  const auto& all = catalog().all();
  CHECK(all.size() == 20);
  for (const char* code : {"ELJ", "EMB", "ECE", "EGO", "EPR"}) {
    const auto* op = catalog().find(code);
    REQUIRE_MESSAGE(op != nullptr, code);
    CHECK(op->energy == core::Energy::electricity);
    CHECK(op->window.kind == WindowRule::Kind::month_end_span);
  }
  for (const char* code : {"ADPL", "DOPL", "ENLJ", "PLIN", "JPSE", "ISPL", "JEIN", "JKSG", "KPVE", "KPVR", "PETR",
                           "PEEN", "PLMB", "MEPL", "ENCE"}) {
    const auto* op = catalog().find(code);
    REQUIRE_MESSAGE(op != nullptr, code);
    CHECK(op->energy == core::Energy::gas);
  }
  CHECK(catalog().find("ELJ")->name == "Elektro Ljubljana");
  CHECK(catalog().find("PLIN")->name == "Enos/Plinstal");
  CHECK(catalog().find("elj") == nullptr);  // exact, upper case
  CHECK(catalog().find("XXX") == nullptr);
}

TEST_CASE("electricity: the last day of the month through the 3rd of the next") {
  const WindowRule& elj = rule_of("ELJ");
  CHECK(status(elj, "2026-11-15") == "next 2026-11-30..2026-12-03");
  CHECK(status(elj, "2026-11-29") == "next 2026-11-30..2026-12-03");
  CHECK(status(elj, "2026-11-30") == "open 2026-11-30..2026-12-03");
  CHECK(status(elj, "2026-12-01") == "open 2026-11-30..2026-12-03");
  CHECK(status(elj, "2026-12-03") == "open 2026-11-30..2026-12-03");
  CHECK(status(elj, "2026-12-04") == "next 2026-12-31..2027-01-03");
  SUBCASE("across the year end") {
    CHECK(status(elj, "2026-12-31") == "open 2026-12-31..2027-01-03");
    CHECK(status(elj, "2027-01-02") == "open 2026-12-31..2027-01-03");
    CHECK(status(elj, "2027-01-04") == "next 2027-01-31..2027-02-03");
  }
  SUBCASE("February, leap and not") {
    CHECK(status(elj, "2027-02-28") == "open 2027-02-28..2027-03-03");
    CHECK(status(elj, "2028-02-28") == "next 2028-02-29..2028-03-03");
    CHECK(status(elj, "2028-03-02") == "open 2028-02-29..2028-03-03");
  }
  SUBCASE("every electricity operator has the same window") {
    for (const char* code : {"EMB", "ECE", "EGO", "EPR"}) CHECK(rule_of(code) == elj);
  }
}

TEST_CASE("gas: the last N days of the month") {
  const WindowRule& adpl = rule_of("ADPL");
  CHECK(status(adpl, "2026-01-27") == "next 2026-01-28..2026-01-31");
  CHECK(status(adpl, "2026-01-28") == "open 2026-01-28..2026-01-31");
  CHECK(status(adpl, "2026-02-01") == "next 2026-02-25..2026-02-28");
  CHECK(status(adpl, "2028-02-25") == "next 2028-02-26..2028-02-29");
  CHECK(status(adpl, "2026-04-30") == "open 2026-04-27..2026-04-30");
  CHECK(status(adpl, "2026-12-31") == "open 2026-12-28..2026-12-31");
  for (const char* code : {"ISPL", "JEIN", "JKSG", "KPVR", "PEEN", "PLMB", "JPSE"}) CHECK(rule_of(code) == adpl);
  SUBCASE("Energetika Ljubljana: the last 3") {
    CHECK(status(rule_of("ENLJ"), "2026-02-25") == "next 2026-02-26..2026-02-28");
    CHECK(status(rule_of("ENLJ"), "2026-02-26") == "open 2026-02-26..2026-02-28");
    CHECK(status(rule_of("ENLJ"), "2026-03-01") == "next 2026-03-29..2026-03-31");
  }
}

TEST_CASE("gas: days a-b of the month (Enos: 1-2)") {
  const WindowRule& plin = rule_of("PLIN");
  CHECK(status(plin, "2026-03-01") == "open 2026-03-01..2026-03-02");
  CHECK(status(plin, "2026-03-02") == "open 2026-03-01..2026-03-02");
  CHECK(status(plin, "2026-03-03") == "next 2026-04-01..2026-04-02");
  CHECK(status(plin, "2026-12-03") == "next 2027-01-01..2027-01-02");
  SUBCASE("days beyond a month's length clamp to its last day") {
    const WindowRule r = parse_rule(R"({"kind":"days","from":29,"to":31})");
    CHECK(status(r, "2026-02-01") == "next 2026-02-28..2026-02-28");
    CHECK(status(r, "2028-02-01") == "next 2028-02-29..2028-02-29");
    CHECK(status(r, "2026-04-30") == "open 2026-04-29..2026-04-30");
  }
}

TEST_CASE("gas: Domplan, KP Velenje and Petrol have a range per month") {
  const WindowRule& dopl = rule_of("DOPL");
  CHECK(rule_of("KPVE") == dopl);
  CHECK(rule_of("PETR") == dopl);
  SUBCASE("27-30 in January, 24-27 in February") {
    CHECK(status(dopl, "2026-01-26") == "next 2026-01-27..2026-01-30");
    CHECK(status(dopl, "2026-01-27") == "open 2026-01-27..2026-01-30");
    CHECK(status(dopl, "2026-01-30") == "open 2026-01-27..2026-01-30");
    CHECK(status(dopl, "2026-01-31") == "next 2026-02-24..2026-02-27");
    CHECK(status(dopl, "2026-02-24") == "open 2026-02-24..2026-02-27");
    CHECK(status(dopl, "2026-02-28") == "next 2026-03-27..2026-03-30");
  }
  SUBCASE("26-29 in April, June, September, November") {
    CHECK(status(dopl, "2026-04-26") == "open 2026-04-26..2026-04-29");
    CHECK(status(dopl, "2026-06-29") == "open 2026-06-26..2026-06-29");
    CHECK(status(dopl, "2026-09-30") == "next 2026-10-27..2026-10-30");
    CHECK(status(dopl, "2026-11-25") == "next 2026-11-26..2026-11-29");
  }
  SUBCASE("27-30 in the other months, across the year end") {
    CHECK(status(dopl, "2026-05-27") == "open 2026-05-27..2026-05-30");
    CHECK(status(dopl, "2026-07-31") == "next 2026-08-27..2026-08-30");
    CHECK(status(dopl, "2026-12-30") == "open 2026-12-27..2026-12-30");
    CHECK(status(dopl, "2026-12-31") == "next 2027-01-27..2027-01-30");
  }
  SUBCASE("a range past February's end clamps to its last day") {
    const WindowRule r = parse_rule(
        R"({"kind":"per_month","months":[[27,30],[27,30],[27,30],[27,30],[27,30],[27,30],[27,30],[27,30],[27,30],[27,30],[27,30],[27,30]]})");
    CHECK(status(r, "2026-02-01") == "next 2026-02-27..2026-02-28");
    CHECK(status(r, "2028-02-01") == "next 2028-02-27..2028-02-29");
  }
}

TEST_CASE("month_end_span from the N-th last day counts from the month's real length") {
  const WindowRule r = parse_rule(R"({"kind":"month_end_span","count":2,"to":3})");
  CHECK(status(r, "2026-02-26") == "next 2026-02-27..2026-03-03");
  CHECK(status(r, "2028-02-27") == "next 2028-02-28..2028-03-03");
  CHECK(status(r, "2026-04-29") == "open 2026-04-29..2026-05-03");
  CHECK(status(r, "2026-12-30") == "open 2026-12-30..2027-01-03");
  CHECK(status(r, "2027-01-03") == "open 2026-12-30..2027-01-03");
}

TEST_CASE("operators that read the meter themselves have no window") {
  for (const char* code : {"MEPL", "ENCE"}) {
    const WindowRule& none = rule_of(code);
    CHECK(none.kind == WindowRule::Kind::none);
    CHECK(status(none, "2026-11-30") == "none");
    CHECK_FALSE(core::window_containing(none, d("2026-11-30")));
    CHECK_FALSE(core::next_window_after(none, d("2026-11-30")));
    const auto j = core::to_json(core::window_status(none, d("2026-11-30")));
    CHECK(j == nlohmann::json::parse(R"({"open_now":false,"opens_on":null,"closes_on":null})"));
  }
}

TEST_CASE("window functions agree with each other") {
  const WindowRule& elj = rule_of("ELJ");
  const auto containing = core::window_containing(elj, d("2027-01-01"));
  REQUIRE(containing);
  CHECK(containing->opens_on == d("2026-12-31"));
  const auto next = core::next_window_after(elj, d("2027-01-01"));
  REQUIRE(next);
  CHECK(next->opens_on == d("2027-01-31"));
  const auto month = core::window_of_month(elj, 2027, 1);
  REQUIRE(month);
  CHECK(month->closes_on == d("2027-02-03"));
  SUBCASE("for every day of two years and every operator") {
    for (const auto& op : catalog().all()) {
      for (Date day{2027, 1, 1}; day < Date{2029, 1, 1}; day = day.plus_days(1)) {
        const auto s = core::window_status(op.window, day);
        if (op.window.kind == WindowRule::Kind::none) {
          CHECK_FALSE(s.span);
          continue;
        }
        REQUIRE(s.span);
        if (s.open_now) {
          if (!(s.span->opens_on <= day && day <= s.span->closes_on)) FAIL(op.code << " " << core::format_date(day));
        } else if (!(s.span->opens_on > day) || core::window_containing(op.window, day)) {
          FAIL(op.code << " " << core::format_date(day));
        }
      }
    }
  }
  CHECK(core::to_json(core::window_status(elj, d("2026-12-01"))) ==
        nlohmann::json::parse(R"({"open_now":true,"opens_on":"2026-11-30","closes_on":"2026-12-03"})"));
  core::WindowStatus back;
  REQUIRE(core::window_status_from_json(core::to_json(core::window_status(elj, d("2026-12-05"))), back));
  CHECK_FALSE(back.open_now);
  REQUIRE(back.span);
  CHECK(back.span->opens_on == d("2026-12-31"));
}

TEST_CASE("window rules as JSON") {
  SUBCASE("every kind round-trips") {
    for (
        const char* text :
        {R"({"kind":"none"})", R"({"kind":"days","from":26,"to":29})", R"({"kind":"last_days","count":4})",
         R"({"kind":"month_end_span","count":1,"to":3})",
         R"({"kind":"per_month","months":[[27,30],[24,27],[27,30],[26,29],[27,30],[26,29],[27,30],[27,30],[26,29],[27,30],[26,29],[27,30]]})"}) {
      const auto j = nlohmann::json::parse(text);
      CHECK(core::to_json(parse_rule(text)) == j);
    }
  }
  SUBCASE("invalid rules are refused with a message") {
    for (
        const char* text :
        {R"([])", R"({})", R"({"kind":"weekly"})", R"({"kind":3})", R"({"kind":"days","from":5})",
         R"({"kind":"days","from":5,"to":3})", R"({"kind":"days","from":0,"to":3})",
         R"({"kind":"days","from":1,"to":32})", R"({"kind":"days","from":1.5,"to":3})",
         R"({"kind":"days","from":"1","to":3})", R"({"kind":"last_days","count":0})",
         R"({"kind":"last_days","count":29})", R"({"kind":"none","count":1})", R"({"kind":"month_end_span","count":1})",
         R"({"kind":"month_end_span","count":20,"to":10})", R"({"kind":"per_month","months":[[27,30]]})",
         R"({"kind":"per_month","months":"27-30"})",
         R"({"kind":"per_month","months":[[27,30],[24,27],[27,30],[26,29],[27,30],[26,29],[27,30],[27,30],[26,29],[27,30],[26,29],[30,27]]})"}) {
      WindowRule rule;
      std::string error;
      CHECK_MESSAGE(!core::window_rule_from_json(nlohmann::json::parse(text), rule, error), text);
      CHECK_MESSAGE(!error.empty(), text);
    }
  }
}

TEST_CASE("the catalog refuses invalid files and keeps what it had") {
  core::OperatorCatalog c;
  std::string error;
  REQUIRE(c.load(
      R"({"operators":[{"code":"ELJ","name":"Elektro Ljubljana","energy":"electricity","window":{"kind":"none"}}]})",
      error));
  for (
      const char* text :
      {"", "not json", "[]", R"({"operators":[]})", R"({"operators":{}})",
       R"({"operators":[{"code":"ELJ","name":"A","energy":"electricity","window":{"kind":"none"}}],"extra":1})",
       R"({"operators":[{"code":"elj","name":"A","energy":"electricity","window":{"kind":"none"}}]})",
       R"({"operators":[{"code":"ELJ","name":"","energy":"electricity","window":{"kind":"none"}}]})",
       R"({"operators":[{"code":"ELJ","name":"A","energy":"water","window":{"kind":"none"}}]})",
       R"({"operators":[{"code":"ELJ","name":"A","energy":"gas"}]})",
       R"({"operators":[{"code":"ELJ","name":"A","energy":"gas","window":{"kind":"x"}}]})",
       R"({"operators":[{"code":"ELJ","name":"A","energy":"gas","window":{"kind":"none"},"url":"x"}]})",
       R"({"operators":[{"code":"ELJ","name":"A","energy":"gas","window":{"kind":"none"}},{"code":"ELJ","name":"B","energy":"gas","window":{"kind":"none"}}]})"}) {
    error.clear();
    CHECK_MESSAGE(!c.load(text, error), text);
    CHECK_MESSAGE(!error.empty(), text);
  }
  CHECK(c.all().size() == 1);
  CHECK(c.find("ELJ") != nullptr);
  SUBCASE("the /rules form round-trips") {
    const auto j = catalog().to_json();
    REQUIRE(j.is_array());
    CHECK(j.size() == 20);
    core::OperatorCatalog again;
    REQUIRE(again.load(nlohmann::json{{"operators", j}}.dump(), error));
    CHECK(again.to_json() == j);
  }
}

TEST_CASE("the energy and operator a customer chose") {
  core::Energy e = core::Energy::electricity;
  CHECK(core::check_energy("gas", e).empty());
  CHECK(e == core::Energy::gas);
  auto errors = core::check_energy("", e);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "field.required");
  CHECK(errors[0].field == "energy");
  errors = core::check_energy("Gas", e);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "energy.invalid");
  CHECK(errors[0].field == "energy");
  CHECK(std::string(core::energy_code(core::Energy::electricity)) == "electricity");

  const core::Operator* op = nullptr;
  CHECK(catalog().check("DOPL", core::Energy::gas, op).empty());
  REQUIRE(op != nullptr);
  CHECK(op->name == "Domplan");
  CHECK(catalog().check(" dopl ", core::Energy::gas, op).empty());
  errors = catalog().check("ELJ", core::Energy::gas, op);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "operator.energy_mismatch");
  CHECK(errors[0].field == "operator");
  CHECK(op == nullptr);
  errors = catalog().check("XYZ", core::Energy::gas, op);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "operator.unknown");
  CHECK(errors[0].field == "operator");
  errors = catalog().check("", std::nullopt, op);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].code == "field.required");
  CHECK(catalog().check("ELJ", std::nullopt, op).empty());  // energy unknown: no mismatch to tell
}
