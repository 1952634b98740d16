// API types <-> JSON: strict request decoding (request.malformed naming the field), requests and
// responses round-tripping through their JSON, lenient reading of responses that gained fields.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/api_types.h"
#include "error_codes.h"

namespace api = core::api;
using nlohmann::json;

namespace {

// Decodes the request's own JSON again: the same JSON must come out.
template <class Request>
void check_round_trip(const Request& request) {
  const json j = api::to_json(request);
  Request back;
  const auto errors = api::decode(j.dump(), back);
  REQUIRE_MESSAGE(errors.empty(), j.dump());
  CHECK(api::to_json(back) == j);
}

template <class Request>
V decode_codes(const char* body) {
  Request r;
  return codes(api::decode(body, r));
}

}  // namespace

TEST_CASE("bodies that are not JSON objects") {
  for (const char* body :
       {"", "   ", "[]", "\"x\"", "42", "null", "{", "{\"email\":}", "{\"email\":\"a\"} x", "{\"email\":\"\xff\"}"}) {
    CHECK_MESSAGE(decode_codes<api::LoginRequest>(body) == V{"request.malformed@"}, body);
  }
  SUBCASE("logout alone may come without a body") {
    api::LogoutRequest r;
    r.all = true;
    CHECK(api::decode("", r).empty());
    CHECK_FALSE(r.all);
    CHECK(api::decode("{\"all\":true}", r).empty());
    CHECK(r.all);
    CHECK(decode_codes<api::LogoutRequest>("[]") == V{"request.malformed@"});
    CHECK(decode_codes<api::LogoutRequest>("{\"all\":1}") == V{"request.malformed@all"});
  }
}

TEST_CASE("unknown members and wrong types name the field") {
  CHECK(decode_codes<api::LoginRequest>(R"({"email":"a@b.si","password":"x","admin":true})") ==
        V{"request.malformed@admin"});
  CHECK(decode_codes<api::LoginRequest>(R"({"email":1,"password":null,"remember":"yes"})") ==
        V{"request.malformed@email", "request.malformed@password", "request.malformed@remember"});
  CHECK(decode_codes<api::RegisterRequest>(R"({"notifications":"true","terms_accepted":1})") ==
        V{"request.malformed@notifications", "request.malformed@terms_accepted"});
  CHECK(decode_codes<api::RegisterRequest>(R"({"user":{"email":"a@b.si"}})") == V{"request.malformed@user"});
  CHECK(decode_codes<api::TokenRequest>(R"({"token":["x"]})") == V{"request.malformed@token"});
  CHECK(decode_codes<api::ForgotRequest>(R"({"email":"a@b.si","captcha":"x"})") == V{"request.malformed@captcha"});
  CHECK(decode_codes<api::ResetRequest>(R"({"token":"t","password":1})") == V{"request.malformed@password"});
  CHECK(decode_codes<api::ProfilePatch>(R"({"email":"a@b.si"})") == V{"request.malformed@email"});
  CHECK(decode_codes<api::ProfilePatch>(R"({"phone":null})") == V{"request.malformed@phone"});
  CHECK(decode_codes<api::EmailChangeRequest>(R"({"email":"a@b.si","current_password":false})") ==
        V{"request.malformed@current_password"});
  CHECK(decode_codes<api::PasswordChangeRequest>(R"({"password_repeat":{}})") ==
        V{"request.malformed@password_repeat"});
  CHECK(decode_codes<api::PhoneConfirmRequest>(R"({"code":123456})") == V{"request.malformed@code"});
  CHECK(decode_codes<api::DeleteAccountRequest>(R"({"password":"x"})") == V{"request.malformed@password"});
  CHECK(decode_codes<api::LinkContractRequest>(R"({"operator_code":"ELJ"})") == V{"request.malformed@operator_code"});
  CHECK(decode_codes<api::RemindersRequest>(R"({"email":"true","sms":0})") ==
        V{"request.malformed@email", "request.malformed@sms"});
}

