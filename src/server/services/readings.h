// Meter readings (ODDAJ ŠTEVČNO STANJE, OBSTOJEČI ODČITKI): submission inside the operator's
// window, validated by core with the server's Slovenian date at receipt; the list with
// differences; deletion while allowed; the rows of the Excel/CSV export. Every submission is
// one transaction: the checks, a replaced earlier submission, the new readings and the
// idempotency record commit together or not at all.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/api_types.h"
#include "server/clock.h"
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

class ReadingService {
 public:
  ReadingService(storage::Database& db, ContractService& contracts, const Clock& clock);

  Result<std::vector<core::api::Reading>> list(int64_t account_id, const std::string& metering_point_id);
  Result<core::api::SubmissionResult> submit(int64_t account_id, const std::string& metering_point_id,
                                             const core::api::SubmitReadingRequest& req,
                                             const std::string& idempotency_key);
  Outcome delete_submission(int64_t account_id, const std::string& submission_id);
  Result<ReadingTable> table(int64_t account_id, const std::string& metering_point_id);
  nlohmann::json export_submissions(int64_t account_id);  // for GET /me/export

 private:
  storage::Database& db_;
  ContractService& contracts_;
  const Clock& clock_;
};

// Whether the account may still delete a customer reading: own records any time, submissions
// while their window is open; other people's and operators' readings never.
bool deletable(const storage::ReadingRecord& r, int64_t account_id, const std::string& today);

}  // namespace server::services
