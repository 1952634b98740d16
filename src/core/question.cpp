#include "core/question.h"

#include "core/account_rules.h"
#include "core/json_fields.h"
#include "core/text.h"

namespace core {

namespace {

// Control characters a message may not hold: C0 but line end and tab, DEL, C1. Invalid UTF-8 too.
bool has_bad_characters(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    const size_t n = decode_utf8(s, i, cp);
    if (n == 0) return true;
    if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F)) return true;
    i += n;
  }
  return false;
}

// field.required / field.invalid_characters for a free text; "" when it is empty.
std::string checked_text(std::string_view input, std::string_view field, Errors& errors) {
  std::string text = question_text(input);
  if (text.empty())
    errors.push_back(make_error(codes::field_required, field));
  else if (has_bad_characters(text))
    errors.push_back(make_error(codes::field_invalid_characters, field));
  return text;
}

}  // namespace

const std::vector<std::string_view>& question_topics() {
  static const std::vector<std::string_view> list = {"readings", "invoices", "contract", "portal", "other"};
  return list;
}

bool is_question_topic(std::string_view code) {
  for (auto t : question_topics())
    if (t == code) return true;
  return false;
}

std::string question_text(std::string_view input) {
  const std::string_view trimmed = trim(input);
  std::string out;
  out.reserve(trimmed.size());
  for (size_t i = 0; i < trimmed.size(); ++i) {
    if (trimmed[i] == '\r' && i + 1 < trimmed.size() && trimmed[i + 1] == '\n') continue;
    out += trimmed[i];
  }
  return out;
}

Errors check_question(const api::QuestionRequest& r) {
  Errors errors;
  if (trim(r.topic).empty())
    errors.push_back(make_error(codes::field_required, "topic"));
  else if (!is_question_topic(r.topic))
    errors.push_back(make_error(codes::field_invalid, "topic"));
  const std::string message = checked_text(r.message, "message", errors);
  if (!message.empty()) {
    const int length = utf8_length(message);
    if (length < kQuestionMinLength)
      errors.push_back(make_error(codes::question_too_short, "message", {{"min", kQuestionMinLength}}));
    if (length > kQuestionMaxLength)
      errors.push_back(make_error(codes::question_too_long, "message", {{"max", kQuestionMaxLength}}));
  }
  return errors;
}

Errors check_question_answer(std::string_view input) {
  Errors errors;
  const std::string text = checked_text(input, "answer", errors);
  if (utf8_length(text) > kAnswerMaxLength)
    errors.push_back(make_error(codes::field_too_long, "answer", {{"max_length", kAnswerMaxLength}}));
  return errors;
}

}  // namespace core

namespace core::api {

using nlohmann::json;
using namespace json_fields;

Errors decode(std::string_view body, QuestionRequest& out) {
  QuestionRequest r;
  Errors errors = decode_object(body, false, [&r](const std::string& k, const json& v) {
    if (k == "topic") return read_string(v, r.topic);
    if (k == "message") return read_string(v, r.message);
    if (k == "metering_point_id") {
      if (v.is_null()) return Read::ok;
      const Read read = read_optional(v, r.metering_point_id);
      if (r.metering_point_id && r.metering_point_id->empty()) r.metering_point_id.reset();
      return read;
    }
    return Read::unknown;
  });
  if (errors.empty()) out = std::move(r);
  return errors;
}

json to_json(const QuestionRequest& r) {
  return {{"topic", r.topic},
          {"metering_point_id", r.metering_point_id ? json(*r.metering_point_id) : json(nullptr)},
          {"message", r.message}};
}

namespace {
json optional_json(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
}  // namespace

json to_json(const Question& q) {
  return {{"id", q.id},
          {"topic", q.topic},
          {"metering_point_id", optional_json(q.metering_point_id)},
          {"message", q.message},
          {"status", q.status},
          {"created_at", q.created_at},
          {"answer", optional_json(q.answer)},
          {"answered_at", optional_json(q.answered_at)}};
}

bool from_json(const json& body, Question& out) {
  const json& j = unwrap(body, "question");
  if (!j.is_object() || !j.contains("id")) return false;
  Question q;
  ResponseReader r{j};
  r.string("id", q.id);
  r.string("topic", q.topic);
  r.optional_string("metering_point_id", q.metering_point_id);
  r.string("message", q.message);
  r.string("status", q.status);
  r.string("created_at", q.created_at);
  r.optional_string("answer", q.answer);
  r.optional_string("answered_at", q.answered_at);
  if (!r.ok) return false;
  out = std::move(q);
  return true;
}

bool from_json(const json& j, std::vector<Question>& out) {
  if (!j.is_array()) return false;
  std::vector<Question> list;
  for (const auto& item : j) {
    Question q;
    if (!from_json(item, q)) return false;
    list.push_back(std::move(q));
  }
  out = std::move(list);
  return true;
}

}  // namespace core::api
