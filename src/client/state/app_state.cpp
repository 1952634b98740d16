#include "client/state/app_state.h"

namespace client {

bool apply(AppState& state, std::vector<Action> actions) {
  bool changed = false;
  for (const auto& a : actions) {
    switch (a.kind) {
      case Action::Kind::set_locale:
        changed |= state.locale != a.locale;
        state.locale = a.locale;
        break;
    }
  }
  return changed;
}

}  // namespace client
