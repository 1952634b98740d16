// Natively there is no page: a RecordedBrowser keeps what the app asked for.
#include "client/platform/browser.h"

namespace client::platform {

std::unique_ptr<Browser> make_browser() {
  return std::make_unique<RecordedBrowser>();
}

}  // namespace client::platform
