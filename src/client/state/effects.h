// The effects still waiting for their replies: each is an api::Pending polled every frame, with
// what to do with its reply. The Store runs them; features add them with await(). Once a customer
// is signed out, the replies to what was asked while they were signed in are dropped unread
// (forget_customer()): a list that arrives after a kiosk's wipe must not fill the next customer's
// screens. The features' own slices were reset by then. Replies awaited with await_always() (the
// logout itself, public pages, this device's storage) are still applied.
#pragma once

#include <functional>
#include <vector>

#include "client/api/api_client.h"

namespace client {

class Effects {
 public:
  explicit Effects(int& in_flight) : in_flight_(in_flight) {}

  // Runs `done` with the reply once `pending` has one.
  // `for_customer`: asked while a customer is signed in (its reply is dropped if they are signed
  // out before it comes).
  template <class T>
  void await(api::Pending<T> pending, std::function<void(const api::Reply<T>&)> done, bool for_customer = false) {
    add(std::move(pending), std::move(done), for_customer ? customer_ : -1);
  }
  // The same, applied even after the customer was signed out meanwhile.
  template <class T>
  void await_always(api::Pending<T> pending, std::function<void(const api::Reply<T>&)> done) {
    add(std::move(pending), std::move(done), -1);
  }

  // The customer is signed out: replies still to come for what was asked so far are dropped.
  void forget_customer() { ++customer_; }

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
  template <class T>
  void add(api::Pending<T> pending, std::function<void(const api::Reply<T>&)> done, long customer) {
    ++in_flight_;
    effects_.push_back([this, pending, done, customer]() {
      if (!pending.done()) return false;
      --in_flight_;
      if (customer < 0 || customer == customer_) done(pending.reply());
      return true;
    });
  }

  using Effect = std::function<bool()>;  // true when done (its reply was applied)
  int& in_flight_;                       // AppState::requests_in_flight
  std::vector<Effect> effects_;
  long customer_ = 0;                    // bumped by forget_customer()
};

}  // namespace client
