// The queue of outbound e-mails and SMS. Services enqueue in the same transaction as the change
// that causes the message (so a message is sent if and only if the change happened); the
// dispatcher claims due messages with a lease, so several server instances never send one twice.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "server/storage/database.h"

namespace server::storage {

struct QueuedMessage {
  int64_t id = 0;
  std::string channel;       // "email" | "sms"
  std::string recipient;     // e-mail address or E.164 number
  std::string subject;       // e-mail only
  std::string body_text;
  std::string body_html;     // e-mail only
  std::string headers_json;  // e-mail extra headers: [["List-Unsubscribe","<...>"], ...]
  std::string attachments_json;  // e-mail files: [{"name","mime","base64"}] (mail/message.h), "" = none
  int attempts = 0;
};

namespace messages {
int64_t enqueue(Connection& c, const QueuedMessage& m, int64_t now);
// Claims up to `limit` messages due at `now` until `lease_until`; another claim skips them.
std::vector<QueuedMessage> claim_due(Connection& c, int64_t now, int limit, int64_t lease_until);
void mark_sent(Connection& c, int64_t id, int64_t now);  // and forgets its attachments
void mark_failed(Connection& c, int64_t id, const std::string& error, int64_t next_attempt_at);
int64_t pending(Connection& c);  // not yet sent
}  // namespace messages

}  // namespace server::storage
