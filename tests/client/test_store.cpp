// The client's state and api layers natively against a real started server (no browser): every
// action of the account screens and of the contracts and readings screens, success and failure.
#include <doctest/doctest.h>

#include "client/platform/browser.h"
#include "client/platform/http.h"
#include "client/state/kiosk.h"
#include "client/state/store.h"
#include "server_process.h"

using client::Action;
using client::Actions;
using client::Screen;
using client::Session;

namespace {

const char* kNow = "2026-11-30T10:00:00+01:00";  // Elektro Ljubljana's window is open (30 Nov - 3 Dec)

std::vector<std::string> contracts() {
  return {"E-100,3-345341,,electricity,ELJ,Šmartinska cesta 5,Ljubljana,1000,VT+MT,6,Žiga Čebašek,2024-01-01,",
          "P-200,DOPL-123456789012,,gas,DOPL,Koroška cesta 21,Kranj,4000,M3,5,Ana Novak,2024-01-01,"};
}

std::vector<std::string> readings() {
  std::vector<std::string> rows;
  int vt = 20000, mt = 9000, m3 = 5000;
  const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31};
  for (int m = 1; m <= 10; ++m) {
    vt += 300;
    mt += 150;
    m3 += 100;
    char date[16];
    std::snprintf(date, sizeof date, "2026-%02d-%02d", m, days[m - 1]);
    rows.push_back(std::string("3345341,") + date + ",VT," + std::to_string(vt) + ",operator");
    rows.push_back(std::string("3345341,") + date + ",MT," + std::to_string(mt) + ",operator");
    rows.push_back(std::string("DOPL-123456789012,") + date + ",M3," + std::to_string(m3) + ",operator");
  }
  return rows;  // last: VT 23000, MT 10500 on 31 Oct 2026
}

struct Harness {
  test::ServerProcess server{kNow, contracts(), readings(),
                             {"2026-10-0100,E-100,2026-10-01,2026-10-31,2026-11-05,2026-11-20,84.37,open,450"}};
  std::unique_ptr<client::platform::Http> http = client::platform::make_http(server.base());
  client::platform::RecordedBrowser browser;
  client::Store store{*http, browser};

  explicit Harness(const std::string& path = "/") {
    store.start(path, "");
    pump();
  }
  void pump() {
    for (int i = 0; i < 100 && (store.waiting() || http->in_flight()); ++i) {
      http->poll();
      store.update();
    }
  }
  template <class F>
  void act(F f) {
    Actions a;
    f(a);
    store.apply(a.take());
    pump();
  }
  const client::AppState& s() const { return store.state(); }
  void fill(const std::string& form, std::map<std::string, std::string> fields) {
    act([&](Actions& a) {
      for (auto& [k, v] : fields) a.edit(form, k, v);
    });
  }
  // Registers, activates and logs in a customer.
  std::string signed_in_customer(const std::string& email = "ziga.cebasek@example.si") {
    act([&](Actions& a) { a.navigate(Screen::register_); });
    fill("register", {{"email", email}, {"password", "Zelo-Varno-Geslo-42"}, {"password_repeat", "Zelo-Varno-Geslo-42"},
                      {"name", "Žiga Čebašek"}, {"street", "Šmartinska cesta 5"}, {"gender", "male"},
                      {"phone", "041 123 456"}});
    act([&](Actions& a) {
      a.toggle("register", "terms_accepted", true);
      a.submit("register");
    });
    REQUIRE(s().form("register").done);
    act([&](Actions& a) { a.navigate(client::Route{Screen::activate, "", server.mailed_token(email, "/activate?token=")}); });
    REQUIRE(s().form("activate").done);
    act([&](Actions& a) { a.navigate(Screen::login); });
    fill("login", {{"email", email}, {"password", "Zelo-Varno-Geslo-42"}});
    act([&](Actions& a) { a.submit("login"); });
    REQUIRE(s().session == Session::signed_in);
    return email;
  }
};

bool has(const core::Errors& e, std::string_view code, std::string_view field = {}) {
  for (const auto& x : e)
    if (x.code == code && (field.empty() || x.field == field)) return true;
  return false;
}

}  // namespace

TEST_CASE("start: the server's rules, signed out, and a deep link kept for after the login") {
  Harness h("/readings/1");
  CHECK(h.s().rules_load.loaded);
  CHECK(core::format_date(h.s().rules.today) == "2026-11-30");
  CHECK(h.store.operators().find("DOPL") != nullptr);
  CHECK(h.s().session == Session::signed_out);
  CHECK(h.s().route.screen == Screen::login);
  CHECK(h.s().after_login.screen == Screen::readings);
  REQUIRE(!h.browser.history.empty());
  CHECK(h.browser.history.back() == "/login");
}

