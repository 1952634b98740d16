// /api/v1/invoices (Računi): the caller's invoices, newest first, optionally of one metering point,
// and each invoice as a PDF download drawn on request (or, from a kiosk, mailed to the customer).
#include "server/http/api.h"
#include "server/services/file_mail.h"
#include "server/services/invoices.h"

namespace server::http {

void register_invoice_routes(Router& svr, Context& ctx) {
  svr.Get("/api/v1/invoices",
          authed(ctx, [&ctx](const Request& req, Response& res, const services::SessionInfo& s) {
            std::optional<std::string> metering_point;
            if (req.has_param("metering_point")) metering_point = req.get_param_value("metering_point");
            auto r = ctx.invoices.list(s.account_id, metering_point);
            if (!r.good()) return send_outcome(res, r.outcome);
            nlohmann::json list = nlohmann::json::array();
            for (const auto& i : r.value) list.push_back(core::api::to_json(i));
            send_json(res, 200, list);
          }));

  svr.Get(R"(/api/v1/invoices/([^/]+)/pdf)",
          authed(ctx, [&ctx](const Request& req, Response& res, const services::SessionInfo& s) {
            auto r = ctx.invoices.pdf(s.account_id, req.matches[1]);
            if (!r.good()) return send_outcome(res, r.outcome);
            res.status = 200;
            // The customer's own document: a shared cache or the browser's disk must not keep it.
            res.set_header("Cache-Control", "private, no-store");
            res.set_header("Content-Disposition", "attachment; filename=\"" + r.value.file_name + "\"");
            res.set_content(r.value.pdf, "application/pdf");
          }),
          Work::blocking);  // a PDF drawn by cairo

  // A kiosk: the same PDF mailed to the customer's own address (docs/api.md, "Exports mailed").
  svr.Post(R"(/api/v1/invoices/([^/]+)/pdf/mail)",
           authed(ctx, [&ctx](const Request& req, Response& res, const services::SessionInfo& s) {
             auto r = ctx.invoices.pdf(s.account_id, req.matches[1]);
             if (!r.good()) return send_outcome(res, r.outcome);
             const mail::Attachment file{r.value.file_name, "application/pdf", std::move(r.value.pdf)};
             send_outcome(res, ctx.file_mail.mail(s.account_id, "export_invoice", file, {{"number", r.value.number}}),
                          {{"status", "mailed"}});
           }));
}

}  // namespace server::http
