// Periodic clean-up: expired sessions, old tokens and throttle events. Every instance may run
// it; the deletes are idempotent.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace server::jobs {

class Periodic {
 public:
  Periodic(std::function<void()> work, int interval_s) : work_(std::move(work)), interval_s_(interval_s) {}
  ~Periodic() { stop(); }
  void start() {
    if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
  }
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stop_) {
      lock.unlock();
      try {
        work_();
      } catch (...) {  // the next round tries again; the database may be back by then
      }
      lock.lock();
      cv_.wait_for(lock, std::chrono::seconds(interval_s_), [this] { return stop_; });
    }
  }
  std::function<void()> work_;
  int interval_s_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace server::jobs
