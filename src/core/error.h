// Errors are values with codes, defined once here; the client translates them with the i18n
// catalogs (assets/i18n), the server sends them as {"errors":[{code, field, params}]}.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace core {

// [SECTION] Codes (dotted, lower case; API.md lists the ones outside programs rely on)
namespace codes {
inline constexpr std::string_view auth_required = "auth.required";                      // no valid session
inline constexpr std::string_view auth_invalid_credentials = "auth.invalid_credentials";  // wrong e-mail or password
inline constexpr std::string_view auth_not_activated = "auth.not_activated";            // activation link not used yet
inline constexpr std::string_view auth_too_many_attempts = "auth.too_many_attempts";    // failed logins throttled
inline constexpr std::string_view token_invalid = "token.invalid";                      // unknown, used or wrong token/code
inline constexpr std::string_view token_expired = "token.expired";                      // token past its lifetime
inline constexpr std::string_view email_invalid = "email.invalid";                      // not an e-mail address
inline constexpr std::string_view password_too_short = "password.too_short";            // under the minimum length
inline constexpr std::string_view password_too_long = "password.too_long";              // over the maximum length
inline constexpr std::string_view password_too_common = "password.too_common";          // on the common-password list
inline constexpr std::string_view password_equals_email = "password.equals_email";      // the e-mail as password
inline constexpr std::string_view password_mismatch = "password.mismatch";              // repeat differs
inline constexpr std::string_view password_current_wrong = "password.current_wrong";    // current password wrong
inline constexpr std::string_view field_required = "field.required";                    // required field empty
inline constexpr std::string_view field_too_long = "field.too_long";                    // over the field's length
inline constexpr std::string_view field_invalid_characters = "field.invalid_characters";  // control characters etc.
inline constexpr std::string_view field_invalid = "field.invalid";                      // not one of the allowed values
inline constexpr std::string_view terms_not_accepted = "terms.not_accepted";            // terms of use not accepted
inline constexpr std::string_view postal_code_invalid = "postal_code.invalid";          // not a postal code of the country
inline constexpr std::string_view phone_invalid = "phone.invalid";                      // not a phone number
inline constexpr std::string_view country_invalid = "country.invalid";                  // not an ISO 3166-1 alpha-2 code
inline constexpr std::string_view metering_point_invalid = "metering_point.invalid";    // no known form
inline constexpr std::string_view metering_point_check_digit = "metering_point.check_digit";  // GSRN check digit wrong
inline constexpr std::string_view contract_number_invalid = "contract_number.invalid";  // not a contract number
inline constexpr std::string_view energy_invalid = "energy.invalid";                    // not electricity or gas
inline constexpr std::string_view operator_unknown = "operator.unknown";                // no such operator code
inline constexpr std::string_view operator_energy_mismatch = "operator.energy_mismatch";  // gas operator for power...
inline constexpr std::string_view contract_not_found = "contract.not_found";            // nothing matches all four
inline constexpr std::string_view contract_already_linked = "contract.already_linked";  // this account has it
inline constexpr std::string_view contract_too_many_attempts = "contract.too_many_attempts";  // linking throttled
inline constexpr std::string_view date_invalid = "date.invalid";                        // not a YYYY-MM-DD civil date
inline constexpr std::string_view reading_not_integer = "reading.not_integer";          // fraction or exponent
inline constexpr std::string_view reading_negative = "reading.negative";                // below zero
inline constexpr std::string_view reading_too_many_digits = "reading.too_many_digits";  // more digits than the meter
inline constexpr std::string_view reading_register_missing = "reading.register_missing";  // a register of the meter absent
inline constexpr std::string_view reading_register_unknown = "reading.register_unknown";  // a register the meter lacks
inline constexpr std::string_view reading_type_invalid = "reading.type_invalid";        // not submission/own_record
inline constexpr std::string_view reading_too_old = "reading.too_old";                  // more than 5 days back
inline constexpr std::string_view reading_in_future = "reading.in_future";              // after today
inline constexpr std::string_view reading_lower_than_previous = "reading.lower_than_previous";  // below the last one
inline constexpr std::string_view reading_outside_window = "reading.outside_window";    // window closed now
inline constexpr std::string_view reading_no_self_readings = "reading.no_self_readings";  // operator reads the meter
inline constexpr std::string_view reading_unusual = "reading.unusual";                  // outside the expected range
inline constexpr std::string_view reading_tariff_mixup = "reading.tariff_mixup";        // ET total typed into VT/MT
inline constexpr std::string_view reading_duplicate = "reading.duplicate";              // same date, not replaceable
inline constexpr std::string_view reading_not_deletable = "reading.not_deletable";      // window closed or operator's
inline constexpr std::string_view reminder_phone_required = "reminder.phone_required";  // SMS needs a confirmed phone
inline constexpr std::string_view not_found = "not_found";                              // absent or not the caller's
inline constexpr std::string_view request_malformed = "request.malformed";              // bad JSON, type or field
inline constexpr std::string_view request_too_large = "request.too_large";              // body over 64 KB
inline constexpr std::string_view request_unsupported_media_type = "request.unsupported_media_type";  // not JSON
inline constexpr std::string_view request_too_many = "request.too_many";                // throttled
inline constexpr std::string_view request_method_not_allowed = "request.method_not_allowed";  // 405
inline constexpr std::string_view server_unavailable = "server.unavailable";            // database down, 503
inline constexpr std::string_view server_error = "server.error";                        // a bug; logged, 500
inline constexpr std::string_view network_unreachable = "network.unreachable";          // client side: no answer
inline constexpr std::string_view network_invalid_response = "network.invalid_response";  // client side: unreadable
// Imam vprašanje (customer questions)
inline constexpr std::string_view question_too_short = "question.too_short";  // message under {min} characters
inline constexpr std::string_view question_too_long = "question.too_long";    // message over {max} characters
inline constexpr std::string_view question_already_answered = "question.already_answered";  // portal-admin: answered before
}  // namespace codes

// Every code above, for catalog completeness checks.
const std::vector<std::string_view>& all_codes();

// [SECTION] Error values
struct Error {
  std::string code;                                        // one of codes::*
  std::string field;                                       // request field it is about; "" = whole request
  nlohmann::json params = nlohmann::json::object();        // values the message needs, e.g. {max_age_days: 5}
};
using Errors = std::vector<Error>;

Error make_error(std::string_view code, std::string_view field = {},
                 nlohmann::json params = nlohmann::json::object());
bool has_code(const Errors& errors, std::string_view code);       // any error with this code
const Error* find_field(const Errors& errors, std::string_view field);  // first error on a field

nlohmann::json to_json(const Error& e);      // {"code","field"?,"params"?}
nlohmann::json to_json(const Errors& errors);  // {"errors":[...]}
// Reads an error body as the server sends it; false when it is not one.
bool errors_from_json(const nlohmann::json& body, Errors& out);

}  // namespace core
