// One function per screen: draw(const AppState&, Actions&). Screens hold catalog keys, never
// literal texts, and never fetch or parse JSON.
#pragma once

#include "client/state/app_state.h"

namespace client::screens {

void draw_welcome(const AppState& state, Actions& actions);

}  // namespace client::screens
