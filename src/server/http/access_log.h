// One line per request, buffered and flushed by a background thread (so logging never makes a
// request wait for the terminal), in a format both people and grep read:
//   2026-11-25T12:00:00.123Z 127.0.0.1 "GET /api/v1/health" 200 45 0.31ms
#pragma once

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

namespace server::http {

class AccessLog {
 public:
  explicit AccessLog(std::FILE* out);
  ~AccessLog();
  void write(const std::string& address, const std::string& method, const std::string& target, int status,
             size_t bytes, double millis);
  void line(const std::string& text);  // any other log line, same ordering and buffering

 private:
  void run();
  std::FILE* out_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::string buffer_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace server::http
