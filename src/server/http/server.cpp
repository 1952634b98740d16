#include "server/http/server.h"

#include <sys/socket.h>

#include <chrono>

#include "server/http/respond.h"

namespace server::http {

namespace {

// Start of the request this pool thread is serving (one request at a time per thread).
thread_local std::chrono::steady_clock::time_point t_request_start;

constexpr size_t kMaxBody = 64 * 1024;  // API.md: over 64 KB is 413 request.too_large

bool is_api(const std::string& path) { return path.rfind("/api/", 0) == 0; }

bool is_json_media_type(const std::string& content_type) {
  std::string t = content_type.substr(0, content_type.find(';'));
  t.erase(0, t.find_first_not_of(" \t"));
  t.erase(t.find_last_not_of(" \t") + 1);
  for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return t == "application/json";
}

bool has_body(const httplib::Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  const auto len = req.get_header_value("Content-Length");
  return !len.empty() && len != "0";
}

httplib::Headers security_headers(const ServerConfig& config) {
  httplib::Headers h = {
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; "
       "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},  // mailed links carry tokens in the query
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"},
  };
  if (cookies_secure(config)) h.emplace("Strict-Transport-Security", "max-age=31536000");
  return h;
}

// cpp-httplib compresses text responses itself whenever the client accepts it: it would compress
// our precompressed files a second time, and pick brotli at its slowest setting for JSON. So the
// client's Accept-Encoding moves to kAcceptedEncodings (read by the static files, which carry
// their own .br/.gz) and httplib only ever sees "gzip" for API responses. The request is the
// server's own object, owned by this thread until the response is written.
void take_accept_encoding(const httplib::Request& req) {
  auto& r = const_cast<httplib::Request&>(req);
  const std::string accepted = r.get_header_value("Accept-Encoding");
  r.headers.erase("Accept-Encoding");
  r.headers.erase(kAcceptedEncodings);
  if (accepted.empty()) return;
  r.headers.emplace(kAcceptedEncodings, accepted);
  if (is_api(req.path) && choose_encoding(accepted, false, true) == Encoding::gzip)
    r.headers.emplace("Accept-Encoding", "gzip");
}

}  // namespace

void TunedServer::widen_backlog(int backlog) {
  const socket_t fd = svr_sock_;
  if (fd != INVALID_SOCKET) ::listen(fd, backlog);  // on a listening socket this only resizes the queue
}

std::string client_address(const httplib::Request& req, const ServerConfig& config) {
  auto trusted = [&](const std::string& a) {
    for (const auto& net : config.trusted_proxies)
      if (cidr_contains(net, a)) return true;
    return false;
  };
  if (config.trusted_proxies.empty() || !trusted(req.remote_addr)) return req.remote_addr;
  // Walk X-Forwarded-For from the right: the first hop that is not a trusted proxy is the client.
  const std::string xff = req.get_header_value("X-Forwarded-For");
  std::vector<std::string> hops;
  size_t start = 0;
  while (start <= xff.size()) {
    size_t comma = xff.find(',', start);
    if (comma == std::string::npos) comma = xff.size();
    std::string hop = xff.substr(start, comma - start);
    hop.erase(0, hop.find_first_not_of(" \t"));
    hop.erase(hop.find_last_not_of(" \t") + 1);
    if (!hop.empty()) hops.push_back(hop);
    start = comma + 1;
  }
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    Cidr probe;
    if (!parse_cidr(*it, probe)) return req.remote_addr;  // garbage: do not trust any of it
    if (!trusted(*it)) return *it;
  }
  return hops.empty() ? req.remote_addr : hops.front();
}

HttpServer::HttpServer(Context ctx) : ctx_(ctx) {
  install_common();
  // cpp-httplib tries a method's routes in this order (a regex each): the reading list, the
  // request every customer repeats most, goes first.
  register_reading_routes(svr_, ctx_);
  register_health_routes(svr_, ctx_);
  register_auth_routes(svr_, ctx_);
  register_me_routes(svr_, ctx_);
  register_rules_routes(svr_, ctx_);
  register_contract_routes(svr_, ctx_);
  register_reminder_routes(svr_, ctx_);
  register_question_routes(svr_, ctx_);
  register_invoice_routes(svr_, ctx_);
  register_content_routes(svr_, ctx_);
  register_static_routes(svr_, ctx_);  // last: it catches every other GET
}

