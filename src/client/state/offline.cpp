#include "client/state/offline.h"

#include <algorithm>
#include <memory>
#include <set>

#include "client/state/readings.h"
#include "client/state/store.h"

namespace client {

namespace codes = core::codes;
using Status = PendingReading::Status;

namespace {

const char* const kDevice = "device";  // {account, logout_owed}: whose records this device holds

std::string data_key(const std::string& account) { return "data/" + account; }
std::string queue_key(const std::string& account) { return "queue/" + account; }

bool network_failed(const core::Errors& e) { return core::has_code(e, codes::network_unreachable); }

bool window_closed(const core::Errors& e) {
  return core::has_code(e, codes::reading_outside_window) || core::has_code(e, codes::reading_no_self_readings);
}

// A reading on its way when the page closed never got its answer: it waits again (same key).
const char* status_code(Status s) {
  switch (s) {
    case Status::question:
      return "question";
    case Status::refused:
      return "refused";
    default:
      return "waiting";
  }
}

nlohmann::json to_json(const PendingReading& p) {
  return {{"key", p.key},
          {"metering_point_id", p.metering_point_id},
          {"submission", core::api::to_json(core::api::SubmitReadingRequest{p.submission})},
          {"status", status_code(p.status)},
          {"answer", core::to_json(p.answer)},
          {"late", p.late}};
}

bool from_json(const nlohmann::json& j, PendingReading& out) {
  if (!j.is_object()) return false;
  auto text = [&](const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  out.key = text("key");
  out.metering_point_id = text("metering_point_id");
  auto sub = j.find("submission");
  core::api::SubmitReadingRequest req;
  if (out.key.empty() || out.metering_point_id.empty() || sub == j.end() ||
      !core::api::decode(sub->dump(), req).empty())
    return false;
  out.submission = req.submission;
  const std::string status = text("status");
  out.status = status == "question" ? Status::question : status == "refused" ? Status::refused : Status::waiting;
  auto answer = j.find("answer");
  if (answer != j.end()) core::errors_from_json(*answer, out.answer);
  auto late = j.find("late");
  out.late = late != j.end() && late->is_boolean() && late->get<bool>();
  return true;
}

std::vector<PendingReading> queue_from(const std::string& text) {
  std::vector<PendingReading> out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    PendingReading p;
    if (from_json(e, p)) out.push_back(std::move(p));
  }
  return out;
}

template <class T>
nlohmann::json list_json(const std::vector<T>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : list) out.push_back(core::api::to_json(e));
  return out;
}

const nlohmann::json& member(const nlohmann::json& j, const char* name) {
  static const nlohmann::json none;
  if (!j.is_object()) return none;
  auto it = j.find(name);
  return it == j.end() ? none : *it;
}

}  // namespace

// [SECTION] The slice

const PendingReading* find_pending(const OfflineView& v, const std::string& key) {
  for (const auto& p : v.queue)
    if (p.key == key) return &p;
  return nullptr;
}

std::vector<const PendingReading*> pending_of(const OfflineView& v, const std::string& mp) {
  std::vector<const PendingReading*> out;
  for (const auto& p : v.queue)
    if (p.metering_point_id == mp) out.push_back(&p);
  return out;
}

const PendingReading* returned_of(const OfflineView& v, const std::string& mp) {
  for (const auto& p : v.queue)
    if (p.metering_point_id == mp && (p.status == Status::question || p.status == Status::refused)) return &p;
  return nullptr;
}

PendingReading* Offline::find(const std::string& key) {
  for (auto& p : state().offline.queue)
    if (p.key == key) return &p;
  return nullptr;
}

// [SECTION] This device's records

// Storage answers through the effects, like the API: its state changes happen in Store::update().
void Offline::read(const std::string& key, std::function<void(const platform::StoredText&)> then) {
  auto slot = std::make_shared<std::optional<api::Reply<platform::StoredText>>>();
  storage_.read(key, [slot](platform::StoredText t) {
    api::Reply<platform::StoredText> r;
    r.kind = api::Reply<platform::StoredText>::Kind::ok;
    r.value = std::move(t);
    *slot = std::move(r);
  });
  await_always<platform::StoredText>(api::Pending<platform::StoredText>(slot),
                              [then](const api::Reply<platform::StoredText>& r) { then(r.value); });
}

