#include "client/api/api_client.h"

#include <cctype>
#include <cstdlib>

namespace client::api {

namespace {

constexpr const char* kBase = "/api/v1";

nlohmann::json parse(const std::string& body) { return nlohmann::json::parse(body, nullptr, false); }

// "attachment; filename=\"odcitki-3345341-2026-11-30.xlsx\"" -> the file name.
std::string filename_of(const std::string& disposition, const std::string& fallback) {
  const auto p = disposition.find("filename=\"");
  if (p == std::string::npos) return fallback;
  const auto start = p + 10;
  const auto end = disposition.find('"', start);
  return end == std::string::npos ? fallback : disposition.substr(start, end - start);
}

template <class T>
bool decode_entity(const std::string& body, T& out) {
  auto j = parse(body);
  return !j.is_discarded() && core::api::from_json(j, out);
}

template <class T>
bool decode_list(const std::string& body, std::vector<T>& out) {
  return core::api::list_from_json(parse(body), out);
}

auto nothing = [](const platform::HttpResponse&, Nothing&) { return true; };

std::string path_id(const std::string& id) {
  // Ids are opaque; keep them from breaking the path.
  std::string out;
  for (char c : id)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') out += c;
  return out.empty() ? "-" : out;
}

}  // namespace

template <class T, class Decode>
Reply<T> make_reply(const platform::HttpResponse& r, Decode decode) {
  Reply<T> reply;
  reply.status = r.status;
  if (r.status == 0) {
    reply.kind = Reply<T>::Kind::network;
    reply.errors = {core::make_error(core::codes::network_unreachable)};
    return reply;
  }
  if (r.status >= 200 && r.status < 300) {
    if (decode(r, reply.value)) {
      reply.kind = Reply<T>::Kind::ok;
    } else {
      reply.kind = Reply<T>::Kind::invalid;
      reply.errors = {core::make_error(core::codes::network_invalid_response)};
    }
    return reply;
  }
  reply.kind = Reply<T>::Kind::errors;
  if (!core::errors_from_json(parse(r.body), reply.errors) || reply.errors.empty()) {
    reply.errors = {core::make_error(r.status >= 500 ? core::codes::server_unavailable
                                                     : core::codes::network_invalid_response)};
  }
  if (!r.retry_after.empty()) reply.retry_after_s = std::atoi(r.retry_after.c_str());
  return reply;
}

template <class T, class Decode>
Pending<T> ApiClient::call(const char* method, std::string path, std::string body, Decode decode,
                           std::vector<std::pair<std::string, std::string>> headers) {
  auto slot = std::make_shared<std::optional<Reply<T>>>();
  platform::HttpRequest req;
  req.method = method;
  req.path = std::move(path);
  req.body = std::move(body);
  req.headers = std::move(headers);
  http_.send(std::move(req), [slot, decode, heard = on_status_](platform::HttpResponse r) {
    *slot = make_reply<T>(r, decode);
    if (heard) heard(r.status);
  });
  return Pending<T>(slot);
}

// [SECTION] Public

Pending<nlohmann::json> ApiClient::health() {
  return call<nlohmann::json>("GET", std::string(kBase) + "/health", "",
                              [](const platform::HttpResponse& r, nlohmann::json& out) {
                                out = parse(r.body);
                                return out.is_object();
                              });
}

Pending<core::api::Rules> ApiClient::rules() {
  return call<core::api::Rules>("GET", std::string(kBase) + "/rules", "",
                                [](const platform::HttpResponse& r, core::api::Rules& out) {
                                  return decode_entity(r.body, out);
                                });
}

Pending<Nothing> ApiClient::register_account(const core::api::RegisterRequest& r) {
  return call<Nothing>("POST", std::string(kBase) + "/auth/register", core::api::to_json(r).dump(), nothing);
}

Pending<Nothing> ApiClient::activate(const std::string& token) {
  return call<Nothing>("POST", std::string(kBase) + "/auth/activate",
                       core::api::to_json(core::api::TokenRequest{token}).dump(), nothing);
}

Pending<core::api::User> ApiClient::login(const core::api::LoginRequest& r) {
  return call<core::api::User>("POST", std::string(kBase) + "/auth/login", core::api::to_json(r).dump(),
                               [](const platform::HttpResponse& res, core::api::User& out) {
                                 return decode_entity(res.body, out);
                               });
}

Pending<Nothing> ApiClient::forgot(const std::string& email) {
  return call<Nothing>("POST", std::string(kBase) + "/auth/forgot",
                       core::api::to_json(core::api::ForgotRequest{email}).dump(), nothing);
}

Pending<Nothing> ApiClient::reset(const core::api::ResetRequest& r) {
  return call<Nothing>("POST", std::string(kBase) + "/auth/reset", core::api::to_json(r).dump(), nothing);
}

Pending<Nothing> ApiClient::check_reset(const std::string& token) {
  return call<Nothing>("POST", std::string(kBase) + "/auth/reset/check",
                       core::api::to_json(core::api::TokenRequest{token}).dump(), nothing);
}

Pending<Nothing> ApiClient::confirm_email(const std::string& token) {
  return call<Nothing>("POST", std::string(kBase) + "/auth/confirm-email",
                       core::api::to_json(core::api::TokenRequest{token}).dump(), nothing);
}

Pending<nlohmann::json> ApiClient::unsubscribe(const std::string& token) {
  return call<nlohmann::json>("POST", std::string(kBase) + "/reminders/unsubscribe",
                              core::api::to_json(core::api::TokenRequest{token}).dump(),
                              [](const platform::HttpResponse& r, nlohmann::json& out) {
                                out = parse(r.body);
                                return out.is_object();
                              });
}

Pending<std::optional<core::api::User>> ApiClient::session() {
  return call<std::optional<core::api::User>>(
      "GET", std::string(kBase) + "/auth/session", "",
      [](const platform::HttpResponse& r, std::optional<core::api::User>& out) {
        auto j = parse(r.body);
        if (!j.is_object() || !j.contains("user")) return false;
        if (j["user"].is_null()) {
          out.reset();
          return true;
        }
        core::api::User u;
        if (!core::api::from_json(j["user"], u)) return false;
        out = u;
        return true;
      });
}

// [SECTION] Signed in

Pending<Nothing> ApiClient::logout(bool everywhere) {
  return call<Nothing>("POST", std::string(kBase) + "/auth/logout",
                       everywhere ? core::api::to_json(core::api::LogoutRequest{true}).dump() : "", nothing);
}

Pending<core::api::User> ApiClient::me() {
  return call<core::api::User>("GET", std::string(kBase) + "/me", "",
                               [](const platform::HttpResponse& r, core::api::User& out) {
                                 return decode_entity(r.body, out);
                               });
}

Pending<core::api::User> ApiClient::update_profile(const core::api::ProfilePatch& p) {
  return call<core::api::User>("PATCH", std::string(kBase) + "/me", core::api::to_json(p).dump(),
                               [](const platform::HttpResponse& r, core::api::User& out) {
                                 return decode_entity(r.body, out);
                               });
}

Pending<Nothing> ApiClient::change_email(const core::api::EmailChangeRequest& r) {
  return call<Nothing>("POST", std::string(kBase) + "/me/email", core::api::to_json(r).dump(), nothing);
}

Pending<Nothing> ApiClient::change_password(const core::api::PasswordChangeRequest& r) {
  return call<Nothing>("POST", std::string(kBase) + "/me/password", core::api::to_json(r).dump(), nothing);
}

Pending<Nothing> ApiClient::send_phone_code() {
  return call<Nothing>("POST", std::string(kBase) + "/me/phone/verify", "", nothing);
}

Pending<core::api::User> ApiClient::confirm_phone(const std::string& code) {
  return call<core::api::User>("POST", std::string(kBase) + "/me/phone/confirm",
                               core::api::to_json(core::api::PhoneConfirmRequest{code}).dump(),
                               [](const platform::HttpResponse& r, core::api::User& out) {
                                 return decode_entity(r.body, out);
                               });
}

Pending<File> ApiClient::export_my_data() {
  return call<File>("GET", std::string(kBase) + "/me/export", "", [](const platform::HttpResponse& r, File& out) {
    out.name = filename_of(r.content_disposition, "moji-podatki.json");
    out.mime = "application/json";
    out.bytes = r.body;
    return true;
  });
}

Pending<Nothing> ApiClient::delete_account(const std::string& current_password) {
  return call<Nothing>("DELETE", std::string(kBase) + "/me",
                       core::api::to_json(core::api::DeleteAccountRequest{current_password}).dump(), nothing);
}

Pending<std::vector<core::api::Contract>> ApiClient::contracts() {
  return call<std::vector<core::api::Contract>>(
      "GET", std::string(kBase) + "/contracts", "",
      [](const platform::HttpResponse& r, std::vector<core::api::Contract>& out) { return decode_list(r.body, out); });
}

Pending<core::api::Contract> ApiClient::link_contract(const core::api::LinkContractRequest& r) {
  return call<core::api::Contract>("POST", std::string(kBase) + "/contracts", core::api::to_json(r).dump(),
                                   [](const platform::HttpResponse& res, core::api::Contract& out) {
                                     return decode_entity(res.body, out);
                                   });
}

Pending<Nothing> ApiClient::unlink_contract(const std::string& contract_id) {
  return call<Nothing>("DELETE", std::string(kBase) + "/contracts/" + path_id(contract_id), "", nothing);
}

Pending<core::api::Contract> ApiClient::set_reminders(const std::string& mp, bool email, bool sms) {
  return call<core::api::Contract>(
      "PUT", std::string(kBase) + "/metering-points/" + path_id(mp) + "/reminders",
      core::api::to_json(core::api::RemindersRequest{email, sms}).dump(),
      [](const platform::HttpResponse& r, core::api::Contract& out) {
        auto j = parse(r.body);
        return j.is_object() && j.contains("contract") && core::api::from_json(j["contract"], out);
      });
}

Pending<std::vector<core::api::Reading>> ApiClient::readings(const std::string& mp) {
  return call<std::vector<core::api::Reading>>(
      "GET", std::string(kBase) + "/metering-points/" + path_id(mp) + "/readings", "",
      [](const platform::HttpResponse& r, std::vector<core::api::Reading>& out) { return decode_list(r.body, out); });
}

Pending<core::api::SubmissionResult> ApiClient::submit_reading(const std::string& mp,
                                                               const core::api::SubmitReadingRequest& r,
                                                               const std::string& key) {
  std::vector<std::pair<std::string, std::string>> headers;
  if (!key.empty()) headers.emplace_back("Idempotency-Key", key);
  return call<core::api::SubmissionResult>(
      "POST", std::string(kBase) + "/metering-points/" + path_id(mp) + "/readings", core::api::to_json(r).dump(),
      [](const platform::HttpResponse& res, core::api::SubmissionResult& out) { return decode_entity(res.body, out); },
      std::move(headers));
}

Pending<Nothing> ApiClient::delete_submission(const std::string& id) {
  return call<Nothing>("DELETE", std::string(kBase) + "/submissions/" + path_id(id), "", nothing);
}

Pending<File> ApiClient::export_readings(const std::string& mp, const std::string& format) {
  const std::string fmt = format == "csv" ? "csv" : "xlsx";
  return call<File>("GET", std::string(kBase) + "/metering-points/" + path_id(mp) + "/readings/export?format=" + fmt,
                    "", [fmt](const platform::HttpResponse& r, File& out) {
                      out.name = filename_of(r.content_disposition, "odcitki." + fmt);
                      out.mime = r.content_type;
                      out.bytes = r.body;
                      return !out.bytes.empty();
                    });
}

Pending<std::vector<core::api::Invoice>> ApiClient::invoices(const std::string& mp) {
  std::string path = std::string(kBase) + "/invoices";
  if (!mp.empty()) path += "?metering_point=" + path_id(mp);
  return call<std::vector<core::api::Invoice>>(
      "GET", path, "",
      [](const platform::HttpResponse& r, std::vector<core::api::Invoice>& out) { return decode_list(r.body, out); });
}

Pending<File> ApiClient::invoice_pdf(const std::string& id) {
  return call<File>("GET", std::string(kBase) + "/invoices/" + path_id(id) + "/pdf", "",
                    [](const platform::HttpResponse& r, File& out) {
                      out.name = filename_of(r.content_disposition, "racun.pdf");
                      out.mime = "application/pdf";
                      out.bytes = r.body;
                      return out.bytes.rfind("%PDF", 0) == 0;
                    });
}

// [SECTION] Kiosk: the exports as mails (docs/api.md)
Pending<Nothing> ApiClient::mail_readings_export(const std::string& mp, const std::string& format) {
  return call<Nothing>("POST",
                       std::string(kBase) + "/metering-points/" + path_id(mp) +
                           "/readings/export/mail?format=" + (format == "csv" ? "csv" : "xlsx"),
                       "", nothing);
}

Pending<Nothing> ApiClient::mail_my_data() {
  return call<Nothing>("POST", std::string(kBase) + "/me/export/mail", "", nothing);
}

Pending<Nothing> ApiClient::mail_invoice(const std::string& id) {
  return call<Nothing>("POST", std::string(kBase) + "/invoices/" + path_id(id) + "/pdf/mail", "", nothing);
}

Pending<std::vector<core::api::Question>> ApiClient::questions() {
  return call<std::vector<core::api::Question>>(
      "GET", std::string(kBase) + "/questions", "",
      [](const platform::HttpResponse& r, std::vector<core::api::Question>& out) { return decode_list(r.body, out); });
}

Pending<core::api::Question> ApiClient::ask_question(const core::api::QuestionRequest& q) {
  return call<core::api::Question>("POST", std::string(kBase) + "/questions", core::api::to_json(q).dump(),
                                   [](const platform::HttpResponse& r, core::api::Question& out) {
                                     return decode_entity(r.body, out);
                                   });
}

Pending<core::api::ContentPage> ApiClient::content(const std::string& slug, const std::string& lang, int page) {
  std::string path = std::string(kBase) + "/content/" + path_id(slug) + "?lang=" + (lang == "en" ? "en" : "sl");
  if (page > 0) path += "&page=" + std::to_string(page);
  return call<core::api::ContentPage>("GET", path, "", [](const platform::HttpResponse& r, core::api::ContentPage& out) {
    return decode_entity(r.body, out);
  });
}

Pending<std::string> ApiClient::text_file(const std::string& path) {
  return call<std::string>("GET", path, "", [](const platform::HttpResponse& r, std::string& out) {
    out = r.body;
    return true;
  });
}

}  // namespace client::api
