#include "client/state/questions.h"

#include "client/state/store.h"

namespace client {

void Questions::enter(const Route& r) {
  if (r.screen != Screen::question) return;
  Form& f = form("question");
  if (f.done) f = Form{};  // a sent question starts a fresh form next time
  if (f.get("topic").empty()) f.text["topic"] = "readings";
  load();
}

void Questions::signed_out() {
  state().questions = {};
  state().forms.erase("question");
}

void Questions::load() {
  QuestionsView& v = state().questions;
  if (state().session != Session::signed_in || v.load.loading) return;
  v.load.loading = true;
  await<std::vector<core::api::Question>>(api().questions(), [this](const api::Reply<std::vector<core::api::Question>>& r) {
    QuestionsView& v = state().questions;
    v.load.loading = false;
    if (r.status == 401) {
      ctx_.store.session_ended();
      return;
    }
    if (!r.ok()) {
      v.load.errors = r.errors;
      return;
    }
    v.load.errors.clear();
    v.load.loaded = true;
    v.rows = r.value;
  });
}

core::api::QuestionRequest Questions::request() const {
  const Form& f = ctx_.state.form("question");
  core::api::QuestionRequest q;
  q.topic = f.get("topic");
  if (!f.get("metering_point_id").empty()) q.metering_point_id = f.get("metering_point_id");
  q.message = f.get("message");
  return q;
}

core::Errors Questions::check(const std::string&) { return core::check_question(request()); }

void Questions::send(const std::string&) {
  await<core::api::Question>(api().ask_question(request()), [this](const api::Reply<core::api::Question>& r) {
    Form& f = finish("question", r);
    if (!r.ok()) return;
    auto& rows = state().questions.rows;
    rows.insert(rows.begin(), r.value);
    f.text["message"].clear();
    f.touched.clear();
    f.submitted_once = false;
    banner("banner.question_sent", 1);
  });
}

bool Questions::retry(const std::string& what, const std::string&) {
  if (what != "questions") return false;
  load();
  return true;
}

}  // namespace client
