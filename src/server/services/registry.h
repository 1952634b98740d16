// The supplier's side: importing contracts and operator readings from CSV, and exporting the
// customers' submissions for an operator (API.md "Admin CLI"). A file with any bad row is
// rejected whole: every problem is reported as LINE + code + message and nothing is applied.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/energy.h"
#include "server/clock.h"
#include "server/services/csv.h"
#include "server/services/outcome.h"
#include "server/storage/database.h"

namespace server::services {

struct ImportIssue {
  int line = 0;          // 1-based line of the file (1 = header)
  std::string code;      // dotted, e.g. metering_point.check_digit, csv.missing_column
  std::string message;   // for people, English
};

struct ImportReport {
  std::vector<ImportIssue> issues;  // empty = applied
  int rows = 0;                     // data rows applied
  bool ok() const { return issues.empty(); }
};

// The parts every import shares (also import-invoices, services/invoices.cpp).
namespace csv_import {
using Columns = std::map<std::string, size_t>;  // column name -> index in a record
// Parses the whole file; csv.unterminated_quote / csv.empty reported. false when there is no header.
bool parse(const std::string& text, ImportReport& report, std::vector<CsvRecord>& records);
// Maps the header to column indexes; reports missing, unknown and doubled columns on line 1.
bool read_header(const CsvRecord& header, const std::vector<std::string>& required,
                 const std::vector<std::string>& optional, Columns& cols, ImportReport& report);
// The field of a column ("" when the record is short or the column optional and absent).
const std::string& field(const CsvRecord& r, const Columns& cols, const std::string& name);
// csv.column_count when a record has another number of fields than the header; false then.
bool has_header_width(const CsvRecord& record, const CsvRecord& header, ImportReport& report);
}  // namespace csv_import

class RegistryService {
 public:
  RegistryService(storage::Database& db, const core::OperatorCatalog& operators) : db_(db), operators_(operators) {}

  // contract_number,metering_point,gsrn,energy,operator,street,city,postal_code,registers,
  // meter_digits,customer_name[,valid_from,valid_to]; a known contract is updated.
  ImportReport import_contracts(const std::string& csv_text);
  // metering_point,date,register,value,source; the same metering point, date and register
  // replaces the earlier operator reading.
  ImportReport import_readings(const std::string& csv_text);
  // metering_point,gsrn,date,register,value,type,submitted_at: the operator's customers'
  // submissions (type submission, not deleted) with dates in [from, to]. Errors as issues (line 0).
  ImportReport export_readings(const std::string& operator_code, const std::string& from, const std::string& to,
                               std::string& csv_out);

 private:
  storage::Database& db_;
  const core::OperatorCatalog& operators_;
};

}  // namespace server::services
