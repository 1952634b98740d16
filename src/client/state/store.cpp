#include "client/state/store.h"

#include <algorithm>
#include <cstdlib>

#include "core/account_rules.h"
#include "core/metering_point.h"
#include "core/reading_rules.h"

namespace client {

namespace codes = core::codes;

namespace {

core::ProfileFields profile_of(const Form& f) {
  core::ProfileFields p;
  p.name = f.get("name");
  p.street = f.get("street");
  p.city = f.get("city");
  p.postal_code = f.get("postal_code");
  p.post = f.get("post");
  p.country = f.get("country").empty() ? "SI" : f.get("country");
  p.phone = f.get("phone");
  p.gender = f.get("gender");
  p.notifications = f.flag("notifications");
  p.locale = f.get("locale").empty() ? "sl" : f.get("locale");
  return p;
}

bool is_window_code(const std::string& code) {
  return code == codes::reading_outside_window || code == codes::reading_no_self_readings;
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

Store::Store(platform::Http& http, platform::Browser& browser) : browser_(browser), api_(http) {}

template <class T>
void Store::await(api::Pending<T> pending, std::function<void(const api::Reply<T>&)> done) {
  ++state_.requests_in_flight;
  effects_.push_back([this, pending, done]() {
    if (!pending.done()) return false;
    --state_.requests_in_flight;
    done(pending.reply());
    return true;
  });
}

bool Store::update() {
  bool changed = false;
  // An effect may start others: run until none finishes.
  for (bool again = true; again;) {
    again = false;
    for (size_t i = 0; i < effects_.size();) {
      Effect e = effects_[i];
      if (e()) {
        effects_.erase(effects_.begin() + static_cast<long>(i));
        changed = again = true;
      } else {
        ++i;
      }
    }
  }
  return changed;
}

void Store::banner(std::string key, int tone, nlohmann::json params) {
  state_.banner = Banner{std::move(key), std::move(params), tone};
}

// [SECTION] Start, navigation and session

void Store::start(const std::string& path, const std::string& common_passwords_url) {
  common_url_ = common_passwords_url;
  core::Locale l;
  if (core::parse_locale(browser_.load_setting("locale"), l)) state_.locale = l;
  browser_.set_language(core::locale_code(state_.locale));
  state_.route = parse_route(path);
  state_.rules_load.loading = true;
  await<core::api::Rules>(api_.rules(), [this](const api::Reply<core::api::Rules>& r) {
    state_.rules_load.loading = false;
    if (!r.ok()) {
      state_.rules_load.errors = r.errors;
      return;
    }
    state_.rules = r.value;
    state_.rules_load.loaded = true;
    state_.rules_load.errors.clear();
    core::OperatorCatalog catalog;
    nlohmann::json ops = nlohmann::json::array();
    for (const auto& o : r.value.operators) ops.push_back(core::to_json(o));
    std::string error;
    if (catalog.load(nlohmann::json{{"operators", ops}}.dump(), error)) operators_ = catalog;
    if (state_.route.screen == Screen::submit_reading) reset_submit_form(state_.submit.metering_point_id);
  });
  await<std::optional<core::api::User>>(api_.session(), [this](const api::Reply<std::optional<core::api::User>>& r) {
    if (r.ok() && r.value) {
      signed_in(*r.value);
    } else {
      state_.session = Session::signed_out;
      if (!r.ok()) banner("error." + r.errors[0].code, 3);
    }
    go(state_.route, false);
  });
}

void Store::location_changed(const std::string& path) { go(parse_route(path), false); }

void Store::go(Route r, bool push) {
  if (r.screen == Screen::home && state_.session == Session::signed_out) r = Route{Screen::login, "", ""};
  if (needs_session(r.screen) && state_.session == Session::signed_out) {
    state_.after_login = r;
    r = Route{Screen::login, "", ""};
    push = false;
  }
  if (is_public_only(r.screen) && state_.session == Session::signed_in) {
    r = Route{Screen::home, "", ""};
    push = false;
  }
  const bool changed = r != state_.route;
  state_.route = r;
  state_.nav_open = false;
  state_.confirm.reset();
  const std::string path = route_path(r);
  if (push && changed)
    browser_.push_path(path);
  else
    browser_.replace_path(path);
  if (state_.session != Session::unknown) enter(r);
}

void Store::enter(const Route& r) {
  switch (r.screen) {
    case Screen::home:
    case Screen::contracts:
      load_contracts();
      break;
    case Screen::register_:
      if (state_.forms["register"].done) state_.forms["register"] = Form{};  // a finished one starts afresh
      load_common_passwords();
      break;
    case Screen::reset:
      state_.forms["reset"] = Form{};  // each reset link starts with an empty form
      load_common_passwords();
      // A used or expired link says so at once, not after the new password was typed twice.
      if (!r.token.empty())
        await<api::Nothing>(api_.check_reset(r.token), [this, token = r.token](const api::Reply<api::Nothing>& rep) {
          Form& f = state_.forms["reset"];
          // The customer was quicker (the reset's own answer counts) or is on another link now.
          if (f.busy || f.done || state_.route.screen != Screen::reset || state_.route.token != token) return;
          if (core::has_code(rep.errors, core::codes::token_invalid) ||
              core::has_code(rep.errors, core::codes::token_expired))
            f.errors = rep.errors;
        });
      break;
    case Screen::forgot:
      state_.forms["forgot"].done = false;  // the address stays; the form shows again
      break;
    case Screen::settings:
      fill_profile_form();
      load_common_passwords();
      break;
    case Screen::activate: {
      Form& f = state_.forms["activate"] = Form{};
      f.busy = true;
      await<api::Nothing>(api_.activate(r.token), [this](const api::Reply<api::Nothing>& rep) {
        Form& f = state_.forms["activate"];
        f.busy = false;
        f.done = rep.ok();
        f.errors = rep.errors;
      });
      break;
    }
    case Screen::confirm_email: {
      Form& f = state_.forms["confirm_email"] = Form{};
      f.busy = true;
      await<api::Nothing>(api_.confirm_email(r.token), [this](const api::Reply<api::Nothing>& rep) {
        Form& f = state_.forms["confirm_email"];
        f.busy = false;
        f.done = rep.ok();
        f.errors = rep.errors;
        if (rep.ok() && state_.session == Session::signed_in)
          await<core::api::User>(api_.me(), [this](const api::Reply<core::api::User>& me) {
            if (me.ok()) state_.user = me.value;
          });
      });
      break;
    }
    case Screen::unsubscribe: {
      Form& f = state_.forms["unsubscribe"] = Form{};
      f.busy = true;
      await<nlohmann::json>(api_.unsubscribe(r.token), [this](const api::Reply<nlohmann::json>& rep) {
        Form& f = state_.forms["unsubscribe"];
        f.busy = false;
        f.done = rep.ok();
        f.errors = rep.errors;
        if (rep.ok()) {
          f.text["number"] = rep.value.value("metering_point", "");
          f.text["channel"] = rep.value.value("channel", "");
        }
      });
      break;
    }
    case Screen::link_contract:
      if (!state_.forms.count("link")) state_.forms["link"].text["energy"] = "electricity";
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

void Store::signed_in(const core::api::User& u) {
  state_.session = Session::signed_in;
  state_.user = u;
  core::Locale l;
  if (core::parse_locale(u.profile.locale, l) && browser_.load_setting("locale").empty()) state_.locale = l;
}

void Store::signed_out() {
  state_.session = Session::signed_out;
  state_.user = {};
  state_.contracts.clear();
  state_.contracts_load = {};
  state_.readings.clear();
  state_.submit = {};
  for (const char* f : {"profile", "password", "email", "phone", "delete", "export", "link", "submit"})
    state_.forms.erase(f);
}

void Store::load_contracts() {
  if (state_.session != Session::signed_in || state_.contracts_load.loading) return;
  state_.contracts_load.loading = true;
  await<std::vector<core::api::Contract>>(api_.contracts(),
                                          [this](const api::Reply<std::vector<core::api::Contract>>& r) {
                                            state_.contracts_load.loading = false;
                                            if (r.ok()) {
                                              state_.contracts = r.value;
                                              state_.contracts_load.loaded = true;
                                              state_.contracts_load.errors.clear();
                                              const Screen here = state_.route.screen;  // "/submit", "/readings": the first
                                              if ((here == Screen::submit_reading || here == Screen::readings) &&
                                                  state_.route.id.empty() && !r.value.empty())
                                                go(Route{here, r.value[0].metering_point.id, ""}, false);
                                            } else {
                                              state_.contracts_load.errors = r.errors;
                                              if (r.status == 401) {
                                                signed_out();
                                                go(Route{Screen::login, "", ""}, false);
                                              }
                                            }
                                          });
}

void Store::load_readings(const std::string& mp) {
  ReadingsView& v = state_.readings[mp];
  if (v.load.loading) return;
  v.load.loading = true;
  await<std::vector<core::api::Reading>>(api_.readings(mp), [this, mp](const api::Reply<std::vector<core::api::Reading>>& r) {
    ReadingsView& v = state_.readings[mp];
    v.load.loading = false;
    if (r.ok()) {
      v.rows = r.value;
      v.load.loaded = true;
      v.load.errors.clear();
      if (state_.submit.metering_point_id == mp) reset_submit_form(mp);
    } else {
      v.load.errors = r.errors;
    }
  });
}

void Store::load_common_passwords() {
  if (common_requested_ || common_url_.empty()) return;
  common_requested_ = true;
  await<std::string>(api_.text_file(common_url_), [this](const api::Reply<std::string>& r) {
    if (!r.ok()) {
      common_requested_ = false;  // the server checks anyway; try again next time
      return;
    }
    common_.load(r.value);
    state_.common_passwords_loaded = !common_.empty();
    for (const char* f : {"register", "reset", "password"})
      if (state_.forms.count(f)) validate(f);
  });
}

void Store::fill_profile_form() {
  Form& f = state_.forms["profile"];
  if (f.busy) return;
  f = Form{};
  const auto& p = state_.user.profile;
  f.text = {{"name", p.name},       {"street", p.street}, {"city", p.city},     {"postal_code", p.postal_code},
            {"post", p.post},       {"country", p.country}, {"phone", core::format_phone(p.phone)}, {"gender", p.gender},
            {"locale", p.locale}};
  f.flags["notifications"] = p.notifications;
}

// [SECTION] Actions

bool Store::apply(std::vector<Action> actions) {
  if (actions.empty()) return false;
  for (const Action& a : actions) {
    switch (a.kind) {
      case Action::Kind::set_locale:
        if (state_.locale == a.locale) break;
        state_.locale = a.locale;
        browser_.save_setting("locale", core::locale_code(a.locale));
        browser_.set_language(core::locale_code(a.locale));
        if (state_.session == Session::signed_in) {  // mails in that language too
          core::api::ProfilePatch p;
          p.locale = core::locale_code(a.locale);
          await<core::api::User>(api_.update_profile(p), [this](const api::Reply<core::api::User>& r) {
            if (r.ok()) state_.user = r.value;
          });
        }
        break;
      case Action::Kind::navigate:
        // A message belongs to the screen it answered: going elsewhere clears it (the screens an
        // effect moves to, such as the login after a logout, keep theirs).
        if (a.route != state_.route) state_.banner.reset();
        go(a.route, true);
        break;
      case Action::Kind::edit:
        edit(a);
        break;
      case Action::Kind::toggle: {
        Form& f = state_.forms[a.form];
        f.flags[a.field] = a.flag;
        f.touched.insert(a.field);
        validate(a.form);
        break;
      }
      case Action::Kind::blur:
        state_.forms[a.form].touched.insert(a.field);
        break;
      case Action::Kind::submit:
        submit(a.form);
        break;
      case Action::Kind::ask:
        state_.confirm = Confirm{a.value, a.id};
        break;
      case Action::Kind::answer:
        answer(a.flag);
        break;
      case Action::Kind::retry:
        if (a.value == "contracts") load_contracts();
        if (a.value == "readings") load_readings(a.id);
        if (a.value == "rules" || a.value == "session") start(route_path(state_.route), common_url_);
        break;
      case Action::Kind::set_reminders:
        await<core::api::Contract>(
            api_.set_reminders(a.id, a.flag, a.number != 0), [this](const api::Reply<core::api::Contract>& r) {
              if (!r.ok()) {
                banner("error." + (r.errors.empty() ? std::string("server.error") : r.errors[0].code), 3,
                       r.errors.empty() ? nlohmann::json::object() : r.errors[0].params);
                return;
              }
              for (auto& c : state_.contracts)
                if (c.id == r.value.id) c = r.value;
              banner("banner.reminders_saved", 1);
            });
        break;
      case Action::Kind::export_readings:
        await<api::File>(api_.export_readings(a.id, a.value), [this](const api::Reply<api::File>& r) {
          if (!r.ok()) {
            banner("error." + r.errors[0].code, 3);
            return;
          }
          browser_.download(r.value.name, r.value.mime, r.value.bytes);
          banner("banner.exported", 1, {{"file", r.value.name}});
        });
        break;
      case Action::Kind::sort_readings: {
        ReadingsView& v = state_.readings[a.id];
        if (v.sort_column == a.number)
          v.sort_descending = !v.sort_descending;
        else {
          v.sort_column = a.number;
          v.sort_descending = a.number == 0;
        }
        break;
      }
      case Action::Kind::choose_meter:
        go(Route{Screen::submit_reading, a.id, ""}, true);
        break;
      case Action::Kind::keep_as_own_record:
        submit_reading(false, true);
        break;
      case Action::Kind::confirm_unusual:
        submit_reading(true, false);
        break;
      case Action::Kind::send_phone_code: {
        Form& f = state_.forms["phone"];
        f.busy = true;
        await<api::Nothing>(api_.send_phone_code(), [this](const api::Reply<api::Nothing>& r) {
          Form& f = state_.forms["phone"];
          f.busy = false;
          f.errors = r.errors;
          f.retry_after_s = r.retry_after_s;
          if (r.ok()) {
            f.flags["code_sent"] = true;
            banner("banner.code_sent", 1, {{"phone", core::format_phone(state_.user.profile.phone)}});
          }
        });
        break;
      }
      case Action::Kind::export_my_data: {
        Form& f = state_.forms["export"];
        if (f.busy) break;
        f.busy = true;
        f.done = false;
        await<api::File>(api_.export_my_data(), [this](const api::Reply<api::File>& r) {
          Form& f = state_.forms["export"];
          f.busy = false;
          f.done = r.ok();
          f.errors = r.errors;
          if (r.ok()) browser_.download(r.value.name, r.value.mime, r.value.bytes);
          else banner("error." + r.errors[0].code, 3);
        });
        break;
      }
      case Action::Kind::logout:
        if (state_.forms["logout"].busy) break;
        state_.forms["logout"].busy = true;
        await<api::Nothing>(api_.logout(a.flag), [this](const api::Reply<api::Nothing>&) {
          state_.forms["logout"].busy = false;
          signed_out();
          banner("banner.logged_out", 1);
          go(Route{Screen::login, "", ""}, true);
        });
        break;
      case Action::Kind::resend_activation:
        await<api::Nothing>(api_.forgot(a.value), [this](const api::Reply<api::Nothing>& r) {
          if (r.ok()) banner("banner.activation_sent", 1);
          else banner("error." + r.errors[0].code, 3, r.errors[0].params);
        });
        break;
      case Action::Kind::toggle_nav:
        state_.nav_open = !state_.nav_open;
        break;
      case Action::Kind::dismiss_banner:
        state_.banner.reset();
        break;
      case Action::Kind::open_contact:
        if (a.value.rfind("mailto:", 0) == 0 || a.value.rfind("tel:", 0) == 0) browser_.open_contact(a.value);
        break;
    }
  }
  return true;
}

void Store::edit(const Action& a) {
  Form& f = state_.forms[a.form];
  f.text[a.field] = a.value;
  f.touched.insert(a.field);
  f.done = false;
  if (a.form == "submit") {  // a new value is a new question: earlier warnings no longer apply
    state_.submit.conflicts.clear();
    state_.submit.outside.reset();
    state_.submit.idempotency_key.clear();
  }
  if (a.form == "link" && a.field == "energy") f.text["operator"].clear();  // the list depends on it
  validate(a.form);
}

void Store::validate(const std::string& name) {
  Form& f = state_.forms[name];
  core::Errors e;
  if (name == "register") {
    core::RegistrationFields r;
    r.email = f.get("email");
    r.password = f.get("password");
    r.password_repeat = f.get("password_repeat");
    r.profile = profile_of(f);
    r.profile.locale = core::locale_code(state_.locale);
    r.terms_accepted = f.flag("terms_accepted");
    e = core::check_registration(r, common_);
  } else if (name == "login") {
    if (f.get("email").empty()) e.push_back(core::make_error(codes::field_required, "email"));
    if (f.get("password").empty()) e.push_back(core::make_error(codes::field_required, "password"));
  } else if (name == "forgot") {
    std::string normalized;
    e = core::check_email(f.get("email"), normalized);
  } else if (name == "reset") {
    e = core::check_new_password(f.get("password"), f.get("password_repeat"), "", common_);
    // The server said the link is used or expired: nothing typed (nor the password list arriving
    // later, which validates again) changes that.
    for (const auto& x : f.errors)
      if (x.field == "token") e.push_back(x);
  } else if (name == "password") {
    if (f.get("current_password").empty()) e.push_back(core::make_error(codes::field_required, "current_password"));
    for (auto& x : core::check_new_password(f.get("password"), f.get("password_repeat"), state_.user.email, common_))
      e.push_back(x);
  } else if (name == "email") {
    std::string normalized;
    e = core::check_email(f.get("email"), normalized);
    if (f.get("current_password").empty()) e.push_back(core::make_error(codes::field_required, "current_password"));
  } else if (name == "profile") {
    core::ProfileFields p = profile_of(f);
    e = core::check_profile(p);
  } else if (name == "delete") {
    if (f.get("current_password").empty()) e.push_back(core::make_error(codes::field_required, "current_password"));
  } else if (name == "phone") {
    if (f.get("code").size() != 6) e.push_back(core::make_error(codes::token_invalid, "code"));
  } else if (name == "link") {
    core::CheckedContractLink checked;
    e = core::check_contract_link(f.get("metering_point"), f.get("contract_number"), f.get("energy"),
                                  f.get("operator"), operators_, checked);
  } else if (name == "submit") {
    const core::api::Contract* c = state_.contract_for(state_.submit.metering_point_id);
    if (c) {
      core::Submission s;
      s.date_text = f.get("date");
      s.type_text = f.get("type");
      s.values = nlohmann::json::object();
      for (const auto& reg : c->metering_point.registers) s.values[reg] = reading_value(f.get("values." + reg));
      s.meter_replaced = f.flag("meter_replaced");
      s.confirm_unusual = true;  // the server asks about unusual values; here only the hard rules
      core::SubmissionContext ctx;
      ctx.today = state_.rules.today;
      ctx.meter.energy = c->energy;
      for (const auto& reg : c->metering_point.registers) {
        core::Register r;
        if (core::parse_register(reg, r)) ctx.meter.registers.push_back(r);
      }
      ctx.meter.digits = c->metering_point.digits;
      if (const core::Operator* op = operators_.find(c->op.code)) ctx.window = op->window;
      auto it = state_.readings.find(c->metering_point.id);
      if (it != state_.readings.end())
        for (const auto& row : it->second.rows) ctx.history.push_back({row.date, row.reg, row.value, row.source, false});
      state_.submit.outside.reset();
      for (auto& x : core::check_submission(s, ctx).errors) {
        if (is_window_code(x.code))
          state_.submit.outside = x;  // not an error of a field: the way out is an own record
        else if (x.code != codes::request_malformed || !x.field.empty())
          e.push_back(x);
      }
      // A value that is not a number at all: say it like the API would, on that field.
      for (const auto& reg : c->metering_point.registers)
        if (reading_value(f.get("values." + reg)).is_string())
          e.push_back(core::make_error(codes::reading_not_integer, "values." + reg));
    }
  }
  // Server-only answers (wrong current password, not found...) stay until the next submit.
  core::Errors kept;
  for (const auto& x : f.errors)
    if (x.code == codes::password_current_wrong || x.code == codes::contract_not_found ||
        x.code == codes::auth_invalid_credentials || x.code == codes::auth_not_activated)
      kept.push_back(x);
  for (auto& x : e) kept.push_back(std::move(x));
  f.errors = std::move(kept);
}

void Store::answer(bool confirmed) {
  if (!state_.confirm) return;
  const Confirm c = *state_.confirm;
  state_.confirm.reset();
  if (!confirmed) return;
  if (c.kind == "unlink") {
    await<api::Nothing>(api_.unlink_contract(c.id), [this, id = c.id](const api::Reply<api::Nothing>& r) {
      if (!r.ok()) {
        banner("error." + r.errors[0].code, 3);
        return;
      }
      state_.contracts.erase(std::remove_if(state_.contracts.begin(), state_.contracts.end(),
                                            [&](const core::api::Contract& k) { return k.id == id; }),
                             state_.contracts.end());
      banner("banner.unlinked", 1);
    });
  } else if (c.kind == "delete_submission") {
    await<api::Nothing>(api_.delete_submission(c.id), [this](const api::Reply<api::Nothing>& r) {
      if (!r.ok()) {
        banner("error." + r.errors[0].code, 3);
      } else {
        banner("banner.deleted", 1);
      }
      if (state_.route.screen == Screen::readings) load_readings(state_.route.id);
      if (!state_.submit.metering_point_id.empty()) load_readings(state_.submit.metering_point_id);
    });
  } else if (c.kind == "delete_account") {
    Form& f = state_.forms["delete"];
    f.busy = true;
    await<api::Nothing>(api_.delete_account(f.get("current_password")), [this](const api::Reply<api::Nothing>& r) {
      Form& f = state_.forms["delete"];
      f.busy = false;
      f.submitted_once = true;
      f.errors = r.errors;
      if (!r.ok()) return;
      signed_out();
      banner("banner.account_deleted", 1);
      go(Route{Screen::login, "", ""}, true);
    });
  } else if (c.kind == "logout_all") {
    apply({Action{Action::Kind::logout, "", "", "", "", true}});
  }
}

// [SECTION] Submitting forms

void Store::submit(const std::string& name) {
  if (name == "submit") {
    submit_reading(false, false);
    return;
  }
  Form& f = state_.forms[name];
  if (f.busy) return;
  f.submitted_once = true;
  f.errors.clear();
  validate(name);
  // Rules that only the server can check may still fail; everything core knows fails here.
  if (!f.errors.empty() && name != "delete") return;
  f.busy = true;
  f.done = false;
  auto finish = [this, name](const auto& r) -> Form& {
    Form& f = state_.forms[name];
    f.busy = false;
    f.errors = r.errors;
    f.retry_after_s = r.retry_after_s;
    f.done = r.ok();
    return f;
  };
  if (name == "login") {
    core::api::LoginRequest req{f.get("email"), f.get("password"), f.flag("remember")};
    await<core::api::User>(api_.login(req), [this, finish](const api::Reply<core::api::User>& r) {
      Form& f = finish(r);
      if (!r.ok()) return;
      f.text["password"].clear();
      signed_in(r.value);
      const Route next = state_.after_login.screen == Screen::home ? Route{} : state_.after_login;
      state_.after_login = Route{};
      go(next, true);
    });
  } else if (name == "register") {
    core::api::RegisterRequest req;
    req.fields.email = f.get("email");
    req.fields.password = f.get("password");
    req.fields.password_repeat = f.get("password_repeat");
    req.fields.profile = profile_of(f);
    req.fields.profile.locale = core::locale_code(state_.locale);
    req.fields.terms_accepted = f.flag("terms_accepted");
    await<api::Nothing>(api_.register_account(req), [finish](const api::Reply<api::Nothing>& r) {
      Form& f = finish(r);
      if (r.ok()) f.text["password"].clear(), f.text["password_repeat"].clear();
    });
  } else if (name == "forgot") {
    await<api::Nothing>(api_.forgot(f.get("email")), [finish](const api::Reply<api::Nothing>& r) { finish(r); });
  } else if (name == "reset") {
    core::api::ResetRequest req{state_.route.token, f.get("password"), f.get("password_repeat")};
    await<api::Nothing>(api_.reset(req), [finish](const api::Reply<api::Nothing>& r) {
      Form& f = finish(r);
      if (r.ok()) f.text.clear();
    });
  } else if (name == "profile") {
    core::api::ProfilePatch p;
    const core::ProfileFields v = profile_of(f);
    p.name = v.name;
    p.street = v.street;
    p.city = v.city;
    p.postal_code = v.postal_code;
    p.post = v.post;
    p.country = v.country;
    p.phone = v.phone;
    p.gender = v.gender;
    p.notifications = v.notifications;
    await<core::api::User>(api_.update_profile(p), [this, finish](const api::Reply<core::api::User>& r) {
      finish(r);
      if (!r.ok()) return;
      state_.user = r.value;
      fill_profile_form();
      state_.forms["profile"].done = true;  // the settings card says so in place
      banner("banner.saved", 1);
    });
  } else if (name == "password") {
    core::api::PasswordChangeRequest req{f.get("current_password"), f.get("password"), f.get("password_repeat")};
    await<api::Nothing>(api_.change_password(req), [this, finish](const api::Reply<api::Nothing>& r) {
      Form& f = finish(r);
      if (!r.ok()) return;
      f.text.clear();
      f.touched.clear();
      f.submitted_once = false;
      banner("banner.password_changed", 1);
    });
  } else if (name == "email") {
    core::api::EmailChangeRequest req{f.get("email"), f.get("current_password")};
    await<api::Nothing>(api_.change_email(req), [this, finish](const api::Reply<api::Nothing>& r) {
      Form& f = finish(r);
      if (!r.ok()) return;
      banner("banner.email_change_sent", 1, {{"email", f.get("email")}});
      f.text["current_password"].clear();
    });
  } else if (name == "phone") {
    await<core::api::User>(api_.confirm_phone(f.get("code")), [this, finish](const api::Reply<core::api::User>& r) {
      Form& f = finish(r);
      if (!r.ok()) return;
      state_.user = r.value;
      f.text.clear();
      f.flags.clear();
      banner("banner.phone_confirmed", 1);
    });
  } else if (name == "delete") {
    f.busy = false;
    if (f.get("current_password").empty()) return;
    state_.confirm = Confirm{"delete_account", ""};
  } else if (name == "link") {
    core::api::LinkContractRequest req{f.get("metering_point"), f.get("contract_number"), f.get("energy"),
                                       f.get("operator")};
    await<core::api::Contract>(api_.link_contract(req), [this, finish](const api::Reply<core::api::Contract>& r) {
      Form& f = finish(r);
      if (!r.ok()) return;
      state_.contracts.push_back(r.value);
      banner("banner.linked", 1, {{"number", r.value.metering_point.number}});
      // The next contract can be linked straight away (energy and operator stay chosen).
      f.text["metering_point"].clear();
      f.text["contract_number"].clear();
      f.touched.clear();
      f.submitted_once = false;
      f.text["last_linked"] = r.value.metering_point.number;
    });
  } else {
    f.busy = false;
  }
}

void Store::reset_submit_form(const std::string& mp) {
  const bool same = state_.submit.metering_point_id == mp;
  state_.submit.metering_point_id = mp;
  Form& f = state_.forms["submit"];
  if (!same) {
    f = Form{};
    state_.submit.conflicts.clear();
    state_.submit.outside.reset();
    state_.submit.result.reset();
    state_.submit.idempotency_key.clear();
  }
  if (f.get("date").empty() && state_.rules_load.loaded) f.text["date"] = core::format_date(state_.rules.today);
  if (f.get("type").empty()) f.text["type"] = "submission";
}

void Store::submit_reading(bool confirm_unusual, bool as_own_record) {
  Form& f = state_.forms["submit"];
  const std::string mp = state_.submit.metering_point_id;
  const core::api::Contract* c = state_.contract_for(mp);
  if (f.busy || !c) return;
  if (as_own_record) f.text["type"] = "own_record";
  f.submitted_once = true;
  validate("submit");
  // Outside the window the server would refuse: the screen already offers the own record.
  if (!f.errors.empty() || state_.submit.outside) return;
  core::api::SubmitReadingRequest req;
  req.submission.date_text = f.get("date");
  req.submission.type_text = f.get("type");
  req.submission.values = nlohmann::json::object();
  for (const auto& reg : c->metering_point.registers) req.submission.values[reg] = reading_value(f.get("values." + reg));
  req.submission.confirm_unusual = confirm_unusual;
  req.submission.meter_replaced = f.flag("meter_replaced");
  // The same key while the same submission is retried (a lost answer): the server keeps one.
  if (state_.submit.idempotency_key.empty()) state_.submit.idempotency_key = browser_.random_id();
  f.busy = true;
  await<core::api::SubmissionResult>(
      api_.submit_reading(mp, req, state_.submit.idempotency_key),
      [this, mp, as_own_record](const api::Reply<core::api::SubmissionResult>& r) {
        Form& f = state_.forms["submit"];
        f.busy = false;
        f.retry_after_s = r.retry_after_s;
        state_.submit.conflicts.clear();
        state_.submit.outside.reset();
        if (r.kind == api::Reply<core::api::SubmissionResult>::Kind::network) {
          f.errors = r.errors;  // keep the key: a retry must not submit twice
          return;
        }
        state_.submit.idempotency_key.clear();
        if (r.ok()) {
          f.errors.clear();
          f.done = true;
          state_.submit.result = r.value;
          banner(as_own_record ? "banner.kept_as_own_record" : "banner.submitted", 1);
          for (const char* reg : {"values.ET", "values.VT", "values.MT", "values.M3"}) f.text.erase(reg);
          f.text["type"] = "submission";
          f.touched.clear();
          f.submitted_once = false;
          load_readings(mp);
          return;
        }
        if (r.status == 409 && !r.errors.empty() && r.errors[0].code != codes::reading_duplicate) {
          state_.submit.conflicts = r.errors;  // unusual / tariff mix-up: ask, then confirm
          f.errors.clear();
          return;
        }
        f.errors.clear();
        for (const auto& e : r.errors) {
          if (is_window_code(e.code))
            state_.submit.outside = e;  // offer "keep as own record" in one tap
          else
            f.errors.push_back(e);
        }
      });
}

}  // namespace client
