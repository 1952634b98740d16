// Runs the data file of cases (tests/core/cases.json: input -> expected codes) against the core
// rules. Built natively and to wasm: each build writes one canonical line per case with the actual
// result, and the test command compares the two files, so the builds must agree on every case.
//
//   core_cases CASES.json OUT.txt
//
// Exit status: 0 when every case meets its expectation, 1 on a mismatch, 2 on a bad file.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/account_rules.h"
#include "core/api_types.h"
#include "core/calendar.h"
#include "core/energy.h"
#include "core/metering_point.h"
#include "core/question.h"
#include "core/reading_rules.h"

using nlohmann::json;

namespace {

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// What a case produced: errors (with 409 conflicts and warnings marked by a prefix on the code)
// and, for rules that normalise or compute, a value.
struct Outcome {
  core::Errors errors;
  json value;       // null when the rule has none
  std::string bad;  // the case itself is malformed
};

std::string str(const json& j, const char* key, const char* fallback = "") {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

bool date_of(const json& j, const char* key, core::Date& out) {
  return core::parse_date(str(j, key), out);
}

bool history_of(const json& list, std::vector<core::PastReading>& out, std::string& bad) {
  if (list.is_null()) return true;
  if (!list.is_array()) {
    bad = "history must be an array";
    return false;
  }
  for (const auto& row : list) {
    // [date, register, value, source?, meter_replaced?]
    core::PastReading r;
    if (!row.is_array() || row.size() < 3 || !row[0].is_string() || !row[1].is_string() ||
        !row[2].is_number_integer() || !core::parse_date(row[0].get<std::string>(), r.date) ||
        !core::parse_register(row[1].get<std::string>(), r.reg)) {
      bad = "history row " + dump(row);
      return false;
    }
    r.value = row[2].get<int64_t>();
    if (row.size() > 3 && (!row[3].is_string() || !core::parse_reading_source(row[3].get<std::string>(), r.source))) {
      bad = "history source " + dump(row);
      return false;
    }
    if (row.size() > 4) {
      if (!row[4].is_boolean()) {
        bad = "history meter_replaced " + dump(row);
        return false;
      }
      r.meter_replaced = row[4].get<bool>();
    }
    out.push_back(r);
  }
  return true;
}

template <class Request>
core::Errors decode_as(const std::string& body) {
  Request r;
  return core::api::decode(body, r);
}

class Runner {
 public:
  Runner(core::CommonPasswords common, core::OperatorCatalog operators)
      : common_(std::move(common)), operators_(std::move(operators)) {}

  Outcome run(const std::string& kind, const json& input) const {
    Outcome o;
    if (kind == "email") {
      std::string normalized;
      o.errors = core::check_email(text(input), normalized);
      if (o.errors.empty()) o.value = normalized;
    } else if (kind == "password") {
      o.errors = core::check_new_password(str(input, "password"), str(input, "repeat"), str(input, "email"), common_);
    } else if (kind == "phone") {
      std::string e164;
      o.errors = core::check_phone(text(input), e164);
      if (o.errors.empty()) o.value = e164;
    } else if (kind == "profile" || kind == "registration") {
      // The request body as the client sends it, decoded and checked as the server does.
      json body = input;
      if (kind == "profile") {
        for (const char* k : {"email", "password", "password_repeat", "terms_accepted"})
          if (!body.contains(k)) body[k] = (std::string(k) == "terms_accepted") ? json(true) : json("");
        if (str(body, "email").empty()) body["email"] = "ana@example.si";
        if (str(body, "password").empty()) body["password"] = body["password_repeat"] = "Zelena-Lipa-Na-Bregu";
      }
      core::api::RegisterRequest r;
      o.errors = core::api::decode(dump(body), r);
      if (o.errors.empty()) {
        o.errors = core::check_registration(r.fields, common_);
        if (o.errors.empty()) {
          json normalized = core::api::to_json(r);
          normalized.erase("password");
          normalized.erase("password_repeat");
          o.value = normalized;
        }
      }
    } else if (kind == "metering_point") {
      core::MeteringPointNumber mp;
      o.errors = core::parse_metering_point(text(input), mp);
      if (o.errors.empty()) o.value = mp.canonical;
    } else if (kind == "contract_number") {
      std::string normalized;
      o.errors = core::check_contract_number(text(input), normalized);
      if (o.errors.empty()) o.value = normalized;
    } else if (kind == "contract_link") {
      core::CheckedContractLink link;
      o.errors = core::check_contract_link(str(input, "metering_point"), str(input, "contract_number"),
                                           str(input, "energy"), str(input, "operator"), operators_, link);
      if (o.errors.empty()) o.value = {link.metering_point.canonical, link.contract_number, link.op->code};
    } else if (kind == "reading_date") {
      core::Date today, out;
      if (!date_of(input, "today", today)) o.bad = "today";
      o.errors = core::check_reading_date(str(input, "date"), today, out);
    } else if (kind == "window") {
      core::Date today;
      const core::Operator* op = operators_.find(str(input, "operator"));
      if (!op || !date_of(input, "today", today)) {
        o.bad = "operator or today";
      } else {
        o.value = core::to_json(core::window_status(op->window, today));
      }
    } else if (kind == "submission") {
      run_submission(input, o);
    } else if (kind == "expected_range") {
      std::vector<core::PastReading> history;
      core::Date date;
      core::Register reg = core::Register::ET;
      if (!history_of(input.value("history", json()), history, o.bad)) return o;
      if (!date_of(input, "date", date) || !core::parse_register(str(input, "register", "ET"), reg)) {
        o.bad = "date or register";
        return o;
      }
      const auto range = core::expected_range(history, reg, date, input.value("digits", 6));
      if (range) o.value = {range->min_value, range->max_value};
    } else if (kind == "differences") {
      run_differences(input, o);
    } else if (kind == "instant") {
      int64_t t = 0;
      if (core::parse_instant(text(input), t))
        o.value = {t, core::format_date(core::ljubljana_date(t)), core::format_instant_ljubljana(t)};
    } else if (kind == "question") {
      // The request body as the client sends it, decoded and checked as the server does.
      core::api::QuestionRequest r;
      o.errors = core::api::decode(dump(input), r);
      if (o.errors.empty()) o.errors = core::check_question(r);
      if (o.errors.empty()) o.value = core::question_text(r.message);
    } else if (kind == "decode") {
      o.errors = decode(str(input, "request"), str(input, "body"), o.bad);
    } else {
      o.bad = "unknown kind";
    }
    return o;
  }

 private:
  static std::string text(const json& input) { return input.is_string() ? input.get<std::string>() : ""; }

  void run_submission(const json& input, Outcome& o) const {
    core::SubmissionContext ctx;
    const core::Operator* op = operators_.find(str(input, "operator", "ELJ"));
    if (!op || !date_of(input, "today", ctx.today) ||
        !core::parse_register_set(str(input, "registers", "ET"), ctx.meter.registers)) {
      o.bad = "operator, today or registers";
      return;
    }
    ctx.window = op->window;
    ctx.meter.energy = op->energy;
    ctx.meter.digits = input.value("digits", 6);
    if (!history_of(input.value("history", json()), ctx.history, o.bad)) return;
    core::api::SubmitReadingRequest request;
    o.errors = core::api::decode(dump(input.value("body", json::object())), request);
    if (!o.errors.empty()) return;
    const auto verdict = core::check_submission(request.submission, ctx);
    o.errors = verdict.errors;
    for (auto e : verdict.conflicts) {
      e.code = "conflict:" + e.code;
      o.errors.push_back(e);
    }
    for (auto e : verdict.warnings) {
      e.code = "warning:" + e.code;
      o.errors.push_back(e);
    }
    if (verdict.ok()) {
      json values = json::object();
      for (const auto& [reg, value] : verdict.accepted.values) values[core::register_code(reg)] = value;
      o.value = {core::format_date(verdict.accepted.date), core::reading_type_code(verdict.accepted.type), values};
    }
  }

  static void run_differences(const json& input, Outcome& o) {
    std::vector<core::ListedReading> rows;
    const json list = input.value("rows", json::array());
    for (const auto& row : list) {
      // [date, register, value, meter_replaced?]
      core::ListedReading r;
      if (!row.is_array() || row.size() < 3 || !row[0].is_string() || !row[1].is_string() ||
          !row[2].is_number_integer() || !core::parse_date(row[0].get<std::string>(), r.date) ||
          !core::parse_register(row[1].get<std::string>(), r.reg)) {
        o.bad = "row " + dump(row);
        return;
      }
      r.value = row[2].get<int64_t>();
      r.meter_replaced = row.size() > 3 && row[3].is_boolean() && row[3].get<bool>();
      rows.push_back(r);
    }
    core::compute_differences(rows, input.value("digits", 6));
    o.value = json::array();
    for (const auto& r : rows)
      o.value.push_back(
          {r.difference ? json(*r.difference) : json(nullptr), r.per_day ? json(*r.per_day) : json(nullptr)});
  }

  static core::Errors decode(const std::string& request, const std::string& body, std::string& bad) {
    namespace api = core::api;
    if (request == "register") return decode_as<api::RegisterRequest>(body);
    if (request == "token") return decode_as<api::TokenRequest>(body);
    if (request == "login") return decode_as<api::LoginRequest>(body);
    if (request == "logout") return decode_as<api::LogoutRequest>(body);
    if (request == "forgot") return decode_as<api::ForgotRequest>(body);
    if (request == "reset") return decode_as<api::ResetRequest>(body);
    if (request == "profile_patch") return decode_as<api::ProfilePatch>(body);
    if (request == "email_change") return decode_as<api::EmailChangeRequest>(body);
    if (request == "password_change") return decode_as<api::PasswordChangeRequest>(body);
    if (request == "phone_confirm") return decode_as<api::PhoneConfirmRequest>(body);
    if (request == "delete_account") return decode_as<api::DeleteAccountRequest>(body);
    if (request == "link_contract") return decode_as<api::LinkContractRequest>(body);
    if (request == "submit_reading") return decode_as<api::SubmitReadingRequest>(body);
    if (request == "reminders") return decode_as<api::RemindersRequest>(body);
    if (request == "question") return decode_as<api::QuestionRequest>(body);
    bad = "unknown request " + request;
    return {};
  }

  core::CommonPasswords common_;
  core::OperatorCatalog operators_;
};

// Expected entries are "code@field" (params not compared) or {"code","field","params"} (all
// compared); the actual errors must match them one to one, in any order.
bool errors_match(const json& expected, const core::Errors& actual, std::string& why) {
  if (!expected.is_array()) {
    why = "\"expect\" must be an array";
    return false;
  }
  std::vector<bool> used(actual.size(), false);
  auto take = [&](auto&& matches) {
    for (size_t i = 0; i < actual.size(); ++i) {
      if (!used[i] && matches(actual[i])) {
        used[i] = true;
        return true;
      }
    }
    return false;
  };
  // Exact entries first, so a looser one cannot take the error an exact one needs.
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& e : expected) {
      if (pass == 0 && e.is_object()) {
        const std::string code = str(e, "code"), field = str(e, "field");
        const json params = e.value("params", json::object());
        if (!take([&](const core::Error& a) { return a.code == code && a.field == field && a.params == params; })) {
          why = "missing " + dump(e);
          return false;
        }
      } else if (pass == 1 && e.is_string()) {
        const std::string key = e.get<std::string>();
        if (!take([&](const core::Error& a) { return a.code + "@" + a.field == key; })) {
          why = "missing " + key;
          return false;
        }
      } else if (!e.is_string() && !e.is_object()) {
        why = "bad expectation " + dump(e);
        return false;
      }
    }
  }
  for (size_t i = 0; i < actual.size(); ++i) {
    if (!used[i]) {
      why = "unexpected " + actual[i].code + "@" + actual[i].field + " " + dump(actual[i].params);
      return false;
    }
  }
  return true;
}

