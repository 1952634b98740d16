// /api/v1/me*: the signed-in customer's own account (its export also mailed, for a kiosk).
#include "server/http/api.h"
#include "server/services/contracts.h"
#include "server/services/invoices.h"
#include "server/services/file_mail.h"
#include "server/services/questions.h"
#include "server/services/readings.h"

namespace server::http {

namespace {

void send_user(Response& res, const services::Result<core::api::User>& r) {
  if (!r.good()) {
    send_outcome(res, r.outcome);
    return;
  }
  send_json(res, 200, {{"user", core::api::to_json(r.value)}});
}

constexpr const char* kMyDataFile = "moji-podatki.json";

// Everything the portal holds about the customer (GET /me/export, or mailed from a kiosk).
nlohmann::json my_data(Context& ctx, int64_t account_id) {
  return {{"exported_at", ctx.clock.now_iso()},
          {"account", ctx.accounts.export_account(account_id)},
          {"contracts", ctx.contracts.export_links(account_id)},
          {"readings", ctx.readings.export_submissions(account_id)},
          {"questions", ctx.questions.export_questions(account_id)},
          {"invoices", ctx.invoices.export_invoices(account_id)}};
}

}  // namespace

void register_me_routes(Router& svr, Context& ctx) {
  const bool secure = cookies_secure(ctx.config);

  svr.Get("/api/v1/me", authed(ctx, [&ctx](const Request&, Response& res,
                                            const services::SessionInfo& s) { send_user(res, ctx.accounts.me(s.account_id)); }));

  svr.Patch("/api/v1/me", authed(ctx, [&ctx](const Request& req, Response& res,
                                              const services::SessionInfo& s) {
              core::api::ProfilePatch body;
              if (!read_body(req, res, body)) return;
              send_user(res, ctx.accounts.update_profile(s.account_id, body));
            }));

  svr.Post("/api/v1/me/email", authed(ctx, [&ctx](const Request& req, Response& res,
                                                   const services::SessionInfo& s) {
             core::api::EmailChangeRequest body;
             if (!read_body(req, res, body)) return;
             send_outcome(res, ctx.accounts.change_email(s.account_id, body), {{"status", "confirmation_sent"}});
           }));

  svr.Post("/api/v1/me/password", authed(ctx, [&ctx](const Request& req, Response& res,
                                                      const services::SessionInfo& s) {
             core::api::PasswordChangeRequest body;
             if (!read_body(req, res, body)) return;
             send_outcome(res, ctx.accounts.change_password(s, body), {{"status", "password_changed"}});
           }));

  svr.Post("/api/v1/me/phone/verify", authed(ctx, [&ctx](const Request&, Response& res,
                                                          const services::SessionInfo& s) {
             send_outcome(res, ctx.accounts.send_phone_code(s.account_id), {{"status", "code_sent"}});
           }));

  svr.Post("/api/v1/me/phone/confirm", authed(ctx, [&ctx](const Request& req, Response& res,
                                                           const services::SessionInfo& s) {
             core::api::PhoneConfirmRequest body;
             if (!read_body(req, res, body)) return;
             send_user(res, ctx.accounts.confirm_phone(s.account_id, body));
           }));

  svr.Get("/api/v1/me/export", authed(ctx, [&ctx](const Request&, Response& res,
                                                   const services::SessionInfo& s) {
            send_json(res, 200, my_data(ctx, s.account_id));
            res.set_header("Content-Disposition", "attachment; filename=\"" + std::string(kMyDataFile) + "\"");
          }),
          Work::blocking);  // everything the account has

  // A kiosk: the same file mailed to the customer's own address (docs/api.md).
  svr.Post("/api/v1/me/export/mail", authed(ctx, [&ctx](const Request&, Response& res,
                                                         const services::SessionInfo& s) {
             const mail::Attachment file{kMyDataFile, "application/json", my_data(ctx, s.account_id).dump(2)};
             send_outcome(res, ctx.file_mail.mail(s.account_id, "export_my_data", file, nlohmann::json::object()),
                          {{"status", "mailed"}});
           }));

  svr.Delete("/api/v1/me", authed(ctx, [&ctx, secure](const Request& req, Response& res,
                                                       const services::SessionInfo& s) {
               core::api::DeleteAccountRequest body;
               if (!read_body(req, res, body)) return;
               auto o = ctx.accounts.delete_account(s.account_id, body);
               if (o.good()) clear_session_cookie(res, secure);
               send_outcome(res, o);
             }));
}

}  // namespace server::http
