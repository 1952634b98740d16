// Message catalogs: flat JSON objects {"key": "text with {param}"} per language, kept in
// assets/i18n. The client draws every text through one; the server writes mails with one.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <unordered_map>

namespace core {

enum class Locale { sl, en };
const char* locale_code(Locale l);                      // "sl" | "en"
bool parse_locale(std::string_view code, Locale& out);  // false for anything else

class Catalog {
 public:
  // Loads a catalog's JSON text; false (and the catalog unchanged) if it is not a flat object
  // of strings.
  bool load(std::string_view json_text);
  // Loads {key, value, key, value, ..., nullptr} (the client's catalogs, compiled in).
  void load_pairs(const char* const* pairs);
  bool has(std::string_view key) const;
  // The text for a key, or the key itself if missing (so a gap is visible, never a crash).
  std::string_view text(std::string_view key) const;
  // The text with {name} placeholders filled from params (strings and numbers).
  std::string format(std::string_view key, const nlohmann::json& params) const;
  size_t size() const { return texts_.size(); }
  template <class F>
  void for_each_key(F&& f) const {
    for (const auto& [k, v] : texts_) f(k);
  }

 private:
  std::unordered_map<std::string, std::string> texts_;
};

// Fills {name} placeholders of a template from a JSON object.
std::string fill_placeholders(std::string_view text, const nlohmann::json& params);

}  // namespace core
