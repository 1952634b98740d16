// Native HTTP for the client's state and api tests: cpp-httplib against a real server, with a
// cookie jar like a browser's. Requests run when sent; answers are delivered in poll(), like the
// browser's event loop delivers them between frames.
#include <httplib.h>

#include <deque>
#include <map>

#include "client/platform/http.h"

namespace client::platform {

namespace {

class NativeHttp final : public Http {
 public:
  explicit NativeHttp(const std::string& base) : client_(base) {
    client_.set_connection_timeout(5);
    client_.set_read_timeout(30);
  }

  void send(HttpRequest req, std::function<void(HttpResponse)> done) override {
    httplib::Headers headers;
    for (auto& [k, v] : req.headers) headers.emplace(k, v);
    if (!cookies_.empty()) {
      std::string c;
      for (auto& [k, v] : cookies_) c += (c.empty() ? "" : "; ") + k + "=" + v;
      headers.emplace("Cookie", c);
    }
    httplib::Result res =
        req.method == "GET" ? client_.Get(req.path.c_str(), headers)
        : req.method == "DELETE"
            ? (req.body.empty() ? client_.Delete(req.path.c_str(), headers)
                                : client_.Delete(req.path.c_str(), headers, req.body, "application/json"))
        : req.method == "PUT"   ? client_.Put(req.path.c_str(), headers, req.body, "application/json")
        : req.method == "PATCH" ? client_.Patch(req.path.c_str(), headers, req.body, "application/json")
                                : client_.Post(req.path.c_str(), headers, req.body, "application/json");
    HttpResponse r;
    if (res) {
      r.status = res->status;
      r.body = res->body;
      r.content_type = res->get_header_value("Content-Type");
      r.retry_after = res->get_header_value("Retry-After");
      r.content_disposition = res->get_header_value("Content-Disposition");
      for (size_t i = 0; i < res->get_header_value_count("Set-Cookie"); ++i)
        remember(res->get_header_value("Set-Cookie", i));
    }
    done_.emplace_back(std::move(done), std::move(r));
  }

  void poll() override {
    auto ready = std::move(done_);
    done_.clear();
    for (auto& [cb, r] : ready) cb(std::move(r));
  }

  int in_flight() const override { return static_cast<int>(done_.size()); }

 private:
  void remember(const std::string& set_cookie) {
    const auto eq = set_cookie.find('=');
    if (eq == std::string::npos) return;
    const std::string name = set_cookie.substr(0, eq);
    const std::string value = set_cookie.substr(eq + 1, set_cookie.find(';') - eq - 1);
    if (set_cookie.find("Max-Age=0") != std::string::npos || value.empty())
      cookies_.erase(name);
    else
      cookies_[name] = value;
  }

  httplib::Client client_;
  std::map<std::string, std::string> cookies_;
  std::deque<std::pair<std::function<void(HttpResponse)>, HttpResponse>> done_;
};

}  // namespace

std::unique_ptr<Http> make_http(const std::string& base_url) {
  return std::make_unique<NativeHttp>(base_url);
}

}  // namespace client::platform
