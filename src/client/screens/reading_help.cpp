// POMOČ (the manual's section 7): the supplier's e-mail addresses, the free phone number and its
// hours (from assets/branding.json), the operators' reading windows ("Kdaj lahko sporočim
// števčno stanje?") and short answers to what customers ask most.
#include <cstdlib>

#include "client/screens/reading_common.h"
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"

namespace client::screens {

using widgets::T;
using widgets::Tf;

namespace {

// "08:00" -> hour 8 and "8:00"; "08:30" -> "8.30" / "8:30".
struct Time {
  std::string hour, clock;
};
Time time_of(const std::string& hhmm) {
  const int h = std::atoi(hhmm.substr(0, 2).c_str());
  const std::string mm = hhmm.size() >= 5 ? hhmm.substr(3, 2) : "00";
  return {mm == "00" ? std::to_string(h) : std::to_string(h) + "." + mm, std::to_string(h) + ":" + mm};
}

std::string hours_text(const Brand& b) {
  const auto dash = b.days.find('-');
  const std::string from_day = b.days.substr(0, dash),
                    to_day = dash == std::string::npos ? from_day : b.days.substr(dash + 1);
  const Time from = time_of(b.from), to = time_of(b.to);
  return Tf("help.hours_value", {{"day_from", T("help.day_from." + from_day)},
                                 {"day_to", T("help.day_to." + to_day)},
                                 {"from_hour", from.hour},
                                 {"to_hour", to.hour},
                                 {"from_time", from.clock},
                                 {"to_time", to.clock}});
}

}  // namespace

void draw_help(const AppState& s, Actions& a) {
  const Brand& b = s.brand;
  widgets::begin_card("help", 880);
  widgets::heading(T("screen.help"));
  widgets::paragraph(Tf("help.intro", {{"product", b.product}}));
  // The addresses and the number are links: a tap opens the mail app or the phone's dialler (a
  // kiosk has neither: there they are text to note down).
  for (const auto& e : b.emails) {
    const std::string topic = e.topic.empty() ? std::string("help.email") : "help.email." + e.topic;
    if (s.kiosk.on)
      widgets::label_value(T(topic), e.address);
    else if (widgets::label_link(topic.c_str(), T(topic), e.address))
      a.open_contact("mailto:" + e.address);
  }
  if (!b.phone.empty()) {
    const char* key = b.phone_free ? "help.phone_free" : "help.phone";
    if (b.phone_e164.empty() || s.kiosk.on) widgets::label_value(T(key), b.phone);
    else if (widgets::label_link("help.phone", T(key), b.phone)) a.open_contact("tel:" + b.phone_e164);
  }
  widgets::label_value(T("help.hours"), hours_text(b));
  // Two lines, as on a letter (a wrap could otherwise start a line with the comma).
  if (!b.supplier.empty()) widgets::muted(b.address.empty() ? b.supplier : b.supplier + "\n" + b.address);
  widgets::end_card();

  widgets::begin_card("help.faq", 880);
  widgets::heading(T("help.faq.heading"), 2);
  widgets::heading(T("help.faq.numbers.q"), 3);
  widgets::paragraph(T("help.faq.numbers.a"));
  if (s.session == Session::signed_in && widgets::link("help.to_link", T("help.faq.numbers.link")))
    a.navigate(Screen::link_contract);
  widgets::heading(T("help.faq.decimals.q"), 3);
  widgets::paragraph(T("help.faq.decimals.a"));
  widgets::heading(T("help.faq.own_record.q"), 3);
  widgets::paragraph(T("help.faq.own_record.a"));
  widgets::heading(T("help.faq.unusual.q"), 3);
  widgets::paragraph(T("help.faq.unusual.a"));
  widgets::end_card();

  if (s.rules.operators.empty()) return;
  widgets::begin_card("help.windows", 880);
  widgets::heading(T("help.windows.heading"), 2);
  widgets::paragraph(T("help.windows.intro"));
  widgets::TableSort sort;
  widgets::begin_table("help.windows.table", T("help.windows.caption"),
                       {{T("contracts.operator"), 1.4f}, {T("contracts.energy"), 1.0f}, {T("help.windows.col"), 2.2f}},
                       sort);
  int row = 0;
  for (const auto& op : s.rules.operators) {
    widgets::table_row(row++);
    widgets::table_cell(op.name);
    widgets::table_cell(reading::energy_text(op.energy));
    widgets::table_cell(reading::capitalised(reading::rule_text(op.window, s.today())));
  }
  widgets::end_table();
  widgets::end_card();
}

}  // namespace client::screens
