// How long one invoice PDF costs the server besides HTTP and the database: laying out the page
// with pango (Inter through fontconfig), drawing it on cairo's PDF surface, subsetting and
// embedding the fonts. Prints milliseconds per PDF (the first, with fontconfig's start-up, and
// the median of the rest) and the size. Usage: invoice-pdf-bench [ROUNDS] [OUT.pdf]   (default 200)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "server/services/invoice_pdf.h"

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
  namespace services = server::services;
  services::InvoiceDocument d;
  std::string error;
  if (!services::load_invoice_supplier(std::string(PORTAL_SOURCE_DIR) + "/assets", d.supplier, error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
  }
  d.customer_name = "Žiga Čebašek";
  d.customer_address = {"Šmartinska cesta 5", "1000 Ljubljana"};
  d.number = "2026-10-0100";
  d.contract_number = "E-100";
  d.metering_point = "3345341";
  d.gsrn = "383123456789012341";
  d.metering_point_address = "Šmartinska cesta 5, 1000 Ljubljana";
  d.energy = "electricity";
  d.operator_name = "Elektro Ljubljana";
  d.period_from = {2026, 10, 1};
  d.period_to = {2026, 10, 31};
  d.issued_on = {2026, 11, 5};
  d.due_on = {2026, 11, 20};
  d.amount_cents = 8437;
  d.status = "open";
  d.consumption_kwh = 450;
  d.readings = {{"VT", core::Date{2026, 9, 30}, core::Date{2026, 10, 31}, 26300, 26600, false},
                {"MT", core::Date{2026, 9, 30}, core::Date{2026, 10, 31}, 12150, 12300, false}};
  const services::InvoicePdf renderer;
  std::printf("font: %s\n", renderer.font_family().c_str());

  using Clock = std::chrono::steady_clock;
  std::vector<double> ms;
  std::string pdf;
  for (int i = 0; i < rounds + 1; ++i) {
    const auto t0 = Clock::now();
    pdf = renderer.render(d);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  const double first = ms.front();
  ms.erase(ms.begin());
  std::sort(ms.begin(), ms.end());
  std::printf("invoice PDF: first %.2f ms, then median %.2f ms, p90 %.2f ms over %d; %zu bytes\n", first,
              ms[ms.size() / 2], ms[ms.size() * 9 / 10], rounds, pdf.size());
  if (argc > 2) std::ofstream(argv[2], std::ios::binary) << pdf;
  return 0;
}
