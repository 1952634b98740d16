#include "core/error.h"

namespace core {

const std::vector<std::string_view>& all_codes() {
  using namespace codes;
  static const std::vector<std::string_view> list = {
      auth_required, auth_invalid_credentials, auth_not_activated, auth_too_many_attempts,
      token_invalid, token_expired, email_invalid, password_too_short, password_too_long,
      password_too_common, password_equals_email, password_mismatch, password_current_wrong,
      field_required, field_too_long, field_invalid_characters, field_invalid, terms_not_accepted,
      postal_code_invalid, phone_invalid, country_invalid, metering_point_invalid,
      metering_point_check_digit, contract_number_invalid, energy_invalid, operator_unknown,
      operator_energy_mismatch, contract_not_found, contract_already_linked,
      contract_too_many_attempts, date_invalid, reading_not_integer, reading_negative,
      reading_too_many_digits, reading_register_missing, reading_register_unknown,
      reading_type_invalid, reading_too_old, reading_in_future, reading_lower_than_previous,
      reading_outside_window, reading_no_self_readings, reading_unusual, reading_tariff_mixup,
      reading_duplicate, reading_not_deletable, reminder_phone_required, not_found,
      request_malformed, request_too_large, request_unsupported_media_type, request_too_many,
      request_method_not_allowed, server_unavailable, server_error, network_unreachable,
      network_invalid_response,
      // Imam vprašanje (customer questions)
      question_too_short, question_too_long, question_already_answered};
  return list;
}

Error make_error(std::string_view code, std::string_view field, nlohmann::json params) {
  return Error{std::string(code), std::string(field), std::move(params)};
}

bool has_code(const Errors& errors, std::string_view code) {
  for (const auto& e : errors)
    if (e.code == code) return true;
  return false;
}

const Error* find_field(const Errors& errors, std::string_view field) {
  for (const auto& e : errors)
    if (e.field == field) return &e;
  return nullptr;
}

nlohmann::json to_json(const Error& e) {
  nlohmann::json j = {{"code", e.code}};
  if (!e.field.empty()) j["field"] = e.field;
  if (e.params.is_object() && !e.params.empty()) j["params"] = e.params;
  return j;
}

nlohmann::json to_json(const Errors& errors) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : errors) list.push_back(to_json(e));
  return {{"errors", std::move(list)}};
}

bool errors_from_json(const nlohmann::json& body, Errors& out) {
  if (!body.is_object()) return false;
  auto it = body.find("errors");
  if (it == body.end() || !it->is_array()) return false;
  out.clear();
  for (const auto& e : *it) {
    if (!e.is_object()) continue;
    auto code = e.find("code");
    if (code == e.end() || !code->is_string()) continue;
    Error err;
    err.code = code->get<std::string>();
    auto field = e.find("field");
    if (field != e.end() && field->is_string()) err.field = field->get<std::string>();
    auto params = e.find("params");
    if (params != e.end() && params->is_object()) err.params = *params;
    out.push_back(std::move(err));
  }
  return true;
}

}  // namespace core
