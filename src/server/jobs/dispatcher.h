// Delivers queued messages: claims due ones from the database, sends them through the Mailer or
// SmsSender, marks them sent, and retries failures with back-off (30 s, 1, 2, 4 ... minutes,
// at most an hour apart). Runs on its own thread: a slow SMTP server or SMS gateway never
// blocks a request. Safe with several server instances (claims are leased in the database).
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "server/clock.h"
#include "server/mail/senders.h"
#include "server/storage/database.h"

namespace server::jobs {

class Dispatcher {
 public:
  Dispatcher(storage::Database& db, const Clock& clock, std::unique_ptr<mail::Mailer> mailer,
             std::unique_ptr<mail::SmsSender> sms, mail::LogLine log, int retry_seconds = 30);
  ~Dispatcher();
  void start();
  void stop();
  void notify();          // something was enqueued: look now instead of at the next poll
  int run_once();         // one pass: claims and sends what is due; returns how many were sent

 private:
  void loop();
  storage::Database& db_;
  const Clock& clock_;
  std::unique_ptr<mail::Mailer> mailer_;
  std::unique_ptr<mail::SmsSender> sms_;
  mail::LogLine log_;
  int retry_seconds_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool wake_ = false;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace server::jobs
