// Offline, natively against a real server (state/offline.cpp): one "device" keeps its cookies
// and its records (a MemoryStorage standing in for IndexedDB) across page loads, each a new
// Store, and its network can be cut. The signed-in customer's copy shown without network, marked
// with its time; a reading queued offline that survives reloads and goes once when the network
// returns (also when its first answer was lost, and after the server's question); one that
// arrives after its window closed kept as an own record; logging out (with a warning) and another
// account never seeing the previous one's copy.
#include <doctest/doctest.h>

#include <deque>

#include "client/platform/browser.h"
#include "client/platform/http.h"
#include "client/platform/storage.h"
#include "client/state/store.h"
#include "server_process.h"

using client::Actions;
using client::PendingReading;
using client::Screen;
using client::Session;

namespace {

const char* kToday = "2026-11-30T10:00:00+01:00";  // Elektro Ljubljana's window is open (30 Nov - 3 Dec)
const char* kPassword = "Zelo-Varno-Geslo-42";

// The device's network: cut (every request fails like a browser's without network, status 0), or
// up; a submission's answer can be lost on the way back (it reached the server).
struct DeviceNetwork : client::platform::Http {
  explicit DeviceNetwork(std::unique_ptr<client::platform::Http> to_server) : inner(std::move(to_server)) {}
  std::unique_ptr<client::platform::Http> inner;
  bool online = true;
  int lose_submission_answers = 0;          // the next N answers to a submission never arrive
  std::vector<std::string> submission_keys;  // the Idempotency-Key of every submission that left
  std::deque<std::function<void()>> failed;

  void send(client::platform::HttpRequest req, std::function<void(client::platform::HttpResponse)> done) override {
    if (!online) {
      failed.push_back([done] { done(client::platform::HttpResponse{}); });
      return;
    }
    const bool submission = req.method == "POST" && req.path.find("/readings") != std::string::npos;
    if (submission)
      for (const auto& [k, v] : req.headers)
        if (k == "Idempotency-Key") submission_keys.push_back(v);
    if (submission && lose_submission_answers > 0) {
      --lose_submission_answers;
      inner->send(std::move(req), [](client::platform::HttpResponse) {});  // arrived; its answer is lost
      failed.push_back([done] { done(client::platform::HttpResponse{}); });
      return;
    }
    inner->send(std::move(req), std::move(done));
  }
  void poll() override {
    auto now = std::move(failed);
    failed.clear();
    for (auto& f : now) f();
    inner->poll();
  }
  int in_flight() const override { return static_cast<int>(failed.size()) + inner->in_flight(); }
};

std::vector<std::string> contracts() {
  return {"E-100,3-345341,,electricity,ELJ,Šmartinska cesta 5,Ljubljana,1000,VT+MT,6,Žiga Čebašek,2024-01-01,",
          "P-200,DOPL-123456789012,,gas,DOPL,Koroška cesta 21,Kranj,4000,M3,5,Ana Novak,2024-01-01,"};
}

std::vector<std::string> operator_readings() {
  std::vector<std::string> rows;
  const char* ends[] = {"2026-08-31", "2026-09-30", "2026-10-31"};
  for (int i = 0; i < 3; ++i) {
    rows.push_back(std::string("3345341,") + ends[i] + ",VT," + std::to_string(22400 + 300 * i) + ",operator");
    rows.push_back(std::string("3345341,") + ends[i] + ",MT," + std::to_string(10200 + 150 * i) + ",operator");
  }
  return rows;  // last: VT 23000, MT 10500 on 31 Oct 2026
}

// One browser profile: its cookies and its records outlive each page (a Store).
struct Device {
  test::ServerProcess server{kToday, contracts(), operator_readings()};
  DeviceNetwork net{client::platform::make_http(server.base())};
  client::platform::RecordedBrowser browser;
  client::platform::MemoryStorage storage;
  std::unique_ptr<client::Store> store;
  std::string elj;  // the Ljubljana meter's id once linked

  Device() { load("/"); }
  // A page load (a reload, or the installed app opened again): a new app on the same profile.
  void load(const std::string& path) {
    store.reset();
    store = std::make_unique<client::Store>(net, browser, &storage);
    store->start(path, "");
    pump();
  }
  void pump() {
    for (int i = 0; i < 200 && (store->waiting() || net.in_flight()); ++i) {
      net.poll();
      store->update();
    }
  }
  template <class F>
  void act(F f) {
    Actions a;
    f(a);
    store->apply(a.take());
    pump();
  }
  const client::AppState& s() const { return store->state(); }
  void type(const std::string& form, const std::map<std::string, std::string>& fields) {
    act([&](Actions& a) {
      for (const auto& [field, value] : fields) a.edit(form, field, value);
    });
  }
  bool has_record(const std::string& key) const { return storage.records.count(key) > 0; }

