// The HTTP face of the server: what a request goes through whatever carries it (the 415 check,
// the routes, errors in the API's one shape, security headers, the access log), and the
// event-driven connections that carry it (connection.cpp, Boost.Beast on Boost.Asio: an idle or
// slow connection costs a few kilobytes and no thread; handlers run on a pool of their own).
// Only http/ and main.cpp know that an HTTP library exists.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "server/clock.h"
#include "server/config.h"
#include "server/http/access_log.h"
#include "server/http/message.h"
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

class Connections;  // connection.cpp

class HttpServer {
 public:
  explicit HttpServer(Context ctx);
  ~HttpServer();
  // Binds the listening socket. false with a message if the address cannot be bound.
  bool bind(std::string& error);
  // Serves until SIGTERM or SIGINT (or stop()), then stops gracefully: no new connections,
  // requests in flight answered with Connection: close (up to --shutdown-grace), idle
  // connections closed. Returns when every connection is gone.
  void serve();
  void stop();  // the same as a signal, from any thread
  int port() const { return port_; }

  // Finds the request's route: its handler, and whether it may run on the event loop (quick
  // work, with SQLite) or must go to the handler pool.
  bool route(Request& req) const;
  // One request through the whole pipeline (after route()).
  void handle(Request& req, Response& res) const;
  // The answer to a request refused before it was read whole (400, 413, 431).
  Response refusal(const std::string& path, int status) const;
  void log(const Request& req, const Response& res, double millis) const;
  const ServerConfig& config() const { return ctx_.config; }

 private:
  Context ctx_;
  bool quick_on_loop_;  // SQLite: quick reads answer on the event loop
  std::vector<std::pair<std::string, std::string>> security_;  // on every response
  Router router_;
  std::unique_ptr<Connections> connections_;
  int port_ = 0;
};

// The client's address: the peer, or with --trusted-proxy the nearest untrusted hop of
// X-Forwarded-For sent by a trusted proxy.
std::string client_address(const Request& req, const ServerConfig& config);
bool is_trusted_proxy(const std::string& address, const ServerConfig& config);

// Route groups, one file each under http/.
void register_health_routes(Router& svr, Context& ctx);
void register_auth_routes(Router& svr, Context& ctx);
void register_me_routes(Router& svr, Context& ctx);
void register_rules_routes(Router& svr, Context& ctx);
void register_contract_routes(Router& svr, Context& ctx);
void register_reading_routes(Router& svr, Context& ctx);
void register_reminder_routes(Router& svr, Context& ctx);
void register_question_routes(Router& svr, Context& ctx);
void register_invoice_routes(Router& svr, Context& ctx);
void register_content_routes(Router& svr, Context& ctx);
void register_static_routes(Router& svr, Context& ctx);

}  // namespace server::http
