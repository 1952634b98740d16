// Metering point numbers in every form customers type, GSRN check digits, contract numbers and
// the contract-linking form as a whole.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/metering_point.h"
#include "error_codes.h"

using Form = core::MeteringPointNumber::Form;

namespace {

core::OperatorCatalog operators() {
  std::ifstream in(std::string(PORTAL_SOURCE_DIR) + "/assets/operators.json");
  std::stringstream s;
  s << in.rdbuf();
  core::OperatorCatalog c;
  std::string error;
  REQUIRE_MESSAGE(c.load(s.str(), error), error);
  return c;
}

}  // namespace

TEST_CASE("GS1 check digits") {
  CHECK(core::gsrn_check_digit("38312345678901234") == 7);
  CHECK(core::gsrn_check_digit("38300000000000001") == 1);
  CHECK(core::gsrn_check_digit("00000400638133393") == 1);  // the GTIN-13 4006381333931, right-aligned
  CHECK(core::gsrn_check_digit("00000000000000000") == 0);
  CHECK(core::gsrn_check_digit("3831234567890123") == -1);  // 16 digits
  CHECK(core::gsrn_check_digit("3831234567890123x") == -1);
  CHECK(core::gsrn_valid("383123456789012347"));
  CHECK_FALSE(core::gsrn_valid("383123456789012348"));
  CHECK_FALSE(core::gsrn_valid("38312345678901234"));
  SUBCASE("every wrong last digit is caught") {
    int caught = 0;
    for (char c = '0'; c <= '9'; ++c) caught += core::gsrn_valid(std::string("38312345678901234") + c) ? 0 : 1;
    CHECK(caught == 9);
  }
}

TEST_CASE("metering point numbers are normalised to API.md's canonical form") {
  auto ok = [](const char* input, Form form, const char* canonical) {
    core::MeteringPointNumber mp;
    const auto errors = core::parse_metering_point(input, mp);
    CHECK_MESSAGE(errors.empty(), input);
    CHECK_MESSAGE(mp.form == form, input);
    CHECK_MESSAGE(mp.canonical == canonical, input);
  };
  SUBCASE("electricity: 7 digits, with or without the dash") {
    ok("3-345341", Form::electricity, "3345341");
    ok("3345341", Form::electricity, "3345341");
    ok(" 3 345 341 ", Form::electricity, "3345341");
    ok("334-5341", Form::electricity, "3345341");
    ok("3 - 345341", Form::electricity, "3345341");
  }
  SUBCASE("gas: the operator's code in any case, an optional dash, 12 digits") {
    ok("DOPL-123456789012", Form::gas, "DOPL-123456789012");
    ok("dopl-123456789012", Form::gas, "DOPL-123456789012");
    ok("DoPl123456789012", Form::gas, "DOPL-123456789012");
    ok(" adpl 1234 5678 9012 ", Form::gas, "ADPL-123456789012");
  }
  SUBCASE("GSRN: 18 digits, spaces allowed, check digit verified") {
    ok("383123456789012347", Form::gsrn, "383123456789012347");
    ok("383 1234 5678 9012 347", Form::gsrn, "383123456789012347");
    core::MeteringPointNumber mp;
    const auto errors = core::parse_metering_point("383123456789012348", mp);
    CHECK(codes(errors) == V{"metering_point.check_digit@metering_point"});
  }
  SUBCASE("anything else") {
    for (const char* bad : {"334534", "33453411", "3--345341", "-3345341", "3345341-", "3-34-5341", "3_345341",
                            "DOPL-12345678901", "DOPL-1234567890123", "DOP-123456789012", "DOPLX-123456789012",
                            "DOPL--123456789012", "DOPL-12345678901A", "ČOPL-123456789012", "38312345678901234",
                            "3831234567890123470", "383-123456789012347", "abcdefg", "3\t345341"}) {
      core::MeteringPointNumber mp;
      CHECK_MESSAGE(codes(core::parse_metering_point(bad, mp)) == V{"metering_point.invalid@metering_point"}, bad);
    }
    core::MeteringPointNumber mp;
    CHECK(codes(core::parse_metering_point("  ", mp, "number")) == V{"field.required@number"});
  }
  SUBCASE("a canonical form parses to itself") {
    for (const char* text : {"3345341", "DOPL-123456789012", "383123456789012347"}) {
      core::MeteringPointNumber mp;
      REQUIRE(core::parse_metering_point(text, mp).empty());
      CHECK(mp.canonical == text);
    }
  }
}

TEST_CASE("contract numbers") {
  std::string n;
  CHECK(core::check_contract_number("  gen-2024/00123 ", n).empty());
  CHECK(n == "GEN-2024/00123");
  CHECK(core::check_contract_number("A1B", n).empty());
  CHECK(core::check_contract_number(std::string(30, '7'), n).empty());
  CHECK(codes(core::check_contract_number("", n)) == V{"field.required@contract_number"});
  for (const char* bad : {"AB", "GEN 2024", "GEN_2024", "ŠKD-2024", "GEN.2024", "1234567890123456789012345678901"})
    CHECK_MESSAGE(codes(core::check_contract_number(bad, n)) == V{"contract_number.invalid@contract_number"}, bad);
}

TEST_CASE("linking a contract checks all four fields at once") {
  const auto catalog = operators();
  core::CheckedContractLink link;
  SUBCASE("valid electricity and gas links") {
    REQUIRE(core::check_contract_link("3-345341", "e-100200", "electricity", "ELJ", catalog, link).empty());
    CHECK(link.metering_point.canonical == "3345341");
    CHECK(link.contract_number == "E-100200");
    CHECK(link.energy == core::Energy::electricity);
    REQUIRE(link.op != nullptr);
    CHECK(link.op->code == "ELJ");
    REQUIRE(core::check_contract_link("dopl-123456789012", "P-7", "gas", "DOPL", catalog, link).empty());
    CHECK(link.metering_point.canonical == "DOPL-123456789012");
    CHECK(link.energy == core::Energy::gas);
    CHECK(core::check_contract_link("383123456789012347", "P-7", "gas", "ADPL", catalog, link).empty());
  }
  SUBCASE("every field empty") {
    CHECK(codes(core::check_contract_link("", "", "", "", catalog, link)) ==
          V{"field.required@energy", "field.required@metering_point", "field.required@contract_number",
            "field.required@operator"});
  }
  SUBCASE("wrong values") {
    CHECK(codes(core::check_contract_link("12", "x", "water", "XYZ", catalog, link)) ==
          V{"energy.invalid@energy", "metering_point.invalid@metering_point", "contract_number.invalid@contract_number",
            "operator.unknown@operator"});
    CHECK(codes(core::check_contract_link("3345341", "E-1", "electricity", "DOPL", catalog, link)) ==
          V{"operator.energy_mismatch@operator"});
  }
  SUBCASE("the number's form must fit the energy") {
    CHECK(codes(core::check_contract_link("3345341", "E-1", "gas", "DOPL", catalog, link)) ==
          V{"metering_point.invalid@metering_point"});
    CHECK(codes(core::check_contract_link("DOPL-123456789012", "E-1", "electricity", "ELJ", catalog, link)) ==
          V{"metering_point.invalid@metering_point"});
  }
}
