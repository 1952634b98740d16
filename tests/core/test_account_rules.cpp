// Account rules: e-mail, passwords (with the real common-password list built from python3-zxcvbn),
// phone numbers, free text, the registration and profile fields of the manual.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "core/account_rules.h"
#include "error_codes.h"

namespace {

const core::CommonPasswords& common() {
  static core::CommonPasswords list;
  if (list.empty()) {
    std::ifstream in(PORTAL_COMMON_PASSWORDS_FILE);
    REQUIRE_MESSAGE(in.good(), "cannot read " << PORTAL_COMMON_PASSWORDS_FILE);
    std::stringstream s;
    s << in.rdbuf();
    list.load(s.str());
  }
  return list;
}

core::RegistrationFields valid_registration() {
  core::RegistrationFields f;
  f.email = "ana.novak@example.si";
  f.password = "Zelena-Lipa-Na-Bregu";
  f.password_repeat = f.password;
  f.profile.name = "Ana Novak";
  f.profile.street = "Šmartinska cesta 152";
  f.profile.city = "Ljubljana";
  f.profile.postal_code = "1000";
  f.profile.post = "Ljubljana";
  f.profile.gender = "female";
  f.terms_accepted = true;
  return f;
}

}  // namespace

TEST_CASE("e-mail addresses are trimmed, lower-cased and checked") {
  std::string n;
  CHECK(core::check_email("  Ana.Novak@Example.SI ", n).empty());
  CHECK(n == "ana.novak@example.si");
  for (const char* good : {"a@b.si", "ana+portal@mail.example.com", "o'brien@example.ie", "x_y-z@sub-1.example.org",
                           "!#$%&'*+-/=?^_`{|}~@example.com", "a.b.c@e-x.co"}) {
    CHECK_MESSAGE(core::check_email(good, n).empty(), good);
  }
  SUBCASE("empty is required") {
    CHECK(codes(core::check_email("   ", n)) == V{"field.required@email"});
    CHECK(codes(core::check_email("", n, "new_email")) == V{"field.required@new_email"});
  }
  SUBCASE("everything else is email.invalid") {
    for (const char* bad : {"ana",
                            "ana@",
                            "@example.si",
                            "ana@example",
                            "ana@example.s",
                            "ana@example.s1",
                            "ana@@example.si",
                            "ana@exa@mple.si",
                            ".ana@example.si",
                            "ana.@example.si",
                            "an..a@example.si",
                            "ana@-example.si",
                            "ana@example-.si",
                            "ana@example..si",
                            "ana@.example.si",
                            "ana novak@example.si",
                            "ana@exam_ple.si",
                            "aná@example.si",
                            "ana@primer.šola.si",
                            "ana@example.si.",
                            "\"ana\"@example.si",
                            "ana@[127.0.0.1]",
                            "ana\n@example.si"}) {
      CHECK_MESSAGE(codes(core::check_email(bad, n)) == V{"email.invalid@email"}, bad);
    }
  }
  SUBCASE("lengths: local part 64, label 63, whole address 254") {
    const std::string local64(64, 'a');
    CHECK(core::check_email(local64 + "@example.si", n).empty());
    CHECK(codes(core::check_email(local64 + "a@example.si", n)) == V{"email.invalid@email"});
    const std::string label63(63, 'b');
    CHECK(core::check_email("a@" + label63 + ".si", n).empty());
    CHECK(codes(core::check_email("a@" + label63 + "b.si", n)) == V{"email.invalid@email"});
    std::string long_domain;  // 4 labels of 60 + ".si": a@ + 243 + 3 = 248
    for (int i = 0; i < 4; ++i) long_domain += std::string(60, 'c') + ".";
    long_domain += "si";
    const std::string at_limit = std::string(254 - 1 - long_domain.size(), 'a') + "@" + long_domain;
    REQUIRE(at_limit.size() == 254);
    CHECK(core::check_email(at_limit, n).empty());
    CHECK(codes(core::check_email("a" + at_limit, n)) == V{"email.invalid@email"});
  }
}