void Offline::start() {
  if (started_) return;
  started_ = true;
  state().offline.restoring = true;
  read(kDevice, [this](const platform::StoredText& t) {
    const auto device = nlohmann::json::parse(t.text, nullptr, false);
    const auto& account = member(device, "account");
    account_ = account.is_string() ? account.get<std::string>() : "";
    logout_owed_ = member(device, "logout_owed") == true;
    if (account_.empty()) {
      restored();
      return;
    }
    const std::string who = account_;
    auto left = std::make_shared<int>(2);
    read(data_key(who), [this, who, left](const platform::StoredText& d) {
      auto copy = nlohmann::json::parse(d.text, nullptr, false);
      if (member(copy, "account") == who) {
        copy_ = std::move(copy);
        written_ = d.text;
        state().offline.loaded_at = d.saved_at;
      }
      if (--*left == 0) restored();
    });
    read(queue_key(who), [this, who, left](const platform::StoredText& q) {
      if (queue_of_.empty() && account_ == who) {
        state().offline.queue = queue_from(q.text);
        queue_of_ = who;
      }
      if (--*left == 0) restored();
    });
  });
}

void Offline::restored() {
  restored_ = true;
  state().offline.restoring = false;
  auto then = std::move(after_restore_);
  after_restore_.clear();
  for (auto& f : then) f();
}

void Offline::when_restored(std::function<void()> then) {
  if (restored_)
    then();
  else
    after_restore_.push_back(std::move(then));
}

void Offline::save_device() {
  storage_.write(kDevice, nlohmann::json{{"account", account_}, {"logout_owed", logout_owed_}}.dump());
}

void Offline::save_queue() {
  if (queue_of_.empty()) return;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : state().offline.queue) list.push_back(to_json(p));
  if (list.empty())
    storage_.remove(queue_key(queue_of_));
  else
    storage_.write(queue_key(queue_of_), list.dump());
}

// What the customer last saw from the server: the profile, /rules, the contracts and the readings
// of every linked meter (those not loaded in this page stay as they were in the copy).
void Offline::save_copy() {
  const AppState& s = state();
  if (s.session != Session::signed_in || !confirmed_ || s.offline.from_cache || account_.empty() ||
      s.user.id != account_)
    return;
  nlohmann::json copy = {{"account", account_}, {"user", core::api::to_json(s.user)}};
  copy["rules"] = s.rules_load.loaded ? core::api::to_json(s.rules) : member(copy_, "rules");
  const bool have_contracts = s.contracts_load.loaded;
  copy["contracts"] = have_contracts ? list_json(s.contracts) : member(copy_, "contracts");
  std::vector<core::api::Contract> contracts = s.contracts;
  if (!have_contracts) core::api::list_from_json(member(copy_, "contracts"), contracts);
  nlohmann::json readings = nlohmann::json::object();
  for (const auto& c : contracts) {
    const std::string& mp = c.metering_point.id;
    auto it = s.readings.find(mp);
    if (it != s.readings.end() && it->second.load.loaded)
      readings[mp] = list_json(it->second.rows);
    else if (!member(member(copy_, "readings"), mp.c_str()).is_null())
      readings[mp] = member(member(copy_, "readings"), mp.c_str());
  }
  copy["readings"] = std::move(readings);
  std::string text = copy.dump();
  if (text == written_) return;
  state().offline.loaded_at = storage_.write(data_key(account_), text);
  written_ = std::move(text);
  copy_ = std::move(copy);
}

// [SECTION] Start without network