TEST_CASE("register, activate, log in, log out") {
  Harness h;
  SUBCASE("core refuses bad input before any request") {
    h.act([](Actions& a) { a.navigate(Screen::register_); });
    h.fill("register", {{"email", "ni-naslov"}, {"password", "kratko"}, {"password_repeat", "drugo"}});
    h.act([](Actions& a) { a.submit("register"); });
    const auto& f = h.s().form("register");
    CHECK_FALSE(f.done);
    CHECK(has(f.errors(), "email.invalid", "email"));
    CHECK(has(f.errors(), "password.too_short", "password"));
    CHECK(has(f.errors(), "password.mismatch", "password_repeat"));
    CHECK(has(f.errors(), "field.required", "gender"));
    CHECK(has(f.errors(), "terms.not_accepted", "terms_accepted"));
    CHECK(f.error_for("email") != nullptr);
  }
  SUBCASE("the whole way, and the errors the server answers on it") {
    const std::string email = h.signed_in_customer();
    CHECK(h.s().user.email == email);
    CHECK(h.s().user.profile.name == "Žiga Čebašek");
    CHECK(h.s().route.screen == Screen::home);
    CHECK(h.browser.history.back() == "/");
    // The next visit on this device loads the signed-in screens' code at once (shell/bridge.js).
    CHECK(h.browser.settings["signed_in"] == "1");
    // A reused activation link.
    h.act([&](Actions& a) {
      a.navigate(client::Route{Screen::activate, "", h.server.mailed_token(email, "/activate?token=")});
    });
    CHECK(has(h.s().form("activate").errors(), "token.invalid", "token"));
    h.act([](Actions& a) { a.logout(false); });
    CHECK(h.s().session == Session::signed_out);
    CHECK(h.s().route.screen == Screen::login);
    CHECK(h.s().banner->key == "banner.logged_out");
    CHECK(h.browser.settings.count("signed_in") == 0);
    // Wrong password.
    h.fill("login", {{"email", email}, {"password", "Napacno-Geslo-1"}});
    h.act([](Actions& a) { a.submit("login"); });
    CHECK(has(h.s().form("login").errors(), "auth.invalid_credentials"));
    CHECK(h.s().session == Session::signed_out);
  }
  SUBCASE("not activated: the activation mail again") {
    h.act([](Actions& a) { a.navigate(Screen::register_); });
    h.fill("register", {{"email", "pozabljiva@example.si"}, {"password", "Zelo-Varno-Geslo-42"},
                        {"password_repeat", "Zelo-Varno-Geslo-42"}, {"gender", "female"}});
    h.act([](Actions& a) {
      a.toggle("register", "terms_accepted", true);
      a.submit("register");
    });
    h.act([](Actions& a) { a.navigate(Screen::login); });
    h.fill("login", {{"email", "pozabljiva@example.si"}, {"password", "Zelo-Varno-Geslo-42"}});
    h.act([](Actions& a) { a.submit("login"); });
    CHECK(has(h.s().form("login").errors(), "auth.not_activated"));
    h.act([](Actions& a) { a.resend_activation("pozabljiva@example.si"); });
    CHECK(h.s().banner->key == "banner.activation_sent");
    CHECK_FALSE(h.server.mailed_token("pozabljiva@example.si", "/activate?token=", 2).empty());
  }
}

TEST_CASE("forgotten password and reset") {
  Harness h;
  const std::string email = h.signed_in_customer();
  h.act([](Actions& a) { a.logout(false); });
  h.act([](Actions& a) { a.navigate(Screen::forgot); });
  h.fill("forgot", {{"email", "narobe"}});
  h.act([](Actions& a) { a.submit("forgot"); });
  CHECK(has(h.s().form("forgot").errors(), "email.invalid", "email"));
  h.fill("forgot", {{"email", email}});
  h.act([](Actions& a) { a.submit("forgot"); });
  CHECK(h.s().form("forgot").done);
  const std::string token = h.server.mailed_token(email, "/reset?token=");
  h.act([&](Actions& a) { a.navigate(client::Route{Screen::reset, "", token}); });
  CHECK(h.s().form("reset").errors().empty());  // the link was checked and is good
  h.fill("reset", {{"password", "Novo-Geslo-2026"}, {"password_repeat", "Novo-Geslo-2027"}});
  h.act([](Actions& a) { a.submit("reset"); });
  CHECK(has(h.s().form("reset").errors(), "password.mismatch", "password_repeat"));
  h.fill("reset", {{"password_repeat", "Novo-Geslo-2026"}});
  h.act([](Actions& a) { a.submit("reset"); });
  CHECK(h.s().form("reset").done);
  h.act([](Actions& a) { a.navigate(Screen::login); });
  h.act([&](Actions& a) { a.navigate(client::Route{Screen::reset, "", token}); });
  // A used link says so as the page opens, before a password is typed.
  CHECK(has(h.s().form("reset").errors(), "token.invalid", "token"));
  h.act([&](Actions& a) { a.navigate(client::Route{Screen::reset, "", "neznan-zeton"}); });
  CHECK(has(h.s().form("reset").errors(), "token.invalid", "token"));
  // Validating again (a key typed, the password list arriving) keeps what the server said.
  h.fill("reset", {{"password", "kratko"}});
  CHECK(has(h.s().form("reset").errors(), "token.invalid", "token"));
  h.act([](Actions& a) { a.navigate(Screen::login); });
  h.fill("login", {{"email", email}, {"password", "Novo-Geslo-2026"}});
  h.act([](Actions& a) { a.submit("login"); });
  CHECK(h.s().session == Session::signed_in);
}

