#include "server/storage/reading_store.h"

#include "server/storage/registry_store.h"

namespace server::storage {

namespace {

constexpr const char* kSubmissionColumns =
    "id, metering_point_id, account_id, reading_date, type, submitted_at, deletable_until, meter_replaced, "
    "confirmed_unusual, deleted_at";

SubmissionRecord submission_from(const Row& r) {
  SubmissionRecord s;
  s.id = r.integer(0);
  s.metering_point_id = r.integer(1);
  s.account_id = r.opt_integer(2);
  s.date = r.text(3);
  s.type = r.text(4);
  s.submitted_at = r.integer(5);
  s.deletable_until = r.opt_text(6);
  s.meter_replaced = r.integer(7) != 0;
  s.confirmed_unusual = r.integer(8) != 0;
  s.deleted_at = r.opt_integer(9);
  return s;
}

std::optional<SubmissionRecord> one_submission(const Result& r) {
  if (r.empty()) return std::nullopt;
  return submission_from(r.first());
}

}  // namespace

namespace readings {

std::vector<ReadingRecord> of_metering_point(Connection& c, int64_t metering_point_id) {
  auto r = c.exec(
      "SELECT r.id, r.metering_point_id, r.reading_date, r.register, r.value, r.source, r.meter_replaced, "
      "r.submission_id, s.type, s.account_id, s.deletable_until, s.submitted_at "
      "FROM readings r LEFT JOIN submissions s ON s.id = r.submission_id "
      "WHERE r.metering_point_id = $1 AND r.deleted_at IS NULL ORDER BY r.reading_date, r.id",
      {metering_point_id});
  std::vector<ReadingRecord> out;
  out.reserve(r.rows.size());
  for (const Row& row : r.rows) {
    ReadingRecord x;
    x.id = row.integer(0);
    x.metering_point_id = row.integer(1);
    x.date = row.text(2);
    x.reg = row.text(3);
    x.value = row.integer(4);
    x.source = row.text(5);
    x.meter_replaced = row.integer(6) != 0;
    x.submission_id = row.opt_integer(7);
    x.type = row.opt_text(8);
    x.account_id = row.opt_integer(9);
    x.deletable_until = row.opt_text(10);
    x.submitted_at = row.integer(11);
    out.push_back(std::move(x));
  }
  return out;
}

std::optional<SubmissionRecord> submission(Connection& c, int64_t id) {
  return one_submission(c.exec(std::string("SELECT ") + kSubmissionColumns + " FROM submissions WHERE id = $1", {id}));
}

std::optional<SubmissionRecord> live_submission(Connection& c, int64_t metering_point_id, const std::string& date,
                                                const std::string& type) {
  return one_submission(c.exec(std::string("SELECT ") + kSubmissionColumns +
                                   " FROM submissions WHERE metering_point_id = $1 AND reading_date = $2 AND type = $3 "
                                   "AND deleted_at IS NULL ORDER BY id DESC LIMIT 1",
                               {metering_point_id, date, type}));
}

int64_t insert_submission(Connection& c, const SubmissionRecord& s) {
  registry::touch_metering_point(c, s.metering_point_id);
  return c
      .exec(
          "INSERT INTO submissions (metering_point_id, account_id, reading_date, type, submitted_at, "
          "deletable_until, meter_replaced, confirmed_unusual) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
          {s.metering_point_id, s.account_id, s.date, s.type, s.submitted_at, s.deletable_until, s.meter_replaced,
           s.confirmed_unusual})
      .first()
      .integer(0);
}

int64_t insert_reading(Connection& c, const ReadingRecord& r) {
  registry::touch_metering_point(c, r.metering_point_id);
  return c
      .exec(
          "INSERT INTO readings (metering_point_id, reading_date, register, value, source, submission_id, "
          "meter_replaced) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          {r.metering_point_id, r.date, r.reg, r.value, r.source, r.submission_id, r.meter_replaced})
      .first()
      .integer(0);
}

void delete_submission(Connection& c, int64_t submission_id, int64_t now) {
  c.exec("UPDATE metering_points SET version = version + 1 WHERE id = "
         "(SELECT metering_point_id FROM submissions WHERE id = $1)",
         {submission_id});
  c.exec("UPDATE submissions SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL", {submission_id, now});
  c.exec("UPDATE readings SET deleted_at = $2 WHERE submission_id = $1 AND deleted_at IS NULL", {submission_id, now});
}

void upsert_operator_reading(Connection& c, int64_t metering_point_id, const std::string& date,
                             const std::string& reg, int64_t value, const std::string& source) {
  registry::touch_metering_point(c, metering_point_id);
  c.exec(
      "INSERT INTO readings (metering_point_id, reading_date, register, value, source) VALUES ($1, $2, $3, $4, $5) "
      "ON CONFLICT (metering_point_id, reading_date, register) WHERE submission_id IS NULL "
      "DO UPDATE SET value = excluded.value, source = excluded.source, deleted_at = NULL",
      {metering_point_id, date, reg, value, source});
}

std::vector<ExportRow> for_operator(Connection& c, const std::string& operator_code, const std::string& from,
                                    const std::string& to) {
  auto r = c.exec(
      "SELECT mp.number, mp.gsrn, r.reading_date, r.register, r.value, s.type, s.submitted_at "
      "FROM readings r JOIN submissions s ON s.id = r.submission_id JOIN metering_points mp ON mp.id = r.metering_point_id "
      "WHERE mp.operator = $1 AND r.reading_date >= $2 AND r.reading_date <= $3 AND s.type = 'submission' "
      "AND r.deleted_at IS NULL AND s.deleted_at IS NULL "
      "ORDER BY mp.number, r.reading_date, s.submitted_at, r.register",
      {operator_code, from, to});
  std::vector<ExportRow> out;
  for (const Row& row : r.rows)
    out.push_back({row.text(0), row.text(1), row.text(2), row.text(3), row.text(5), row.integer(4), row.integer(6)});
  return out;
}

bool any_between(Connection& c, int64_t metering_point_id, const std::string& from, const std::string& to) {
  return !c.exec("SELECT 1 FROM readings WHERE metering_point_id = $1 AND reading_date >= $2 AND reading_date <= $3 "
                 "AND deleted_at IS NULL LIMIT 1",
                 {metering_point_id, from, to})
              .empty();
}

int64_t count_live(Connection& c) {
  return c.exec("SELECT COUNT(*) FROM readings WHERE deleted_at IS NULL").first().integer(0);
}

std::vector<AccountReadingRow> of_account(Connection& c, int64_t account_id) {
  auto r = c.exec(
      "SELECT s.id, mp.number, s.reading_date, r.register, s.type, r.value, s.submitted_at, s.deleted_at "
      "FROM submissions s JOIN metering_points mp ON mp.id = s.metering_point_id "
      "JOIN readings r ON r.submission_id = s.id WHERE s.account_id = $1 ORDER BY s.id, r.register",
      {account_id});
  std::vector<AccountReadingRow> out;
  for (const Row& row : r.rows)
    out.push_back({row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4), row.integer(5), row.integer(6),
                   !row.null(7)});
  return out;
}

}  // namespace readings

namespace idempotency {

std::optional<Stored> find(Connection& c, int64_t account_id, const std::string& key) {
  auto r = c.exec("SELECT status, response FROM idempotency_keys WHERE account_id = $1 AND key = $2",
                  {account_id, key});
  if (r.empty()) return std::nullopt;
  return Stored{static_cast<int>(r.first().integer(0)), r.first().text(1)};
}

void put(Connection& c, int64_t account_id, const std::string& key, int status, const std::string& response,
         int64_t now) {
  c.exec("INSERT INTO idempotency_keys (account_id, key, status, response, created_at) VALUES ($1, $2, $3, $4, $5)",
         {account_id, key, status, response, now});
}

int64_t purge(Connection& c, int64_t before) {
  return c.exec("DELETE FROM idempotency_keys WHERE created_at < $1", {before}).affected;
}

}  // namespace idempotency

}  // namespace server::storage
