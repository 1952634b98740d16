// What a service call ended with: a status that the HTTP layer maps to a code (services know
// no HTTP), the errors of API.md, and for throttling the seconds to wait.
#pragma once

#include <optional>
#include <utility>

#include "core/error.h"

namespace server::services {

enum class Status {
  ok,            // 200
  created,       // 201
  accepted,      // 202
  no_content,    // 204
  malformed,     // 400
  unauthorized,  // 401
  forbidden,     // 403
  not_found,     // 404
  conflict,      // 409
  invalid,       // 422
  throttled,     // 429 (retry_after seconds)
};

struct Outcome {
  Status status = Status::ok;
  core::Errors errors;
  int retry_after = 0;  // seconds, for throttled

  bool good() const {
    return status == Status::ok || status == Status::created || status == Status::accepted ||
           status == Status::no_content;
  }
  static Outcome with(Status s) { return Outcome{s, {}, 0}; }
  static Outcome fail(Status s, core::Errors e) { return Outcome{s, std::move(e), 0}; }
  static Outcome fail(Status s, std::string_view code, std::string_view field = {},
                      nlohmann::json params = nlohmann::json::object()) {
    return Outcome{s, {core::make_error(code, field, std::move(params))}, 0};
  }
  static Outcome throttle(std::string_view code, int retry_after) {
    Outcome o{Status::throttled, {core::make_error(code, {}, {{"retry_after_seconds", retry_after},
                                                               {"retry_after_minutes", (retry_after + 59) / 60}})},
              retry_after};
    return o;
  }
};

template <class T>
struct Result {
  Outcome outcome;
  T value{};
  bool good() const { return outcome.good(); }
};

}  // namespace server::services
