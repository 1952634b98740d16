// The reading list's cache (services/readings.h): an entry belongs to exactly one (account,
// metering point) pair. The key it had before, account << 32 ^ metering point, folded different
// pairs into one integer (account 1 / point 3 and account 0 / point 2^32 + 3): each pair here must
// get its own list, and a hit must match the pair, the version and the day.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "server/services/readings.h"

using server::services::ReadingListCache;

namespace {
ReadingListCache::Body body(const std::string& s) { return std::make_shared<const std::string>(s); }
}  // namespace

TEST_CASE("pairs whose folded key was the same keep their own lists") {
  ReadingListCache cache;
  const int64_t big = (int64_t{1} << 32);
  // (1 << 32) ^ 3 == (0 << 32) ^ (2^32 + 3): one integer for two different pairs.
  REQUIRE(((uint64_t{1} << 32) ^ 3u) == ((uint64_t{0} << 32) ^ static_cast<uint64_t>(big + 3)));
  cache.put(1, 3, 7, "2026-11-30", body("[\"ana\"]"));
  CHECK(cache.find(0, big + 3, 7, "2026-11-30") == nullptr);
  cache.put(0, big + 3, 7, "2026-11-30", body("[\"marko\"]"));
  REQUIRE(cache.find(1, 3, 7, "2026-11-30") != nullptr);
  CHECK(*cache.find(1, 3, 7, "2026-11-30") == "[\"ana\"]");
  CHECK(*cache.find(0, big + 3, 7, "2026-11-30") == "[\"marko\"]");
}

TEST_CASE("a hit needs the same version and day; the pair's order matters") {
  ReadingListCache cache;
  cache.put(5, 9, 2, "2026-11-30", body("[1]"));
  CHECK(cache.find(5, 9, 3, "2026-11-30") == nullptr);  // the list changed
  CHECK(cache.find(5, 9, 2, "2026-12-01") == nullptr);  // another day: windows and deletability move
  CHECK(cache.find(9, 5, 2, "2026-11-30") == nullptr);  // account and metering point swapped
  REQUIRE(cache.find(5, 9, 2, "2026-11-30") != nullptr);
  CHECK(*cache.find(5, 9, 2, "2026-11-30") == "[1]");
}
