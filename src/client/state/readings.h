// Contracts and readings: the linked contracts (overview, contract list, linking and unlinking,
// reminders and their unsubscribe link), the submission of a reading with the server's questions
// (unusual value, tariff mix-up, outside the window: an own record), and the readings table
// (sorting, deleting a submission, export). Its state: AppState::contracts, readings, submit.
#pragma once

#include <set>

#include "client/state/feature.h"
#include "core/reading_rules.h"

namespace client {

class Readings : public Feature {
 public:
  using Feature::Feature;
  const char* name() const override { return "readings"; }
  std::vector<std::string> forms() const override { return {"link", "submit", "unsubscribe"}; }
  void enter(const Route& r) override;
  core::Errors check(const std::string& form) override;
  void send(const std::string& form) override;
  void edited(const std::string& form, const std::string& field) override;
  bool apply(const Action& a) override;
  bool confirmed(const std::string& kind, const std::string& id) override;
  bool retry(const std::string& what, const std::string& id) override;
  void signed_out() override;

  void load_contracts();
  void load_readings(const std::string& metering_point_id);
  void reset_submit_form(const std::string& metering_point_id);  // the chosen meter's empty form

 private:
  void submit_reading(bool confirm_unusual, bool as_own_record);
  void queued(const std::string& metering_point_id, const core::Submission& s);  // waits on this device

  std::set<std::string> load_again_;  // meters whose readings were asked for again while loading
};

}  // namespace client