bool Offline::restore_session() {
  if (account_.empty() || logout_owed_ || member(copy_, "account") != account_) return false;
  core::api::User u;
  if (!core::api::from_json(member(copy_, "user"), u) || u.id != account_) return false;
  restoring_session_ = true;
  ctx_.store.signed_in(u);
  restoring_session_ = false;
  AppState& s = state();
  s.offline.from_cache = true;
  if (core::api::list_from_json(member(copy_, "contracts"), s.contracts)) {
    s.contracts_load.loaded = true;
    s.contracts_load.errors.clear();
  }
  const auto& readings = member(copy_, "readings");
  if (readings.is_object())
    for (auto it = readings.begin(); it != readings.end(); ++it) {
      ReadingsView& v = s.readings[it.key()];
      if (!core::api::list_from_json(it.value(), v.rows)) continue;
      v.load.loaded = true;
      v.load.errors.clear();
    }
  return true;
}

bool Offline::restore_rules() {
  core::api::Rules rules;
  if (logout_owed_ || !core::api::from_json(member(copy_, "rules"), rules)) return false;
  ctx_.store.set_rules(rules);
  return true;
}

void Offline::pay_logout() {
  await_always<api::Nothing>(api().logout(false), [this](const api::Reply<api::Nothing>& r) {
    if (r.status == 0) return;  // again at the next start
    logout_owed_ = false;
    save_device();
  });
}

// [SECTION] Sessions

void Offline::signed_in(const core::api::User& u) {
  if (restoring_session_) return;
  confirmed_ = true;
  OfflineView& v = state().offline;
  v.from_cache = false;
  const bool changed = account_ != u.id || logout_owed_;
  if (!account_.empty() && account_ != u.id) {
    storage_.remove(data_key(account_));  // another customer's copy: never shown to this one
    copy_ = nullptr;
    written_.clear();
  }
  account_ = u.id;
  logout_owed_ = false;
  if (changed) save_device();
  if (queue_of_ == u.id) {
    send_queue();
    return;
  }
  // Another account's queue stays stored under its key (sent when that customer signs in again).
  v.queue.clear();
  v.confirming.clear();
  v.editing.clear();
  queue_of_ = u.id;
  read(queue_key(u.id), [this, who = u.id](const platform::StoredText& t) {
    if (queue_of_ != who) return;
    OfflineView& v = state().offline;
    auto stored = queue_from(t.text);
    for (auto& p : v.queue) stored.push_back(std::move(p));  // typed meanwhile: after the stored ones
    v.queue = std::move(stored);
    save_queue();
    send_queue();
  });
}

void Offline::signed_out() {
  if (!account_.empty()) {
    storage_.remove(data_key(account_));
    if (!keep_queue_) storage_.remove(queue_key(account_));
  }
  keep_queue_ = false;
  account_.clear();
  queue_of_.clear();
  copy_ = nullptr;
  written_.clear();
  confirmed_ = false;
  save_device();
  OfflineView& v = state().offline;
  const bool update_ready = v.update_ready;
  v = OfflineView{};
  v.update_ready = update_ready;
}

// [SECTION] Network

void Offline::replies_arrived() {
  const int heard = heard_;
  heard_ = 0;
  if (heard > 0 && state().offline.from_cache) back_online();
  fall_back_to_copy();
  save_copy();
}

// A load found no network: the copy's data where none is loaded, and what is shown is marked as the
// copy (the network errors give way to the offline notice).
void Offline::fall_back_to_copy() {
  AppState& s = state();
  if (s.session != Session::signed_in || member(copy_, "account") != s.user.id) return;
  bool used = false;
  if (network_failed(s.contracts_load.errors) && !s.contracts_load.loading &&
      (s.contracts_load.loaded || core::api::list_from_json(member(copy_, "contracts"), s.contracts))) {
    s.contracts_load.loaded = true;
    s.contracts_load.errors.clear();
    used = true;
  }
  const auto& readings = member(copy_, "readings");
  for (auto& [mp, v] : s.readings) {
    if (!network_failed(v.load.errors) || v.load.loading) continue;
    if (!v.load.loaded && !core::api::list_from_json(member(readings, mp.c_str()), v.rows)) continue;
    v.load.loaded = true;
    v.load.errors.clear();
    used = true;
  }
  if (used) s.offline.from_cache = true;
}

