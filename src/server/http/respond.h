// Writing API responses: JSON bodies and the one error shape of API.md.
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "server/http/message.h"

namespace server::http {

void send_json(Response& res, int status, const nlohmann::json& body);
void send_errors(Response& res, int status, const core::Errors& errors);
void send_error(Response& res, int status, std::string_view code, std::string_view field = {},
                nlohmann::json params = nlohmann::json::object());
void send_no_content(Response& res);  // 204

}  // namespace server::http
