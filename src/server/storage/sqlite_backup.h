// Backups of the SQLite database while portal-server keeps serving and writing, and putting one
// back (portal-admin backup / restore). SQLite's online backup API copies the database as one
// consistent snapshot: it reads inside one read transaction, and in WAL mode a reader never blocks
// the writers, so the server goes on accepting readings while the copy is made; what was
// committed before the copy began is in it. PostgreSQL has its own tools (docs/operations.md).
#pragma once

#include <string>

namespace server::storage {

// Copies the database at `db_path` to `dest`, which must not exist, through a temporary file
// beside it (fsynced, renamed into place: a backup is whole or absent), and checks the copy
// (PRAGMA integrity_check). false with a message for people in `error`.
bool backup_sqlite(const std::string& db_path, const std::string& dest, std::string& error);

// Puts the backup `source` in place of the database at `db_path` (portal-server stopped): the
// backup must be a portal database that passes integrity_check and whose schema version is not
// newer than `newest_version`; it is copied beside the target, the old database's -wal and -shm
// files are removed, and the copy is fsynced and renamed over it. Refused while another connection
// holds the database (a running server in the middle of a write). false with a message in `error`.
bool restore_sqlite(const std::string& source, const std::string& db_path, int newest_version, std::string& error);

}  // namespace server::storage