  // A new customer, activated, logged in here.
  void sign_up_and_in(const std::string& email, const std::string& name) {
    act([](Actions& a) { a.navigate(Screen::register_); });
    type("register", {{"email", email}, {"password", kPassword}, {"password_repeat", kPassword}, {"name", name},
                      {"street", "Šmartinska cesta 5"}, {"gender", "female"}, {"phone", "041 123 456"}});
    act([](Actions& a) {
      a.toggle("register", "terms_accepted", true);
      a.submit("register");
    });
    REQUIRE(s().form("register").done);
    const std::string token = server.mailed_token(email, "/activate?token=");
    act([&](Actions& a) { a.navigate(client::Route{Screen::activate, "", token}); });
    log_in(email);
  }
  void log_in(const std::string& email) {
    act([](Actions& a) { a.navigate(Screen::login); });
    type("login", {{"email", email}, {"password", kPassword}});
    act([](Actions& a) { a.submit("login"); });
    REQUIRE(s().session == Session::signed_in);
  }
  // Links the Ljubljana meter and loads its readings (the copy then holds them).
  void link_elj() {
    act([](Actions& a) { a.navigate(Screen::link_contract); });
    type("link", {{"metering_point", "3345341"}, {"contract_number", "E-100"}, {"operator", "ELJ"}});
    act([](Actions& a) { a.submit("link"); });
    REQUIRE(s().contracts.size() == 1);
    elj = s().contracts[0].metering_point.id;
    act([&](Actions& a) { a.navigate(Screen::readings, elj); });
    REQUIRE(s().readings.at(elj).load.loaded);
  }
  // The submission form of the Ljubljana meter, sent.
  void submit(const std::string& vt, const std::string& mt) {
    act([&](Actions& a) { a.navigate(Screen::submit_reading, elj); });
    type("submit", {{"values.VT", vt}, {"values.MT", mt}});
    act([](Actions& a) { a.submit("submit"); });
  }
  // How many readings of the server's list have this value (the server's own answer, not the copy).
  int on_server(int64_t value) {
    act([&](Actions& a) { a.retry("readings", elj); });
    int n = 0;
    for (const auto& r : s().readings.at(elj).rows) n += r.value == value;
    return n;
  }
};

}  // namespace

TEST_CASE("offline: the copy without network, a reading queued across reloads, sent once when the network returns") {
  Device d;
  d.sign_up_and_in("ziga.cebasek@example.si", "Žiga Čebašek");
  d.link_elj();
  const std::string account = d.s().user.id;
  REQUIRE(d.has_record("data/" + account));

  // The installed app opened without network: the customer, their contracts and readings, marked.
  d.net.online = false;
  d.storage.clock += 3600;  // an hour later (the copy keeps the time it was saved)
  d.load("/readings/" + d.elj);
  CHECK(d.s().session == Session::signed_in);
  CHECK(d.s().user.profile.name == "Žiga Čebašek");
  CHECK(d.s().offline.from_cache);
  CHECK(d.s().offline.loaded_at == d.storage.clock - 3600);
  CHECK(d.s().route.screen == Screen::readings);
  REQUIRE(d.s().contracts.size() == 1);
  CHECK(d.s().contracts[0].window.open_now);
  CHECK(d.s().readings.at(d.elj).rows.size() == 6);
  CHECK(d.s().readings.at(d.elj).load.errors.empty());  // the offline notice says it, not an error
  CHECK(core::format_date(d.s().today()) == "2026-11-30");  // the last known server date

  // Core's rules answer offline too (the copy's date, limits and history).
  d.act([&](Actions& a) { a.navigate(Screen::submit_reading, d.elj); });
  CHECK(d.s().form("submit").get("date") == "2026-11-30");
  d.type("submit", {{"values.VT", "22000"}, {"values.MT", "10600"}});
  CHECK(core::has_code(d.s().form("submit").errors(), "reading.lower_than_previous"));

  // A reading typed offline waits on the device, confirmed as pending.
  d.submit("23290", "10650");
  REQUIRE(d.s().offline.queue.size() == 1);
  const PendingReading queued = d.s().offline.queue[0];
  CHECK(queued.status == PendingReading::Status::waiting);
  CHECK(d.s().offline.confirming == queued.key);
  CHECK(d.s().form("submit").done);
  CHECK(d.s().form("submit").get("values.VT").empty());
  CHECK(d.s().banner->key == "offline.banner.queued");
  CHECK(client::pending_of(d.s().offline, d.elj).size() == 1);
  CHECK(d.has_record("queue/" + account));

  // It survives a reload (and a browser restart: the records are all there is).
  d.load("/");
  REQUIRE(d.s().offline.queue.size() == 1);
  CHECK(d.s().offline.queue[0].key == queued.key);
  CHECK(d.s().offline.queue[0].submission.values["VT"] == 23290);

  SUBCASE("the network returns while the app is open: sent with its key, listed once") {
    d.net.online = true;
    d.store->network_changed(true);
    d.pump();
    CHECK(d.s().offline.queue.empty());
    CHECK_FALSE(d.s().offline.from_cache);
    CHECK(d.s().banner->key == "offline.banner.sent");
    REQUIRE(d.net.submission_keys.size() == 1);
    CHECK(d.net.submission_keys[0] == queued.key);
    CHECK(d.on_server(23290) == 1);
    CHECK_FALSE(d.has_record("queue/" + account));
  }
  SUBCASE("its first answer is lost: sent again with the same key, stored once") {
    d.net.online = true;
    d.net.lose_submission_answers = 1;
    d.load("/");  // online at start: the session confirmed, the queue goes
    REQUIRE(d.s().offline.queue.size() == 1);
    CHECK(d.s().offline.queue[0].status == PendingReading::Status::waiting);
    d.act([](Actions& a) { a.retry("pending"); });
    CHECK(d.s().offline.queue.empty());
    REQUIRE(d.net.submission_keys.size() == 2);
    CHECK(d.net.submission_keys[0] == queued.key);
    CHECK(d.net.submission_keys[1] == queued.key);
    CHECK(d.on_server(23290) == 1);
  }
}

