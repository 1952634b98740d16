#include "server/storage/database.h"

#include <cstdlib>

namespace server::storage {

int64_t Row::integer(size_t c) const {
  const Value& v = cols.at(c);
  if (v.kind == Value::Kind::integer) return v.i;
  if (v.kind == Value::Kind::text) return std::strtoll(v.s.c_str(), nullptr, 10);
  return 0;
}

std::string Row::text(size_t c) const {
  const Value& v = cols.at(c);
  if (v.kind == Value::Kind::text) return v.s;
  if (v.kind == Value::Kind::integer) return std::to_string(v.i);
  return {};
}

std::optional<int64_t> Row::opt_integer(size_t c) const {
  if (null(c)) return std::nullopt;
  return integer(c);
}

std::optional<std::string> Row::opt_text(size_t c) const {
  if (null(c)) return std::nullopt;
  return text(c);
}

namespace {
// SQLite: each request thread keeps one connection of its own, so the hot path takes no lock.
// (Keyed by the database, so tests with several databases in one process stay apart.)
struct ThreadSlot {
  const Database* owner = nullptr;
  std::unique_ptr<Connection> conn;
};
thread_local ThreadSlot t_slot;
}  // namespace

std::unique_ptr<Connection> Database::acquire() {
  if (dialect() == Dialect::sqlite && t_slot.conn && t_slot.owner == this) return std::move(t_slot.conn);
  {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  return connect();
}

void Database::release(std::unique_ptr<Connection> c) {
  if (!c || c->broken()) return;
  if (dialect() == Dialect::sqlite && !t_slot.conn) {
    t_slot.owner = this;
    t_slot.conn = std::move(c);
    return;
  }
  std::lock_guard<std::mutex> lock(pool_mutex_);
  idle_.push_back(std::move(c));
}

bool Database::ping() noexcept {
  try {
    Lease lease(*this);
    auto r = lease->exec("SELECT 1");
    return !r.rows.empty() && r.first().integer(0) == 1;
  } catch (...) {
    return false;
  }
}

}  // namespace server::storage
