#include "server/services/accounts.h"

#include <cctype>

#include "server/services/secrets.h"
#include "server/storage/message_store.h"

namespace server::services {

namespace codes = core::codes;
using storage::Connection;

namespace {

std::string key(const char* kind, const std::string& subject) { return std::string(kind) + ":" + subject; }

}  // namespace

AccountService::AccountService(storage::Database& db, PasswordHasher& hasher, Throttles& throttles,
                               const AbuseLimits& limits, const mail::Composer& composer, const Clock& clock,
                               const core::CommonPasswords& common, AccountsSettings settings, Notify notify)
    : db_(db),
      hasher_(hasher),
      throttles_(throttles),
      limits_(limits),
      composer_(composer),
      clock_(clock),
      common_(common),
      settings_(settings),
      notify_(std::move(notify)) {}

core::api::User AccountService::to_user(const storage::AccountRecord& a) {
  core::api::User u;
  u.id = std::to_string(a.id);
  u.email = a.email;
  u.profile = a.profile;
  u.phone_confirmed = a.phone_confirmed;
  return u;
}

void AccountService::enqueue(Connection& c, const storage::QueuedMessage& m) {
  storage::messages::enqueue(c, m, clock_.now());
}

// [SECTION] Registration and activation

Outcome AccountService::register_account(core::api::RegisterRequest req, const std::string& address) {
  core::RegistrationFields& f = req.fields;
  core::Errors errors = core::check_registration(f, common_);
  if (!errors.empty()) return Outcome::fail(Status::invalid, errors);
  if (auto wait = db_.write([&](Connection& c) {
        return throttles_.take(c, key("register.address", address), limits_.register_per_address);
      }))
    return Outcome::throttle(codes::request_too_many, *wait);

  // Hashed whether or not the address is taken: the answer and its timing are the same.
  const std::string hash = hasher_.hash(f.password);
  const int64_t now = clock_.now();
  db_.write([&](Connection& c) {
    if (auto existing = storage::accounts::by_email(c, f.email)) {
      if (existing->activated()) {
        enqueue(c, composer_.email("register_taken", existing->profile.locale, existing->email, {}));
      } else {  // never activated: send the original registration a fresh link
        const std::string token = new_token();
        storage::tokens::insert(c, {token_hash(token), existing->id, "activate", "", now,
                                    now + settings_.activation_ttl_s, std::nullopt});
        enqueue(c, composer_.email("activation", existing->profile.locale, existing->email,
                                   {{"link", composer_.public_url() + "/activate?token=" + token}}));
      }
      return;
    }
    const int64_t id = storage::accounts::insert(c, f.email, hash, f.profile, now);
    const std::string token = new_token();
    storage::tokens::insert(c, {token_hash(token), id, "activate", "", now, now + settings_.activation_ttl_s,
                                std::nullopt});
    enqueue(c, composer_.email("activation", f.profile.locale, f.email,
                               {{"link", composer_.public_url() + "/activate?token=" + token}}));
  });
  if (notify_) notify_();
  return Outcome::with(Status::accepted);
}

Outcome AccountService::check_token(const std::string& token, const char* purpose, storage::TokenRecord& out) {
  if (token.empty()) return Outcome::fail(Status::invalid, codes::field_required, "token");
  auto found = db_.read([&](Connection& c) { return storage::tokens::find(c, token_hash(token)); });
  if (!found || found->purpose != purpose || found->used_at)
    return Outcome::fail(Status::invalid, codes::token_invalid, "token");
  if (found->expires_at <= clock_.now()) return Outcome::fail(Status::invalid, codes::token_expired, "token");
  out = *found;
  return Outcome::with(Status::ok);
}

Outcome AccountService::activate(const core::api::TokenRequest& req) {
  storage::TokenRecord t;
  if (auto o = check_token(req.token, "activate", t); !o.good()) return o;
  const bool used = db_.write([&](Connection& c) {
    if (!storage::tokens::use(c, t.token_hash, clock_.now())) return false;  // a concurrent use won
    storage::accounts::activate(c, t.account_id, clock_.now());
    return true;
  });
  if (!used) return Outcome::fail(Status::invalid, codes::token_invalid, "token");
  return Outcome::with(Status::ok);
}

// [SECTION] Login and sessions

Result<LoginResult> AccountService::login(const core::api::LoginRequest& req, const std::string& address) {
  Result<LoginResult> r;
  std::string email;
  if (!core::check_email(req.email, email).empty()) {  // cannot match an account; still counted
    email = req.email;
    for (auto& ch : email) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  const std::string fail_key = key("login.failures", email);
  auto wait = db_.write([&](Connection& c) -> std::optional<Outcome> {
    if (auto w = throttles_.take(c, key("login.address", address), limits_.login_per_address))
      return Outcome::throttle(codes::request_too_many, *w);
    if (auto w = throttles_.blocked(c, fail_key, limits_.login_failures_per_email))
      return Outcome::throttle(codes::auth_too_many_attempts, *w);
    return std::nullopt;
  });
  if (wait) {
    r.outcome = *wait;
    return r;
  }
  auto account = db_.read([&](Connection& c) { return storage::accounts::by_email(c, email); });
  bool ok = false;
  if (account)
    ok = hasher_.verify(account->password_hash, req.password);
  else
    hasher_.burn(req.password);  // the same work as a wrong password
  if (!ok) {
    db_.write([&](Connection& c) { throttles_.record(c, fail_key); });
    r.outcome = Outcome::fail(Status::unauthorized, codes::auth_invalid_credentials);
    return r;
  }
  if (!account->activated()) {
    r.outcome = Outcome::fail(Status::forbidden, codes::auth_not_activated);
    return r;
  }
  std::optional<std::string> rehash;
  if (hasher_.needs_rehash(account->password_hash)) rehash = hasher_.hash(req.password);
  const int64_t now = clock_.now();
  const std::string token = new_token();
  storage::SessionRecord s;
  s.token_hash = token_hash(token);
  s.account_id = account->id;
  s.persistent = req.remember;
  s.created_at = s.last_seen_at = now;
  s.expires_at = now + (req.remember ? settings_.remember_ttl_s : settings_.idle_ttl_s);
  db_.write([&](Connection& c) {
    storage::sessions::insert(c, s);
    throttles_.clear(c, fail_key);
    if (rehash) storage::accounts::set_password(c, account->id, *rehash);
  });
  r.value.user = to_user(*account);
  r.value.token = token;
  r.value.persistent = req.remember;
  r.value.max_age_s = settings_.remember_ttl_s;
  return r;
}

std::optional<SessionInfo> AccountService::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  const std::string hash = token_hash(token);
  auto s = db_.once([&](Connection& c) { return storage::sessions::find(c, hash); });
  if (!s) return std::nullopt;
  return accept(*s);
}

std::optional<SessionInfo> AccountService::accept(const storage::SessionRecord& session) {
  storage::SessionRecord s = session;
  const int64_t now = clock_.now();
  if (s.expires_at <= now) return std::nullopt;
  if (now - s.last_seen_at >= settings_.touch_interval_s) {
    // Sliding expiry for browser sessions (idle timeout, capped); remember-me keeps its 30 days.
    const int64_t expires =
        s.persistent ? s.expires_at : std::min(now + settings_.idle_ttl_s, s.created_at + settings_.session_max_s);
    db_.write([&](Connection& c) { storage::sessions::touch(c, s.token_hash, now, expires); });
    s.expires_at = expires;
  }
  return SessionInfo{s.account_id, s.token_hash, s.persistent, s.expires_at};
}

void AccountService::logout(const SessionInfo& session, bool everywhere) {
  db_.write([&](Connection& c) {
    if (everywhere)
      storage::sessions::remove_all(c, session.account_id);
    else
      storage::sessions::remove(c, session.token_hash);
  });
}

// [SECTION] Forgotten password

Outcome AccountService::forgot(const core::api::ForgotRequest& req, const std::string& address) {
  std::string email;
  const bool valid = core::check_email(req.email, email).empty();
  const int64_t now = clock_.now();
  auto wait = db_.write([&](Connection& c) -> std::optional<int> {
    if (auto w = throttles_.take(c, key("forgot.address", address), limits_.forgot_per_address)) return w;
    if (!valid) return std::nullopt;
    auto account = storage::accounts::by_email(c, email);
    // The same transaction either way; only an existing account gets a mail, and at most a few
    // an hour (an address cannot be flooded through this form).
    if (!account || throttles_.take(c, key("forgot.email", email), limits_.forgot_per_email)) return std::nullopt;
    const std::string token = new_token();
    if (account->activated()) {
      storage::tokens::insert(c, {token_hash(token), account->id, "reset", "", now, now + settings_.reset_ttl_s,
                                  std::nullopt});
      enqueue(c, composer_.email("reset", account->profile.locale, account->email,
                                 {{"link", composer_.public_url() + "/reset?token=" + token}}));
    } else {  // the manual: "forgot password" sends the activation mail again
      storage::tokens::insert(c, {token_hash(token), account->id, "activate", "", now,
                                  now + settings_.activation_ttl_s, std::nullopt});
      enqueue(c, composer_.email("activation", account->profile.locale, account->email,
                                 {{"link", composer_.public_url() + "/activate?token=" + token}}));
    }
    return std::nullopt;
  });
  if (wait) return Outcome::throttle(codes::request_too_many, *wait);
  if (notify_) notify_();
  return Outcome::with(Status::accepted);
}

Outcome AccountService::reset(const core::api::ResetRequest& req) {
  storage::TokenRecord t;
  if (auto o = check_token(req.token, "reset", t); !o.good()) return o;
  auto account = db_.read([&](Connection& c) { return storage::accounts::by_id(c, t.account_id); });
  if (!account) return Outcome::fail(Status::invalid, codes::token_invalid, "token");
  core::Errors errors = core::check_new_password(req.password, req.password_repeat, account->email, common_);
  if (!errors.empty()) return Outcome::fail(Status::invalid, errors);
  const std::string hash = hasher_.hash(req.password);
  const bool used = db_.write([&](Connection& c) {
    if (!storage::tokens::use(c, t.token_hash, clock_.now())) return false;
    storage::accounts::set_password(c, account->id, hash);
    storage::sessions::remove_all(c, account->id);  // a reset ends every session
    enqueue(c, composer_.email("password_reset_done", account->profile.locale, account->email, {}));
    return true;
  });
  if (!used) return Outcome::fail(Status::invalid, codes::token_invalid, "token");
  if (notify_) notify_();
  return Outcome::with(Status::ok);
}

Outcome AccountService::check_reset(const core::api::TokenRequest& req) {
  storage::TokenRecord t;
  return check_token(req.token, "reset", t);
}

// [SECTION] Profile

Result<core::api::User> AccountService::me(int64_t account_id) {
  Result<core::api::User> r;
  auto a = db_.read([&](Connection& c) { return storage::accounts::by_id(c, account_id); });
  if (!a) {
    r.outcome = Outcome::fail(Status::unauthorized, codes::auth_required);
    return r;
  }
  r.value = to_user(*a);
  return r;
}

Result<core::api::User> AccountService::update_profile(int64_t account_id, const core::api::ProfilePatch& patch) {
  Result<core::api::User> r;
  auto a = db_.read([&](Connection& c) { return storage::accounts::by_id(c, account_id); });
  if (!a) {
    r.outcome = Outcome::fail(Status::unauthorized, codes::auth_required);
    return r;
  }
  core::ProfileFields p = patch.applied_to(a->profile);
  core::Errors errors = core::check_profile(p);
  if (!errors.empty()) {
    r.outcome = Outcome::fail(Status::invalid, errors);
    return r;
  }
  const bool phone_confirmed = a->phone_confirmed && p.phone == a->profile.phone;  // a new number needs a new code
  db_.write([&](Connection& c) { storage::accounts::update_profile(c, account_id, p, phone_confirmed); });
  a->profile = p;
  a->phone_confirmed = phone_confirmed;
  r.value = to_user(*a);
  return r;
}

Outcome AccountService::change_email(int64_t account_id, const core::api::EmailChangeRequest& req) {
  auto a = db_.read([&](Connection& c) { return storage::accounts::by_id(c, account_id); });
  if (!a) return Outcome::fail(Status::unauthorized, codes::auth_required);
  std::string email;
  core::Errors errors = core::check_email(req.email, email);
  const bool password_ok = hasher_.verify(a->password_hash, req.current_password);
  if (!password_ok) errors.push_back(core::make_error(codes::password_current_wrong, "current_password"));
  if (!errors.empty()) return Outcome::fail(Status::invalid, errors);
  const int64_t now = clock_.now();
  auto wait = db_.write([&](Connection& c) -> std::optional<int> {
    if (auto w = throttles_.take(c, key("email.change", std::to_string(account_id)), limits_.email_changes_per_account))
      return w;
    if (email == a->email) return std::nullopt;
    if (auto other = storage::accounts::by_email(c, email)) {
      // Taken: say nothing here (no enumeration); tell the owner of that address instead.
      enqueue(c, composer_.email("register_taken", other->profile.locale, other->email, {}));
      return std::nullopt;
    }
    const std::string token = new_token();
    storage::tokens::insert(c, {token_hash(token), account_id, "email", email, now, now + settings_.email_ttl_s,
                                std::nullopt});
    enqueue(c, composer_.email("email_confirm", a->profile.locale, email,
                               {{"link", composer_.public_url() + "/confirm-email?token=" + token},
                                {"new_email", email}}));
    enqueue(c, composer_.email("email_change_notice", a->profile.locale, a->email, {{"new_email", email}}));
    return std::nullopt;
  });
  if (wait) return Outcome::throttle(codes::request_too_many, *wait);
  if (notify_) notify_();
  return Outcome::with(Status::accepted);
}

Outcome AccountService::confirm_email(const core::api::TokenRequest& req) {
  storage::TokenRecord t;
  if (auto o = check_token(req.token, "email", t); !o.good()) return o;
  bool ok = false;
  try {
    ok = db_.write([&](Connection& c) {
      if (!storage::tokens::use(c, t.token_hash, clock_.now())) return false;
      storage::accounts::set_email(c, t.account_id, t.new_email);
      return true;
    });
  } catch (const storage::DbError& e) {
    if (e.kind != storage::DbError::Kind::unique) throw;
    ok = false;  // the address was taken in the meantime
  }
  if (!ok) return Outcome::fail(Status::invalid, codes::token_invalid, "token");
  return Outcome::with(Status::ok);
}

Outcome AccountService::send_phone_code(int64_t account_id) {
  auto a = db_.read([&](Connection& c) { return storage::accounts::by_id(c, account_id); });
  if (!a) return Outcome::fail(Status::unauthorized, codes::auth_required);
  if (a->profile.phone.empty()) return Outcome::fail(Status::invalid, codes::field_required, "phone");
  const std::string code = new_numeric_code(6);
  auto wait = db_.write([&](Connection& c) -> std::optional<int> {
    const std::string id = std::to_string(account_id);
    if (auto w = throttles_.blocked(c, key("phone.interval", id), limits_.phone_code_interval)) return w;
    if (auto w = throttles_.take(c, key("phone.codes", id), limits_.phone_codes_per_account)) return w;
    throttles_.record(c, key("phone.interval", id));
    storage::phone_codes::put(c, {account_id, token_hash(id + ":" + code), a->profile.phone,
                                  clock_.now() + settings_.phone_code_ttl_s, 0});
    enqueue(c, composer_.sms("phone_code", a->profile.locale, a->profile.phone, {{"code", code}}));
    return std::nullopt;
  });
  if (wait) return Outcome::throttle(codes::request_too_many, *wait);
  if (notify_) notify_();
  return Outcome::with(Status::accepted);
}

Result<core::api::User> AccountService::confirm_phone(int64_t account_id, const core::api::PhoneConfirmRequest& req) {
  Result<core::api::User> r;
  auto a = db_.read([&](Connection& c) { return storage::accounts::by_id(c, account_id); });
  if (!a) {
    r.outcome = Outcome::fail(Status::unauthorized, codes::auth_required);
    return r;
  }
  const bool ok = db_.write([&](Connection& c) {
    auto rec = storage::phone_codes::find(c, account_id);
    if (!rec || rec->expires_at <= clock_.now() || rec->attempts >= settings_.phone_code_attempts ||
        rec->phone != a->profile.phone)
      return false;
    if (!constant_time_equal(rec->code_hash, token_hash(std::to_string(account_id) + ":" + req.code))) {
      storage::phone_codes::count_attempt(c, account_id);
      return false;
    }
    storage::phone_codes::remove(c, account_id);
    storage::accounts::update_profile(c, account_id, a->profile, true);
    return true;
  });
  if (!ok) {
    r.outcome = Outcome::fail(Status::invalid, codes::token_invalid, "code");
    return r;
  }
  a->phone_confirmed = true;
  r.value = to_user(*a);
  return r;
}

Outcome AccountService::change_password(const SessionInfo& session, const core::api::PasswordChangeRequest& req) {
  auto a = db_.read([&](Connection& c) { return storage::accounts::by_id(c, session.account_id); });
  if (!a) return Outcome::fail(Status::unauthorized, codes::auth_required);
  core::Errors errors;
  if (!hasher_.verify(a->password_hash, req.current_password))
    errors.push_back(core::make_error(codes::password_current_wrong, "current_password"));
  for (auto& e : core::check_new_password(req.password, req.password_repeat, a->email, common_))
    errors.push_back(std::move(e));
  if (!errors.empty()) return Outcome::fail(Status::invalid, errors);
  const std::string hash = hasher_.hash(req.password);
  db_.write([&](Connection& c) {
    storage::accounts::set_password(c, a->id, hash);
    storage::sessions::remove_all(c, a->id, session.token_hash);  // the other sessions end
    enqueue(c, composer_.email("password_changed", a->profile.locale, a->email, {}));
  });
  if (notify_) notify_();
  return Outcome::with(Status::ok);
}

Outcome AccountService::delete_account(int64_t account_id, const core::api::DeleteAccountRequest& req) {
  auto a = db_.read([&](Connection& c) { return storage::accounts::by_id(c, account_id); });
  if (!a) return Outcome::fail(Status::unauthorized, codes::auth_required);
  if (!hasher_.verify(a->password_hash, req.current_password))
    return Outcome::fail(Status::invalid, codes::password_current_wrong, "current_password");
  db_.write([&](Connection& c) {
    enqueue(c, composer_.email("account_deleted", a->profile.locale, a->email, {}));
    storage::accounts::remove(c, account_id);
  });
  if (notify_) notify_();
  return Outcome::with(Status::no_content);
}

nlohmann::json AccountService::export_account(int64_t account_id) {
  auto a = db_.read([&](Connection& c) { return storage::accounts::by_id(c, account_id); });
  if (!a) return nullptr;
  nlohmann::json j = core::api::to_json(to_user(*a));
  j["created_at"] = core::format_instant_ljubljana(a->created_at);
  j["activated_at"] = a->activated_at ? nlohmann::json(core::format_instant_ljubljana(*a->activated_at)) : nullptr;
  return j;
}

void AccountService::purge_expired() {
  const int64_t now = clock_.now();
  db_.write([&](Connection& c) {
    storage::sessions::purge_expired(c, now);
    storage::tokens::purge_expired(c, now - 7 * 86400);
  });
  throttles_.purge_old();
}

}  // namespace server::services
