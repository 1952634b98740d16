// Računi: the invoice as a PDF document, one A4 page: the supplier's header (assets/branding.json),
// the customer and the consumption point, the period with the readings and consumption it was
// billed on, net + VAT 22 % + total, due date and payment reference, Slovenian dates and amounts.
//
// Drawn with cairo's PDF surface and pango (Debian's libcairo2 / libpango1.0): pango shapes the
// text with HarfBuzz and finds the Inter font through fontconfig (fonts-inter), cairo subsets it
// and embeds it, so č, š, ž and the € sign print right in every viewer. No PDF syntax here.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"

namespace server::services {

struct InvoiceSupplier {                  // the header and footer, from assets/branding.json
  std::string name;                       // "supplier"
  std::string address;                    // "supplier_address"
  std::string website;                    // "website"
  std::string email;                      // "support_email"
  std::string phone;                      // "help.phone"
  std::string primary_color = "#00549F";  // "colors.primary": headings and rules
};

// Reads the supplier's part of branding.json; false with a message when it is missing or has no name.
bool load_invoice_supplier(const std::string& assets_dir, InvoiceSupplier& out, std::string& error);

struct InvoiceReadingRow {                       // one register's readings at the period's boundaries
  std::string reg;                               // "ET" | "VT" | "MT" | "M3"
  std::optional<core::Date> from_date, to_date;  // nullopt: no reading near that boundary
  std::optional<int64_t> from_value, to_value;
  bool estimated = false;  // either reading is the operator's estimate
};

struct InvoiceDocument {  // everything printed, gathered by InvoiceService
  InvoiceSupplier supplier;
  std::string customer_name;
  std::vector<std::string> customer_address;  // lines: street, "1000 Ljubljana"
  std::string number;
  std::string contract_number;
  std::string metering_point;          // canonical number
  std::string gsrn;                    // "" when unknown
  std::string metering_point_address;  // "Šmartinska cesta 5, 1000 Ljubljana"
  std::string energy;                  // "electricity" | "gas"
  std::string operator_name;           // "Elektro Ljubljana"
  core::Date period_from, period_to, issued_on, due_on;
  int64_t amount_cents = 0;  // total, VAT included
  std::string status;        // "open" | "paid" | "overdue" (on the server's today)
  std::optional<int64_t> consumption_kwh;
  std::vector<InvoiceReadingRow> readings;
};

// Draws invoices. One font map (fontconfig's fonts, their shaping data and cairo font faces) is
// shared by every request under a mutex: a PDF takes a few milliseconds once the fonts are open,
// whereas pango's per-thread default map would open them again on each of the server's threads.
class InvoicePdf {
 public:
  InvoicePdf();
  ~InvoicePdf();
  InvoicePdf(const InvoicePdf&) = delete;
  InvoicePdf& operator=(const InvoicePdf&) = delete;

  std::string render(const InvoiceDocument& doc) const;  // the PDF bytes of one invoice (one A4 page)
  // The family fontconfig gives for "Inter": "Inter" when fonts-inter is installed, else the
  // fallback the PDFs would use (checked at start-up, so a missing font is logged, not hidden).
  std::string font_family() const;

 private:
  struct Fonts;
  std::unique_ptr<Fonts> fonts_;
};

}  // namespace server::services