TEST_CASE("the common-password list is the real one") {
  REQUIRE(common().size() >= 10000);
  CHECK(common().contains("password1234"));
  CHECK(common().contains("PassWord1234"));  // compared in lower case
  CHECK(common().contains("qwertyuiop"));
  CHECK(common().contains("1q2w3e4r5t"));
  CHECK_FALSE(common().contains("Zelena-Lipa-Na-Bregu"));
  core::CommonPasswords small;
  CHECK_FALSE(small.contains("password"));
  small.load("Alpha\r\nbeta\n\ngamma");
  CHECK(small.size() == 3);
  CHECK(small.contains("ALPHA"));
  CHECK(small.contains("gamma"));
}

TEST_CASE("new passwords") {
  const std::string email = "ana.novak@example.si";
  CHECK(core::check_new_password("Zelena-Lipa-Na-Bregu", "Zelena-Lipa-Na-Bregu", email, common()).empty());
  SUBCASE("length in characters: 10 to 128") {
    CHECK(core::check_new_password("čšžčšžčšžč", "čšžčšžčšžč", email, common()).empty());  // 10 letters, 20 bytes
    const auto short_one = core::check_new_password("čšžčšžčšž", "čšžčšžčšž", email, common());
    REQUIRE(codes(short_one) == V{"password.too_short@password"});
    CHECK(short_one[0].params == nlohmann::json{{"min_length", 10}});
    const std::string p128(128, 'x');
    CHECK(core::check_new_password(p128, p128, email, common()).empty());
    const std::string p129(129, 'x');
    const auto long_one = core::check_new_password(p129, p129, email, common());
    REQUIRE(codes(long_one) == V{"password.too_long@password"});
    CHECK(long_one[0].params == nlohmann::json{{"max_length", 128}});
  }
  SUBCASE("common passwords from the real list, every applicable code at once") {
    CHECK(codes(core::check_new_password("password1234", "password1234", email, common())) ==
          V{"password.too_common@password"});
    CHECK(codes(core::check_new_password("Password1234", "Password1234", email, common())) ==
          V{"password.too_common@password"});
    CHECK(codes(core::check_new_password("qwerty", "qwerty", email, common())) ==
          V{"password.too_short@password", "password.too_common@password"});
    // Without the list (the client before it has loaded) the rule is skipped.
    CHECK(core::check_new_password("password1234", "password1234", email, core::CommonPasswords{}).empty());
  }
  SUBCASE("not the e-mail, in any case") {
    CHECK(codes(core::check_new_password("Ana.Novak@Example.si", "Ana.Novak@Example.si", " ANA.novak@example.si ",
                                         common())) == V{"password.equals_email@password"});
  }
  SUBCASE("empty and repeat") {
    CHECK(codes(core::check_new_password("", "", email, common())) ==
          V{"field.required@password", "field.required@password_repeat"});
    CHECK(codes(core::check_new_password("Zelena-Lipa-Na-Bregu", "", email, common())) ==
          V{"field.required@password_repeat"});
    CHECK(codes(core::check_new_password("Zelena-Lipa-Na-Bregu", "zelena-lipa-na-bregu", email, common())) ==
          V{"password.mismatch@password_repeat"});
    CHECK(codes(core::check_new_password("kratko", "dolgo", email, common(), "new", "new2")) ==
          V{"password.too_short@new", "password.mismatch@new2"});
  }
}

