// What a screen asks for. Screens call these while drawing; the Store applies them after the
// frame (so a frame draws one consistent state). Every customer action of the portal is here.
#pragma once

#include <string>
#include <vector>

#include "client/state/routes.h"
#include "core/i18n.h"

namespace client {

struct Action {
  enum class Kind {
    set_locale,          // locale
    navigate,            // route
    edit,                // form, field, value
    toggle,              // form, field, flag
    blur,                // form, field: the customer left the field (show its error)
    submit,              // form
    ask,                 // open a confirmation: value = kind, id
    answer,              // flag = confirmed
    retry,               // value = what: "rules", "contracts", "readings" (id)
    set_reminders,       // id = metering point, flag = email, number = sms (0/1)
    export_readings,     // id = metering point, value = "xlsx" | "csv"
    sort_readings,       // id = metering point, number = column
    choose_meter,        // id = metering point (submission screen)
    keep_as_own_record,  // resubmit the refused submission as an own record
    confirm_unusual,     // resubmit confirming the unusual value
    send_phone_code,
    export_my_data,
    logout,              // flag = everywhere
    resend_activation,   // value = e-mail
    toggle_nav,
    dismiss_banner,
    open_contact,        // value = "mailto:..." | "tel:..."
    open_link,           // value = an http(s) address: a new browser tab
    filter_invoices,     // id = metering point ("" = all)
    download_invoice,    // id = invoice
    news_page,           // number = page (1-based)
    copy_text,           // value = a number to put on the clipboard
    // Kiosk (state/kiosk.h)
    kiosk_continue,      // the countdown's "continue"
    kiosk_keyboard,      // flag = shift, number = symbols (0/1): the on-screen keyboard's page
  };
  Kind kind;
  std::string form, field, value, id;
  bool flag = false;
  int number = 0;
  core::Locale locale = core::Locale::sl;
  Route route;
};

class Actions {
 public:
  void set_locale(core::Locale l) { push({Action::Kind::set_locale}).locale = l; }
  void navigate(Route r) { push({Action::Kind::navigate}).route = std::move(r); }
  void navigate(Screen s, std::string id = {}) { navigate(Route{s, std::move(id), {}}); }
  void edit(std::string form, std::string field, std::string value) {
    auto& a = push({Action::Kind::edit});
    a.form = std::move(form);
    a.field = std::move(field);
    a.value = std::move(value);
  }
  void toggle(std::string form, std::string field, bool on) {
    auto& a = push({Action::Kind::toggle});
    a.form = std::move(form);
    a.field = std::move(field);
    a.flag = on;
  }
  void blur(std::string form, std::string field) {
    auto& a = push({Action::Kind::blur});
    a.form = std::move(form);
    a.field = std::move(field);
  }
  void submit(std::string form) { push({Action::Kind::submit}).form = std::move(form); }
  void ask(std::string kind, std::string id = {}) {
    auto& a = push({Action::Kind::ask});
    a.value = std::move(kind);
    a.id = std::move(id);
  }
  void answer(bool confirmed) { push({Action::Kind::answer}).flag = confirmed; }
  void retry(std::string what, std::string id = {}) {
    auto& a = push({Action::Kind::retry});
    a.value = std::move(what);
    a.id = std::move(id);
  }
  void set_reminders(std::string mp, bool email, bool sms) {
    auto& a = push({Action::Kind::set_reminders});
    a.id = std::move(mp);
    a.flag = email;
    a.number = sms ? 1 : 0;
  }
  void export_readings(std::string mp, std::string format) {
    auto& a = push({Action::Kind::export_readings});
    a.id = std::move(mp);
    a.value = std::move(format);
  }
  void sort_readings(std::string mp, int column) {
    auto& a = push({Action::Kind::sort_readings});
    a.id = std::move(mp);
    a.number = column;
  }
  void choose_meter(std::string mp) { push({Action::Kind::choose_meter}).id = std::move(mp); }
  void keep_as_own_record() { push({Action::Kind::keep_as_own_record}); }
  void confirm_unusual() { push({Action::Kind::confirm_unusual}); }
  void send_phone_code() { push({Action::Kind::send_phone_code}); }
  void export_my_data() { push({Action::Kind::export_my_data}); }
  void logout(bool everywhere) { push({Action::Kind::logout}).flag = everywhere; }
  void resend_activation(std::string email) { push({Action::Kind::resend_activation}).value = std::move(email); }
  void toggle_nav() { push({Action::Kind::toggle_nav}); }
  void dismiss_banner() { push({Action::Kind::dismiss_banner}); }
  void open_contact(std::string url) { push({Action::Kind::open_contact}).value = std::move(url); }
  void open_link(std::string url) { push({Action::Kind::open_link}).value = std::move(url); }
  void filter_invoices(std::string mp) { push({Action::Kind::filter_invoices}).id = std::move(mp); }
  void download_invoice(std::string id) { push({Action::Kind::download_invoice}).id = std::move(id); }
  void news_page(int page) { push({Action::Kind::news_page}).number = page; }
  void copy_text(std::string text) { push({Action::Kind::copy_text}).value = std::move(text); }
  // Kiosk
  void kiosk_continue() { push({Action::Kind::kiosk_continue}); }
  void kiosk_keyboard(bool shift, bool symbols) {
    auto& a = push({Action::Kind::kiosk_keyboard});
    a.flag = shift;
    a.number = symbols ? 1 : 0;
  }

  std::vector<Action> take() { return std::move(queue_); }
  bool empty() const { return queue_.empty(); }

 private:
  Action& push(Action a) {
    queue_.push_back(std::move(a));
    return queue_.back();
  }
  std::vector<Action> queue_;
};

}  // namespace client
