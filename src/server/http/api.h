// Helpers every API route uses: reading a JSON body through core's decoders, answering with a
// service Outcome, the session cookie, and handlers that require a session.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/api_types.h"
#include "core/question.h"  // before read_body: its qualified decode() call sees what is declared here
#include "server/http/respond.h"
#include "server/http/server.h"
#include "server/services/accounts.h"
#include "server/services/outcome.h"

namespace server::http {

inline constexpr const char* kSessionCookie = "portal_session";

int http_status(services::Status s);
// Sends the outcome's status; on success `body` (if not null) as JSON, else the errors.
void send_outcome(Response& res, const services::Outcome& o, const nlohmann::json& body = nullptr);

// Decodes the request body with core's decoder; on failure answers 400 and returns false.
template <class T>
bool read_body(const Request& req, Response& res, T& out) {
  core::Errors errors = core::api::decode(req.body, out);
  if (errors.empty()) return true;
  send_errors(res, 400, errors);
  return false;
}

std::string cookie_value(const Request& req, const std::string& name);
void set_session_cookie(Response& res, const std::string& token, bool persistent, int64_t max_age_s,
                        bool secure);
void clear_session_cookie(Response& res, bool secure);

// The caller's session, from the cookie.
std::optional<services::SessionInfo> session_of(const Request& req, Context& ctx);

using AuthedHandler =
    std::function<void(const Request&, Response&, const services::SessionInfo&)>;
// Wraps a handler so that it runs only with a valid session; otherwise 401 auth.required.
Handler authed(Context& ctx, AuthedHandler handler);

}  // namespace server::http
