// The effects still waiting for their replies: each is an api::Pending polled every frame, with
// what to do with its reply. The Store runs them; features add them with await().
#pragma once

#include <functional>
#include <vector>

#include "client/api/api_client.h"

namespace client {

class Effects {
 public:
  explicit Effects(int& in_flight) : in_flight_(in_flight) {}

  // Runs `done` with the reply once `pending` has one.
  template <class T>
  void await(api::Pending<T> pending, std::function<void(const api::Reply<T>&)> done) {
    ++in_flight_;
    effects_.push_back([this, pending, done]() {
      if (!pending.done()) return false;
      --in_flight_;
      done(pending.reply());
      return true;
    });
  }

  // Applies every reply that is here (and those of the effects they start). true if any was.
  bool run() {
    bool changed = false;
    for (bool again = true; again;) {
      again = false;
      for (size_t i = 0; i < effects_.size();) {
        Effect e = effects_[i];
        if (e()) {
          effects_.erase(effects_.begin() + static_cast<long>(i));
          changed = again = true;
        } else {
          ++i;
        }
      }
    }
    return changed;
  }

  bool waiting() const { return !effects_.empty(); }  // replies still to come

 private:
  using Effect = std::function<bool()>;  // true when done (its reply was applied)
  int& in_flight_;                       // AppState::requests_in_flight
  std::vector<Effect> effects_;
};

}  // namespace client
