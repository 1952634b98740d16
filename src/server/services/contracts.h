// Contracts (POVEŽI POGODBO, Pregled pogodb): a customer links a supply contract by proving
// four facts from an invoice (metering point, contract number, energy, operator); the link and
// everything it shows exist only while the contract is valid. Reminder switches live on the link.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/api_types.h"
#include "core/energy.h"
#include "server/clock.h"
#include "server/services/outcome.h"
#include "server/services/throttles.h"
#include "server/storage/database.h"
#include "server/storage/registry_store.h"

namespace server::services {

// "123" -> 123; anything else (ids are opaque strings to clients) -> nullopt, answered as 404.
std::optional<int64_t> parse_id(const std::string& id);

class ContractService {
 public:
  ContractService(storage::Database& db, const core::OperatorCatalog& operators, Throttles& throttles,
                  const AbuseLimits& limits, const Clock& clock);

  Result<std::vector<core::api::Contract>> list(int64_t account_id);
  Result<core::api::Contract> link(int64_t account_id, const core::api::LinkContractRequest& req);
  Outcome unlink(int64_t account_id, const std::string& contract_id);
  Result<core::api::Contract> set_reminders(int64_t account_id, const std::string& metering_point_id,
                                            const core::api::RemindersRequest& req);

  // The account's valid link to a metering point, or nullopt (answered 404 not_found).
  std::optional<storage::LinkedContract> authorize(storage::Connection& c, int64_t account_id,
                                                   const std::string& metering_point_id) const;
  core::api::Contract view(const storage::LinkedContract& link, const core::Date& today) const;
  const core::OperatorCatalog& operators() const { return operators_; }
  nlohmann::json export_links(int64_t account_id);  // for GET /me/export

 private:
  storage::Database& db_;
  const core::OperatorCatalog& operators_;
  Throttles& throttles_;
  const AbuseLimits& limits_;
  const Clock& clock_;
};

}  // namespace server::services