TEST_CASE("settings: profile, password, e-mail, phone, my data, delete") {
  Harness h;
  const std::string email = h.signed_in_customer();
  h.act([](Actions& a) { a.navigate(Screen::settings); });
  CHECK(h.s().form("profile").get("street") == "Šmartinska cesta 5");
  CHECK(h.s().form("profile").get("phone") == "+386 41 123 456");  // grouped, as people read it
  h.fill("profile", {{"city", "Maribor"}, {"postal_code", "2000"}, {"post", "Maribor"}});
  h.act([](Actions& a) { a.submit("profile"); });
  CHECK(h.s().user.profile.city == "Maribor");
  CHECK(h.s().user.profile.phone == "+38641123456");  // and saved back unchanged
  CHECK(h.s().banner->key == "banner.saved");
  h.fill("profile", {{"postal_code", "99"}});
  h.act([](Actions& a) { a.submit("profile"); });
  CHECK(has(h.s().form("profile").errors(), "postal_code.invalid", "postal_code"));

  h.fill("password", {{"current_password", "Napacno-Geslo-1"}, {"password", "Drugo-Geslo-2026"},
                      {"password_repeat", "Drugo-Geslo-2026"}});
  h.act([](Actions& a) { a.submit("password"); });
  CHECK(has(h.s().form("password").errors(), "password.current_wrong", "current_password"));
  h.fill("password", {{"current_password", "Zelo-Varno-Geslo-42"}});
  h.act([](Actions& a) { a.submit("password"); });
  CHECK(h.s().banner->key == "banner.password_changed");
  CHECK(h.s().form("password").get("password").empty());

  h.fill("email", {{"email", "novi.naslov@example.si"}, {"current_password", "Drugo-Geslo-2026"}});
  h.act([](Actions& a) { a.submit("email"); });
  CHECK(h.s().banner->key == "banner.email_change_sent");
  const std::string confirm = h.server.mailed_token("novi.naslov@example.si", "/confirm-email?token=");
  h.act([&](Actions& a) { a.navigate(client::Route{Screen::confirm_email, "", confirm}); });
  CHECK(h.s().form("confirm_email").done);
  CHECK(h.s().user.email == "novi.naslov@example.si");

  h.act([](Actions& a) { a.navigate(Screen::settings); });
  h.act([](Actions& a) { a.send_phone_code(); });
  CHECK(h.s().form("phone").flag("code_sent"));
  CHECK(h.s().banner->params["phone"] == "+386 41 123 456");
  h.fill("phone", {{"code", "000000"}});
  h.act([](Actions& a) { a.submit("phone"); });
  const std::string code = h.server.sms_code();
  if (code != "000000") CHECK(has(h.s().form("phone").errors(), "token.invalid", "code"));
  h.fill("phone", {{"code", code}});
  h.act([](Actions& a) { a.submit("phone"); });
  CHECK(h.s().user.phone_confirmed);

  h.act([](Actions& a) { a.export_my_data(); });
  REQUIRE(h.browser.downloads.size() == 1);
  CHECK(h.browser.downloads[0].name == "moji-podatki.json");
  CHECK(h.browser.downloads[0].bytes.find("novi.naslov@example.si") != std::string::npos);

  h.fill("delete", {{"current_password", "Napacno"}});
  h.act([](Actions& a) { a.submit("delete"); });
  REQUIRE(h.s().confirm.has_value());
  CHECK(h.s().confirm->kind == "delete_account");
  h.act([](Actions& a) { a.answer(true); });
  CHECK(has(h.s().form("delete").errors(), "password.current_wrong"));
  CHECK(h.s().session == Session::signed_in);
  h.fill("delete", {{"current_password", "Drugo-Geslo-2026"}});
  h.act([](Actions& a) { a.submit("delete"); });
  h.act([](Actions& a) { a.answer(true); });
  CHECK(h.s().session == Session::signed_out);
  CHECK(h.s().banner->key == "banner.account_deleted");
  (void)email;
}