TEST_CASE("offline: the server's question reaches the customer with the form back; the same key confirms it") {
  Device d;
  d.sign_up_and_in("ana.novak@example.si", "Ana Novak");
  d.link_elj();
  d.net.online = false;
  d.submit("29000", "10650");  // unusual: only the server knows
  REQUIRE(d.s().offline.queue.size() == 1);
  const std::string key = d.s().offline.queue[0].key;

  d.net.online = true;
  d.load("/");
  REQUIRE(d.s().offline.queue.size() == 1);
  CHECK(d.s().offline.queue[0].status == PendingReading::Status::question);
  CHECK(d.s().offline.queue[0].answer[0].code == "reading.unusual");
  CHECK(d.s().banner->key == "offline.banner.question");
  CHECK(d.has_record("queue/" + d.s().user.id));

  // Its meter's form has it back, with the question; confirming sends it with its key.
  d.act([&](Actions& a) { a.navigate(Screen::submit_reading, d.elj); });
  CHECK(d.s().offline.editing == key);
  CHECK(d.s().form("submit").get("values.VT") == "29000");
  REQUIRE(!d.s().submit.conflicts.empty());
  CHECK(d.s().submit.conflicts[0].code == "reading.unusual");
  d.act([](Actions& a) { a.confirm_unusual(); });
  CHECK(d.s().offline.queue.empty());
  CHECK(d.s().offline.editing.empty());
  CHECK(d.s().banner->key == "banner.submitted");
  REQUIRE(d.net.submission_keys.size() == 2);
  CHECK(d.net.submission_keys[1] == key);
  CHECK(d.on_server(29000) == 1);

  SUBCASE("a returned reading can be discarded") {
    d.net.online = false;
    d.submit("31000", "10700");
    d.net.online = true;
    d.load("/submit/" + d.elj);
    REQUIRE(d.s().offline.queue.size() == 1);
    CHECK(d.s().offline.editing == d.s().offline.queue[0].key);
    d.act([&](Actions& a) { a.ask("discard_pending", d.s().offline.queue[0].key); });
    d.act([](Actions& a) { a.answer(true); });
    CHECK(d.s().offline.queue.empty());
    CHECK(d.s().form("submit").get("values.VT").empty());
    CHECK(d.on_server(31000) == 0);
  }
}

