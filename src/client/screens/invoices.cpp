// RAČUNI: the supplier's invoices for the customer's linked contracts, newest first (number,
// period, issue and due date, amount, open / paid / overdue), narrowed to one metering point on
// request, each with its PDF to download.
#include "client/screens/reading_common.h"
#include "client/screens/screens.h"
#include "client/widgets/widgets.h"

namespace client::screens {

using widgets::T;
using widgets::Tf;

namespace {

constexpr float kCardWidth = 1040;

std::string period_text(const core::api::Invoice& i) {
  return reading::date_text(i.period_from) + " \xE2\x80\x93 " + reading::date_text(i.period_to);  // en dash
}

}  // namespace

void draw_invoices(const AppState& s, Actions& a) {
  const InvoicesView& v = s.invoices;
  widgets::begin_card("invoices", kCardWidth);
  widgets::heading(T("screen.invoices"));
  widgets::paragraph(T("invoices.intro"));
  if (!reading::draw_contracts_to_pick("invoices", s, a)) {
    widgets::end_card();
    return;
  }
  // The filter: every contract, or one metering point.
  std::vector<std::string> options{std::string(T("invoices.all"))};
  int chosen = 0;
  for (size_t i = 0; i < s.contracts.size(); ++i) {
    const auto& c = s.contracts[i];
    options.push_back(reading::metering_point_text(c.metering_point.number) + " \xE2\x80\x93 " +
                      reading::address_text(c.metering_point.address));
    if (c.metering_point.id == v.metering_point_id) chosen = static_cast<int>(i) + 1;
  }
  if (s.contracts.size() > 1)
    if (auto pick = widgets::select("invoices.filter", T("invoices.filter"), options, chosen))
      a.filter_invoices(*pick == 0 ? std::string() : s.contracts[static_cast<size_t>(*pick - 1)].metering_point.id);
  if (reading::draw_load_state("invoices", v.load, T("invoices.loading"), T("invoices.load_failed"), a, "invoices")) {
    widgets::end_card();
    return;
  }
  if (v.rows.empty()) {
    widgets::paragraph(T("invoices.empty"));
    widgets::end_card();
    return;
  }
  int open = 0, overdue = 0;
  int64_t due_cents = 0;
  for (const auto& i : v.rows) {
    if (i.status == "paid") continue;
    (i.status == "overdue" ? overdue : open) += 1;
    due_cents += i.amount_cents;
  }
  if (overdue > 0)
    widgets::alert("invoices.overdue", widgets::Tone::warning,
                   Tf("invoices.overdue_note", {{"count", overdue}, {"amount", core::format_eur(due_cents, s.locale)}}));
  else if (open > 0)
    widgets::alert("invoices.open", widgets::Tone::info,
                   Tf("invoices.open_note", {{"count", open}, {"amount", core::format_eur(due_cents, s.locale)}}));
  // What a customer copies into their bank's form: each unpaid invoice's payment reference.
  for (const auto& i : v.rows) {
    if (i.status == "paid") continue;
    const std::string reference = core::payment_reference(i.number);
    if (widgets::label_copy(("invoices.reference." + i.id).c_str(),
                            Tf("invoices.reference", {{"number", i.number}}),
                            reference, Tf("invoices.copy_reference", {{"reference", reference}})))
      a.copy_text(reference);
  }

  widgets::TableSort sort;
  widgets::begin_table("invoices.table", T("screen.invoices"),
                       {{T("invoices.col.number"), 1.1f},
                        {T("invoices.col.period"), 1.6f},
                        {T("invoices.col.issued"), 1},
                        {T("invoices.col.due"), 1},
                        {T("invoices.col.amount"), 0.9f, false, true},
                        {T("invoices.col.status"), 0.9f},
                        {T("invoices.col.pdf"), 0.8f}},
                       sort);
  int r = 0;
  for (const auto& i : v.rows) {
    widgets::table_row(r);
    widgets::table_cell(i.number);
    widgets::table_cell(period_text(i));
    widgets::table_cell(reading::date_text(i.issued_on));
    widgets::table_cell(reading::date_text(i.due_on));
    widgets::table_cell(core::format_eur(i.amount_cents, s.locale));
    widgets::table_cell(T("invoices.status." + i.status));
    const bool busy = v.downloading == i.id;
    // A kiosk saves no files: the PDF goes to the customer's e-mail (state/kiosk.cpp).
    const std::string label = busy ? std::string(T("invoices.downloading"))
                                   : Tf(s.kiosk.on ? "kiosk.mail_pdf" : "invoices.pdf", {{"number", i.number}});
    if (widgets::table_cell_button("pdf", label, widgets::ButtonKind::quiet) && !busy) a.download_invoice(i.id);
    ++r;
  }
  widgets::end_table();
  widgets::muted(T("invoices.payment_note"));
  widgets::end_card();
}

}  // namespace client::screens
