// The HTTP face of the server: cpp-httplib set up for many keep-alive connections (TCP_NODELAY,
// a pool sized for them), one logger, one error handler, security headers on every response,
// the static web bundle, and the /api/v1 routes. The only place besides routes that sees httplib.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>

#include "server/clock.h"
#include "server/config.h"
#include "server/http/access_log.h"
#include "server/http/static_files.h"
#include "server/storage/database.h"

namespace server::services {
class AccountService;
class ContractService;
class ReadingService;
class ReminderService;
class QuestionService;
class InvoiceService;
class ContentService;
class FileMailService;
}  // namespace server::services

namespace server::http {

// What the routes need, owned by main() and outliving the server.
struct Context {
  const ServerConfig& config;
  storage::Database& db;
  const StaticFiles& files;
  AccessLog& log;
  const Clock& clock;
  services::AccountService& accounts;
  services::ContractService& contracts;
  services::ReadingService& readings;
  services::ReminderService& reminders;
  services::QuestionService& questions;
  const services::InvoiceService& invoices;
  const services::ContentService& content;
  services::FileMailService& file_mail;  // a kiosk's exports mailed to the customer
};

// cpp-httplib's Server with access to its listening socket: Debian's build listens with a
// backlog of 5, so a burst of new connections (a load balancer warming up, 64 browsers at once)
// loses SYNs and waits a full second for the retransmit. We listen again with a real backlog.
class TunedServer : public httplib::Server {
 public:
  void widen_backlog(int backlog);
};

class HttpServer {
 public:
  explicit HttpServer(Context ctx);
  // Binds and serves until stop(). false with a message if the address cannot be bound.
  bool listen(std::string& error);
  bool bind(std::string& error);  // bind only; then serve()
  void serve();
  void stop();
  int port() const { return port_; }

 private:
  void install_common();
  Context ctx_;
  TunedServer svr_;
  int port_ = 0;
};

// The client's address: the peer, or with --trusted-proxy the nearest untrusted hop of
// X-Forwarded-For sent by a trusted proxy.
std::string client_address(const httplib::Request& req, const ServerConfig& config);

// Route groups, one file each under http/.
void register_health_routes(httplib::Server& svr, Context& ctx);
void register_auth_routes(httplib::Server& svr, Context& ctx);
void register_me_routes(httplib::Server& svr, Context& ctx);
void register_rules_routes(httplib::Server& svr, Context& ctx);
void register_contract_routes(httplib::Server& svr, Context& ctx);
void register_reading_routes(httplib::Server& svr, Context& ctx);
void register_reminder_routes(httplib::Server& svr, Context& ctx);
void register_question_routes(httplib::Server& svr, Context& ctx);
void register_invoice_routes(httplib::Server& svr, Context& ctx);
void register_content_routes(httplib::Server& svr, Context& ctx);
void register_static_routes(httplib::Server& svr, Context& ctx);

}  // namespace server::http
