// Fuzzes everything in core that reads untrusted text: JSON error bodies and catalogs.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.h"
#include "core/i18n.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto j = nlohmann::json::parse(text, nullptr, false);
  core::Errors errors;
  core::errors_from_json(j, errors);
  core::Catalog catalog;
  if (catalog.load(text)) catalog.for_each_key([&](const std::string& k) { (void)catalog.format(k, j); });
  (void)core::fill_placeholders(text, j);
  return 0;
}
