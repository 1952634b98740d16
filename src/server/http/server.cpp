#include "server/http/server.h"

#include <zlib.h>

#include <cctype>
#include <chrono>

#include "server/http/connection.h"
#include "server/http/respond.h"

namespace server::http {

namespace {

bool is_api(const std::string& path) { return path.rfind("/api/", 0) == 0; }

bool is_json_media_type(const std::string& content_type) {
  std::string t = content_type.substr(0, content_type.find(';'));
  t.erase(0, t.find_first_not_of(" \t"));
  t.erase(t.find_last_not_of(" \t") + 1);
  for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return t == "application/json";
}

bool has_body(const Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  const auto len = req.get_header_value("Content-Length");
  return !len.empty() && len != "0";
}

std::vector<std::pair<std::string, std::string>> security_headers(const ServerConfig& config) {
  std::vector<std::pair<std::string, std::string>> h = {
      // No manifest-src: it falls back to default-src 'self' (the same policy), and WebKit does
      // not know the directive and warns about it on every page.
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; "
       "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},  // mailed links carry tokens in the query
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"},
  };
  if (cookies_secure(config)) h.emplace_back("Strict-Transport-Security", "max-age=31536000");
  return h;
}

// A response without a body of its own gets one: the API's error shape under /api/ (and for 413
// and 415 anywhere), a short text elsewhere.
void fill_error(const std::string& path, Response& res) {
  if (!res.body.empty() || res.status < 400) return;
  if (is_api(path) || res.status == 413 || res.status == 415) {
    std::string_view code = core::codes::server_error;
    switch (res.status) {
      case 400: code = core::codes::request_malformed; break;
      case 404: code = core::codes::not_found; break;
      case 405: code = core::codes::request_method_not_allowed; break;
      case 413: code = core::codes::request_too_large; break;
      case 414: code = core::codes::request_too_large; break;
      case 415: code = core::codes::request_unsupported_media_type; break;
      case 431: code = core::codes::request_too_large; break;
      case 503: code = core::codes::server_unavailable; break;
      default: break;
    }
    const int status = res.status;
    send_error(res, status, code);
  } else {
    res.set_header("Cache-Control", "no-store");
    res.set_content(res.status == 404 ? "Not found\n" : "Error\n", "text/plain; charset=utf-8");
  }
}

// gzip of an API answer the client accepts it for (zlib, level 6: a 9 KB reading list becomes
// ~1.5 KB for a phone on a slow network). Small answers and files that carry their own encoding
// are left alone.
void gzip_api_answer(const Request& req, Response& res) {
  if (!is_api(req.path) || res.body.size() < 1024 || res.headers.has("Content-Encoding")) return;
  if (choose_encoding(req.get_header_value("Accept-Encoding"), false, true) != Encoding::gzip) return;
  z_stream z{};
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return;  // 15+16: a gzip wrapper
  std::string out(deflateBound(&z, static_cast<uLong>(res.body.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(res.body.data());
  z.avail_in = static_cast<uInt>(res.body.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return;
  res.body = std::move(out);
  res.set_header("Content-Encoding", "gzip");
  res.set_header("Vary", "Accept-Encoding");
}

}  // namespace

bool is_trusted_proxy(const std::string& address, const ServerConfig& config) {
  for (const auto& net : config.trusted_proxies)
    if (cidr_contains(net, address)) return true;
  return false;
}

std::string client_address(const Request& req, const ServerConfig& config) {
  auto trusted = [&](const std::string& a) { return is_trusted_proxy(a, config); };
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

HttpServer::HttpServer(Context ctx)
    : ctx_(ctx), quick_on_loop_(std::string_view(ctx.db.kind()) == "sqlite"), security_(security_headers(ctx.config)) {
  // Routes are tried in this order (a regex each): the reading list, the request every customer
  // repeats most, goes first.
  register_reading_routes(router_, ctx_);
  register_health_routes(router_, ctx_);
  register_auth_routes(router_, ctx_);
  register_me_routes(router_, ctx_);
  register_rules_routes(router_, ctx_);
  register_contract_routes(router_, ctx_);
  register_reminder_routes(router_, ctx_);
  register_question_routes(router_, ctx_);
  register_invoice_routes(router_, ctx_);
  register_content_routes(router_, ctx_);
  register_static_routes(router_, ctx_);  // last: it catches every other GET
}

HttpServer::~HttpServer() = default;

bool HttpServer::route(Request& req) const {
  const bool found = router_.route(req);
  // PostgreSQL is a network round trip: every request that may reach it waits off the loop.
  if (!quick_on_loop_) req.work = Work::blocking;
  return found;
}

void HttpServer::handle(Request& req, Response& res) const {
  try {
    // A body that is not JSON never reaches a handler: with SameSite=Strict cookies this is
    // the CSRF defence (an HTML form from another site cannot send application/json).
    if (is_api(req.path) && has_body(req) && !is_json_media_type(req.get_header_value("Content-Type")) &&
        req.path != "/api/v1/reminders/unsubscribe") {  // RFC 8058 one-click posts a form
      send_error(res, 415, core::codes::request_unsupported_media_type);
    } else if (req.handler) {
      (*req.handler)(req, res);
    } else {
      res.status = 404;
    }
  } catch (const storage::DbError& e) {
    res = Response();
    if (e.kind == storage::DbError::Kind::unavailable) {
      ctx_.log.line(std::string("database unavailable: ") + e.what());
      send_error(res, 503, core::codes::server_unavailable);
      res.set_header("Retry-After", "5");
    } else {
      ctx_.log.line("error in " + req.method + " " + req.path + ": " + e.what());
      send_error(res, 500, core::codes::server_error);
    }
  } catch (const std::exception& e) {
    res = Response();
    ctx_.log.line("error in " + req.method + " " + req.path + ": " + e.what());
    send_error(res, 500, core::codes::server_error);
  } catch (...) {
    res = Response();
    ctx_.log.line("error in " + req.method + " " + req.path + ": unknown exception");
    send_error(res, 500, core::codes::server_error);
  }
  fill_error(req.path, res);
  gzip_api_answer(req, res);
  for (const auto& [name, value] : security_)
    if (!res.headers.has(name)) res.headers.add(name, value);
}

Response HttpServer::refusal(const std::string& path, int status) const {
  Response res;
  res.status = status;
  res.close = true;
  fill_error(path, res);
  for (const auto& [name, value] : security_) res.headers.add(name, value);
  return res;
}

void HttpServer::log(const Request& req, const Response& res, double millis) const {
  ctx_.log.write(client_address(req, ctx_.config), req.method, req.target, res.status, res.body.size(), millis);
}

bool HttpServer::bind(std::string& error) {
  connections_ = std::make_unique<Connections>(*this, ctx_.log);
  if (!connections_->bind(ctx_.config.host, ctx_.config.port, error)) return false;
  port_ = connections_->port();
  return true;
}

void HttpServer::serve() {
  if (connections_) connections_->run();
}

void HttpServer::stop() {
  if (connections_) connections_->stop();
}

}  // namespace server::http
