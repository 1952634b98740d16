// Readings: customers' submissions (one per metering point and date, carrying every register)
// and the operators' readings; deletions are marks, so nothing acknowledged ever vanishes from
// the database; idempotency keys make a retried POST return the first answer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/storage/database.h"

namespace server::storage {

struct ReadingRecord {
  int64_t id = 0;
  int64_t metering_point_id = 0;
  std::string date;                          // "YYYY-MM-DD"
  std::string reg;                           // "ET" | "VT" | "MT" | "M3"
  int64_t value = 0;
  std::string source;                        // "customer" | "operator" | "estimate"
  bool meter_replaced = false;
  std::optional<int64_t> submission_id;      // customer readings only
  std::optional<std::string> type;           // the submission's type
  std::optional<int64_t> account_id;         // who submitted
  std::optional<std::string> deletable_until;  // a submission's window end; nullopt = own record
  int64_t submitted_at = 0;
};

struct SubmissionRecord {
  int64_t id = 0;
  int64_t metering_point_id = 0;
  std::optional<int64_t> account_id;
  std::string date;
  std::string type;                          // "submission" | "own_record"
  int64_t submitted_at = 0;
  std::optional<std::string> deletable_until;  // submissions: the last day of their window
  bool meter_replaced = false;
  bool confirmed_unusual = false;
  std::optional<int64_t> deleted_at;
};

struct ExportRow {  // one line of portal-admin export-readings
  std::string number, gsrn, date, reg, type;
  int64_t value = 0;
  int64_t submitted_at = 0;
};

struct AccountReadingRow {  // one register of one of the account's submissions (data export)
  int64_t submission_id = 0;
  std::string number, date, reg, type;
  int64_t value = 0;
  int64_t submitted_at = 0;
  bool deleted = false;
};

namespace readings {
// Every reading of a metering point that counts (not deleted), oldest first.
std::vector<ReadingRecord> of_metering_point(Connection& c, int64_t metering_point_id);
std::optional<SubmissionRecord> submission(Connection& c, int64_t id);
// The live submission of a type on a date, if any (a second one replaces it or is a duplicate).
std::optional<SubmissionRecord> live_submission(Connection& c, int64_t metering_point_id, const std::string& date,
                                                const std::string& type);
int64_t insert_submission(Connection& c, const SubmissionRecord& s);
int64_t insert_reading(Connection& c, const ReadingRecord& r);
void delete_submission(Connection& c, int64_t submission_id, int64_t now);  // marks it and its readings
// An operator's or estimated reading: the same metering point, date and register replaces it.
void upsert_operator_reading(Connection& c, int64_t metering_point_id, const std::string& date,
                             const std::string& reg, int64_t value, const std::string& source);
// Live submissions of type "submission" of an operator's metering points with dates in [from, to].
std::vector<ExportRow> for_operator(Connection& c, const std::string& operator_code, const std::string& from,
                                    const std::string& to);
// Whether a live reading of any source exists for the metering point with a date in [from, to].
bool any_between(Connection& c, int64_t metering_point_id, const std::string& from, const std::string& to);
int64_t count_live(Connection& c);
// Everything the account ever submitted, deleted ones marked (GET /me/export).
std::vector<AccountReadingRow> of_account(Connection& c, int64_t account_id);
}  // namespace readings

namespace idempotency {
struct Stored {
  int status = 0;
  std::string response;
};
std::optional<Stored> find(Connection& c, int64_t account_id, const std::string& key);
void put(Connection& c, int64_t account_id, const std::string& key, int status, const std::string& response,
         int64_t now);
int64_t purge(Connection& c, int64_t before);
}  // namespace idempotency

}  // namespace server::storage
