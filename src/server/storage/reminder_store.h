// Reminders: the record of what was sent (its primary key makes "once per customer, metering
// point, window, channel and kind" hold across every instance and restart) and unsubscribe tokens.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "server/storage/database.h"

namespace server::storage {

struct UnsubscribeTarget {
  int64_t link_id = 0;
  std::string channel;  // "email" | "sms"
  std::string metering_point_number;
};

namespace reminders {
// Records the reminder as sent; false if it was sent before (by this or another instance).
bool claim(Connection& c, int64_t account_id, int64_t metering_point_id, const std::string& window_opens_on,
           const std::string& channel, const std::string& kind, int64_t now);
// Whether a live submission (type "submission") for the metering point came in between the two
// instants (Unix seconds, [from, to)).
bool submission_between(Connection& c, int64_t metering_point_id, int64_t from, int64_t to);
void add_unsubscribe_token(Connection& c, const std::string& token_hash, int64_t link_id, const std::string& channel,
                           int64_t now);
std::optional<UnsubscribeTarget> unsubscribe_target(Connection& c, const std::string& token_hash);
void switch_off(Connection& c, int64_t link_id, const std::string& channel);
int64_t count_sent(Connection& c);
}  // namespace reminders

}  // namespace server::storage
