#include "client/screens/account_fields.h"

#include <algorithm>

#include "core/account_rules.h"

namespace client::screens::account {

using widgets::T;
using widgets::Tf;

namespace {

// Slovenian alphabetical order (c < č < ć < d, s < š < t, z < ž), which also sorts English
// names: one number per character, letters by their place in the alphabet.
std::vector<int> collation_key(const std::string& s) {
  std::vector<int> key;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      const char l = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      key.push_back(l >= 'a' && l <= 'z' ? (l - 'a') * 4 + 100 : l);
      ++i;
      continue;
    }
    // Two-byte UTF-8 letters of Slovenian and its neighbours.
    const std::string ch = s.substr(i, 2);
    int v = 1000 + c;
    if (ch == "\xC4\x8D" || ch == "\xC4\x8C")
      v = ('c' - 'a') * 4 + 101;  // č Č
    else if (ch == "\xC4\x87" || ch == "\xC4\x86")
      v = ('c' - 'a') * 4 + 102;  // ć Ć
    else if (ch == "\xC4\x91" || ch == "\xC4\x90")
      v = ('d' - 'a') * 4 + 101;  // đ Đ
    else if (ch == "\xC5\xA1" || ch == "\xC5\xA0")
      v = ('s' - 'a') * 4 + 101;  // š Š
    else if (ch == "\xC5\xBE" || ch == "\xC5\xBD")
      v = ('z' - 'a') * 4 + 101;  // ž Ž
    key.push_back(v);
    i += (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  }
  return key;
}

bool has_name(const std::string& code) {
  return widgets::current().text->has("country." + code);
}

}  // namespace

std::string message(const core::Error& e, int retry_after_s) {
  nlohmann::json p = e.params.is_object() ? e.params : nlohmann::json::object();
  if (retry_after_s > 0 && !p.contains("retry_after_minutes")) p["retry_after_minutes"] = (retry_after_s + 59) / 60;
  return Tf("error." + e.code, p);
}

std::string field_error(const Form& f, const std::string& field) {
  const core::Error* e = f.error_for(field);
  return e ? message(*e, f.retry_after_s) : std::string();
}

void general_errors(const std::string& form, const Form& f, const std::vector<std::string>& shown) {
  for (const auto& e : f.general_errors(shown))
    widgets::alert((form + ".error." + e.code).c_str(), widgets::Tone::error, message(e, f.retry_after_s));
}

bool text_field(Actions& a, const std::string& form, const Form& f, const std::string& field,
                widgets::FieldOptions opt) {
  const std::string id = form + "." + field;
  const std::string error = field_error(f, field);
  if (opt.error.empty()) opt.error = error;
  if (auto v = widgets::text_field(id.c_str(), f.get(field), opt)) a.edit(form, field, *v);
  return widgets::field_submitted(id.c_str());
}

std::string password_hint() {
  return Tf("account.password_hint", {{"min_length", core::kPasswordMinLength}});
}

std::vector<std::string> countries_in_order() {
  std::vector<std::string> out{"SI", "HR", "AT", "IT", "HU"};  // most customers' addresses
  std::vector<std::string> named, coded;
  for (const auto& c : core::country_codes()) {
    if (std::find(out.begin(), out.end(), c) != out.end()) continue;
    (has_name(c) ? named : coded).push_back(c);
  }
  std::vector<std::pair<std::vector<int>, std::string>> keyed;
  for (const auto& c : named) keyed.emplace_back(collation_key(std::string(T("country." + c))), c);
  std::sort(keyed.begin(), keyed.end());
  for (auto& k : keyed) out.push_back(std::move(k.second));
  for (auto& c : coded) out.push_back(std::move(c));
  return out;
}

std::string country_name(const std::string& code) {
  return has_name(code) ? std::string(T("country." + code)) : code;
}

bool profile_fields(Actions& a, const std::string& form, const Form& f) {
  bool enter = false;
  widgets::FieldOptions name;
  name.label = T("account.name");
  name.autocomplete = "name";
  name.max_length = core::kNameMaxLength;
  enter |= text_field(a, form, f, "name", name);
  widgets::FieldOptions street;
  street.label = T("account.street");
  street.autocomplete = "street-address";
  street.max_length = core::kStreetMaxLength;
  enter |= text_field(a, form, f, "street", street);
  widgets::FieldOptions city;
  city.label = T("account.city");
  city.autocomplete = "address-level2";
  city.max_length = core::kCityMaxLength;
  enter |= text_field(a, form, f, "city", city);

  // "Poštna št. in pošta": the number and the post office side by side (stacked on phones).
  const std::string country = f.get("country").empty() ? "SI" : f.get("country");
  const bool slovenia = country == "SI";
  widgets::begin_columns((form + ".postal").c_str(), 2);
  widgets::FieldOptions postal;
  postal.label = T("account.postal_code");
  postal.input_type = slovenia ? "numeric" : "text";
  postal.autocomplete = "postal-code";
  postal.max_length = slovenia ? 4 : core::kForeignPostalCodeMaxLength;
  enter |= text_field(a, form, f, "postal_code", postal);
  widgets::next_column();
  widgets::FieldOptions post;
  post.label = T("account.post");
  post.max_length = core::kPostMaxLength;
  enter |= text_field(a, form, f, "post", post);
  widgets::end_columns();

  const std::vector<std::string> codes = countries_in_order();
  std::vector<std::string> names;
  names.reserve(codes.size());
  int selected = 0;
  for (size_t i = 0; i < codes.size(); ++i) {
    names.push_back(country_name(codes[i]));
    if (codes[i] == country) selected = static_cast<int>(i);
  }
  const std::string country_error = field_error(f, "country");
  if (auto v = widgets::select((form + ".country").c_str(), T("account.country"), names, selected, country_error))
    a.edit(form, "country", codes[static_cast<size_t>(*v)]);

  widgets::FieldOptions phone;
  phone.label = T("account.phone");
  phone.hint = T("account.phone_hint");
  phone.input_type = "tel";
  phone.autocomplete = "tel";
  phone.max_length = core::kPhoneMaxLength;
  enter |= text_field(a, form, f, "phone", phone);

  const std::vector<std::string> genders = {std::string(T("account.gender.male")),
                                            std::string(T("account.gender.female"))};
  const std::string& g = f.get("gender");
  const int chosen = g == "male" ? 0 : g == "female" ? 1 : -1;
  const std::string gender_label = std::string(T("account.gender")) + " *";
  const std::string gender_error = field_error(f, "gender");
  if (auto v = widgets::radio_group((form + ".gender").c_str(), gender_label, genders, chosen, gender_error))
    a.edit(form, "gender", *v == 0 ? "male" : "female");

  if (auto v =
          widgets::checkbox((form + ".notifications").c_str(), T("account.notifications"), f.flag("notifications")))
    a.toggle(form, "notifications", *v);
  return enter;
}

}  // namespace client::screens::account
