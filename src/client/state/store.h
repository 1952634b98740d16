// The Store owns the AppState: it applies the screens' Actions, runs the effects they cause
// (the only place that calls api/), and folds the replies back into the state each frame.
// It validates with core as the customer types and before sending, against the server's
// `today` and limits from /rules, so the browser never accepts what the server would refuse.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "client/api/api_client.h"
#include "client/platform/browser.h"
#include "client/platform/http.h"
#include "client/state/actions.h"
#include "client/state/app_state.h"
#include "core/account_rules.h"
#include "core/energy.h"

namespace client {

class Store {
 public:
  Store(platform::Http& http, platform::Browser& browser);

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
  bool waiting() const { return !effects_.empty(); }  // replies still to come

  const core::CommonPasswords& common_passwords() const { return common_; }
  const core::OperatorCatalog& operators() const { return operators_; }

 private:
  using Effect = std::function<bool()>;  // true when done (its reply was applied)
  template <class T>
  void await(api::Pending<T> pending, std::function<void(const api::Reply<T>&)> done);

  void go(Route r, bool push = true);    // switches screens: guards, loads, URL, title
  void enter(const Route& r);            // what a screen needs when it opens
  void edit(const Action& a);
  void submit(const std::string& form);
  void validate(const std::string& form);  // core's checks, for inline errors
  void signed_in(const core::api::User& u);
  void signed_out();
  void load_contracts();
  void load_readings(const std::string& mp);
  void submit_reading(bool confirm_unusual, bool as_own_record);
  void answer(bool confirmed);
  void banner(std::string key, int tone, nlohmann::json params = nlohmann::json::object());
  void fill_profile_form();
  void reset_submit_form(const std::string& mp);
  void load_common_passwords();

  platform::Browser& browser_;
  api::ApiClient api_;
  AppState state_;
  core::CommonPasswords common_;
  core::OperatorCatalog operators_;
  std::string common_url_;
  bool common_requested_ = false;
  std::vector<Effect> effects_;
};

// The reading screen's value text -> the JSON number the API wants: "12345" -> 12345; a
// decimal ("12345,6" or "12345.6") -> 12345.6 (so core answers reading.not_integer); "" -> null.
nlohmann::json reading_value(const std::string& text);

}  // namespace client
