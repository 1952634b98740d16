// PRIJAVA (the manual's section 2): e-mail, password, remember me; links to registration and
// the forgotten password; clear messages for wrong credentials, not activated (with "send the
// activation mail again") and throttling (with the time to wait).
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"

namespace client::screens {

using widgets::T;
using widgets::Tf;

namespace {

// The message for an error, in the customer's language, with its parameters.
std::string message(const core::Error& e, int retry_after_s) {
  nlohmann::json p = e.params;
  if (retry_after_s > 0) p["retry_after_minutes"] = (retry_after_s + 59) / 60;
  return Tf("error." + e.code, p);
}

}  // namespace

void draw_login(const AppState& s, Actions& a) {
  const Form& f = s.form("login");
  widgets::begin_card("login", 480);
  widgets::heading(T("screen.login"));
  for (const auto& e : f.general_errors({"email", "password"}))
    widgets::alert(("login.error." + e.code).c_str(), widgets::Tone::error, message(e, f.retry_after_s));
  if (core::has_code(f.errors, core::codes::auth_not_activated) &&
      widgets::link("login.resend", T("login.resend_activation")))
    a.resend_activation(f.get("email"));
  widgets::begin_form("login.form");
  widgets::FieldOptions email;
  email.label = T("login.email");
  email.input_type = "email";
  email.autocomplete = "username";
  email.required = true;
  if (const auto* e = f.error_for("email")) email.error = T("error." + e->code);
  if (auto v = widgets::text_field("login.email", f.get("email"), email)) a.edit("login", "email", *v);
  widgets::FieldOptions pw;
  pw.label = T("login.password");
  pw.input_type = "password";
  pw.autocomplete = "current-password";
  pw.required = true;
  if (const auto* e = f.error_for("password")) pw.error = T("error." + e->code);
  if (auto v = widgets::text_field("login.password", f.get("password"), pw)) a.edit("login", "password", *v);
  if (auto v = widgets::checkbox("login.remember", T("login.remember"), f.flag("remember")))
    a.toggle("login", "remember", *v);
  const bool submit = widgets::button("login.submit", T("login.submit"), widgets::ButtonKind::primary, false, f.busy);
  widgets::end_form();
  if (submit || widgets::field_submitted("login.password") || widgets::field_submitted("login.email"))
    a.submit("login");
  widgets::begin_row();
  if (widgets::link("login.register", T("login.register"))) a.navigate(Screen::register_);
  if (widgets::link("login.forgot", T("login.forgot"))) a.navigate(Screen::forgot);
  widgets::end_row();
  widgets::end_card();
}

}  // namespace client::screens
