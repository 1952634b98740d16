#include "server/http/access_log.h"

#include <chrono>
#include <ctime>

namespace server::http {

AccessLog::AccessLog(std::FILE* out) : out_(out), thread_([this] { run(); }) {}

AccessLog::~AccessLog() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void AccessLog::write(const std::string& address, const std::string& method, const std::string& target,
                      int status, size_t bytes, double millis) {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  const std::time_t t = system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[40];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
  char tail[96];
  std::snprintf(tail, sizeof tail, "\" %d %zu %.2fms\n", status, bytes, millis);
  char head[64];
  std::snprintf(head, sizeof head, "%s.%03dZ ", stamp, static_cast<int>(ms));
  // Strip anything that could forge a log line (the target is client-controlled).
  std::string safe_target;
  safe_target.reserve(target.size());
  for (char c : target) safe_target += (static_cast<unsigned char>(c) < 0x20 || c == '"') ? '?' : c;
  std::string text = head + address + " \"" + method + " " + safe_target + tail;
  line(text);
}

void AccessLog::line(const std::string& text) {
  bool big;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    buffer_ += text;
    if (buffer_.empty() || buffer_.back() != '\n') buffer_ += '\n';
    big = buffer_.size() > 64 * 1024;
  }
  if (big) wake_.notify_one();
}

void AccessLog::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, std::chrono::milliseconds(100));
    if (!buffer_.empty()) {
      std::string out;
      out.swap(buffer_);
      lock.unlock();
      std::fwrite(out.data(), 1, out.size(), out_);
      std::fflush(out_);
      lock.lock();
    }
    if (stop_ && buffer_.empty()) return;
  }
}

}  // namespace server::http
