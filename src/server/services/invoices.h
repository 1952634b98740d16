// Računi (invoices): the supplier's invoices of the customer's linked contracts, newest first,
// optionally of one metering point; each as a PDF drawn on request (services/invoice_pdf) from
// what is stored: the invoice, the contract and metering point, the account's name and address
// and the readings at the period's boundaries. Invoices arrive through portal-admin
// import-invoices (a file with any bad row is rejected whole, like the other imports).
// Business rules only: no HTTP, no SQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/invoice.h"
#include "server/clock.h"
#include "server/services/contracts.h"
#include "server/services/invoice_pdf.h"
#include "server/services/outcome.h"
#include "server/services/registry.h"
#include "server/storage/database.h"
#include "server/storage/invoice_store.h"

namespace server::services {

struct InvoiceFile {      // GET /invoices/{id}/pdf
  std::string number;     // "2026-10-0001"
  std::string file_name;  // "racun-2026-10-0001.pdf"
  std::string pdf;        // the bytes
};

class InvoiceService {
 public:
  InvoiceService(storage::Database& db, const ContractService& contracts, const InvoicePdf& renderer,
                 InvoiceSupplier supplier, const Clock& clock);

  // Newest issued_on first. `metering_point_id` narrows to one of the caller's linked metering
  // points; any other (unknown, someone else's, not a number) is 404 not_found on metering_point.
  Result<std::vector<core::api::Invoice>> list(int64_t account_id,
                                               const std::optional<std::string>& metering_point_id) const;
  // 404 not_found for an invoice that is not on one of the caller's valid links.
  Result<InvoiceFile> pdf(int64_t account_id, const std::string& invoice_id) const;
  // portal-admin import-invoices: number,contract_number,period_from,period_to,issued_on,due_on,
  // amount_eur,status,consumption_kwh; a known number is updated.
  ImportReport import_invoices(const std::string& csv_text) const;
  nlohmann::json export_invoices(int64_t account_id) const;  // for GET /me/export

  static core::api::Invoice view(const storage::InvoiceRecord& i, const core::Date& today);

 private:
  storage::Database& db_;
  const ContractService& contracts_;
  const InvoicePdf& renderer_;
  InvoiceSupplier supplier_;
  const Clock& clock_;
};

}  // namespace server::services
