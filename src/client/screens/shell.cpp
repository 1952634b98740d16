// The shell around every screen: the brand header with the customer's name, the language switch
// and logout, the navigation with every menu item of the manual, the banner, the open
// confirmation dialog, and the screen of the current route.
#include <string>
#include <vector>

#include "client/screens/offline_notes.h"
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"

namespace client::screens {

using widgets::T;
using widgets::Tf;

namespace {

struct NavEntry {
  const char* id;   // item id (tests find it by this)
  Screen screen;
};

// The manual's menu (SPEC.md), in its order, plus settings and help.
const NavEntry kNav[] = {
    {"nav.home", Screen::home},
    {"nav.link_contract", Screen::link_contract},
    {"nav.contracts", Screen::contracts},
    {"nav.submit_reading", Screen::submit_reading},
    {"nav.invoices", Screen::invoices},
    {"nav.benefits", Screen::benefits},
    {"nav.offers", Screen::offers},
    {"nav.why", Screen::why},
    {"nav.question", Screen::question},
    {"nav.faq", Screen::faq},
    {"nav.links", Screen::links},
    {"nav.news", Screen::news},
    {"nav.settings", Screen::settings},
    {"nav.help", Screen::help},
};

std::string title_of(const AppState& s, Screen screen) {
  return Tf(screen_key(screen), {{"product", s.brand.product}});
}

void draw_top(const AppState& s, Actions& a) {
  const bool signed_in = s.session == Session::signed_in;
  const std::string who = signed_in ? (s.user.profile.name.empty() ? s.user.email : s.user.profile.name) : "";
  widgets::header_bar(s.brand.product, who);
  widgets::begin_row();
  const bool sl = s.locale == core::Locale::sl;
  if (widgets::link("shell.language", T("shell.language_switch")))
    a.set_locale(sl ? core::Locale::en : core::Locale::sl);
  if (signed_in && widgets::link("shell.logout", T("shell.logout"))) a.logout(false);
  // A visitor reading a public page (the FAQ, news, terms) finds the way to the login.
  const Screen here = s.route.screen;
  if (!signed_in && s.session == Session::signed_out && !is_public_only(here) && here != Screen::home &&
      widgets::link("shell.login", T("shell.login")))
    a.navigate(Screen::login);
  widgets::end_row();
  if (!signed_in) return;
  widgets::begin_nav("nav", T("shell.menu"));
  for (const auto& e : kNav) {
    const bool current = s.route.screen == e.screen ||
                         (e.screen == Screen::contracts && s.route.screen == Screen::readings);
    if (widgets::nav_link(e.id, title_of(s, e.screen), current)) a.navigate(e.screen);
  }
  widgets::end_nav();
}

void draw_banner(const AppState& s, Actions& a) {
  if (!s.banner) return;
  const auto tone = static_cast<widgets::Tone>(s.banner->tone);
  widgets::begin_card("banner", 900);
  widgets::alert("banner.text", tone, Tf(s.banner->key, s.banner->params));
  if (widgets::link("banner.dismiss", T("shell.close"))) a.dismiss_banner();
  widgets::end_card();
}

void draw_confirm(const AppState& s, Actions& a) {
  if (!s.confirm) return;
  const std::string k = "confirm." + s.confirm->kind;
  const bool danger = s.confirm->kind != "logout_all";
  const int r = widgets::confirm_dialog("confirm", T(k + ".title"), T(k + ".text"), T(k + ".confirm"),
                                        T("shell.cancel"),
                                        danger ? widgets::ButtonKind::danger : widgets::ButtonKind::primary);
  if (r >= 0) a.answer(r == 1);
}

}  // namespace

void draw_loading(const AppState&, Actions&) {
  widgets::begin_card("loading", 560);
  widgets::spinner("loading.spinner", T("shell.loading"));
  widgets::end_card();
}

void draw_not_found(const AppState&, Actions& a) {
  widgets::begin_card("not_found", 720);
  widgets::heading(T("screen.not_found"));
  widgets::paragraph(T("shell.not_found_text"));
  if (widgets::button("not_found.home", T("shell.back_home"))) a.navigate(Screen::home);
  widgets::end_card();
}

void draw_app(const AppState& s, Actions& a) {
  widgets::begin_page("page", route_path(s.route));  // another screen opens at its top
  draw_top(s, a);
  draw_banner(s, a);
  offline::draw_notice(s, a);  // no network: the device's copy; readings waiting; a new release
  if (s.session == Session::unknown) {
    draw_loading(s, a);
  } else {
    switch (s.route.screen) {
      case Screen::home: draw_home(s, a); break;
      case Screen::login: draw_login(s, a); break;
      case Screen::register_: draw_register(s, a); break;
      case Screen::activate:
      case Screen::confirm_email:
      case Screen::unsubscribe: draw_activate(s, a); break;
      case Screen::forgot: draw_forgot(s, a); break;
      case Screen::reset: draw_reset(s, a); break;
      case Screen::settings: draw_settings(s, a); break;
      case Screen::contracts: draw_contracts(s, a); break;
      case Screen::link_contract: draw_link_contract(s, a); break;
      case Screen::submit_reading: draw_submit_reading(s, a); break;
      case Screen::readings: draw_readings(s, a); break;
      case Screen::help: draw_help(s, a); break;
      case Screen::invoices: draw_invoices(s, a); break;
      case Screen::question: draw_question(s, a); break;
      case Screen::why:
      case Screen::offers:
      case Screen::faq:
      case Screen::links:
      case Screen::benefits:
      case Screen::news:
      case Screen::terms: draw_content(s, a); break;
      case Screen::not_found: draw_not_found(s, a); break;
      case Screen::kiosk: draw_kiosk_start(s, a); break;
    }
  }
  draw_confirm(s, a);
  draw_kiosk_overlays(s, a);  // a kiosk's keyboard and countdown (kiosk.cpp)
  widgets::end_page();
}

}  // namespace client::screens
