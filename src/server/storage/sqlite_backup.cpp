#include "server/storage/sqlite_backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>

namespace server::storage {

namespace {

namespace fs = std::filesystem;

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Handle = std::unique_ptr<sqlite3, Closer>;

Handle open(const std::string& path, int flags, std::string& error) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    error = "cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close_v2(db);
    return nullptr;
  }
  sqlite3_busy_timeout(db, 10000);
  return Handle(db);
}

// The first column of the first row of `sql`, as text ("" if none); false on an error.
bool scalar(sqlite3* db, const char* sql, std::string& out, std::string& error) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
    error = sqlite3_errmsg(db);
    return false;
  }
  const int rc = sqlite3_step(st);
  out.clear();
  if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  const bool ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
  if (!ok) error = sqlite3_errmsg(db);
  sqlite3_finalize(st);
  return ok;
}

bool integrity_ok(sqlite3* db, const std::string& what, std::string& error) {
  std::string result;
  if (!scalar(db, "PRAGMA integrity_check", result, error)) {
    error = what + " is not an SQLite database (" + error + ")";
    return false;
  }
  if (result != "ok") {
    error = what + " fails SQLite's integrity check: " + result;
    return false;
  }
  return true;
}

bool fsync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// Copies the whole database `from` into the file `to` with the online backup API, in one step
// (one read transaction: a consistent snapshot even while other processes write).
bool copy_database(sqlite3* from, const std::string& to, std::string& error) {
  Handle dest = open(to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (!dest) return false;
  sqlite3_backup* b = sqlite3_backup_init(dest.get(), "main", from, "main");
  if (!b) {
    error = std::string("cannot start the copy: ") + sqlite3_errmsg(dest.get());
    return false;
  }
  int rc;
  while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    error = std::string("the copy failed: ") + sqlite3_errstr(rc);
    return false;
  }
  // A backup is one self-contained file: no WAL beside it.
  std::string mode;
  if (!scalar(dest.get(), "PRAGMA journal_mode=DELETE", mode, error)) return false;
  return true;
}

// `tmp` becomes `target`, durably: the file's data, then the rename in its directory.
bool publish(const std::string& tmp, const std::string& target, std::string& error) {
  if (!fsync_path(tmp, O_RDONLY)) {
    error = "cannot fsync " + tmp;
    return false;
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    error = "cannot rename " + tmp + " to " + target + ": " + ec.message();
    return false;
  }
  const fs::path dir = fs::absolute(target).parent_path();
  fsync_path(dir.string(), O_RDONLY | O_DIRECTORY);
  return true;
}

}  // namespace

bool backup_sqlite(const std::string& db_path, const std::string& dest, std::string& error) {
  std::error_code ec;
  if (fs::exists(dest, ec)) {
    error = dest + " exists; a backup never overwrites a file";
    return false;
  }
  if (!fs::exists(db_path, ec)) {
    error = "no database at " + db_path;
    return false;
  }
  Handle src = open(db_path, SQLITE_OPEN_READONLY, error);
  if (!src) return false;
  const std::string tmp = dest + ".part";
  fs::remove(tmp, ec);
  bool ok = copy_database(src.get(), tmp, error);
  if (ok) {
    Handle check = open(tmp, SQLITE_OPEN_READONLY, error);
    ok = check && integrity_ok(check.get(), "the backup", error);
  }
  if (ok) ok = publish(tmp, dest, error);
  if (!ok) fs::remove(tmp, ec);
  return ok;
}

bool restore_sqlite(const std::string& source, const std::string& db_path, int newest_version, std::string& error) {
  std::error_code ec;
  if (!fs::is_regular_file(source, ec)) {
    error = "no backup file at " + source;
    return false;
  }
  {
    Handle backup = open(source, SQLITE_OPEN_READONLY, error);
    if (!backup || !integrity_ok(backup.get(), source, error)) return false;
    std::string version;
    if (!scalar(backup.get(), "SELECT MAX(version) FROM schema_version", version, error) || version.empty()) {
      error = source + " is not a portal database (it has no schema_version)";
      return false;
    }
    if (std::stoi(version) > newest_version) {
      error = source + " has schema version " + version + ", newer than this portal-admin knows (" +
              std::to_string(newest_version) + "): restore it with the release that made it";
      return false;
    }
  }
  // A server still running would hold the database: take its write lock once to be sure.
  if (fs::exists(db_path, ec)) {
    Handle live = open(db_path, SQLITE_OPEN_READWRITE, error);
    if (!live) return false;
    sqlite3_busy_timeout(live.get(), 2000);
    if (sqlite3_exec(live.get(), "BEGIN EXCLUSIVE; COMMIT;", nullptr, nullptr, nullptr) != SQLITE_OK) {
      error = db_path + " is in use (is portal-server still running? stop it first)";
      return false;
    }
  }
  const std::string tmp = db_path + ".restore";
  fs::remove(tmp, ec);
  fs::copy_file(source, tmp, ec);
  if (ec) {
    error = "cannot copy " + source + " to " + tmp + ": " + ec.message();
    return false;
  }
  // The old database's log would be replayed into the restored one. (Closing the last connection
  // above checkpointed it into the old file already.)
  fs::remove(db_path + "-wal", ec);
  fs::remove(db_path + "-shm", ec);
  if (!publish(tmp, db_path, error)) {
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

}  // namespace server::storage