TEST_CASE("contracts: link, overview, reminders, unlink") {
  Harness h;
  h.signed_in_customer();
  h.act([](Actions& a) { a.navigate(Screen::link_contract); });
  CHECK(h.s().form("link").get("energy") == "electricity");
  h.fill("link", {{"metering_point", "3-34534"}, {"contract_number", "E-100"}, {"operator", "DOPL"}});
  h.act([](Actions& a) { a.submit("link"); });
  CHECK(has(h.s().form("link").errors(), "metering_point.invalid", "metering_point"));
  CHECK(has(h.s().form("link").errors(), "operator.energy_mismatch", "operator"));
  h.fill("link", {{"metering_point", "3-345341"}, {"contract_number", "E-999"}, {"operator", "ELJ"}});
  h.act([](Actions& a) { a.submit("link"); });
  CHECK(has(h.s().form("link").errors(), "contract.not_found"));
  h.fill("link", {{"contract_number", "E-100"}});
  h.act([](Actions& a) { a.submit("link"); });
  CHECK(h.s().form("link").errors().empty());
  CHECK(h.s().banner->key == "banner.linked");
  CHECK(h.s().form("link").get("metering_point").empty());  // ready for the next one
  CHECK(h.s().form("link").get("energy") == "electricity");
  REQUIRE(h.s().contracts.size() == 1);
  const std::string mp = h.s().contracts[0].metering_point.id;
  CHECK(h.s().contracts[0].window.open_now);

  h.act([](Actions& a) { a.navigate(Screen::contracts); });
  CHECK(h.s().contracts_load.loaded);
  h.act([&](Actions& a) { a.set_reminders(mp, true, false); });
  CHECK(h.s().contracts[0].reminder_email);
  CHECK(h.s().banner->key == "banner.reminders_saved");
  h.act([&](Actions& a) { a.set_reminders(mp, true, true); });
  CHECK(h.s().banner->key == "error.reminder.phone_required");
  CHECK_FALSE(h.s().contracts[0].reminder_sms);

  const std::string id = h.s().contracts[0].id;
  h.act([&](Actions& a) { a.ask("unlink", id); });
  h.act([](Actions& a) { a.answer(false); });
  CHECK(h.s().contracts.size() == 1);
  h.act([&](Actions& a) { a.ask("unlink", id); });
  h.act([](Actions& a) { a.answer(true); });
  CHECK(h.s().contracts.empty());
  CHECK(h.s().banner->key == "banner.unlinked");
  h.act([](Actions& a) { a.navigate(Screen::contracts); });  // the same screen: the message stays
  CHECK(h.s().banner.has_value());
  h.act([](Actions& a) { a.navigate(Screen::help); });  // another: it was about the last one
  CHECK_FALSE(h.s().banner.has_value());
}

