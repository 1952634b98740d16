// Imam vprašanje: the question form's rule (topic, message length in characters, control
// characters), the answer's rule, and the request and question JSON both ways.
#include <doctest/doctest.h>

#include <string>

#include "core/question.h"
#include "error_codes.h"

namespace api = core::api;
using nlohmann::json;

namespace {

api::QuestionRequest ask(std::string topic, std::string message) {
  api::QuestionRequest r;
  r.topic = std::move(topic);
  r.message = std::move(message);
  return r;
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("a question's topic is one of the form's five") {
  for (const char* topic : {"readings", "invoices", "contract", "portal", "other"}) {
    CHECK_MESSAGE(core::check_question(ask(topic, "Kdaj bo račun?")).empty(), topic);
    CHECK(core::is_question_topic(topic));
  }
  CHECK(core::question_topics().size() == 5);
  CHECK(codes(core::check_question(ask("", "Kdaj bo račun?"))) == V{"field.required@topic"});
  CHECK(codes(core::check_question(ask("  ", "Kdaj bo račun?"))) == V{"field.required@topic"});
  for (const char* topic : {"Readings", "billing", " readings", "readings\n"})
    CHECK_MESSAGE(codes(core::check_question(ask(topic, "Kdaj bo račun?"))) == V{"field.invalid@topic"}, topic);
}

TEST_CASE("a message has 10 to 4000 characters, counted as code points after trimming") {
  CHECK(codes(core::check_question(ask("other", repeat("a", 9)))) == V{"question.too_short@message"});
  CHECK(core::check_question(ask("other", repeat("a", 10))).empty());
  CHECK(core::check_question(ask("other", repeat("a", 4000))).empty());
  CHECK(codes(core::check_question(ask("other", repeat("a", 4001)))) == V{"question.too_long@message"});

  SUBCASE("č counts once though UTF-8 writes it in two bytes") {
    CHECK(codes(core::check_question(ask("other", repeat("č", 9)))) == V{"question.too_short@message"});
    CHECK(core::check_question(ask("other", repeat("č", 10))).empty());
    CHECK(core::check_question(ask("other", repeat("č", 4000))).empty());
    CHECK(codes(core::check_question(ask("other", repeat("č", 4001)))) == V{"question.too_long@message"});
    CHECK(core::check_question(ask("other", repeat("😀", 10))).empty());  // four bytes, one character
  }
  SUBCASE("surrounding spaces and line ends do not count") {
    CHECK(codes(core::check_question(ask("other", "   " + repeat("a", 9) + " \n\t"))) ==
          V{"question.too_short@message"});
    CHECK(core::check_question(ask("other", "\n " + repeat("a", 4000) + "\r\n ")).empty());
  }
  SUBCASE("the params say the limit") {
    const auto short_errors = core::check_question(ask("other", "kratko"));
    REQUIRE(short_errors.size() == 1);
    CHECK(short_errors[0].params == json{{"min", 10}});
    const auto long_errors = core::check_question(ask("other", repeat("x", 5000)));
    REQUIRE(long_errors.size() == 1);
    CHECK(long_errors[0].params == json{{"max", 4000}});
  }
  SUBCASE("empty is required, not too short") {
    CHECK(codes(core::check_question(ask("other", ""))) == V{"field.required@message"});
    CHECK(codes(core::check_question(ask("other", " \r\n\t "))) == V{"field.required@message"});
    CHECK(codes(core::check_question(ask("", ""))) == V{"field.required@topic", "field.required@message"});
  }
}

TEST_CASE("line ends and tabs are text; other control characters are not") {
  CHECK(core::check_question(ask("readings", "Prva vrstica\nDruga\tvrstica")).empty());
  CHECK(core::check_question(ask("readings", "Prva vrstica\r\nDruga vrstica")).empty());
  CHECK(core::question_text(" Prva\r\nDruga\r\n ") == "Prva\nDruga");
  CHECK(core::question_text("a\r\n\r\nb") == "a\n\nb");
  for (const char* bad : {"Vprašanje z \r samim CR", "Vprašanje z \x01 znakom", "Vprašanje z \x7f znakom",
                          "Vprašanje z \xc2\x85 znakom", "Neveljaven UTF-8 \xff\xfe tukaj"}) {
    CHECK_MESSAGE(codes(core::check_question(ask("other", bad))) == V{"field.invalid_characters@message"}, bad);
  }
  SUBCASE("a header typed into the message stays text") {
    CHECK(core::check_question(ask("other", "Pozdravljeni\r\nBcc: x@evil.example\r\n")).empty());
    CHECK(core::question_text("Pozdravljeni\r\nBcc: x@evil.example\r\n") == "Pozdravljeni\nBcc: x@evil.example");
  }
  SUBCASE("every fault at once") {
    CHECK(codes(core::check_question(ask("billing", "a\x01"))) ==
          V{"field.invalid@topic", "field.invalid_characters@message", "question.too_short@message"});
  }
}

TEST_CASE("the supplier's answer: required, printable, at most 10000 characters") {
  CHECK(core::check_question_answer("Števec bomo zamenjali v ponedeljek.").empty());
  CHECK(core::check_question_answer("Prva vrstica\r\n\r\nDruga vrstica").empty());
  CHECK(codes(core::check_question_answer("")) == V{"field.required@answer"});
  CHECK(codes(core::check_question_answer("  \n ")) == V{"field.required@answer"});
  CHECK(codes(core::check_question_answer("Odgovor\x07")) == V{"field.invalid_characters@answer"});
  CHECK(core::check_question_answer(repeat("ž", 10000)).empty());
  const auto errors = core::check_question_answer(repeat("ž", 10001));
  CHECK(codes(errors) == V{"field.too_long@answer"});
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].params == json{{"max_length", 10000}});
}

