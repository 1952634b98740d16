// /api/v1/metering-points/{id}/readings (list, submit, export) and /api/v1/submissions/{id}.
#include "server/http/api.h"
#include "server/services/readings.h"
#include "server/services/spreadsheets.h"

namespace server::http {

void register_reading_routes(httplib::Server& svr, Context& ctx) {
  // The hot path: the session is checked in the same statement as the metering point.
  svr.Get(R"(/api/v1/metering-points/([^/]+)/readings)", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto r = ctx.readings.list_json_for_token(cookie_value(req, kSessionCookie), req.matches[1]);
    if (!r.good()) return send_outcome(res, r.outcome);
    res.status = 200;
    res.set_header("Cache-Control", "no-store");
    res.set_content(*r.value, "application/json");
  });

  svr.Post(R"(/api/v1/metering-points/([^/]+)/readings)",
           authed(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const services::SessionInfo& s) {
             core::api::SubmitReadingRequest body;
             if (!read_body(req, res, body)) return;
             const std::string key = req.get_header_value("Idempotency-Key");
             if (key.size() > 200) return send_error(res, 400, core::codes::request_malformed, "Idempotency-Key");
             auto r = ctx.readings.submit(s.account_id, req.matches[1], body, key);
             send_outcome(res, r.outcome, r.good() ? core::api::to_json(r.value) : nullptr);
           }));

  svr.Delete(R"(/api/v1/submissions/([^/]+))",
             authed(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const services::SessionInfo& s) {
               send_outcome(res, ctx.readings.delete_submission(s.account_id, req.matches[1]));
             }));

  svr.Get(R"(/api/v1/metering-points/([^/]+)/readings/export)",
          authed(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const services::SessionInfo& s) {
            const std::string format = req.has_param("format") ? req.get_param_value("format") : "xlsx";
            if (format != "xlsx" && format != "csv")
              return send_error(res, 400, core::codes::request_malformed, "format");
            auto t = ctx.readings.table(s.account_id, req.matches[1]);
            if (!t.good()) return send_outcome(res, t.outcome);
            const std::string name =
                "odcitki-" + t.value.number + "-" + core::format_date(ctx.clock.today()) + "." + format;
            std::string bytes, error;
            if (format == "csv") {
              bytes = services::readings_csv(t.value);
              res.set_content(bytes, "text/csv; charset=utf-8");
            } else {
              if (!services::readings_xlsx(t.value, ctx.config.data_dir, bytes, error))
                throw std::runtime_error(error);
              res.set_content(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            }
            res.status = 200;
            res.set_header("Cache-Control", "no-store");
            res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
          }));
}

}  // namespace server::http
