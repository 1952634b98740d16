// What the app keeps in the browser beyond the page (IndexedDB, per origin): the signed-in
// customer's last loaded data and the readings waiting to be sent (state/offline.cpp). Records are
// text by key, each stamped with the device's clock when written. Reads are asynchronous in the
// browser (IndexedDB), so they answer through a callback; writes are fire-and-forget and applied in
// order. storage_web.cpp talks to IndexedDB; MemoryStorage (storage_native.cpp) keeps records in
// memory for the native state tests and for a browser without IndexedDB.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

namespace client::platform {

struct StoredText {
  bool found = false;    // a record with this key exists
  std::string text;      // its text
  int64_t saved_at = 0;  // when it was written (Unix seconds, the device's clock)
};

class Storage {
 public:
  virtual ~Storage() = default;
  // `done` runs later on the UI thread (web: from the browser's event loop), also when the read failed
  // (as not found).
  virtual void read(const std::string& key, std::function<void(StoredText)> done) = 0;
  // Returns the stamp the record gets (Unix seconds, the device's clock).
  virtual int64_t write(const std::string& key, const std::string& text) = 0;
  virtual void remove(const std::string& key) = 0;
  // Called after a read's answer was delivered (the app wakes its frame loop: frames are on demand).
  void set_on_done(std::function<void()> f) { on_done_ = std::move(f); }

 protected:
  std::function<void()> on_done_;
};

// Records in memory: reads answer at once; the stamp is `clock` (tests set it).
struct MemoryStorage : Storage {
  std::map<std::string, StoredText> records;
  int64_t clock = 1796115600;  // 2026-12-01 10:00 in Ljubljana
  int reads = 0;               // reads asked for

  void read(const std::string& key, std::function<void(StoredText)> done) override {
    ++reads;
    auto it = records.find(key);
    done(it == records.end() ? StoredText{} : it->second);
    if (on_done_) on_done_();
  }
  int64_t write(const std::string& key, const std::string& text) override {
    records[key] = StoredText{true, text, clock};
    return clock;
  }
  void remove(const std::string& key) override { records.erase(key); }
};

std::unique_ptr<Storage> make_storage();  // IndexedDB (wasm) or a MemoryStorage (native)

}  // namespace client::platform
