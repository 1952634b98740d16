// /api/v1/questions (Imam vprašanje): asking a question and the caller's questions with their
// answers, newest first.
#include "server/http/api.h"
#include "server/services/questions.h"

namespace server::http {

void register_question_routes(Router& svr, Context& ctx) {
  svr.Get("/api/v1/questions", authed(ctx, [&ctx](const Request&, Response& res,
                                                   const services::SessionInfo& s) {
            auto r = ctx.questions.list(s.account_id);
            nlohmann::json list = nlohmann::json::array();
            for (const auto& q : r.value) list.push_back(core::api::to_json(q));
            send_json(res, 200, list);
          }));

  svr.Post("/api/v1/questions", authed(ctx, [&ctx](const Request& req, Response& res,
                                                    const services::SessionInfo& s) {
             core::api::QuestionRequest body;
             if (!read_body(req, res, body)) return;
             auto r = ctx.questions.ask(s.account_id, body);
             send_outcome(res, r.outcome, r.good() ? nlohmann::json{{"question", core::api::to_json(r.value)}} : nullptr);
           }));
}

}  // namespace server::http