void HttpServer::install_common() {
  const int threads = ctx_.config.threads;
  // One pool thread serves one keep-alive connection while it lasts: size for the connections.
  svr_.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  svr_.set_tcp_nodelay(true);  // without it every response waits ~40 ms (Nagle + delayed ACK)
  svr_.set_keep_alive_max_count(10000);
  svr_.set_keep_alive_timeout(5);
  svr_.set_read_timeout(10);
  svr_.set_write_timeout(10);
  svr_.set_payload_max_length(kMaxBody);
  svr_.set_default_headers(security_headers(ctx_.config));

  svr_.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    t_request_start = std::chrono::steady_clock::now();
    take_accept_encoding(req);
    // A body that is not JSON never reaches a handler: with SameSite=Strict cookies this is
    // the CSRF defence (an HTML form from another site cannot send application/json).
    if (is_api(req.path) && has_body(req) && !is_json_media_type(req.get_header_value("Content-Type")) &&
        req.path != "/api/v1/reminders/unsubscribe") {  // RFC 8058 one-click posts a form
      send_error(res, 415, core::codes::request_unsupported_media_type);
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  svr_.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // a handler's own answer
    if (is_api(req.path) || res.status == 413 || res.status == 415) {
      std::string_view code = core::codes::server_error;
      switch (res.status) {
        case 400: code = core::codes::request_malformed; break;
        case 404: code = core::codes::not_found; break;
        case 405: code = core::codes::request_method_not_allowed; break;
        case 413: code = core::codes::request_too_large; break;
        case 414: code = core::codes::request_too_large; break;
        case 415: code = core::codes::request_unsupported_media_type; break;
        case 503: code = core::codes::server_unavailable; break;
        default: break;
      }
      const int status = res.status;
      send_error(res, status, code);
    } else {
      res.set_header("Cache-Control", "no-store");
      res.set_content(res.status == 404 ? "Not found\n" : "Error\n", "text/plain; charset=utf-8");
    }
    return httplib::Server::HandlerResponse::Handled;
  }));

  svr_.set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(ep);
    } catch (const storage::DbError& e) {
      what = e.what();
      if (e.kind == storage::DbError::Kind::unavailable) {
        ctx_.log.line("database unavailable: " + what);
        send_error(res, 503, core::codes::server_unavailable);
        res.set_header("Retry-After", "5");
        return;
      }
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    ctx_.log.line("error in " + req.method + " " + req.path + ": " + what);
    send_error(res, 500, core::codes::server_error);
  });

  svr_.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    const auto elapsed = std::chrono::steady_clock::now() - t_request_start;
    const double ms = std::chrono::duration<double, std::milli>(elapsed).count();
    ctx_.log.write(client_address(req, ctx_.config), req.method, req.target, res.status, res.body.size(), ms);
  });
}

bool HttpServer::bind(std::string& error) {
  if (!svr_.is_valid()) {
    error = "the HTTP server is not valid";
    return false;
  }
  if (ctx_.config.port == 0) {
    port_ = svr_.bind_to_any_port(ctx_.config.host);
    if (port_ <= 0) {
      error = "cannot bind " + ctx_.config.host;
      return false;
    }
  } else {
    if (!svr_.bind_to_port(ctx_.config.host, ctx_.config.port)) {
      error = "cannot listen on " + ctx_.config.host + ":" + std::to_string(ctx_.config.port) +
              " (in use? try --port)";
      return false;
    }
    port_ = ctx_.config.port;
  }
  svr_.widen_backlog(1024);
  return true;
}

void HttpServer::serve() { svr_.listen_after_bind(); }

bool HttpServer::listen(std::string& error) {
  if (!bind(error)) return false;
  serve();
  return true;
}

void HttpServer::stop() { svr_.stop(); }

}  // namespace server::http