TEST_CASE("readings: submit in the window, confirm the unusual, keep as own record, list, delete, export") {
  Harness h;
  h.signed_in_customer();
  h.act([](Actions& a) { a.navigate(Screen::link_contract); });
  h.fill("link", {{"metering_point", "3345341"}, {"contract_number", "E-100"}, {"operator", "ELJ"}});
  h.act([](Actions& a) { a.submit("link"); });
  h.fill("link", {{"metering_point", "DOPL-123456789012"}, {"contract_number", "P-200"}, {"energy", "gas"}});
  h.fill("link", {{"operator", "DOPL"}});
  h.act([](Actions& a) { a.submit("link"); });
  REQUIRE(h.s().contracts.size() == 2);
  const std::string elj = h.s().contracts[0].metering_point.id, gas = h.s().contracts[1].metering_point.id;

  h.act([&](Actions& a) { a.navigate(Screen::submit_reading, elj); });
  CHECK(h.s().submit.metering_point_id == elj);
  CHECK(h.s().form("submit").get("date") == "2026-11-30");  // the server's today
  CHECK(h.s().form("submit").get("type") == "submission");
  SUBCASE("client-side rules as the customer types") {
    h.fill("submit", {{"values.VT", "23290,5"}});
    CHECK(has(h.s().form("submit").errors(), "reading.not_integer", "values.VT"));
    h.fill("submit", {{"values.VT", "22000"}, {"values.MT", "10650"}});
    CHECK(has(h.s().form("submit").errors(), "reading.lower_than_previous", "values.VT"));
    h.fill("submit", {{"values.VT", "23290"}, {"date", "2026-11-20"}});
    CHECK(has(h.s().form("submit").errors(), "reading.too_old", "date"));
    CHECK_FALSE(has(h.s().form("submit").errors(), "reading.lower_than_previous"));
  }
  SUBCASE("the whole flow") {
    h.fill("submit", {{"values.VT", "23290"}, {"values.MT", "10650"}});
    h.act([](Actions& a) { a.submit("submit"); });
    REQUIRE(h.s().submit.result.has_value());
    CHECK(h.s().banner->key == "banner.submitted");
    const auto& rows = h.s().readings.at(elj).rows;
    REQUIRE(rows.size() >= 2);
    CHECK(rows[0].value == 23290);
    CHECK(rows[0].difference == 290);
    CHECK(rows[0].deletable);
    // An unusual value next day: the server asks, the customer confirms.
    h.fill("submit", {{"date", "2026-11-29"}, {"type", "own_record"}, {"values.VT", "29000"}, {"values.MT", "10640"}});
    h.act([](Actions& a) { a.submit("submit"); });
    REQUIRE(!h.s().submit.conflicts.empty());
    CHECK(h.s().submit.conflicts[0].code == "reading.unusual");
    CHECK(h.s().submit.conflicts[0].params.contains("expected_max"));
    h.act([](Actions& a) { a.confirm_unusual(); });
    CHECK(h.s().submit.conflicts.empty());
    CHECK(h.s().banner->key == "banner.submitted");
    // Gas: Domplan's window is closed; keep the reading as an own record in one tap.
    h.act([&](Actions& a) { a.choose_meter(gas); });
    h.fill("submit", {{"values.M3", "6100"}});
    REQUIRE(h.s().submit.outside.has_value());  // known before sending: the client has the windows
    h.act([](Actions& a) { a.submit("submit"); });
    REQUIRE(h.s().submit.outside.has_value());
    CHECK(h.s().submit.outside->code == "reading.outside_window");
    CHECK(h.s().submit.outside->params["opens_on"] == "2026-12-27");
    h.act([](Actions& a) { a.keep_as_own_record(); });
    CHECK_FALSE(h.s().submit.outside.has_value());
    CHECK(h.s().banner->key == "banner.kept_as_own_record");
    REQUIRE(h.s().readings.at(gas).rows.size() > 0);
    CHECK(h.s().readings.at(gas).rows[0].type == core::ReadingType::own_record);
    // "/readings" without a metering point opens the first linked one, as "/submit" does.
    h.act([](Actions& a) { a.navigate(Screen::readings); });
    CHECK(h.s().route.screen == Screen::readings);
    CHECK(h.s().route.id == elj);
    CHECK(h.browser.history.back() == "/readings/" + elj);
    // The list screen: sort, delete, export.
    h.act([&](Actions& a) { a.navigate(Screen::readings, elj); });
    CHECK(h.s().readings.at(elj).load.loaded);
    h.act([&](Actions& a) { a.sort_readings(elj, 2); });
    CHECK(h.s().readings.at(elj).sort_column == 2);
    const std::string sub = *h.s().readings.at(elj).rows[0].submission_id;
    h.act([&](Actions& a) { a.ask("delete_submission", sub); });
    h.act([](Actions& a) { a.answer(true); });
    CHECK(h.s().banner->key == "banner.deleted");
    for (const auto& r : h.s().readings.at(elj).rows) CHECK(r.submission_id != sub);
    h.act([&](Actions& a) { a.export_readings(elj, "xlsx"); });
    h.act([&](Actions& a) { a.export_readings(elj, "csv"); });
    REQUIRE(h.browser.downloads.size() == 2);
    CHECK(h.browser.downloads[0].name == "odcitki-3345341-2026-11-30.xlsx");
    CHECK(h.browser.downloads[0].bytes.substr(0, 2) == "PK");
    CHECK(h.browser.downloads[1].name == "odcitki-3345341-2026-11-30.csv");
    CHECK(h.browser.downloads[1].bytes.find("Datum odčitka;Odjemno mesto") != std::string::npos);
  }
}

TEST_CASE("the language is remembered and sent to the server") {
  Harness h;
  h.signed_in_customer();
  h.act([](Actions& a) { a.set_locale(core::Locale::en); });
  CHECK(h.s().locale == core::Locale::en);
  CHECK(h.browser.settings["locale"] == "en");
  CHECK(h.browser.language == "en");
  CHECK(h.s().user.profile.locale == "en");
}

