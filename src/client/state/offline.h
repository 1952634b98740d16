// Offline, like an installed app: the signed-in customer's last loaded data (profile, contracts
// with their windows, readings, and /rules: the server's date, limits and operators) is kept in
// the browser (platform/storage.h: IndexedDB) and shown, marked as such, when the server cannot be
// reached; a reading typed without network waits in a queue there, survives reloads and browser
// restarts, and is sent when the network returns, in order, with its Idempotency-Key, so a retry
// never stores it twice. The server's verdict reaches the customer: accepted; a question (409)
// or errors (422) with the reading back in the submission form; after its window closed, kept as
// an own record (nothing a customer typed is lost). Logging out wipes the copy and the queue
// (after a warning if something is unsent); another account never sees the previous one's copy.
// Also here: a new release waiting to take over (web/sw.js).
//
// Records (by key): "device" {account, logout_owed}; "data/<account>" the copy; "queue/<account>"
// the readings waiting. docs/architecture.md "Offline" tells the whole story.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "client/platform/storage.h"
#include "client/state/feature.h"
#include "core/reading_rules.h"

namespace client {

// [SECTION] State slice
// A reading typed without network (or behind one that was), waiting in this device's queue.
struct PendingReading {
  enum class Status {
    waiting,   // goes when the network returns
    sending,   // on its way
    question,  // the server asked (409 unusual / tariff mix-up): back in the form to confirm or correct
    refused,   // the server refused it (422, 404, 409 duplicate): back in the form to correct
  };
  std::string key;                // its Idempotency-Key: every attempt sends it, the server stores it once
  std::string metering_point_id;
  core::Submission submission;    // as typed: date, type, values, meter_replaced, confirm_unusual
  Status status = Status::waiting;
  core::Errors answer;            // the server's question or errors (question, refused)
  bool late = false;              // reached the server after its window closed: sent as an own record
};

struct OfflineView {
  bool from_cache = false;            // the server cannot be reached: what is shown is this device's copy
  int64_t loaded_at = 0;              // when that copy was saved (Unix seconds, the device's clock)
  bool restoring = false;             // the copy is being read at start
  std::vector<PendingReading> queue;  // oldest first; a meter's readings go in this order
  std::string confirming;             // the queued reading the submission form's confirmation shows
  std::string editing;                // the returned reading in the submission form (its key goes along)
  bool update_ready = false;          // a new release is installed: it takes over at the next navigation
};

const PendingReading* find_pending(const OfflineView& v, const std::string& key);
// The readings of a meter still in the queue (not yet accepted), oldest first.
std::vector<const PendingReading*> pending_of(const OfflineView& v, const std::string& metering_point_id);
// A returned reading of this meter waiting for the customer's answer (question or refused), or nullptr.
const PendingReading* returned_of(const OfflineView& v, const std::string& metering_point_id);

// [SECTION] Feature
class Offline : public Feature {
 public:
  Offline(FeatureContext ctx, platform::Storage& storage) : Feature(ctx), storage_(storage) {}
  const char* name() const override { return "offline"; }
  void enter(const Route& r) override;        // a returned reading back in its meter's form
  bool apply(const Action& a) override;       // logout with readings unsent: a warning first
  bool confirmed(const std::string& kind, const std::string& id) override;
  bool retry(const std::string& what, const std::string& id) override;  // "pending", "update"
  void signed_out() override;                 // the copy goes; the queue too, unless the session expired

  // [SECTION] For the Store
  void start();                               // reads this device's records (once per page)
  void when_restored(std::function<void()> then);  // runs `then` once they are read (at once if they are)
  bool restore_session();                     // no network at start: the device's customer and copy
  bool restore_rules();                       // no network at start: the copy's /rules
  bool owes_logout() const { return logout_owed_; }
  void pay_logout();                          // the logout that found no network, sent now
  void signed_in(const core::api::User& u);   // the server confirmed a session (not the copy)
  void session_expired() { keep_queue_ = true; }  // 401: the queue stays for this account's next login
  void heard(bool reached) { heard_ = reached ? 1 : -1; }  // every answer (0 = none) tells if the server is there
  void replies_arrived();                     // after replies: fall back to the copy, save what was loaded
  void network_changed(bool online);          // the browser's online/offline events
  void owe_logout() { logout_owed_ = true; }  // the logout request found no network

  // [SECTION] For the submission (state/readings.cpp)
  bool holds_back(const std::string& metering_point_id) const;  // earlier readings wait: a new one joins them
  // Queues a reading (or updates the returned one with this key) to go when the network returns.
  void keep(const std::string& metering_point_id, const core::Submission& s, const std::string& key);
  // The server asked or refused: the reading (as last sent) waits for the customer's answer.
  void answered(const std::string& key, const core::Submission& s, const core::Errors& answer, bool question);
  void settled(const std::string& key);       // accepted (or discarded): out of the queue
  void send_queue();                          // the next waiting reading of every meter, in order

 private:
  void read(const std::string& key, std::function<void(const platform::StoredText&)> then);
  void restored();
  void save_device();
  void save_queue();
  void save_copy();
  void fall_back_to_copy();
  void back_online();
  void send_reading(PendingReading& p);
  void take_into_form(const PendingReading& p);
  PendingReading* find(const std::string& key);

  platform::Storage& storage_;
  bool started_ = false;           // start() ran
  bool restored_ = false;          // the records are read
  std::vector<std::function<void()>> after_restore_;
  std::string account_;            // whose copy and queue this device holds ("" = none)
  std::string queue_of_;           // whose queue is in the state
  bool logout_owed_ = false;       // signed out without network: the server still has the session
  bool confirmed_ = false;         // the server confirmed this page's session
  bool restoring_session_ = false; // signed_in() comes from the copy, not the server
  bool keep_queue_ = false;        // the next signed_out() is an expired session's
  bool logout_confirmed_ = false;  // the customer saw the warning: the logout goes through
  int heard_ = 0;                  // since the last replies: 1 the server answered, -1 nothing answered
  nlohmann::json copy_;            // the copy as last read or written
  std::string written_;            // its text as last written (unchanged data is not written again)
};

}  // namespace client
