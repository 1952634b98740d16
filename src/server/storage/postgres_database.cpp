// PostgreSQL driver (libpqxx): one connection per leased Connection, statements prepared once
// per connection. Several stateless server instances can share the database.
#include <pqxx/pqxx>

#include <unordered_map>

#include "server/storage/database.h"
#include "server/storage/drivers.h"

namespace server::storage {

namespace {

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& url) {
    try {
      conn_ = std::make_unique<pqxx::connection>(url);
      pqxx::nontransaction(*conn_).exec("SET TIME ZONE 'UTC'");
    } catch (const std::exception& e) {
      throw DbError(DbError::Kind::unavailable, std::string("cannot connect to PostgreSQL: ") + e.what());
    }
  }

  Dialect dialect() const override { return Dialect::postgresql; }
  bool broken() const override { return broken_ || !conn_->is_open(); }

  Result exec(std::string_view sql, const Params& params) override {
    return guarded([&] {
      pqxx::result r;
      if (params.empty()) {  // DDL and constant statements cannot be prepared
        if (work_) {
          r = work_->exec(std::string(sql));
        } else {
          pqxx::nontransaction tx(*conn_);
          r = tx.exec(std::string(sql));
        }
        return convert(r);
      }
      const std::string& name = prepared(sql);
      std::vector<const char*> args;
      std::vector<std::string> ints;  // keep integer texts alive while args point at them
      ints.reserve(params.size());
      for (const Value& v : params) {
        if (v.kind == Value::Kind::null) {
          args.push_back(nullptr);
        } else if (v.kind == Value::Kind::integer) {
          ints.push_back(std::to_string(v.i));
          args.push_back(ints.back().c_str());
        } else {
          args.push_back(v.s.c_str());
        }
      }
      if (work_) {
        r = work_->exec_prepared(name, pqxx::prepare::make_dynamic_params(args));
      } else {
        pqxx::nontransaction tx(*conn_);
        r = tx.exec_prepared(name, pqxx::prepare::make_dynamic_params(args));
      }
      return convert(r);
    });
  }

  static Result convert(const pqxx::result& r) {
      Result out;
      out.affected = static_cast<int64_t>(r.affected_rows());
      out.rows.reserve(r.size());
      for (const auto& pr : r) {
        Row row;
        row.cols.resize(pr.size());
        for (pqxx::row::size_type c = 0; c < pr.size(); ++c) {
          if (pr[c].is_null()) continue;
          row.cols[static_cast<size_t>(c)] = Value(std::string(pr[c].c_str(), pr[c].size()));
        }
        out.rows.push_back(std::move(row));
      }
      return out;
  }

  void begin(bool /*write*/) override {
    guarded([&] {
      work_ = std::make_unique<pqxx::work>(*conn_);
      return 0;
    });
  }
  void commit() override {
    guarded([&] {
      work_->commit();
      work_.reset();
      return 0;
    });
  }
  void rollback() noexcept override {
    try {
      if (work_) work_->abort();
    } catch (...) {
      broken_ = true;
    }
    work_.reset();
  }

 private:
  const std::string& prepared(std::string_view sql) {
    auto it = names_.find(std::string(sql));
    if (it != names_.end()) return it->second;
    std::string name = "s" + std::to_string(names_.size() + 1);
    conn_->prepare(name, std::string(sql));
    return names_.emplace(std::string(sql), std::move(name)).first->second;
  }

  template <class F>
  auto guarded(F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const pqxx::broken_connection& e) {
      broken_ = true;
      throw DbError(DbError::Kind::unavailable, std::string("PostgreSQL: ") + e.what());
    } catch (const pqxx::transaction_rollback& e) {  // serialization failure, deadlock
      throw DbError(DbError::Kind::conflict, std::string("PostgreSQL: ") + e.what());
    } catch (const pqxx::unique_violation& e) {
      throw DbError(DbError::Kind::unique, std::string("PostgreSQL: ") + e.what());
    } catch (const pqxx::in_doubt_error& e) {
      broken_ = true;
      throw DbError(DbError::Kind::unavailable, std::string("PostgreSQL: ") + e.what());
    } catch (const std::exception& e) {
      throw DbError(DbError::Kind::other, std::string("PostgreSQL: ") + e.what());
    }
  }

  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::work> work_;
  std::unordered_map<std::string, std::string> names_;
  bool broken_ = false;
};

class PgDatabase final : public Database {
 public:
  explicit PgDatabase(std::string url) : url_(std::move(url)) { release(connect()); }
  Dialect dialect() const override { return Dialect::postgresql; }

 protected:
  std::unique_ptr<Connection> connect() override { return std::make_unique<PgConnection>(url_); }

 private:
  std::string url_;
};

}  // namespace

std::unique_ptr<Database> open_postgresql(const std::string& url) { return std::make_unique<PgDatabase>(url); }

std::unique_ptr<Database> open_database(const std::string& path_or_url) {
  if (path_or_url.rfind("postgresql://", 0) == 0 || path_or_url.rfind("postgres://", 0) == 0)
    return open_postgresql(path_or_url);
  return open_sqlite(path_or_url);
}

}  // namespace server::storage
