// The two drivers behind storage::open_database.
#pragma once

#include <memory>
#include <string>

#include "server/storage/database.h"

namespace server::storage {

std::unique_ptr<Database> open_sqlite(const std::string& path);
std::unique_ptr<Database> open_postgresql(const std::string& url);

}  // namespace server::storage
