// The browser around the app: the URL and history, the page title and language, file
// downloads, remembered settings (localStorage) and random ids. browser_web.cpp talks to the
// page; browser_native.cpp records what was asked (the state tests read it).
#pragma once

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace client::platform {

class Browser {
 public:
  virtual ~Browser() = default;
  virtual void push_path(const std::string& path) = 0;     // a new history entry
  virtual void replace_path(const std::string& path) = 0;  // this entry's URL (redirects)
  virtual void set_title(const std::string& title) = 0;
  virtual void set_language(const std::string& code) = 0;  // <html lang>
  virtual void download(const std::string& name, const std::string& mime, const std::string& bytes) = 0;
  virtual std::string load_setting(const std::string& key) = 0;
  virtual void save_setting(const std::string& key, const std::string& value) = 0;  // "" removes it
  virtual std::string random_id() = 0;  // a UUID for idempotency keys
  // Hands a mailto: or tel: address to the device (mail app, phone dialler); other schemes are
  // ignored.
  virtual void open_contact(const std::string& url) = 0;
  // Opens an http(s) address in a new tab (a content page's external link); others are ignored.
  virtual void open_link(const std::string& url) = 0;
  virtual void copy_text(const std::string& text) = 0;  // onto the clipboard
  // [SECTION] Kiosk: settings of this tab only (sessionStorage), and the wipe after a customer
  virtual std::string load_tab_setting(const std::string& key) = 0;
  virtual void save_tab_setting(const std::string& key, const std::string& value) = 0;
  // Forgets what the page holds of a customer: localStorage, sessionStorage but `keep_tab`,
  // cookies the page can see, IndexedDB databases, Cache Storage but the app's own files.
  virtual void forget_customer(const std::vector<std::string>& keep_tab) = 0;
  // [offline] A new release is installed (web/sw.js): it takes over now and the page reloads.
  virtual void activate_new_version() {}
};

// What the native Browser recorded.
struct RecordedBrowser : Browser {
  std::vector<std::string> history;   // paths pushed or replaced, in order
  std::string title, language;
  struct Download {
    std::string name, mime, bytes;
  };
  std::vector<Download> downloads;
  std::map<std::string, std::string> settings;
  std::vector<std::string> contacts;  // mailto:/tel: addresses opened
  std::vector<std::string> links;     // http(s) addresses opened
  std::vector<std::string> copied;    // texts put on the clipboard
  std::map<std::string, std::string> tab_settings;
  int forgotten = 0;                  // forget_customer() calls
  int ids = 0;

  void push_path(const std::string& p) override { history.push_back(p); }
  void replace_path(const std::string& p) override {
    if (history.empty()) history.push_back(p); else history.back() = p;
  }
  void set_title(const std::string& t) override { title = t; }
  void set_language(const std::string& c) override { language = c; }
  void download(const std::string& n, const std::string& m, const std::string& b) override {
    downloads.push_back({n, m, b});
  }
  std::string load_setting(const std::string& k) override {
    auto it = settings.find(k);
    return it == settings.end() ? "" : it->second;
  }
  void save_setting(const std::string& k, const std::string& v) override {
    if (v.empty()) settings.erase(k); else settings[k] = v;
  }
  std::string random_id() override { return "test-key-" + std::to_string(++ids); }
  void open_contact(const std::string& url) override { contacts.push_back(url); }
  void open_link(const std::string& url) override { links.push_back(url); }
  void copy_text(const std::string& text) override { copied.push_back(text); }
  std::string load_tab_setting(const std::string& k) override {
    auto it = tab_settings.find(k);
    return it == tab_settings.end() ? "" : it->second;
  }
  void save_tab_setting(const std::string& k, const std::string& v) override { tab_settings[k] = v; }
  void forget_customer(const std::vector<std::string>& keep) override {
    ++forgotten;
    settings.clear();
    for (auto it = tab_settings.begin(); it != tab_settings.end();)
      it = std::find(keep.begin(), keep.end(), it->first) == keep.end() ? tab_settings.erase(it) : std::next(it);
  }
};

std::unique_ptr<Browser> make_browser();  // the page's (wasm) or a RecordedBrowser (native)

}  // namespace client::platform
