#include "server/storage/account_store.h"

namespace server::storage {

namespace {

constexpr const char* kAccountColumns =
    "id, email, password_hash, name, street, city, postal_code, post, country, phone, phone_confirmed, gender, "
    "notifications, locale, created_at, activated_at";

AccountRecord account_from(const Row& r) {
  AccountRecord a;
  a.id = r.integer(0);
  a.email = r.text(1);
  a.password_hash = r.text(2);
  a.profile.name = r.text(3);
  a.profile.street = r.text(4);
  a.profile.city = r.text(5);
  a.profile.postal_code = r.text(6);
  a.profile.post = r.text(7);
  a.profile.country = r.text(8);
  a.profile.phone = r.text(9);
  a.phone_confirmed = r.integer(10) != 0;
  a.profile.gender = r.text(11);
  a.profile.notifications = r.integer(12) != 0;
  a.profile.locale = r.text(13);
  a.created_at = r.integer(14);
  a.activated_at = r.opt_integer(15);
  return a;
}

std::optional<AccountRecord> one_account(Result r) {
  if (r.empty()) return std::nullopt;
  return account_from(r.first());
}

}  // namespace

namespace accounts {

std::optional<AccountRecord> by_email(Connection& c, const std::string& email) {
  return one_account(c.exec(std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE email = $1", {email}));
}

std::optional<AccountRecord> by_id(Connection& c, int64_t id) {
  return one_account(c.exec(std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE id = $1", {id}));
}

int64_t insert(Connection& c, const std::string& email, const std::string& password_hash,
               const core::ProfileFields& p, int64_t now) {
  auto r = c.exec(
      "INSERT INTO accounts (email, password_hash, name, street, city, postal_code, post, country, phone, "
      "gender, notifications, locale, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
      "RETURNING id",
      {email, password_hash, p.name, p.street, p.city, p.postal_code, p.post, p.country, p.phone, p.gender,
       p.notifications, p.locale, now});
  return r.first().integer(0);
}

void update_profile(Connection& c, int64_t id, const core::ProfileFields& p, bool phone_confirmed) {
  c.exec(
      "UPDATE accounts SET name = $2, street = $3, city = $4, postal_code = $5, post = $6, country = $7, phone = $8, "
      "gender = $9, notifications = $10, locale = $11, phone_confirmed = $12 WHERE id = $1",
      {id, p.name, p.street, p.city, p.postal_code, p.post, p.country, p.phone, p.gender, p.notifications, p.locale,
       phone_confirmed});
}

void set_password(Connection& c, int64_t id, const std::string& password_hash) {
  c.exec("UPDATE accounts SET password_hash = $2 WHERE id = $1", {id, password_hash});
}

void set_email(Connection& c, int64_t id, const std::string& email) {
  c.exec("UPDATE accounts SET email = $2 WHERE id = $1", {id, email});
}

void activate(Connection& c, int64_t id, int64_t now) {
  c.exec("UPDATE accounts SET activated_at = $2 WHERE id = $1 AND activated_at IS NULL", {id, now});
}

void remove(Connection& c, int64_t id) { c.exec("DELETE FROM accounts WHERE id = $1", {id}); }

}  // namespace accounts

namespace sessions {

void insert(Connection& c, const SessionRecord& s) {
  c.exec(
      "INSERT INTO sessions (token_hash, account_id, persistent, created_at, last_seen_at, expires_at) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {s.token_hash, s.account_id, s.persistent, s.created_at, s.last_seen_at, s.expires_at});
}

std::optional<SessionRecord> find(Connection& c, const std::string& token_hash) {
  auto r = c.exec(
      "SELECT token_hash, account_id, persistent, created_at, last_seen_at, expires_at FROM sessions "
      "WHERE token_hash = $1",
      {token_hash});
  if (r.empty()) return std::nullopt;
  const Row& row = r.first();
  return SessionRecord{row.text(0), row.integer(1), row.integer(2) != 0, row.integer(3), row.integer(4),
                       row.integer(5)};
}

void touch(Connection& c, const std::string& token_hash, int64_t last_seen_at, int64_t expires_at) {
  c.exec("UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE token_hash = $1",
         {token_hash, last_seen_at, expires_at});
}

void remove(Connection& c, const std::string& token_hash) {
  c.exec("DELETE FROM sessions WHERE token_hash = $1", {token_hash});
}

void remove_all(Connection& c, int64_t account_id, const std::string& keep) {
  c.exec("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2", {account_id, keep});
}

int64_t purge_expired(Connection& c, int64_t now) {
  return c.exec("DELETE FROM sessions WHERE expires_at <= $1", {now}).affected;
}

}  // namespace sessions

namespace tokens {

void insert(Connection& c, const TokenRecord& t) {
  c.exec(
      "INSERT INTO tokens (token_hash, account_id, purpose, new_email, created_at, expires_at) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {t.token_hash, t.account_id, t.purpose, t.new_email.empty() ? Value() : Value(t.new_email), t.created_at,
       t.expires_at});
}

std::optional<TokenRecord> find(Connection& c, const std::string& token_hash) {
  auto r = c.exec(
      "SELECT token_hash, account_id, purpose, new_email, created_at, expires_at, used_at FROM tokens "
      "WHERE token_hash = $1",
      {token_hash});
  if (r.empty()) return std::nullopt;
  const Row& row = r.first();
  TokenRecord t;
  t.token_hash = row.text(0);
  t.account_id = row.integer(1);
  t.purpose = row.text(2);
  t.new_email = row.text(3);
  t.created_at = row.integer(4);
  t.expires_at = row.integer(5);
  t.used_at = row.opt_integer(6);
  return t;
}

bool use(Connection& c, const std::string& token_hash, int64_t now) {
  return c.exec("UPDATE tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL", {token_hash, now})
             .affected == 1;
}

int64_t purge_expired(Connection& c, int64_t before) {
  return c.exec("DELETE FROM tokens WHERE expires_at < $1", {before}).affected;
}

}  // namespace tokens

namespace phone_codes {

void put(Connection& c, const PhoneCodeRecord& r) {
  c.exec("DELETE FROM phone_codes WHERE account_id = $1", {r.account_id});
  c.exec("INSERT INTO phone_codes (account_id, code_hash, phone, expires_at, attempts) VALUES ($1, $2, $3, $4, 0)",
         {r.account_id, r.code_hash, r.phone, r.expires_at});
}

std::optional<PhoneCodeRecord> find(Connection& c, int64_t account_id) {
  auto r = c.exec("SELECT account_id, code_hash, phone, expires_at, attempts FROM phone_codes WHERE account_id = $1",
                  {account_id});
  if (r.empty()) return std::nullopt;
  const Row& row = r.first();
  return PhoneCodeRecord{row.integer(0), row.text(1), row.text(2), row.integer(3), static_cast<int>(row.integer(4))};
}

void count_attempt(Connection& c, int64_t account_id) {
  c.exec("UPDATE phone_codes SET attempts = attempts + 1 WHERE account_id = $1", {account_id});
}

void remove(Connection& c, int64_t account_id) {
  c.exec("DELETE FROM phone_codes WHERE account_id = $1", {account_id});
}

}  // namespace phone_codes

namespace throttle {

void record(Connection& c, const std::string& key, int64_t at) {
  c.exec("INSERT INTO throttle_events (key, at) VALUES ($1, $2)", {key, at});
}

int64_t count_since(Connection& c, const std::string& key, int64_t since) {
  return c.exec("SELECT COUNT(*) FROM throttle_events WHERE key = $1 AND at > $2", {key, since}).first().integer(0);
}

std::optional<int64_t> oldest_since(Connection& c, const std::string& key, int64_t since) {
  auto r = c.exec("SELECT MIN(at) FROM throttle_events WHERE key = $1 AND at > $2", {key, since});
  return r.empty() ? std::nullopt : r.first().opt_integer(0);
}

void clear(Connection& c, const std::string& key) { c.exec("DELETE FROM throttle_events WHERE key = $1", {key}); }

int64_t purge(Connection& c, int64_t before) {
  return c.exec("DELETE FROM throttle_events WHERE at < $1", {before}).affected;
}

}  // namespace throttle

}  // namespace server::storage
