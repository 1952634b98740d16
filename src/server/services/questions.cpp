#include "server/services/questions.h"

#include <cstdio>

#include "core/account_rules.h"
#include "core/calendar.h"
#include "server/storage/account_store.h"
#include "server/storage/message_store.h"

namespace server::services {

namespace codes = core::codes;
using storage::Connection;

namespace {

// "30. 11. 2026 ob 10.05": when a question came in, for the supplier's staff.
std::string received_at_sl(int64_t t) {
  const int64_t local = t + core::utc_offset_seconds_ljubljana(t);
  const int64_t seconds_of_day = ((local % 86400) + 86400) % 86400;
  char time[16];
  std::snprintf(time, sizeof time, "%02d.%02d", static_cast<int>(seconds_of_day / 3600),
                static_cast<int>(seconds_of_day % 3600 / 60));
  return core::format_date_sl(core::ljubljana_date(t)) + " ob " + time;
}

// "3345341, Šmartinska cesta 5, 1000 Ljubljana"
std::string metering_point_line(const storage::MeteringPointRecord& mp) {
  std::string line = mp.number;
  if (!mp.street.empty()) line += ", " + mp.street;
  if (!mp.postal_code.empty() || !mp.city.empty()) line += ", " + mp.postal_code + " " + mp.city;
  return line;
}

// The customer's words could render as links or markup in an HTML part: these mails are text only.
storage::QueuedMessage text_only(storage::QueuedMessage m) {
  m.body_html.clear();
  return m;
}

}  // namespace

QuestionService::QuestionService(storage::Database& db, const ContractService& contracts, Throttles& throttles,
                                 const AbuseLimits& limits, const mail::Composer& composer, const Clock& clock,
                                 std::string support_email, Notify notify)
    : db_(db),
      contracts_(contracts),
      throttles_(throttles),
      limits_(limits),
      composer_(composer),
      clock_(clock),
      support_email_(std::move(support_email)),
      notify_(std::move(notify)) {}

core::api::Question QuestionService::view(const storage::QuestionRecord& q) {
  core::api::Question v;
  v.id = std::to_string(q.id);
  v.topic = q.topic;
  if (q.metering_point_id) v.metering_point_id = std::to_string(*q.metering_point_id);
  v.message = q.message;
  v.status = q.status;
  v.created_at = core::format_instant_ljubljana(q.created_at);
  v.answer = q.answer;
  if (q.answered_at) v.answered_at = core::format_instant_ljubljana(*q.answered_at);
  return v;
}

Result<core::api::Question> QuestionService::ask(int64_t account_id, const core::api::QuestionRequest& req) {
  Result<core::api::Question> r;
  core::Errors errors = core::check_question(req);
  if (!errors.empty()) {
    r.outcome = Outcome::fail(Status::invalid, errors);
    return r;
  }
  storage::QuestionRecord q;
  q.account_id = account_id;
  q.topic = req.topic;
  q.message = core::question_text(req.message);
  q.created_at = clock_.now();
  enum class Asked { no_account, not_found, throttled, stored };
  int wait = 0;
  const Asked asked = db_.write([&](Connection& c) {
    auto account = storage::accounts::by_id(c, account_id);
    if (!account) return Asked::no_account;
    std::optional<storage::MeteringPointRecord> mp;
    q.metering_point_id.reset();
    if (req.metering_point_id) {
      auto link = contracts_.authorize(c, account_id, *req.metering_point_id);
      if (!link) return Asked::not_found;
      mp = link->metering_point;
      q.metering_point_id = mp->id;
    }
    if (auto w = throttles_.take(c, "questions:" + std::to_string(account_id), limits_.questions_per_account)) {
      wait = *w;
      return Asked::throttled;
    }
    q.id = storage::questions::insert(c, q);
    const std::string id = std::to_string(q.id);
    const std::string& locale = account->profile.locale;
    if (!support_email_.empty()) {
      // Reply-To only for an address core accepts as it is: nothing else of the customer's reaches a header.
      std::string checked;
      std::vector<std::pair<std::string, std::string>> headers;
      if (core::check_email(account->email, checked).empty() && checked == account->email)
        headers.emplace_back("Reply-To", checked);
      nlohmann::json params = {
          {"question_id", id},
          {"topic_label", composer_.text("sl", "question_topic." + q.topic)},
          {"created_at", received_at_sl(q.created_at)},
          {"customer_name", account->profile.name},
          {"customer_email", account->email},
          {"customer_phone", account->profile.phone.empty() ? composer_.text("sl", "question_support.no_phone")
                                                            : core::format_phone(account->profile.phone)},
          {"metering_point",
           mp ? metering_point_line(*mp) : composer_.text("sl", "question_support.no_metering_point")},
          {"message", q.message}};
      storage::messages::enqueue(c, text_only(composer_.notice("question_support", support_email_, params, headers)),
                                 q.created_at);
    }
    nlohmann::json params = {{"question_id", id},
                             {"topic_label", composer_.text(locale, "question_topic." + q.topic)},
                             {"questions_link", composer_.public_url() + "/question"},
                             {"message", q.message}};
    storage::messages::enqueue(c, text_only(composer_.email("question_received", locale, account->email, params)),
                               q.created_at);
    return Asked::stored;
  });
  switch (asked) {
    case Asked::no_account: r.outcome = Outcome::fail(Status::unauthorized, codes::auth_required); break;
    case Asked::not_found:
      r.outcome = Outcome::fail(Status::not_found, codes::not_found, "metering_point_id");
      break;
    case Asked::throttled: r.outcome = Outcome::throttle(codes::request_too_many, wait); break;
    case Asked::stored:
      if (notify_) notify_();
      r.outcome = Outcome::with(Status::created);
      r.value = view(q);
      break;
  }
  return r;
}

Result<std::vector<core::api::Question>> QuestionService::list(int64_t account_id) {
  Result<std::vector<core::api::Question>> r;
  auto stored = db_.read([&](Connection& c) { return storage::questions::for_account(c, account_id); });
  for (const auto& q : stored) r.value.push_back(view(q));
  return r;
}

Result<core::api::Question> QuestionService::answer(const std::string& question_id, const std::string& text) {
  Result<core::api::Question> r;
  const auto id = parse_id(question_id);
  if (!id) {
    r.outcome = Outcome::fail(Status::not_found, codes::not_found);
    return r;
  }
  core::Errors errors = core::check_question_answer(text);
  if (!errors.empty()) {
    r.outcome = Outcome::fail(Status::invalid, errors);
    return r;
  }
  const std::string answer = core::question_text(text);
  const int64_t now = clock_.now();
  enum class Answered { not_found, already, stored };
  storage::QuestionRecord q;
  const Answered answered = db_.write([&](Connection& c) {
    auto found = storage::questions::by_id(c, *id);
    auto account = found ? storage::accounts::by_id(c, found->account_id) : std::nullopt;
    if (!account) return Answered::not_found;  // a deleted account's questions went with it
    if (!storage::questions::answer(c, *id, answer, now)) return Answered::already;
    q = *found;
    q.status = "answered";
    q.answer = answer;
    q.answered_at = now;
    const std::string& locale = account->profile.locale;
    nlohmann::json params = {{"question_id", std::to_string(q.id)},
                             {"topic_label", composer_.text(locale, "question_topic." + q.topic)},
                             {"questions_link", composer_.public_url() + "/question"},
                             {"message", q.message},
                             {"answer", answer}};
    storage::messages::enqueue(c, text_only(composer_.email("question_answered", locale, account->email, params)),
                               now);
    return Answered::stored;
  });
  switch (answered) {
    case Answered::not_found: r.outcome = Outcome::fail(Status::not_found, codes::not_found); break;
    case Answered::already:
      r.outcome = Outcome::fail(Status::conflict, codes::question_already_answered);
      break;
    case Answered::stored:
      if (notify_) notify_();
      r.value = view(q);
      break;
  }
  return r;
}

nlohmann::json QuestionService::export_questions(int64_t account_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& q : list(account_id).value) out.push_back(core::api::to_json(q));
  return out;
}

}  // namespace server::services
