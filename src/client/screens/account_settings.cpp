// NASTAVITVE (the manual's section 4 and what a self-service account needs): profile and
// notifications, UREDI GESLO (change the password), change the e-mail address, confirm the phone
// number, language, download my data, delete my account, log out here or everywhere. One card per
// concern; each says in place what its request did (the banner may be scrolled out of view).
#include "client/screens/account_fields.h"
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"
#include "core/account_rules.h"

namespace client::screens {

using widgets::T;
using widgets::Tf;

namespace {

constexpr float kCardWidth = 720;

void draw_profile(const AppState& s, Actions& a) {
  const Form& f = s.form("profile");
  widgets::begin_card("settings.profile", kCardWidth);
  widgets::heading(T("screen.settings"));
  widgets::muted(Tf("settings.signed_in_as", {{"email", s.user.email}}));
  widgets::heading(T("settings.profile.title"), 2);
  widgets::begin_form("settings.profile.form");
  const bool enter = account::profile_fields(a, "profile", f);
  account::general_errors("profile", f,
                          {"name", "street", "city", "postal_code", "post", "country", "phone", "gender"});
  if (f.done) widgets::alert("profile.saved", widgets::Tone::success, T("banner.saved"));
  const bool save =
      widgets::button("profile.submit", T("settings.profile.save"), widgets::ButtonKind::primary, false, f.busy);
  widgets::end_form();
  if (save || enter) a.submit("profile");
  widgets::end_card();
}

void draw_password(const AppState& s, Actions& a) {
  const Form& f = s.form("password");
  widgets::begin_card("settings.password", kCardWidth);
  widgets::heading(T("settings.password.title"), 2);
  widgets::paragraph(T("settings.password.intro"));
  widgets::begin_form("settings.password.form");
  bool enter = false;
  widgets::FieldOptions current;
  current.label = T("settings.password.current");
  current.input_type = "password";
  current.autocomplete = "current-password";
  current.required = true;
  enter |= account::text_field(a, "password", f, "current_password", current);
  const std::string hint = account::password_hint();
  widgets::FieldOptions pw;
  pw.label = T("settings.password.new");
  pw.hint = hint;
  pw.input_type = "password";
  pw.autocomplete = "new-password";
  pw.required = true;
  enter |= account::text_field(a, "password", f, "password", pw);
  widgets::FieldOptions repeat;
  repeat.label = T("settings.password.repeat");
  repeat.input_type = "password";
  repeat.autocomplete = "new-password";
  repeat.required = true;
  enter |= account::text_field(a, "password", f, "password_repeat", repeat);
  account::general_errors("password", f, {"current_password", "password", "password_repeat"});
  if (f.done) widgets::alert("password.changed", widgets::Tone::success, T("banner.password_changed"));
  const bool submit =
      widgets::button("password.submit", T("settings.password.submit"), widgets::ButtonKind::primary, false, f.busy);
  widgets::end_form();
  if (submit || enter) a.submit("password");
  widgets::end_card();
}

void draw_email(const AppState& s, Actions& a) {
  const Form& f = s.form("email");
  widgets::begin_card("settings.email", kCardWidth);
  widgets::heading(T("settings.email.title"), 2);
  widgets::label_value(T("settings.email.current"), s.user.email);
  widgets::paragraph(T("settings.email.intro"));
  widgets::begin_form("settings.email.form");
  bool enter = false;
  widgets::FieldOptions email;
  email.label = T("settings.email.new");
  email.input_type = "email";
  email.autocomplete = "email";
  email.required = true;
  email.max_length = core::kEmailMaxLength;
  enter |= account::text_field(a, "email", f, "email", email);
  widgets::FieldOptions pw;
  pw.label = T("settings.password.current");
  pw.input_type = "password";
  pw.autocomplete = "current-password";
  pw.required = true;
  enter |= account::text_field(a, "email", f, "current_password", pw);
  account::general_errors("email", f, {"email", "current_password"});
  if (f.done)
    widgets::alert("email.sent", widgets::Tone::success, Tf("settings.email.sent", {{"email", f.get("email")}}));
  const bool submit =
      widgets::button("email.submit", T("settings.email.submit"), widgets::ButtonKind::primary, false, f.busy);
  widgets::end_form();
  if (submit || enter) a.submit("email");
  widgets::end_card();
}

void draw_phone(const AppState& s, Actions& a) {
  const Form& f = s.form("phone");
  const std::string& phone = s.user.profile.phone;
  widgets::begin_card("settings.phone", kCardWidth);
  widgets::heading(T("settings.phone.title"), 2);
  if (phone.empty()) {
    widgets::paragraph(T("settings.phone.none"));
    widgets::end_card();
    return;
  }
  widgets::label_value(T("settings.phone.number"), core::format_phone(phone));
  widgets::label_value(T("settings.phone.status"),
                       T(s.user.phone_confirmed ? "settings.phone.confirmed" : "settings.phone.unconfirmed"));
  if (s.user.phone_confirmed) {
    if (f.done) widgets::alert("phone.confirmed", widgets::Tone::success, T("banner.phone_confirmed"));
    widgets::end_card();
    return;
  }
  widgets::paragraph(T("settings.phone.intro"));
  const bool code_sent = f.flag("code_sent");
  // A code that is not six digits is a typing slip; anything else the server answered as is.
  const core::Error* code_error = f.error_for("code");
  std::string code_message;
  if (code_error)
    code_message = code_error->code == core::codes::token_invalid && f.get("code").size() != 6
                       ? std::string(T("settings.phone.code_length"))
                       : account::message(*code_error, f.retry_after_s);
  account::general_errors("phone", f, {"code"});
  if (!code_sent) {
    if (widgets::button("phone.send", T("settings.phone.send"), widgets::ButtonKind::primary, false, f.busy))
      a.send_phone_code();
    widgets::end_card();
    return;
  }
  widgets::alert("phone.sent", widgets::Tone::info,
                 Tf("settings.phone.sent", {{"phone", core::format_phone(phone)}}));
  widgets::FieldOptions code;
  code.label = T("settings.phone.code");
  code.hint = T("settings.phone.code_hint");
  code.input_type = "numeric";
  code.autocomplete = "one-time-code";
  code.max_length = 6;
  code.width_css = 200;
  code.required = true;
  code.error = code_message;
  const bool enter = account::text_field(a, "phone", f, "code", code);
  widgets::begin_row();
  const bool confirm =
      widgets::button("phone.submit", T("settings.phone.confirm"), widgets::ButtonKind::primary, false, f.busy);
  if (widgets::button("phone.resend", T("settings.phone.resend"), widgets::ButtonKind::secondary, f.busy, false))
    a.send_phone_code();
  widgets::end_row();
  if (confirm || enter) a.submit("phone");
  widgets::end_card();
}

void draw_language(const AppState& s, Actions& a) {
  widgets::begin_card("settings.language", kCardWidth);
  widgets::heading(T("settings.language.title"), 2);
  const std::vector<std::string> options = {std::string(T("app.language.sl")), std::string(T("app.language.en"))};
  const int chosen = s.locale == core::Locale::sl ? 0 : 1;
  if (auto v = widgets::radio_group("settings.locale", T("settings.language.intro"), options, chosen))
    a.set_locale(*v == 0 ? core::Locale::sl : core::Locale::en);
  widgets::end_card();
}

void draw_my_data(const AppState& s, Actions& a) {
  const Form& f = s.form("export");
  widgets::begin_card("settings.data", kCardWidth);
  widgets::heading(T("settings.data.title"), 2);
  // A kiosk saves no files: the export goes to the customer's e-mail (state/kiosk.cpp).
  const bool mail = s.kiosk.on;
  widgets::paragraph(T(mail ? "kiosk.data.intro" : "settings.data.intro"));
  account::general_errors("export", f, {});
  if (f.done)
    widgets::alert("export.done", widgets::Tone::success,
                   mail ? Tf("kiosk.data.mailed", {{"email", s.user.email}}) : std::string(T("settings.data.done")));
  if (widgets::button("export.submit", T(mail ? "kiosk.data.mail" : "settings.data.download"),
                      widgets::ButtonKind::secondary, false, f.busy))
    a.export_my_data();
  widgets::end_card();
}

void draw_delete(const AppState& s, Actions& a) {
  const Form& f = s.form("delete");
  widgets::begin_card("settings.delete", kCardWidth);
  widgets::heading(T("settings.delete.title"), 2);
  widgets::paragraph(T("settings.delete.intro"));
  widgets::begin_form("settings.delete.form");
  widgets::FieldOptions pw;
  pw.label = T("settings.delete.password");
  pw.input_type = "password";
  pw.autocomplete = "current-password";
  pw.required = true;
  const bool enter = account::text_field(a, "delete", f, "current_password", pw);
  account::general_errors("delete", f, {"current_password"});
  const bool submit =
      widgets::button("delete.submit", T("settings.delete.submit"), widgets::ButtonKind::danger, false, f.busy);
  widgets::end_form();
  if (submit || enter) a.submit("delete");  // the Store asks for a confirmation first
  widgets::end_card();
}

void draw_logout(const AppState& s, Actions& a) {
  const Form& f = s.form("logout");
  widgets::begin_card("settings.logout", kCardWidth);
  widgets::heading(T("settings.logout.title"), 2);
  widgets::paragraph(T("settings.logout.intro"));
  account::general_errors("logout", f, {});
  widgets::begin_row();
  if (widgets::button("logout.here", T("settings.logout.here"), widgets::ButtonKind::secondary, false, f.busy))
    a.logout(false);
  if (widgets::button("logout.all", T("settings.logout.all"), widgets::ButtonKind::secondary, false, f.busy))
    a.ask("logout_all");
  widgets::end_row();
  widgets::end_card();
}

}  // namespace

void draw_settings(const AppState& s, Actions& a) {
  draw_profile(s, a);
  draw_password(s, a);
  draw_email(s, a);
  draw_phone(s, a);
  draw_language(s, a);
  draw_my_data(s, a);
  draw_delete(s, a);
  draw_logout(s, a);
}

}  // namespace client::screens