TEST_CASE("help: e-mail addresses and the phone number go to the device; nothing else does") {
  Harness h("/help");
  h.act([](Actions& a) {
    a.open_contact("tel:+3868001558");
    a.open_contact("mailto:pocenielektrika@gen-i.si");
    a.open_contact("javascript:alert(1)");
    a.open_contact("https://example.com/");
  });
  REQUIRE(h.browser.contacts.size() == 2);
  CHECK(h.browser.contacts[0] == "tel:+3868001558");
  CHECK(h.browser.contacts[1] == "mailto:pocenielektrika@gen-i.si");
}

TEST_CASE("no answer from the server is a clear error, never a stuck screen") {
  std::unique_ptr<client::platform::Http> http = client::platform::make_http("http://127.0.0.1:1");
  client::platform::RecordedBrowser browser;
  client::Store store(*http, browser);
  store.start("/contracts", "");
  for (int i = 0; i < 10; ++i) {
    http->poll();
    store.update();
  }
  CHECK(store.state().session == Session::signed_out);
  CHECK(store.state().rules_load.errors[0].code == "network.unreachable");
  CHECK_FALSE(store.state().rules_load.loading);
  REQUIRE(store.state().banner.has_value());
  CHECK(store.state().banner->key == "error.network.unreachable");
  CHECK(store.state().route.screen == Screen::login);
}

TEST_CASE("account screens: what each shows after its request, and fresh forms when opened again") {
  Harness h;
  const std::string email = h.signed_in_customer();
  h.act([](Actions& a) { a.navigate(Screen::settings); });
  // Saving the profile says so on the profile form itself (the banner may be out of view).
  h.fill("profile", {{"city", "Celje"}});
  h.act([](Actions& a) { a.submit("profile"); });
  CHECK(h.s().form("profile").done);
  CHECK(h.s().form("profile").get("city") == "Celje");
  // My data: busy while it is on its way, done after the download.
  {
    Actions a;
    a.export_my_data();
    h.store.apply(a.take());
    CHECK(h.s().form("export").busy);
    h.pump();
  }
  CHECK_FALSE(h.s().form("export").busy);
  CHECK(h.s().form("export").done);
  CHECK(h.browser.downloads.size() == 1);
  // Logging out: busy until the server answered, then signed out.
  {
    Actions a;
    a.logout(false);
    h.store.apply(a.take());
    CHECK(h.s().form("logout").busy);
    h.pump();
  }
  CHECK_FALSE(h.s().form("logout").busy);
  CHECK(h.s().session == Session::signed_out);
  CHECK_FALSE(h.s().forms.count("export"));

  // The forgotten-password form shows again (with the address) when opened again.
  h.act([](Actions& a) { a.navigate(Screen::forgot); });
  h.fill("forgot", {{"email", email}});
  h.act([](Actions& a) { a.submit("forgot"); });
  CHECK(h.s().form("forgot").done);
  h.act([](Actions& a) { a.navigate(Screen::login); });
  h.act([](Actions& a) { a.navigate(Screen::forgot); });
  CHECK_FALSE(h.s().form("forgot").done);
  CHECK(h.s().form("forgot").get("email") == email);
  // Each reset link starts with an empty form, even after a refused one.
  h.act([](Actions& a) { a.navigate(client::Route{Screen::reset, "", "neveljaven"}); });
  h.fill("reset", {{"password", "Novo-Geslo-2026"}, {"password_repeat", "Novo-Geslo-2026"}});
  h.act([](Actions& a) { a.submit("reset"); });
  CHECK(has(h.s().form("reset").errors(), "token.invalid", "token"));
  const std::string token = h.server.mailed_token(email, "/reset?token=");
  h.act([&](Actions& a) { a.navigate(client::Route{Screen::reset, "", token}); });
  CHECK(h.s().form("reset").errors().empty());
  CHECK(h.s().form("reset").get("password").empty());
  // A finished registration: the registration screen opened again is a new, empty form.
  h.act([](Actions& a) { a.navigate(Screen::register_); });
  h.fill("register", {{"email", "druga@example.si"}, {"password", "Zelo-Varno-Geslo-42"},
                      {"password_repeat", "Zelo-Varno-Geslo-42"}, {"gender", "female"}});
  h.act([](Actions& a) {
    a.toggle("register", "terms_accepted", true);
    a.submit("register");
  });
  CHECK(h.s().form("register").done);
  h.act([](Actions& a) { a.navigate(Screen::login); });
  h.act([](Actions& a) { a.navigate(Screen::register_); });
  CHECK_FALSE(h.s().form("register").done);
  CHECK(h.s().form("register").get("email").empty());
}

