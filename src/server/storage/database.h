// The one SQL interface the rest of storage/ is written against, with two drivers: SQLite (the
// embedded default) and PostgreSQL (several stateless instances). SQL is written once, with
// $1..$n placeholders that both engines accept; only storage/ ever sees SQL.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace server::storage {

// [SECTION] Values
// A bound parameter or a column: NULL, a 64-bit integer or text. Dates are 'YYYY-MM-DD' text,
// instants are Unix seconds, booleans 0/1; so one schema means the same on both engines.
struct Value {
  enum class Kind { null, integer, text } kind = Kind::null;
  int64_t i = 0;
  std::string s;

  Value() = default;
  Value(std::nullptr_t) {}
  Value(int v) : kind(Kind::integer), i(v) {}
  Value(long v) : kind(Kind::integer), i(v) {}
  Value(long long v) : kind(Kind::integer), i(v) {}
  Value(unsigned v) : kind(Kind::integer), i(v) {}
  Value(bool v) : kind(Kind::integer), i(v ? 1 : 0) {}
  Value(std::string v) : kind(Kind::text), s(std::move(v)) {}
  Value(std::string_view v) : kind(Kind::text), s(v) {}
  Value(const char* v) : kind(Kind::text), s(v) {}
  template <class T>
  Value(const std::optional<T>& v) : Value(v ? Value(*v) : Value()) {}

  bool is_null() const { return kind == Kind::null; }
};
using Params = std::vector<Value>;

struct Row {
  std::vector<Value> cols;
  bool null(size_t c) const { return cols.at(c).is_null(); }
  int64_t integer(size_t c) const;           // NULL -> 0; text parsed
  std::string text(size_t c) const;          // NULL -> ""; integers formatted
  std::optional<int64_t> opt_integer(size_t c) const;
  std::optional<std::string> opt_text(size_t c) const;
};

struct Result {
  std::vector<Row> rows;
  int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE
  bool empty() const { return rows.empty(); }
  const Row& first() const { return rows.at(0); }
};

// [SECTION] Errors
struct DbError : std::runtime_error {
  enum class Kind { other, conflict, unique, unavailable } kind;
  DbError(Kind k, const std::string& what) : std::runtime_error(what), kind(k) {}
};
// conflict: a concurrent transaction won (SQLITE_BUSY, serialization failure): retried by run().
// unique: a UNIQUE constraint was violated. unavailable: the database does not answer.

// [SECTION] Connections
enum class Dialect { sqlite, postgresql };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Result exec(std::string_view sql, const Params& params = {}) = 0;  // throws DbError
  virtual void begin(bool write) = 0;  // SQLite: BEGIN IMMEDIATE for writes; PG: BEGIN
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
  virtual Dialect dialect() const = 0;
  virtual bool broken() const { return false; }  // discard instead of returning to the pool
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  const char* kind() const { return dialect() == Dialect::sqlite ? "sqlite" : "postgresql"; }

  // Runs `work` in one transaction on a pooled connection; commits when it returns, rolls back
  // if it throws. Conflicts with concurrent writers are retried (work must be repeatable).
  template <class F>
  auto write(F&& work) { return run(true, std::forward<F>(work)); }
  template <class F>
  auto read(F&& work) { return run(false, std::forward<F>(work)); }

  // Runs `work` on a pooled connection without an explicit transaction: for one read statement
  // on a hot path (each statement is then its own transaction).
  template <class F>
  auto once(F&& work);

  bool ping() noexcept;  // SELECT 1 answered

  // Connections, handed out one per caller at a time.
  std::unique_ptr<Connection> acquire();
  void release(std::unique_ptr<Connection> c);

 protected:
  virtual std::unique_ptr<Connection> connect() = 0;  // throws DbError(unavailable)

 private:
  template <class F>
  auto run(bool write, F&& work);

  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
  // SQLite has one writer at a time; writers of this process queue here, in order, instead of
  // polling the file lock with SQLite's sleeping busy handler (which gave seconds-long tails).
  std::mutex sqlite_writer_;
};

// A leased connection that goes back to the pool when it leaves scope.
class Lease {
 public:
  explicit Lease(Database& db) : db_(db), conn_(db.acquire()) {}
  ~Lease() { db_.release(std::move(conn_)); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  Connection& operator*() { return *conn_; }
  Connection* operator->() { return conn_.get(); }

 private:
  Database& db_;
  std::unique_ptr<Connection> conn_;
};

template <class F>
auto Database::once(F&& work) {
  Lease lease(*this);
  return work(*lease);
}

template <class F>
auto Database::run(bool write, F&& work) {
  std::unique_lock<std::mutex> writer(sqlite_writer_, std::defer_lock);
  if (write && dialect() == Dialect::sqlite) writer.lock();
  for (int attempt = 0;; ++attempt) {
    Lease lease(*this);
    try {
      lease->begin(write);
      if constexpr (std::is_void_v<decltype(work(*lease))>) {
        work(*lease);
        lease->commit();
        return;
      } else {
        auto result = work(*lease);
        lease->commit();
        return result;
      }
    } catch (const DbError& e) {
      lease->rollback();
      if (e.kind != DbError::Kind::conflict || attempt >= 20) throw;
    } catch (...) {
      lease->rollback();
      throw;
    }
  }
}

// Opens a SQLite file path or a postgresql:// URL. Throws DbError with a clear message.
std::unique_ptr<Database> open_database(const std::string& path_or_url);

}  // namespace server::storage
