// Natively there is no browser: records stay in memory (the state tests read and change them).
#include "client/platform/storage.h"

namespace client::platform {

std::unique_ptr<Storage> make_storage() {
  return std::make_unique<MemoryStorage>();
}

}  // namespace client::platform
