// How long one content page costs the server besides HTTP: md4c's parse into blocks, the FAQ's
// windows table, and the JSON. Prints microseconds per page (median of rounds).
// Usage: content-parse-bench [FILE.md] [ROUNDS]   (default assets/content/sl/faq.md, 2000)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/content.h"
#include "server/services/markdown.h"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string root = PORTAL_SOURCE_DIR;
  const std::string path = argc > 1 ? argv[1] : root + "/assets/content/sl/faq.md";
  const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 2000;
  const std::string text = read_file(path);
  if (text.empty()) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return 1;
  }
  core::OperatorCatalog operators;
  std::string error;
  if (!operators.load(read_file(root + "/assets/operators.json"), error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
  }
  using clock = std::chrono::steady_clock;
  auto median_us = [rounds](auto&& work) {
    std::vector<double> us;
    for (int i = 0; i < rounds; ++i) {
      const auto t0 = clock::now();
      work();
      us.push_back(std::chrono::duration<double, std::micro>(clock::now() - t0).count());
    }
    std::sort(us.begin(), us.end());
    return us[us.size() / 2];
  };
  size_t blocks = 0, bytes = 0;
  const double parse = median_us([&] { blocks = server::services::markdown_blocks(text).size(); });
  const double page = median_us([&] {
    core::api::ContentPage p;
    core::ContentDocument doc = core::split_title(server::services::markdown_blocks(text));
    core::fill_reading_windows(doc.blocks, operators.all(), core::Locale::sl);
    p.title = doc.title;
    p.blocks = std::move(doc.blocks);
    bytes = core::api::to_json(p).dump().size();
  });
  std::printf("%s: %zu bytes of Markdown, %zu blocks\n", path.c_str(), text.size(), blocks);
  std::printf("md4c parse into blocks: %.1f us (median of %d)\n", parse, rounds);
  std::printf("whole page (parse, windows table, JSON of %zu bytes): %.1f us\n", bytes, page);
  return 0;
}
