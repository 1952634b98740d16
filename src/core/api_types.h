// The API's data types and their JSON, shared by the server (which writes responses and reads
// requests) and the client (which writes requests and reads responses). Decoding never throws
// (the wasm build has no exceptions): JSON that does not parse, a member of the wrong type or
// an unknown member gives request.malformed naming the field ("" for the whole body). A
// missing member takes its default, and the rules then say what is required (field.required).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/account_rules.h"
#include "core/energy.h"
#include "core/error.h"
#include "core/reading_rules.h"

namespace core::api {

// [SECTION] Requests
struct RegisterRequest {          // POST /auth/register
  RegistrationFields fields;
};
struct TokenRequest {             // POST /auth/activate, also the token of /auth/reset
  std::string token;
};
struct LoginRequest {             // POST /auth/login
  std::string email;
  std::string password;
  bool remember = false;
};
struct LogoutRequest {            // POST /auth/logout (body optional)
  bool all = false;
};
struct ForgotRequest {            // POST /auth/forgot
  std::string email;
};
struct ResetRequest {             // POST /auth/reset
  std::string token;
  std::string password;
  std::string password_repeat;
};
struct ProfilePatch {             // PATCH /me: members present are changed
  std::optional<std::string> name, street, city, postal_code, post, country, phone, gender, locale;
  std::optional<bool> notifications;
  // The profile with this patch applied.
  ProfileFields applied_to(const ProfileFields& current) const;
};
// The profile's text fields, said once: their JSON and form name, where each lives in
// ProfileFields and ProfilePatch. JSON, patches, the client's forms and storage iterate it
// (`notifications`, the one flag, is written beside it).
struct ProfileTextField {
  const char* name;                                    // JSON member and form field: "street"
  std::string ProfileFields::*value;                   // its place in the profile
  std::optional<std::string> ProfilePatch::*patch;     // its place in a PATCH /me
  bool on_profile_form;                                // edited on the settings form (locale is not)
};
const std::vector<ProfileTextField>& profile_text_fields();  // name ... locale, in API order

struct EmailChangeRequest {       // POST /me/email
  std::string email;
  std::string current_password;
};
struct PasswordChangeRequest {    // POST /me/password
  std::string current_password;
  std::string password;
  std::string password_repeat;
};
struct PhoneConfirmRequest {      // POST /me/phone/confirm
  std::string code;
};
struct DeleteAccountRequest {     // DELETE /me
  std::string current_password;
};
struct LinkContractRequest {      // POST /contracts
  std::string metering_point;
  std::string contract_number;
  std::string energy;
  std::string operator_code;      // JSON member "operator"
};
struct SubmitReadingRequest {     // POST /metering-points/{id}/readings
  Submission submission;
};
struct RemindersRequest {         // PUT /metering-points/{id}/reminders
  bool email = false;
  bool sms = false;
};

// Each decoder parses a request body. An empty body decodes to the defaults where the
// endpoint allows no body (logout); elsewhere it is request.malformed.
Errors decode(std::string_view body, RegisterRequest& out);
Errors decode(std::string_view body, TokenRequest& out);
Errors decode(std::string_view body, LoginRequest& out);
Errors decode(std::string_view body, LogoutRequest& out);
Errors decode(std::string_view body, ForgotRequest& out);
Errors decode(std::string_view body, ResetRequest& out);
Errors decode(std::string_view body, ProfilePatch& out);
Errors decode(std::string_view body, EmailChangeRequest& out);
Errors decode(std::string_view body, PasswordChangeRequest& out);
Errors decode(std::string_view body, PhoneConfirmRequest& out);
Errors decode(std::string_view body, DeleteAccountRequest& out);
Errors decode(std::string_view body, LinkContractRequest& out);
Errors decode(std::string_view body, SubmitReadingRequest& out);
Errors decode(std::string_view body, RemindersRequest& out);

// The same requests as JSON, for the client to send (decode(to_json(r).dump()) gives r back).
nlohmann::json to_json(const RegisterRequest& r);
nlohmann::json to_json(const TokenRequest& r);
nlohmann::json to_json(const LogoutRequest& r);
nlohmann::json to_json(const ForgotRequest& r);
nlohmann::json to_json(const PhoneConfirmRequest& r);
nlohmann::json to_json(const DeleteAccountRequest& r);
nlohmann::json to_json(const LoginRequest& r);
nlohmann::json to_json(const ResetRequest& r);
nlohmann::json to_json(const ProfilePatch& r);
nlohmann::json to_json(const EmailChangeRequest& r);
nlohmann::json to_json(const PasswordChangeRequest& r);
nlohmann::json to_json(const LinkContractRequest& r);
nlohmann::json to_json(const SubmitReadingRequest& r);
nlohmann::json to_json(const RemindersRequest& r);

// [SECTION] Responses
struct User {                     // {"user": {...}} of login, GET/PATCH /me
  std::string id;
  std::string email;
  ProfileFields profile;
  bool phone_confirmed = false;
};

struct Address {
  std::string street, city, postal_code;
};
struct MeteringPoint {
  std::string id;
  std::string number;             // canonical
  std::string gsrn;               // "" when unknown
  Address address;
  std::vector<std::string> registers;  // ["VT","MT"]
  int digits = 6;
};
struct OperatorRef {
  std::string code, name;
};
struct Contract {                 // one entry of GET /contracts
  std::string id;
  std::string contract_number;
  Energy energy = Energy::electricity;
  OperatorRef op;                 // JSON member "operator"
  MeteringPoint metering_point;
  WindowStatus window;
  bool reminder_email = false;    // JSON {"reminders":{"email","sms"}}
  bool reminder_sms = false;
};
struct Reading {                  // one entry of GET /metering-points/{id}/readings
  std::string id;
  std::optional<std::string> submission_id;  // null for operator and estimated readings
  Date date;
  Register reg = Register::ET;    // JSON member "register"
  int64_t value = 0;
  std::optional<int64_t> difference;
  std::optional<double> per_day;
  ReadingSource source = ReadingSource::customer;
  std::optional<ReadingType> type;           // null for operator and estimated readings
  bool deletable = false;
};
struct SubmissionResult {         // 201 of POST .../readings
  std::string submission_id;
  std::vector<Reading> readings;
  Errors warnings;
};
// The `limits` of GET /rules: the length and reading limits core checks with, by name.
nlohmann::json default_limits();

struct Rules {                    // GET /rules
  Date today;
  std::string now;                // ISO 8601 with offset
  std::vector<Operator> operators;
  nlohmann::json limits = default_limits();  // {password_min_length: 10, ...}
};

nlohmann::json to_json(const User& u);
nlohmann::json to_json(const Contract& c);
nlohmann::json to_json(const Reading& r);
nlohmann::json to_json(const SubmissionResult& r);
nlohmann::json to_json(const Rules& r);  // {today, now, operators:[...], limits:{...}}

// Entities are written without a wrapper (the server puts {"user": ...} / {"contract": ...}
// around them); from_json accepts both forms.
// Client side: false when the JSON does not have the shape (never throws). Unknown members are
// ignored (responses may gain fields); a known member of the wrong type is false.
bool from_json(const nlohmann::json& j, User& out);
bool from_json(const nlohmann::json& j, Contract& out);
bool from_json(const nlohmann::json& j, Reading& out);
bool from_json(const nlohmann::json& j, SubmissionResult& out);
bool from_json(const nlohmann::json& j, Rules& out);
// A JSON array of entities (the lists of GET /contracts, .../readings; the client's offline copy).
template <class T>
bool list_from_json(const nlohmann::json& j, std::vector<T>& out) {
  if (!j.is_array()) return false;
  out.clear();
  for (const auto& e : j) {
    T t;
    if (!from_json(e, t)) return false;
    out.push_back(std::move(t));
  }
  return true;
}

}  // namespace core::api
