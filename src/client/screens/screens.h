// One function per screen: draw(const AppState&, Actions&). Screens hold catalog keys, never
// literal texts, and never fetch or parse JSON: they read the state and dispatch actions.
//
// draw_app() is the shell around them: header, navigation, the banner, the open confirmation,
// and the screen of the current route.
#pragma once

#include "client/state/app_state.h"

namespace client::screens {

// [SECTION] The shell (shell.cpp)
void draw_app(const AppState& state, Actions& actions);
void draw_loading(const AppState& state, Actions& actions);    // session still being checked
void draw_not_found(const AppState& state, Actions& actions);

// [SECTION] Accounts (account_*.cpp): the manual's sections 1-4
void draw_login(const AppState& state, Actions& actions);
void draw_register(const AppState& state, Actions& actions);
void draw_activate(const AppState& state, Actions& actions);       // also confirm-email, unsubscribe
void draw_forgot(const AppState& state, Actions& actions);
void draw_reset(const AppState& state, Actions& actions);
void draw_settings(const AppState& state, Actions& actions);

// [SECTION] Contracts and readings (reading_*.cpp): the manual's sections 5-7
void draw_home(const AppState& state, Actions& actions);           // the overview after login
void draw_contracts(const AppState& state, Actions& actions);      // Pregled pogodb
void draw_link_contract(const AppState& state, Actions& actions);  // Poveži pogodbo
void draw_submit_reading(const AppState& state, Actions& actions); // Oddaj števčno stanje
void draw_readings(const AppState& state, Actions& actions);       // Obstoječi odčitki + chart
void draw_help(const AppState& state, Actions& actions);           // Pomoč

// [SECTION] The rest of the menu
void draw_invoices(const AppState& state, Actions& actions);       // Računi (invoices.cpp)
void draw_question(const AppState& state, Actions& actions);       // Imam vprašanje (question.cpp)
// The supplier's pages (content_page.cpp): FAQ, news, offers, benefits, links, why, terms.
void draw_content(const AppState& state, Actions& actions);

// [SECTION] Kiosk (kiosk.cpp): a shared touch screen (state/kiosk.h)
void draw_kiosk_start(const AppState& state, Actions& actions);     // between customers
void draw_kiosk_overlays(const AppState& state, Actions& actions);  // keyboard, idle countdown

// The developer gallery is drawn by app/ with its own state (screens/gallery.h).
void draw_welcome(const AppState& state, Actions& actions);

}  // namespace client::screens
