#include "server/storage/registry_store.h"

namespace server::storage {

namespace {

constexpr const char* kMpColumns =
    "mp.id, mp.number, mp.gsrn, mp.energy, mp.operator, mp.street, mp.city, mp.postal_code, mp.registers, "
    "mp.meter_digits, mp.version";
constexpr int kMpWidth = 11;

MeteringPointRecord mp_from(const Row& r, size_t at) {
  MeteringPointRecord m;
  m.id = r.integer(at + 0);
  m.number = r.text(at + 1);
  m.gsrn = r.text(at + 2);
  m.energy = r.text(at + 3);
  m.operator_code = r.text(at + 4);
  m.street = r.text(at + 5);
  m.city = r.text(at + 6);
  m.postal_code = r.text(at + 7);
  m.registers = r.text(at + 8);
  m.digits = static_cast<int>(r.integer(at + 9));
  m.version = r.integer(at + 10);
  return m;
}

constexpr const char* kContractColumns =
    "ct.id, ct.contract_number, ct.metering_point_id, ct.customer_name, ct.valid_from, ct.valid_to";
constexpr int kContractWidth = 6;

ContractRecord contract_from(const Row& r, size_t at) {
  ContractRecord c;
  c.id = r.integer(at + 0);
  c.contract_number = r.text(at + 1);
  c.metering_point_id = r.integer(at + 2);
  c.customer_name = r.text(at + 3);
  c.valid_from = r.opt_text(at + 4);
  c.valid_to = r.opt_text(at + 5);
  return c;
}

std::optional<MeteringPointRecord> one_mp(Result r) {
  if (r.empty()) return std::nullopt;
  return mp_from(r.first(), 0);
}

// Links joined with their contract and metering point; `where` continues the WHERE clause.
std::string link_query(const std::string& where) {
  return std::string("SELECT l.id, l.account_id, l.reminder_email, l.reminder_sms, ") + kContractColumns + ", " +
         kMpColumns +
         " FROM contract_links l JOIN contracts ct ON ct.id = l.contract_id "
         "JOIN metering_points mp ON mp.id = ct.metering_point_id WHERE " +
         where;
}

constexpr const char* kValidOn = "(ct.valid_from IS NULL OR ct.valid_from <= $2) AND (ct.valid_to IS NULL OR ct.valid_to >= $2)";

std::vector<LinkedContract> links_from(const Result& r) {
  std::vector<LinkedContract> out;
  out.reserve(r.rows.size());
  for (const Row& row : r.rows) {
    LinkedContract l;
    l.link_id = row.integer(0);
    l.account_id = row.integer(1);
    l.reminder_email = row.integer(2) != 0;
    l.reminder_sms = row.integer(3) != 0;
    l.contract = contract_from(row, 4);
    l.metering_point = mp_from(row, 4 + kContractWidth);
    out.push_back(std::move(l));
  }
  return out;
}

std::optional<LinkedContract> first_link(const Result& r) {
  auto all = links_from(r);
  if (all.empty()) return std::nullopt;
  return all.front();
}

}  // namespace

namespace registry {

std::optional<MeteringPointRecord> metering_point(Connection& c, int64_t id) {
  return one_mp(c.exec(std::string("SELECT ") + kMpColumns + " FROM metering_points mp WHERE mp.id = $1", {id}));
}

std::optional<MeteringPointRecord> metering_point_by_number(Connection& c, const std::string& number) {
  return one_mp(
      c.exec(std::string("SELECT ") + kMpColumns + " FROM metering_points mp WHERE mp.number = $1", {number}));
}

std::optional<MeteringPointRecord> metering_point_by_gsrn(Connection& c, const std::string& gsrn) {
  return one_mp(c.exec(std::string("SELECT ") + kMpColumns + " FROM metering_points mp WHERE mp.gsrn = $1", {gsrn}));
}

int64_t upsert_metering_point(Connection& c, const MeteringPointRecord& m) {
  return c
      .exec(
          "INSERT INTO metering_points (number, gsrn, energy, operator, street, city, postal_code, registers, "
          "meter_digits) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
          "ON CONFLICT (number) DO UPDATE SET gsrn = excluded.gsrn, energy = excluded.energy, "
          "operator = excluded.operator, street = excluded.street, city = excluded.city, "
          "postal_code = excluded.postal_code, registers = excluded.registers, meter_digits = excluded.meter_digits, "
          "version = metering_points.version + 1 "
          "RETURNING id",
          {m.number, m.gsrn.empty() ? Value() : Value(m.gsrn), m.energy, m.operator_code, m.street, m.city,
           m.postal_code, m.registers, m.digits})
      .first()
      .integer(0);
}

std::optional<ContractRecord> contract_by_number(Connection& c, const std::string& contract_number) {
  auto r = c.exec(std::string("SELECT ") + kContractColumns + " FROM contracts ct WHERE ct.contract_number = $1",
                  {contract_number});
  if (r.empty()) return std::nullopt;
  return contract_from(r.first(), 0);
}

void touch_metering_point(Connection& c, int64_t id) {
  c.exec("UPDATE metering_points SET version = version + 1 WHERE id = $1", {id});
}

int64_t upsert_contract(Connection& c, const ContractRecord& k) {
  // A contract's dates decide which readings its customers see: both metering points change.
  c.exec("UPDATE metering_points SET version = version + 1 WHERE id IN "
         "(SELECT metering_point_id FROM contracts WHERE contract_number = $1)",
         {k.contract_number});
  touch_metering_point(c, k.metering_point_id);
  return c
      .exec(
          "INSERT INTO contracts (contract_number, metering_point_id, customer_name, valid_from, valid_to) "
          "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (contract_number) DO UPDATE SET "
          "metering_point_id = excluded.metering_point_id, customer_name = excluded.customer_name, "
          "valid_from = excluded.valid_from, valid_to = excluded.valid_to RETURNING id",
          {k.contract_number, k.metering_point_id, k.customer_name, k.valid_from, k.valid_to})
      .first()
      .integer(0);
}

int64_t count_metering_points(Connection& c) {
  return c.exec("SELECT COUNT(*) FROM metering_points").first().integer(0);
}

void lock_for_setup(Connection& c) {
  if (c.dialect() == Dialect::postgresql) c.exec("SELECT pg_advisory_xact_lock(7270002)");
}

std::vector<MeteringPointRecord> metering_points_of_operator(Connection& c, const std::string& operator_code) {
  auto r = c.exec(std::string("SELECT ") + kMpColumns + " FROM metering_points mp WHERE mp.operator = $1 ORDER BY mp.id",
                  {operator_code});
  std::vector<MeteringPointRecord> out;
  for (const Row& row : r.rows) out.push_back(mp_from(row, 0));
  return out;
}

}  // namespace registry

namespace links {

std::vector<LinkedContract> valid_for_account(Connection& c, int64_t account_id, const std::string& today) {
  return links_from(c.exec(link_query(std::string("l.account_id = $1 AND ") + kValidOn + " ORDER BY l.id"),
                           {account_id, today}));
}

std::optional<LinkedContract> valid_by_contract(Connection& c, int64_t account_id, int64_t contract_id,
                                                const std::string& today) {
  return first_link(c.exec(link_query(std::string("l.account_id = $1 AND ") + kValidOn + " AND ct.id = $3"),
                           {account_id, today, contract_id}));
}

std::optional<LinkedContract> valid_by_metering_point(Connection& c, int64_t account_id, int64_t metering_point_id,
                                                      const std::string& today) {
  return first_link(c.exec(
      link_query(std::string("l.account_id = $1 AND ") + kValidOn + " AND mp.id = $3 ORDER BY ct.valid_from DESC"),
      {account_id, today, metering_point_id}));
}

bool exists(Connection& c, int64_t account_id, int64_t contract_id) {
  return !c.exec("SELECT 1 FROM contract_links WHERE account_id = $1 AND contract_id = $2", {account_id, contract_id})
              .empty();
}

void insert(Connection& c, int64_t account_id, int64_t contract_id, int64_t now) {
  c.exec("INSERT INTO contract_links (account_id, contract_id, created_at) VALUES ($1, $2, $3)",
         {account_id, contract_id, now});
}

bool remove(Connection& c, int64_t account_id, int64_t contract_id) {
  return c.exec("DELETE FROM contract_links WHERE account_id = $1 AND contract_id = $2", {account_id, contract_id})
             .affected > 0;
}

void set_reminders(Connection& c, int64_t link_id, bool email, bool sms) {
  c.exec("UPDATE contract_links SET reminder_email = $2, reminder_sms = $3 WHERE id = $1", {link_id, email, sms});
}

std::vector<LinkedContract> with_reminders(Connection& c, const std::string& today) {
  return links_from(c.exec(
      link_query(std::string("(l.reminder_email = 1 OR l.reminder_sms = 1) AND l.account_id <> $1 AND ") + kValidOn +
                 " ORDER BY l.id"),
      {int64_t{0}, today}));
}

std::optional<SessionAndVersion> for_session(Connection& c, const std::string& token_hash, int64_t metering_point_id,
                                             const std::string& today) {
  auto r = c.exec(
      "SELECT s.account_id, s.persistent, s.created_at, s.last_seen_at, s.expires_at, mp.version "
      "FROM sessions s LEFT JOIN (contract_links l JOIN contracts ct ON ct.id = l.contract_id "
      "AND ct.metering_point_id = $2 AND (ct.valid_from IS NULL OR ct.valid_from <= $3) "
      "AND (ct.valid_to IS NULL OR ct.valid_to >= $3) "
      "JOIN metering_points mp ON mp.id = ct.metering_point_id) ON l.account_id = s.account_id "
      "WHERE s.token_hash = $1 LIMIT 1",
      {token_hash, metering_point_id, today});
  if (r.empty()) return std::nullopt;
  const Row& row = r.first();
  SessionAndVersion out;
  out.session = {token_hash, row.integer(0), row.integer(1) != 0, row.integer(2), row.integer(3), row.integer(4)};
  out.version = row.opt_integer(5);
  return out;
}

std::vector<LinkedContract> all_for_account(Connection& c, int64_t account_id) {
  return links_from(c.exec(link_query("l.account_id = $1 ORDER BY l.id"), {account_id}));
}

}  // namespace links

}  // namespace server::storage
