// /api/v1/auth/*: register, activate, login, logout, forgot, reset, confirm-email.
// Public except logout. Answers never tell whether an e-mail has an account.
#include "server/http/api.h"

namespace server::http {

void register_auth_routes(Router& svr, Context& ctx) {
  const bool secure = cookies_secure(ctx.config);

  svr.Post("/api/v1/auth/register", [&ctx](const Request& req, Response& res) {
    core::api::RegisterRequest body;
    if (!read_body(req, res, body)) return;
    send_outcome(res, ctx.accounts.register_account(std::move(body), client_address(req, ctx.config)),
                 {{"status", "activation_sent"}});
  });

  svr.Post("/api/v1/auth/activate", [&ctx](const Request& req, Response& res) {
    core::api::TokenRequest body;
    if (!read_body(req, res, body)) return;
    send_outcome(res, ctx.accounts.activate(body), {{"status", "activated"}});
  });

  svr.Post("/api/v1/auth/login", [&ctx, secure](const Request& req, Response& res) {
    core::api::LoginRequest body;
    if (!read_body(req, res, body)) return;
    auto r = ctx.accounts.login(body, client_address(req, ctx.config));
    if (!r.good()) {
      send_outcome(res, r.outcome);
      return;
    }
    set_session_cookie(res, r.value.token, r.value.persistent, r.value.max_age_s, secure);
    send_json(res, 200, {{"user", core::api::to_json(r.value.user)}});
  });

  svr.Post("/api/v1/auth/logout",
           authed(ctx, [&ctx, secure](const Request& req, Response& res,
                                      const services::SessionInfo& session) {
             core::api::LogoutRequest body;
             if (!read_body(req, res, body)) return;
             ctx.accounts.logout(session, body.all);
             clear_session_cookie(res, secure);
             send_no_content(res);
           }));

  svr.Post("/api/v1/auth/forgot", [&ctx](const Request& req, Response& res) {
    core::api::ForgotRequest body;
    if (!read_body(req, res, body)) return;
    send_outcome(res, ctx.accounts.forgot(body, client_address(req, ctx.config)));
  });

  svr.Post("/api/v1/auth/reset", [&ctx, secure](const Request& req, Response& res) {
    core::api::ResetRequest body;
    if (!read_body(req, res, body)) return;
    auto o = ctx.accounts.reset(body);
    if (o.good()) clear_session_cookie(res, secure);  // a reset ends every session, this browser's too
    send_outcome(res, o, {{"status", "password_reset"}});
  });

  // Extension of API.md: the reset page asks whether its link is still good before the customer
  // types a new password twice. Uses nothing up; answers as POST /auth/reset would for the token.
  svr.Post("/api/v1/auth/reset/check", [&ctx](const Request& req, Response& res) {
    core::api::TokenRequest body;
    if (!read_body(req, res, body)) return;
    send_outcome(res, ctx.accounts.check_reset(body), {{"status", "valid"}});
  });

  // Extension of API.md: whether this browser has a session, answered 200 either way (a page
  // load asks this first, and a 401 would be a console error in every signed-out browser).
  svr.Get("/api/v1/auth/session", [&ctx](const Request& req, Response& res) {
    auto session = session_of(req, ctx);
    if (!session) return send_json(res, 200, {{"user", nullptr}});
    auto me = ctx.accounts.me(session->account_id);
    send_json(res, 200, {{"user", me.good() ? core::api::to_json(me.value) : nlohmann::json(nullptr)}});
  });

  // Extension of API.md: the link mailed by POST /me/email opens /confirm-email?token=..., and
  // the client confirms with this call (with or without a session).
  svr.Post("/api/v1/auth/confirm-email", [&ctx](const Request& req, Response& res) {
    core::api::TokenRequest body;
    if (!read_body(req, res, body)) return;
    send_outcome(res, ctx.accounts.confirm_email(body), {{"status", "email_changed"}});
  });
}

}  // namespace server::http
