// Accounts: registration with e-mail activation, login with "remember me", sessions, forgotten
// and changed passwords, profile, e-mail change, phone confirmation, export and deletion.
// Business rules only: no HTTP, no SQL (storage/ functions run inside Database transactions).
//
// Enumeration: register, login and forgot answer the same way, with the same work (a password
// hash or a dummy verification, one write transaction), whether or not an e-mail has an account.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/account_rules.h"
#include "core/api_types.h"
#include "server/clock.h"
#include "server/mail/composer.h"
#include "server/services/outcome.h"
#include "server/services/password_hasher.h"
#include "server/services/throttles.h"
#include "server/storage/account_store.h"
#include "server/storage/database.h"

namespace server::services {

struct AccountsSettings {
  int64_t activation_ttl_s = 48 * 3600;   // activation links live 48 hours
  int64_t reset_ttl_s = 3600;             // reset links 1 hour
  int64_t email_ttl_s = 24 * 3600;        // e-mail change confirmation 24 hours
  int64_t remember_ttl_s = 30 * 86400;    // "remember me": a persistent session of 30 days
  int64_t idle_ttl_s = 2 * 3600;          // a browser session ends after 2 hours without requests...
  int64_t session_max_s = 24 * 3600;      // ...and after 24 hours in any case
  int64_t touch_interval_s = 300;         // last-seen is written at most every 5 minutes
  int64_t phone_code_ttl_s = 600;         // SMS codes live 10 minutes...
  int phone_code_attempts = 5;            // ...and allow 5 tries
};

struct SessionInfo {
  int64_t account_id = 0;
  std::string token_hash;  // identifies this session (never the token itself)
  bool persistent = false;
  int64_t expires_at = 0;
};

struct LoginResult {
  core::api::User user;
  std::string token;       // the session cookie's value
  bool persistent = false; // remember me: the cookie carries Max-Age
  int64_t max_age_s = 0;
};

class AccountService {
 public:
  using Notify = std::function<void()>;  // something was queued for delivery

  AccountService(storage::Database& db, PasswordHasher& hasher, Throttles& throttles, const AbuseLimits& limits,
                 const mail::Composer& composer, const Clock& clock, const core::CommonPasswords& common,
                 AccountsSettings settings, Notify notify);

  // [SECTION] Public (no session)
  Outcome register_account(core::api::RegisterRequest req, const std::string& address);
  Outcome activate(const core::api::TokenRequest& req);
  Result<LoginResult> login(const core::api::LoginRequest& req, const std::string& address);
  Outcome forgot(const core::api::ForgotRequest& req, const std::string& address);
  Outcome reset(const core::api::ResetRequest& req);
  // Whether a reset link can still be used (nothing is used up): the page asks before the
  // customer types a new password twice.
  Outcome check_reset(const core::api::TokenRequest& req);
  Outcome confirm_email(const core::api::TokenRequest& req);

  // [SECTION] Sessions
  std::optional<SessionInfo> authenticate(const std::string& token);  // nullopt: none or expired
  // A session record read elsewhere (a joined query): nullopt if expired, else it counts as seen.
  std::optional<SessionInfo> accept(const storage::SessionRecord& s);
  void logout(const SessionInfo& session, bool everywhere);

  // [SECTION] Signed in
  Result<core::api::User> me(int64_t account_id);
  Result<core::api::User> update_profile(int64_t account_id, const core::api::ProfilePatch& patch);
  Outcome change_email(int64_t account_id, const core::api::EmailChangeRequest& req);
  Outcome send_phone_code(int64_t account_id);
  Result<core::api::User> confirm_phone(int64_t account_id, const core::api::PhoneConfirmRequest& req);
  Outcome change_password(const SessionInfo& session, const core::api::PasswordChangeRequest& req);
  Outcome delete_account(int64_t account_id, const core::api::DeleteAccountRequest& req);

  // The account's part of GET /me/export (profile and sessions); other services add theirs.
  nlohmann::json export_account(int64_t account_id);

  // Housekeeping: expired sessions and tokens.
  void purge_expired();

  const AccountsSettings& settings() const { return settings_; }
  static core::api::User to_user(const storage::AccountRecord& a);

 private:
  Outcome check_token(const std::string& token, const char* purpose, storage::TokenRecord& out);
  void enqueue(storage::Connection& c, const storage::QueuedMessage& m);

  storage::Database& db_;
  PasswordHasher& hasher_;
  Throttles& throttles_;
  const AbuseLimits& limits_;
  const mail::Composer& composer_;
  const Clock& clock_;
  const core::CommonPasswords& common_;
  AccountsSettings settings_;
  Notify notify_;
};

}  // namespace server::services
