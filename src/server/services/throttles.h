// Abuse limits (API.md "Abuse limits"), counted in the database so every server instance sees
// the same counts. Sliding windows over recorded events; a refusal says when to retry.
// Defaults let a household or an office behind one address work normally; --rate-limits FILE
// (JSON with any of the fields below) sets other values.
#pragma once

#include <optional>
#include <string>

#include "server/clock.h"
#include "server/storage/database.h"

namespace server::services {

struct Limit {
  int count = 0;        // events allowed...
  int window_s = 3600;  // ...within this many seconds
};

struct AbuseLimits {
  Limit register_per_address{30, 3600};       // API.md: at least 10 per address per hour must pass
  Limit login_per_address{100, 3600};         // at least 20
  Limit forgot_per_address{30, 3600};         // at least 10
  Limit login_failures_per_email{10, 900};    // at most 10 failures in 15 minutes, then 429
  Limit forgot_per_email{5, 3600};            // mails to one address
  Limit contract_failures_per_account{10, 3600};  // failed linking attempts
  Limit phone_codes_per_account{5, 3600};     // SMS codes
  Limit phone_code_interval{1, 60};           // one SMS code a minute
  Limit email_changes_per_account{5, 3600};   // confirmation mails to new addresses
  Limit questions_per_account{5, 3600};       // Imam vprašanje: each one mails the supplier's support
  Limit files_mailed_per_account{10, 3600};   // a kiosk's exports mailed to the customer
};

// Reads a --rate-limits JSON file: {"login_failures_per_email": {"count": 5, "window_s": 600}, ...}.
bool load_abuse_limits(const std::string& path, AbuseLimits& limits, std::string& error);

class Throttles {
 public:
  Throttles(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  // Seconds to wait if `key` already had limit.count events in the window, else nullopt.
  std::optional<int> blocked(storage::Connection& c, const std::string& key, const Limit& limit);
  void record(storage::Connection& c, const std::string& key);
  // blocked() then record() when not blocked, in the caller's transaction.
  std::optional<int> take(storage::Connection& c, const std::string& key, const Limit& limit);
  void clear(storage::Connection& c, const std::string& key);
  void purge_old(int64_t older_than_s = 2 * 86400);  // housekeeping

 private:
  storage::Database& db_;
  const Clock& clock_;
};

}  // namespace server::services