TEST_CASE("phone numbers are normalised to E.164") {
  std::string e;
  auto ok = [&e](const char* input, const char* expected) {
    const auto errors = core::check_phone(input, e);
    CHECK_MESSAGE(errors.empty(), input);
    CHECK_MESSAGE(e == expected, input);
  };
  ok("041 123 456", "+38641123456");
  ok("01 234 56 78", "+38612345678");
  ok("080 12 345", "+3868012345");  // 8 digits in all
  ok("(01) 234-56-78", "+38612345678");
  ok("041/123-456", "+38641123456");
  ok("+386 41 123 456", "+38641123456");
  ok("00386 41 123 456", "+38641123456");
  ok("+386 (0)41 123 456", "+38641123456");
  ok("+49 30 1234567", "+49301234567");
  ok("+1 (212) 555-0123", "+12125550123");
  ok("+12345678", "+12345678");                // 8 digits
  ok("+123456789012345", "+123456789012345");  // 15 digits
  ok("   ", "");                               // empty is allowed
  for (const char* bad : {"41 123 456", "041 12 34", "041 123 45678", "+1234567", "+1234567890123456", "+0 41 123 456",
                          "000386 41 123 456", "+386 41 123 45a", "041 123 456 ext 2", "++386 41 123 456",
                          "0041+123456", "386 41 123 456", "041\t123 456"}) {
    const auto errors = core::check_phone(bad, e);
    CHECK_MESSAGE(codes(errors) == V{"phone.invalid@phone"}, bad);
  }
  const auto errors = core::check_phone("+386 41 123 456 789 012 345", e, "mobile");
  REQUIRE(codes(errors) == V{"field.too_long@mobile"});
  CHECK(errors[0].params == nlohmann::json{{"max_length", core::kPhoneMaxLength}});
}

TEST_CASE("Slovenian numbers are grouped for reading, others shown as they are") {
  CHECK(core::format_phone("+38641123456") == "+386 41 123 456");
  CHECK(core::format_phone("+38670123456") == "+386 70 123 456");
  CHECK(core::format_phone("+38612345678") == "+386 1 234 56 78");
  CHECK(core::format_phone("+38622345678") == "+386 2 234 56 78");
  CHECK(core::format_phone("+3868012345") == "+3868012345");  // a free number: 7 digits
  CHECK(core::format_phone("+49301234567") == "+49301234567");
  CHECK(core::format_phone("") == "");
  std::string e164;  // what is shown is read back as the same number
  REQUIRE(core::check_phone(core::format_phone("+38641123456"), e164).empty());
  CHECK(e164 == "+38641123456");
}

TEST_CASE("free text: trimmed, bounded, no control characters") {
  std::string out;
  CHECK(core::check_text("  Šmartinska cesta 152  ", 100, false, out, "street").empty());
  CHECK(out == "Šmartinska cesta 152");
  CHECK(core::check_text("", 10, false, out, "street").empty());
  CHECK(codes(core::check_text(" \t ", 10, true, out, "post")) == V{"field.required@post"});
  CHECK(core::check_text("ččččč", 5, true, out, "x").empty());  // characters, not bytes
  const auto too_long = core::check_text("čččččč", 5, true, out, "x");
  REQUIRE(codes(too_long) == V{"field.too_long@x"});
  CHECK(too_long[0].params == nlohmann::json{{"max_length", 5}});
  for (const char* bad : {"a\x01z", "a\nb", "a\tb", "a\x7f", "a\xc2\x85z", "a\xc2\x9fz", "\xff", "a\xc3",
                          "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80"}) {
    CHECK_MESSAGE(codes(core::check_text(bad, 100, false, out, "name")) == V{"field.invalid_characters@name"}, bad);
  }
  CHECK(codes(core::check_text(std::string(8, '\x01'), 5, false, out, "name")) ==
        V{"field.invalid_characters@name", "field.too_long@name"});
  CHECK(core::check_text("emoji 😀 and ÷", 100, false, out, "name").empty());
  CHECK(core::utf8_length("čšž😀") == 4);
  CHECK(core::utf8_length("a\xff") == 2);
  CHECK(core::valid_utf8("čšž😀"));
  CHECK_FALSE(core::valid_utf8("\xe2\x82"));
}

TEST_CASE("countries: ISO 3166-1 alpha-2, officially assigned codes") {
  CHECK(core::country_codes().size() == 249);
  for (const char* code : {"SI", "AT", "HR", "IT", "HU", "DE", "GB", "US", "AX", "SS", "XK"}) {
    if (std::string(code) == "XK")
      CHECK_FALSE(core::is_country_code(code));  // Kosovo: user-assigned, not official
    else
      CHECK_MESSAGE(core::is_country_code(code), code);
  }
  for (const char* bad : {"si", "UK", "EU", "SIA", "S", "", "YU", "ZZ"})
    CHECK_MESSAGE(!core::is_country_code(bad), bad);
}

