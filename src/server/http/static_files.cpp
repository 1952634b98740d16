#include "server/http/static_files.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace server::http {

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string ends_with_ext(const std::string& path) {
  auto slash = path.find_last_of('/');
  auto dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  return path.substr(dot + 1);
}

bool has_q_zero(const std::string& params) {
  // params like ";q=0" or "; q=0.0"
  auto q = params.find("q=");
  if (q == std::string::npos) return false;
  const std::string v = params.substr(q + 2);
  for (char c : v) {
    if (c == '0' || c == '.') continue;
    if (c == ' ' || c == ';') break;
    return false;
  }
  return true;
}

}  // namespace

std::string content_type_for(const std::string& path) {
  const std::string ext = ends_with_ext(path);
  static const std::map<std::string, std::string> types = {
      {"html", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"wasm", "application/wasm"},
      {"css", "text/css; charset=utf-8"},
      {"json", "application/json; charset=utf-8"},
      {"webmanifest", "application/manifest+json; charset=utf-8"},
      {"txt", "text/plain; charset=utf-8"},
      {"md", "text/markdown; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"ico", "image/x-icon"},
      {"otf", "font/otf"},
      {"ttf", "font/ttf"},
      {"woff2", "font/woff2"},
  };
  auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

// FNV-1a 64: an ETag only needs to change when the bytes do.
std::string etag_of(const std::string& bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

bool is_content_hashed(const std::string& path) {
  // name.<hex, at least 8>.ext
  auto slash = path.find_last_of('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  auto last = name.find_last_of('.');
  if (last == std::string::npos || last == 0) return false;
  auto prev = name.find_last_of('.', last - 1);
  if (prev == std::string::npos) return false;
  const std::string hash = name.substr(prev + 1, last - prev - 1);
  if (hash.size() < 8) return false;
  for (char c : hash)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

Encoding choose_encoding(const std::string& accept, bool have_br, bool have_gz) {
  bool br = false, gz = false;
  std::stringstream ss(accept);
  std::string item;
  while (std::getline(ss, item, ',')) {
    auto semi = item.find(';');
    std::string token = item.substr(0, semi);
    const std::string params = semi == std::string::npos ? "" : item.substr(semi);
    token.erase(0, token.find_first_not_of(' '));
    token.erase(token.find_last_not_of(' ') + 1);
    for (auto& ch : token) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (has_q_zero(params)) continue;
    if (token == "br") br = true;
    if (token == "gzip") gz = true;
  }
  if (br && have_br) return Encoding::brotli;
  if (gz && have_gz) return Encoding::gzip;
  return Encoding::identity;
}

bool StaticFiles::load(const std::string& root, std::string& error) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    error = "web root " + root + " is not a directory (build the client: python3 serve.py)";
    return false;
  }
  files_.clear();
  for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (ec) break;
    if (!it->is_regular_file()) continue;
    const fs::path p = it->path();
    const std::string ext = p.extension().string();
    if (ext == ".br" || ext == ".gz") continue;
    std::string rel = "/" + fs::relative(p, root).generic_string();
    StaticFile f;
    f.identity = read_file(p);
    if (fs::exists(p.string() + ".br")) f.brotli = read_file(p.string() + ".br");
    if (fs::exists(p.string() + ".gz")) f.gzip = read_file(p.string() + ".gz");
    f.content_type = content_type_for(rel);
    f.cache_control = is_content_hashed(rel) ? "public, max-age=31536000, immutable" : "no-cache";
    f.etag = etag_of(f.identity);
    files_.emplace(std::move(rel), std::move(f));
  }
  if (!files_.count("/index.html")) {
    error = "web root " + root + " has no index.html (build the client: python3 serve.py)";
    return false;
  }
  return true;
}

const StaticFile* StaticFiles::resolve(const std::string& url_path) const {
  if (url_path.empty() || url_path == "/") return &files_.at("/index.html");
  if (url_path.find("..") != std::string::npos) return nullptr;
  auto it = files_.find(url_path);
  if (it != files_.end()) return &it->second;
  if (ends_with_ext(url_path).empty()) return &files_.at("/index.html");  // a client route
  return nullptr;
}

}  // namespace server::http
