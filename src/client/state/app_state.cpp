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

core::Errors Form::errors() const {
  core::Errors all = answer;
  all.insert(all.end(), checks.begin(), checks.end());
  return all;
}

const core::Error* Form::error_for(const std::string& field) const {
  if (!submitted_once && !touched.count(field)) return nullptr;
  if (const core::Error* e = core::find_field(answer, field)) return e;
  return core::find_field(checks, field);
}

core::Errors Form::general_errors(const std::vector<std::string>& shown) const {
  core::Errors out;
  for (const auto& e : errors())
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

Brand brand_from_json(const std::string& text) {
  Brand b;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return b;
  auto str = [](const nlohmann::json& o, const char* k, std::string& out) {
    auto it = o.find(k);
    if (it != o.end() && it->is_string()) out = it->get<std::string>();
  };
  str(j, "product_name", b.product);
  str(j, "supplier", b.supplier);
  str(j, "supplier_address", b.address);
  str(j, "website", b.website);
  auto help = j.find("help");
  if (help != j.end() && help->is_object()) {
    str(*help, "phone", b.phone);
    str(*help, "phone_e164", b.phone_e164);
    auto free = help->find("phone_free");
    b.phone_free = free != help->end() && free->is_boolean() && free->get<bool>();
    auto emails = help->find("emails");
    if (emails != help->end() && emails->is_array())
      for (const auto& e : *emails)
        if (e.is_object()) {
          Brand::Email m;
          str(e, "address", m.address);
          str(e, "topic", m.topic);
          if (!m.address.empty()) b.emails.push_back(m);
        }
    auto hours = help->find("hours");
    if (hours != help->end() && hours->is_object()) {
      str(*hours, "days", b.days);
      str(*hours, "from", b.from);
      str(*hours, "to", b.to);
    }
  }
  return b;
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
