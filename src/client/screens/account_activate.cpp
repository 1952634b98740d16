// The pages the mailed links open: account activation (/activate), the e-mail change
// confirmation (/confirm-email) and the reminder's unsubscribe (/unsubscribe). Each checks its
// token while a spinner shows, then says what happened and where to go next; a used or expired
// link says so and offers the way to a new one; a failed request can be tried again.
#include "client/screens/account_fields.h"
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"

namespace client::screens {

using widgets::T;
using widgets::Tf;

namespace {

bool is_token_error(const core::Errors& errors) {
  return core::has_code(errors, core::codes::token_invalid) || core::has_code(errors, core::codes::token_expired) ||
         core::has_code(errors, core::codes::request_malformed);
}

// The request did not get an answer about the token (network, server): say why, offer a retry.
void draw_failed(const AppState& s, Actions& a, const std::string& page, const Form& f) {
  widgets::heading(T(page + ".failed.title"));
  account::general_errors(page, f, {});
  if (widgets::button((page + ".retry").c_str(), T("shell.retry"))) a.navigate(s.route);
}

void draw_activation(const AppState& s, Actions& a) {
  const Form& f = s.form("activate");
  if (f.busy) {
    widgets::spinner("activate.working", T("activate.working"));
    return;
  }
  if (f.done) {
    widgets::heading(T("activate.done.title"));
    widgets::alert("activate.done", widgets::Tone::success, Tf("activate.done.text", {{"product", s.brand.product}}));
    if (s.session == Session::signed_in) {
      if (widgets::button("activate.home", T("shell.back_home"))) a.navigate(Screen::home);
    } else if (widgets::button("activate.login", T("activate.login"))) {
      a.navigate(Screen::login);
    }
    return;
  }
  if (!is_token_error(f.errors())) {
    draw_failed(s, a, "activate", f);
    return;
  }
  const bool expired = core::has_code(f.errors(), core::codes::token_expired);
  widgets::heading(T(expired ? "activate.expired.title" : "activate.invalid.title"));
  widgets::alert("activate.error", widgets::Tone::error,
                 T(expired ? "activate.expired.text" : "activate.invalid.text"));
  widgets::paragraph(T("activate.new_link.text"));
  widgets::begin_row();
  if (widgets::button("activate.new_link", T("activate.new_link"))) a.navigate(Screen::forgot);
  if (s.session != Session::signed_in &&
      widgets::button("activate.login", T("activate.login"), widgets::ButtonKind::secondary))
    a.navigate(Screen::login);
  widgets::end_row();
}

void draw_email_confirmation(const AppState& s, Actions& a) {
  const Form& f = s.form("confirm_email");
  if (f.busy) {
    widgets::spinner("confirm_email.working", T("confirm_email.working"));
    return;
  }
  const bool signed_in = s.session == Session::signed_in;
  if (f.done) {
    widgets::heading(T("confirm_email.done.title"));
    widgets::alert("confirm_email.done", widgets::Tone::success, T("confirm_email.done.text"));
    if (signed_in) widgets::label_value(T("confirm_email.address"), s.user.email);
    if (signed_in) {
      if (widgets::button("confirm_email.settings", T("confirm_email.settings"))) a.navigate(Screen::settings);
    } else if (widgets::button("confirm_email.login", T("activate.login"))) {
      a.navigate(Screen::login);
    }
    return;
  }
  if (!is_token_error(f.errors())) {
    draw_failed(s, a, "confirm_email", f);
    return;
  }
  const bool expired = core::has_code(f.errors(), core::codes::token_expired);
  widgets::heading(T(expired ? "confirm_email.expired.title" : "confirm_email.invalid.title"));
  widgets::alert("confirm_email.error", widgets::Tone::error,
                 T(expired ? "confirm_email.expired.text" : "confirm_email.invalid.text"));
  if (signed_in) {
    if (widgets::button("confirm_email.settings", T("confirm_email.settings"))) a.navigate(Screen::settings);
  } else if (widgets::button("confirm_email.login", T("activate.login"))) {
    a.navigate(Screen::login);
  }
}

void draw_unsubscribe(const AppState& s, Actions& a) {
  const Form& f = s.form("unsubscribe");
  if (f.busy) {
    widgets::spinner("unsubscribe.working", T("unsubscribe.working"));
    return;
  }
  if (f.done) {
    const bool sms = f.get("channel") == "sms";
    widgets::heading(T("unsubscribe.done.title"));
    widgets::alert("unsubscribe.done", widgets::Tone::success,
                   Tf(sms ? "unsubscribe.done.sms" : "unsubscribe.done.email", {{"number", f.get("number")}}));
    widgets::label_value(T("unsubscribe.metering_point"), f.get("number"));
    widgets::label_value(T("unsubscribe.channel"), T(sms ? "unsubscribe.channel.sms" : "unsubscribe.channel.email"));
    widgets::paragraph(T("unsubscribe.done.again"));
    if (widgets::button("unsubscribe.contracts", T("unsubscribe.contracts"))) a.navigate(Screen::contracts);
    return;
  }
  if (!is_token_error(f.errors()) && !core::has_code(f.errors(), core::codes::not_found)) {
    draw_failed(s, a, "unsubscribe", f);
    return;
  }
  widgets::heading(T("unsubscribe.invalid.title"));
  widgets::alert("unsubscribe.error", widgets::Tone::error, T("unsubscribe.invalid.text"));
  if (widgets::button("unsubscribe.contracts", T("unsubscribe.contracts"))) a.navigate(Screen::contracts);
}

}  // namespace

void draw_activate(const AppState& s, Actions& a) {
  widgets::begin_card("activate", 640);
  switch (s.route.screen) {
    case Screen::confirm_email:
      draw_email_confirmation(s, a);
      break;
    case Screen::unsubscribe:
      draw_unsubscribe(s, a);
      break;
    default:
      draw_activation(s, a);
      break;
  }
  widgets::end_card();
}

}  // namespace client::screens
