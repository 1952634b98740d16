// Feeds the bytes to everything in core that reads untrusted text: every request decoder (and
// the rules behind it), every response reader, the window rules and catalog, and every single
// field validator. Besides crashes and sanitizer reports it checks that decoding round-trips and
// that normalising is idempotent (a normalised value passes again unchanged).
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "core/account_rules.h"
#include "core/api_types.h"
#include "core/calendar.h"
#include "core/content.h"
#include "core/energy.h"
#include "core/invoice.h"
#include "core/metering_point.h"
#include "core/question.h"
#include "core/reading_rules.h"
#include "fuzz_invariants.h"

namespace api = core::api;
using nlohmann::json;

namespace {

struct Fixtures {
  core::CommonPasswords common;
  core::OperatorCatalog operators;
};

const Fixtures& fixtures() {
  static const Fixtures f = [] {
    Fixtures out;
    out.common.load("password1234\nqwertyuiop\n1q2w3e4r5t\ngeslo12345\n");
    std::ifstream in(std::string(PORTAL_SOURCE_DIR) + "/assets/operators.json");
    std::stringstream s;
    s << in.rdbuf();
    std::string error;
    if (!out.operators.load(s.str(), error)) {
      std::fprintf(stderr, "assets/operators.json: %s\n", error.c_str());
      std::abort();
    }
    return out;
  }();
  return f;
}

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Decodes, then checks that the request's own JSON decodes to the same JSON again.
template <class Request, class After>
void decode_request(std::string_view text, After&& after) {
  Request r;
  const core::Errors errors = api::decode(text, r);
  require_known_codes(errors);
  for (const auto& e : errors) FUZZ_REQUIRE(e.code == core::codes::request_malformed, "decoders only say malformed");
  if (!errors.empty()) return;
  const json j = api::to_json(r);
  Request back;
  FUZZ_REQUIRE(api::decode(dump(j), back).empty(), "a request's own JSON decodes");
  FUZZ_REQUIRE(api::to_json(back) == j, "a request round-trips");
  after(r);
}

template <class Request>
void decode_request(std::string_view text) {
  decode_request<Request>(text, [](const Request&) {});
}

// Reads a response; what was read must read back the same.
template <class Response>
void read_response(const json& j) {
  Response r;
  if (!api::from_json(j, r)) return;
  const json written = api::to_json(r);
  Response back;
  FUZZ_REQUIRE(api::from_json(written, back), "a response's own JSON reads");
  FUZZ_REQUIRE(api::to_json(back) == written, "a response round-trips");
}

void check_profile_twice(core::ProfileFields profile) {
  const core::Errors errors = core::check_profile(profile);
  require_known_codes(errors);
  if (!errors.empty()) return;
  core::ProfileFields again = profile;
  FUZZ_REQUIRE(core::check_profile(again).empty(), "a normalised profile passes");
  FUZZ_REQUIRE(
      api::to_json(api::User{"1", "a@b.si", again, false}) == api::to_json(api::User{"1", "a@b.si", profile, false}),
      "profile normalising is idempotent");
}

void requests(std::string_view text) {
  const Fixtures& f = fixtures();
  decode_request<api::RegisterRequest>(text, [&f](const api::RegisterRequest& r) {
    core::RegistrationFields fields = r.fields;
    const core::Errors errors = core::check_registration(fields, f.common);
    require_known_codes(errors);
    if (errors.empty()) {
      core::RegistrationFields again = fields;
      FUZZ_REQUIRE(core::check_registration(again, f.common).empty(), "a normalised registration passes");
      FUZZ_REQUIRE(again.email == fields.email && again.profile.phone == fields.profile.phone,
                   "registration normalising is idempotent");
    }
    check_profile_twice(r.fields.profile);
  });
  decode_request<api::TokenRequest>(text);
  decode_request<api::LoginRequest>(text, [](const api::LoginRequest& r) {
    std::string normalized;
    require_known_codes(core::check_email(r.email, normalized));
  });
  decode_request<api::LogoutRequest>(text);
  decode_request<api::ForgotRequest>(text);
  decode_request<api::ResetRequest>(text, [&f](const api::ResetRequest& r) {
    require_known_codes(core::check_new_password(r.password, r.password_repeat, "", f.common));
  });
  decode_request<api::ProfilePatch>(
      text, [](const api::ProfilePatch& p) { check_profile_twice(p.applied_to(core::ProfileFields{})); });
  decode_request<api::EmailChangeRequest>(text);
  decode_request<api::PasswordChangeRequest>(text, [&f](const api::PasswordChangeRequest& r) {
    require_known_codes(core::check_new_password(r.password, r.password_repeat, "ana@example.si", f.common));
  });
  decode_request<api::PhoneConfirmRequest>(text);
  decode_request<api::DeleteAccountRequest>(text);
  decode_request<api::LinkContractRequest>(text, [&f](const api::LinkContractRequest& r) {
    core::CheckedContractLink link;
    const core::Errors errors =
        core::check_contract_link(r.metering_point, r.contract_number, r.energy, r.operator_code, f.operators, link);
    require_known_codes(errors);
    if (errors.empty()) {
      FUZZ_REQUIRE(link.op != nullptr, "a checked link has its operator");
      core::CheckedContractLink again;
      FUZZ_REQUIRE(core::check_contract_link(link.metering_point.canonical, link.contract_number,
                                             core::energy_code(link.energy), link.op->code, f.operators, again)
                       .empty(),
                   "a normalised link passes");
      FUZZ_REQUIRE(again.metering_point.canonical == link.metering_point.canonical, "link normalising is idempotent");
    }
  });
  decode_request<api::SubmitReadingRequest>(text, [&f](const api::SubmitReadingRequest& r) {
    // Straight into the rules, with a two-tariff meter and some history.
    core::SubmissionContext ctx;
    ctx.today = core::Date{2026, 11, 30};
    ctx.meter.registers = {core::Register::VT, core::Register::MT};
    ctx.window = f.operators.find("ELJ")->window;
    ctx.history = {{core::Date{2026, 9, 30}, core::Register::VT, 11000},
                   {core::Date{2026, 9, 30}, core::Register::MT, 5500},
                   {core::Date{2026, 10, 31}, core::Register::VT, 12000},
                   {core::Date{2026, 10, 31}, core::Register::MT, 6000}};
    const auto verdict = core::check_submission(r.submission, ctx);
    require_known_codes(verdict.errors);
    require_known_codes(verdict.conflicts);
    require_known_codes(verdict.warnings);
    FUZZ_REQUIRE(verdict.errors.empty() || verdict.conflicts.empty(), "no 409 beside a 422");
  });
  decode_request<api::RemindersRequest>(text);
  decode_request<api::QuestionRequest>(text, [](const api::QuestionRequest& r) {
    const core::Errors errors = core::check_question(r);
    require_known_codes(errors);
    if (errors.empty()) {
      api::QuestionRequest again = r;
      again.message = core::question_text(r.message);
      FUZZ_REQUIRE(core::check_question(again).empty(), "a stored question passes again");
      FUZZ_REQUIRE(core::question_text(again.message) == again.message, "question text normalises once");
    }
  });
}

void responses(const json& j) {
  read_response<api::User>(j);
  read_response<api::Contract>(j);
  read_response<api::Reading>(j);
  read_response<api::SubmissionResult>(j);
  read_response<api::Rules>(j);
  read_response<api::Question>(j);
  std::vector<api::Question> questions;
  if (api::from_json(j, questions)) {
    json list = json::array();
    for (const auto& q : questions) list.push_back(api::to_json(q));
    std::vector<api::Question> back;
    FUZZ_REQUIRE(api::from_json(list, back) && back.size() == questions.size(), "a question list round-trips");
  }
  read_response<api::ContentPage>(j);
  read_response<api::Invoice>(j);
  core::Errors errors;
  core::errors_from_json(j, errors);
  core::WindowRule rule;
  std::string error;
  if (core::window_rule_from_json(j, rule, error)) {
    core::WindowRule back;
    FUZZ_REQUIRE(core::window_rule_from_json(core::to_json(rule), back, error), "a rule's own JSON reads");
    FUZZ_REQUIRE(back == rule, "a rule round-trips");
    for (auto locale : {core::Locale::sl, core::Locale::en})
      FUZZ_REQUIRE(!core::window_rule_words(rule, locale).empty(), "every window has words");
    const core::Date today{2026, 11, 30};
    const auto status = core::window_status(rule, today);
    if (status.span) {
      FUZZ_REQUIRE(status.span->opens_on <= status.span->closes_on, "a window opens before it closes");
      if (status.open_now)
        FUZZ_REQUIRE(status.span->opens_on <= today && today <= status.span->closes_on, "open now contains today");
      else
        FUZZ_REQUIRE(today < status.span->opens_on, "the next window is later");
    }
  }
  core::Operator op;
  core::operator_from_json(j, op, error);
  core::WindowStatus status;
  core::window_status_from_json(j, status);
  core::Meter meter;
  meter.registers = {core::Register::ET};
  require_known_codes(core::check_reading_value(j, meter, core::Register::ET, "values.ET"));
}

void fields(std::string_view text) {
  const Fixtures& f = fixtures();
  const std::optional<std::string> query{std::string(text)};
  core::Locale lang = core::Locale::sl;
  require_known_codes(core::check_content_lang(query, lang));
  int page = 0;
  if (core::check_news_page(query, page).empty()) FUZZ_REQUIRE(page >= 1 && page <= 999999, "a page is positive");
  core::Date news_date;
  std::string news_name;
  if (core::parse_news_file_name(text, news_date, news_name))
    FUZZ_REQUIRE(text == core::format_date(news_date) + "-" + news_name + ".md", "a news file name is its parts");
  int64_t cents = 0;
  if (core::parse_eur_amount(text, cents)) {
    FUZZ_REQUIRE(cents >= 0 && cents <= 999999999999, "an amount is at most 10 digits of euros");
    FUZZ_REQUIRE(core::format_eur(cents).find(',') != std::string::npos, "an amount is written with a comma");
  }
  std::string out;
  if (core::check_email(text, out).empty()) {
    std::string again;
    FUZZ_REQUIRE(core::check_email(out, again).empty() && again == out, "e-mail normalising is idempotent");
    FUZZ_REQUIRE(out.size() <= 254, "e-mail length");
  }
  if (core::check_phone(text, out).empty() && !out.empty()) {
    std::string again;
    FUZZ_REQUIRE(core::check_phone(out, again).empty() && again == out, "phone normalising is idempotent");
    FUZZ_REQUIRE(out[0] == '+' && out.size() >= 9 && out.size() <= 16, "E.164 shape");
  }
  core::MeteringPointNumber mp;
  if (core::parse_metering_point(text, mp).empty()) {
    core::MeteringPointNumber again;
    FUZZ_REQUIRE(core::parse_metering_point(mp.canonical, again).empty(), "a canonical number parses");
    FUZZ_REQUIRE(again.canonical == mp.canonical && again.form == mp.form, "metering points normalise once");
  }
  if (core::check_contract_number(text, out).empty()) {
    std::string again;
    FUZZ_REQUIRE(core::check_contract_number(out, again).empty() && again == out, "contract numbers normalise once");
  }
  const core::Errors text_errors = core::check_text(text, 50, true, out, "name");
  require_known_codes(text_errors);
  if (text_errors.empty()) {
    std::string again;
    FUZZ_REQUIRE(core::check_text(out, 50, true, again, "name").empty() && again == out, "text normalises once");
  }
  require_known_codes(core::check_new_password(text, text, "ana@example.si", f.common));
  require_known_codes(core::check_question_answer(text));
  core::Date date;
  if (core::parse_date(text, date)) FUZZ_REQUIRE(core::format_date(date) == text, "dates print as parsed");
  int64_t instant = 0;
  if (core::parse_instant(text, instant)) {
    int64_t again = 0;
    FUZZ_REQUIRE(core::parse_instant(core::format_instant_ljubljana(instant), again) && again == instant,
                 "instants round-trip");
  }
  require_known_codes(core::check_reading_date(text, core::Date{2026, 11, 30}, date));
  (void)core::is_country_code(text);
  (void)core::gsrn_valid(text);
  core::OperatorCatalog catalog;
  std::string error;
  if (catalog.load(text, error)) {
    core::OperatorCatalog again;
    FUZZ_REQUIRE(again.load(dump(json{{"operators", catalog.to_json()}}), error), "a catalog's own JSON loads");
  }
  core::CommonPasswords list;
  list.load(text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;  // the server refuses larger bodies (413)
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  requests(text);
  const json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (!j.is_discarded()) responses(j);
  fields(text);
  return 0;
}
