#include "client/state/readings.h"

#include <algorithm>

#include "client/state/offline.h"
#include "client/state/store.h"
#include "core/metering_point.h"
#include "core/reading_rules.h"

namespace client {

namespace codes = core::codes;

namespace {

bool is_window_code(const std::string& code) {
  return code == codes::reading_outside_window || code == codes::reading_no_self_readings;
}

// After a submission that went (or waits to go): the values are empty for the next one.
void clear_values(Form& f) {
  for (const char* reg : {"values.ET", "values.VT", "values.MT", "values.M3"}) f.text.erase(reg);
  f.text["type"] = "submission";
  f.touched.clear();
  f.submitted_once = false;
  f.checks.clear();
}

}  // namespace

nlohmann::json reading_value(const std::string& text) {
  std::string t;
  for (char c : text)
    if (c != ' ' && c != '\'' && c != '\xA0') t += c == ',' ? '.' : c;  // "12 345,6" as people type it
  if (t.empty()) return nullptr;
  auto j = nlohmann::json::parse(t, nullptr, false);
  if (j.is_number()) return j;
  return t;  // not a number: core says so (the API would call it malformed)
}

// [SECTION] Screens and loading

void Readings::enter(const Route& r) {
  switch (r.screen) {
    case Screen::home:
    case Screen::contracts:
    case Screen::invoices:  // the filter and the question name the linked metering points
    case Screen::question:
      load_contracts();
      break;
    case Screen::unsubscribe: {
      form("unsubscribe") = Form{};
      form("unsubscribe").busy = true;
      await<nlohmann::json>(api().unsubscribe(r.token), [this](const api::Reply<nlohmann::json>& rep) {
        Form& f = finish("unsubscribe", rep);
        if (rep.ok()) {
          f.text["number"] = rep.value.value("metering_point", "");
          f.text["channel"] = rep.value.value("channel", "");
        }
      });
      break;
    }
    case Screen::link_contract:
      if (!state().forms.count("link")) form("link").text["energy"] = "electricity";
      break;
    case Screen::submit_reading:
      load_contracts();
      if (!r.id.empty()) {
        reset_submit_form(r.id);
        load_readings(r.id);
      }
      break;
    case Screen::readings:
      load_contracts();
      if (!r.id.empty()) load_readings(r.id);
      break;
    default:
      break;
  }
}

void Readings::signed_out() {
  state().contracts.clear();
  state().contracts_load = {};
  state().readings.clear();
  load_again_.clear();
  state().submit = {};
  for (const char* f : {"link", "submit"}) state().forms.erase(f);
}

bool Readings::retry(const std::string& what, const std::string& id) {
  if (what == "contracts") load_contracts();
  else if (what == "readings") load_readings(id);
  else return false;
  return true;
}

void Readings::load_contracts() {
  if (state().session != Session::signed_in || state().contracts_load.loading) return;
  state().contracts_load.loading = true;
  await<std::vector<core::api::Contract>>(api().contracts(), [this](const api::Reply<std::vector<core::api::Contract>>& r) {
    Load& load = state().contracts_load;
    load.loading = false;
    if (!r.ok()) {
      load.errors = r.errors;
      if (r.status == 401) ctx_.store.session_ended();
      return;
    }
    state().contracts = r.value;
    load.loaded = true;
    load.errors.clear();
    const Screen here = state().route.screen;  // "/submit", "/readings": the first
    if ((here == Screen::submit_reading || here == Screen::readings) && state().route.id.empty() && !r.value.empty())
      go(Route{here, r.value[0].metering_point.id, ""}, false);
  });
}

void Readings::load_readings(const std::string& mp) {
  ReadingsView& v = state().readings[mp];
  if (v.load.loading) {  // asked again meanwhile (a reading just stored): its answer may be older
    load_again_.insert(mp);
    return;
  }
  v.load.loading = true;
  await<std::vector<core::api::Reading>>(api().readings(mp), [this, mp](const api::Reply<std::vector<core::api::Reading>>& r) {
    ReadingsView& v = state().readings[mp];
    v.load.loading = false;
    if (load_again_.erase(mp) > 0) {
      load_readings(mp);
      return;
    }
    if (!r.ok()) {
      v.load.errors = r.errors;
      return;
    }
    v.rows = r.value;
    v.load.loaded = true;
    v.load.errors.clear();
    if (state().submit.metering_point_id == mp) reset_submit_form(mp);
  });
}

void Readings::reset_submit_form(const std::string& mp) {
  SubmitFlow& flow = state().submit;
  const bool same = flow.metering_point_id == mp;
  flow.metering_point_id = mp;
  Form& f = form("submit");
  if (!same) {
    f = Form{};
    flow.conflicts.clear();
    flow.outside.reset();
    flow.result.reset();
    flow.idempotency_key.clear();
  }
  if (f.get("date").empty() && state().rules_load.loaded) f.text["date"] = core::format_date(state().rules.today);
  if (f.get("type").empty()) f.text["type"] = "submission";
}

// [SECTION] Rules as the customer types

void Readings::edited(const std::string& name, const std::string& field) {
  if (name == "submit") {  // a new value is a new question: earlier warnings no longer apply
    state().submit.conflicts.clear();
    state().submit.outside.reset();
    state().submit.idempotency_key.clear();
  }
  if (name == "link" && field == "energy") form("link").text["operator"].clear();  // the list depends on it
}

core::Errors Readings::check(const std::string& name) {
  const Form& f = form(name);
  core::Errors e;
  if (name == "link") {
    core::CheckedContractLink checked;
    return core::check_contract_link(f.get("metering_point"), f.get("contract_number"), f.get("energy"),
                                     f.get("operator"), ctx_.store.operators(), checked);
  }
  if (name != "submit") return e;
  SubmitFlow& flow = state().submit;
  const core::api::Contract* c = state().contract_for(flow.metering_point_id);
  if (!c) return e;
  core::Submission s;
  s.date_text = f.get("date");
  s.type_text = f.get("type");
  s.values = nlohmann::json::object();
  for (const auto& reg : c->metering_point.registers) s.values[reg] = reading_value(f.get("values." + reg));
  s.meter_replaced = f.flag("meter_replaced");
  s.confirm_unusual = true;  // the server asks about unusual values; here only the hard rules
  core::SubmissionContext ctx;
  ctx.today = state().rules.today;
  ctx.meter.energy = c->energy;
  for (const auto& reg : c->metering_point.registers) {
    core::Register r;
    if (core::parse_register(reg, r)) ctx.meter.registers.push_back(r);
  }
  ctx.meter.digits = c->metering_point.digits;
  if (const core::Operator* op = ctx_.store.operators().find(c->op.code)) ctx.window = op->window;
  auto it = state().readings.find(c->metering_point.id);
  if (it != state().readings.end())
    for (const auto& row : it->second.rows) ctx.history.push_back({row.date, row.reg, row.value, row.source, false});
  flow.outside.reset();
  for (auto& x : core::check_submission(s, ctx).errors) {
    if (is_window_code(x.code))
      flow.outside = x;  // not an error of a field: the way out is an own record
    else if (x.code != codes::request_malformed || !x.field.empty())
      e.push_back(x);
  }
  // A value that is not a number at all: say it like the API would, on that field.
  for (const auto& reg : c->metering_point.registers)
    if (reading_value(f.get("values." + reg)).is_string())
      e.push_back(core::make_error(codes::reading_not_integer, "values." + reg));
  return e;
}

// [SECTION] Sending

void Readings::send(const std::string& name) {
  Form& f = form(name);
  if (name != "link") {
    f.busy = false;
    return;
  }
  core::api::LinkContractRequest req{f.get("metering_point"), f.get("contract_number"), f.get("energy"),
                                     f.get("operator")};
  await<core::api::Contract>(api().link_contract(req), [this](const api::Reply<core::api::Contract>& r) {
    Form& f = finish("link", r);
    if (!r.ok()) return;
    state().contracts.push_back(r.value);
    banner("banner.linked", 1, {{"number", r.value.metering_point.number}});
    // The next contract can be linked straight away (energy and operator stay chosen).
    f.text["metering_point"].clear();
    f.text["contract_number"].clear();
    f.touched.clear();
    f.submitted_once = false;
    f.text["last_linked"] = r.value.metering_point.number;
  });
}

void Readings::submit_reading(bool confirm_unusual, bool as_own_record) {
  Form& f = form("submit");
  const std::string mp = state().submit.metering_point_id;
  const core::api::Contract* c = state().contract_for(mp);
  if (f.busy || !c) return;
  if (as_own_record) f.text["type"] = "own_record";
  f.submitted_once = true;
  f.answer.clear();
  f.checks = check("submit");
  // Outside the window the server would refuse: the screen already offers the own record.
  if (!f.checks.empty() || state().submit.outside) {
    if (!f.checks.empty()) ++state().refused_submits;
    return;
  }
  core::api::SubmitReadingRequest req;
  req.submission.date_text = f.get("date");
  req.submission.type_text = f.get("type");
  req.submission.values = nlohmann::json::object();
  for (const auto& reg : c->metering_point.registers) req.submission.values[reg] = reading_value(f.get("values." + reg));
  req.submission.confirm_unusual = confirm_unusual;
  req.submission.meter_replaced = f.flag("meter_replaced");
  // The same key while the same submission is retried (a lost answer): the server keeps one. A
  // reading typed offline and returned by the server keeps its own key (state/offline.cpp).
  const std::string returned = state().offline.editing;
  if (!returned.empty()) state().submit.idempotency_key = returned;
  if (state().submit.idempotency_key.empty()) state().submit.idempotency_key = browser().random_id();
  // Earlier readings of this meter still wait on this device: this one goes after them.
  if (returned.empty() && ctx_.store.offline().holds_back(mp)) {
    queued(mp, req.submission);
    return;
  }
  f.busy = true;
  await<core::api::SubmissionResult>(
      api().submit_reading(mp, req, state().submit.idempotency_key),
      [this, mp, as_own_record, returned, sent = req.submission](const api::Reply<core::api::SubmissionResult>& r) {
        Form& f = form("submit");
        SubmitFlow& flow = state().submit;
        f.busy = false;
        f.retry_after_s = r.retry_after_s;
        flow.conflicts.clear();
        flow.outside.reset();
        if (r.kind == api::Reply<core::api::SubmissionResult>::Kind::network) {
          queued(mp, sent);  // no network: it waits on this device and goes with this key
          return;
        }
        flow.idempotency_key.clear();
        if (!returned.empty()) {  // the reading typed offline has its answer now
          if (r.ok())
            ctx_.store.offline().settled(returned);
          else
            ctx_.store.offline().answered(returned, sent, r.errors,
                                          r.status == 409 && !core::has_code(r.errors, codes::reading_duplicate));
        }
        if (r.ok()) {
          f.done = true;
          flow.result = r.value;
          banner(as_own_record ? "banner.kept_as_own_record" : "banner.submitted", 1);
          clear_values(f);
          load_readings(mp);
          return;
        }
        if (r.status == 409 && !r.errors.empty() && r.errors[0].code != codes::reading_duplicate) {
          flow.conflicts = r.errors;  // unusual / tariff mix-up: ask, then confirm
          return;
        }
        for (const auto& e : r.errors) {
          if (is_window_code(e.code))
            flow.outside = e;  // offer "keep as own record" in one tap
          else
            f.answer.push_back(e);
        }
      });
}

// No network (or earlier readings of the meter still wait): the reading waits in this device's queue
// (state/offline.cpp) with its key and goes when the network returns; the form confirms it as such.
void Readings::queued(const std::string& mp, const core::Submission& s) {
  SubmitFlow& flow = state().submit;
  ctx_.store.offline().keep(mp, s, flow.idempotency_key);
  state().offline.confirming = flow.idempotency_key;
  state().offline.editing.clear();
  flow.idempotency_key.clear();
  flow.conflicts.clear();
  flow.outside.reset();
  flow.result.reset();
  Form& f = form("submit");
  f.done = true;
  clear_values(f);
  banner("offline.banner.queued", 2);
}

// [SECTION] Actions

bool Readings::apply(const Action& a) {
  switch (a.kind) {
    case Action::Kind::set_reminders:
      await<core::api::Contract>(api().set_reminders(a.id, a.flag, a.number != 0),
                                 [this](const api::Reply<core::api::Contract>& r) {
                                   if (!r.ok()) {
                                     error_banner(r.errors);
                                     return;
                                   }
                                   for (auto& c : state().contracts)
                                     if (c.id == r.value.id) c = r.value;
                                   banner("banner.reminders_saved", 1);
                                 });
      return true;
    case Action::Kind::export_readings:
      await<api::File>(api().export_readings(a.id, a.value), [this](const api::Reply<api::File>& r) {
        if (!r.ok()) {
          error_banner(r.errors);
          return;
        }
        browser().download(r.value.name, r.value.mime, r.value.bytes);
        banner("banner.exported", 1, {{"file", r.value.name}});
      });
      return true;
    case Action::Kind::sort_readings: {
      ReadingsView& v = state().readings[a.id];
      if (v.sort_column == a.number) {
        v.sort_descending = !v.sort_descending;
      } else {
        v.sort_column = a.number;
        v.sort_descending = a.number == 0;
      }
      return true;
    }
    case Action::Kind::choose_meter:
      go(Route{Screen::submit_reading, a.id, ""}, true);
      return true;
    case Action::Kind::keep_as_own_record:
      submit_reading(false, true);
      return true;
    case Action::Kind::confirm_unusual:
      submit_reading(true, false);
      return true;
    case Action::Kind::submit:
      if (a.form != "submit") return false;
      submit_reading(false, false);
      return true;
    default:
      return false;
  }
}

bool Readings::confirmed(const std::string& kind, const std::string& id) {
  if (kind == "unlink") {
    await<api::Nothing>(api().unlink_contract(id), [this, id](const api::Reply<api::Nothing>& r) {
      if (!r.ok()) {
        error_banner(r.errors);
        return;
      }
      auto& cs = state().contracts;
      cs.erase(std::remove_if(cs.begin(), cs.end(), [&](const core::api::Contract& k) { return k.id == id; }), cs.end());
      banner("banner.unlinked", 1);
    });
    return true;
  }
  if (kind == "delete_submission") {
    await<api::Nothing>(api().delete_submission(id), [this](const api::Reply<api::Nothing>& r) {
      if (r.ok())
        banner("banner.deleted", 1);
      else
        error_banner(r.errors);
      if (state().route.screen == Screen::readings) load_readings(state().route.id);
      if (!state().submit.metering_point_id.empty()) load_readings(state().submit.metering_point_id);
    });
    return true;
  }
  return false;
}

}  // namespace client
