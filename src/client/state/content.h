// Content: the supplier's pages (FAQ, news archive, offers, benefits, useful links, why the
// portal, terms of use), loaded from GET /content/{slug} in the customer's language when their
// screen opens, again when the language changes, and one news page at a time.
#pragma once

#include <map>
#include <string>

#include "client/state/feature.h"
#include "core/content.h"

namespace client {

// [SECTION] State slice
struct ContentView {
  struct Page {
      Load load;
    core::api::ContentPage page;
  };
  std::map<std::string, Page> pages;  // by content_key()
  int news_page = 1;                  // the archive's page on screen (1-based)
};
// "faq/sl", "news/en/2": where a page is kept.
std::string content_key(const std::string& slug, const std::string& lang, int page = 0);
// The slug a screen shows ("" if it shows no content page).
std::string content_slug_of(Screen s);

// [SECTION] Feature
class Content : public Feature {
 public:
  using Feature::Feature;
  const char* name() const override { return "content"; }
  void enter(const Route& r) override;
  bool apply(const Action& a) override;
  bool retry(const std::string& what, const std::string& id) override;

 private:
  void load(const std::string& slug, bool again);  // the current language; news: its page
};

}  // namespace client
