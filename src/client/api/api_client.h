// Typed calls to the portal's REST API (docs/api.md). Each returns a Pending<T> that the state
// layer polls every frame; the reply is Ok (with the decoded value), Errors (the server's codes),
// Network (no answer) or Invalid (an answer that is not what the contract says). Requests and
// responses are encoded and decoded by core, the same code the server uses. No screen calls this:
// only state/ does.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/platform/http.h"
#include "core/api_types.h"
#include "core/content.h"
#include "core/invoice.h"
#include "core/question.h"
#include "core/error.h"

namespace client::api {

struct Nothing {};  // replies that carry no value

struct File {  // a download: the export, my data
  std::string name;  // from Content-Disposition
  std::string mime;
  std::string bytes;
};

template <class T>
struct Reply {
  enum class Kind { ok, errors, network, invalid } kind = Kind::network;
  int status = 0;         // HTTP status (0 = no answer)
  T value{};              // when ok
  core::Errors errors;    // when errors (or a single network.* code otherwise)
  int retry_after_s = 0;  // 429
  bool ok() const { return kind == Kind::ok; }
};

// A reply to come; shared with the callback that fills it.
template <class T>
class Pending {
 public:
  Pending() = default;
  explicit Pending(std::shared_ptr<std::optional<Reply<T>>> slot) : slot_(std::move(slot)) {}
  bool active() const { return slot_ != nullptr; }            // a call was made
  bool done() const { return slot_ && slot_->has_value(); }   // its reply is here
  const Reply<T>& reply() const { return **slot_; }
  void reset() { slot_.reset(); }

 private:
  std::shared_ptr<std::optional<Reply<T>>> slot_;
};

class ApiClient {
 public:
  explicit ApiClient(platform::Http& http) : http_(http) {}

  // [SECTION] Public
  Pending<nlohmann::json> health();
  Pending<core::api::Rules> rules();
  Pending<Nothing> register_account(const core::api::RegisterRequest& r);
  Pending<Nothing> activate(const std::string& token);
  Pending<core::api::User> login(const core::api::LoginRequest& r);
  Pending<Nothing> forgot(const std::string& email);
  Pending<Nothing> reset(const core::api::ResetRequest& r);
  Pending<Nothing> check_reset(const std::string& token);  // extension: is the reset link still good?
  Pending<Nothing> confirm_email(const std::string& token);
  Pending<nlohmann::json> unsubscribe(const std::string& token);
  // This browser's session: the user, or nothing when signed out (200 either way).
  Pending<std::optional<core::api::User>> session();

  // [SECTION] Signed in
  Pending<Nothing> logout(bool everywhere);
  Pending<core::api::User> me();
  Pending<core::api::User> update_profile(const core::api::ProfilePatch& p);
  Pending<Nothing> change_email(const core::api::EmailChangeRequest& r);
  Pending<Nothing> change_password(const core::api::PasswordChangeRequest& r);
  Pending<Nothing> send_phone_code();
  Pending<core::api::User> confirm_phone(const std::string& code);
  Pending<File> export_my_data();
  Pending<Nothing> delete_account(const std::string& current_password);
  Pending<std::vector<core::api::Contract>> contracts();
  Pending<core::api::Contract> link_contract(const core::api::LinkContractRequest& r);
  Pending<Nothing> unlink_contract(const std::string& contract_id);
  Pending<core::api::Contract> set_reminders(const std::string& metering_point_id, bool email, bool sms);
  Pending<std::vector<core::api::Reading>> readings(const std::string& metering_point_id);
  Pending<core::api::SubmissionResult> submit_reading(const std::string& metering_point_id,
                                                      const core::api::SubmitReadingRequest& r,
                                                      const std::string& idempotency_key);
  Pending<Nothing> delete_submission(const std::string& submission_id);
  Pending<File> export_readings(const std::string& metering_point_id, const std::string& format);
  // "" = every linked contract's invoices.
  Pending<std::vector<core::api::Invoice>> invoices(const std::string& metering_point_id);
  Pending<File> invoice_pdf(const std::string& invoice_id);
  Pending<std::vector<core::api::Question>> questions();
  Pending<core::api::Question> ask_question(const core::api::QuestionRequest& q);
  // A content page in "sl" or "en"; `page` > 0 for the news archive's pages.
  Pending<core::api::ContentPage> content(const std::string& slug, const std::string& lang, int page);
  // The common-password list (a static file of the bundle, loaded when a password form opens).
  Pending<std::string> text_file(const std::string& path);
  // [SECTION] Kiosk: the exports mailed to the customer's address instead of downloaded (202)
  Pending<Nothing> mail_readings_export(const std::string& metering_point_id, const std::string& format);
  Pending<Nothing> mail_my_data();
  Pending<Nothing> mail_invoice(const std::string& invoice_id);

  int in_flight() const { return http_.in_flight(); }
  // Hears every answer's HTTP status (0 = none came): whether the server can be reached (offline).
  void set_on_status(std::function<void(int)> f) { on_status_ = std::move(f); }

 private:
  template <class T, class Decode>
  Pending<T> call(const char* method, std::string path, std::string body, Decode decode,
                  std::vector<std::pair<std::string, std::string>> headers = {});
  platform::Http& http_;
  std::function<void(int)> on_status_;
};

}  // namespace client::api
