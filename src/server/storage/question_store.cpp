#include "server/storage/question_store.h"

namespace server::storage::questions {

namespace {

constexpr const char* kColumns =
    "SELECT id, account_id, metering_point_id, topic, message, status, answer, created_at, answered_at "
    "FROM questions ";

QuestionRecord question_from(const Row& r) {
  QuestionRecord q;
  q.id = r.integer(0);
  q.account_id = r.integer(1);
  q.metering_point_id = r.opt_integer(2);
  q.topic = r.text(3);
  q.message = r.text(4);
  q.status = r.text(5);
  q.answer = r.opt_text(6);
  q.created_at = r.integer(7);
  q.answered_at = r.opt_integer(8);
  return q;
}

}  // namespace

int64_t insert(Connection& c, const QuestionRecord& q) {
  return c
      .exec(
          "INSERT INTO questions (account_id, metering_point_id, topic, message, status, created_at) "
          "VALUES ($1, $2, $3, $4, 'received', $5) RETURNING id",
          {q.account_id, q.metering_point_id, q.topic, q.message, q.created_at})
      .first()
      .integer(0);
}

std::vector<QuestionRecord> for_account(Connection& c, int64_t account_id) {
  auto r = c.exec(std::string(kColumns) + "WHERE account_id = $1 ORDER BY created_at DESC, id DESC", {account_id});
  std::vector<QuestionRecord> out;
  for (const Row& row : r.rows) out.push_back(question_from(row));
  return out;
}

std::optional<QuestionRecord> by_id(Connection& c, int64_t id) {
  auto r = c.exec(std::string(kColumns) + "WHERE id = $1", {id});
  if (r.empty()) return std::nullopt;
  return question_from(r.first());
}

bool answer(Connection& c, int64_t id, const std::string& answer, int64_t now) {
  return c
             .exec(
                 "UPDATE questions SET status = 'answered', answer = $2, answered_at = $3 "
                 "WHERE id = $1 AND status = 'received'",
                 {id, answer, now})
             .affected == 1;
}

}  // namespace server::storage::questions
