#include "server/services/file_mail.h"

#include "server/storage/account_store.h"
#include "server/storage/message_store.h"

namespace server::services {

namespace codes = core::codes;

FileMailService::FileMailService(storage::Database& db, Throttles& throttles, const AbuseLimits& limits,
                                 const mail::Composer& composer, const Clock& clock, Notify notify)
    : db_(db), throttles_(throttles), limits_(limits), composer_(composer), clock_(clock), notify_(std::move(notify)) {}

Outcome FileMailService::mail(int64_t account_id, const std::string& kind, const mail::Attachment& file,
                              nlohmann::json params) {
  enum class Mailed { no_account, throttled, queued };
  int wait = 0;
  params["file"] = file.name;
  const Mailed mailed = db_.write([&](storage::Connection& c) {
    auto account = storage::accounts::by_id(c, account_id);
    if (!account) return Mailed::no_account;
    if (auto w = throttles_.take(c, "files_mailed:" + std::to_string(account_id), limits_.files_mailed_per_account)) {
      wait = *w;
      return Mailed::throttled;
    }
    storage::QueuedMessage m = composer_.email(kind, account->profile.locale, account->email, params);
    m.attachments_json = mail::attachments_json({file});
    storage::messages::enqueue(c, m, clock_.now());
    return Mailed::queued;
  });
  switch (mailed) {
    case Mailed::no_account:
      return Outcome::fail(Status::unauthorized, codes::auth_required);
    case Mailed::throttled:
      return Outcome::throttle(codes::request_too_many, wait);
    case Mailed::queued:
      break;
  }
  if (notify_) notify_();
  return Outcome::with(Status::accepted);
}

}  // namespace server::services
