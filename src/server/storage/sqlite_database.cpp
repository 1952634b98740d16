// SQLite driver: WAL, foreign keys on, every write in a BEGIN IMMEDIATE transaction,
// synchronous=FULL so an acknowledged write survives a crash of the process or the machine.
#include <sqlite3.h>

#include <filesystem>
#include <unordered_map>

#include "server/storage/database.h"
#include "server/storage/drivers.h"

namespace server::storage {

namespace {

DbError::Kind kind_of(int rc) {
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return DbError::Kind::conflict;
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) return DbError::Kind::unique;
  if (primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR || primary == SQLITE_FULL)
    return DbError::Kind::unavailable;
  return DbError::Kind::other;
}

struct Statement {
  sqlite3_stmt* stmt = nullptr;
  std::vector<int> param_of_slot;  // slot i (1-based) binds params[param_of_slot[i]]
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) {
    int rc = sqlite3_open_v2(path.c_str(), &db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw DbError(DbError::Kind::unavailable, "cannot open SQLite database " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 10000);
    sqlite3_extended_result_codes(db_, 1);
    exec_plain("PRAGMA journal_mode=WAL");
    exec_plain("PRAGMA synchronous=FULL");
    exec_plain("PRAGMA foreign_keys=ON");
  }

  ~SqliteConnection() override {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st.stmt);
    sqlite3_close(db_);
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  Result exec(std::string_view sql, const Params& params) override {
    Statement& st = prepare(sql);
    sqlite3_reset(st.stmt);
    sqlite3_clear_bindings(st.stmt);
    for (size_t slot = 1; slot < st.param_of_slot.size(); ++slot) {
      const size_t p = static_cast<size_t>(st.param_of_slot[slot]);
      if (p >= params.size()) throw DbError(DbError::Kind::other, "missing SQL parameter in: " + std::string(sql));
      const Value& v = params[p];
      const int s = static_cast<int>(slot);
      switch (v.kind) {
        case Value::Kind::null: sqlite3_bind_null(st.stmt, s); break;
        case Value::Kind::integer: sqlite3_bind_int64(st.stmt, s, v.i); break;
        case Value::Kind::text:
          sqlite3_bind_text(st.stmt, s, v.s.data(), static_cast<int>(v.s.size()), SQLITE_TRANSIENT);
          break;
      }
    }
    Result result;
    const int ncol = sqlite3_column_count(st.stmt);
    for (;;) {
      const int rc = sqlite3_step(st.stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        const std::string msg = sqlite3_errmsg(db_);
        sqlite3_reset(st.stmt);
        throw DbError(kind_of(rc), "SQLite: " + msg);
      }
      Row row;
      row.cols.resize(static_cast<size_t>(ncol));
      for (int c = 0; c < ncol; ++c) {
        Value& v = row.cols[static_cast<size_t>(c)];
        switch (sqlite3_column_type(st.stmt, c)) {
          case SQLITE_NULL: break;
          case SQLITE_INTEGER:
            v.kind = Value::Kind::integer;
            v.i = sqlite3_column_int64(st.stmt, c);
            break;
          default: {
            v.kind = Value::Kind::text;
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st.stmt, c));
            v.s.assign(text ? text : "", static_cast<size_t>(sqlite3_column_bytes(st.stmt, c)));
          }
        }
      }
      result.rows.push_back(std::move(row));
    }
    result.affected = sqlite3_changes(db_);
    sqlite3_reset(st.stmt);
    return result;
  }

  void begin(bool write) override { exec_plain(write ? "BEGIN IMMEDIATE" : "BEGIN"); }
  void commit() override { exec_plain("COMMIT"); }
  void rollback() noexcept override {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }

 private:
  void exec_plain(const char* sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : "error";
      sqlite3_free(err);
      throw DbError(kind_of(rc), std::string("SQLite: ") + sql + ": " + msg);
    }
  }

  Statement& prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) return it->second;
    Statement st;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &st.stmt, nullptr);
    if (rc != SQLITE_OK)
      throw DbError(kind_of(rc), "SQLite prepare: " + std::string(sqlite3_errmsg(db_)) + " in: " + std::string(sql));
    const int n = sqlite3_bind_parameter_count(st.stmt);
    st.param_of_slot.assign(static_cast<size_t>(n) + 1, 0);
    for (int slot = 1; slot <= n; ++slot) {
      const char* name = sqlite3_bind_parameter_name(st.stmt, slot);
      st.param_of_slot[static_cast<size_t>(slot)] = name && name[0] == '$' ? std::atoi(name + 1) - 1 : slot - 1;
    }
    return cache_.emplace(std::string(sql), st).first->second;
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, Statement> cache_;
};

// Before the first connection: no global memory statistics (a process-wide mutex taken on every
// SQLite allocation, a convoy when many request threads read at once).
void configure_sqlite_once() {
  static const bool done = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)done;
}

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(std::string path) : path_(std::move(path)) {
    configure_sqlite_once();
    std::error_code ec;
    const auto parent = std::filesystem::path(path_).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    release(connect());  // fail now, with a clear message, if the file cannot be opened
  }
  Dialect dialect() const override { return Dialect::sqlite; }

 protected:
  std::unique_ptr<Connection> connect() override { return std::make_unique<SqliteConnection>(path_); }

 private:
  std::string path_;
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path) { return std::make_unique<SqliteDatabase>(path); }

}  // namespace server::storage