// Every code a core rule can produce: each must be expected by at least one case.
const char* const kCoreCodes[] = {"field.required",
                                  "field.too_long",
                                  "field.invalid_characters",
                                  "field.invalid",
                                  "email.invalid",
                                  "password.too_short",
                                  "password.too_long",
                                  "password.too_common",
                                  "password.equals_email",
                                  "password.mismatch",
                                  "terms.not_accepted",
                                  "postal_code.invalid",
                                  "phone.invalid",
                                  "country.invalid",
                                  "metering_point.invalid",
                                  "metering_point.check_digit",
                                  "contract_number.invalid",
                                  "energy.invalid",
                                  "operator.unknown",
                                  "operator.energy_mismatch",
                                  "date.invalid",
                                  "reading.not_integer",
                                  "reading.negative",
                                  "reading.too_many_digits",
                                  "reading.register_missing",
                                  "reading.register_unknown",
                                  "reading.type_invalid",
                                  "reading.too_old",
                                  "reading.in_future",
                                  "reading.lower_than_previous",
                                  "reading.outside_window",
                                  "reading.no_self_readings",
                                  "reading.unusual",
                                  "reading.tariff_mixup",
                                  "request.malformed",
                                  "question.too_short",
                                  "question.too_long"};

void note_expected_codes(const json& expected, std::vector<std::string>& seen) {
  if (!expected.is_array()) return;
  for (const auto& e : expected) {
    std::string code = e.is_string() ? e.get<std::string>() : str(e, "code");
    code = code.substr(0, code.find('@'));
    for (const char* prefix : {"conflict:", "warning:"})
      if (code.rfind(prefix, 0) == 0) code = code.substr(std::string(prefix).size());
    seen.push_back(code);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: core_cases CASES.json OUT.txt\n";
    return 2;
  }
  std::string text, passwords, operators_text;
  if (!read_file(argv[1], text)) {
    std::cerr << "cannot read " << argv[1] << "\n";
    return 2;
  }
  if (!read_file(PORTAL_COMMON_PASSWORDS_FILE, passwords)) {
    std::cerr << "cannot read " << PORTAL_COMMON_PASSWORDS_FILE << "\n";
    return 2;
  }
  const std::string operators_path = std::string(PORTAL_SOURCE_DIR) + "/assets/operators.json";
  core::OperatorCatalog operators;
  std::string error;
  if (!read_file(operators_path, operators_text) || !operators.load(operators_text, error)) {
    std::cerr << operators_path << ": " << error << "\n";
    return 2;
  }
  core::CommonPasswords common;
  common.load(passwords);

  const json file = json::parse(text, nullptr, false);
  if (file.is_discarded() || !file.is_object() || !file.contains("cases") || !file["cases"].is_array()) {
    std::cerr << argv[1] << ": not {\"cases\": [...]}\n";
    return 2;
  }
  const Runner runner(std::move(common), std::move(operators));
  std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
  if (!out) {
    std::cerr << "cannot write " << argv[2] << "\n";
    return 2;
  }
  int failed = 0, count = 0;
  std::vector<std::string> seen;
  for (const auto& c : file["cases"]) {
    ++count;
    note_expected_codes(c.value("expect", json()), seen);
    const std::string kind = str(c, "kind");
    const json input = c.value("input", json());
    const Outcome o = runner.run(kind, input);
    json result = {{"errors", json::array()}};
    for (const auto& e : o.errors) result["errors"].push_back(core::to_json(e));
    if (!o.value.is_null()) result["value"] = o.value;
    out << count << " " << kind << " " << dump(input) << " => " << dump(result) << "\n";

    std::string why;
    if (!o.bad.empty()) {
      why = "bad case: " + o.bad;
    } else if (!c.contains("expect")) {
      why = "no \"expect\"";
    } else if (errors_match(c["expect"], o.errors, why)) {
      if (c.contains("value") && c["value"] != o.value)
        why = "value " + dump(o.value) + ", expected " + dump(c["value"]);
    }
    if (!why.empty()) {
      ++failed;
      std::cerr << "case " << count << " (" << kind << " " << dump(input) << "): " << why << "\n";
    }
  }
  out.close();
  for (const char* code : kCoreCodes) {
    if (std::find(seen.begin(), seen.end(), code) == seen.end()) {
      ++failed;
      std::cerr << "no case expects " << code << "\n";
    }
  }
  std::cout << count << " cases, " << failed << " failed\n";
  return failed == 0 && count > 0 ? 0 : 1;
}
