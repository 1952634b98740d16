// The supplier's registry (metering points and contracts, loaded by portal-admin) and the
// customers' links to contracts. A link and what it shows exist only while its contract is valid:
// every query for a customer takes `today` and checks valid_from <= today <= valid_to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/storage/account_store.h"
#include "server/storage/database.h"

namespace server::storage {

struct MeteringPointRecord {
  int64_t id = 0;
  std::string number;         // canonical: "3345341" or "DOPL-123456789012"
  std::string gsrn;           // 18 digits, "" when unknown
  std::string energy;         // "electricity" | "gas"
  std::string operator_code;  // "ELJ", "DOPL", ...
  std::string street, city, postal_code;
  std::string registers;      // "ET" | "VT+MT" | "M3"
  int digits = 6;             // counter digits
  int64_t version = 0;        // bumped by every change to its readings or contracts
};

struct ContractRecord {
  int64_t id = 0;
  std::string contract_number;  // normalised (upper case)
  int64_t metering_point_id = 0;
  std::string customer_name;
  std::optional<std::string> valid_from, valid_to;  // "YYYY-MM-DD", nullopt = open
};

struct LinkedContract {
  int64_t link_id = 0;
  int64_t account_id = 0;
  ContractRecord contract;
  MeteringPointRecord metering_point;
  bool reminder_email = false;
  bool reminder_sms = false;
};

namespace registry {
std::optional<MeteringPointRecord> metering_point(Connection& c, int64_t id);
std::optional<MeteringPointRecord> metering_point_by_number(Connection& c, const std::string& number);
std::optional<MeteringPointRecord> metering_point_by_gsrn(Connection& c, const std::string& gsrn);
// Marks a change to what the metering point's reading list shows (same transaction).
void touch_metering_point(Connection& c, int64_t id);
// Inserts or updates (by number); returns the id.
int64_t upsert_metering_point(Connection& c, const MeteringPointRecord& mp);
std::optional<ContractRecord> contract_by_number(Connection& c, const std::string& contract_number);
int64_t upsert_contract(Connection& c, const ContractRecord& contract);
int64_t count_metering_points(Connection& c);
// Serialises one-time set-up (the demo data) between instances starting at once on PostgreSQL;
// on SQLite the write transaction already does.
void lock_for_setup(Connection& c);
std::vector<MeteringPointRecord> metering_points_of_operator(Connection& c, const std::string& operator_code);
}  // namespace registry

namespace links {
// The account's links whose contracts are valid on `today`, oldest link first.
std::vector<LinkedContract> valid_for_account(Connection& c, int64_t account_id, const std::string& today);
// The account's valid link to a contract / to a metering point (authorisation).
std::optional<LinkedContract> valid_by_contract(Connection& c, int64_t account_id, int64_t contract_id,
                                                const std::string& today);
std::optional<LinkedContract> valid_by_metering_point(Connection& c, int64_t account_id, int64_t metering_point_id,
                                                      const std::string& today);
bool exists(Connection& c, int64_t account_id, int64_t contract_id);
void insert(Connection& c, int64_t account_id, int64_t contract_id, int64_t now);
bool remove(Connection& c, int64_t account_id, int64_t contract_id);
void set_reminders(Connection& c, int64_t link_id, bool email, bool sms);
// Every valid link with a reminder switched on (for the reminder job).
std::vector<LinkedContract> with_reminders(Connection& c, const std::string& today);
// The hot path in one lean statement: the session of a token and, when its account has a valid
// link to the metering point, the metering point's version (for the list cache).
struct SessionAndVersion {
  SessionRecord session;
  std::optional<int64_t> version;  // nullopt: no valid link to that metering point
};
std::optional<SessionAndVersion> for_session(Connection& c, const std::string& token_hash, int64_t metering_point_id,
                                             const std::string& today);
// Every link of an account, valid or not (for the data export).
std::vector<LinkedContract> all_for_account(Connection& c, int64_t account_id);
}  // namespace links

}  // namespace server::storage
