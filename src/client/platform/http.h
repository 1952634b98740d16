// HTTP for the client: the browser's fetch (emscripten_fetch, same origin, the session cookie
// goes with it) in the wasm build; cpp-httplib with a cookie jar natively (tests against a real
// server). Split by file (http_web.cpp, http_native.cpp), never by #ifdef in callers.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace client::platform {

struct HttpRequest {
  std::string method = "GET";
  std::string path;                                          // "/api/v1/..."
  std::string body;                                          // JSON text, "" = none
  std::vector<std::pair<std::string, std::string>> headers;  // extra (Idempotency-Key, ...)
};

struct HttpResponse {
  int status = 0;                 // 0 = no answer (network down, server unreachable)
  std::string body;
  std::string content_type;
  std::string retry_after;        // seconds, on 429
  std::string content_disposition;
};

class Http {
 public:
  virtual ~Http() = default;
  // Sends; `done` runs later on the UI thread (web: from the browser's event loop; native: in poll()).
  virtual void send(HttpRequest req, std::function<void(HttpResponse)> done) = 0;
  virtual void poll() {}             // native: deliver finished responses
  virtual int in_flight() const = 0;  // requests sent and not answered yet
  // Called after an answer was delivered (the app wakes its frame loop: frames are on demand).
  void set_on_answer(std::function<void()> f) { on_answer_ = std::move(f); }

 protected:
  std::function<void()> on_answer_;
};

// The browser's same-origin fetch (wasm), or a client for `base_url` with a cookie jar (native).
std::unique_ptr<Http> make_http(const std::string& base_url);

}  // namespace client::platform
