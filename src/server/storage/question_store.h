// Imam vprašanje: customers' questions and the supplier's answers. A question is answered once:
// the answer is a conditional update, so two answers given at once cannot both be stored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/storage/database.h"

namespace server::storage {

struct QuestionRecord {
  int64_t id = 0;
  int64_t account_id = 0;
  std::optional<int64_t> metering_point_id;  // the metering point it is about, if any
  std::string topic;                         // one of core::question_topics()
  std::string message;                       // as core::question_text wrote it
  std::string status = "received";           // "received" | "answered"
  std::optional<std::string> answer;
  int64_t created_at = 0;                    // Unix seconds
  std::optional<int64_t> answered_at;
};

namespace questions {
int64_t insert(Connection& c, const QuestionRecord& q);  // returns the id
std::vector<QuestionRecord> for_account(Connection& c, int64_t account_id);  // newest first
std::optional<QuestionRecord> by_id(Connection& c, int64_t id);
// Stores the answer of a question not answered yet; false when it was answered before.
bool answer(Connection& c, int64_t id, const std::string& answer, int64_t now);
}  // namespace questions

}  // namespace server::storage
