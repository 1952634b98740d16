#include "client/screens/gallery.h"

#include <algorithm>
#include <numeric>

namespace client::screens {

using widgets::T;
using widgets::Tf;

namespace {

const char* const kCountries[] = {"si", "hr", "at", "it", "hu", "de", "rs", "ba", "cz", "sk", "pl", "fr", "ch", "es"};
const char* const kStatuses[] = {"gallery.table.status.submitted", "gallery.table.status.own",
                                 "gallery.table.status.estimated"};

std::string shown_date(const std::string& iso) {  // 2026-11-28 -> 28. 11. 2026
  if (iso.size() != 10) return iso;
  auto strip = [](std::string s) { return s[0] == '0' ? s.substr(1) : s; };
  return strip(iso.substr(8, 2)) + ". " + strip(iso.substr(5, 2)) + ". " + iso.substr(0, 4);
}

std::string grouped(int v) {  // 12345 -> "12 345" with a no-break space
  std::string digits = std::to_string(v), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\xC2\xA0";
    out += digits[i];
  }
  return out;
}

std::string_view required(bool tried, const std::string& value) {
  return tried && value.empty() ? T("error.field.required") : std::string_view();
}

void draw_sign_in(GalleryState& g) {
  widgets::begin_card("gallery.card.sign_in", 560);
  widgets::heading(T("gallery.sign_in.title"), 2);
  widgets::muted(T("gallery.sign_in.note"));
  widgets::begin_form("gallery.login");
  widgets::FieldOptions email;
  email.label = T("gallery.sign_in.email");
  email.input_type = "email";
  email.autocomplete = "username";
  email.required = true;
  email.error = required(g.login_tried, g.email);
  if (auto v = widgets::text_field("gallery.login.email", g.email, email)) g.email = *v;
  widgets::FieldOptions password;
  password.label = T("gallery.sign_in.password");
  password.input_type = "password";
  password.autocomplete = "current-password";
  password.required = true;
  password.error = required(g.login_tried, g.password);
  if (auto v = widgets::text_field("gallery.login.password", g.password, password)) g.password = *v;
  if (auto v = widgets::checkbox("gallery.login.remember", T("gallery.sign_in.remember"), g.remember)) g.remember = *v;
  bool submit = widgets::field_submitted("gallery.login.email") || widgets::field_submitted("gallery.login.password");
  widgets::begin_row();
  submit |= widgets::button("gallery.login.submit", T("gallery.sign_in.submit"), widgets::ButtonKind::primary, false,
                            g.loading);
  widgets::link("gallery.login.forgot", T("gallery.sign_in.forgot"));
  widgets::end_row();
  widgets::end_form();
  if (submit) {
    g.login_tried = true;
    g.login_done = !g.email.empty() && !g.password.empty();
  }
  if (g.login_done)
    widgets::alert("gallery.login.done", widgets::Tone::success, Tf("gallery.sign_in.done", {{"email", g.email}}));
  widgets::end_card();
}

void draw_address(GalleryState& g) {
  widgets::begin_card("gallery.card.address", 720);
  widgets::heading(T("gallery.address.title"), 2);
  widgets::begin_form("gallery.register");
  widgets::begin_columns("gallery.address.columns", 2);
  widgets::FieldOptions name;
  name.label = T("gallery.address.name");
  name.autocomplete = "name";
  name.required = true;
  name.error = required(g.address_tried, g.name);
  if (auto v = widgets::text_field("gallery.name", g.name, name)) g.name = *v;
  widgets::FieldOptions postal;
  postal.label = T("gallery.address.postal");
  postal.hint = T("gallery.address.postal_hint");
  postal.input_type = "numeric";
  postal.autocomplete = "postal-code";
  postal.max_length = 4;
  postal.width_css = 160;
  if (auto v = widgets::text_field("gallery.postal", g.postal, postal)) g.postal = *v;
  widgets::next_column();
  widgets::FieldOptions street;
  street.label = T("gallery.address.street");
  street.autocomplete = "street-address";
  street.required = true;
  street.error = required(g.address_tried, g.street);
  if (auto v = widgets::text_field("gallery.street", g.street, street)) g.street = *v;
  widgets::FieldOptions phone;
  phone.label = T("gallery.address.phone");
  phone.input_type = "tel";
  phone.autocomplete = "tel";
  if (auto v = widgets::text_field("gallery.phone", g.phone, phone)) g.phone = *v;
  widgets::end_columns();
  widgets::FieldOptions pw;
  pw.label = T("gallery.address.new_password");
  pw.hint = T("gallery.address.new_password_hint");
  pw.input_type = "password";
  pw.autocomplete = "new-password";
  if (auto v = widgets::text_field("gallery.new_password", g.new_password, pw)) g.new_password = *v;
  widgets::FieldOptions bad;
  bad.label = T("gallery.address.invalid");
  bad.input_type = "email";
  bad.error = T("error.email.invalid");
  const std::string invalid = g.invalid_example.value_or(std::string(T("gallery.sample.invalid_email")));
  if (auto v = widgets::text_field("gallery.invalid", invalid, bad)) g.invalid_example = *v;
  widgets::FieldOptions off;
  off.label = T("gallery.address.disabled");
  off.disabled = true;
  widgets::text_field("gallery.disabled", std::string(T("gallery.sample.customer_number")), off);
  widgets::begin_row();
  if (widgets::button("gallery.address.save", T("gallery.address.save")) ||
      widgets::field_submitted("gallery.street") || widgets::field_submitted("gallery.name")) {
    g.address_tried = true;
    g.address_saved = !g.name.empty() && !g.street.empty();
  }
  if (widgets::button("gallery.address.clear", T("gallery.address.clear"), widgets::ButtonKind::secondary)) {
    g.name.clear();
    g.street.clear();
    g.postal.clear();
    g.phone.clear();
    g.address_tried = g.address_saved = false;
  }
  widgets::end_row();
  widgets::end_form();
  if (g.address_saved)
    widgets::alert("gallery.address.saved", widgets::Tone::success,
                   Tf("gallery.address.saved", {{"name", g.name}, {"street", g.street}}));
  widgets::end_card();
}

void draw_choices(GalleryState& g) {
  widgets::begin_card("gallery.card.choices", 720);
  widgets::heading(T("gallery.choices.title"), 2);
  if (auto v = widgets::checkbox("gallery.terms", T("gallery.choices.terms"), g.terms,
                                 g.terms ? std::string_view() : T("error.terms.not_accepted")))
    g.terms = *v;
  const std::vector<std::string> energies = {std::string(T("gallery.energy.electricity")),
                                             std::string(T("gallery.energy.gas"))};
  if (auto v = widgets::radio_group("gallery.energy", T("gallery.choices.energy"), energies, g.energy)) g.energy = *v;
  std::vector<std::string> countries;
  for (const char* code : kCountries) countries.emplace_back(T(std::string("gallery.country.") + code));
  if (auto v = widgets::select("gallery.country", T("gallery.choices.country"), countries, g.country, {}, true))
    g.country = *v;
  if (auto v = widgets::toggle("gallery.reminders.email", T("gallery.choices.email_reminders"), g.email_reminders))
    g.email_reminders = *v;
  widgets::toggle("gallery.reminders.sms", T("gallery.choices.sms_reminders"), g.sms_reminders, true);
  widgets::label_value(T("gallery.choices.summary"),
                       Tf("gallery.choices.summary_value", {{"energy", energies[static_cast<size_t>(g.energy)]},
                                                            {"country", countries[static_cast<size_t>(g.country)]}}));
  widgets::end_card();
}

void draw_buttons(GalleryState& g) {
  widgets::begin_card("gallery.card.buttons", 720);
  widgets::heading(T("gallery.buttons.title"), 2);
  if (auto v = widgets::toggle("gallery.loading", T("gallery.buttons.loading"), g.loading)) g.loading = *v;
  widgets::begin_row();
  if (widgets::button("gallery.button.primary", T("gallery.buttons.primary")))
    g.last_button = "gallery.buttons.primary";
  if (widgets::button("gallery.button.secondary", T("gallery.buttons.secondary"), widgets::ButtonKind::secondary))
    g.last_button = "gallery.buttons.secondary";
  if (widgets::button("gallery.button.danger", T("gallery.buttons.danger"), widgets::ButtonKind::danger))
    g.last_button = "gallery.buttons.danger";
  if (widgets::button("gallery.button.quiet", T("gallery.buttons.quiet"), widgets::ButtonKind::quiet))
    g.last_button = "gallery.buttons.quiet";
  widgets::button("gallery.button.disabled", T("gallery.buttons.disabled"), widgets::ButtonKind::primary, true);
  widgets::button("gallery.button.busy", T("gallery.buttons.busy"), widgets::ButtonKind::primary, false, g.loading);
  widgets::end_row();
  if (widgets::button("gallery.button.block", T("gallery.buttons.block"))) g.last_button = "gallery.buttons.block";
  if (widgets::link("gallery.link", T("gallery.buttons.link"))) g.last_button = "gallery.buttons.link";
  if (!g.last_button.empty())
    widgets::alert("gallery.buttons.result", widgets::Tone::info,
                   Tf("gallery.buttons.clicked", {{"button", T(g.last_button)}}));
  if (g.loading) widgets::spinner("gallery.spinner", T("app.loading"));
  widgets::end_card();
}

void draw_messages() {
  widgets::begin_card("gallery.card.messages", 720);
  widgets::heading(T("gallery.messages.title"), 2);
  widgets::alert("gallery.alert.info", widgets::Tone::info, T("gallery.messages.info"));
  widgets::alert("gallery.alert.success", widgets::Tone::success, T("gallery.messages.success"));
  widgets::alert("gallery.alert.warning", widgets::Tone::warning, T("gallery.messages.warning"));
  widgets::alert("gallery.alert.error", widgets::Tone::error, T("error.network.unreachable"));
  widgets::heading(T("gallery.messages.text"), 3);
  widgets::paragraph(T("welcome.body"));
  widgets::muted(T("welcome.sample"));
  widgets::label_value(T("gallery.sample.metering_point_label"), T("gallery.sample.metering_point"));
  widgets::label_value(T("gallery.sample.address_label"), T("gallery.sample.address"));
  widgets::end_card();
}

void draw_table(GalleryState& g) {
  widgets::begin_card("gallery.card.table", 900);
  widgets::heading(T("gallery.table.title"), 2);
  const std::vector<widgets::Column> columns = {{T("gallery.table.date"), 1.2f, true, false},
                                                {T("gallery.table.value"), 1.0f, true, true},
                                                {T("gallery.table.status"), 1.4f, false, false},
                                                {T("gallery.table.actions"), 1.0f, false, false}};
  widgets::begin_table("gallery.table", "Gallery table", columns, g.sort);  // the order below follows g.sort
  std::vector<int> order(g.readings.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const GalleryReading& x = g.readings[static_cast<size_t>(a)];
    const GalleryReading& y = g.readings[static_cast<size_t>(b)];
    const bool less = g.sort.column == 1 ? x.value < y.value : x.date < y.date;
    const bool more = g.sort.column == 1 ? y.value < x.value : y.date < x.date;
    return g.sort.descending ? more : less;
  });
  for (size_t row = 0; row < order.size(); ++row) {
    const GalleryReading& r = g.readings[static_cast<size_t>(order[row])];
    widgets::table_row(static_cast<int>(row));
    widgets::table_cell(shown_date(r.date));
    widgets::table_cell(Tf("gallery.table.kwh", {{"value", grouped(r.value)}}));
    widgets::table_cell(T(kStatuses[r.status]));
    if (widgets::table_cell_button("delete", T("gallery.table.delete"))) g.delete_index = order[row];
  }
  widgets::end_table();
  if (g.deleted > 0) widgets::muted(Tf("gallery.table.deleted", {{"count", g.deleted}}));
  widgets::end_card();

