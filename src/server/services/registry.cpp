#include "server/services/registry.h"

#include <map>
#include <set>

#include "core/account_rules.h"
#include "core/metering_point.h"
#include "core/reading_rules.h"
#include "server/services/csv.h"
#include "server/storage/reading_store.h"
#include "server/storage/registry_store.h"

namespace server::services {

namespace csv_import {

bool parse(const std::string& text, ImportReport& report, std::vector<CsvRecord>& records) {
  int bad_line = 0;
  if (!parse_csv(text, ',', records, bad_line)) {
    report.issues.push_back({bad_line, "csv.unterminated_quote", "a quoted field is not closed"});
    return false;
  }
  if (records.empty()) {
    report.issues.push_back({1, "csv.empty", "the file is empty (a header is needed)"});
    return false;
  }
  return true;
}

bool read_header(const CsvRecord& header, const std::vector<std::string>& required,
                 const std::vector<std::string>& optional, Columns& cols, ImportReport& report) {
  std::set<std::string> known(required.begin(), required.end());
  known.insert(optional.begin(), optional.end());
  for (size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = header.fields[i];
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.erase(0, 1);
    if (!known.count(name)) {
      report.issues.push_back({header.line, "csv.unknown_column", "unknown column \"" + name + "\""});
    } else if (cols.count(name)) {
      report.issues.push_back({header.line, "csv.duplicate_column", "column \"" + name + "\" appears twice"});
    } else {
      cols[name] = i;
    }
  }
  for (const auto& r : required)
    if (!cols.count(r)) report.issues.push_back({header.line, "csv.missing_column", "the header lacks \"" + r + "\""});
  return report.issues.empty();
}

const std::string& field(const CsvRecord& r, const Columns& cols, const std::string& name) {
  static const std::string empty;
  auto it = cols.find(name);
  if (it == cols.end() || it->second >= r.fields.size()) return empty;
  return r.fields[it->second];
}

bool has_header_width(const CsvRecord& record, const CsvRecord& header, ImportReport& report) {
  if (record.fields.size() == header.fields.size()) return true;
  report.issues.push_back(
      {record.line, "csv.column_count",
       "expected " + std::to_string(header.fields.size()) + " fields, found " + std::to_string(record.fields.size())});
  return false;
}

}  // namespace csv_import

namespace {

using namespace csv_import;

void add_errors(ImportReport& report, int line, const core::Errors& errors, const std::string& what) {
  for (const auto& e : errors)
    report.issues.push_back({line, e.code, what + (e.field.empty() ? "" : " (" + e.field + ")") + " is not valid"});
}

}  // namespace

ImportReport RegistryService::import_contracts(const std::string& text) {
  ImportReport report;
  std::vector<CsvRecord> records;
  if (!parse(text, report, records)) return report;
  Columns cols;
  if (!read_header(records[0],
                   {"contract_number", "metering_point", "gsrn", "energy", "operator", "street", "city", "postal_code",
                    "registers", "meter_digits", "customer_name"},
                   {"valid_from", "valid_to"}, cols, report))
    return report;

  struct Row {
    storage::MeteringPointRecord mp;
    storage::ContractRecord contract;
  };
  std::vector<Row> rows;
  std::map<std::string, int> seen_contracts, seen_gsrn_mp;
  std::map<std::string, std::string> gsrn_of_number;
  for (size_t i = 1; i < records.size(); ++i) {
    const CsvRecord& rec = records[i];
    const int line = rec.line;
    if (!has_header_width(rec, records[0], report)) continue;
    Row row;
    const size_t before = report.issues.size();
    core::CheckedContractLink checked;
    core::Errors e = core::check_contract_link(field(rec, cols, "metering_point"), field(rec, cols, "contract_number"),
                                               field(rec, cols, "energy"), field(rec, cols, "operator"), operators_,
                                               checked);
    add_errors(report, line, e, "the contract");
    if (e.empty()) {
      if (checked.metering_point.form == core::MeteringPointNumber::Form::gsrn) {
        report.issues.push_back({line, core::codes::metering_point_invalid.data(),
                                 "metering_point must be the metering point number, not the GSRN"});
      } else if (checked.metering_point.form == core::MeteringPointNumber::Form::gas &&
                 checked.metering_point.canonical.substr(0, checked.metering_point.canonical.find('-')) !=
                     checked.op->code) {
        report.issues.push_back({line, core::codes::metering_point_invalid.data(),
                                 "the gas metering point's code differs from the operator"});
      }
      row.mp.number = checked.metering_point.canonical;
      row.mp.energy = core::energy_code(checked.energy);
      row.mp.operator_code = checked.op->code;
      row.contract.contract_number = checked.contract_number;
    }
    const std::string& gsrn = field(rec, cols, "gsrn");
    if (!gsrn.empty()) {
      core::MeteringPointNumber g;
      core::Errors ge = core::parse_metering_point(gsrn, g, "gsrn");
      if (ge.empty() && g.form != core::MeteringPointNumber::Form::gsrn)
        ge.push_back(core::make_error(core::codes::metering_point_invalid, "gsrn"));
      add_errors(report, line, ge, "the GSRN");
      if (ge.empty()) row.mp.gsrn = g.canonical;
    }
    std::vector<core::Register> regs;
    if (!core::parse_register_set(field(rec, cols, "registers"), regs) ||
        (row.mp.energy == "gas") != (regs.size() == 1 && regs[0] == core::Register::M3)) {
      report.issues.push_back({line, "registers.invalid",
                               "registers must be ET or VT+MT for electricity, M3 for gas"});
    } else {
      row.mp.registers = core::register_set_code(regs);
    }
    const std::string& digits = field(rec, cols, "meter_digits");
    if (digits.empty() || digits.size() > 2 || digits.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(digits) < 3 || std::stoi(digits) > 12) {
      report.issues.push_back({line, "meter_digits.invalid", "meter_digits must be a whole number from 3 to 12"});
    } else {
      row.mp.digits = std::stoi(digits);
    }
    for (auto [name, max, target] : {std::tuple{"street", core::kStreetMaxLength, &row.mp.street},
                                     std::tuple{"city", core::kCityMaxLength, &row.mp.city},
                                     std::tuple{"postal_code", core::kForeignPostalCodeMaxLength, &row.mp.postal_code},
                                     std::tuple{"customer_name", core::kNameMaxLength, &row.contract.customer_name}}) {
      add_errors(report, line, core::check_text(field(rec, cols, name), max, false, *target, name), name);
    }
    for (auto [name, target] : {std::pair{"valid_from", &row.contract.valid_from},
                                std::pair{"valid_to", &row.contract.valid_to}}) {
      const std::string& v = field(rec, cols, name);
      core::Date d;
      if (v.empty()) continue;
      if (!core::parse_date(v, d))
        report.issues.push_back({line, core::codes::date_invalid.data(), std::string(name) + " must be YYYY-MM-DD"});
      else
        *target = core::format_date(d);
    }
    if (row.contract.valid_from && row.contract.valid_to && *row.contract.valid_to < *row.contract.valid_from)
      report.issues.push_back({line, core::codes::date_invalid.data(), "valid_to is before valid_from"});
    if (!row.contract.contract_number.empty()) {
      auto [it, fresh] = seen_contracts.emplace(row.contract.contract_number, line);
      if (!fresh)
        report.issues.push_back({line, "contract_number.duplicate",
                                 "the contract number is on line " + std::to_string(it->second) + " too"});
    }
    if (!row.mp.gsrn.empty() && !row.mp.number.empty()) {
      auto [it, fresh] = gsrn_of_number.emplace(row.mp.gsrn, row.mp.number);
      if (!fresh && it->second != row.mp.number)
        report.issues.push_back({line, "gsrn.duplicate", "the GSRN belongs to another metering point in this file"});
    }
    if (report.issues.size() == before) rows.push_back(std::move(row));
  }
  if (!report.ok()) return report;
  try {
    db_.write([&](storage::Connection& c) {
      for (auto& row : rows) {
        row.contract.metering_point_id = storage::registry::upsert_metering_point(c, row.mp);
        storage::registry::upsert_contract(c, row.contract);
      }
    });
  } catch (const storage::DbError& e) {
    if (e.kind != storage::DbError::Kind::unique) throw;
    report.issues.push_back({0, "gsrn.duplicate", "a GSRN of this file belongs to another metering point already"});
    return report;
  }
  report.rows = static_cast<int>(rows.size());
  return report;
}

ImportReport RegistryService::import_readings(const std::string& text) {
  ImportReport report;
  std::vector<CsvRecord> records;
  if (!parse(text, report, records)) return report;
  Columns cols;
  if (!read_header(records[0], {"metering_point", "date", "register", "value", "source"}, {}, cols, report))
    return report;
  struct Row {
    int64_t mp_id;
    std::string date, reg, source;
    int64_t value;
  };
  std::vector<Row> rows;
  db_.read([&](storage::Connection& c) {
    for (size_t i = 1; i < records.size(); ++i) {
      const CsvRecord& rec = records[i];
      const int line = rec.line;
      if (!has_header_width(rec, records[0], report)) continue;
      const size_t before = report.issues.size();
      core::MeteringPointNumber number;
      core::Errors e = core::parse_metering_point(field(rec, cols, "metering_point"), number);
      add_errors(report, line, e, "the metering point");
      std::optional<storage::MeteringPointRecord> mp;
      if (e.empty()) {
        mp = number.form == core::MeteringPointNumber::Form::gsrn
                 ? storage::registry::metering_point_by_gsrn(c, number.canonical)
                 : storage::registry::metering_point_by_number(c, number.canonical);
        if (!mp) report.issues.push_back({line, "metering_point.unknown", "no such metering point in the registry"});
      }
      Row row{};
      core::Date d;
      if (!core::parse_date(field(rec, cols, "date"), d))
        report.issues.push_back({line, core::codes::date_invalid.data(), "date must be YYYY-MM-DD"});
      row.date = core::format_date(d);
      core::Register reg;
      if (!core::parse_register(field(rec, cols, "register"), reg)) {
        report.issues.push_back({line, core::codes::reading_register_unknown.data(), "register must be ET, VT, MT or M3"});
      } else if (mp) {
        std::vector<core::Register> regs;
        core::parse_register_set(mp->registers, regs);
        if (std::find(regs.begin(), regs.end(), reg) == regs.end())
          report.issues.push_back({line, core::codes::reading_register_unknown.data(),
                                   "the meter has no register " + std::string(core::register_code(reg))});
      }
      row.reg = core::register_code(reg);
      const std::string& value = field(rec, cols, "value");
      auto json_value = nlohmann::json::parse(value, nullptr, false);
      if (json_value.is_discarded() || !json_value.is_number()) {
        report.issues.push_back({line, core::codes::reading_not_integer.data(), "value must be a whole number"});
      } else if (mp) {
        core::Meter meter;
        meter.digits = mp->digits;
        core::parse_register_set(mp->registers, meter.registers);
        add_errors(report, line, core::check_reading_value(json_value, meter, reg, "value"), "the value");
        if (json_value.is_number_integer()) row.value = json_value.get<int64_t>();
      }
      core::ReadingSource src;
      const std::string& source = field(rec, cols, "source");
      if (!core::parse_reading_source(source, src) || src == core::ReadingSource::customer)
        report.issues.push_back({line, "source.invalid", "source must be operator or estimate"});
      row.source = source;
      if (mp) row.mp_id = mp->id;
      if (report.issues.size() == before) rows.push_back(row);
    }
  });
  if (!report.ok()) return report;
  db_.write([&](storage::Connection& c) {
    for (const auto& r : rows) storage::readings::upsert_operator_reading(c, r.mp_id, r.date, r.reg, r.value, r.source);
  });
  report.rows = static_cast<int>(rows.size());
  return report;
}

ImportReport RegistryService::export_readings(const std::string& operator_code, const std::string& from,
                                              const std::string& to, std::string& out) {
  ImportReport report;
  if (!operators_.find(operator_code))
    report.issues.push_back({0, core::codes::operator_unknown.data(), "no operator " + operator_code});
  core::Date f, t;
  if (!core::parse_date(from, f)) report.issues.push_back({0, core::codes::date_invalid.data(), "--from must be YYYY-MM-DD"});
  if (!core::parse_date(to, t)) report.issues.push_back({0, core::codes::date_invalid.data(), "--to must be YYYY-MM-DD"});
  if (report.ok() && t < f) report.issues.push_back({0, core::codes::date_invalid.data(), "--to is before --from"});
  if (!report.ok()) return report;
  auto rows = db_.read(
      [&](storage::Connection& c) { return storage::readings::for_operator(c, operator_code, from, to); });
  out = "metering_point,gsrn,date,register,value,type,submitted_at\r\n";
  for (const auto& r : rows) {
    out += csv_quote(r.number, ',') + "," + r.gsrn + "," + r.date + "," + r.reg + "," + std::to_string(r.value) + "," +
           r.type + "," + core::format_instant_ljubljana(r.submitted_at) + "\r\n";
  }
  report.rows = static_cast<int>(rows.size());
  return report;
}

}  // namespace server::services
