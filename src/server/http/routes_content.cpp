// GET /api/v1/content/{slug}?lang=sl|en[&page=N] (public): the supplier's content pages as
// blocks. Read from the Markdown files on each request; an ETag of the answer lets a client
// revalidate cheaply (Cache-Control: no-cache) and get 304 while nothing changed.
#include "core/content.h"
#include "core/text.h"
#include "server/http/api.h"
#include "server/http/static_files.h"
#include "server/services/content.h"

namespace server::http {

namespace {

std::optional<std::string> query_param(const Request& req, const char* name) {
  if (!req.has_param(name)) return std::nullopt;
  return req.get_param_value(name);
}

// If-None-Match: "*" or a list of validators, compared weakly (by their opaque part, RFC 9110).
bool matches_etag(const std::string& if_none_match, std::string_view etag) {
  if (etag.substr(0, 2) == "W/") etag.remove_prefix(2);
  size_t pos = 0;
  while (pos < if_none_match.size()) {
    size_t comma = if_none_match.find(',', pos);
    if (comma == std::string::npos) comma = if_none_match.size();
    std::string_view tag = core::trim(std::string_view(if_none_match).substr(pos, comma - pos));
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
    pos = comma + 1;
  }
  return false;
}

}  // namespace

void register_content_routes(Router& svr, Context& ctx) {
  svr.Get(R"(/api/v1/content/([^/]+))", [&ctx](const Request& req, Response& res) {
    // 400 for the query first, then 404 for the slug, then page rules that depend on it.
    core::Locale lang = core::Locale::sl;
    if (auto errors = core::check_content_lang(query_param(req, "lang"), lang); !errors.empty())
      return send_errors(res, 400, errors);
    const std::string slug = req.matches[1];
    if (!core::is_content_slug(slug)) return send_error(res, 404, core::codes::not_found);
    int page = 1;
    if (slug == core::kNewsSlug) {
      if (auto errors = core::check_news_page(query_param(req, "page"), page); !errors.empty())
        return send_errors(res, 400, errors);
    } else if (req.has_param("page")) {
      return send_error(res, 400, core::codes::request_malformed, "page");  // only the news archive is paged
    }
    auto r = ctx.content.page(slug, lang, page);
    if (!r.good()) return send_outcome(res, r.outcome);
    const std::string body = core::api::to_json(r.value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    // Weak: the server may gzip the same JSON, and a strong validator would have to differ then.
    const std::string etag = "W/" + etag_of(body);
    res.set_header("Cache-Control", "no-cache");
    res.set_header("ETag", etag);
    res.set_header("Content-Language", core::locale_code(lang));
    if (matches_etag(req.get_header_value("If-None-Match"), etag)) {
      res.status = 304;
      return;
    }
    res.status = 200;
    res.set_content(body, "application/json");
  });
}

}  // namespace server::http
