// The connections: Boost.Beast on Boost.Asio, event-driven. A few event-loop threads (--io-threads,
// the cores by default) read and write every connection; an idle or slow connection costs its
// socket and a few kilobytes, no thread. Each request read whole goes to the handler pool
// (--threads), where blocking work (the database, argon2id, mail) may wait without stalling any
// other connection, and its response comes back to the connection's strand to be written.
//
// Limits (docs/operations.md): a request header within --header-timeout, at most 16 KB and 100
// fields (431); a body within 10 s plus 1 s per 16 KB declared, at most 64 KB (413); a kept-alive
// connection closed after --keep-alive-timeout idle; at most --max-connections-per-address open
// connections from one peer (trusted proxies are not capped), past which new ones are closed at once.
// SIGTERM/SIGINT: stop accepting, close idle connections, answer requests in flight with
// Connection: close, wait at most --shutdown-grace, return.
#pragma once

#include <memory>
#include <string>

namespace server::http {

class HttpServer;
class AccessLog;

class Connections {
 public:
  Connections(const HttpServer& server, AccessLog& log);
  ~Connections();
  bool bind(const std::string& host, int port, std::string& error);
  int port() const;
  void run();   // until stopped and drained
  void stop();  // any thread (signals are caught by Asio itself)

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace server::http
