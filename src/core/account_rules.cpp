#include "core/account_rules.h"

#include <cstdint>

#include "core/text.h"

namespace core {

// [SECTION] Common passwords
void CommonPasswords::load(std::string_view text) {
  words_.clear();
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) words_.insert(ascii_lower(line));
    start = end + 1;
  }
}

bool CommonPasswords::contains(std::string_view password) const {
  return !words_.empty() && words_.count(ascii_lower(password)) > 0;
}

// [SECTION] UTF-8
bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    const size_t n = decode_utf8(s, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

int utf8_length(std::string_view s) {
  int count = 0;
  for (size_t i = 0; i < s.size(); ++count) {
    uint32_t cp = 0;
    const size_t n = decode_utf8(s, i, cp);
    i += n == 0 ? 1 : n;
  }
  return count;
}

// [SECTION] E-mail
namespace {

bool is_atext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '/':
    case '=':
    case '?':
    case '^':
    case '_':
    case '`':
    case '{':
    case '|':
    case '}':
    case '~':
      return true;
    default:
      return false;
  }
}

bool valid_local_part(std::string_view local) {
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
  for (size_t i = 0; i < local.size(); ++i) {
    if (local[i] == '.') {
      if (local[i + 1] == '.') return false;  // the last char is not a dot, so i + 1 exists
    } else if (!is_atext(local[i])) {
      return false;
    }
  }
  return true;
}

bool valid_domain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  size_t labels = 0;
  size_t start = 0;
  std::string_view last;
  while (true) {
    const size_t dot = domain.find('.', start);
    const std::string_view label =
        domain.substr(start, dot == std::string_view::npos ? domain.size() - start : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (labels < 2 || last.size() < 2) return false;
  for (char c : last)
    if (!(c >= 'a' && c <= 'z')) return false;
  return true;
}

}  // namespace

Errors check_email(std::string_view input, std::string& normalized, std::string_view field) {
  const std::string_view trimmed = trim(input);
  normalized = ascii_lower(trimmed);
  if (trimmed.empty()) return {make_error(codes::field_required, field)};
  const size_t at = normalized.rfind('@');
  if (normalized.size() > static_cast<size_t>(kEmailMaxLength) || at == std::string::npos ||
      !valid_local_part(std::string_view(normalized).substr(0, at)) ||
      !valid_domain(std::string_view(normalized).substr(at + 1)))
    return {make_error(codes::email_invalid, field)};
  return {};
}

// [SECTION] Passwords
Errors check_new_password(std::string_view password, std::string_view repeat, std::string_view email,
                          const CommonPasswords& common, std::string_view field, std::string_view repeat_field) {
  Errors errors;
  if (password.empty()) {
    errors.push_back(make_error(codes::field_required, field));
  } else {
    const int length = utf8_length(password);
    if (length < kPasswordMinLength)
      errors.push_back(make_error(codes::password_too_short, field, {{"min_length", kPasswordMinLength}}));
    if (length > kPasswordMaxLength)
      errors.push_back(make_error(codes::password_too_long, field, {{"max_length", kPasswordMaxLength}}));
    const std::string mail = ascii_lower(trim(email));
    if (!mail.empty() && ascii_lower(password) == mail)
      errors.push_back(make_error(codes::password_equals_email, field));
    if (common.contains(password)) errors.push_back(make_error(codes::password_too_common, field));
  }
  if (repeat.empty())
    errors.push_back(make_error(codes::field_required, repeat_field));
  else if (repeat != password)
    errors.push_back(make_error(codes::password_mismatch, repeat_field));
  return errors;
}

// [SECTION] Phone numbers
Errors check_phone(std::string_view input, std::string& e164, std::string_view field) {
  e164.clear();
  const std::string_view trimmed = trim(input);
  if (trimmed.empty()) return {};
  if (utf8_length(trimmed) > kPhoneMaxLength)
    return {make_error(codes::field_too_long, field, {{"max_length", kPhoneMaxLength}})};
  // "+386 (0)41 ..." : the national trunk 0 written after the country code is dropped.
  std::string text(trimmed);
  for (size_t p = text.find("(0)"); p != std::string::npos; p = text.find("(0)")) text.erase(p, 3);
  std::string compact;
  for (char c : text)
    if (c != ' ' && c != '-' && c != '.' && c != '/' && c != '(' && c != ')') compact += c;
  auto all_digits = [](std::string_view s) {
    for (char c : s)
      if (c < '0' || c > '9') return false;
    return !s.empty();
  };
  std::string_view international;
  if (!compact.empty() && compact[0] == '+') {
    international = std::string_view(compact).substr(1);
  } else if (compact.size() >= 2 && compact[0] == '0' && compact[1] == '0') {
    international = std::string_view(compact).substr(2);
  } else if (!compact.empty() && compact[0] == '0') {
    // Slovenian national number: 0 + area or mobile code + subscriber, 8 or 9 digits in all.
    if (all_digits(compact) && (compact.size() == 8 || compact.size() == 9)) {
      e164 = "+386" + compact.substr(1);
      return {};
    }
    return {make_error(codes::phone_invalid, field)};
  } else {
    return {make_error(codes::phone_invalid, field)};
  }
  if (!all_digits(international) || international.size() < 8 || international.size() > 15 || international[0] == '0')
    return {make_error(codes::phone_invalid, field)};
  e164 = "+" + std::string(international);
  return {};
}