void Offline::back_online() {
  state().offline.from_cache = false;
  if (!confirmed_) {  // the session came from the copy: ask the server first
    ctx_.store.reconnect();
    return;
  }
  Readings& readings = ctx_.store.readings();
  readings.load_contracts();
  for (const auto& [mp, v] : state().readings)
    if (v.load.loaded) readings.load_readings(mp);
  send_queue();
}

void Offline::network_changed(bool online) {
  if (state().session != Session::signed_in) return;
  if (!online) {  // said at once (the next request would say it too, with the page moving under the customer)
    if (member(copy_, "account") == state().user.id) state().offline.from_cache = true;
    return;
  }
  if (state().offline.from_cache)
    back_online();
  else
    send_queue();
}

// [SECTION] The queue

bool Offline::holds_back(const std::string& mp) const {
  const OfflineView& v = ctx_.state.offline;
  for (const auto& p : v.queue)
    if (p.metering_point_id == mp && p.key != v.editing) return true;
  return false;
}

void Offline::keep(const std::string& mp, const core::Submission& s, const std::string& key) {
  if (PendingReading* known = find(key)) {
    known->submission = s;
    known->status = Status::waiting;
    known->answer.clear();
  } else {
    PendingReading p;
    p.key = key;
    p.metering_point_id = mp;
    p.submission = s;
    state().offline.queue.push_back(std::move(p));
  }
  save_queue();
}

void Offline::answered(const std::string& key, const core::Submission& s, const core::Errors& answer, bool question) {
  PendingReading* p = find(key);
  if (!p) return;
  p->submission = s;
  p->status = question ? Status::question : Status::refused;
  p->answer = answer;
  save_queue();
}

void Offline::settled(const std::string& key) {
  OfflineView& v = state().offline;
  v.queue.erase(std::remove_if(v.queue.begin(), v.queue.end(), [&](const PendingReading& p) { return p.key == key; }),
                v.queue.end());
  if (v.editing == key) v.editing.clear();
  save_queue();
}

// Each meter's oldest reading goes first; the next follows its answer. A returned one holds its
// meter's later readings back until the customer answers (their order matters to the rules).
void Offline::send_queue() {
  if (state().session != Session::signed_in || !confirmed_) return;
  std::set<std::string> meters;
  std::vector<std::string> keys;
  for (const auto& p : state().offline.queue)
    if (meters.insert(p.metering_point_id).second && p.status == Status::waiting) keys.push_back(p.key);
  for (const auto& key : keys)
    if (PendingReading* p = find(key)) send_reading(*p);
}

void Offline::send_reading(PendingReading& p) {
  p.status = Status::sending;
  core::api::SubmitReadingRequest req{p.submission};
  await_always<core::api::SubmissionResult>(
      api().submit_reading(p.metering_point_id, req, p.key),
      [this, key = p.key](const api::Reply<core::api::SubmissionResult>& r) {
        PendingReading* p = find(key);
        if (!p) return;  // discarded or signed out meanwhile
        const std::string mp = p->metering_point_id;
        const core::api::Contract* c = state().contract_for(mp);
        const nlohmann::json params = {{"number", c ? c->metering_point.number : mp}};
        if (r.status == 401) {
          p->status = Status::waiting;
          ctx_.store.session_ended();  // the queue stays for this customer's next login
          return;
        }
        if (r.ok()) {
          const bool late = p->late;
          OfflineView& v = state().offline;
          if (v.confirming == key && state().submit.metering_point_id == mp) {
            state().submit.result = r.value;  // the form's confirmation: no longer pending
            form("submit").done = true;
          }
          if (v.confirming == key) v.confirming.clear();
          settled(key);
          banner(late ? "offline.banner.sent_late" : "offline.banner.sent", 1, params);
          ctx_.store.readings().load_readings(mp);
          send_queue();  // the meter's next one
          return;
        }
        // Its window closed before it arrived: kept as an own record, and the customer is told.
        if (r.status == 422 && p->submission.type_text == "submission" && window_closed(r.errors)) {
          p->submission.type_text = "own_record";
          p->late = true;
          save_queue();
          send_reading(*p);
          return;
        }
        const bool again_later = r.kind == api::Reply<core::api::SubmissionResult>::Kind::network ||
                                 r.kind == api::Reply<core::api::SubmissionResult>::Kind::invalid ||
                                 r.status >= 500 || r.status == 429;
        if (again_later) {
          p->status = Status::waiting;  // the next 'online', navigation or start tries again
          return;
        }
        const bool question = r.status == 409 && !core::has_code(r.errors, codes::reading_duplicate);
        answered(key, p->submission, r.errors, question);
        banner(question ? "offline.banner.question" : "offline.banner.refused", 2, params);
        const Route& here = state().route;
        if (here.screen == Screen::submit_reading && here.id == mp && state().offline.editing.empty() &&
            !form("submit").done)
          take_into_form(*find(key));
      });
}

