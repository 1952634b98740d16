// Imam vprašanje (customer questions): what a customer sends, the question as the API returns
// it, and the rules. The client runs check_question as the customer types; the server runs the
// same function on receipt and check_question_answer for the supplier's answer (portal-admin).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace core {

// [SECTION] Limits (also served at /api/v1/rules as `limits`)
inline constexpr int kQuestionMinLength = 10;    // characters (code points) of the trimmed message
inline constexpr int kQuestionMaxLength = 4000;  // question.too_long above this
inline constexpr int kAnswerMaxLength = 10000;   // the supplier's answer, field.too_long above this

// The topics of the form, as sent and stored: readings, invoices, contract, portal, other.
const std::vector<std::string_view>& question_topics();
bool is_question_topic(std::string_view code);

// A question's or answer's text as stored and counted: trimmed, line ends written as "\n"
// ("\r\n" from a text area is one line end, one character).
std::string question_text(std::string_view input);

}  // namespace core

namespace core::api {

// [SECTION] Request and response
struct QuestionRequest {          // POST /questions
  std::string topic;              // one of core::question_topics()
  std::optional<std::string> metering_point_id;  // one of the caller's; null, absent or "" = none
  std::string message;
};

struct Question {                 // {"question": {...}} of POST /questions, entries of GET /questions
  std::string id;
  std::string topic;
  std::optional<std::string> metering_point_id;  // null when the question is about none
  std::string message;
  std::string status = "received";  // "received" | "answered"
  std::string created_at;         // ISO 8601 with offset
  std::optional<std::string> answer;       // null until answered
  std::optional<std::string> answered_at;  // ISO 8601 with offset, null until answered
};

// Decodes a request body (never throws): request.malformed naming the member for JSON that does
// not parse, a member of the wrong type or an unknown member.
Errors decode(std::string_view body, QuestionRequest& out);
nlohmann::json to_json(const QuestionRequest& r);  // for the client to send

nlohmann::json to_json(const Question& q);  // without a wrapper; the server puts {"question": ...} around it
// Client side: false when the JSON does not have the shape (never throws). The entity alone or
// {"question": {...}}; a list is GET /questions' array. Unknown members are ignored.
bool from_json(const nlohmann::json& j, Question& out);
bool from_json(const nlohmann::json& j, std::vector<Question>& out);

}  // namespace core::api

namespace core {

// [SECTION] Rules
// Every error at once: topic field.required / field.invalid; message field.required,
// field.invalid_characters (control characters other than line ends and tabs, invalid UTF-8),
// question.too_short {min} / question.too_long {max} counted in code points after question_text.
Errors check_question(const api::QuestionRequest& r);
// The supplier's answer: field.required, field.invalid_characters, field.too_long {max_length},
// all on field "answer".
Errors check_question_answer(std::string_view text);

}  // namespace core
