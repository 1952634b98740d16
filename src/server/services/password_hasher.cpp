#include "server/services/password_hasher.h"

#include <sodium.h>

#include <stdexcept>

namespace server::services {

class PasswordHasher::Slot {
 public:
  explicit Slot(PasswordHasher& h) : h_(h) { h_.acquire(); }
  ~Slot() { h_.release(); }

 private:
  PasswordHasher& h_;
};

PasswordHasher::PasswordHasher(Argon2Params params, int concurrency) : params_(params), free_(concurrency) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  dummy_hash_ = hash("not a password of anybody: timing equaliser");
}

void PasswordHasher::acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  cv_.wait(lock, [this] { return free_ > 0; });
  --free_;
}

void PasswordHasher::release() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++free_;
  }
  cv_.notify_one();
}

std::string PasswordHasher::hash(std::string_view password) {
  Slot slot(*this);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), params_.ops,
                            static_cast<size_t>(params_.mem_kib) * 1024, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("argon2id: out of memory");
  return out;
}

bool PasswordHasher::verify(std::string_view hash, std::string_view password) {
  Slot slot(*this);
  const std::string h(hash);  // needs a terminated string
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::burn(std::string_view password) { (void)verify(dummy_hash_, password); }

bool PasswordHasher::needs_rehash(std::string_view hash) const {
  const std::string h(hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), params_.ops, static_cast<size_t>(params_.mem_kib) * 1024) != 0;
}

}  // namespace server::services