  if (g.delete_index >= 0 && g.delete_index < static_cast<int>(g.readings.size())) {
    const GalleryReading& r = g.readings[static_cast<size_t>(g.delete_index)];
    const int answer = widgets::confirm_dialog(
        "gallery.confirm", T("gallery.confirm.title"), Tf("gallery.confirm.text", {{"date", shown_date(r.date)}}),
        T("gallery.confirm.delete"), T("gallery.confirm.cancel"), widgets::ButtonKind::danger);
    if (answer == 1) {
      g.readings.erase(g.readings.begin() + g.delete_index);
      ++g.deleted;
    }
    if (answer >= 0) g.delete_index = -1;
  }
}

}  // namespace

void draw_gallery(GalleryState& g, const AppState& state, Actions& actions) {
  widgets::begin_page("gallery");
  widgets::header_bar(T("app.name"), T("gallery.sample.customer"));
  widgets::begin_nav("gallery.nav", T("widgets.menu"));
  const char* const sections[] = {"gallery.nav.forms", "gallery.nav.choices", "gallery.nav.table"};
  for (int i = 0; i < 3; ++i)
    if (widgets::nav_link(sections[i], T(sections[i]), g.section == i)) g.section = i;
  widgets::end_nav();
  widgets::spacing(8);
  widgets::heading(T("gallery.title"), 1);
  widgets::paragraph(T("gallery.intro"));
  const bool sl = state.locale == core::Locale::sl;
  if (widgets::link("gallery.language", sl ? T("app.language.en") : T("app.language.sl")))
    actions.set_locale(sl ? core::Locale::en : core::Locale::sl);
  draw_sign_in(g);
  draw_address(g);
  draw_choices(g);
  draw_buttons(g);
  draw_messages();
  draw_table(g);
  widgets::end_page();
}

}  // namespace client::screens
