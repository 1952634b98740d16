#include "client/state/accounts.h"

#include "client/state/offline.h"
#include "client/state/store.h"
#include "core/api_types.h"

namespace client {

namespace codes = core::codes;

namespace {

core::ProfileFields profile_of(const Form& f) {
  core::ProfileFields p;
  for (const auto& field : core::api::profile_text_fields()) p.*field.value = f.get(field.name);
  if (p.country.empty()) p.country = "SI";
  if (p.locale.empty()) p.locale = "sl";
  p.notifications = f.flag("notifications");
  return p;
}

void require(const Form& f, const char* field, core::Errors& e) {
  if (f.get(field).empty()) e.push_back(core::make_error(codes::field_required, field));
}

}  // namespace

// [SECTION] Screens

void Accounts::enter(const Route& r) {
  switch (r.screen) {
    case Screen::register_:
      if (form("register").done) form("register") = Form{};  // a finished one starts afresh
      load_common_passwords();
      break;
    case Screen::reset:
      form("reset") = Form{};  // each reset link starts with an empty form
      load_common_passwords();
      // A used or expired link says so at once, not after the new password was typed twice.
      if (!r.token.empty())
        await<api::Nothing>(api().check_reset(r.token), [this, token = r.token](const api::Reply<api::Nothing>& rep) {
          Form& f = form("reset");
          // The customer was quicker (the reset's own answer counts) or is on another link now.
          if (f.busy || f.done || state().route.screen != Screen::reset || state().route.token != token) return;
          if (core::has_code(rep.errors, codes::token_invalid) || core::has_code(rep.errors, codes::token_expired))
            f.answer = rep.errors;
        });
      break;
    case Screen::forgot:
      form("forgot").done = false;  // the address stays; the form shows again
      break;
    case Screen::settings:
      fill_profile_form();
      load_common_passwords();
      break;
    case Screen::activate: {
      form("activate") = Form{};
      form("activate").busy = true;
      await<api::Nothing>(api().activate(r.token),
                          [this](const api::Reply<api::Nothing>& rep) { finish("activate", rep); });
      break;
    }
    case Screen::confirm_email: {
      form("confirm_email") = Form{};
      form("confirm_email").busy = true;
      await<api::Nothing>(api().confirm_email(r.token), [this](const api::Reply<api::Nothing>& rep) {
        finish("confirm_email", rep);
        if (rep.ok() && state().session == Session::signed_in)
          await<core::api::User>(api().me(), [this](const api::Reply<core::api::User>& me) {
            if (me.ok()) state().user = me.value;
          });
      });
      break;
    }
    default:
      break;
  }
}

void Accounts::signed_out() {
  for (const char* f : {"profile", "password", "email", "phone", "delete", "export"}) state().forms.erase(f);
}

void Accounts::load_common_passwords() {
  if (common_requested_ || common_url_.empty()) return;
  common_requested_ = true;
  await_always<std::string>(api().text_file(common_url_), [this](const api::Reply<std::string>& r) {
    if (!r.ok()) {
      common_requested_ = false;  // the server checks anyway; try again next time
      return;
    }
    common_.load(r.value);
    state().common_passwords_loaded = !common_.empty();
    for (const char* f : {"register", "reset", "password"})
      if (state().forms.count(f)) form(f).checks = check(f);
  });
}

void Accounts::fill_profile_form() {
  Form& f = form("profile");
  if (f.busy) return;
  f = Form{};
  const auto& p = state().user.profile;
  for (const auto& field : core::api::profile_text_fields()) f.text[field.name] = p.*field.value;
  f.text["phone"] = core::format_phone(p.phone);
  f.flags["notifications"] = p.notifications;
}

// [SECTION] Rules as the customer types

core::Errors Accounts::check(const std::string& name) {
  const Form& f = form(name);
  core::Errors e;
  if (name == "register") {
    core::RegistrationFields r;
    r.email = f.get("email");
    r.password = f.get("password");
    r.password_repeat = f.get("password_repeat");
    r.profile = profile_of(f);
    r.profile.locale = core::locale_code(state().locale);
    r.terms_accepted = f.flag("terms_accepted");
    e = core::check_registration(r, common_);
  } else if (name == "login") {
    require(f, "email", e);
    require(f, "password", e);
  } else if (name == "forgot") {
    std::string normalized;
    e = core::check_email(f.get("email"), normalized);
  } else if (name == "reset") {
    e = core::check_new_password(f.get("password"), f.get("password_repeat"), "", common_);
  } else if (name == "password") {
    require(f, "current_password", e);
    for (auto& x : core::check_new_password(f.get("password"), f.get("password_repeat"), state().user.email, common_))
      e.push_back(x);
  } else if (name == "email") {
    std::string normalized;
    e = core::check_email(f.get("email"), normalized);
    require(f, "current_password", e);
  } else if (name == "profile") {
    core::ProfileFields p = profile_of(f);
    e = core::check_profile(p);
  } else if (name == "delete") {
    require(f, "current_password", e);
  } else if (name == "phone") {
    if (f.get("code").size() != 6) e.push_back(core::make_error(codes::token_invalid, "code"));
  }
  return e;
}

// [SECTION] Sending

void Accounts::send(const std::string& name) {
  Form& f = form(name);
  if (name == "login") {
    core::api::LoginRequest req{f.get("email"), f.get("password"), f.flag("remember")};
    await<core::api::User>(api().login(req), [this](const api::Reply<core::api::User>& r) {
      Form& f = finish("login", r);
      if (!r.ok()) return;
      f.text["password"].clear();
      ctx_.store.signed_in(r.value);
      const Route next = state().after_login.screen == Screen::home ? Route{} : state().after_login;
      state().after_login = Route{};
      go(next, true);
    });
  } else if (name == "register") {
    core::api::RegisterRequest req;
    req.fields.email = f.get("email");
    req.fields.password = f.get("password");
    req.fields.password_repeat = f.get("password_repeat");
    req.fields.profile = profile_of(f);
    req.fields.profile.locale = core::locale_code(state().locale);
    req.fields.terms_accepted = f.flag("terms_accepted");
    await<api::Nothing>(api().register_account(req), [this](const api::Reply<api::Nothing>& r) {
      Form& f = finish("register", r);
      if (r.ok()) f.text["password"].clear(), f.text["password_repeat"].clear();
    });
  } else if (name == "forgot") {
    await<api::Nothing>(api().forgot(f.get("email")), [this](const api::Reply<api::Nothing>& r) { finish("forgot", r); });
  } else if (name == "reset") {
    core::api::ResetRequest req{state().route.token, f.get("password"), f.get("password_repeat")};
    await<api::Nothing>(api().reset(req), [this](const api::Reply<api::Nothing>& r) {
      Form& f = finish("reset", r);
      if (r.ok()) f.text.clear();
    });
  } else if (name == "profile") {
    core::api::ProfilePatch p;
    const core::ProfileFields v = profile_of(f);
    for (const auto& field : core::api::profile_text_fields())
      if (field.on_profile_form) p.*field.patch = v.*field.value;
    p.notifications = v.notifications;
    await<core::api::User>(api().update_profile(p), [this](const api::Reply<core::api::User>& r) {
      finish("profile", r);
      if (!r.ok()) return;
      state().user = r.value;
      fill_profile_form();
      form("profile").done = true;  // the settings card says so in place
      banner("banner.saved", 1);
    });
  } else if (name == "password") {
    core::api::PasswordChangeRequest req{f.get("current_password"), f.get("password"), f.get("password_repeat")};
    await<api::Nothing>(api().change_password(req), [this](const api::Reply<api::Nothing>& r) {
      Form& f = finish("password", r);
      if (!r.ok()) return;
      f.text.clear();
      f.touched.clear();
      f.submitted_once = false;
      banner("banner.password_changed", 1);
    });
  } else if (name == "email") {
    core::api::EmailChangeRequest req{f.get("email"), f.get("current_password")};
    await<api::Nothing>(api().change_email(req), [this](const api::Reply<api::Nothing>& r) {
      Form& f = finish("email", r);
      if (!r.ok()) return;
      banner("banner.email_change_sent", 1, {{"email", f.get("email")}});
      f.text["current_password"].clear();
    });
  } else if (name == "phone") {
    await<core::api::User>(api().confirm_phone(f.get("code")), [this](const api::Reply<core::api::User>& r) {
      Form& f = finish("phone", r);
      if (!r.ok()) return;
      state().user = r.value;
      f.text.clear();
      f.flags.clear();
      banner("banner.phone_confirmed", 1);
    });
  } else if (name == "delete") {
    f.busy = false;  // the password goes with the confirmation
    state().confirm = Confirm{"delete_account", ""};
  } else {
    f.busy = false;
  }
}

// [SECTION] Actions

bool Accounts::apply(const Action& a) {
  switch (a.kind) {
    case Action::Kind::set_locale:
      if (state().session == Session::signed_in) {  // mails in that language too
        core::api::ProfilePatch p;
        p.locale = core::locale_code(a.locale);
        await<core::api::User>(api().update_profile(p), [this](const api::Reply<core::api::User>& r) {
          if (r.ok()) state().user = r.value;
        });
      }
      return false;  // the Store changed the language itself
    case Action::Kind::send_phone_code: {
      form("phone").busy = true;
      await<api::Nothing>(api().send_phone_code(), [this](const api::Reply<api::Nothing>& r) {
        Form& f = form("phone");
        f.busy = false;
        f.answer = r.errors;
        f.retry_after_s = r.retry_after_s;
        if (r.ok()) {
          f.flags["code_sent"] = true;
          banner("banner.code_sent", 1, {{"phone", core::format_phone(state().user.profile.phone)}});
        }
      });
      return true;
    }
    case Action::Kind::export_my_data: {
      Form& f = form("export");
      if (f.busy) return true;
      f.busy = true;
      f.done = false;
      await<api::File>(api().export_my_data(), [this](const api::Reply<api::File>& r) {
        finish("export", r);
        if (r.ok())
          browser().download(r.value.name, r.value.mime, r.value.bytes);
        else
          error_banner(r.errors);
      });
      return true;
    }
    case Action::Kind::logout:
      logout(a.flag);
      return true;
    case Action::Kind::resend_activation:
      await<api::Nothing>(api().forgot(a.value), [this](const api::Reply<api::Nothing>& r) {
        if (r.ok())
          banner("banner.activation_sent", 1);
        else
          error_banner(r.errors);
      });
      return true;
    default:
      return false;
  }
}

void Accounts::logout(bool everywhere) {
  if (form("logout").busy) return;
  form("logout").busy = true;
  await<api::Nothing>(api().logout(everywhere), [this](const api::Reply<api::Nothing>& r) {
    form("logout").busy = false;
    if (r.status == 0) ctx_.store.offline().owe_logout();  // [offline] the server hears it at the next start
    ctx_.store.signed_out();
    banner("banner.logged_out", 1);
    go(Route{Screen::login, "", ""}, true);
  });
}

bool Accounts::confirmed(const std::string& kind, const std::string&) {
  if (kind == "logout_all") {
    logout(true);
    return true;
  }
  if (kind != "delete_account") return false;
  Form& f = form("delete");
  f.busy = true;
  await<api::Nothing>(api().delete_account(f.get("current_password")), [this](const api::Reply<api::Nothing>& r) {
    Form& f = finish("delete", r);
    f.submitted_once = true;
    if (!r.ok()) return;
    ctx_.store.signed_out();
    banner("banner.account_deleted", 1);
    go(Route{Screen::login, "", ""}, true);
  });
  return true;
}

}  // namespace client
