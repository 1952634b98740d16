// Meter readings (ODDAJ ŠTEVČNO STANJE, OBSTOJEČI ODČITKI): submission inside the operator's
// window, validated by core with the server's Slovenian date at receipt; the list with
// differences; deletion while allowed; the rows of the Excel/CSV export. Every submission is
// one transaction: the checks, a replaced earlier submission, the new readings and the
// idempotency record commit together or not at all.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/api_types.h"
#include "server/clock.h"
#include "server/services/accounts.h"
#include "server/services/contracts.h"
#include "server/services/outcome.h"
#include "server/storage/database.h"
#include "server/storage/reading_store.h"

namespace server::services {

struct ReadingTable {  // what the export writes
  std::string number;   // metering point number
  std::string place;    // consumption point: "Šmartinska cesta 5, 1000 Ljubljana"
  std::vector<core::api::Reading> rows;  // newest first
};

// The reading list as JSON, kept per (account, metering point) and reused while the metering
// point's version (bumped in the database by every change to what the list shows) and the day
// are the same: always correct, across instances and processes, at the cost of one indexed read.
// Keyed by the pair itself: a hit compares both ids, so no two pairs can ever share an entry
// (a key folded into one integer could collide and serve one customer another's list).
class ReadingListCache {
 public:
  struct Key {
    int64_t account_id;
    int64_t metering_point_id;
    bool operator==(const Key& o) const {
      return account_id == o.account_id && metering_point_id == o.metering_point_id;
    }
  };
  struct KeyHash {  // only picks the bucket and shard; equality decides
    size_t operator()(const Key& k) const {
      const uint64_t h = static_cast<uint64_t>(k.account_id) * 0x9E3779B97F4A7C15ull;
      return static_cast<size_t>(h ^ (static_cast<uint64_t>(k.metering_point_id) + 0x7F4A7C15ull + (h << 6) + (h >> 2)));
    }
  };
  using Body = std::shared_ptr<const std::string>;
  Body find(int64_t account_id, int64_t metering_point_id, int64_t version, const std::string& today);
  void put(int64_t account_id, int64_t metering_point_id, int64_t version, const std::string& today, Body body);

 private:
  struct Entry {
    int64_t version = -1;
    std::string today;
    Body body;
  };
  static constexpr size_t kShards = 16;            // many request threads read at once
  static constexpr size_t kMaxEntries = 1500;      // per shard (~0.2 GB at most); cleared when full
  struct Shard {
    std::mutex mutex;
    std::unordered_map<Key, Entry, KeyHash> entries;
  };
  Shard& shard(const Key& key) { return shards_[KeyHash{}(key) % kShards]; }
  Shard shards_[kShards];
};

class ReadingService {
 public:
  ReadingService(storage::Database& db, ContractService& contracts, AccountService& accounts, const Clock& clock);

  Result<std::vector<core::api::Reading>> list(int64_t account_id, const std::string& metering_point_id);
  // The same list as JSON text (GET .../readings), from the cache when nothing changed.
  Result<ReadingListCache::Body> list_json(int64_t account_id, const std::string& metering_point_id);
  // The same for a session token, the session checked in the same statement as the metering
  // point (the hot path: one indexed read per request). unauthorized without a valid session.
  Result<ReadingListCache::Body> list_json_for_token(const std::string& token, const std::string& metering_point_id);
  Result<core::api::SubmissionResult> submit(int64_t account_id, const std::string& metering_point_id,
                                             const core::api::SubmitReadingRequest& req,
                                             const std::string& idempotency_key);
  Outcome delete_submission(int64_t account_id, const std::string& submission_id);
  Result<ReadingTable> table(int64_t account_id, const std::string& metering_point_id);
  nlohmann::json export_submissions(int64_t account_id);  // for GET /me/export

 private:
  storage::Database& db_;
  ContractService& contracts_;
  AccountService& accounts_;
  const Clock& clock_;
  ReadingListCache cache_;
};

// Whether the account may still delete a customer reading: own records any time, submissions
// while their window is open; other people's and operators' readings never.
bool deletable(const storage::ReadingRecord& r, int64_t account_id, const std::string& today);

}  // namespace server::services
