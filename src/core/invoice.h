// Računi (invoices): the supplier's invoice as the API returns it, the status rule (open past its
// due date is overdue, by the server's today), euro amounts written the Slovenian way and the
// exact parser of the import's amounts. Money is whole cents (int64) everywhere: never a float.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/calendar.h"
#include "core/i18n.h"

namespace core {

// [SECTION] Money and status
// "84,37 €": decimal comma, a dot between thousands ("1.234,56 €"), a NO-BREAK SPACE (U+00A0)
// before the sign so it never wraps away from the amount; negatives "-5,00 €".
std::string format_eur(int64_t cents);
// The same in the customer's language: Slovenian as above; English "€84.37", "€1,234.56".
std::string format_eur(int64_t cents, Locale locale);
// The import's amount_eur: "84.37", "84.3" or "84" (decimal point, at most 2 decimals, at most 10
// digits before it, no sign, no spaces, no comma). Exact: digits to cents, no floating point.
bool parse_eur_amount(std::string_view text, int64_t& cents);
// The invoice's total split into net and VAT (22 %), exactly in cents: net = total / 1.22 rounded
// half up in integer arithmetic, VAT = total - net, so the two always add up to the total.
inline constexpr int kVatPercent = 22;
struct VatSplit {
  int64_t net_cents = 0;
  int64_t vat_cents = 0;
};
VatSplit split_vat(int64_t total_cents);  // total_cents >= 0 (the import takes no negative amounts)
// What a customer sees: "paid" stays paid; "open" is "overdue" once today is after due_on.
std::string invoice_status(std::string_view stored, const Date& due_on, const Date& today);

// [SECTION] Invoice numbers
inline constexpr size_t kInvoiceNumberMaxLength = 20;  // characters; its digits make the reference
// The supplier's invoice number as imported: 1 to 20 of A-Z, a-z, 0-9 and '-', at least one
// digit (safe in a file name and a header, and it gives a payment reference).
bool is_invoice_number(std::string_view number);
// The payment reference (sklic) printed on the invoice: model SI12 followed by the number's digits,
// "2026-10-0001" -> "SI12 2026100001". The supplier matches payments by these digits.
std::string payment_reference(std::string_view number);

}  // namespace core

namespace core::api {

// [SECTION] Response
struct Invoice {  // entries of GET /invoices (a bare array, newest issued_on first)
  std::string id;
  std::string number;       // the supplier's invoice number, e.g. "2026-10-0001"
  std::string contract_id;  // the linked contract (ids as in GET /contracts)
  std::string metering_point_id;
  core::Date period_from, period_to;  // the billed period, inclusive
  core::Date issued_on, due_on;
  int64_t amount_cents = 0;  // the total to pay, VAT included
  std::string currency = "EUR";
  std::string status;  // "open" | "paid" | "overdue"
};

nlohmann::json to_json(const Invoice& i);
// Client side: false when the JSON does not have the shape (never throws); unknown members are
// ignored. A list is read element by element.
bool from_json(const nlohmann::json& j, Invoice& out);

}  // namespace core::api