TEST_CASE("a missing member keeps its default, and the rules say what is required") {
  api::RegisterRequest r;
  REQUIRE(api::decode("{}", r).empty());
  CHECK(r.fields.email.empty());
  CHECK(r.fields.profile.country == "SI");
  CHECK(r.fields.profile.locale == "sl");
  CHECK_FALSE(r.fields.terms_accepted);
  api::LinkContractRequest link;
  REQUIRE(api::decode(R"({"operator":"ELJ"})", link).empty());
  CHECK(link.operator_code == "ELJ");
  CHECK(link.metering_point.empty());
}

TEST_CASE("a failed decode leaves the output as it was") {
  api::LoginRequest r;
  r.email = "keep@example.si";
  CHECK_FALSE(api::decode(R"({"email":"new@example.si","x":1})", r).empty());
  CHECK(r.email == "keep@example.si");
}

TEST_CASE("reading submissions: values are JSON numbers, exactly as sent") {
  api::SubmitReadingRequest r;
  REQUIRE(api::decode(R"({"date":"2026-11-24","type":"submission","values":{"VT":12345,"MT":10290.0},)"
                      R"("confirm_unusual":true,"meter_replaced":false})",
                      r)
              .empty());
  const core::Submission& s = r.submission;
  CHECK(s.date_text == "2026-11-24");
  CHECK(s.type_text == "submission");
  CHECK(s.confirm_unusual);
  CHECK_FALSE(s.meter_replaced);
  REQUIRE(s.values.is_object());
  CHECK(s.values["VT"].is_number_integer());
  CHECK(s.values["MT"].is_number_float());  // kept a float, so the rules answer reading.not_integer
  SUBCASE("a value that is not a number names its register") {
    CHECK(decode_codes<api::SubmitReadingRequest>(R"({"values":{"VT":"12345","MT":6789}})") ==
          V{"request.malformed@values.VT"});
    CHECK(decode_codes<api::SubmitReadingRequest>(R"({"values":{"VT":null,"MT":[1]}})") ==
          V{"request.malformed@values.MT", "request.malformed@values.VT"});
    CHECK(decode_codes<api::SubmitReadingRequest>(R"({"values":[12345]})") == V{"request.malformed@values"});
    CHECK(decode_codes<api::SubmitReadingRequest>(R"({"date":20261124})") == V{"request.malformed@date"});
    CHECK(decode_codes<api::SubmitReadingRequest>(R"({"meter_replaced":"no"})") ==
          V{"request.malformed@meter_replaced"});
  }
  SUBCASE("the decoded submission goes straight to the rules") {
    core::SubmissionContext ctx;
    REQUIRE(core::parse_date("2026-11-25", ctx.today));
    ctx.meter.registers = {core::Register::VT, core::Register::MT};
    ctx.window.kind = core::WindowRule::Kind::days;
    ctx.window.from_day = 1;
    ctx.window.to_day = 31;
    CHECK(codes(core::check_submission(s, ctx).errors) == V{"reading.not_integer@values.MT"});
  }
}

