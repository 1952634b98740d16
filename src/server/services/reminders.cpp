#include "server/services/reminders.h"

#include "server/services/secrets.h"
#include "server/storage/account_store.h"
#include "server/storage/message_store.h"
#include "server/storage/registry_store.h"
#include "server/storage/reminder_store.h"

namespace server::services {

namespace {

std::string date_for(const core::Date& d, const std::string& locale) {
  if (locale != "en") return core::format_date_sl(d);
  static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                 "July",    "August",   "September", "October", "November", "December"};
  return std::to_string(d.day) + " " + months[d.month - 1] + " " + std::to_string(d.year);
}

}  // namespace

int ReminderService::run_once() {
  const int64_t now = clock_.now();
  const int hour = core::ljubljana_hour(now);
  if (hour < kFirstHour || hour >= kLastHour) return 0;  // nobody is woken by a reminder
  const core::Date today = clock_.today();
  auto links = db_.read(
      [&](storage::Connection& c) { return storage::links::with_reminders(c, core::format_date(today)); });
  int queued = 0;
  for (const auto& link : links) {
    const core::Operator* op = operators_.find(link.metering_point.operator_code);
    if (!op) continue;
    const core::WindowStatus w = core::window_status(op->window, today);
    if (!w.open_now || !w.span) continue;
    const core::Date closing_day = w.span->closes_on.plus_days(-2);
    // "Two days before it closes", when that is after the opening day; else the first suffices.
    const bool closing = closing_day > w.span->opens_on && today >= closing_day;
    const std::string kind = closing ? "closing" : "open";
    const std::string opens_on = core::format_date(w.span->opens_on);
    queued += db_.write([&](storage::Connection& c) {
      if (storage::reminders::submission_between(c, link.metering_point.id, core::ljubljana_midnight(w.span->opens_on),
                                                 core::ljubljana_midnight(w.span->closes_on.plus_days(1))))
        return 0;  // a reading came in for this window
      auto account = storage::accounts::by_id(c, link.account_id);
      if (!account) return 0;
      const std::string& locale = account->profile.locale;
      const std::string base = composer_.public_url();
      nlohmann::json params = {{"number", link.metering_point.number},
                               {"street", link.metering_point.street},
                               {"city", link.metering_point.city},
                               {"closes_on", date_for(w.span->closes_on, locale)},
                               {"link", base + "/submit/" + std::to_string(link.metering_point.id)}};
      int n = 0;
      auto send = [&](const std::string& channel) {
        if (!storage::reminders::claim(c, link.account_id, link.metering_point.id, opens_on, channel, kind, now))
          return;
        const std::string token = new_token();
        storage::reminders::add_unsubscribe_token(c, token_hash(token), link.link_id, channel, now);
        params["unsubscribe_link"] = base + "/unsubscribe?token=" + token;
        const std::string one_click = base + "/api/v1/reminders/unsubscribe?token=" + token;
        if (channel == "email") {
          storage::messages::enqueue(
              c,
              composer_.email("reminder_" + kind, locale, account->email, params,
                              {{"List-Unsubscribe", "<" + one_click + ">"},
                               {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}}),
              now);
        } else {
          storage::messages::enqueue(c, composer_.sms("reminder_" + kind, locale, account->profile.phone, params), now);
        }
        ++n;
      };
      if (link.reminder_email) send("email");
      if (link.reminder_sms && account->phone_confirmed && !account->profile.phone.empty()) send("sms");
      return n;
    });
  }
  if (queued && notify_) notify_();
  return queued;
}

Result<nlohmann::json> ReminderService::unsubscribe(const std::string& token) {
  Result<nlohmann::json> r;
  if (token.empty() || token.size() > 100) {
    r.outcome = Outcome::fail(Status::invalid, core::codes::token_invalid, "token");
    return r;
  }
  auto target = db_.write([&](storage::Connection& c) {
    auto t = storage::reminders::unsubscribe_target(c, token_hash(token));
    if (t) storage::reminders::switch_off(c, t->link_id, t->channel);
    return t;
  });
  if (!target) {
    r.outcome = Outcome::fail(Status::invalid, core::codes::token_invalid, "token");
    return r;
  }
  r.value = {{"status", "unsubscribed"}, {"metering_point", target->metering_point_number},
             {"channel", target->channel}};
  return r;
}

}  // namespace server::services
