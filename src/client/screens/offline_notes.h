// What the offline feature (state/offline.h) adds to other screens: under the shell's banner the
// notice that the server cannot be reached and whose copy is shown (with the time it was saved),
// the readings still waiting, a returned one to answer, and a new release ready; in the submission
// form the confirmation of a reading that waits on this device, and the note over a reading the
// server returned. The readings table draws the waiting readings itself (reading_common.cpp).
#pragma once

#include "client/state/app_state.h"

namespace client::screens::offline {

void draw_notice(const AppState& s, Actions& a);  // the shell, signed in (ids "offline.*")
// The submission form: above it, the returned reading's note (and discarding it).
void draw_returned_note(const AppState& s, Actions& a, const core::api::Contract& c);
// The submission form: after it, the confirmation of the reading that waits to be sent.
void draw_pending_confirmation(const AppState& s, const core::api::Contract& c);

}  // namespace client::screens::offline
