// GET /api/v1/rules (public): the server's today and now, the operators with their windows, and
// the limits core validates with. The client validates dates against this `today`, not the
// device clock.
#include "server/http/api.h"
#include "server/services/contracts.h"

namespace server::http {

void register_rules_routes(Router& svr, Context& ctx) {
  svr.Get("/api/v1/rules", [&ctx](const Request&, Response& res) {
    core::api::Rules rules;
    rules.today = ctx.clock.today();
    rules.now = ctx.clock.now_iso();
    rules.operators = ctx.contracts.operators().all();
    send_json(res, 200, core::api::to_json(rules));
  });
}

}  // namespace server::http
