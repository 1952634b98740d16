#include "client/state/store.h"

#include <algorithm>

#include "client/state/accounts.h"
#include "client/state/content.h"
#include "client/state/invoices.h"
#include "client/state/kiosk.h"
#include "client/state/offline.h"
#include "client/state/questions.h"
#include "client/state/readings.h"

namespace client {

// [SECTION] What every feature shares

void Feature::go(const Route& r, bool push) { ctx_.store.go(r, push); }

void Feature::banner(std::string key, int tone, nlohmann::json params) {
  ctx_.store.banner(std::move(key), tone, std::move(params));
}

void Feature::error_banner(const core::Errors& errors) {
  if (errors.empty())
    banner("error.server.error", 3);
  else
    banner("error." + errors[0].code, 3, errors[0].params);
}

Form& Feature::form(const std::string& name) { return ctx_.state.forms[name]; }

bool Feature::signed_in() const { return ctx_.state.session == Session::signed_in; }

Form& Feature::finished(const std::string& name, bool ok, const core::Errors& answer, int retry_after_s) {
  Form& f = form(name);
  f.busy = false;
  f.answer = answer;
  f.retry_after_s = retry_after_s;
  f.done = ok;
  return f;
}

// [SECTION] The Store

Store::Store(platform::Http& http, platform::Browser& browser, platform::Storage* storage)
    : browser_(browser), api_(http) {
  if (!storage) {
    own_storage_ = std::make_unique<platform::MemoryStorage>();
    storage = own_storage_.get();
  }
  const FeatureContext ctx{state_, api_, browser_, effects_, *this};
  auto offline = std::make_unique<Offline>(ctx, *storage);
  offline_ = offline.get();
  features_.push_back(std::move(offline));  // first: it may hold a logout back (readings unsent)
  api_.set_on_status([this](int status) { offline_->heard(status != 0); });
  // Kiosk next: in a kiosk it answers logout and the exports before their usual owners.
  auto kiosk = std::make_unique<Kiosk>(ctx);
  kiosk_ = kiosk.get();
  features_.push_back(std::move(kiosk));
  auto accounts = std::make_unique<Accounts>(ctx);
  auto readings = std::make_unique<Readings>(ctx);
  accounts_ = accounts.get();
  readings_ = readings.get();
  features_.push_back(std::move(accounts));
  features_.push_back(std::move(readings));
  features_.push_back(std::make_unique<Invoices>(ctx));
  features_.push_back(std::make_unique<Questions>(ctx));
  features_.push_back(std::make_unique<Content>(ctx));
}

Store::~Store() = default;

const core::CommonPasswords& Store::common_passwords() const { return accounts_->common_passwords(); }

Feature* Store::owner_of(const std::string& form) const {
  for (const auto& f : features_)
    for (const auto& name : f->forms())
      if (name == form) return f.get();
  return nullptr;
}

void Store::banner(std::string key, int tone, nlohmann::json params) {
  state_.banner = Banner{std::move(key), std::move(params), tone};
}

// [SECTION] Start, navigation and session

void Store::start(const std::string& path, const std::string& common_passwords_url) {
  common_url_ = common_passwords_url;
  accounts_->set_common_passwords_url(common_passwords_url);
  kiosk_->start(path);
  core::Locale l;
  if (core::parse_locale(browser_.load_setting("locale"), l)) state_.locale = l;
  browser_.set_language(core::locale_code(state_.locale));
  state_.route = parse_route(path);
  offline_->start();  // [offline] this device's records, read while the requests are on their way
  state_.rules_load.loading = true;
  effects_.await<core::api::Rules>(api_.rules(), [this](const api::Reply<core::api::Rules>& r) {
    state_.rules_load.loading = false;
    if (!r.ok()) {
      state_.rules_load.errors = r.errors;
      if (r.status == 0) offline_->when_restored([this] { offline_->restore_rules(); });  // [offline]
      return;
    }
    set_rules(r.value);
  });
  checking_session_ = true;
  effects_.await<std::optional<core::api::User>>(
      api_.session(), [this](const api::Reply<std::optional<core::api::User>>& r) {
        // [offline] The device's records decide too: a logout it owes the server, its copy without network.
        offline_->when_restored([this, r] {
          checking_session_ = false;
          const bool had_session = state_.session == Session::signed_in;  // from the copy
          if (r.ok() && r.value && offline_->owes_logout()) {
            offline_->pay_logout();  // signed out without network: the server hears it now
            state_.session = Session::signed_out;
          } else if (r.ok() && r.value) {
            signed_in(*r.value);
          } else if (!r.ok() && (had_session || (r.status == 0 && offline_->restore_session()))) {
            // no answer: the customer goes on with this device's copy (marked as such)
          } else {
            if (r.ok()) {  // no session (any more): the copy goes, unsent readings wait for the next login
              offline_->session_expired();
              signed_out();
            }
            state_.session = Session::signed_out;
            if (!r.ok()) banner("error." + r.errors[0].code, 3);
          }
          go(state_.route, false);
        });
      });
}

void Store::set_rules(const core::api::Rules& rules) {
  state_.rules = rules;
  state_.rules_load.loaded = true;
  state_.rules_load.errors.clear();
  core::OperatorCatalog catalog;
  nlohmann::json ops = nlohmann::json::array();
  for (const auto& o : rules.operators) ops.push_back(core::to_json(o));
  std::string error;
  if (catalog.load(nlohmann::json{{"operators", ops}}.dump(), error)) operators_ = catalog;
  if (state_.route.screen == Screen::submit_reading) readings_->reset_submit_form(state_.submit.metering_point_id);
}

// [offline] The network is back: the session and /rules again (not twice at once).
void Store::reconnect() {
  if (!checking_session_) start(route_path(state_.route), common_url_);
}

bool Store::update() {
  if (!effects_.run()) return false;
  offline_->replies_arrived();  // [offline] the device's copy where the network failed; what was loaded saved
  return true;
}

void Store::network_changed(bool online) { offline_->network_changed(online); }

void Store::update_ready() { state_.offline.update_ready = true; }

void Store::location_changed(const std::string& path) { go(parse_route(path), false); }

void Store::go(Route r, bool push) {
  // A kiosk keeps one history entry (Back never leads into an account), and without a customer
  // its start screen stands for the login and every private screen.
  if (state_.kiosk.on) {
    push = false;
    if (state_.session == Session::signed_out && (r.screen == Screen::home || needs_session(r.screen)))
      r = Route{Screen::kiosk, "", ""};
  }
  if (r.screen == Screen::home && state_.session == Session::signed_out) r = Route{Screen::login, "", ""};
  if (needs_session(r.screen) && state_.session == Session::signed_out) {
    state_.after_login = r;
    r = Route{Screen::login, "", ""};
    push = false;
  }
  if (is_public_only(r.screen) && state_.session == Session::signed_in) {
    r = Route{Screen::home, "", ""};
    push = false;
  }
  const bool changed = r != state_.route;
  state_.route = r;
  state_.nav_open = false;
  state_.confirm.reset();
  const std::string path = route_path(r);
  if (push && changed)
    browser_.push_path(path);
  else
    browser_.replace_path(path);
  if (state_.session != Session::unknown) enter(r);
}

void Store::enter(const Route& r) {
  for (const auto& f : features_) f->enter(r);
}

void Store::signed_in(const core::api::User& u) {
  state_.session = Session::signed_in;
  state_.user = u;
  core::Locale l;
  if (core::parse_locale(u.profile.locale, l) && browser_.load_setting("locale").empty()) state_.locale = l;
  offline_->signed_in(u);  // [offline] this device's copy and queue are this customer's
  browser_.save_setting("signed_in", "1");  // the next visit loads the signed-in screens' code at once
}

void Store::signed_out() {
  effects_.forget_customer();  // replies to what was asked for them are dropped (effects.h)
  state_.session = Session::signed_out;
  state_.user = {};
  for (const auto& f : features_) f->signed_out();
  browser_.save_setting("signed_in", "");
}

void Store::session_ended() {
  offline_->session_expired();  // [offline] unsent readings wait for this customer's next login
  signed_out();
  go(Route{Screen::login, "", ""}, false);
}

// [SECTION] Actions

bool Store::apply(std::vector<Action> actions) {
  if (actions.empty()) return false;
  for (const Action& a : actions) {
    switch (a.kind) {
      case Action::Kind::set_locale:
        if (state_.locale == a.locale) continue;
        state_.locale = a.locale;
        browser_.save_setting("locale", core::locale_code(a.locale));
        browser_.set_language(core::locale_code(a.locale));
        break;  // the features hear of it too (the profile's language)
      case Action::Kind::navigate:
        // A message belongs to the screen it answered: going elsewhere clears it (the screens an
        // effect moves to, such as the login after a logout, keep theirs).
        if (a.route != state_.route) state_.banner.reset();
        go(a.route, true);
        continue;
      case Action::Kind::edit:
        edit(a);
        continue;
      case Action::Kind::toggle: {
        Form& f = state_.forms[a.form];
        f.flags[a.field] = a.flag;
        f.touched.insert(a.field);
        validate(a.form);
        continue;
      }
      case Action::Kind::blur:
        state_.forms[a.form].touched.insert(a.field);
        continue;
      case Action::Kind::submit:
        submit(a.form);
        continue;
      case Action::Kind::ask:
        state_.confirm = Confirm{a.value, a.id};
        continue;
      case Action::Kind::answer:
        answer(a.flag);
        continue;
      case Action::Kind::retry:
        if (a.value == "rules" || a.value == "session") {
          start(route_path(state_.route), common_url_);
          continue;
        }
        for (const auto& f : features_)
          if (f->retry(a.value, a.id)) break;
        continue;
      case Action::Kind::toggle_nav:
        state_.nav_open = !state_.nav_open;
        continue;
      case Action::Kind::dismiss_banner:
        state_.banner.reset();
        continue;
      case Action::Kind::open_contact:
        if (state_.kiosk.on) continue;  // a kiosk shows addresses as text (nothing leaves it)
        if (a.value.rfind("mailto:", 0) == 0 || a.value.rfind("tel:", 0) == 0) browser_.open_contact(a.value);
        continue;
      case Action::Kind::copy_text:
        browser_.copy_text(a.value);
        banner("banner.copied", 1, {{"text", a.value}});
        continue;
      case Action::Kind::open_link:
        if (state_.kiosk.on) continue;
        if (a.value.rfind("https://", 0) == 0 || a.value.rfind("http://", 0) == 0) browser_.open_link(a.value);
        continue;
      default:
        break;
    }
    for (const auto& f : features_)
      if (f->apply(a)) break;
  }
  return true;
}

void Store::edit(const Action& a) {
  Form& f = state_.forms[a.form];
  f.text[a.field] = a.value;
  f.touched.insert(a.field);
  f.done = false;
  // The customer answers the server's word on this field by changing it: that word is done.
  f.answer.erase(std::remove_if(f.answer.begin(), f.answer.end(),
                                [&](const core::Error& e) { return e.field == a.field; }),
                 f.answer.end());
  if (Feature* owner = owner_of(a.form)) owner->edited(a.form, a.field);
  validate(a.form);
}

void Store::validate(const std::string& name) {
  Feature* owner = owner_of(name);
  state_.forms[name].checks = owner ? owner->check(name) : core::Errors{};
}

void Store::answer(bool confirmed) {
  if (!state_.confirm) return;
  const Confirm c = *state_.confirm;
  state_.confirm.reset();
  if (!confirmed) return;
  for (const auto& f : features_)
    if (f->confirmed(c.kind, c.id)) return;
}

// [SECTION] Submitting forms

void Store::submit(const std::string& name) {
  Feature* owner = owner_of(name);
  if (!owner) return;
  Action a{Action::Kind::submit};
  a.form = name;
  if (owner->apply(a)) return;  // a form with a flow of its own (the reading)
  Form& f = state_.forms[name];
  if (f.busy) return;
  f.submitted_once = true;
  f.answer.clear();
  validate(name);
  // Rules that only the server can check may still fail; everything core knows fails here.
  if (!f.checks.empty()) {
    ++state_.refused_submits;
    return;
  }
  f.busy = true;
  f.done = false;
  owner->send(name);
}

}  // namespace client
