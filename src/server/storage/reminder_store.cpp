#include "server/storage/reminder_store.h"

namespace server::storage::reminders {

bool claim(Connection& c, int64_t account_id, int64_t metering_point_id, const std::string& window_opens_on,
           const std::string& channel, const std::string& kind, int64_t now) {
  return c.exec(
              "INSERT INTO reminders_sent (account_id, metering_point_id, window_opens_on, channel, kind, sent_at) "
              "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
              {account_id, metering_point_id, window_opens_on, channel, kind, now})
             .affected == 1;
}

bool submission_between(Connection& c, int64_t metering_point_id, int64_t from, int64_t to) {
  return !c.exec(
               "SELECT 1 FROM submissions WHERE metering_point_id = $1 AND type = 'submission' AND deleted_at IS NULL "
               "AND submitted_at >= $2 AND submitted_at < $3 LIMIT 1",
               {metering_point_id, from, to})
              .empty();
}

void add_unsubscribe_token(Connection& c, const std::string& token_hash, int64_t link_id, const std::string& channel,
                           int64_t now) {
  c.exec("INSERT INTO unsubscribe_tokens (token_hash, link_id, channel, created_at) VALUES ($1, $2, $3, $4)",
         {token_hash, link_id, channel, now});
}

std::optional<UnsubscribeTarget> unsubscribe_target(Connection& c, const std::string& token_hash) {
  auto r = c.exec(
      "SELECT t.link_id, t.channel, mp.number FROM unsubscribe_tokens t JOIN contract_links l ON l.id = t.link_id "
      "JOIN contracts ct ON ct.id = l.contract_id JOIN metering_points mp ON mp.id = ct.metering_point_id "
      "WHERE t.token_hash = $1",
      {token_hash});
  if (r.empty()) return std::nullopt;
  return UnsubscribeTarget{r.first().integer(0), r.first().text(1), r.first().text(2)};
}

void switch_off(Connection& c, int64_t link_id, const std::string& channel) {
  c.exec(channel == "sms" ? "UPDATE contract_links SET reminder_sms = 0 WHERE id = $1"
                          : "UPDATE contract_links SET reminder_email = 0 WHERE id = $1",
         {link_id});
}

int64_t count_sent(Connection& c) { return c.exec("SELECT COUNT(*) FROM reminders_sent").first().integer(0); }

}  // namespace server::storage::reminders
