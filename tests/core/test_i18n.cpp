// The catalogs in assets/i18n: every error code has a Slovenian and an English message, both
// catalogs have the same keys, and placeholders are filled.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <algorithm>
#include <vector>

#include "core/error.h"
#include "core/i18n.h"

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A language's catalog: assets/i18n/<lang>.json and the area files in assets/i18n/<lang>/,
// merged (as the build embeds them); a key defined twice fails.
core::Catalog load(const char* lang) {
  const std::string dir = std::string(PORTAL_SOURCE_DIR) + "/assets/i18n/";
  std::vector<std::string> paths = {dir + lang + ".json"};
  std::error_code ec;
  std::vector<std::string> parts;
  for (const auto& e : std::filesystem::directory_iterator(dir + lang, ec))
    if (e.path().extension() == ".json") parts.push_back(e.path().string());
  std::sort(parts.begin(), parts.end());
  paths.insert(paths.end(), parts.begin(), parts.end());
  nlohmann::json merged = nlohmann::json::object();
  for (const auto& path : paths) {
    auto j = nlohmann::json::parse(read(path), nullptr, false);
    REQUIRE_MESSAGE(j.is_object(), "cannot load " << path);
    for (auto it = j.begin(); it != j.end(); ++it) {
      CHECK_MESSAGE(!merged.contains(it.key()), it.key() << " is defined twice (" << path << ")");
      merged[it.key()] = it.value();
    }
  }
  core::Catalog c;
  REQUIRE(c.load(merged.dump()));
  return c;
}

}  // namespace

TEST_CASE("every error code has a message in Slovenian and in English") {
  const core::Catalog sl = load("sl");
  const core::Catalog en = load("en");
  for (auto code : core::all_codes()) {
    const std::string key = "error." + std::string(code);
    CHECK_MESSAGE(sl.has(key), "sl.json lacks " << key);
    CHECK_MESSAGE(en.has(key), "en.json lacks " << key);
  }
}

TEST_CASE("both catalogs have the same keys") {
  const core::Catalog sl = load("sl");
  const core::Catalog en = load("en");
  CHECK(sl.size() == en.size());
  sl.for_each_key([&](const std::string& k) { CHECK_MESSAGE(en.has(k), "en.json lacks " << k); });
  en.for_each_key([&](const std::string& k) { CHECK_MESSAGE(sl.has(k), "sl.json lacks " << k); });
}

TEST_CASE("placeholders are filled from params, missing keys show the key") {
  core::Catalog c;
  REQUIRE(c.load(R"({"a": "od {opens_on} do {closes_on}, {n} dni", "b": "{unknown} ostane"})"));
  CHECK(c.format("a", {{"opens_on", "26. 11."}, {"closes_on", "29. 11."}, {"n", 5}}) == "od 26. 11. do 29. 11., 5 dni");
  CHECK(c.format("b", nlohmann::json::object()) == "{unknown} ostane");
  CHECK(c.text("no.such.key") == "no.such.key");
  CHECK_FALSE(c.load("[1]"));
  CHECK_FALSE(c.load(R"({"a": 1})"));
  CHECK(c.has("a"));  // a refused load leaves the catalog as it was
}

TEST_CASE("locales parse strictly") {
  core::Locale l = core::Locale::sl;
  CHECK(core::parse_locale("en", l));
  CHECK(l == core::Locale::en);
  CHECK_FALSE(core::parse_locale("EN", l));
  CHECK_FALSE(core::parse_locale("de", l));
  CHECK(std::string(core::locale_code(core::Locale::sl)) == "sl");
}

TEST_CASE("a compiled-in pair list loads like the JSON and replaces what was there") {
  const char* const pairs[] = {"nav.help", "Pomoč", "greeting", "Pozdravljeni, {name}", nullptr};
  core::Catalog c;
  REQUIRE(c.load(R"({"old":"x"})"));
  c.load_pairs(pairs);
  CHECK(c.size() == 2);
  CHECK_FALSE(c.has("old"));
  CHECK(c.text("nav.help") == "Pomoč");
  CHECK(c.text("missing.key") == "missing.key");
  const char* const odd[] = {"only.key", nullptr};
  c.load_pairs(odd);
  CHECK(c.size() == 0);
}
