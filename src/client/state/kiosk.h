// Kiosk mode: the portal on a shared touch screen without a keyboard (a customer office). A tab
// opened at /kiosk stays a kiosk until it is closed (sessionStorage). The customer types on the
// app's own keyboard (widgets/keyboard.cpp), downloads become "send it to my e-mail", and a
// customer who walks away is forgotten: after the timeout less 30 s a countdown offers to
// continue, at the timeout the server session ends, the app state, storage, cookies, IndexedDB
// and Cache Storage of the page are wiped, and the kiosk's start screen returns. The tab keeps
// one history entry, so Back never leads into an account.
//
// Time is the frame loop's clock, passed in (milliseconds); nothing here reads a clock.
#pragma once

#include <string>

#include "client/state/feature.h"

namespace client {

// [SECTION] State slice
struct KioskView {
  bool on = false;              // this tab is a kiosk
  int timeout_s = 120;          // idle seconds before the customer is logged out (/kiosk?timeout=)
  double idle_since_ms = -1;    // the last input (-1: from the next tick on)
  bool countdown = false;       // "Ste še tu?" is shown
  int seconds_left = 0;         // what the countdown says
  bool shift = false;           // the on-screen keyboard's capitals (for one letter)
  bool symbols = false;         // its page of symbols instead of letters
  bool logout_pending = false;  // the server did not confirm the logout yet: tried again
  double logout_retry_ms = 0;   // when to try again
  int wiped = 0;                // customers forgotten since the tab opened
};

constexpr int kKioskDefaultTimeoutS = 120;  // when the deployment says nothing
constexpr int kKioskMinTimeoutS = 60;       // ?timeout= is clamped to [60, 3600]
constexpr int kKioskMaxTimeoutS = 3600;
constexpr int kKioskWarningS = 30;  // the countdown shows for the last 30 s
constexpr double kKioskLogoutRetryMs = 5000;

// The sessionStorage keys that survive the wipe (the tab stays a kiosk).
constexpr const char* kKioskTabKey = "kiosk";                 // "1"
constexpr const char* kKioskTimeoutTabKey = "kiosk.timeout";  // seconds

// ?timeout=180 -> 180, clamped; anything else -> the default.
int kiosk_timeout_from(const std::string& value);

// [SECTION] Feature
class Kiosk : public Feature {
 public:
  using Feature::Feature;
  const char* name() const override { return "kiosk"; }
  bool apply(const Action& a) override;  // continue, keyboard; in a kiosk also logout, exports, links
  void signed_out() override;            // in a kiosk: the browser's storage too

  // On when the page opens at /kiosk (its ?timeout= kept for the tab) or the tab is a kiosk.
  void start(const std::string& path_and_query);

  // [SECTION] From the frame loop
  void input(double now_ms);  // a touch or a key: the idle time starts again
  bool tick(double now_ms);   // the countdown and the timeout; true if the state changed
  double wake_at() const;     // when a frame is needed for them (ms), -1: never

 private:
  void forget_customer(double now_ms, bool by_customer);  // logout + wipe + the start screen
  void send_logout(double now_ms);
  void mail_file(api::Pending<api::Nothing> sent);  // a download, mailed instead
  bool pristine() const;  // nothing of a customer to forget: no timer runs
  double now_ms_ = 0;     // the last tick's time (for the retry of a logout)
};

}  // namespace client
