// Every screen has a URL (DESIGN.md: deep links, back/forward). Routes are parsed from and
// printed to paths here; the platform layer pushes them into the browser's history.
#pragma once

#include <string>
#include <string_view>

namespace client {

enum class Screen {
  home,             // "/"            signed in: the overview; signed out: login
  login,            // "/login"
  register_,        // "/register"
  activate,         // "/activate?token="
  forgot,           // "/forgot"
  reset,            // "/reset?token="
  confirm_email,    // "/confirm-email?token="
  unsubscribe,      // "/unsubscribe?token="
  contracts,        // "/contracts"            Pregled pogodb
  link_contract,    // "/contracts/link"       Poveži pogodbo
  submit_reading,   // "/submit/{mp}"          Oddaj števčno stanje ("/submit" = choose)
  readings,         // "/readings/{mp}"        Obstoječi odčitki
  settings,         // "/settings"             Nastavitve
  help,             // "/help"                 Pomoč
  why,              // "/why"                  Zakaj portal
  offers,           // "/offers"               Akcijske ponudbe
  question,         // "/question"             Imam vprašanje
  faq,              // "/faq"                  Pogosto zastavljena vprašanja
  links,            // "/links"                Koristne povezave
  invoices,         // "/invoices"             Računi
  benefits,         // "/benefits"             Moje ugodnosti
  news,             // "/news"                 Arhiv novic
  terms,            // "/terms"                Pogoji uporabe
  kiosk,            // "/kiosk?timeout=120"    the kiosk's start screen (state/kiosk.h)
  not_found,        // anything else
};

struct Route {
  Screen screen = Screen::home;
  std::string id;     // metering point id (submit, readings)
  std::string token;  // activate, reset, confirm_email, unsubscribe
  friend bool operator==(const Route& a, const Route& b) {
    return a.screen == b.screen && a.id == b.id && a.token == b.token;
  }
  friend bool operator!=(const Route& a, const Route& b) { return !(a == b); }
};

Route parse_route(std::string_view path_and_query);  // "/readings/12" -> {readings, "12"}
std::string route_path(const Route& r);               // the inverse
bool needs_session(Screen s);                         // signed-in screens
bool is_public_only(Screen s);                        // login, register...: a signed-in customer goes home
const char* screen_key(Screen s);                     // catalog key of its title: "screen.readings"
// A query parameter's value, token and id characters only: ("/kiosk?timeout=90", "timeout") -> "90".
std::string url_param(std::string_view path_and_query, std::string_view name);

}  // namespace client
