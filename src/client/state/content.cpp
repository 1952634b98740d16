#include "client/state/content.h"

#include "client/state/store.h"

namespace client {

std::string content_key(const std::string& slug, const std::string& lang, int page) {
  return slug + "/" + lang + (page > 0 ? "/" + std::to_string(page) : "");
}

std::string content_slug_of(Screen s) {
  switch (s) {
    case Screen::faq: return "faq";
    case Screen::news: return "news";
    case Screen::offers: return "offers";
    case Screen::benefits: return "benefits";
    case Screen::links: return "links";
    case Screen::why: return "why";
    case Screen::terms: return "terms";
    default: return "";
  }
}

void Content::enter(const Route& r) {
  const std::string slug = content_slug_of(r.screen);
  if (!slug.empty()) load(slug, false);
}

void Content::load(const std::string& slug, bool again) {
  const std::string lang = core::locale_code(state().locale);
  const int page = slug == core::kNewsSlug ? state().content.news_page : 0;
  const std::string key = content_key(slug, lang, page);
  ContentView::Page& p = state().content.pages[key];
  // A page read once is kept for the session; a supplier's edit shows on the next visit.
  if (p.load.loading || (p.load.loaded && !again)) return;
  p.load.loading = true;
  await_always<core::api::ContentPage>(api().content(slug, lang, page),
                                [this, key](const api::Reply<core::api::ContentPage>& r) {
                                  ContentView::Page& p = state().content.pages[key];
                                  p.load.loading = false;
                                  if (!r.ok()) {
                                    p.load.errors = r.errors;
                                    return;
                                  }
                                  p.page = r.value;
                                  p.load.loaded = true;
                                  p.load.errors.clear();
                                });
}

bool Content::apply(const Action& a) {
  const std::string slug = content_slug_of(state().route.screen);
  if (a.kind == Action::Kind::set_locale) {
    if (!slug.empty()) load(slug, false);  // the page in the new language
    return false;
  }
  if (a.kind == Action::Kind::news_page) {
    state().content.news_page = a.number < 1 ? 1 : a.number;
    load(std::string(core::kNewsSlug), false);
    return true;
  }
  return false;
}

bool Content::retry(const std::string& what, const std::string&) {
  if (what != "content") return false;
  const std::string slug = content_slug_of(state().route.screen);
  if (!slug.empty()) load(slug, true);
  return true;
}

}  // namespace client
