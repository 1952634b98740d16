#include "server/http/access_log.h"

#include <chrono>
#include <cmath>
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
  const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count();
  // The date part changes once a second: each thread formats it once a second, not per request.
  thread_local long long stamp_second = -1;
  thread_local char stamp[32];
  if (ms / 1000 != stamp_second) {
    stamp_second = ms / 1000;
    const std::time_t t = static_cast<std::time_t>(stamp_second);
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
  }
  std::string text;
  text.reserve(64 + address.size() + target.size());
  text += stamp;
  const int frac = static_cast<int>(ms % 1000);
  text += '.';
  text += static_cast<char>('0' + frac / 100);
  text += static_cast<char>('0' + frac / 10 % 10);
  text += static_cast<char>('0' + frac % 10);
  text += "Z ";
  text += address;
  text += " \"";
  text += method;
  text += ' ';
  // Strip anything that could forge a log line (the target is client-controlled).
  for (char c : target) text += (static_cast<unsigned char>(c) < 0x20 || c == '"') ? '?' : c;
  text += "\" ";
  text += std::to_string(status);
  text += ' ';
  text += std::to_string(bytes);
  text += ' ';
  const long hundredths = std::lround(millis * 100);
  text += std::to_string(hundredths / 100);
  text += '.';
  text += static_cast<char>('0' + hundredths / 10 % 10);
  text += static_cast<char>('0' + hundredths % 10);
  text += "ms\n";
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
