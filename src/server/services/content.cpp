#include "server/services/content.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/services/markdown.h"

namespace server::services {

namespace fs = std::filesystem;
namespace codes = core::codes;

namespace {

struct MarkdownFile {
  std::string text;
  int64_t modified = 0;  // Unix seconds
};

// A regular file's text and modification time; false when there is none at the path.
bool read_markdown(const std::string& path, MarkdownFile& out) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream s;
  s << in.rdbuf();
  out.text = s.str();
  out.modified = static_cast<int64_t>(st.st_mtime);
  return true;
}

// The slug as core's list spells it (so a path never holds the client's bytes); "" if unknown.
std::string_view listed_slug(std::string_view slug) {
  for (auto s : core::content_slugs())
    if (s == slug) return s;
  return {};
}

}  // namespace

ContentService::ContentService(std::string content_dir, const core::OperatorCatalog& operators)
    : content_dir_(std::move(content_dir)), operators_(operators) {}

Result<core::api::ContentPage> ContentService::page(std::string_view slug, core::Locale lang, int page) const {
  Result<core::api::ContentPage> r;
  const std::string_view listed = listed_slug(slug);
  if (listed.empty()) {
    r.outcome = Outcome::fail(Status::not_found, codes::not_found);
    return r;
  }
  if (listed == core::kNewsSlug) return news(lang, page);
  MarkdownFile file;
  const std::string path = content_dir_ + "/" + core::locale_code(lang) + "/" + std::string(listed) + ".md";
  if (!read_markdown(path, file)) {
    r.outcome = Outcome::fail(Status::not_found, codes::not_found);
    return r;
  }
  core::ContentDocument doc = core::split_title(markdown_blocks(file.text));
  core::fill_reading_windows(doc.blocks, operators_.all(), lang);
  core::api::ContentPage& p = r.value;
  p.slug = std::string(listed);
  p.lang = lang;
  p.title = doc.title.empty() ? core::default_content_title(listed, lang) : doc.title;
  p.updated_on = core::ljubljana_date(file.modified);
  p.blocks = std::move(doc.blocks);
  return r;
}

Result<core::api::ContentPage> ContentService::news(core::Locale lang, int page) const {
  Result<core::api::ContentPage> r;
  const std::string lang_dir = content_dir_ + "/" + core::locale_code(lang);
  // The archive's names first: only the page's articles are read.
  std::vector<core::NewsArticle> articles;
  std::error_code ec;
  for (fs::directory_iterator it(lang_dir + "/news", ec), end; !ec && it != end; it.increment(ec)) {
    const std::string file_name = it->path().filename().string();
    core::NewsArticle a;
    if (!it->is_regular_file(ec) || !core::parse_news_file_name(file_name, a.date, a.name)) continue;
    articles.push_back(std::move(a));
  }
  core::sort_news(articles);
  core::NewsSlice slice;
  if (core::Errors errors = core::news_slice(static_cast<int>(articles.size()), page, slice); !errors.empty()) {
    r.outcome = Outcome::fail(Status::not_found, std::move(errors));
    return r;
  }
  for (int i = slice.first; i < slice.last; ++i) {
    core::NewsArticle& a = articles[static_cast<size_t>(i)];
    MarkdownFile file;
    const std::string path = lang_dir + "/news/" + core::format_date(a.date) + "-" + a.name + ".md";
    if (!read_markdown(path, file)) continue;  // removed since the listing: shown as its heading alone
    a.doc = core::split_title(markdown_blocks(file.text));
    core::fill_reading_windows(a.doc.blocks, operators_.all(), lang);
  }
  // An optional news.md gives the archive's title and an introduction above page 1.
  core::api::ContentPage& p = r.value;
  p.slug = std::string(core::kNewsSlug);
  p.lang = lang;
  p.title = core::default_content_title(core::kNewsSlug, lang);
  MarkdownFile intro;
  if (read_markdown(lang_dir + "/news.md", intro)) {
    core::ContentDocument doc = core::split_title(markdown_blocks(intro.text));
    if (!doc.title.empty()) p.title = doc.title;
    if (page == 1) p.blocks = std::move(doc.blocks);
  }
  core::news_page(std::move(articles), page, lang, p);
  return r;
}

}  // namespace server::services
