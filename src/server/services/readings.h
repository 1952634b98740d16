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
class ReadingListCache {
 public:
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
    std::unordered_map<uint64_t, Entry> entries;  // key: account << 32 ^ metering point
  };
  Shard& shard(uint64_t key) { return shards_[key % kShards]; }
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