TEST_CASE("registration: every field, every error at once") {
  SUBCASE("a valid registration is normalised") {
    auto f = valid_registration();
    f.email = " Ana.Novak@Example.SI ";
    f.profile.country = "si";
    f.profile.phone = "041 123 456";
    f.profile.name = "  Ana Novak ";
    f.profile.locale = "";
    REQUIRE(core::check_registration(f, common()).empty());
    CHECK(f.email == "ana.novak@example.si");
    CHECK(f.profile.country == "SI");
    CHECK(f.profile.phone == "+38641123456");
    CHECK(f.profile.name == "Ana Novak");
    CHECK(f.profile.locale == "sl");
  }
  SUBCASE("the manual's required fields") {
    core::RegistrationFields f;
    f.profile.locale = "";
    f.profile.country = "";
    CHECK(codes(core::check_registration(f, common())) == V{"field.required@email", "field.required@password",
                                                            "field.required@password_repeat", "field.required@gender",
                                                            "terms.not_accepted@terms_accepted"});
    CHECK(f.profile.country == "SI");  // empty country is Slovenia
  }
  SUBCASE("invalid choices") {
    auto f = valid_registration();
    f.profile.gender = "other";
    f.profile.locale = "de";
    f.profile.country = "XX";
    CHECK(codes(core::check_registration(f, common())) ==
          V{"country.invalid@country", "field.invalid@gender", "field.invalid@locale"});
  }
  SUBCASE("password equal to the e-mail and common") {
    auto f = valid_registration();
    f.password = f.password_repeat = "ANA.NOVAK@EXAMPLE.SI";
    CHECK(codes(core::check_registration(f, common())) == V{"password.equals_email@password"});
  }
}

TEST_CASE("profile: Slovenian postal codes, posts, foreign addresses, lengths") {
  auto profile = [] { return valid_registration().profile; };
  SUBCASE("Slovenia: 4 digits 1000-9999, then a post") {
    for (const char* good : {"1000", "9999", "2000", " 8000 "}) {
      auto p = profile();
      p.postal_code = good;
      CHECK_MESSAGE(core::check_profile(p).empty(), good);
    }
    for (const char* bad : {"0999", "999", "10000", "SI-1000", "1 000", "100a", "１０００"}) {
      auto p = profile();
      p.postal_code = bad;
      CHECK_MESSAGE(codes(core::check_profile(p)) == V{"postal_code.invalid@postal_code"}, bad);
    }
    auto p = profile();
    p.post = "";
    CHECK(codes(core::check_profile(p)) == V{"field.required@post"});
    p.postal_code = "";
    CHECK(core::check_profile(p).empty());  // no postal code, no post needed
  }
  SUBCASE("other countries: bounded free text") {
    auto p = profile();
    p.country = "gb";
    p.postal_code = "SW1A 1AA";
    p.post = "";
    CHECK(core::check_profile(p).empty());
    CHECK(p.country == "GB");
    p.postal_code = "1234567890123";
    const auto errors = core::check_profile(p);
    REQUIRE(codes(errors) == V{"field.too_long@postal_code"});
    CHECK(errors[0].params == nlohmann::json{{"max_length", 12}});
  }
  SUBCASE("every text field is bounded and clean") {
    auto p = profile();
    p.name = std::string(101, 'n');
    p.street = std::string(101, 's');
    p.city = std::string(61, 'c');
    p.post = std::string(61, 'p');
    CHECK(codes(core::check_profile(p)) ==
          V{"field.too_long@name", "field.too_long@street", "field.too_long@city", "field.too_long@post"});
    p = profile();
    p.name = "Ana\x1b[31m";
    p.city = "Lj\x7fubljana";
    CHECK(codes(core::check_profile(p)) == V{"field.invalid_characters@name", "field.invalid_characters@city"});
  }
  SUBCASE("phone") {
    auto p = profile();
    p.phone = "12345";
    CHECK(codes(core::check_profile(p)) == V{"phone.invalid@phone"});
    p.phone = "";
    CHECK(core::check_profile(p).empty());
    CHECK(p.phone.empty());
  }
}
