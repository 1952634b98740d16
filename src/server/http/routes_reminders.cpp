// POST /api/v1/reminders/unsubscribe: switches a reminder off from the token in a reminder, with
// no login. Mail clients post the RFC 8058 one-click form (List-Unsubscribe=One-Click) to
// ?token=...; the portal's /unsubscribe page posts JSON {"token": ...}.
#include "server/http/api.h"
#include "server/services/reminders.h"

namespace server::http {

void register_reminder_routes(Router& svr, Context& ctx) {
  svr.Post("/api/v1/reminders/unsubscribe", [&ctx](const Request& req, Response& res) {
    std::string token = req.get_param_value("token");
    const std::string type = req.get_header_value("Content-Type");
    if (token.empty() && type.rfind("application/json", 0) == 0) {
      core::api::TokenRequest body;
      if (!read_body(req, res, body)) return;
      token = body.token;
    }
    auto r = ctx.reminders.unsubscribe(token);
    send_outcome(res, r.outcome, r.good() ? r.value : nullptr);
  });
}

}  // namespace server::http
