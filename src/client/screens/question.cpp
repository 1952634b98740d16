// IMAM VPRAŠANJE: the customer writes to the supplier (topic, optionally one of their metering
// points, the message) with core's checks as they type; the supplier's support gets it by mail
// and the customer a confirmation. Below, their earlier questions with status and answer.
#include "client/screens/reading_common.h"
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"

namespace client::screens {

using widgets::T;
using widgets::Tf;

namespace {

constexpr float kCardWidth = 880;

std::string error_of(const Form& f, const char* field) {
  const core::Error* e = f.error_for(field);
  return e ? reading::error_text(*e, f.retry_after_s) : std::string();
}

void draw_form(const AppState& s, Actions& a) {
  const Form& f = s.form("question");
  widgets::begin_form("question");
  const auto& topics = core::question_topics();
  std::vector<std::string> topic_labels;
  int topic = 0;
  for (size_t i = 0; i < topics.size(); ++i) {
    topic_labels.emplace_back(T("question.topic." + std::string(topics[i])));
    if (f.get("topic") == topics[i]) topic = static_cast<int>(i);
  }
  if (auto pick = widgets::select("question.topic", T("question.topic"), topic_labels, topic, error_of(f, "topic"), true))
    a.edit("question", "topic", std::string(topics[static_cast<size_t>(*pick)]));
  if (!s.contracts.empty()) {
    std::vector<std::string> mps{std::string(T("question.no_metering_point"))};
    int mp = 0;
    for (size_t i = 0; i < s.contracts.size(); ++i) {
      const auto& c = s.contracts[i];
      mps.push_back(reading::metering_point_text(c.metering_point.number) + " \xE2\x80\x93 " +
                    reading::address_text(c.metering_point.address));
      if (c.metering_point.id == f.get("metering_point_id")) mp = static_cast<int>(i) + 1;
    }
    if (auto pick = widgets::select("question.metering_point", T("question.metering_point"), mps, mp,
                                    error_of(f, "metering_point_id")))
      a.edit("question", "metering_point_id",
             *pick == 0 ? std::string() : s.contracts[static_cast<size_t>(*pick - 1)].metering_point.id);
  }
  widgets::FieldOptions o;
  o.label = T("question.message");
  const std::string hint = Tf("question.message_hint", {{"min", core::kQuestionMinLength}, {"max", core::kQuestionMaxLength}});
  o.hint = hint;
  const std::string err = error_of(f, "message");
  o.error = err;
  o.required = true;
  o.lines = 6;
  if (auto v = widgets::text_field("question.message", f.get("message"), o)) a.edit("question", "message", *v);
  for (const auto& e : f.general_errors({"topic", "metering_point_id", "message"}))
    widgets::alert("question.error", widgets::Tone::error, reading::error_text(e, f.retry_after_s));
  if (widgets::button("question.send", T("question.send"), widgets::ButtonKind::primary, false, f.busy)) a.submit("question");
  widgets::end_form();
  if (f.done) widgets::alert("question.sent", widgets::Tone::success, T("question.sent"));
}

void draw_list(const AppState& s, Actions& a) {
  const QuestionsView& v = s.questions;
  widgets::heading(T("question.mine"), 2);
  if (reading::draw_load_state("question.list", v.load, T("question.loading"), T("question.load_failed"), a, "questions"))
    return;
  if (v.rows.empty()) {
    widgets::paragraph(T("question.none"));
    return;
  }
  for (const auto& q : v.rows) {
    widgets::heading(Tf("question.item_heading", {{"topic", T("question.topic." + q.topic)},
                                                  {"date", reading::date_text(q.created_at.substr(0, 10))}}),
                     3);
    widgets::label_value(T("question.status"), T("question.status." + q.status));
    widgets::paragraph(q.message);
    if (q.answer) {
      widgets::label_value(T("question.answer"), *q.answer);
    }
    widgets::spacing(8);
  }
}

}  // namespace

void draw_question(const AppState& s, Actions& a) {
  widgets::begin_card("question", kCardWidth);
  widgets::heading(T("screen.question"));
  widgets::paragraph(T("question.intro"));
  draw_form(s, a);
  widgets::end_card();
  widgets::begin_card("question.history", kCardWidth);
  draw_list(s, a);
  widgets::end_card();
}

}  // namespace client::screens
