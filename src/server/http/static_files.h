// The web bundle, held in memory: each file with its precompressed .br/.gz variants, content
// type, cache policy and ETag. Loaded once at start; immutable afterwards (so lock-free).
#pragma once

#include <map>
#include <string>

namespace server::http {

struct StaticFile {
  std::string identity;      // the bytes as stored
  std::string brotli;        // the .br variant, "" if none
  std::string gzip;          // the .gz variant, "" if none
  std::string content_type;  // from the extension
  std::string cache_control; // immutable for content-hashed names, no-cache otherwise
  std::string etag;          // strong validator of the identity bytes
};

enum class Encoding { identity, brotli, gzip };

class StaticFiles {
 public:
  // Loads every file under `root`. Returns false with a message if the root is missing or
  // has no index.html (the bundle was not built).
  bool load(const std::string& root, std::string& error);

  // The file for a URL path: exact match, "/" = index.html, an unknown path whose last segment
  // has no extension = index.html (a client route); nullptr = 404.
  const StaticFile* resolve(const std::string& url_path) const;

  size_t size() const { return files_.size(); }

 private:
  std::map<std::string, StaticFile> files_;  // "/app.1a2b3c4d.wasm" -> file
};

// The best encoding the client accepts that we have (brotli, then gzip), honouring q=0.
Encoding choose_encoding(const std::string& accept_encoding, bool have_br, bool have_gz);
std::string content_type_for(const std::string& path);
bool is_content_hashed(const std::string& path);  // name.<8+ hex>.ext
std::string etag_of(const std::string& bytes);    // a strong validator ("\"<16 hex>\"") of the bytes

}  // namespace server::http
