#include "server/http/api.h"

namespace server::http {

int http_status(services::Status s) {
  using services::Status;
  switch (s) {
    case Status::ok: return 200;
    case Status::created: return 201;
    case Status::accepted: return 202;
    case Status::no_content: return 204;
    case Status::malformed: return 400;
    case Status::unauthorized: return 401;
    case Status::forbidden: return 403;
    case Status::not_found: return 404;
    case Status::conflict: return 409;
    case Status::invalid: return 422;
    case Status::throttled: return 429;
  }
  return 500;
}

void send_outcome(Response& res, const services::Outcome& o, const nlohmann::json& body) {
  const int status = http_status(o.status);
  if (o.good()) {
    if (status == 204) {
      send_no_content(res);
    } else if (!body.is_null()) {
      send_json(res, status, body);
    } else if (status == 202) {
      send_json(res, status, {{"status", "accepted"}});
    } else {
      send_json(res, status, {{"status", "ok"}});
    }
    return;
  }
  send_errors(res, status, o.errors);
  if (o.status == services::Status::throttled) res.set_header("Retry-After", std::to_string(o.retry_after));
}

std::string cookie_value(const Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string pair = header.substr(pos, end - pos);
    pair.erase(0, pair.find_first_not_of(' '));
    const auto eq = pair.find('=');
    if (eq != std::string::npos && pair.compare(0, eq, name) == 0 && eq == name.size()) return pair.substr(eq + 1);
    pos = end + 1;
  }
  return {};
}

void set_session_cookie(Response& res, const std::string& token, bool persistent, int64_t max_age_s,
                        bool secure) {
  std::string c = std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  if (persistent) c += "; Max-Age=" + std::to_string(max_age_s);  // otherwise it ends with the browser
  if (secure) c += "; Secure";
  res.set_header("Set-Cookie", c);
}

void clear_session_cookie(Response& res, bool secure) {
  std::string c = std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
  if (secure) c += "; Secure";
  res.set_header("Set-Cookie", c);
}

std::optional<services::SessionInfo> session_of(const Request& req, Context& ctx) {
  const std::string token = cookie_value(req, kSessionCookie);
  if (token.empty()) return std::nullopt;
  return ctx.accounts.authenticate(token);
}

Handler authed(Context& ctx, AuthedHandler handler) {
  return [&ctx, handler](const Request& req, Response& res) {
    auto session = session_of(req, ctx);
    if (!session) {
      send_error(res, 401, core::codes::auth_required);
      return;
    }
    handler(req, res, *session);
  };
}

}  // namespace server::http
