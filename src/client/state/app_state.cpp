#include "client/state/app_state.h"

#include <algorithm>

namespace client {

const std::string& Form::get(const std::string& field) const {
  static const std::string empty;
  auto it = text.find(field);
  return it == text.end() ? empty : it->second;
}

bool Form::flag(const std::string& field) const {
  auto it = flags.find(field);
  return it != flags.end() && it->second;
}

const core::Error* Form::error_for(const std::string& field) const {
  if (!submitted_once && !touched.count(field)) return nullptr;
  return core::find_field(errors, field);
}

core::Errors Form::general_errors(const std::vector<std::string>& shown) const {
  core::Errors out;
  for (const auto& e : errors)
    if (e.field.empty() || std::find(shown.begin(), shown.end(), e.field) == shown.end()) out.push_back(e);
  return out;
}

const Form& AppState::form(const std::string& name) const {
  static const Form empty;
  auto it = forms.find(name);
  return it == forms.end() ? empty : it->second;
}

const core::api::Contract* AppState::contract_for(const std::string& mp) const {
  for (const auto& c : contracts)
    if (c.metering_point.id == mp) return &c;
  return nullptr;
}

bool apply(AppState& state, std::vector<Action> actions) {
  bool changed = false;
  for (const auto& a : actions) {
    if (a.kind == Action::Kind::set_locale) {
      changed |= state.locale != a.locale;
      state.locale = a.locale;
    }
  }
  return changed;
}

}  // namespace client
