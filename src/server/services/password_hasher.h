// argon2id password hashing (libsodium crypto_pwhash), bounded in concurrency: at most
// `concurrency` hashes run at once, so a burst of logins queues here while the other request
// threads (health, readings) keep a core. Verification of an unknown account runs against a
// dummy hash of the same cost, so timing never tells whether an e-mail has an account.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>

namespace server::services {

struct Argon2Params {
  unsigned ops = 2;            // t: passes
  unsigned mem_kib = 65536;    // m: memory in KiB (64 MiB)
};

class PasswordHasher {
 public:
  PasswordHasher(Argon2Params params, int concurrency);
  std::string hash(std::string_view password);                          // "$argon2id$v=19$m=...,t=...,p=1$..."
  bool verify(std::string_view hash, std::string_view password);         // constant work for a wrong password
  void burn(std::string_view password);                                  // same cost as verify, no account
  bool needs_rehash(std::string_view hash) const;                        // parameters changed since
  const Argon2Params& params() const { return params_; }

 private:
  class Slot;  // RAII permit of the semaphore
  void acquire();
  void release();
  Argon2Params params_;
  int free_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::string dummy_hash_;
};

}  // namespace server::services
