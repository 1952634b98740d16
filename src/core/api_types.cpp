#include "core/api_types.h"

#include <cstdint>
#include <type_traits>

#include "core/json_fields.h"
#include "core/metering_point.h"
#include "core/question.h"
#include "core/text.h"

namespace core::api {

using nlohmann::json;
using namespace json_fields;

// [SECTION] Decoding helpers
namespace {

Read read_profile_member(const std::string& k, const json& v, ProfileFields& p) {
  if (k == "notifications") return read_bool(v, p.notifications);
  for (const auto& f : profile_text_fields())
    if (k == f.name) return read_string(v, p.*f.value);
  return Read::unknown;
}

json profile_json(const ProfileFields& p) {
  json j = json::object();
  for (const auto& f : profile_text_fields()) j[f.name] = p.*f.value;
  j["notifications"] = p.notifications;
  return j;
}

}  // namespace

const std::vector<ProfileTextField>& profile_text_fields() {
  static const std::vector<ProfileTextField> fields = {
      {"name", &ProfileFields::name, &ProfilePatch::name, true},
      {"street", &ProfileFields::street, &ProfilePatch::street, true},
      {"city", &ProfileFields::city, &ProfilePatch::city, true},
      {"postal_code", &ProfileFields::postal_code, &ProfilePatch::postal_code, true},
      {"post", &ProfileFields::post, &ProfilePatch::post, true},
      {"country", &ProfileFields::country, &ProfilePatch::country, true},
      {"phone", &ProfileFields::phone, &ProfilePatch::phone, true},
      {"gender", &ProfileFields::gender, &ProfilePatch::gender, true},
      {"locale", &ProfileFields::locale, &ProfilePatch::locale, false},
  };
  return fields;
}

// [SECTION] Request decoders
Errors decode(std::string_view body, RegisterRequest& out) {
  RegisterRequest r;
  Errors errors = decode_object(body, false, [&r](const std::string& k, const json& v) {
    RegistrationFields& f = r.fields;
    if (k == "email") return read_string(v, f.email);
    if (k == "password") return read_string(v, f.password);
    if (k == "password_repeat") return read_string(v, f.password_repeat);
    if (k == "terms_accepted") return read_bool(v, f.terms_accepted);
    return read_profile_member(k, v, f.profile);
  });
  if (errors.empty()) out = std::move(r);
  return errors;
}

Errors decode(std::string_view body, TokenRequest& out) {
  TokenRequest r;
  Errors errors = decode_object(body, false, [&r](const std::string& k, const json& v) {
    if (k == "token") return read_string(v, r.token);
    return Read::unknown;
  });
  if (errors.empty()) out = std::move(r);
  return errors;
}

Errors decode(std::string_view body, LoginRequest& out) {
  LoginRequest r;
  Errors errors = decode_object(body, false, [&r](const std::string& k, const json& v) {
    if (k == "email") return read_string(v, r.email);
    if (k == "password") return read_string(v, r.password);
    if (k == "remember") return read_bool(v, r.remember);
    return Read::unknown;
  });
  if (errors.empty()) out = std::move(r);
  return errors;
}

Errors decode(std::string_view body, LogoutRequest& out) {
  LogoutRequest r;
  Errors errors = decode_object(body, true, [&r](const std::string& k, const json& v) {
    if (k == "all") return read_bool(v, r.all);
    return Read::unknown;
  });
  if (errors.empty()) out = r;
  return errors;
}

Errors decode(std::string_view body, ForgotRequest& out) {
  ForgotRequest r;
  Errors errors = decode_object(body, false, [&r](const std::string& k, const json& v) {
    if (k == "email") return read_string(v, r.email);
    return Read::unknown;
  });
  if (errors.empty()) out = std::move(r);
  return errors;
}

Errors decode(std::string_view body, ResetRequest& out) {
  ResetRequest r;
  Errors errors = decode_object(body, false, [&r](const std::string& k, const json& v) {
    if (k == "token") return read_string(v, r.token);
    if (k == "password") return read_string(v, r.password);
    if (k == "password_repeat") return read_string(v, r.password_repeat);
    return Read::unknown;
  });
  if (errors.empty()) out = std::move(r);
  return errors;
}

Errors decode(std::string_view body, ProfilePatch& out) {
  ProfilePatch r;
  Errors errors = decode_object(body, false, [&r](const std::string& k, const json& v) {
    if (k == "notifications") return read_optional(v, r.notifications);
    for (const auto& f : profile_text_fields())
      if (k == f.name) return read_optional(v, r.*f.patch);
    return Read::unknown;
  });
  if (errors.empty()) out = std::move(r);
  return errors;
}

ProfileFields ProfilePatch::applied_to(const ProfileFields& current) const {
  ProfileFields p = current;
  for (const auto& f : profile_text_fields())
    if (this->*f.patch) p.*f.value = *(this->*f.patch);
  if (notifications) p.notifications = *notifications;
  return p;
}

Errors decode(std::string_view body, EmailChangeRequest& out) {
  EmailChangeRequest r;
  Errors errors = decode_object(body, false, [&r](const std::string& k, const json& v) {
    if (k == "email") return read_string(v, r.email);
    if (k == "current_password") return read_string(v, r.current_password);
    return Read::unknown;
  });
  if (errors.empty()) out = std::move(r);
  return errors;
}

Errors decode(std::string_view body, PasswordChangeRequest& out) {
  PasswordChangeRequest r;
  Errors errors = decode_object(body, false, [&r](const std::string& k, const json& v) {
    if (k == "current_password") return read_string(v, r.current_password);
    if (k == "password") return read_string(v, r.password);
    if (k == "password_repeat") return read_string(v, r.password_repeat);
    return Read::unknown;
  });
  if (errors.empty()) out = std::move(r);
  return errors;
}

Errors decode(std::string_view body, PhoneConfirmRequest& out) {
  PhoneConfirmRequest r;
  Errors errors = decode_object(body, false, [&r](const std::string& k, const json& v) {
    if (k == "code") return read_string(v, r.code);
    return Read::unknown;
  });
  if (errors.empty()) out = std::move(r);
  return errors;
}

Errors decode(std::string_view body, DeleteAccountRequest& out) {
  DeleteAccountRequest r;
  Errors errors = decode_object(body, false, [&r](const std::string& k, const json& v) {
    if (k == "current_password") return read_string(v, r.current_password);
    return Read::unknown;
  });
  if (errors.empty()) out = std::move(r);
  return errors;
}

Errors decode(std::string_view body, LinkContractRequest& out) {
  LinkContractRequest r;
  Errors errors = decode_object(body, false, [&r](const std::string& k, const json& v) {
    if (k == "metering_point") return read_string(v, r.metering_point);
    if (k == "contract_number") return read_string(v, r.contract_number);
    if (k == "energy") return read_string(v, r.energy);
    if (k == "operator") return read_string(v, r.operator_code);
    return Read::unknown;
  });
  if (errors.empty()) out = std::move(r);
  return errors;
}

Errors decode(std::string_view body, SubmitReadingRequest& out) {
  SubmitReadingRequest r;
  Errors values_errors;  // members inside "values" are named "values.VT"
  Errors errors = decode_object(body, false, [&r, &values_errors](const std::string& k, const json& v) {
    Submission& s = r.submission;
    if (k == "date") return read_string(v, s.date_text);
    if (k == "type") return read_string(v, s.type_text);
    if (k == "confirm_unusual") return read_bool(v, s.confirm_unusual);
    if (k == "meter_replaced") return read_bool(v, s.meter_replaced);
    if (k == "values") {
      if (!v.is_object()) return Read::bad_type;
      for (auto it = v.begin(); it != v.end(); ++it)
        if (!it.value().is_number())
          values_errors.push_back(make_error(codes::request_malformed, "values." + it.key()));
      s.values = v;
      return Read::ok;
    }
    return Read::unknown;
  });
  for (auto& e : values_errors) errors.push_back(std::move(e));
  if (errors.empty()) out = std::move(r);
  return errors;
}

Errors decode(std::string_view body, RemindersRequest& out) {
  RemindersRequest r;
  Errors errors = decode_object(body, false, [&r](const std::string& k, const json& v) {
    if (k == "email") return read_bool(v, r.email);
    if (k == "sms") return read_bool(v, r.sms);
    return Read::unknown;
  });
  if (errors.empty()) out = r;
  return errors;
}

// [SECTION] Requests as JSON
json to_json(const RegisterRequest& r) {
  json j = profile_json(r.fields.profile);
  j["email"] = r.fields.email;
  j["password"] = r.fields.password;
  j["password_repeat"] = r.fields.password_repeat;
  j["terms_accepted"] = r.fields.terms_accepted;
  return j;
}

json to_json(const TokenRequest& r) {
  return {{"token", r.token}};
}

json to_json(const LoginRequest& r) {
  return {{"email", r.email}, {"password", r.password}, {"remember", r.remember}};
}

json to_json(const LogoutRequest& r) {
  return {{"all", r.all}};
}

json to_json(const ForgotRequest& r) {
  return {{"email", r.email}};
}

json to_json(const ResetRequest& r) {
  return {{"token", r.token}, {"password", r.password}, {"password_repeat", r.password_repeat}};
}

json to_json(const ProfilePatch& r) {
  json j = json::object();
  for (const auto& f : profile_text_fields())
    if (r.*f.patch) j[f.name] = *(r.*f.patch);
  if (r.notifications) j["notifications"] = *r.notifications;
  return j;
}

json to_json(const EmailChangeRequest& r) {
  return {{"email", r.email}, {"current_password", r.current_password}};
}

json to_json(const PasswordChangeRequest& r) {
  return {{"current_password", r.current_password}, {"password", r.password}, {"password_repeat", r.password_repeat}};
}

json to_json(const PhoneConfirmRequest& r) {
  return {{"code", r.code}};
}

json to_json(const DeleteAccountRequest& r) {
  return {{"current_password", r.current_password}};
}

json to_json(const LinkContractRequest& r) {
  return {{"metering_point", r.metering_point},
          {"contract_number", r.contract_number},
          {"energy", r.energy},
          {"operator", r.operator_code}};
}

json to_json(const SubmitReadingRequest& r) {
  const Submission& s = r.submission;
  return {{"date", s.date_text},
          {"type", s.type_text},
          {"values", s.values.is_object() ? s.values : json::object()},
          {"confirm_unusual", s.confirm_unusual},
          {"meter_replaced", s.meter_replaced}};
}

json to_json(const RemindersRequest& r) {
  return {{"email", r.email}, {"sms", r.sms}};
}

// [SECTION] Responses as JSON
namespace {

json date_json(const Date& d) {
  return format_date(d);
}

bool error_from_json(const json& e, Error& out) {
  if (!e.is_object()) return false;
  auto code = e.find("code");
  if (code == e.end() || !code->is_string()) return false;
  Error err;
  err.code = code->get<std::string>();
  auto field = e.find("field");
  if (field != e.end() && !field->is_null()) {
    if (!field->is_string()) return false;
    err.field = field->get<std::string>();
  }
  auto params = e.find("params");
  if (params != e.end() && !params->is_null()) {
    if (!params->is_object()) return false;
    err.params = *params;
  }
  out = std::move(err);
  return true;
}

}  // namespace

json default_limits() {
  return {{"password_min_length", kPasswordMinLength},
          {"password_max_length", kPasswordMaxLength},
          {"email_max_length", kEmailMaxLength},
          {"name_max_length", kNameMaxLength},
          {"street_max_length", kStreetMaxLength},
          {"city_max_length", kCityMaxLength},
          {"post_max_length", kPostMaxLength},
          {"foreign_postal_code_max_length", kForeignPostalCodeMaxLength},
          {"phone_max_length", kPhoneMaxLength},
          {"contract_number_min_length", kContractNumberMinLength},
          {"contract_number_max_length", kContractNumberMaxLength},
          {"max_reading_age_days", kMaxReadingAgeDays},
          {"unusual_low", kUnusualLow},
          {"unusual_high", kUnusualHigh},
          {"unusual_slack", kUnusualSlack},
          {"question_min_length", kQuestionMinLength},
          {"question_max_length", kQuestionMaxLength}};
}

json to_json(const User& u) {
  json j = profile_json(u.profile);
  j["id"] = u.id;
  j["email"] = u.email;
  j["phone_confirmed"] = u.phone_confirmed;
  return j;
}

bool from_json(const json& body, User& out) {
  const json& j = unwrap(body, "user");
  if (!j.is_object() || !j.contains("id")) return false;
  User u;
  ResponseReader r{j};
  r.string("id", u.id);
  r.string("email", u.email);
  for (const auto& f : profile_text_fields()) r.string(f.name, u.profile.*f.value);
  r.boolean("notifications", u.profile.notifications);
  r.boolean("phone_confirmed", u.phone_confirmed);
  if (!r.ok) return false;
  out = std::move(u);
  return true;
}

json to_json(const Contract& c) {
  const MeteringPoint& mp = c.metering_point;
  return {{"id", c.id},
          {"contract_number", c.contract_number},
          {"energy", energy_code(c.energy)},
          {"operator", {{"code", c.op.code}, {"name", c.op.name}}},
          {"metering_point",
           {{"id", mp.id},
            {"number", mp.number},
            {"gsrn", mp.gsrn.empty() ? json(nullptr) : json(mp.gsrn)},
            {"address",
             {{"street", mp.address.street}, {"city", mp.address.city}, {"postal_code", mp.address.postal_code}}},
            {"registers", mp.registers},
            {"digits", mp.digits}}},
          {"window", to_json(c.window)},
          {"reminders", {{"email", c.reminder_email}, {"sms", c.reminder_sms}}}};
}

bool from_json(const json& body, Contract& out) {
  const json& j = unwrap(body, "contract");
  if (!j.is_object() || !j.contains("id")) return false;
  Contract c;
  ResponseReader r{j};
  r.string("id", c.id);
  r.string("contract_number", c.contract_number);
  std::string energy = energy_code(c.energy);
  r.string("energy", energy);
  if (!parse_energy(energy, c.energy)) return false;
  if (const json* op = r.object("operator")) {
    ResponseReader o{*op};
    o.string("code", c.op.code);
    o.string("name", c.op.name);
    r.ok = r.ok && o.ok;
  }
  if (const json* mp = r.object("metering_point")) {
    ResponseReader m{*mp};
    m.string("id", c.metering_point.id);
    m.string("number", c.metering_point.number);
    m.string("gsrn", c.metering_point.gsrn);
    if (const json* address = m.object("address")) {
      ResponseReader a{*address};
      a.string("street", c.metering_point.address.street);
      a.string("city", c.metering_point.address.city);
      a.string("postal_code", c.metering_point.address.postal_code);
      m.ok = m.ok && a.ok;
    }
    if (const json* regs = m.array("registers")) {
      for (const auto& reg : *regs) {
        if (!reg.is_string()) return false;
        c.metering_point.registers.push_back(reg.get<std::string>());
      }
    }
    int64_t digits = c.metering_point.digits;
    m.integer("digits", digits);
    if (digits < 1 || digits > 18) return false;
    c.metering_point.digits = static_cast<int>(digits);
    r.ok = r.ok && m.ok;
  }
  if (const json* window = r.object("window")) {
    if (!window_status_from_json(*window, c.window)) return false;
  }
  if (const json* reminders = r.object("reminders")) {
    ResponseReader m{*reminders};
    m.boolean("email", c.reminder_email);
    m.boolean("sms", c.reminder_sms);
    r.ok = r.ok && m.ok;
  }
  if (!r.ok) return false;
  out = std::move(c);
  return true;
}

json to_json(const Reading& r) {
  return {{"id", r.id},
          {"submission_id", r.submission_id ? json(*r.submission_id) : json(nullptr)},
          {"date", date_json(r.date)},
          {"register", register_code(r.reg)},
          {"value", r.value},
          {"difference", r.difference ? json(*r.difference) : json(nullptr)},
          {"per_day", r.per_day ? json(*r.per_day) : json(nullptr)},
          {"source", reading_source_code(r.source)},
          {"type", r.type ? json(reading_type_code(*r.type)) : json(nullptr)},
          {"deletable", r.deletable}};
}

bool from_json(const json& j, Reading& out) {
  if (!j.is_object() || !j.contains("id")) return false;
  Reading reading;
  ResponseReader r{j};
  r.string("id", reading.id);
  r.optional_string("submission_id", reading.submission_id);
  r.date("date", reading.date);
  std::string reg = register_code(reading.reg);
  r.string("register", reg);
  if (!parse_register(reg, reading.reg)) return false;
  r.integer("value", reading.value);
  r.optional_integer("difference", reading.difference);
  r.optional_number("per_day", reading.per_day);
  std::string source = reading_source_code(reading.source);
  r.string("source", source);
  if (!parse_reading_source(source, reading.source)) return false;
  std::optional<std::string> type;
  r.optional_string("type", type);
  if (type) {
    ReadingType t;
    if (!parse_reading_type(*type, t)) return false;
    reading.type = t;
  }
  r.boolean("deletable", reading.deletable);
  if (!r.ok) return false;
  out = std::move(reading);
  return true;
}

json to_json(const SubmissionResult& r) {
  json readings = json::array();
  for (const auto& reading : r.readings) readings.push_back(to_json(reading));
  json warnings = json::array();
  for (const auto& w : r.warnings) warnings.push_back(core::to_json(w));
  return {{"submission_id", r.submission_id}, {"readings", std::move(readings)}, {"warnings", std::move(warnings)}};
}

bool from_json(const json& j, SubmissionResult& out) {
  if (!j.is_object() || !j.contains("submission_id")) return false;
  SubmissionResult result;
  ResponseReader r{j};
  r.string("submission_id", result.submission_id);
  if (const json* readings = r.array("readings")) {
    for (const auto& item : *readings) {
      Reading reading;
      if (!from_json(item, reading)) return false;
      result.readings.push_back(std::move(reading));
    }
  }
  if (const json* warnings = r.array("warnings")) {
    for (const auto& item : *warnings) {
      Error e;
      if (!error_from_json(item, e)) return false;
      result.warnings.push_back(std::move(e));
    }
  }
  if (!r.ok) return false;
  out = std::move(result);
  return true;
}

json to_json(const Rules& r) {
  json operators = json::array();
  for (const auto& op : r.operators) operators.push_back(core::to_json(op));
  return {{"today", date_json(r.today)},
          {"now", r.now},
          {"operators", std::move(operators)},
          {"limits", r.limits.is_object() ? r.limits : json::object()}};
}

bool from_json(const json& j, Rules& out) {
  if (!j.is_object() || !j.contains("today")) return false;
  Rules rules;
  ResponseReader r{j};
  r.date("today", rules.today);
  r.string("now", rules.now);
  if (const json* operators = r.array("operators")) {
    for (const auto& item : *operators) {
      Operator op;
      std::string error;
      if (!operator_from_json(item, op, error, /*strict=*/false)) return false;
      rules.operators.push_back(std::move(op));
    }
  }
  if (const json* limits = r.object("limits")) rules.limits = *limits;
  if (!r.ok) return false;
  out = std::move(rules);
  return true;
}

}  // namespace core::api
