// /api/v1/metering-points/{id}/readings (list, submit, export, export mailed) and
// /api/v1/submissions/{id}.
#include "server/http/api.h"
#include "server/services/readings.h"
#include "server/services/file_mail.h"
#include "server/services/spreadsheets.h"

namespace server::http {

namespace {

constexpr const char* kCsv = "text/csv";
constexpr const char* kCsvContentType = "text/csv; charset=utf-8";
constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The caller's reading list of the path's metering point as a file (?format=xlsx|csv, xlsx by
// default): "odcitki-3345341-2026-11-30.xlsx", and the metering point's number. Otherwise answers
// (400, 404) and returns false.
bool readings_file(Context& ctx, const Request& req, Response& res, const services::SessionInfo& s,
                   mail::Attachment& file, std::string* number = nullptr) {
  const std::string format = req.has_param("format") ? req.get_param_value("format") : "xlsx";
  if (format != "xlsx" && format != "csv") {
    send_error(res, 400, core::codes::request_malformed, "format");
    return false;
  }
  auto t = ctx.readings.table(s.account_id, req.matches[1]);
  if (!t.good()) {
    send_outcome(res, t.outcome);
    return false;
  }
  if (number) *number = t.value.number;
  file.name = "odcitki-" + t.value.number + "-" + core::format_date(ctx.clock.today()) + "." + format;
  std::string error;
  if (format == "csv") {
    file.bytes = services::readings_csv(t.value);
    file.mime = kCsv;
  } else {
    if (!services::readings_xlsx(t.value, ctx.config.data_dir, file.bytes, error)) throw std::runtime_error(error);
    file.mime = kXlsx;
  }
  return true;
}

}  // namespace

void register_reading_routes(Router& svr, Context& ctx) {
  // The hot path: the session is checked in the same statement as the metering point.
  svr.Get(R"(/api/v1/metering-points/([^/]+)/readings)", [&ctx](const Request& req, Response& res) {
    auto r = ctx.readings.list_json_for_token(cookie_value(req, kSessionCookie), req.matches[1]);
    if (!r.good()) return send_outcome(res, r.outcome);
    res.status = 200;
    res.set_header("Cache-Control", "no-store");
    res.set_content(*r.value, "application/json");
  });

  svr.Post(R"(/api/v1/metering-points/([^/]+)/readings)",
           authed(ctx, [&ctx](const Request& req, Response& res, const services::SessionInfo& s) {
             core::api::SubmitReadingRequest body;
             if (!read_body(req, res, body)) return;
             const std::string key = req.get_header_value("Idempotency-Key");
             if (key.size() > 200) return send_error(res, 400, core::codes::request_malformed, "Idempotency-Key");
             auto r = ctx.readings.submit(s.account_id, req.matches[1], body, key);
             send_outcome(res, r.outcome, r.good() ? core::api::to_json(r.value) : nullptr);
           }));

  svr.Delete(R"(/api/v1/submissions/([^/]+))",
             authed(ctx, [&ctx](const Request& req, Response& res, const services::SessionInfo& s) {
               send_outcome(res, ctx.readings.delete_submission(s.account_id, req.matches[1]));
             }));

  svr.Get(R"(/api/v1/metering-points/([^/]+)/readings/export)",
          authed(ctx, [&ctx](const Request& req, Response& res, const services::SessionInfo& s) {
            mail::Attachment file;
            if (!readings_file(ctx, req, res, s, file)) return;
            res.status = 200;
            res.set_content(file.bytes, file.mime == kCsv ? kCsvContentType : file.mime);
            res.set_header("Cache-Control", "no-store");
            res.set_header("Content-Disposition", "attachment; filename=\"" + file.name + "\"");
          }),
          Work::blocking);  // a spreadsheet written to a file

  // A kiosk: the same file mailed to the customer's own address (docs/api.md).
  svr.Post(R"(/api/v1/metering-points/([^/]+)/readings/export/mail)",
           authed(ctx, [&ctx](const Request& req, Response& res, const services::SessionInfo& s) {
             mail::Attachment file;
             std::string number;
             if (!readings_file(ctx, req, res, s, file, &number)) return;
             send_outcome(res, ctx.file_mail.mail(s.account_id, "export_readings", file, {{"number", number}}),
                          {{"status", "mailed"}});
           }));
}

}  // namespace server::http
