// IndexedDB (database "portal", object store "records": {text, saved_at} by key). It outlives
// reloads and browser restarts, unlike the page, and unlike localStorage it is not limited to a few
// megabytes nor read synchronously on the UI thread. Without IndexedDB (some private modes) reads
// find nothing and writes are dropped: the portal then works as before, online only.
#include <emscripten.h>

#include "client/platform/storage.h"

namespace client::platform {

namespace {

// A read on its way: the JavaScript side hands the pointer back to portal_storage_read_done.
struct ReadJob {
  std::function<void(StoredText)> done;
  std::function<void()> on_done;
};

// clang-format off (the bodies are JavaScript: clang-format would break === and =>)
EM_JS(void, js_storage_open, (), {
  if (Module.portalRecords) return;
  Module.portalRecords = new Promise((resolve) => {
    let req = null;
    try {
      req = typeof indexedDB === 'undefined' ? null : indexedDB.open('portal', 1);
    } catch (e) {
    }
    if (!req) {
      resolve(null);
      return;
    }
    req.onupgradeneeded = () => req.result.createObjectStore('records');
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => db.close();  /* a newer portal in another tab upgrades the database */
      resolve(db);
    };
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
});

EM_JS(void, js_storage_read, (void* job, const char* key), {
  const k = UTF8ToString(key);
  const answer = (rec) => {
    const found = !!rec && typeof rec.text === 'string';
    const text = found ? rec.text : "";
    const n = lengthBytesUTF8(text) + 1;
    const p = _malloc(n);
    stringToUTF8(text, p, n);
    Module._portal_storage_read_done(job, found ? 1 : 0, p, found ? (rec.saved_at || 0) : 0);
    _free(p);
  };
  Module.portalRecords.then((db) => {
    if (!db) {
      answer(null);
      return;
    }
    try {
      const r = db.transaction('records', 'readonly').objectStore('records').get(k);
      r.onsuccess = () => answer(r.result);
      r.onerror = () => answer(null);
    } catch (e) {
      answer(null);
    }
  });
});

EM_JS(double, js_storage_write, (const char* key, const char* text), {
  const k = UTF8ToString(key);
  const rec = {text: UTF8ToString(text), saved_at: Math.floor(Date.now() / 1000)};
  Module.portalRecords.then((db) => {
    if (!db) return;
    try {
      db.transaction('records', 'readwrite').objectStore('records').put(rec, k);
    } catch (e) {
    }
  });
  return rec.saved_at;
});

EM_JS(void, js_storage_remove, (const char* key), {
  const k = UTF8ToString(key);
  Module.portalRecords.then((db) => {
    if (!db) return;
    try {
      db.transaction('records', 'readwrite').objectStore('records').delete(k);
    } catch (e) {
    }
  });
});
// clang-format on

class WebStorage final : public Storage {
 public:
  WebStorage() { js_storage_open(); }
  void read(const std::string& key, std::function<void(StoredText)> done) override {
    js_storage_read(new ReadJob{std::move(done), on_done_}, key.c_str());
  }
  int64_t write(const std::string& key, const std::string& text) override {
    return static_cast<int64_t>(js_storage_write(key.c_str(), text.c_str()));
  }
  void remove(const std::string& key) override { js_storage_remove(key.c_str()); }
};

}  // namespace

std::unique_ptr<Storage> make_storage() {
  return std::make_unique<WebStorage>();
}

}  // namespace client::platform

extern "C" {

// A read's answer from IndexedDB. Takes the job (made by WebStorage::read).
EMSCRIPTEN_KEEPALIVE void portal_storage_read_done(void* job, int found, const char* text, double saved_at) {
  auto* j = static_cast<client::platform::ReadJob*>(job);
  client::platform::StoredText t;
  t.found = found != 0;
  if (t.found) t.text = text;
  t.saved_at = static_cast<int64_t>(saved_at);
  auto done = std::move(j->done);
  auto wake = std::move(j->on_done);
  delete j;
  done(std::move(t));
  if (wake) wake();
}

}  // extern "C"
