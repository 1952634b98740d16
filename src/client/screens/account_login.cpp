// PRIJAVA (the manual's section 2): e-mail, password, remember me; links to registration and
// the forgotten password; clear messages for wrong credentials, not activated (with "send the
// activation mail again") and throttling (with the time to wait).
#include "client/screens/account_fields.h"
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"

namespace client::screens {

using widgets::T;

void draw_login(const AppState& s, Actions& a) {
  const Form& f = s.form("login");
  widgets::begin_card("login", 480);
  widgets::heading(T("screen.login"));
  account::general_errors("login", f, {"email", "password"});
  if (core::has_code(f.errors(), core::codes::auth_not_activated) &&
      widgets::link("login.resend", T("login.resend_activation")))
    a.resend_activation(f.get("email"));
  widgets::begin_form("login.form");
  bool enter = false;
  widgets::FieldOptions email;
  email.label = T("login.email");
  email.input_type = "email";
  email.autocomplete = "username";
  email.required = true;
  enter |= account::text_field(a, "login", f, "email", email);
  widgets::FieldOptions pw;
  pw.label = T("login.password");
  pw.input_type = "password";
  pw.autocomplete = "current-password";
  pw.required = true;
  enter |= account::text_field(a, "login", f, "password", pw);
  // A kiosk is shared: nobody stays signed in on it.
  if (!s.kiosk.on)
    if (auto v = widgets::checkbox("login.remember", T("login.remember"), f.flag("remember")))
      a.toggle("login", "remember", *v);
  const bool submit = widgets::button("login.submit", T("login.submit"), widgets::ButtonKind::primary, false, f.busy);
  widgets::end_form();
  if (submit || enter) a.submit("login");
  widgets::begin_row();
  if (widgets::link("login.register", T("login.register"))) a.navigate(Screen::register_);
  if (widgets::link("login.forgot", T("login.forgot"))) {
    // The address typed here goes along, so the customer does not type it twice.
    if (!f.get("email").empty()) a.edit("forgot", "email", f.get("email"));
    a.navigate(Screen::forgot);
  }
  widgets::end_row();
  widgets::end_card();
}

}  // namespace client::screens
