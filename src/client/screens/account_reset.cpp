// The new password from the mailed reset link (/reset?token=...): the password twice, then "log in
// with the new password". A used or expired link says so and offers a new one.
#include "client/screens/account_fields.h"
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"

namespace client::screens {

using widgets::T;
using widgets::Tf;

namespace {

void draw_bad_link(Actions& a, bool expired) {
  widgets::alert("reset.error", widgets::Tone::error, T(expired ? "reset.expired.text" : "reset.invalid.text"));
  widgets::begin_row();
  if (widgets::button("reset.new_link", T("reset.new_link"))) a.navigate(Screen::forgot);
  if (widgets::button("reset.login", T("activate.login"), widgets::ButtonKind::secondary)) a.navigate(Screen::login);
  widgets::end_row();
}

}  // namespace

void draw_reset(const AppState& s, Actions& a) {
  const Form& f = s.form("reset");
  widgets::begin_card("reset", 560);
  widgets::heading(T("screen.reset"));
  if (f.done) {
    widgets::alert("reset.done", widgets::Tone::success, T("reset.done.text"));
    if (widgets::button("reset.login", T("reset.login"))) a.navigate(Screen::login);
    widgets::end_card();
    return;
  }
  const bool expired = core::has_code(f.errors(), core::codes::token_expired);
  if (s.route.token.empty() || expired || core::has_code(f.errors(), core::codes::token_invalid)) {
    draw_bad_link(a, expired);
    widgets::end_card();
    return;
  }
  widgets::paragraph(Tf("reset.intro", {{"product", s.brand.product}}));
  account::general_errors("reset", f, {"password", "password_repeat"});
  widgets::begin_form("reset.form");
  bool enter = false;
  const std::string hint = account::password_hint();
  widgets::FieldOptions pw;
  pw.label = T("reset.password");
  pw.hint = hint;
  pw.input_type = "password";
  pw.autocomplete = "new-password";
  pw.required = true;
  enter |= account::text_field(a, "reset", f, "password", pw);
  widgets::FieldOptions repeat;
  repeat.label = T("reset.password_repeat");
  repeat.input_type = "password";
  repeat.autocomplete = "new-password";
  repeat.required = true;
  enter |= account::text_field(a, "reset", f, "password_repeat", repeat);
  const bool submit = widgets::button("reset.submit", T("reset.submit"), widgets::ButtonKind::primary, false, f.busy);
  widgets::end_form();
  if (submit || enter) a.submit("reset");
  widgets::end_card();
}

}  // namespace client::screens