// The returned reading in its meter's form, with the server's question or errors: the customer
// confirms or corrects it there, and it goes again with its key.
void Offline::take_into_form(const PendingReading& p) {
  SubmitFlow& flow = state().submit;
  flow.metering_point_id = p.metering_point_id;
  flow.conflicts.clear();
  flow.outside.reset();
  flow.result.reset();
  flow.idempotency_key = p.key;
  Form& f = form("submit");
  f = Form{};
  const core::Submission& s = p.submission;
  f.text["date"] = s.date_text;
  f.text["type"] = s.type_text;
  if (s.values.is_object())
    for (auto it = s.values.begin(); it != s.values.end(); ++it)
      f.text["values." + it.key()] = it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
  f.flags["meter_replaced"] = s.meter_replaced;
  f.submitted_once = true;
  if (p.status == Status::question) {
    flow.conflicts = p.answer;
  } else {
    for (const auto& e : p.answer) {
      if (e.code == codes::reading_outside_window || e.code == codes::reading_no_self_readings)
        flow.outside = e;
      else
        f.answer.push_back(e);
    }
  }
  state().offline.editing = p.key;
  state().offline.confirming.clear();
}

// [SECTION] Screens and actions

void Offline::enter(const Route& r) {
  OfflineView& v = state().offline;
  if (!v.editing.empty()) {
    const PendingReading* p = find_pending(v, v.editing);
    if (!p || r.screen != Screen::submit_reading || r.id != p->metering_point_id) v.editing.clear();
  }
  if (r.screen == Screen::submit_reading && !r.id.empty() && v.editing.empty())
    if (const PendingReading* p = returned_of(v, r.id)) take_into_form(*p);
  if (!v.from_cache) send_queue();  // a navigation is a chance to send what waits
}

bool Offline::apply(const Action& a) {
  if (a.kind != Action::Kind::logout) return false;
  if (logout_confirmed_ || state().offline.queue.empty()) return false;  // Accounts logs out
  state().confirm = Confirm{"logout_unsent", a.flag ? "all" : ""};
  return true;
}

bool Offline::confirmed(const std::string& kind, const std::string& id) {
  if (kind == "logout_all" && !state().offline.queue.empty()) {
    state().confirm = Confirm{"logout_unsent", "all"};
    return true;
  }
  if (kind == "logout_unsent") {
    Action logout{Action::Kind::logout};
    logout.flag = id == "all";
    logout_confirmed_ = true;
    ctx_.store.apply({logout});
    logout_confirmed_ = false;
    return true;
  }
  if (kind == "discard_pending") {
    const bool in_form = state().offline.editing == id;
    const PendingReading* p = find_pending(state().offline, id);
    const std::string mp = p ? p->metering_point_id : "";
    settled(id);
    if (in_form) {
      form("submit") = Form{};
      state().submit.conflicts.clear();
      state().submit.outside.reset();
      state().submit.idempotency_key.clear();
      ctx_.store.readings().reset_submit_form(mp);
    }
    return true;
  }
  return false;
}

bool Offline::retry(const std::string& what, const std::string&) {
  if (what == "pending") {
    if (!confirmed_ || state().offline.from_cache)
      back_online();
    else
      send_queue();
    return true;
  }
  if (what == "update") {
    browser().activate_new_version();
    return true;
  }
  return false;
}

}  // namespace client
