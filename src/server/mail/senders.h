// Delivery: e-mail through SMTP (libcurl; smtps:// = TLS, smtp:// = STARTTLS, required unless
// the host is loopback) or into the outbox folder as .eml files; SMS through an HTTP gateway
// (POST {"to","text"}, any 2xx is sent) or into the outbox as .sms files. Files are written
// under a temporary name and renamed, so a reader never sees half a file.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "server/mail/message.h"

namespace server::mail {

class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual bool send(const Email& e, int64_t now_unix, std::string& error) = 0;
};

class SmsSender {
 public:
  virtual ~SmsSender() = default;
  virtual bool send(const Sms& s, std::string& error) = 0;
};

using LogLine = std::function<void(const std::string&)>;

std::unique_ptr<Mailer> make_outbox_mailer(const std::string& dir, const std::string& domain, LogLine log);
std::unique_ptr<Mailer> make_smtp_mailer(const std::string& url, const std::string& domain);
std::unique_ptr<SmsSender> make_outbox_sms(const std::string& dir, LogLine log);
std::unique_ptr<SmsSender> make_http_sms(const std::string& url);

// Writes bytes to dir/name atomically (temporary file + rename). false on failure.
bool write_file_atomically(const std::string& dir, const std::string& name, const std::string& bytes,
                           std::string& error);

}  // namespace server::mail