TEST_CASE("the question request decodes strictly") {
  api::QuestionRequest r;
  REQUIRE(api::decode(R"({"topic":"readings","metering_point_id":"7","message":"Kje je števec?"})", r).empty());
  CHECK(r.topic == "readings");
  REQUIRE(r.metering_point_id);
  CHECK(*r.metering_point_id == "7");
  CHECK(r.message == "Kje je števec?");

  SUBCASE("no metering point: absent, null or empty") {
    for (const char* body : {R"({"topic":"other","message":"Sporočilo brez mesta"})",
                             R"({"topic":"other","metering_point_id":null,"message":"Sporočilo brez mesta"})",
                             R"({"topic":"other","metering_point_id":"","message":"Sporočilo brez mesta"})"}) {
      api::QuestionRequest q;
      q.metering_point_id = "stale";
      REQUIRE_MESSAGE(api::decode(body, q).empty(), body);
      CHECK_FALSE(q.metering_point_id);
    }
  }
  SUBCASE("wrong types and unknown members name the field") {
    api::QuestionRequest q;
    CHECK(codes(api::decode(R"({"topic":1,"message":"x"})", q)) == V{"request.malformed@topic"});
    CHECK(codes(api::decode(R"({"topic":"other","metering_point_id":7,"message":"x"})", q)) ==
          V{"request.malformed@metering_point_id"});
    CHECK(codes(api::decode(R"({"topic":"other","message":["x"]})", q)) == V{"request.malformed@message"});
    CHECK(codes(api::decode(R"({"topic":"other","message":"x","cc":"a@b.si"})", q)) == V{"request.malformed@cc"});
    CHECK(codes(api::decode("{", q)) == V{"request.malformed@"});
    CHECK(codes(api::decode("", q)) == V{"request.malformed@"});
    CHECK(codes(api::decode("[]", q)) == V{"request.malformed@"});
  }
  SUBCASE("missing members are left to the rule") {
    api::QuestionRequest q;
    REQUIRE(api::decode("{}", q).empty());
    CHECK(codes(core::check_question(q)) == V{"field.required@topic", "field.required@message"});
  }
  SUBCASE("what the client sends decodes to the same request") {
    api::QuestionRequest sent = ask("invoices", "Zakaj je račun višji?");
    sent.metering_point_id = "12";
    api::QuestionRequest back;
    REQUIRE(api::decode(api::to_json(sent).dump(), back).empty());
    CHECK(api::to_json(back) == api::to_json(sent));
    sent.metering_point_id.reset();
    CHECK(api::to_json(sent)["metering_point_id"].is_null());
  }
}

TEST_CASE("questions as the server writes them and the client reads them") {
  api::Question q;
  q.id = "3";
  q.topic = "contract";
  q.message = "Kdaj poteče pogodba?";
  q.created_at = "2026-11-30T10:00:00+01:00";
  const json j = api::to_json(q);
  CHECK(j == json::parse(R"({"id":"3","topic":"contract","metering_point_id":null,"message":"Kdaj poteče pogodba?",
                             "status":"received","created_at":"2026-11-30T10:00:00+01:00","answer":null,
                             "answered_at":null})"));
  api::Question back;
  REQUIRE(api::from_json(json{{"question", j}}, back));
  CHECK(api::to_json(back) == j);

  SUBCASE("an answered one, in a list, with members the client does not know") {
    api::Question a = q;
    a.id = "4";
    a.metering_point_id = "1";
    a.status = "answered";
    a.answer = "Pogodba je sklenjena za nedoločen čas.";
    a.answered_at = "2026-12-01T09:30:00+01:00";
    json list = json::array({api::to_json(a), j});
    list[0]["channel"] = "email";
    std::vector<api::Question> questions;
    REQUIRE(api::from_json(list, questions));
    REQUIRE(questions.size() == 2);
    CHECK(questions[0].status == "answered");
    CHECK(*questions[0].answer == "Pogodba je sklenjena za nedoločen čas.");
    CHECK(*questions[0].answered_at == "2026-12-01T09:30:00+01:00");
    CHECK(*questions[0].metering_point_id == "1");
    CHECK_FALSE(questions[1].answer);
    CHECK_FALSE(questions[1].metering_point_id);
  }
  SUBCASE("the wrong shape is false and leaves the output alone") {
    std::vector<api::Question> questions(1);
    CHECK_FALSE(api::from_json(json::object(), questions));
    CHECK_FALSE(api::from_json(json::array({json{{"id", "1"}, {"answer", 5}}}), questions));
    CHECK_FALSE(api::from_json(json::array({"x"}), questions));
    CHECK(questions.size() == 1);
    api::Question one;
    CHECK_FALSE(api::from_json(json{{"topic", "other"}}, one));
    CHECK_FALSE(api::from_json(json{{"id", 3}}, one));
    CHECK(api::from_json(json::array(), questions));
    CHECK(questions.empty());
  }
}
