// The Store owns the AppState and routes: it applies the screens' Actions, hands each form and
// action to the feature that owns it (state/accounts.cpp, readings.cpp, ...), runs their effects
// (the only code that calls api/) and folds the replies back into the state each frame. It owns
// what belongs to no single feature: the language, /rules, the session, navigation, the banner
// and confirmations. Features validate with core as the customer types and before sending,
// against the server's `today` and limits from /rules, so the browser never accepts what the
// server would refuse.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "client/api/api_client.h"
#include "client/platform/browser.h"
#include "client/platform/http.h"
#include "client/platform/storage.h"
#include "client/state/actions.h"
#include "client/state/app_state.h"
#include "client/state/effects.h"
#include "client/state/feature.h"
#include "core/account_rules.h"
#include "core/energy.h"

namespace client {

class Accounts;
class Kiosk;
class Offline;
class Readings;

class Store {
 public:
  // `storage`: this device's records (state/offline.cpp); none = kept in memory for this Store only.
  Store(platform::Http& http, platform::Browser& browser, platform::Storage* storage = nullptr);
  ~Store();

  const AppState& state() const { return state_; }
  AppState& mutable_state() { return state_; }  // tests only

  // First load: the language, /rules, the session (GET /me) and the route of `path`.
  void start(const std::string& path, const std::string& common_passwords_url = "");
  // The screens' actions of one frame. true if the state changed.
  bool apply(std::vector<Action> actions);
  // Folds finished replies into the state. true if the state changed.
  bool update();
  // The browser went back or forward (popstate) to `path`.
  void location_changed(const std::string& path);
  bool waiting() const { return effects_.waiting(); }  // replies still to come
  // [offline] The browser went online or offline; a new release of the app is installed and waits.
  void network_changed(bool online);
  void update_ready();

  const core::CommonPasswords& common_passwords() const;
  const core::OperatorCatalog& operators() const { return operators_; }

  // [SECTION] For the features
  void go(Route r, bool push = true);    // switches screens: guards, loads, URL, title
  void banner(std::string key, int tone, nlohmann::json params = nlohmann::json::object());
  void signed_in(const core::api::User& u);
  void signed_out();                     // every feature forgets the customer's data
  void session_ended();                  // the server said 401: signed out, to the login
  // [offline] /rules from the server or this device's copy; the session asked again (the network
  // is back); the features Offline and Readings work with.
  void set_rules(const core::api::Rules& rules);
  void reconnect();
  Offline& offline() { return *offline_; }
  Readings& readings() { return *readings_; }

  // [SECTION] Kiosk: the frame loop passes its time in (input, tick, wake_at)
  Kiosk& kiosk() { return *kiosk_; }

 private:
  void enter(const Route& r);            // what a screen needs when it opens
  void edit(const Action& a);
  void submit(const std::string& form);
  void validate(const std::string& form);  // the owner's core checks, for inline errors
  void answer(bool confirmed);
  Feature* owner_of(const std::string& form) const;

  platform::Browser& browser_;
  api::ApiClient api_;
  AppState state_;
  Effects effects_{state_.requests_in_flight};
  core::OperatorCatalog operators_;
  std::string common_url_;
  std::unique_ptr<platform::Storage> own_storage_;  // when the app gave none
  bool checking_session_ = false;        // GET /auth/session is on its way
  Accounts* accounts_ = nullptr;         // also in features_
  Readings* readings_ = nullptr;         // also in features_
  Kiosk* kiosk_ = nullptr;               // also in features_ (after Offline: it answers some actions itself)
  Offline* offline_ = nullptr;           // also in features_ (the first: it may hold a logout back)
  std::vector<std::unique_ptr<Feature>> features_;
};

// The reading screen's value text -> the JSON number the API wants: "12345" -> 12345; a
// decimal ("12345,6" or "12345.6") -> 12345.6 (so core answers reading.not_integer); "" -> null.
nlohmann::json reading_value(const std::string& text);

}  // namespace client
