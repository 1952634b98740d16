// Error values and their JSON form (API.md: {"errors":[{code, field, params}]}).
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "core/error.h"

TEST_CASE("error codes are dotted, lower case and defined once") {
  std::set<std::string_view> seen;
  for (auto code : core::all_codes()) {
    CHECK_MESSAGE(seen.insert(code).second, "duplicate code " << std::string(code));
    for (char c : code) CHECK_MESSAGE(((c >= 'a' && c <= 'z') || c == '.' || c == '_'), std::string(code));
  }
  // The codes API.md says must exist.
  for (const char* required :
       {"auth.required", "auth.invalid_credentials", "auth.not_activated", "auth.too_many_attempts", "token.invalid",
        "token.expired", "email.invalid", "password.too_short", "password.too_long", "password.too_common",
        "password.equals_email", "password.mismatch", "password.current_wrong", "field.required", "field.too_long",
        "field.invalid_characters", "terms.not_accepted", "postal_code.invalid", "phone.invalid",
        "metering_point.invalid", "metering_point.check_digit", "contract_number.invalid", "operator.unknown",
        "operator.energy_mismatch", "contract.not_found", "contract.already_linked", "reading.not_integer",
        "reading.negative", "reading.too_many_digits", "reading.register_missing", "reading.register_unknown",
        "reading.too_old", "reading.in_future", "reading.lower_than_previous", "reading.outside_window",
        "reading.unusual", "reading.tariff_mixup", "reading.duplicate", "reading.not_deletable",
        "reminder.phone_required", "not_found", "request.malformed", "request.too_large",
        "request.unsupported_media_type", "request.too_many"}) {
    CHECK_MESSAGE(seen.count(required) == 1, "missing code " << required);
  }
}

TEST_CASE("errors serialise to API.md's shape and read back") {
  core::Errors errors = {core::make_error(core::codes::reading_too_old, "date", {{"max_age_days", 5}}),
                         core::make_error(core::codes::not_found)};
  const auto j = core::to_json(errors);
  REQUIRE(j.contains("errors"));
  CHECK(j["errors"].size() == 2);
  CHECK(j["errors"][0]["code"] == "reading.too_old");
  CHECK(j["errors"][0]["field"] == "date");
  CHECK(j["errors"][0]["params"]["max_age_days"] == 5);
  CHECK_FALSE(j["errors"][1].contains("field"));
  CHECK_FALSE(j["errors"][1].contains("params"));

  core::Errors back;
  REQUIRE(core::errors_from_json(j, back));
  REQUIRE(back.size() == 2);
  CHECK(back[0].code == "reading.too_old");
  CHECK(back[0].field == "date");
  CHECK(back[0].params["max_age_days"] == 5);
  CHECK(core::has_code(back, core::codes::not_found));
  CHECK(core::find_field(back, "date") == &back[0]);
  CHECK(core::find_field(back, "email") == nullptr);
}

TEST_CASE("a body that is not an error body is refused") {
  core::Errors out;
  CHECK_FALSE(core::errors_from_json(nlohmann::json::parse("[1,2]"), out));
  CHECK_FALSE(core::errors_from_json(nlohmann::json::parse("{\"errors\":3}"), out));
  CHECK_FALSE(core::errors_from_json(nlohmann::json(), out));
}
