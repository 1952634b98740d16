// POZABIL SEM GESLO (the manual's section 3): the e-mail (user name), then "check your mail" in
// the manual's words. The same form sends a new activation link to an account not activated
// yet (the manual's "no mail within 15 minutes").
#include "client/screens/account_fields.h"
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"
#include "core/account_rules.h"

namespace client::screens {

using widgets::T;
using widgets::Tf;

void draw_forgot(const AppState& s, Actions& a) {
  const Form& f = s.form("forgot");
  widgets::begin_card("forgot", 560);
  widgets::heading(T("screen.forgot"));
  if (f.done) {
    widgets::alert("forgot.done", widgets::Tone::success,
                   Tf("forgot.done.text", {{"email", f.get("email")}, {"product", s.brand.product}}));
    widgets::paragraph(T("forgot.done.not_activated"));
    widgets::paragraph(T("forgot.done.no_mail"));
    widgets::begin_row();
    if (widgets::button("forgot.back", T("forgot.back"))) a.navigate(Screen::login);
    // Editing the address (even to the same text) shows the form again.
    if (widgets::button("forgot.other", T("forgot.other"), widgets::ButtonKind::secondary))
      a.edit("forgot", "email", f.get("email"));
    widgets::end_row();
    widgets::end_card();
    return;
  }
  widgets::paragraph(T("forgot.intro"));
  account::general_errors("forgot", f, {"email"});
  widgets::begin_form("forgot.form");
  widgets::FieldOptions email;
  email.label = T("forgot.email");
  email.input_type = "email";
  email.autocomplete = "username";
  email.required = true;
  email.max_length = core::kEmailMaxLength;
  const bool enter = account::text_field(a, "forgot", f, "email", email);
  const bool submit = widgets::button("forgot.submit", T("forgot.submit"), widgets::ButtonKind::primary, false, f.busy);
  widgets::end_form();
  if (submit || enter) a.submit("forgot");
  if (widgets::link("forgot.login", T("forgot.back"))) a.navigate(Screen::login);
  widgets::end_card();
}

}  // namespace client::screens
