// REGISTRACIJA (the manual's section 1): every field of the manual's form, required ones marked
// with *, Slovenia preselected, the terms of use readable before they are accepted, inline
// errors from core as the customer types; after the submit, what happens next.
#include "client/screens/account_fields.h"
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"
#include "core/account_rules.h"

namespace client::screens {

using widgets::T;
using widgets::Tf;

namespace {

// After the submit: the mail is on its way; what to do if it does not come (the manual).
void draw_registered(const AppState& s, Actions& a, const Form& f) {
  widgets::begin_card("register.done", 640);
  widgets::heading(T("register.done.title"));
  widgets::alert("register.done.sent", widgets::Tone::success, Tf("register.done.text", {{"email", f.get("email")}}));
  widgets::paragraph(T("register.done.no_mail"));
  widgets::paragraph(Tf("register.done.then", {{"product", s.brand.product}}));
  widgets::begin_row();
  if (widgets::button("register.done.login", T("register.done.login"))) a.navigate(Screen::login);
  if (widgets::button("register.done.again", T("register.done.again"), widgets::ButtonKind::secondary)) {
    a.edit("forgot", "email", f.get("email"));
    a.navigate(Screen::forgot);
  }
  widgets::end_row();
  widgets::end_card();
}

}  // namespace

void draw_register(const AppState& s, Actions& a) {
  const Form& f = s.form("register");
  if (f.done) {
    draw_registered(s, a, f);
    return;
  }
  static const std::vector<std::string> kShown = {"email",   "password", "password_repeat", "name",
                                                  "street",  "city",     "postal_code",     "post",
                                                  "country", "phone",    "gender",          "terms_accepted"};
  widgets::begin_card("register", 640);
  widgets::heading(T("screen.register"));
  widgets::paragraph(T("register.intro"));
  widgets::muted(T("account.required_note"));
  widgets::begin_form("register.form");
  bool enter = false;

  widgets::heading(T("register.section.login"), 2);
  widgets::FieldOptions email;
  email.label = T("register.email");
  email.hint = T("register.email_hint");
  email.input_type = "email";
  email.autocomplete = "username";
  email.required = true;
  email.max_length = core::kEmailMaxLength;
  enter |= account::text_field(a, "register", f, "email", email);
  const std::string hint = account::password_hint();
  widgets::FieldOptions pw;
  pw.label = T("register.password");
  pw.hint = hint;
  pw.input_type = "password";
  pw.autocomplete = "new-password";
  pw.required = true;
  enter |= account::text_field(a, "register", f, "password", pw);
  widgets::FieldOptions repeat;
  repeat.label = T("register.password_repeat");
  repeat.input_type = "password";
  repeat.autocomplete = "new-password";
  repeat.required = true;
  enter |= account::text_field(a, "register", f, "password_repeat", repeat);

  widgets::heading(T("register.section.profile"), 2);
  enter |= account::profile_fields(a, "register", f);

  const std::string terms_label = std::string(T("register.terms")) + " *";
  const std::string terms_error = account::field_error(f, "terms_accepted");
  if (auto v = widgets::checkbox("register.terms_accepted", terms_label, f.flag("terms_accepted"), terms_error))
    a.toggle("register", "terms_accepted", *v);
  if (widgets::link("register.terms", T("register.terms_link"))) a.navigate(Screen::terms);

  // Beside the button, where the customer is after pressing it: what stopped the submit.
  account::general_errors("register", f, kShown);
  if (f.submitted_once && !f.busy && f.general_errors(kShown).size() < f.errors().size())
    widgets::alert("register.check_fields", widgets::Tone::error, T("account.check_fields"));
  const bool submit =
      widgets::button("register.submit", T("register.submit"), widgets::ButtonKind::primary, false, f.busy);
  widgets::end_form();
  if (submit || enter) a.submit("register");
  if (widgets::link("register.login", T("register.login"))) a.navigate(Screen::login);
  widgets::end_card();
}

}  // namespace client::screens
