// The page: history.pushState/replaceState, document.title and lang, a Blob download,
// localStorage (and sessionStorage for a kiosk's tab), and a kiosk's wipe after a customer.
// popstate comes back through portal_popstate (app/), wired by shell/bridge.js.
#include <emscripten.h>

#include <nlohmann/json.hpp>

#include <cstdlib>

#include "client/platform/browser.h"

namespace client::platform {

namespace {

// clang-format off (the bodies are JavaScript: clang-format would break === and =>)
EM_JS(void, js_push_path, (const char* path, int replace), {
  const p = UTF8ToString(path);
  if (location.pathname + location.search === p) return;
  if (!replace && window.PortalBridge && PortalBridge.navigateToNewVersion(p)) return;  /* [offline] */
  if (replace) history.replaceState(null, "", p);
  else history.pushState(null, "", p);
});

EM_JS(void, js_set_title, (const char* title), { document.title = UTF8ToString(title); });

EM_JS(void, js_set_language, (const char* code), { document.documentElement.lang = UTF8ToString(code); });

EM_JS(void, js_download, (const char* name, const char* mime, const unsigned char* bytes, int size), {
  const data = HEAPU8.slice(bytes, bytes + size);
  const blob = new Blob([data], {type: UTF8ToString(mime) || 'application/octet-stream'});
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = UTF8ToString(name);
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 1000);
});

// Within the customer's tap (the frame runs inside the gesture's activation window), so phones
// open the dialler or the mail app and the page stays; window.portal.contacts records it. (A
// clicked <a href> did the same but left headless Chromium's input stalled.)
EM_JS(void, js_open_contact, (const char* url), {
  const href = UTF8ToString(url);
  if (!/^(mailto|tel):/.test(href)) return;
  (window.portal.contacts = window.portal.contacts || []).push(href);
  window.location.href = href;
});

EM_JS(void, js_open_link, (const char* url), {
  const href = UTF8ToString(url);
  if (!href.startsWith('https:' + '//') && !href.startsWith('http:' + '//')) return;  // no // in a macro
  (window.portal.links = window.portal.links || []).push(href);
  window.open(href, '_blank', 'noopener,noreferrer');
});

EM_JS(void, js_copy_text, (const char* text), {
  const t = UTF8ToString(text);
  (window.portal.copied = window.portal.copied || []).push(t);
  if (navigator.clipboard) navigator.clipboard.writeText(t).catch(() => {});
});

// tab: this tab's sessionStorage (a kiosk's settings) instead of localStorage.
EM_JS(char*, js_load_setting, (const char* key, int tab), {
  let v = null;
  try {
    v = (tab ? sessionStorage : localStorage).getItem('portal.' + UTF8ToString(key));
  } catch (e) {
  }
  v = v || "";
  const n = lengthBytesUTF8(v) + 1;
  const p = _malloc(n);
  stringToUTF8(v, p, n);
  return p;
});

EM_JS(void, js_save_setting, (const char* key, const char* value, int tab), {
  try {
    const store = tab ? sessionStorage : localStorage;
    const v = UTF8ToString(value);
    if (v) store.setItem('portal.' + UTF8ToString(key), v); else store.removeItem('portal.' + UTF8ToString(key));
  } catch (e) {
  }
});

// [SECTION] Kiosk: after a customer, nothing of theirs stays in the page's storage. The session
// cookie is HttpOnly (the server's logout ends it); the others the page sees are expired on every
// path above this one. The service worker's cache holds only the app's files: any API answer in
// it goes, other caches go whole. window.portal.wipes counts the finished wipes (tests).
EM_JS(void, js_forget_customer, (const char* keep_json), {
  const keep = JSON.parse(UTF8ToString(keep_json)).map((k) => 'portal.' + k);
  try {
    localStorage.clear();
    for (let i = sessionStorage.length - 1; i >= 0; --i)
      if (keep.indexOf(sessionStorage.key(i)) < 0) sessionStorage.removeItem(sessionStorage.key(i));
  } catch (e) {
  }
  const paths = ['/'];
  let prefix = "";
  for (const part of location.pathname.split('/').filter((x) => x)) paths.push(prefix += '/' + part);
  for (const c of document.cookie.split(';')) {
    const name = c.split('=')[0].trim();
    if (!name) continue;
    for (const p of paths) {
      document.cookie = name + '=; Max-Age=0; path=' + p;
      document.cookie = name + '=; Max-Age=0; path=' + p + '; domain=' + location.hostname;
    }
  }
  const pending = [];
  if (self.indexedDB && indexedDB.databases) {
    pending.push(indexedDB.databases().then((list) => Promise.all(list.map((d) => new Promise((done) => {
      const r = indexedDB.deleteDatabase(d.name);
      r.onsuccess = r.onerror = r.onblocked = done;
    })))));
  }
  if (self.caches) {
    pending.push(caches.keys().then((names) => Promise.all(names.map((n) => (!n.startsWith('portal-')
      ? caches.delete(n)
      : caches.open(n).then((c) => c.keys().then((reqs) => Promise.all(reqs
        .filter((r) => new URL(r.url).pathname.startsWith('/api/')).map((r) => c.delete(r))))))))));
  }
  Promise.all(pending).catch(() => {}).then(() => { window.portal.wipes = (window.portal.wipes || 0) + 1; });
});

EM_JS(char*, js_random_id, (), {
  const v = (self.crypto && crypto.randomUUID) ? crypto.randomUUID()
      : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join("");
  const n = lengthBytesUTF8(v) + 1;
  const p = _malloc(n);
  stringToUTF8(v, p, n);
  return p;
});

// [offline] The installed new release takes over (shell/bridge.js) and the page reloads.
EM_JS(void, js_activate_new_version, (), {
  if (window.PortalBridge) PortalBridge.activateNewVersion();
});

// clang-format on

std::string take(char* p) {
  std::string s = p ? p : "";
  std::free(p);
  return s;
}

class WebBrowser final : public Browser {
 public:
  void push_path(const std::string& p) override { js_push_path(p.c_str(), 0); }
  void replace_path(const std::string& p) override { js_push_path(p.c_str(), 1); }
  void set_title(const std::string& t) override { js_set_title(t.c_str()); }
  void set_language(const std::string& c) override { js_set_language(c.c_str()); }
  void download(const std::string& n, const std::string& m, const std::string& b) override {
    js_download(n.c_str(), m.c_str(), reinterpret_cast<const unsigned char*>(b.data()), static_cast<int>(b.size()));
  }
  std::string load_setting(const std::string& k) override { return take(js_load_setting(k.c_str(), 0)); }
  void save_setting(const std::string& k, const std::string& v) override { js_save_setting(k.c_str(), v.c_str(), 0); }
  void open_contact(const std::string& url) override { js_open_contact(url.c_str()); }
  void open_link(const std::string& url) override { js_open_link(url.c_str()); }
  void copy_text(const std::string& text) override { js_copy_text(text.c_str()); }
  std::string random_id() override { return take(js_random_id()); }
  std::string load_tab_setting(const std::string& k) override { return take(js_load_setting(k.c_str(), 1)); }
  void save_tab_setting(const std::string& k, const std::string& v) override {
    js_save_setting(k.c_str(), v.c_str(), 1);
  }
  void forget_customer(const std::vector<std::string>& keep) override {
    js_forget_customer(nlohmann::json(keep).dump().c_str());
  }
  void activate_new_version() override { js_activate_new_version(); }
};

}  // namespace

std::unique_ptr<Browser> make_browser() {
  return std::make_unique<WebBrowser>();
}

}  // namespace client::platform