TEST_CASE("every request round-trips through its JSON") {
  SUBCASE("register") {
    api::RegisterRequest r;
    r.fields.email = "ana@example.si";
    r.fields.password = "Zelena-Lipa";
    r.fields.password_repeat = "Zelena-Lipa";
    r.fields.profile.name = "Ana Novak";
    r.fields.profile.street = "Šmartinska 1";
    r.fields.profile.city = "Ljubljana";
    r.fields.profile.postal_code = "1000";
    r.fields.profile.post = "Ljubljana";
    r.fields.profile.country = "SI";
    r.fields.profile.phone = "+38641123456";
    r.fields.profile.gender = "female";
    r.fields.profile.notifications = true;
    r.fields.profile.locale = "en";
    r.fields.terms_accepted = true;
    check_round_trip(r);
    api::RegisterRequest back;
    REQUIRE(api::decode(api::to_json(r).dump(), back).empty());
    CHECK(back.fields.profile.street == "Šmartinska 1");
    CHECK(back.fields.profile.notifications);
    CHECK(back.fields.terms_accepted);
  }
  SUBCASE("the small ones") {
    check_round_trip(api::TokenRequest{"tok-123"});
    check_round_trip(api::LoginRequest{"ana@example.si", "geslo", true});
    check_round_trip(api::LogoutRequest{true});
    check_round_trip(api::ForgotRequest{"ana@example.si"});
    check_round_trip(api::ResetRequest{"tok", "novo-geslo-1", "novo-geslo-1"});
    check_round_trip(api::EmailChangeRequest{"nova@example.si", "staro"});
    check_round_trip(api::PasswordChangeRequest{"staro", "novo-geslo-1", "novo-geslo-1"});
    check_round_trip(api::PhoneConfirmRequest{"123456"});
    check_round_trip(api::DeleteAccountRequest{"staro"});
    check_round_trip(api::LinkContractRequest{"3-345341", "E-1", "electricity", "ELJ"});
    check_round_trip(api::RemindersRequest{true, false});
    const json link = api::to_json(api::LinkContractRequest{"3-345341", "E-1", "electricity", "ELJ"});
    CHECK(link["operator"] == "ELJ");
  }
  SUBCASE("a profile patch carries only what changes") {
    api::ProfilePatch p;
    p.city = "Maribor";
    p.notifications = false;
    CHECK(api::to_json(p) == json{{"city", "Maribor"}, {"notifications", false}});
    check_round_trip(p);
    check_round_trip(api::ProfilePatch{});
    core::ProfileFields current;
    current.city = "Ljubljana";
    current.name = "Ana";
    current.notifications = true;
    const core::ProfileFields next = p.applied_to(current);
    CHECK(next.city == "Maribor");
    CHECK(next.name == "Ana");
    CHECK_FALSE(next.notifications);
    api::ProfilePatch decoded;
    REQUIRE(api::decode(R"({"phone":"","gender":"male"})", decoded).empty());
    REQUIRE(decoded.phone);
    CHECK(decoded.phone->empty());
    CHECK_FALSE(decoded.name);
  }
  SUBCASE("a reading submission") {
    api::SubmitReadingRequest r;
    r.submission.date_text = "2026-11-24";
    r.submission.type_text = "own_record";
    r.submission.values = json::parse(R"({"VT":12345,"MT":10290.5})");
    r.submission.meter_replaced = true;
    check_round_trip(r);
    api::SubmitReadingRequest back;
    REQUIRE(api::decode(api::to_json(r).dump(), back).empty());
    CHECK(back.submission.values["MT"].is_number_float());
  }
}

