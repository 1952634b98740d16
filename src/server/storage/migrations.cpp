#include "server/storage/migrations.h"

#include <algorithm>
#include <set>
#include <vector>

namespace server::storage {

namespace {

struct Migration {
  int version;
  const char* sql;  // statements separated by ';' on a line end; tokens {id}, {blob} per dialect
};

// Append only: a released migration never changes.
const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list = {
      {1, R"SQL(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)SQL"},
      // Accounts, sessions, single-use tokens, phone codes, throttle events, the message queue.
      {2, R"SQL(
CREATE TABLE accounts (
  id {id},
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  street TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL DEFAULT '',
  post TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT 'SI',
  phone TEXT NOT NULL DEFAULT '',
  phone_confirmed INTEGER NOT NULL DEFAULT 0,
  gender TEXT NOT NULL,
  notifications INTEGER NOT NULL DEFAULT 0,
  locale TEXT NOT NULL DEFAULT 'sl',
  created_at BIGINT NOT NULL,
  activated_at BIGINT
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  persistent INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);
CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL,
  new_email TEXT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX tokens_by_account ON tokens (account_id, purpose);
CREATE TABLE phone_codes (
  account_id BIGINT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  phone TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE throttle_events (
  id {id},
  key TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX throttle_by_key ON throttle_events (key, at);
CREATE TABLE outbound_messages (
  id {id},
  channel TEXT NOT NULL,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  body_text TEXT NOT NULL,
  body_html TEXT NOT NULL DEFAULT '',
  headers TEXT NOT NULL DEFAULT '{}',
  created_at BIGINT NOT NULL,
  not_before BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  claimed_until BIGINT,
  sent_at BIGINT,
  last_error TEXT
);
CREATE INDEX outbound_pending ON outbound_messages (sent_at, not_before);
)SQL"},
      // The supplier's registry (metering points, contracts), customers' links, readings.
      {3, R"SQL(
CREATE TABLE metering_points (
  id {id},
  number TEXT NOT NULL UNIQUE,
  gsrn TEXT UNIQUE,
  energy TEXT NOT NULL,
  operator TEXT NOT NULL,
  street TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  postal_code TEXT NOT NULL DEFAULT '',
  registers TEXT NOT NULL,
  meter_digits INTEGER NOT NULL
);
CREATE INDEX metering_points_by_operator ON metering_points (operator);
CREATE TABLE contracts (
  id {id},
  contract_number TEXT NOT NULL UNIQUE,
  metering_point_id BIGINT NOT NULL REFERENCES metering_points(id),
  customer_name TEXT NOT NULL DEFAULT '',
  valid_from TEXT,
  valid_to TEXT
);
CREATE INDEX contracts_by_metering_point ON contracts (metering_point_id);
CREATE TABLE contract_links (
  id {id},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  contract_id BIGINT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  reminder_email INTEGER NOT NULL DEFAULT 0,
  reminder_sms INTEGER NOT NULL DEFAULT 0,
  UNIQUE (account_id, contract_id)
);
CREATE INDEX contract_links_by_contract ON contract_links (contract_id);
CREATE TABLE submissions (
  id {id},
  metering_point_id BIGINT NOT NULL REFERENCES metering_points(id),
  account_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
  reading_date TEXT NOT NULL,
  type TEXT NOT NULL,
  submitted_at BIGINT NOT NULL,
  deletable_until TEXT,
  meter_replaced INTEGER NOT NULL DEFAULT 0,
  confirmed_unusual INTEGER NOT NULL DEFAULT 0,
  deleted_at BIGINT
);
CREATE INDEX submissions_by_metering_point ON submissions (metering_point_id, reading_date);
CREATE UNIQUE INDEX submission_once_a_day ON submissions (metering_point_id, reading_date, type)
  WHERE deleted_at IS NULL;
CREATE TABLE readings (
  id {id},
  metering_point_id BIGINT NOT NULL REFERENCES metering_points(id),
  reading_date TEXT NOT NULL,
  register TEXT NOT NULL,
  value BIGINT NOT NULL,
  source TEXT NOT NULL,
  submission_id BIGINT REFERENCES submissions(id),
  meter_replaced INTEGER NOT NULL DEFAULT 0,
  deleted_at BIGINT
);
CREATE INDEX readings_by_metering_point ON readings (metering_point_id, reading_date);
CREATE UNIQUE INDEX operator_reading_once ON readings (metering_point_id, reading_date, register)
  WHERE submission_id IS NULL;
CREATE TABLE idempotency_keys (
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, key)
);
)SQL"},
      // Reminders: what was sent (once per customer, metering point, window, channel and kind,
      // guarded by the primary key across every instance) and the one-click unsubscribe tokens.
      {4, R"SQL(
CREATE TABLE reminders_sent (
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  metering_point_id BIGINT NOT NULL REFERENCES metering_points(id),
  window_opens_on TEXT NOT NULL,
  channel TEXT NOT NULL,
  kind TEXT NOT NULL,
  sent_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, metering_point_id, window_opens_on, channel, kind)
);
CREATE TABLE unsubscribe_tokens (
  token_hash TEXT PRIMARY KEY,
  link_id BIGINT NOT NULL REFERENCES contract_links(id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
)SQL"},
      // A change counter per metering point, bumped in the transaction of every change to what
      // its reading list shows: lets a response cache be exact across instances and processes.
      {5, R"SQL(
ALTER TABLE metering_points ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
)SQL"},
      // Računi: the supplier's invoices per contract (portal-admin import-invoices; the number is
      // the supplier's key, a re-import updates). Money in whole cents, dates 'YYYY-MM-DD'.
      {6, R"SQL(
CREATE TABLE invoices (
  id {id},
  number TEXT NOT NULL UNIQUE,
  contract_id BIGINT NOT NULL REFERENCES contracts(id),
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  amount_cents BIGINT NOT NULL,
  status TEXT NOT NULL,
  consumption_kwh BIGINT,
  updated_at BIGINT NOT NULL
);
CREATE INDEX invoices_by_contract ON invoices (contract_id, issued_on);
)SQL"},
      // Imam vprašanje: customers' questions and the supplier's answers. An account's questions
      // go with it (ON DELETE CASCADE); the metering point one is about stays where it was.
      {7, R"SQL(
CREATE TABLE questions (
  id {id},
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  metering_point_id BIGINT REFERENCES metering_points(id),
  topic TEXT NOT NULL,
  message TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'received',
  answer TEXT,
  created_at BIGINT NOT NULL,
  answered_at BIGINT
);
CREATE INDEX questions_by_account ON questions (account_id, created_at);
)SQL"},
      // A kiosk mails the exports a customer asked for: files attached to a queued mail (JSON
      // [{"name","mime","base64"}]), emptied once it is sent.
      {8, R"SQL(
ALTER TABLE outbound_messages ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';
)SQL"},
  };
  return list;
}

std::string dialect_sql(const std::string& sql, Dialect d) {
  std::string out = sql;
  auto replace = [&out](const std::string& token, const std::string& with) {
    for (size_t p = out.find(token); p != std::string::npos; p = out.find(token, p + with.size()))
      out.replace(p, token.size(), with);
  };
  if (d == Dialect::sqlite) {
    replace("{id}", "INTEGER PRIMARY KEY AUTOINCREMENT");
    replace("{blob}", "BLOB");
  } else {
    replace("{id}", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
    replace("{blob}", "BYTEA");
  }
  return out;
}

std::vector<std::string> split_statements(const std::string& sql) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < sql.size(); ++i) {
    cur += sql[i];
    if (sql[i] == ';' && (i + 1 == sql.size() || sql[i + 1] == '\n')) {
      if (cur.find_first_not_of(" \n\t;") != std::string::npos) out.push_back(cur);
      cur.clear();
    }
  }
  if (cur.find_first_not_of(" \n\t;") != std::string::npos) out.push_back(cur);
  return out;
}

int read_version(Connection& c) {
  c.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  auto r = c.exec("SELECT MAX(version) FROM schema_version");
  return r.empty() || r.first().null(0) ? 0 : static_cast<int>(r.first().integer(0));
}

// Every version applied: features merged in another order leave gaps below the newest (a
// database at 7 from before 6 was merged still needs 6), so each is looked up, not compared.
std::set<int> applied_versions(Connection& c) {
  std::set<int> out;
  for (const Row& row : c.exec("SELECT version FROM schema_version").rows) out.insert(static_cast<int>(row.integer(0)));
  return out;
}

}  // namespace

int known_schema_version() {
  int newest = 0;  // the largest, wherever a merge put it in the list
  for (const auto& m : migrations()) newest = std::max(newest, m.version);
  return newest;
}

int current_schema_version(Database& db) {
  return db.write([](Connection& c) { return read_version(c); });
}

void migrate(Database& db) {
  db.write([&](Connection& c) {
    if (c.dialect() == Dialect::postgresql) c.exec("SELECT pg_advisory_xact_lock(7270001)");
    const int have = read_version(c);
    if (have > known_schema_version())
      throw DbError(DbError::Kind::other,
                    "the database schema is version " + std::to_string(have) + ", newer than the " +
                        std::to_string(known_schema_version()) +
                        " this portal-server knows: run a newer portal-server (refusing to start)");
    const std::set<int> applied = applied_versions(c);
    for (const auto& m : migrations()) {
      if (applied.count(m.version)) continue;
      for (const auto& stmt : split_statements(dialect_sql(m.sql, c.dialect()))) c.exec(stmt);
      c.exec("INSERT INTO schema_version (version) VALUES ($1)", {m.version});
    }
  });
}

}  // namespace server::storage
