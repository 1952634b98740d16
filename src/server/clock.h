// The server's clock. In --dev mode PORTAL_NOW sets it at start-up, from where it advances in
// real time (API.md "Test clock"); otherwise it is the system clock. Services receive times
// from here and pass them into core: core never reads a clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/calendar.h"

namespace server {

class Clock {
 public:
  Clock() = default;
  // Starts at `start_unix` now and advances in real time.
  explicit Clock(int64_t start_unix) : offset_(start_unix - system_now()) {}

  int64_t now() const { return system_now() + offset_; }                 // Unix seconds
  core::Date today() const { return core::ljubljana_date(now()); }        // Slovenian civil date
  std::string now_iso() const { return core::format_instant_ljubljana(now()); }
  bool shifted() const { return offset_ != 0; }

 private:
  static int64_t system_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  int64_t offset_ = 0;
};

}  // namespace server
