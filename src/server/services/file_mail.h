// Files mailed to the customer's own address: a kiosk saves no downloads, so the exports a
// customer asks for there (the reading list, "my data") go to the account's e-mail as an
// attachment instead. The mail is queued in one transaction with the throttle's record; the
// attachment is kept in the queue only until it is delivered. Business rules only: no HTTP, no SQL.
#pragma once

#include <functional>
#include <string>

#include "server/clock.h"
#include "server/mail/composer.h"
#include "server/mail/message.h"
#include "server/services/outcome.h"
#include "server/services/throttles.h"
#include "server/storage/database.h"

namespace server::services {

class FileMailService {
 public:
  using Notify = std::function<void()>;  // something was queued for delivery

  FileMailService(storage::Database& db, Throttles& throttles, const AbuseLimits& limits,
                  const mail::Composer& composer, const Clock& clock, Notify notify);

  // 202 queued: a mail of `kind` ("export_readings", "export_my_data", "export_invoice") in the account's language
  // with `file` attached; params fill its placeholders ({file} is added). 401 auth.required
  // without the account, 429 request.too_many over files_mailed_per_account.
  Outcome mail(int64_t account_id, const std::string& kind, const mail::Attachment& file, nlohmann::json params);

 private:
  storage::Database& db_;
  Throttles& throttles_;
  const AbuseLimits& limits_;
  const mail::Composer& composer_;
  const Clock& clock_;
  Notify notify_;
};

}  // namespace server::services
