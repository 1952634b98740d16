// Imam vprašanje: a customer asks (a topic, optionally one of their metering points, a message);
// the question is stored, the supplier's support address gets it by mail with Reply-To the
// customer, and the customer a confirmation. portal-admin answers it; the customer is told by
// mail and sees the answer in the list. Business rules only: no HTTP, no SQL.
//
// Mails are queued in the transaction that stores the question or the answer, so one goes out
// if and only if the change happened. They are text only, and the customer's words and name go
// in the body, never in a header: the only header from the customer is Reply-To, an address
// that passed core's e-mail check (no spaces, no line ends).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/question.h"
#include "server/clock.h"
#include "server/mail/composer.h"
#include "server/services/contracts.h"
#include "server/services/outcome.h"
#include "server/services/throttles.h"
#include "server/storage/database.h"
#include "server/storage/question_store.h"

namespace server::services {

class QuestionService {
 public:
  using Notify = std::function<void()>;  // something was queued for delivery

  // `support_email`: where questions are mailed (--support-email, else branding's support_email);
  // "" where nothing is asked (portal-admin only answers).
  QuestionService(storage::Database& db, const ContractService& contracts, Throttles& throttles,
                  const AbuseLimits& limits, const mail::Composer& composer, const Clock& clock,
                  std::string support_email, Notify notify);

  // 201 with the stored question; 422 core's codes; 404 not_found (field metering_point_id) for a
  // metering point that is not one of the caller's linked ones; 429 request.too_many.
  Result<core::api::Question> ask(int64_t account_id, const core::api::QuestionRequest& req);
  Result<std::vector<core::api::Question>> list(int64_t account_id);  // newest first
  // portal-admin: 404 not_found for an unknown id, 422 core's answer codes, 409
  // question.already_answered; on success the customer is mailed.
  Result<core::api::Question> answer(const std::string& question_id, const std::string& text);
  nlohmann::json export_questions(int64_t account_id);  // for GET /me/export

  static core::api::Question view(const storage::QuestionRecord& q);

 private:
  storage::Database& db_;
  const ContractService& contracts_;
  Throttles& throttles_;
  const AbuseLimits& limits_;
  const mail::Composer& composer_;
  const Clock& clock_;
  std::string support_email_;
  Notify notify_;
};

}  // namespace server::services