std::string format_phone(std::string_view e164) {
  if (e164.substr(0, 4) != "+386" || e164.size() != 12) return std::string(e164);
  const std::string n(e164.substr(4));  // 8 digits after the country code
  static const char* const kMobile[] = {"30", "31", "40", "41", "51", "64", "65", "68", "69", "70", "71"};
  for (const char* m : kMobile)
    if (n.compare(0, 2, m) == 0) return "+386 " + n.substr(0, 2) + " " + n.substr(2, 3) + " " + n.substr(5, 3);
  // A landline: the one-digit area code, then 3 + 2 + 2.
  return "+386 " + n.substr(0, 1) + " " + n.substr(1, 3) + " " + n.substr(4, 2) + " " + n.substr(6, 2);
}

// [SECTION] Free text
Errors check_text(std::string_view input, int max_length, bool required, std::string& out, std::string_view field) {
  Errors errors;
  std::string trimmed(trim(input));  // a copy: `out` may be the string `input` views
  if (trimmed.empty()) {
    if (required) errors.push_back(make_error(codes::field_required, field));
  } else {
    if (!valid_utf8(trimmed) || has_control_characters(trimmed))
      errors.push_back(make_error(codes::field_invalid_characters, field));
    if (utf8_length(trimmed) > max_length)
      errors.push_back(make_error(codes::field_too_long, field, {{"max_length", max_length}}));
  }
  out = std::move(trimmed);
  return errors;
}

// [SECTION] Countries
bool is_country_code(std::string_view code) {
  // ISO 3166-1 alpha-2: every officially assigned code (249).
  static const char kCodes[] =
      "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ "
      "BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
      "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ "
      "DE DJ DK DM DO DZ "
      "EC EE EG EH ER ES ET "
      "FI FJ FK FM FO FR "
      "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY "
      "HK HM HN HR HT HU "
      "ID IE IL IM IN IO IQ IR IS IT "
      "JE JM JO JP "
      "KE KG KH KI KM KN KP KR KW KY KZ "
      "LA LB LC LI LK LR LS LT LU LV LY "
      "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ "
      "NA NC NE NF NG NI NL NO NP NR NU NZ "
      "OM "
      "PA PE PF PG PH PK PL PM PN PR PS PT PW PY "
      "QA "
      "RE RO RS RU RW "
      "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ "
      "TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ "
      "UA UG UM US UY UZ "
      "VA VC VE VG VI VN VU "
      "WF WS "
      "YE YT "
      "ZA ZM ZW ";
  if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z') return false;
  for (size_t i = 0; i + 1 < sizeof kCodes - 1; i += 3)
    if (kCodes[i] == code[0] && kCodes[i + 1] == code[1]) return true;
  return false;
}

const std::vector<std::string>& country_codes() {
  static const std::vector<std::string> list = [] {
    std::vector<std::string> out;
    for (char a = 'A'; a <= 'Z'; ++a)
      for (char b = 'A'; b <= 'Z'; ++b) {
        const std::string code{a, b};
        if (is_country_code(code)) out.push_back(code);
      }
    return out;
  }();
  return list;
}

// [SECTION] Registration and profile
Errors check_profile(ProfileFields& fields) {
  Errors errors;
  auto add = [&errors](Errors more) {
    for (auto& e : more) errors.push_back(std::move(e));
  };
  add(check_text(fields.name, kNameMaxLength, false, fields.name, "name"));
  add(check_text(fields.street, kStreetMaxLength, false, fields.street, "street"));
  add(check_text(fields.city, kCityMaxLength, false, fields.city, "city"));

  // Country first: it decides what a postal code is.
  std::string country = ascii_upper(trim(fields.country));
  bool country_ok = true;
  if (country.empty()) {
    country = "SI";
  } else if (!is_country_code(country)) {
    errors.push_back(make_error(codes::country_invalid, "country"));
    country_ok = false;
  }
  if (country_ok) fields.country = country;

  const std::string postal_code(trim(fields.postal_code));
  bool post_required = false;
  if (country_ok && country == "SI") {
    fields.postal_code = postal_code;
    if (!postal_code.empty()) {
      post_required = true;
      bool digits = postal_code.size() == 4 && postal_code[0] >= '1' && postal_code[0] <= '9';
      for (char c : postal_code) digits = digits && c >= '0' && c <= '9';
      if (!digits) errors.push_back(make_error(codes::postal_code_invalid, "postal_code"));
    }
  } else {
    add(check_text(fields.postal_code, kForeignPostalCodeMaxLength, false, fields.postal_code, "postal_code"));
  }
  add(check_text(fields.post, kPostMaxLength, post_required, fields.post, "post"));

  std::string e164;
  Errors phone = check_phone(fields.phone, e164, "phone");
  if (phone.empty())
    fields.phone = e164;
  else
    add(std::move(phone));

  const std::string gender(trim(fields.gender));
  if (gender.empty())
    errors.push_back(make_error(codes::field_required, "gender"));
  else if (gender != "male" && gender != "female")
    errors.push_back(make_error(codes::field_invalid, "gender"));
  else
    fields.gender = gender;

  const std::string locale(trim(fields.locale));
  if (locale.empty())
    fields.locale = "sl";
  else if (locale != "sl" && locale != "en")
    errors.push_back(make_error(codes::field_invalid, "locale"));
  else
    fields.locale = locale;
  return errors;
}

Errors check_registration(RegistrationFields& fields, const CommonPasswords& common) {
  Errors errors;
  std::string email;
  for (auto& e : check_email(fields.email, email, "email")) errors.push_back(std::move(e));
  if (errors.empty()) fields.email = email;
  for (auto& e :
       check_new_password(fields.password, fields.password_repeat, email, common, "password", "password_repeat"))
    errors.push_back(std::move(e));
  for (auto& e : check_profile(fields.profile)) errors.push_back(std::move(e));
  if (!fields.terms_accepted) errors.push_back(make_error(codes::terms_not_accepted, "terms_accepted"));
  return errors;
}

}  // namespace core
