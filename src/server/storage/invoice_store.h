// Računi: the supplier's invoices, one per number, each billed on one contract. A customer reaches
// an invoice only through a valid link to its contract: every query for a customer takes the
// account and `today` and joins the links, so "not yours" and "does not exist" look the same.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/storage/database.h"

namespace server::storage {

struct InvoiceRecord {
  int64_t id = 0;
  std::string number;  // the supplier's invoice number (unique)
  int64_t contract_id = 0;
  int64_t metering_point_id = 0;                          // the contract's (read with the invoice, not stored twice)
  std::string period_from, period_to, issued_on, due_on;  // "YYYY-MM-DD"
  int64_t amount_cents = 0;                               // the total, VAT included
  std::string status;                      // "open" | "paid" as stored; overdue is computed (core::invoice_status)
  std::optional<int64_t> consumption_kwh;  // what was billed, where the supplier says
  int64_t updated_at = 0;                  // Unix seconds of the last import that wrote it
};

namespace invoices {
// Inserts or updates by number (portal-admin import-invoices); returns the id.
int64_t upsert(Connection& c, const InvoiceRecord& i);
// The account's invoices on its links valid on `today`, newest issued_on first (then the
// number, descending); only those of one metering point when it is given.
std::vector<InvoiceRecord> for_account(Connection& c, int64_t account_id, const std::string& today,
                                       std::optional<int64_t> metering_point_id = std::nullopt);
// One invoice when the account has a valid link to its contract on `today`.
std::optional<InvoiceRecord> for_account_by_id(Connection& c, int64_t account_id, int64_t id, const std::string& today);
int64_t count(Connection& c);
}  // namespace invoices

}  // namespace server::storage
