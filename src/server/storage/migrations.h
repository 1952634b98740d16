// Versioned schema migrations, applied at start-up in one transaction each. A database whose
// schema is newer than this binary knows is refused with a clear message.
#pragma once

#include <string>

#include "server/storage/database.h"

namespace server::storage {

int known_schema_version();               // the newest version this binary can apply
int current_schema_version(Database& db);  // 0 for an empty database

// Brings the schema up to date. Safe when several instances start at once (PostgreSQL: an
// advisory lock; SQLite: the write lock). Throws DbError with the reason on failure.
void migrate(Database& db);

}  // namespace server::storage
