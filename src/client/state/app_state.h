// Everything the screens draw from. Screens read it and dispatch Actions; only state effects
// (state/) change it or talk to the api layer. No static state anywhere else.
#pragma once

#include <string>
#include <vector>

#include "core/i18n.h"

namespace client {

struct AppState {
  core::Locale locale = core::Locale::sl;  // UI language; Slovenian by default
};

// What a screen asks for; applied by the state layer after the frame's drawing.
struct Action {
  enum class Kind { set_locale } kind;
  core::Locale locale = core::Locale::sl;  // set_locale
};

class Actions {
 public:
  void set_locale(core::Locale l) { queue_.push_back({Action::Kind::set_locale, l}); }
  std::vector<Action> take() { return std::move(queue_); }
  bool empty() const { return queue_.empty(); }

 private:
  std::vector<Action> queue_;
};

// Applies queued actions to the state; true if anything changed (a new frame is needed).
bool apply(AppState& state, std::vector<Action> actions);

}  // namespace client
