// /api/v1/contracts and /api/v1/metering-points/{id}/reminders: linking, the overview,
// unlinking and the reminder switches.
#include "server/http/api.h"
#include "server/services/contracts.h"

namespace server::http {

void register_contract_routes(Router& svr, Context& ctx) {
  svr.Get("/api/v1/contracts", authed(ctx, [&ctx](const Request&, Response& res,
                                                   const services::SessionInfo& s) {
            auto r = ctx.contracts.list(s.account_id);
            nlohmann::json list = nlohmann::json::array();
            for (const auto& c : r.value) list.push_back(core::api::to_json(c));
            send_json(res, 200, list);
          }));

  svr.Post("/api/v1/contracts", authed(ctx, [&ctx](const Request& req, Response& res,
                                                    const services::SessionInfo& s) {
             core::api::LinkContractRequest body;
             if (!read_body(req, res, body)) return;
             auto r = ctx.contracts.link(s.account_id, body);
             send_outcome(res, r.outcome, r.good() ? nlohmann::json{{"contract", core::api::to_json(r.value)}} : nullptr);
           }));

  svr.Delete(R"(/api/v1/contracts/([^/]+))", authed(ctx, [&ctx](const Request& req, Response& res,
                                                                 const services::SessionInfo& s) {
               send_outcome(res, ctx.contracts.unlink(s.account_id, req.matches[1]));
             }));

  svr.Put(R"(/api/v1/metering-points/([^/]+)/reminders)",
          authed(ctx, [&ctx](const Request& req, Response& res, const services::SessionInfo& s) {
            core::api::RemindersRequest body;
            if (!read_body(req, res, body)) return;
            auto r = ctx.contracts.set_reminders(s.account_id, req.matches[1], body);
            send_outcome(res, r.outcome,
                         r.good() ? nlohmann::json{{"reminders", {{"email", r.value.reminder_email},
                                                                  {"sms", r.value.reminder_sms}}},
                                                   {"contract", core::api::to_json(r.value)}}
                                  : nullptr);
          }));
}

}  // namespace server::http