// [SECTION] Kiosk (state/kiosk.h): time is passed in, as the frame loop does.

namespace {

// The kiosk's tab loaded again at `path` (another Store, the same sessionStorage and cookies).
client::AppState reload_tab(Harness& h, const std::string& path) {
  client::platform::RecordedBrowser tab;
  tab.tab_settings = h.browser.tab_settings;
  client::Store reloaded(*h.http, tab);
  reloaded.start(path, "");
  for (int i = 0; i < 100 && reloaded.waiting(); ++i) {
    h.http->poll();
    reloaded.update();
  }
  return reloaded.state();
}

}  // namespace

TEST_CASE("kiosk: /kiosk makes the tab a kiosk; its start screen stands for the login's redirects; no history") {
  Harness h("/kiosk?timeout=90");
  CHECK(h.s().kiosk.on);
  CHECK(h.s().kiosk.timeout_s == 90);
  CHECK(h.browser.tab_settings["kiosk"] == "1");
  CHECK(h.s().route.screen == Screen::kiosk);
  h.act([](Actions& a) { a.navigate(Screen::contracts); });  // private, nobody signed in
  CHECK(h.s().route.screen == Screen::kiosk);
  CHECK(h.s().after_login.screen == Screen::home);  // a kiosk keeps no one's deep link
  h.act([](Actions& a) { a.navigate(Screen::help); });
  h.act([](Actions& a) { a.navigate(Screen::login); });
  CHECK(h.s().route.screen == Screen::login);
  REQUIRE(h.browser.history.size() == 1);  // every screen replaced the one entry
  CHECK(h.browser.history[0] == "/login");
  CHECK(client::kiosk_timeout_from("5") == 60);
  CHECK(client::kiosk_timeout_from("100000") == 3600);
  CHECK(client::kiosk_timeout_from("-1") == 120);
  CHECK(client::kiosk_timeout_from("") == 120);

  // A reload of the tab: still a kiosk, at any path.
  const client::AppState reloaded = reload_tab(h, "/readings/1");
  CHECK(reloaded.kiosk.on);
  CHECK(reloaded.kiosk.timeout_s == 90);
  CHECK(reloaded.route.screen == Screen::kiosk);
  // An ordinary tab is no kiosk: its countdown never runs.
  Harness plain("/login");
  CHECK_FALSE(plain.s().kiosk.on);
  CHECK_FALSE(plain.store.kiosk().tick(1e9));
  CHECK(plain.store.kiosk().wake_at() < 0);
}

