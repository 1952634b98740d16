#include "client/state/routes.h"

#include <cctype>
#include <utility>

namespace client {

namespace {

// Who may open a screen is said here, where the screen is declared; a screen is private (needs a
// session) unless it says otherwise.
enum class Access {
  private_,         // signed in only: a signed-out visitor logs in first, then comes back
  public_,          // anyone
  signed_out_only,  // login, register...: a signed-in customer goes home
};

struct Entry {
  Screen screen;
  const char* path;
  const char* key;
  Access access = Access::private_;
};

constexpr Access kPublic = Access::public_;
constexpr Access kSignedOut = Access::signed_out_only;

const Entry kRoutes[] = {
    {Screen::home, "/", "screen.home", kPublic},  // signed out: the login (Store::go)
    {Screen::login, "/login", "screen.login", kSignedOut},
    {Screen::register_, "/register", "screen.register", kSignedOut},
    {Screen::activate, "/activate", "screen.activate", kPublic},
    {Screen::forgot, "/forgot", "screen.forgot", kSignedOut},
    {Screen::reset, "/reset", "screen.reset", kPublic},
    {Screen::confirm_email, "/confirm-email", "screen.confirm_email", kPublic},
    {Screen::unsubscribe, "/unsubscribe", "screen.unsubscribe", kPublic},
    {Screen::contracts, "/contracts", "screen.contracts"},
    {Screen::link_contract, "/contracts/link", "screen.link_contract"},
    {Screen::submit_reading, "/submit", "screen.submit_reading"},
    {Screen::readings, "/readings", "screen.readings"},
    {Screen::settings, "/settings", "screen.settings"},
    {Screen::help, "/help", "screen.help", kPublic},
    {Screen::why, "/why", "screen.why", kPublic},
    {Screen::offers, "/offers", "screen.offers", kPublic},
    {Screen::question, "/question", "screen.question"},
    {Screen::faq, "/faq", "screen.faq", kPublic},
    {Screen::links, "/links", "screen.links", kPublic},
    {Screen::invoices, "/invoices", "screen.invoices"},
    {Screen::benefits, "/benefits", "screen.benefits"},
    {Screen::news, "/news", "screen.news", kPublic},
    {Screen::terms, "/terms", "screen.terms", kPublic},
    // Not private: a kiosk without a customer shows it; a signed-in customer goes home.
    {Screen::kiosk, "/kiosk", "screen.kiosk", kSignedOut},
    {Screen::not_found, "/not-found", "screen.not_found", kPublic},
};

const Entry* entry_of(Screen s) {
  for (const auto& e : kRoutes)
    if (e.screen == s) return &e;
  return nullptr;
}

// Token and id characters only: anything else in a URL is not ours.
std::string clean(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') out += c;
  return out;
}

std::string query_param(std::string_view query, std::string_view name) {
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t amp = query.find('&', pos);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(pos, amp - pos);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=')
      return clean(pair.substr(name.size() + 1));
    pos = amp + 1;
  }
  return {};
}

}  // namespace

std::string url_param(std::string_view in, std::string_view name) {
  const auto q = in.find('?');
  return q == std::string_view::npos ? std::string() : query_param(in.substr(q + 1), name);
}

Route parse_route(std::string_view in) {
  Route r;
  std::string_view path = in, query;
  if (auto q = in.find('?'); q != std::string_view::npos) {
    path = in.substr(0, q);
    query = in.substr(q + 1);
  }
  if (auto h = path.find('#'); h != std::string_view::npos) path = path.substr(0, h);
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) path = "/";
  for (const auto& e : kRoutes) {
    const std::string_view p = e.path;
    if (path == p) {
      r.screen = e.screen;
      if (e.screen == Screen::activate || e.screen == Screen::reset || e.screen == Screen::confirm_email ||
          e.screen == Screen::unsubscribe)
        r.token = query_param(query, "token");
      return r;
    }
  }
  for (auto [screen, prefix] : {std::pair{Screen::submit_reading, std::string_view("/submit/")},
                                std::pair{Screen::readings, std::string_view("/readings/")}}) {
    if (path.size() > prefix.size() && path.substr(0, prefix.size()) == prefix) {
      const std::string id = clean(path.substr(prefix.size()));
      if (!id.empty() && id.size() == path.size() - prefix.size()) return {screen, id, ""};
    }
  }
  r.screen = Screen::not_found;
  return r;
}

std::string route_path(const Route& r) {
  for (const auto& e : kRoutes) {
    if (e.screen != r.screen) continue;
    std::string p = e.path;
    if (!r.id.empty() && (r.screen == Screen::submit_reading || r.screen == Screen::readings)) p += "/" + r.id;
    if (!r.token.empty()) p += "?token=" + r.token;
    return p;
  }
  return "/";
}

bool needs_session(Screen s) {
  const Entry* e = entry_of(s);
  return !e || e->access == Access::private_;
}

bool is_public_only(Screen s) {
  const Entry* e = entry_of(s);
  return e && e->access == Access::signed_out_only;
}

const char* screen_key(Screen s) {
  for (const auto& e : kRoutes)
    if (e.screen == s) return e.key;
  return "screen.not_found";
}

}  // namespace client
