#include "server/http/respond.h"

namespace server::http {

void send_json(Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void send_errors(Response& res, int status, const core::Errors& errors) {
  send_json(res, status, core::to_json(errors));
}

void send_error(Response& res, int status, std::string_view code, std::string_view field,
                nlohmann::json params) {
  send_errors(res, status, {core::make_error(code, field, std::move(params))});
}

void send_no_content(Response& res) {
  res.status = 204;
  res.set_header("Cache-Control", "no-store");
  res.body.clear();
}

}  // namespace server::http