TEST_CASE("kiosk: the countdown, continue, and the wipe at the timeout") {
  Harness h("/kiosk");
  client::Kiosk& k = h.store.kiosk();
  k.tick(1000);
  CHECK(k.wake_at() < 0);  // the empty start screen: no timer, no frames
  h.browser.settings["locale"] = "en";  // left by the customer
  h.browser.tab_settings["other"] = "x";
  const int wiped_at_start = h.browser.forgotten;  // a kiosk's page opened without a customer wipes too
  h.signed_in_customer();
  h.act([](Actions& a) { a.navigate(Screen::settings); });
  h.fill("password", {{"current_password", "napol-vtipkano"}});
  const double t0 = 10'000;
  k.input(t0);
  CHECK_FALSE(k.tick(t0 + 89'000));
  CHECK_FALSE(h.s().kiosk.countdown);
  CHECK(k.wake_at() == t0 + 90'000);  // one timer, at the countdown's start
  CHECK(k.tick(t0 + 90'000));
  CHECK(h.s().kiosk.countdown);
  CHECK(h.s().kiosk.seconds_left == 30);
  CHECK(k.wake_at() == t0 + 91'000);  // then one a second
  CHECK_FALSE(k.tick(t0 + 90'500));
  CHECK(k.tick(t0 + 91'000));
  CHECK(h.s().kiosk.seconds_left == 29);
  k.input(t0 + 91'500);  // a stray touch does not answer it
  CHECK(h.s().kiosk.countdown);
  h.act([](Actions& a) { a.kiosk_continue(); });  // at the last tick's time
  CHECK_FALSE(h.s().kiosk.countdown);
  CHECK_FALSE(k.tick(t0 + 91'000 + 89'999));
  CHECK(h.s().session == Session::signed_in);
  CHECK(k.tick(t0 + 91'000 + 90'000));
  CHECK(h.s().kiosk.countdown);

  // The timeout: the session ends, nothing of the customer stays, the start screen returns.
  CHECK(k.tick(t0 + 91'000 + 120'000));
  h.pump();
  CHECK(h.s().session == Session::signed_out);
  CHECK(h.s().route.screen == Screen::kiosk);
  CHECK(h.s().forms.empty());
  CHECK(h.s().user.email.empty());
  CHECK(h.s().contracts.empty());
  CHECK_FALSE(h.s().kiosk.countdown);
  CHECK_FALSE(h.s().kiosk.logout_pending);
  CHECK(h.s().kiosk.wiped == 1);
  CHECK(h.browser.forgotten == wiped_at_start + 1);
  CHECK(h.browser.settings.empty());
  CHECK(h.browser.tab_settings.count("other") == 0);
  CHECK(h.browser.tab_settings["kiosk"] == "1");
  CHECK(h.browser.history.back() == "/kiosk");
  CHECK(k.wake_at() < 0);
  // Back to one of the customer's screens: the session is gone at the server too.
  h.store.location_changed("/settings");
  h.pump();
  CHECK(h.s().route.screen == Screen::kiosk);
  const client::AppState reloaded = reload_tab(h, "/settings");
  CHECK(reloaded.session == Session::signed_out);
  CHECK(reloaded.route.screen == Screen::kiosk);
}

TEST_CASE("kiosk: a reply that comes after the wipe is dropped; the next customer starts empty") {
  Harness h("/kiosk");
  client::Kiosk& k = h.store.kiosk();
  h.signed_in_customer();
  h.act([](Actions& a) { a.navigate(Screen::link_contract); });
  h.fill("link", {{"metering_point", "3-345341"}, {"contract_number", "E-100"}, {"operator", "ELJ"}});
  h.act([](Actions& a) { a.submit("link"); });
  REQUIRE(h.s().contracts.size() == 1);
  const double t0 = 50'000;
  k.input(t0);
  // The overview asks for the contracts again; the timeout comes before the answer.
  Actions a;
  a.navigate(Screen::home);
  h.store.apply(a.take());
  REQUIRE(h.store.waiting());
  CHECK(k.tick(t0 + 120'000));
  h.pump();
  CHECK(h.s().session == Session::signed_out);
  CHECK(h.s().contracts.empty());
  CHECK(h.s().readings.empty());
  CHECK_FALSE(h.s().contracts_load.loading);
}

TEST_CASE("kiosk: exports go to the customer's e-mail, contacts stay text, Odjava wipes") {
  Harness h("/kiosk");
  const int wiped_at_start = h.browser.forgotten;
  const std::string email = h.signed_in_customer("kiosk.kupec@example.si");
  h.act([](Actions& a) { a.navigate(Screen::link_contract); });
  h.fill("link", {{"metering_point", "3-345341"}, {"contract_number", "E-100"}, {"operator", "ELJ"}});
  h.act([](Actions& a) { a.submit("link"); });
  REQUIRE(h.s().contracts.size() == 1);
  const std::string mp = h.s().contracts[0].metering_point.id;
  h.act([&](Actions& a) { a.export_readings(mp, "xlsx"); });
  CHECK(h.browser.downloads.empty());
  REQUIRE(h.s().banner);
  CHECK(h.s().banner->key == "kiosk.banner.mailed");
  CHECK(h.s().banner->params["email"] == email);
  CHECK(h.server.mailed_token(email, "filename=\"") == "odcitki-3345341-2026-11-30.xlsx\"");
  h.act([](Actions& a) { a.export_my_data(); });
  CHECK(h.browser.downloads.empty());
  CHECK(h.s().form("export").done);
  CHECK(h.server.mailed_token(email, "filename=\"", 2) == "moji-podatki.json\"");
  h.act([](Actions& a) {
    a.open_contact("tel:+3868001558");
    a.open_link("https://www.gen-i.si/");
  });
  CHECK(h.browser.contacts.empty());
  CHECK(h.browser.links.empty());
  // An invoice's PDF is mailed too.
  h.act([](Actions& a) { a.navigate(Screen::invoices); });
  REQUIRE(h.s().invoices.rows.size() == 1);
  const std::string invoice = h.s().invoices.rows[0].id;
  h.act([&](Actions& a) { a.download_invoice(invoice); });
  CHECK(h.browser.downloads.empty());
  CHECK(h.s().banner->key == "kiosk.banner.mailed");
  CHECK(h.server.mailed_token(email, "filename=\"", 3) == "racun-2026-10-0100.pdf\"");
  h.act([](Actions& a) { a.logout(false); });
  CHECK(h.s().session == Session::signed_out);
  CHECK(h.s().route.screen == Screen::kiosk);
  CHECK(h.s().banner->key == "kiosk.banner.logged_out");
  CHECK(h.browser.forgotten == wiped_at_start + 1);
  CHECK(h.s().forms.empty());
}
