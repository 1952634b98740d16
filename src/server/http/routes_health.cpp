// GET /api/v1/health: liveness for load balancers and monitoring.
#include "core/version.h"
#include "server/http/respond.h"
#include "server/http/server.h"

namespace server::http {

void register_health_routes(Router& svr, Context& ctx) {
  svr.Get("/api/v1/health", [&ctx](const Request&, Response& res) {
    if (!ctx.db.ping()) {
      send_json(res, 503, {{"status", "unavailable"}});
      res.set_header("Retry-After", "5");
      return;
    }
    send_json(res, 200,
              {{"status", "ok"}, {"version", core::kPortalVersion}, {"api_version", core::kApiVersion},
               {"db", ctx.db.kind()}});
  });
}

}  // namespace server::http
