// emscripten_fetch, same origin: the browser sends the session cookie (HttpOnly, SameSite=Strict)
// and every answer, error statuses included, comes back with its body.
#include <emscripten/fetch.h>

#include <cctype>
#include <cstring>

#include "client/platform/http.h"

namespace client::platform {

namespace {

struct InFlight {
  std::function<void(HttpResponse)> done;
  std::function<void()> on_answer;
  std::string method, body;
  std::vector<std::string> header_storage;
  std::vector<const char*> headers;
  int* counter = nullptr;
};

std::string header_value(emscripten_fetch_t* f, const char* name) {
  const size_t len = emscripten_fetch_get_response_headers_length(f);
  if (len == 0) return {};
  std::string all(len + 1, '\0');
  emscripten_fetch_get_response_headers(f, all.data(), all.size());
  // "name: value\r\n" lines; names compared case-insensitively.
  size_t pos = 0;
  const size_t n = std::strlen(name);
  while (pos < all.size()) {
    size_t end = all.find('\n', pos);
    if (end == std::string::npos) end = all.size();
    std::string line = all.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > n && line[n] == ':') {
      bool same = true;
      for (size_t i = 0; i < n; ++i)
        if (std::tolower(static_cast<unsigned char>(line[i])) != std::tolower(static_cast<unsigned char>(name[i])))
          same = false;
      if (same) {
        std::string v = line.substr(n + 1);
        v.erase(0, v.find_first_not_of(' '));
        return v;
      }
    }
    pos = end + 1;
  }
  return {};
}

void finish(emscripten_fetch_t* f) {
  auto* job = static_cast<InFlight*>(f->userData);
  HttpResponse r;
  r.status = f->status;
  if (f->numBytes > 0 && f->data) r.body.assign(f->data, static_cast<size_t>(f->numBytes));
  r.content_type = header_value(f, "content-type");
  r.retry_after = header_value(f, "retry-after");
  r.content_disposition = header_value(f, "content-disposition");
  emscripten_fetch_close(f);
  --*job->counter;
  auto done = std::move(job->done);
  auto wake = std::move(job->on_answer);
  delete job;
  done(std::move(r));
  if (wake) wake();
}

class WebHttp final : public Http {
 public:
  void send(HttpRequest req, std::function<void(HttpResponse)> done) override {
    auto* job = new InFlight;
    job->done = std::move(done);
    job->method = req.method;
    job->body = std::move(req.body);
    job->counter = &in_flight_;
    job->on_answer = on_answer_;
    if (!job->body.empty()) {
      job->header_storage.push_back("Content-Type");
      job->header_storage.push_back("application/json");
    }
    for (auto& [k, v] : req.headers) {
      job->header_storage.push_back(k);
      job->header_storage.push_back(v);
    }
    for (const auto& s : job->header_storage) job->headers.push_back(s.c_str());
    job->headers.push_back(nullptr);
    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strncpy(attr.requestMethod, job->method.c_str(), sizeof attr.requestMethod - 1);
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY | EMSCRIPTEN_FETCH_REPLACE;
    attr.requestHeaders = job->headers.data();
    if (!job->body.empty()) {
      attr.requestData = job->body.data();
      attr.requestDataSize = job->body.size();
    }
    attr.userData = job;
    attr.onsuccess = finish;
    attr.onerror = finish;  // statuses >= 400 and network errors (status 0) alike
    ++in_flight_;
    emscripten_fetch(&attr, req.path.c_str());
  }
  int in_flight() const override { return in_flight_; }

 private:
  int in_flight_ = 0;
};

}  // namespace

std::unique_ptr<Http> make_http(const std::string&) {
  return std::make_unique<WebHttp>();
}

}  // namespace client::platform
