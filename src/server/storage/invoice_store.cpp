#include "server/storage/invoice_store.h"

namespace server::storage::invoices {

namespace {

// Invoices of the account's links valid on $2; `where` continues the WHERE clause.
std::string account_query(const std::string& where) {
  return "SELECT i.id, i.number, i.contract_id, ct.metering_point_id, i.period_from, i.period_to, i.issued_on, "
         "i.due_on, i.amount_cents, i.status, i.consumption_kwh, i.updated_at "
         "FROM invoices i JOIN contracts ct ON ct.id = i.contract_id "
         "JOIN contract_links l ON l.contract_id = ct.id AND l.account_id = $1 "
         "WHERE (ct.valid_from IS NULL OR ct.valid_from <= $2) AND (ct.valid_to IS NULL OR ct.valid_to >= $2) " +
         where;
}

InvoiceRecord invoice_from(const Row& r) {
  InvoiceRecord i;
  i.id = r.integer(0);
  i.number = r.text(1);
  i.contract_id = r.integer(2);
  i.metering_point_id = r.integer(3);
  i.period_from = r.text(4);
  i.period_to = r.text(5);
  i.issued_on = r.text(6);
  i.due_on = r.text(7);
  i.amount_cents = r.integer(8);
  i.status = r.text(9);
  i.consumption_kwh = r.opt_integer(10);
  i.updated_at = r.integer(11);
  return i;
}

}  // namespace

int64_t upsert(Connection& c, const InvoiceRecord& i) {
  return c
      .exec(
          "INSERT INTO invoices (number, contract_id, period_from, period_to, issued_on, due_on, amount_cents, "
          "status, consumption_kwh, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
          "ON CONFLICT (number) DO UPDATE SET contract_id = excluded.contract_id, "
          "period_from = excluded.period_from, period_to = excluded.period_to, issued_on = excluded.issued_on, "
          "due_on = excluded.due_on, amount_cents = excluded.amount_cents, status = excluded.status, "
          "consumption_kwh = excluded.consumption_kwh, updated_at = excluded.updated_at RETURNING id",
          {i.number, i.contract_id, i.period_from, i.period_to, i.issued_on, i.due_on, i.amount_cents, i.status,
           i.consumption_kwh, i.updated_at})
      .first()
      .integer(0);
}

std::vector<InvoiceRecord> for_account(Connection& c, int64_t account_id, const std::string& today,
                                       std::optional<int64_t> metering_point_id) {
  const char* order = " ORDER BY i.issued_on DESC, i.number DESC, i.id DESC";
  auto r = metering_point_id
               ? c.exec(account_query("AND ct.metering_point_id = $3") + order, {account_id, today, *metering_point_id})
               : c.exec(account_query("") + order, {account_id, today});
  std::vector<InvoiceRecord> out;
  out.reserve(r.rows.size());
  for (const Row& row : r.rows) out.push_back(invoice_from(row));
  return out;
}

std::optional<InvoiceRecord> for_account_by_id(Connection& c, int64_t account_id, int64_t id,
                                               const std::string& today) {
  auto r = c.exec(account_query("AND i.id = $3"), {account_id, today, id});
  if (r.empty()) return std::nullopt;
  return invoice_from(r.first());
}

int64_t count(Connection& c) {
  return c.exec("SELECT COUNT(*) FROM invoices").first().integer(0);
}

}  // namespace server::storage::invoices
