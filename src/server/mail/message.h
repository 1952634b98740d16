// Messages the portal sends: e-mails (plain text + HTML, in the account's language) and SMS.
// They are queued in the database (storage/message_store) and delivered by jobs/dispatcher
// through a Mailer or an SmsSender, so a slow SMTP server never makes a request wait and a
// message survives a restart.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace server::mail {

// A file sent with an e-mail (a kiosk's export): base64 in the MIME message.
struct Attachment {
  std::string name;   // "odcitki-3345341-2026-11-30.xlsx" (ASCII)
  std::string mime;   // "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
  std::string bytes;
};

struct Email {
  std::string to;
  std::string from;                                        // "Name <addr>"
  std::string subject;
  std::string text;                                        // every link whole on a line of its own
  std::string html;                                        // the same content as HTML ("" = text only)
  std::vector<std::pair<std::string, std::string>> headers;  // extra: List-Unsubscribe, ...
  std::vector<Attachment> attachments;                     // then multipart/mixed
};

struct Sms {
  std::string to;    // E.164
  std::string text;
};

// RFC 5322 + MIME: multipart/alternative with a text/plain; charset=UTF-8 part (8bit, so links
// are never wrapped) and a text/html part; non-ASCII subjects RFC 2047-encoded. With attachments
// that is the first part of a multipart/mixed, each file a base64 part after it.
std::string build_mime(const Email& e, int64_t now_unix, const std::string& message_id_domain);
std::string rfc2047(const std::string& text);  // "=?UTF-8?B?...?=" when not plain ASCII
std::string address_of(const std::string& from);  // "Name <a@b>" -> "a@b"
// Attachments as the message queue keeps them (QueuedMessage::attachments_json) and back; a file
// whose name or type could break its MIME headers is never written (dropped when read back).
std::string attachments_json(const std::vector<Attachment>& files);
std::vector<Attachment> attachments_from_json(const std::string& json);

}  // namespace server::mail
