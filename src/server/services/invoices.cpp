#include "server/services/invoices.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "core/metering_point.h"
#include "core/reading_rules.h"
#include "server/storage/account_store.h"
#include "server/storage/reading_store.h"
#include "server/storage/registry_store.h"

namespace server::services {

namespace codes = core::codes;
using storage::Connection;

namespace {

constexpr int kBoundaryDays = 10;  // a reading counts for a period boundary within this many days of it

core::Date date_of(const std::string& text) {
  core::Date d;
  core::parse_date(text, d);
  return d;
}

// Lower is preferred when two readings lie equally near a boundary.
int source_rank(const std::string& source) {
  return source == "operator" ? 0 : source == "customer" ? 1 : 2;
}

// The reading of `reg` nearest to `boundary` (within kBoundaryDays), if any.
const storage::ReadingRecord* nearest(const std::vector<storage::ReadingRecord>& readings, const std::string& reg,
                                      const core::Date& boundary) {
  const storage::ReadingRecord* best = nullptr;
  int64_t best_distance = kBoundaryDays + 1;
  for (const auto& r : readings) {
    if (r.reg != reg) continue;
    const int64_t distance = std::llabs(core::days_between(boundary, date_of(r.date)));
    if (distance < best_distance ||
        (best && distance == best_distance && source_rank(r.source) < source_rank(best->source))) {
      best = &r;
      best_distance = distance;
    }
  }
  return best;
}

// Each register's readings at the period's boundaries: the meter at the end of the day before
// the period begins and at the end of its last day.
std::vector<InvoiceReadingRow> boundary_readings(const std::vector<storage::ReadingRecord>& readings,
                                                 const std::string& registers, const core::Date& from,
                                                 const core::Date& to) {
  std::vector<core::Register> regs;
  core::parse_register_set(registers, regs);
  std::vector<InvoiceReadingRow> rows;
  for (core::Register reg : regs) {
    InvoiceReadingRow row;
    row.reg = core::register_code(reg);
    if (const auto* start = nearest(readings, row.reg, from.plus_days(-1))) {
      row.from_date = date_of(start->date);
      row.from_value = start->value;
      row.estimated = start->source == "estimate";
    }
    if (const auto* end = nearest(readings, row.reg, to)) {
      row.to_date = date_of(end->date);
      row.to_value = end->value;
      row.estimated = row.estimated || end->source == "estimate";
    }
    rows.push_back(row);
  }
  return rows;
}

std::vector<std::string> address_lines(const core::ProfileFields& p) {
  std::vector<std::string> lines;
  if (!p.street.empty()) lines.push_back(p.street);
  const std::string place = p.post.empty() ? p.city : p.post;
  if (!p.postal_code.empty() || !place.empty())
    lines.push_back(p.postal_code + (p.postal_code.empty() ? "" : " ") + place);
  if (!p.country.empty() && p.country != "SI") lines.push_back(p.country);
  return lines;
}

std::string place_line(const storage::MeteringPointRecord& mp) {
  std::string line = mp.street;
  if (!mp.postal_code.empty() || !mp.city.empty())
    line += (line.empty() ? "" : ", ") + mp.postal_code + (mp.postal_code.empty() ? "" : " ") + mp.city;
  return line;
}

}  // namespace

InvoiceService::InvoiceService(storage::Database& db, const ContractService& contracts, const InvoicePdf& renderer,
                               InvoiceSupplier supplier, const Clock& clock)
    : db_(db), contracts_(contracts), renderer_(renderer), supplier_(std::move(supplier)), clock_(clock) {}

core::api::Invoice InvoiceService::view(const storage::InvoiceRecord& i, const core::Date& today) {
  core::api::Invoice v;
  v.id = std::to_string(i.id);
  v.number = i.number;
  v.contract_id = std::to_string(i.contract_id);
  v.metering_point_id = std::to_string(i.metering_point_id);
  v.period_from = date_of(i.period_from);
  v.period_to = date_of(i.period_to);
  v.issued_on = date_of(i.issued_on);
  v.due_on = date_of(i.due_on);
  v.amount_cents = i.amount_cents;
  v.status = core::invoice_status(i.status, v.due_on, today);
  return v;
}

Result<std::vector<core::api::Invoice>> InvoiceService::list(
    int64_t account_id, const std::optional<std::string>& metering_point_id) const {
  Result<std::vector<core::api::Invoice>> r;
  const core::Date today = clock_.today();
  auto stored = db_.read([&](Connection& c) -> std::optional<std::vector<storage::InvoiceRecord>> {
    std::optional<int64_t> mp;
    if (metering_point_id) {
      auto link = contracts_.authorize(c, account_id, *metering_point_id);
      if (!link) return std::nullopt;
      mp = link->metering_point.id;
    }
    return storage::invoices::for_account(c, account_id, core::format_date(today), mp);
  });
  if (!stored) {
    r.outcome = Outcome::fail(Status::not_found, codes::not_found, "metering_point");
    return r;
  }
  r.value.reserve(stored->size());
  for (const auto& i : *stored) r.value.push_back(view(i, today));
  return r;
}

Result<InvoiceFile> InvoiceService::pdf(int64_t account_id, const std::string& invoice_id) const {
  Result<InvoiceFile> r;
  const auto id = parse_id(invoice_id);
  const core::Date today = clock_.today();
  const std::string today_text = core::format_date(today);
  std::optional<InvoiceDocument> doc;
  if (id) {
    doc = db_.read([&](Connection& c) -> std::optional<InvoiceDocument> {
      auto invoice = storage::invoices::for_account_by_id(c, account_id, *id, today_text);
      if (!invoice) return std::nullopt;
      auto link = storage::links::valid_by_contract(c, account_id, invoice->contract_id, today_text);
      auto account = storage::accounts::by_id(c, account_id);
      if (!link || !account) return std::nullopt;
      const core::api::Invoice v = view(*invoice, today);
      InvoiceDocument d;
      d.supplier = supplier_;
      d.customer_name = account->profile.name.empty() ? link->contract.customer_name : account->profile.name;
      d.customer_address = address_lines(account->profile);
      d.number = invoice->number;
      d.contract_number = link->contract.contract_number;
      const auto& mp = link->metering_point;
      d.metering_point = mp.number;
      d.gsrn = mp.gsrn;
      d.metering_point_address = place_line(mp);
      d.energy = mp.energy;
      if (const core::Operator* op = contracts_.operators().find(mp.operator_code)) d.operator_name = op->name;
      d.period_from = v.period_from;
      d.period_to = v.period_to;
      d.issued_on = v.issued_on;
      d.due_on = v.due_on;
      d.amount_cents = v.amount_cents;
      d.status = v.status;
      d.consumption_kwh = invoice->consumption_kwh;
      // As in the reading list: a tenant sees only readings dated inside their contract.
      auto readings = storage::readings::of_metering_point(c, mp.id);
      const auto& k = link->contract;
      readings.erase(std::remove_if(readings.begin(), readings.end(),
                                    [&k](const storage::ReadingRecord& x) {
                                      return (k.valid_from && x.date < *k.valid_from) ||
                                             (k.valid_to && x.date > *k.valid_to);
                                    }),
                     readings.end());
      d.readings = boundary_readings(readings, mp.registers, v.period_from, v.period_to);
      return d;
    });
  }
  if (!doc) {
    r.outcome = Outcome::fail(Status::not_found, codes::not_found);
    return r;
  }
  r.value.number = doc->number;
  r.value.file_name = "racun-" + doc->number + ".pdf";
  r.value.pdf = renderer_.render(*doc);
  return r;
}

ImportReport InvoiceService::import_invoices(const std::string& text) const {
  using namespace csv_import;
  ImportReport report;
  std::vector<CsvRecord> records;
  if (!parse(text, report, records)) return report;
  Columns cols;
  if (!read_header(records[0],
                   {"number", "contract_number", "period_from", "period_to", "issued_on", "due_on", "amount_eur",
                    "status", "consumption_kwh"},
                   {}, cols, report))
    return report;
  std::vector<storage::InvoiceRecord> rows;
  std::map<std::string, int> seen_numbers;
  const int64_t now = clock_.now();
  db_.read([&](Connection& c) {
    for (size_t i = 1; i < records.size(); ++i) {
      const CsvRecord& rec = records[i];
      const int line = rec.line;
      if (!has_header_width(rec, records[0], report)) continue;
      const size_t before = report.issues.size();
      storage::InvoiceRecord row;
      row.updated_at = now;
      row.number = field(rec, cols, "number");
      if (!core::is_invoice_number(row.number)) {
        report.issues.push_back(
            {line, "invoice_number.invalid", "number must be 1 to 20 letters, digits or '-', with at least one digit"});
      } else {
        auto [it, fresh] = seen_numbers.emplace(row.number, line);
        if (!fresh)
          report.issues.push_back({line, "invoice_number.duplicate",
                                   "the invoice number is on line " + std::to_string(it->second) + " too"});
      }
      std::string contract_number;
      if (!core::check_contract_number(field(rec, cols, "contract_number"), contract_number).empty()) {
        report.issues.push_back(
            {line, codes::contract_number_invalid.data(), "contract_number is not a contract number"});
      } else if (auto contract = storage::registry::contract_by_number(c, contract_number)) {
        row.contract_id = contract->id;
      } else {
        report.issues.push_back({line, "contract.unknown", "no contract " + contract_number + " in the registry"});
      }
      std::map<std::string, core::Date> dates;
      for (const char* name : {"period_from", "period_to", "issued_on", "due_on"}) {
        core::Date d;
        if (core::parse_date(field(rec, cols, name), d))
          dates[name] = d;
        else
          report.issues.push_back({line, codes::date_invalid.data(), std::string(name) + " must be YYYY-MM-DD"});
      }
      if (dates.count("period_from") && dates.count("period_to") && dates["period_to"] < dates["period_from"])
        report.issues.push_back({line, codes::date_invalid.data(), "period_to is before period_from"});
      if (dates.count("issued_on") && dates.count("due_on") && dates["due_on"] < dates["issued_on"])
        report.issues.push_back({line, codes::date_invalid.data(), "due_on is before issued_on"});
      if (dates.size() == 4) {
        row.period_from = core::format_date(dates["period_from"]);
        row.period_to = core::format_date(dates["period_to"]);
        row.issued_on = core::format_date(dates["issued_on"]);
        row.due_on = core::format_date(dates["due_on"]);
      }
      if (!core::parse_eur_amount(field(rec, cols, "amount_eur"), row.amount_cents))
        report.issues.push_back({line, "amount.invalid",
                                 "amount_eur must be euros with a decimal point and at most 2 decimals, e.g. 84.37"});
      row.status = field(rec, cols, "status");
      if (row.status != "open" && row.status != "paid")
        report.issues.push_back({line, "status.invalid", "status must be open or paid"});
      const std::string& kwh = field(rec, cols, "consumption_kwh");
      if (!kwh.empty()) {
        if (kwh.size() > 12 || kwh.find_first_not_of("0123456789") != std::string::npos)
          report.issues.push_back(
              {line, "consumption.invalid", "consumption_kwh must be a whole number of kWh, or empty"});
        else
          row.consumption_kwh = std::stoll(kwh);
      }
      if (report.issues.size() == before) rows.push_back(row);
    }
  });
  if (!report.ok()) return report;
  db_.write([&](Connection& c) {
    for (const auto& row : rows) storage::invoices::upsert(c, row);
  });
  report.rows = static_cast<int>(rows.size());
  return report;
}

nlohmann::json InvoiceService::export_invoices(int64_t account_id) const {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& i : list(account_id, std::nullopt).value) out.push_back(core::api::to_json(i));
  return out;
}

}  // namespace server::services
