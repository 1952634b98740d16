#include "client/state/kiosk.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "client/state/store.h"

namespace client {

int kiosk_timeout_from(const std::string& value) {
  if (value.empty() || value.size() > 6 ||
      !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return kKioskDefaultTimeoutS;
  return std::clamp(std::atoi(value.c_str()), kKioskMinTimeoutS, kKioskMaxTimeoutS);
}

void Kiosk::start(const std::string& path) {
  KioskView& k = state().kiosk;
  if (parse_route(path).screen == Screen::kiosk) {
    // The deployment's choice travels in the kiosk's start URL and stays with the tab.
    browser().save_tab_setting(kKioskTabKey, "1");
    browser().save_tab_setting(kKioskTimeoutTabKey, std::to_string(kiosk_timeout_from(url_param(path, "timeout"))));
  }
  k.on = browser().load_tab_setting(kKioskTabKey) == "1";
  if (k.on) k.timeout_s = kiosk_timeout_from(browser().load_tab_setting(kKioskTimeoutTabKey));
}

// [SECTION] Idle time

bool Kiosk::pristine() const {
  const AppState& s = ctx_.state;
  return s.route.screen == Screen::kiosk && s.session != Session::signed_in && s.forms.empty() &&
         s.locale == core::Locale::sl && !s.kiosk.logout_pending;
}

void Kiosk::input(double now_ms) {
  KioskView& k = state().kiosk;
  // Once the countdown shows, only "continue" continues: a stray touch is not an answer.
  if (!k.on || k.countdown) return;
  k.idle_since_ms = now_ms;
}

bool Kiosk::tick(double now_ms) {
  KioskView& k = state().kiosk;
  now_ms_ = now_ms;
  if (!k.on) return false;
  if (k.logout_pending && now_ms >= k.logout_retry_ms) send_logout(now_ms);
  if (k.idle_since_ms < 0 || pristine()) {
    // Nothing to forget: the clock starts when there is (the first touch starts it anyway).
    k.idle_since_ms = now_ms;
    const bool changed = k.countdown;
    k.countdown = false;
    return changed;
  }
  const double idle = now_ms - k.idle_since_ms;
  const double timeout = k.timeout_s * 1000.0;
  if (idle >= timeout) {
    forget_customer(now_ms, false);
    return true;
  }
  if (idle >= timeout - kKioskWarningS * 1000.0) {
    const int left = static_cast<int>(std::ceil((timeout - idle) / 1000.0));
    if (k.countdown && left == k.seconds_left) return false;
    k.countdown = true;
    k.seconds_left = left;
    return true;
  }
  if (!k.countdown) return false;
  k.countdown = false;
  return true;
}

double Kiosk::wake_at() const {
  const KioskView& k = ctx_.state.kiosk;
  if (!k.on) return -1;
  double at = k.logout_pending ? k.logout_retry_ms : -1;
  auto sooner = [&at](double t) { at = at < 0 ? t : std::min(at, t); };
  if (k.idle_since_ms >= 0 && !pristine()) {
    const double timeout = k.idle_since_ms + k.timeout_s * 1000.0;
    // Before the countdown one timer for its start; then one a second, as its number changes.
    sooner(k.countdown ? timeout - (k.seconds_left - 1) * 1000.0 : timeout - kKioskWarningS * 1000.0);
  }
  return at;
}

// [SECTION] Forgetting the customer

void Kiosk::send_logout(double now_ms) {
  KioskView& k = state().kiosk;
  k.logout_pending = true;
  k.logout_retry_ms = now_ms + kKioskLogoutRetryMs;  // until the answer comes
  await_always<api::Nothing>(api().logout(false), [this](const api::Reply<api::Nothing>& r) {
    // 401: that session had ended already. A network failure: the cookie may still be good, so
    // the next tick after the retry time sends it again.
    if (r.ok() || r.status == 401) state().kiosk.logout_pending = false;
  });
}

void Kiosk::forget_customer(double now_ms, bool by_customer) {
  if (state().session == Session::signed_in || state().kiosk.logout_pending) send_logout(now_ms);
  ctx_.store.signed_out();  // every feature forgets; signed_out() below wipes the browser
  state().kiosk.idle_since_ms = now_ms;
  ++state().kiosk.wiped;
  go(Route{Screen::kiosk, "", ""}, false);
  if (by_customer) banner("kiosk.banner.logged_out", 1);
}

void Kiosk::signed_out() {
  KioskView& k = state().kiosk;
  if (!k.on) return;
  AppState& s = state();
  // Whatever signed the customer out (the timeout, Odjava, a deleted account, an ended session),
  // nothing of theirs stays for the next one: forms as typed, the language, messages, storage.
  s.forms.clear();
  s.after_login = Route{};
  s.banner.reset();
  s.confirm.reset();
  s.nav_open = false;
  s.locale = core::Locale::sl;
  browser().set_language(core::locale_code(s.locale));
  k.countdown = false;
  k.shift = k.symbols = false;
  browser().forget_customer({kKioskTabKey, kKioskTimeoutTabKey});
  // The URL is replaced by the screen the caller goes to next (a kiosk pushes no entries).
}

// [SECTION] Actions

// A file the customer asked for goes to their own address; the banner says where.
void Kiosk::mail_file(api::Pending<api::Nothing> sent) {
  await<api::Nothing>(std::move(sent), [this](const api::Reply<api::Nothing>& r) {
    if (r.ok())
      banner("kiosk.banner.mailed", 1, {{"email", state().user.email}});
    else
      error_banner(r.errors);
  });
}

bool Kiosk::apply(const Action& a) {
  KioskView& k = state().kiosk;
  switch (a.kind) {
    case Action::Kind::kiosk_continue:
      k.countdown = false;
      k.idle_since_ms = now_ms_;
      return true;
    case Action::Kind::kiosk_keyboard:
      k.shift = a.flag;
      k.symbols = a.number != 0;
      return true;
    default:
      break;
  }
  if (!k.on) return false;
  switch (a.kind) {
    case Action::Kind::logout:
      if (a.flag) return false;  // everywhere: Accounts asks the server; signed_out() wipes here
      forget_customer(now_ms_, true);
      return true;
    // No files on a shared screen: they are mailed to the customer's own address instead.
    case Action::Kind::export_readings:
      mail_file(api().mail_readings_export(a.id, a.value));
      return true;
    case Action::Kind::export_my_data:
      if (form("export").busy) return true;
      form("export").busy = true;
      form("export").done = false;
      // Done: the settings screen says where it went.
      await<api::Nothing>(api().mail_my_data(), [this](const api::Reply<api::Nothing>& r) {
        if (!finish("export", r).done) error_banner(r.errors);
      });
      return true;
    case Action::Kind::download_invoice:
      mail_file(api().mail_invoice(a.id));
      return true;
    default:
      return false;
  }
}

}  // namespace client
