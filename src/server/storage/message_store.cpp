#include "server/storage/message_store.h"

namespace server::storage::messages {

int64_t enqueue(Connection& c, const QueuedMessage& m, int64_t now) {
  return c
      .exec(
          "INSERT INTO outbound_messages (channel, recipient, subject, body_text, body_html, headers, created_at, "
          "not_before, attachments) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id",
          {m.channel, m.recipient, m.subject, m.body_text, m.body_html,
           m.headers_json.empty() ? std::string("[]") : m.headers_json, now,
           m.attachments_json.empty() ? std::string("[]") : m.attachments_json})
      .first()
      .integer(0);
}

std::vector<QueuedMessage> claim_due(Connection& c, int64_t now, int limit, int64_t lease_until) {
  // The outer conditions are checked again on each row after any wait for a concurrent claim.
  auto r = c.exec(
      "UPDATE outbound_messages SET claimed_until = $2, attempts = attempts + 1 "
      "WHERE id IN (SELECT id FROM outbound_messages WHERE sent_at IS NULL AND not_before <= $1 "
      "AND (claimed_until IS NULL OR claimed_until < $1) ORDER BY id LIMIT $3) "
      "AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < $1) "
      "RETURNING id, channel, recipient, subject, body_text, body_html, headers, attempts, attachments",
      {now, lease_until, limit});
  std::vector<QueuedMessage> out;
  for (const Row& row : r.rows) {
    QueuedMessage m;
    m.id = row.integer(0);
    m.channel = row.text(1);
    m.recipient = row.text(2);
    m.subject = row.text(3);
    m.body_text = row.text(4);
    m.body_html = row.text(5);
    m.headers_json = row.text(6);
    m.attempts = static_cast<int>(row.integer(7));
    m.attachments_json = row.text(8);
    out.push_back(std::move(m));
  }
  return out;
}

void mark_sent(Connection& c, int64_t id, int64_t now) {
  // A customer's file is kept only until it is delivered.
  c.exec("UPDATE outbound_messages SET sent_at = $2, claimed_until = NULL, last_error = NULL, attachments = '[]' "
         "WHERE id = $1",
         {id, now});
}

void mark_failed(Connection& c, int64_t id, const std::string& error, int64_t next_attempt_at) {
  c.exec("UPDATE outbound_messages SET claimed_until = NULL, last_error = $2, not_before = $3 WHERE id = $1",
         {id, error, next_attempt_at});
}

int64_t pending(Connection& c) {
  return c.exec("SELECT COUNT(*) FROM outbound_messages WHERE sent_at IS NULL").first().integer(0);
}

}  // namespace server::storage::messages
