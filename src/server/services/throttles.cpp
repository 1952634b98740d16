#include "server/services/throttles.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "server/storage/account_store.h"

namespace server::services {

bool load_abuse_limits(const std::string& path, AbuseLimits& limits, std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = "cannot read " + path;
    return false;
  }
  std::stringstream s;
  s << in.rdbuf();
  auto j = nlohmann::json::parse(s.str(), nullptr, false);
  if (!j.is_object()) {
    error = path + " is not a JSON object";
    return false;
  }
  std::map<std::string, Limit*> fields = {
      {"register_per_address", &limits.register_per_address},
      {"login_per_address", &limits.login_per_address},
      {"forgot_per_address", &limits.forgot_per_address},
      {"login_failures_per_email", &limits.login_failures_per_email},
      {"forgot_per_email", &limits.forgot_per_email},
      {"contract_failures_per_account", &limits.contract_failures_per_account},
      {"phone_codes_per_account", &limits.phone_codes_per_account},
      {"phone_code_interval", &limits.phone_code_interval},
      {"email_changes_per_account", &limits.email_changes_per_account},
      {"questions_per_account", &limits.questions_per_account},
      {"files_mailed_per_account", &limits.files_mailed_per_account},
  };
  for (auto it = j.begin(); it != j.end(); ++it) {
    auto f = fields.find(it.key());
    if (f == fields.end()) {
      error = path + ": unknown limit " + it.key();
      return false;
    }
    const auto& v = it.value();
    if (!v.is_object() || !v.contains("count") || !v["count"].is_number_integer() || v["count"].get<int>() < 1 ||
        (v.contains("window_s") && (!v["window_s"].is_number_integer() || v["window_s"].get<int>() < 1))) {
      error = path + ": " + it.key() + " needs {\"count\": N >= 1, \"window_s\": seconds >= 1}";
      return false;
    }
    f->second->count = v["count"].get<int>();
    if (v.contains("window_s")) f->second->window_s = v["window_s"].get<int>();
  }
  return true;
}

std::optional<int> Throttles::blocked(storage::Connection& c, const std::string& key, const Limit& limit) {
  const int64_t now = clock_.now();
  const int64_t since = now - limit.window_s;
  if (storage::throttle::count_since(c, key, since) < limit.count) return std::nullopt;
  const auto oldest = storage::throttle::oldest_since(c, key, since);
  const int64_t wait = oldest ? *oldest + limit.window_s - now : limit.window_s;
  return static_cast<int>(std::max<int64_t>(1, wait));
}

void Throttles::record(storage::Connection& c, const std::string& key) {
  storage::throttle::record(c, key, clock_.now());
}

std::optional<int> Throttles::take(storage::Connection& c, const std::string& key, const Limit& limit) {
  if (auto wait = blocked(c, key, limit)) return wait;
  record(c, key);
  return std::nullopt;
}

void Throttles::clear(storage::Connection& c, const std::string& key) { storage::throttle::clear(c, key); }

void Throttles::purge_old(int64_t older_than_s) {
  db_.write([&](storage::Connection& c) { storage::throttle::purge(c, clock_.now() - older_than_s); });
}

}  // namespace server::services
