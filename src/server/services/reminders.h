// Reminders by e-mail and SMS (the manual's "Opomnik" and "Opomnik SMS"): when the operator's
// window opens, and once more two days before it closes if no reading came in for that window;
// only between 8:00 and 20:00 Slovenian time; exactly once per customer, metering point, window,
// channel and kind (guarded by the database, so several instances and restarts never send twice).
// Mails carry a one-click unsubscribe (List-Unsubscribe, List-Unsubscribe-Post) and a link.
#pragma once

#include <functional>
#include <string>

#include "core/energy.h"
#include "server/clock.h"
#include "server/mail/composer.h"
#include "server/services/outcome.h"
#include "server/storage/database.h"

namespace server::services {

class ReminderService {
 public:
  using Notify = std::function<void()>;
  ReminderService(storage::Database& db, const core::OperatorCatalog& operators, const mail::Composer& composer,
                  const Clock& clock, Notify notify)
      : db_(db), operators_(operators), composer_(composer), clock_(clock), notify_(std::move(notify)) {}

  // One pass over every link with a reminder switched on; returns how many messages were queued.
  int run_once();
  // Switches a reminder off from a mailed token (no login needed).
  Result<nlohmann::json> unsubscribe(const std::string& token);

  static constexpr int kFirstHour = 8;  // reminders go out from 8:00...
  static constexpr int kLastHour = 20;  // ...until 20:00, Slovenian time

 private:
  storage::Database& db_;
  const core::OperatorCatalog& operators_;
  const mail::Composer& composer_;
  const Clock& clock_;
  Notify notify_;
};

}  // namespace server::services
