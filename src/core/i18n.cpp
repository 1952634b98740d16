#include "core/i18n.h"

namespace core {

const char* locale_code(Locale l) { return l == Locale::en ? "en" : "sl"; }

bool parse_locale(std::string_view code, Locale& out) {
  if (code == "sl") {
    out = Locale::sl;
    return true;
  }
  if (code == "en") {
    out = Locale::en;
    return true;
  }
  return false;
}

bool Catalog::load(std::string_view json_text) {
  auto j = nlohmann::json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (!j.is_object()) return false;
  std::unordered_map<std::string, std::string> texts;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!it.value().is_string()) return false;
    texts.emplace(it.key(), it.value().get<std::string>());
  }
  texts_ = std::move(texts);
  return true;
}

void Catalog::load_pairs(const char* const* pairs) {
  texts_.clear();
  for (; pairs && pairs[0] && pairs[1]; pairs += 2) texts_.emplace(pairs[0], pairs[1]);
}

bool Catalog::has(std::string_view key) const { return texts_.count(std::string(key)) > 0; }

std::string_view Catalog::text(std::string_view key) const {
  auto it = texts_.find(std::string(key));
  return it != texts_.end() ? std::string_view(it->second) : key;
}

std::string Catalog::format(std::string_view key, const nlohmann::json& params) const {
  return fill_placeholders(text(key), params);
}

std::string fill_placeholders(std::string_view text, const nlohmann::json& params) {
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      const size_t close = text.find('}', i + 1);
      if (close != std::string_view::npos && params.is_object()) {
        const std::string name(text.substr(i + 1, close - i - 1));
        auto it = params.find(name);
        if (it != params.end()) {
          if (it->is_string())
            out += it->get<std::string>();
          else if (it->is_number_integer())
            out += std::to_string(it->get<long long>());
          else
            out += it->dump();
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace core
