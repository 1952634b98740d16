// The offline feature's notes on other screens (offline_notes.h).
#include "client/screens/offline_notes.h"

#include "client/screens/reading_common.h"
#include "client/widgets/widgets.h"
#include "core/calendar.h"

namespace client::screens::offline {

using widgets::T;
using widgets::Tf;
using Status = PendingReading::Status;

namespace {

// "30. 11. 2026 ob 10.05": when this device saved the copy, in Slovenian civil time.
std::string saved_text(int64_t unix_seconds) {
  const std::string instant = core::format_instant_ljubljana(unix_seconds);  // 2026-11-30T10:05:00+01:00
  char minute[3] = {instant[14], instant[15], 0};
  return Tf("offline.saved_at", {{"date", reading::date_text(core::ljubljana_date(unix_seconds))},
                                 {"hour", core::ljubljana_hour(unix_seconds)},
                                 {"minute", minute}});
}

// Slovenian counts: 1, 2, 3-4 and 5+ (by the last two digits) read differently.
const char* count_form(size_t n) {
  const size_t h = n % 100;
  return h == 1 ? "one" : h == 2 ? "two" : h == 3 || h == 4 ? "few" : "many";
}

}  // namespace

void draw_notice(const AppState& s, Actions& a) {
  if (s.session != Session::signed_in) return;
  const OfflineView& v = s.offline;
  size_t waiting = 0;
  std::vector<const PendingReading*> returned;
  for (const auto& p : v.queue) {
    if (p.status == Status::waiting || p.status == Status::sending)
      ++waiting;
    else if (!(s.route.screen == Screen::submit_reading && s.route.id == p.metering_point_id))
      returned.push_back(&p);  // the submission form of its meter shows it itself
  }
  if (!v.from_cache && waiting == 0 && returned.empty() && !v.update_ready) return;
  widgets::begin_card("offline", 900);
  if (v.from_cache) {
    widgets::alert("offline.notice", widgets::Tone::warning,
                   v.loaded_at > 0 ? Tf("offline.notice", {{"saved", saved_text(v.loaded_at)}})
                                   : std::string(T("offline.notice_plain")));
  }
  if (waiting > 0) {
    widgets::alert("offline.waiting", widgets::Tone::info,
                   Tf(std::string("offline.waiting.") + count_form(waiting), {{"count", waiting}}));
  }
  if (v.from_cache || waiting > 0)
    if (widgets::button("offline.retry", T(waiting > 0 ? "offline.send_now" : "offline.retry"),
                        widgets::ButtonKind::secondary))
      a.retry("pending");
  for (const PendingReading* p : returned) {
    const core::api::Contract* c = s.contract_for(p->metering_point_id);
    const std::string number = c ? reading::metering_point_text(c->metering_point.number) : p->metering_point_id;
    const std::string id = "offline.returned." + p->key;
    widgets::alert(id.c_str(), widgets::Tone::warning,
                   Tf(p->status == Status::question ? "offline.returned.question" : "offline.returned.refused",
                      {{"number", number}, {"date", reading::date_text(p->submission.date_text)}}));
    if (widgets::button((id + ".open").c_str(), T("offline.returned.open"), widgets::ButtonKind::secondary))
      a.navigate(Screen::submit_reading, p->metering_point_id);
  }
  if (v.update_ready) {
    widgets::alert("offline.update", widgets::Tone::info, T("offline.update_ready"));
    if (widgets::button("offline.update_now", T("offline.update_now"), widgets::ButtonKind::secondary))
      a.retry("update");
  }
  widgets::end_card();
}

void draw_returned_note(const AppState& s, Actions& a, const core::api::Contract& c) {
  const PendingReading* p = find_pending(s.offline, s.offline.editing);
  if (!p || p->metering_point_id != c.metering_point.id) return;
  const std::string date = reading::date_text(p->submission.date_text);
  widgets::alert("offline.returned_note", widgets::Tone::warning,
                 Tf(p->status == Status::question ? "offline.returned_note.question" : "offline.returned_note.refused",
                    {{"date", date}}));
  if (widgets::link("offline.discard", T("offline.discard"))) a.ask("discard_pending", p->key);
}

void draw_pending_confirmation(const AppState& s, const core::api::Contract& c) {
  const Form& f = s.form("submit");
  const PendingReading* p = find_pending(s.offline, s.offline.confirming);
  if (!f.done || !p || p->metering_point_id != c.metering_point.id) return;
  const std::string unit = reading::unit_text(c.energy);
  std::string text = Tf(p->submission.type_text == "own_record" ? "offline.pending.own_record" : "offline.pending.submission",
                        {{"date", reading::date_text(p->submission.date_text)}});
  for (const auto& reg : c.metering_point.registers) {
    auto it = p->submission.values.find(reg);
    if (it == p->submission.values.end()) continue;
    text += "\n" + Tf("submit.done.line_first", {{"register", reading::capitalised(reading::register_long(reg))},
                                                 {"value", it->dump()},
                                                 {"unit", unit}});
  }
  widgets::alert("offline.pending", widgets::Tone::info, text);
}

}  // namespace client::screens::offline