TEST_CASE("responses round-trip") {
  SUBCASE("user") {
    api::User u;
    u.id = "17";
    u.email = "ana@example.si";
    u.profile.name = "Ana";
    u.profile.phone = "+38641123456";
    u.profile.notifications = true;
    u.phone_confirmed = true;
    const json j = api::to_json(u);
    CHECK(j["id"] == "17");
    CHECK(j["postal_code"] == "");
    api::User back;
    REQUIRE(api::from_json(j, back));
    CHECK(api::to_json(back) == j);
    REQUIRE(api::from_json(json{{"user", j}}, back));  // as login and /me send it
    CHECK(back.phone_confirmed);
    json more = j;
    more["avatar"] = "x.png";  // responses may gain fields
    CHECK(api::from_json(more, back));
    more["notifications"] = "yes";
    CHECK_FALSE(api::from_json(more, back));
    CHECK_FALSE(api::from_json(json::parse(R"({"email":"a@b.si"})"), back));
    CHECK_FALSE(api::from_json(json::array(), back));
  }
  SUBCASE("contract") {
    api::Contract c;
    c.id = "5";
    c.contract_number = "E-100200";
    c.energy = core::Energy::gas;
    c.op = {"DOPL", "Domplan"};
    c.metering_point.id = "9";
    c.metering_point.number = "DOPL-123456789012";
    c.metering_point.address = {"Šmartinska 1", "Ljubljana", "1000"};
    c.metering_point.registers = {"M3"};
    c.metering_point.digits = 5;
    c.window.open_now = true;
    c.window.span = core::WindowSpan{core::Date{2026, 11, 26}, core::Date{2026, 11, 29}};
    c.reminder_sms = true;
    const json j = api::to_json(c);
    CHECK(j["operator"] == json{{"code", "DOPL"}, {"name", "Domplan"}});
    CHECK(j["metering_point"]["gsrn"].is_null());
    CHECK(j["window"] == json{{"open_now", true}, {"opens_on", "2026-11-26"}, {"closes_on", "2026-11-29"}});
    CHECK(j["reminders"] == json{{"email", false}, {"sms", true}});
    api::Contract back;
    REQUIRE(api::from_json(json::parse(j.dump()), back));
    CHECK(api::to_json(back) == j);
    CHECK(back.metering_point.gsrn.empty());
    CHECK(back.op.name == "Domplan");
    c.metering_point.gsrn = "383123456789012347";
    c.window = core::WindowStatus{};
    REQUIRE(api::from_json(json{{"contract", api::to_json(c)}}, back));
    CHECK(back.metering_point.gsrn == "383123456789012347");
    CHECK_FALSE(back.window.span);
    json bad = j;
    bad["energy"] = "water";
    CHECK_FALSE(api::from_json(bad, back));
    bad = j;
    bad["window"]["opens_on"] = "26. 11. 2026";
    CHECK_FALSE(api::from_json(bad, back));
  }
  SUBCASE("readings and a submission result") {
    api::Reading r;
    r.id = "41";
    r.submission_id = "s-7";
    r.date = core::Date{2026, 11, 24};
    r.reg = core::Register::VT;
    r.value = 12345;
    r.difference = 345;
    r.per_day = 11.5;
    r.type = core::ReadingType::submission;
    r.deletable = true;
    api::Reading op;
    op.id = "40";
    op.date = core::Date{2026, 10, 31};
    op.reg = core::Register::VT;
    op.value = 12000;
    op.source = core::ReadingSource::operator_;
    const json jo = api::to_json(op);
    CHECK(jo["submission_id"].is_null());
    CHECK(jo["type"].is_null());
    CHECK(jo["difference"].is_null());
    CHECK(jo["per_day"].is_null());
    CHECK(jo["source"] == "operator");
    api::SubmissionResult result;
    result.submission_id = "s-7";
    result.readings = {r, op};
    result.warnings = {core::make_error(core::codes::reading_unusual, "values.VT",
                                        {{"register", "VT"}, {"expected_min", 12100}, {"expected_max", 12300}})};
    const json j = api::to_json(result);
    api::SubmissionResult back;
    REQUIRE(api::from_json(json::parse(j.dump()), back));
    CHECK(api::to_json(back) == j);
    REQUIRE(back.readings.size() == 2);
    CHECK(back.readings[0].per_day == 11.5);
    CHECK(back.readings[1].source == core::ReadingSource::operator_);
    REQUIRE(back.warnings.size() == 1);
    CHECK(back.warnings[0].params["expected_max"] == 12300);
    json bad = api::to_json(r);
    bad["register"] = "XX";
    api::Reading reading;
    CHECK_FALSE(api::from_json(bad, reading));
    bad = api::to_json(r);
    bad["value"] = "12345";
    CHECK_FALSE(api::from_json(bad, reading));
    bad = api::to_json(r);
    bad["type"] = "oddaja";
    CHECK_FALSE(api::from_json(bad, reading));
  }
  SUBCASE("rules") {
    std::ifstream in(std::string(PORTAL_SOURCE_DIR) + "/assets/operators.json");
    std::stringstream text;
    text << in.rdbuf();
    core::OperatorCatalog catalog;
    std::string error;
    REQUIRE_MESSAGE(catalog.load(text.str(), error), error);
    api::Rules rules;
    rules.today = core::Date{2026, 11, 25};
    rules.now = "2026-11-25T13:09:00+01:00";
    rules.operators = catalog.all();
    const json j = api::to_json(rules);
    CHECK(j["operators"] == catalog.to_json());
    CHECK(j["today"] == "2026-11-25");
    CHECK(j["limits"]["password_min_length"] == 10);
    CHECK(j["limits"]["max_reading_age_days"] == 5);
    api::Rules back;
    REQUIRE(api::from_json(json::parse(j.dump()), back));
    CHECK(api::to_json(back) == j);
    REQUIRE(back.operators.size() == 20);
    CHECK(back.operators[6].window == catalog.all()[6].window);
    json bad = j;
    bad["today"] = "25. 11. 2026";
    CHECK_FALSE(api::from_json(bad, back));
    bad = j;
    bad["operators"][0]["window"] = json{{"kind", "weekly"}};
    CHECK_FALSE(api::from_json(bad, back));
  }
}
