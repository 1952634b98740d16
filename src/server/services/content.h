// Content pages (GET /api/v1/content/{slug}): the supplier's Markdown files under
// {assets}/content/{sl,en}/, read and parsed on every request, so an edited file shows on the
// next request without a rebuild or restart (a page is a few KB: parsing costs microseconds).
// Paths are only ever built from core's fixed list of slugs and from names read out of the
// news folder, never from what a client sent.
#pragma once

#include <string>
#include <string_view>

#include "core/content.h"
#include "core/energy.h"
#include "server/services/outcome.h"

namespace server::services {

class ContentService {
 public:
  // content_dir: {assets}/content; operators: the reading windows that fill the FAQ's table.
  ContentService(std::string content_dir, const core::OperatorCatalog& operators);

  // The page in the language. `page` counts only for news (1-based). Codes: not_found (404) for
  // a slug not in the list or whose file is missing, not_found on "page" past the archive's last.
  // updated_on: the file's modification date (Slovenian civil date); news: the newest article's.
  Result<core::api::ContentPage> page(std::string_view slug, core::Locale lang, int page) const;

 private:
  Result<core::api::ContentPage> news(core::Locale lang, int page) const;

  std::string content_dir_;
  const core::OperatorCatalog& operators_;
};

}  // namespace server::services
