// POGOJI UPORABE: the terms of use the registration asks the customer to accept, readable in the
// app (from the catalogs, with the supplier's name and contacts from the branding).
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"

namespace client::screens {

using widgets::T;
using widgets::Tf;

namespace {
constexpr int kSections = 9;  // terms.1 ... terms.9 in the catalogs
}

void draw_terms(const AppState& s, Actions& a) {
  const std::string email = s.brand.emails.empty() ? std::string() : s.brand.emails.front().address;
  const nlohmann::json params = {{"product", s.brand.product},
                                 {"supplier", s.brand.supplier.empty() ? s.brand.product : s.brand.supplier},
                                 {"email", email},
                                 {"phone", s.brand.phone}};
  const bool signed_in = s.session == Session::signed_in;
  widgets::begin_card("terms", 760);
  widgets::heading(Tf("terms.title", params));
  widgets::paragraph(Tf("terms.intro", params));
  for (int i = 1; i <= kSections; ++i) {
    const std::string k = "terms." + std::to_string(i);
    widgets::heading(Tf(k + ".title", params), 2);
    widgets::paragraph(Tf(k + ".text", params));
  }
  widgets::spacing(8);
  if (signed_in) {
    if (widgets::button("terms.back", T("shell.back_home"))) a.navigate(Screen::home);
  } else if (widgets::button("terms.back", T("terms.back_register"))) {
    a.navigate(Screen::register_);
  }
  widgets::end_card();
}

}  // namespace client::screens
