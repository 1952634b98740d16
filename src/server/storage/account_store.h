// Accounts, sessions, single-use tokens, phone codes and throttle events: the SQL behind the
// accounts service. Each function runs inside the caller's transaction (Database::write/read).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/account_rules.h"
#include "server/storage/database.h"

namespace server::storage {

// [SECTION] Accounts
struct AccountRecord {
  int64_t id = 0;
  std::string email;              // normalised, unique
  std::string password_hash;      // argon2id string
  core::ProfileFields profile;
  bool phone_confirmed = false;
  int64_t created_at = 0;
  std::optional<int64_t> activated_at;
  bool activated() const { return activated_at.has_value(); }
};

namespace accounts {
std::optional<AccountRecord> by_email(Connection& c, const std::string& email);
std::optional<AccountRecord> by_id(Connection& c, int64_t id);
int64_t insert(Connection& c, const std::string& email, const std::string& password_hash,
               const core::ProfileFields& profile, int64_t now);  // throws DbError(unique) if taken
void update_profile(Connection& c, int64_t id, const core::ProfileFields& profile, bool phone_confirmed);
void set_password(Connection& c, int64_t id, const std::string& password_hash);
void set_email(Connection& c, int64_t id, const std::string& email);  // throws DbError(unique) if taken
void activate(Connection& c, int64_t id, int64_t now);
void remove(Connection& c, int64_t id);  // cascades to sessions, tokens, codes
}  // namespace accounts

// [SECTION] Sessions
struct SessionRecord {
  std::string token_hash;
  int64_t account_id = 0;
  bool persistent = false;  // "remember me"
  int64_t created_at = 0;
  int64_t last_seen_at = 0;
  int64_t expires_at = 0;
};

namespace sessions {
void insert(Connection& c, const SessionRecord& s);
std::optional<SessionRecord> find(Connection& c, const std::string& token_hash);
void touch(Connection& c, const std::string& token_hash, int64_t last_seen_at, int64_t expires_at);
void remove(Connection& c, const std::string& token_hash);
// Ends every session of the account except `keep` (a token hash, "" = none).
void remove_all(Connection& c, int64_t account_id, const std::string& keep = "");
int64_t purge_expired(Connection& c, int64_t now);
}  // namespace sessions

// [SECTION] Single-use tokens (activation, reset, e-mail change)
struct TokenRecord {
  std::string token_hash;
  int64_t account_id = 0;
  std::string purpose;            // "activate" | "reset" | "email"
  std::string new_email;          // purpose "email"
  int64_t created_at = 0;
  int64_t expires_at = 0;
  std::optional<int64_t> used_at;
};

namespace tokens {
void insert(Connection& c, const TokenRecord& t);
std::optional<TokenRecord> find(Connection& c, const std::string& token_hash);
// Marks it used; false if it was used already (so two concurrent uses cannot both succeed).
bool use(Connection& c, const std::string& token_hash, int64_t now);
int64_t purge_expired(Connection& c, int64_t before);
}  // namespace tokens

// [SECTION] Phone confirmation codes
struct PhoneCodeRecord {
  int64_t account_id = 0;
  std::string code_hash;
  std::string phone;      // the number the code was sent to
  int64_t expires_at = 0;
  int attempts = 0;
};

namespace phone_codes {
void put(Connection& c, const PhoneCodeRecord& r);  // replaces the account's code
std::optional<PhoneCodeRecord> find(Connection& c, int64_t account_id);
void count_attempt(Connection& c, int64_t account_id);
void remove(Connection& c, int64_t account_id);
}  // namespace phone_codes

// [SECTION] Throttle events (sliding windows, shared by every server instance)
namespace throttle {
void record(Connection& c, const std::string& key, int64_t at);
int64_t count_since(Connection& c, const std::string& key, int64_t since);
std::optional<int64_t> oldest_since(Connection& c, const std::string& key, int64_t since);
void clear(Connection& c, const std::string& key);
int64_t purge(Connection& c, int64_t before);
}  // namespace throttle

}  // namespace server::storage
