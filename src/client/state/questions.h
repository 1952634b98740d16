// Questions (Imam vprašanje): the customer writes to the supplier (topic, optionally one of their
// metering points, the message), checked by core's rules as they type; their earlier questions
// are listed with their status and the supplier's answer once given.
#pragma once

#include <string>
#include <vector>

#include "client/state/feature.h"
#include "core/question.h"

namespace client {

// [SECTION] State slice (the form is AppState::forms["question"])
struct QuestionsView {
  Load load;
  std::vector<core::api::Question> rows;  // newest first
};

// [SECTION] Feature
class Questions : public Feature {
 public:
  using Feature::Feature;
  const char* name() const override { return "questions"; }
  std::vector<std::string> forms() const override { return {"question"}; }
  void enter(const Route& r) override;
  core::Errors check(const std::string& form) override;
  void send(const std::string& form) override;
  bool retry(const std::string& what, const std::string& id) override;
  void signed_out() override;

 private:
  void load();
  core::api::QuestionRequest request() const;  // the form as the API wants it
};

}  // namespace client