TEST_CASE("offline: a reading that reaches the server after its window closed is kept as an own record") {
  Device d;
  d.sign_up_and_in("marko.horvat@example.si", "Marko Horvat");
  d.act([](Actions& a) { a.navigate(Screen::link_contract); });
  d.type("link", {{"energy", "gas"}});
  d.type("link", {{"metering_point", "DOPL-123456789012"}, {"contract_number", "P-200"}, {"operator", "DOPL"}});
  d.act([](Actions& a) { a.submit("link"); });
  REQUIRE(d.s().contracts.size() == 1);
  const std::string gas = d.s().contracts[0].metering_point.id;
  // Domplan's window (26-29 November) has closed on the server's day; the device's copy was saved
  // while it was open (its rule and the contract's window say so).
  const std::string data = "data/" + d.s().user.id;
  auto copy = nlohmann::json::parse(d.storage.records[data].text);
  for (auto& op : copy["rules"]["operators"])
    if (op["code"] == "DOPL") op["window"] = {{"kind", "days"}, {"from", 1}, {"to", 31}};
  copy["contracts"][0]["window"]["open_now"] = true;
  d.storage.records[data].text = copy.dump();

  d.net.online = false;
  d.load("/submit/" + gas);
  REQUIRE(d.s().offline.from_cache);
  d.type("submit", {{"values.M3", "6100"}});
  CHECK_FALSE(d.s().submit.outside.has_value());
  d.act([](Actions& a) { a.submit("submit"); });
  REQUIRE(d.s().offline.queue.size() == 1);
  CHECK(d.s().offline.queue[0].submission.type_text == "submission");

  d.net.online = true;
  d.load("/");
  CHECK(d.s().offline.queue.empty());
  CHECK(d.s().banner->key == "offline.banner.sent_late");
  REQUIRE(d.net.submission_keys.size() == 2);  // refused, then again as an own record with its key
  CHECK(d.net.submission_keys[0] == d.net.submission_keys[1]);
  d.act([&](Actions& a) { a.navigate(Screen::readings, gas); });
  REQUIRE(d.s().readings.at(gas).rows.size() == 1);
  CHECK(d.s().readings.at(gas).rows[0].value == 6100);
  CHECK(d.s().readings.at(gas).rows[0].type == core::ReadingType::own_record);
}

TEST_CASE("offline: logging out wipes the copy and the queue, after a warning; another account never sees them") {
  Device d;
  d.sign_up_and_in("ziga.cebasek@example.si", "Žiga Čebašek");
  d.link_elj();
  const std::string first = d.s().user.id;

  SUBCASE("logging out with a reading unsent, without network: warned, wiped, the server told later") {
    d.net.online = false;
    d.submit("23290", "10650");
    REQUIRE(d.s().offline.queue.size() == 1);
    d.act([](Actions& a) { a.logout(false); });
    REQUIRE(d.s().confirm.has_value());
    CHECK(d.s().confirm->kind == "logout_unsent");
    CHECK(d.s().session == Session::signed_in);
    d.act([](Actions& a) { a.answer(false); });  // not now
    CHECK(d.s().session == Session::signed_in);
    d.act([](Actions& a) { a.logout(false); });
    d.act([](Actions& a) { a.answer(true); });
    CHECK(d.s().session == Session::signed_out);
    CHECK(d.s().offline.queue.empty());
    CHECK_FALSE(d.has_record("data/" + first));
    CHECK_FALSE(d.has_record("queue/" + first));
    // Opened again without network: the login, nothing of the customer's.
    d.load("/");
    CHECK(d.s().session == Session::signed_out);
    CHECK(d.s().contracts.empty());
    // With network: the server hears the logout it missed; the session is over there too.
    d.net.online = true;
    d.load("/");
    CHECK(d.s().session == Session::signed_out);
    d.load("/");
    CHECK(d.s().session == Session::signed_out);
    CHECK(nlohmann::json::parse(d.storage.records["device"].text)["logout_owed"] == false);
  }
  SUBCASE("the session ends elsewhere: the copy goes, the queue waits for that customer only") {
    d.net.online = false;
    d.submit("23290", "10650");
    d.net.online = true;
    // Logged out everywhere from another browser.
    auto other = client::platform::make_http(d.server.base());
    client::api::ApiClient api(*other);
    auto login = api.login({"ziga.cebasek@example.si", kPassword, false});
    other->poll();
    REQUIRE(login.reply().ok());
    auto out = api.logout(true);
    other->poll();
    REQUIRE(out.reply().ok());
    d.load("/");
    CHECK(d.s().session == Session::signed_out);
    CHECK_FALSE(d.has_record("data/" + first));
    CHECK(d.has_record("queue/" + first));
    // Another customer signs in on this device: nothing of the first one's.
    d.sign_up_and_in("ana.novak@example.si", "Ana Novak");
    CHECK(d.s().offline.queue.empty());
    CHECK(d.s().contracts.empty());
    d.net.online = false;
    d.load("/");
    CHECK(d.s().user.profile.name == "Ana Novak");
    CHECK(d.s().offline.queue.empty());
    d.net.online = true;
    d.act([](Actions& a) { a.logout(false); });
    // The first customer again: their reading goes now.
    d.log_in("ziga.cebasek@example.si");
    CHECK(d.s().offline.queue.empty());
    CHECK(d.s().banner->key == "offline.banner.sent");
    CHECK(d.on_server(23290) == 1);
  }
}
