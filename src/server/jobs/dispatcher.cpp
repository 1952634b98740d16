#include "server/jobs/dispatcher.h"

#include <nlohmann/json.hpp>

#include "server/storage/message_store.h"

namespace server::jobs {

Dispatcher::Dispatcher(storage::Database& db, const Clock& clock, std::unique_ptr<mail::Mailer> mailer,
                       std::unique_ptr<mail::SmsSender> sms, mail::LogLine log, int retry_seconds)
    : db_(db),
      clock_(clock),
      mailer_(std::move(mailer)),
      sms_(std::move(sms)),
      log_(std::move(log)),
      retry_seconds_(retry_seconds) {}

Dispatcher::~Dispatcher() { stop(); }

void Dispatcher::start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
}

void Dispatcher::stop() {
  stop_ = true;
  notify();
  if (thread_.joinable()) thread_.join();
}

void Dispatcher::notify() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    wake_ = true;
  }
  cv_.notify_one();
}

int Dispatcher::run_once() {
  const int64_t now = clock_.now();
  std::vector<storage::QueuedMessage> due;
  try {
    due = db_.write([&](storage::Connection& c) { return storage::messages::claim_due(c, now, 20, now + 120); });
  } catch (const std::exception& e) {
    if (log_) log_(std::string("dispatcher: cannot claim messages: ") + e.what());
    return 0;
  }
  int sent = 0;
  for (const auto& m : due) {
    std::string error;
    bool ok = false;
    if (m.channel == "sms") {
      ok = sms_->send(mail::Sms{m.recipient, m.body_text}, error);
    } else {
      mail::Email e;
      e.to = m.recipient;
      e.subject = m.subject;
      e.text = m.body_text;
      e.html = m.body_html;
      e.attachments = mail::attachments_from_json(m.attachments_json);
      auto headers = nlohmann::json::parse(m.headers_json, nullptr, false);
      if (headers.is_array())
        for (const auto& h : headers)
          if (h.is_array() && h.size() == 2 && h[0].is_string() && h[1].is_string())
            e.headers.emplace_back(h[0].get<std::string>(), h[1].get<std::string>());
      for (auto it = e.headers.begin(); it != e.headers.end();) {
        if (it->first == "From") {
          e.from = it->second;
          it = e.headers.erase(it);
        } else {
          ++it;
        }
      }
      ok = mailer_->send(e, clock_.now(), error);
    }
    try {
      db_.write([&](storage::Connection& c) {
        if (ok) {
          storage::messages::mark_sent(c, m.id, clock_.now());
        } else {
          const int64_t backoff = std::min<int64_t>(3600, int64_t(retry_seconds_) << std::min(m.attempts - 1, 7));
          storage::messages::mark_failed(c, m.id, error, clock_.now() + backoff);
        }
      });
    } catch (const std::exception& e) {
      if (log_) log_(std::string("dispatcher: cannot record delivery: ") + e.what());
    }
    if (ok) {
      ++sent;
    } else if (log_) {
      log_("delivery of message " + std::to_string(m.id) + " to " + m.recipient + " failed (attempt " +
           std::to_string(m.attempts) + "): " + error);
    }
  }
  return sent;
}

void Dispatcher::loop() {
  while (!stop_) {
    const int sent = run_once();
    std::unique_lock<std::mutex> lock(mutex_);
    if (sent == 20) continue;  // more may be due
    cv_.wait_for(lock, std::chrono::seconds(1), [this] { return wake_ || stop_.load(); });
    wake_ = false;
  }
}

}  // namespace server::jobs
