#include "client/state/invoices.h"

#include "client/state/readings.h"
#include "client/state/store.h"

namespace client {

void Invoices::enter(const Route& r) {
  if (r.screen != Screen::invoices) return;
  load();
}

void Invoices::signed_out() { state().invoices = {}; }

void Invoices::load() {
  InvoicesView& v = state().invoices;
  if (state().session != Session::signed_in || v.load.loading) return;
  v.load.loading = true;
  const std::string mp = v.metering_point_id;
  await<std::vector<core::api::Invoice>>(api().invoices(mp), [this, mp](const api::Reply<std::vector<core::api::Invoice>>& r) {
    InvoicesView& v = state().invoices;
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
    if (v.metering_point_id != mp) load();  // the customer chose another meanwhile
  });
}

bool Invoices::apply(const Action& a) {
  switch (a.kind) {
    case Action::Kind::filter_invoices:
      if (state().invoices.metering_point_id == a.id) return true;
      state().invoices.metering_point_id = a.id;
      load();
      return true;
    case Action::Kind::download_invoice: {
      InvoicesView& v = state().invoices;
      if (!v.downloading.empty()) return true;  // one at a time
      v.downloading = a.id;
      await<api::File>(api().invoice_pdf(a.id), [this](const api::Reply<api::File>& r) {
        state().invoices.downloading.clear();
        if (!r.ok()) {
          error_banner(r.errors);
          return;
        }
        browser().download(r.value.name, r.value.mime, r.value.bytes);
        banner("banner.exported", 1, {{"file", r.value.name}});
      });
      return true;
    }
    default:
      return false;
  }
}

bool Invoices::retry(const std::string& what, const std::string&) {
  if (what != "invoices") return false;
  load();
  return true;
}

}  // namespace client
