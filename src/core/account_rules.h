// Rules for accounts: e-mail, password, the registration and profile fields of the manual,
// phone numbers. Every rule returns error values (field + code + params), never text.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/error.h"

namespace core {

// [SECTION] Limits (also served at /api/v1/rules as `limits`)
inline constexpr int kPasswordMinLength = 10;   // characters (code points), API.md password.too_short
inline constexpr int kPasswordMaxLength = 128;  // characters, password.too_long
inline constexpr int kEmailMaxLength = 254;     // RFC 5321 path limit
inline constexpr int kNameMaxLength = 100;      // name or company
inline constexpr int kStreetMaxLength = 100;    // street and house number
inline constexpr int kCityMaxLength = 60;       // city
inline constexpr int kPostMaxLength = 60;       // post name
inline constexpr int kForeignPostalCodeMaxLength = 12;  // postal code outside Slovenia
inline constexpr int kPhoneMaxLength = 24;      // as typed, before normalising

// [SECTION] Common passwords
// A real frequency list (python3-zxcvbn, written at build time), one per line, lower case.
class CommonPasswords {
 public:
  void load(std::string_view text);  // replaces the list
  bool contains(std::string_view password) const;  // compared in lower case
  size_t size() const { return words_.size(); }
  bool empty() const { return words_.empty(); }

 private:
  std::unordered_set<std::string> words_;
};

// [SECTION] Single fields
// Trims, lower-cases and checks an e-mail address (syntax, length). Errors on `field`.
Errors check_email(std::string_view input, std::string& normalized, std::string_view field = "email");
// A new password with its repeat: length, not the e-mail, not common, repeat matches.
// `common` may be empty (the client before the list has loaded): then too_common is not checked.
Errors check_new_password(std::string_view password, std::string_view repeat, std::string_view email,
                          const CommonPasswords& common, std::string_view field = "password",
                          std::string_view repeat_field = "password_repeat");
// A phone number as people type it (spaces, dashes, brackets, 00 or + prefix, Slovenian
// national form 041 123 456) normalised to E.164 ("+38641123456"). Empty input is allowed.
Errors check_phone(std::string_view input, std::string& e164, std::string_view field = "phone");
// A Slovenian E.164 number grouped for reading: "+386 41 123 456" (mobile), "+386 1 234 56 78"
// (landline); any other number as it is.
std::string format_phone(std::string_view e164);
// Optional free text: trimmed, at most max_length characters, no control characters.
Errors check_text(std::string_view input, int max_length, bool required, std::string& out, std::string_view field);
int utf8_length(std::string_view s);  // code points; invalid UTF-8 counts each byte
bool valid_utf8(std::string_view s);

// [SECTION] Registration and profile (the manual's fields)
struct ProfileFields {
  std::string name;          // name or company
  std::string street;        // street and house number
  std::string city;
  std::string postal_code;   // Slovenia: 4 digits 1000-9999; elsewhere bounded free text
  std::string post;          // post name ("Ljubljana"); required with a Slovenian postal code
  std::string country = "SI";  // ISO 3166-1 alpha-2
  std::string phone;         // normalised to E.164 by the check
  std::string gender;        // "male" | "female" (required)
  bool notifications = false;  // "I want to receive notifications"
  std::string locale = "sl";   // "sl" | "en"
};

struct RegistrationFields {
  std::string email;            // normalised to lower case by the check
  std::string password;
  std::string password_repeat;
  ProfileFields profile;
  bool terms_accepted = false;  // required
};

// Checks every field and returns every error at once; on success `fields` is normalised
// (trimmed texts, lower-case e-mail, E.164 phone, upper-case country).
Errors check_registration(RegistrationFields& fields, const CommonPasswords& common);
Errors check_profile(ProfileFields& fields);

bool is_country_code(std::string_view code);  // ISO 3166-1 alpha-2, upper case
const std::vector<std::string>& country_codes();  // every code is_country_code accepts, sorted

}  // namespace core
