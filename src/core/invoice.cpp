#include "core/invoice.h"

#include "core/json_fields.h"

namespace core {

std::string format_eur(int64_t cents) {
  // The magnitude as unsigned, so INT64_MIN is written too.
  const uint64_t magnitude = cents < 0 ? uint64_t{0} - static_cast<uint64_t>(cents) : static_cast<uint64_t>(cents);
  const std::string euros = std::to_string(magnitude / 100);
  std::string out = cents < 0 ? "-" : "";
  for (size_t i = 0; i < euros.size(); ++i) {
    if (i > 0 && (euros.size() - i) % 3 == 0) out += '.';
    out += euros[i];
  }
  const int rest = static_cast<int>(magnitude % 100);
  out += ',';
  out += static_cast<char>('0' + rest / 10);
  out += static_cast<char>('0' + rest % 10);
  out += "\xC2\xA0\xE2\x82\xAC";  // U+00A0 NO-BREAK SPACE, U+20AC EURO SIGN
  return out;
}

std::string format_eur(int64_t cents, Locale locale) {
  if (locale == Locale::sl) return format_eur(cents);
  std::string sl = format_eur(cents);  // "-1.234,56 €": swap the separators, the sign in front
  sl.resize(sl.size() - 5);            // without the no-break space and the euro sign
  const bool negative = !sl.empty() && sl[0] == '-';
  std::string out = negative ? "-\xE2\x82\xAC" : "\xE2\x82\xAC";
  for (size_t i = negative ? 1 : 0; i < sl.size(); ++i) out += sl[i] == '.' ? ',' : sl[i] == ',' ? '.' : sl[i];
  return out;
}

bool parse_eur_amount(std::string_view text, int64_t& cents) {
  constexpr size_t kMaxEuroDigits = 10;
  const size_t point = text.find('.');
  const std::string_view euros = text.substr(0, point);
  const std::string_view decimals = point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
  auto all_digits = [](std::string_view s) { return s.find_first_not_of("0123456789") == std::string_view::npos; };
  if (euros.empty() || euros.size() > kMaxEuroDigits || !all_digits(euros)) return false;
  if (point != std::string_view::npos && (decimals.empty() || decimals.size() > 2 || !all_digits(decimals)))
    return false;
  int64_t value = 0;
  for (char c : euros) value = value * 10 + (c - '0');
  int64_t fraction = 0;
  for (size_t i = 0; i < 2; ++i) fraction = fraction * 10 + (i < decimals.size() ? decimals[i] - '0' : 0);
  cents = value * 100 + fraction;
  return true;
}

VatSplit split_vat(int64_t total_cents) {
  const int64_t hundred_plus = 100 + kVatPercent;
  VatSplit s;
  s.net_cents = (total_cents * 100 + hundred_plus / 2) / hundred_plus;
  s.vat_cents = total_cents - s.net_cents;
  return s;
}

std::string invoice_status(std::string_view stored, const Date& due_on, const Date& today) {
  if (stored == "paid") return "paid";
  return today > due_on ? "overdue" : "open";
}

bool is_invoice_number(std::string_view number) {
  if (number.empty() || number.size() > kInvoiceNumberMaxLength) return false;
  bool digit = false;
  for (char c : number) {
    const bool is_digit = c >= '0' && c <= '9';
    digit = digit || is_digit;
    if (!is_digit && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && c != '-') return false;
  }
  return digit;
}

std::string payment_reference(std::string_view number) {
  std::string out = "SI12 ";
  for (char c : number)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

}  // namespace core

namespace core::api {

using nlohmann::json;
using namespace json_fields;

json to_json(const Invoice& i) {
  return {{"id", i.id},
          {"number", i.number},
          {"contract_id", i.contract_id},
          {"metering_point_id", i.metering_point_id},
          {"period_from", format_date(i.period_from)},
          {"period_to", format_date(i.period_to)},
          {"issued_on", format_date(i.issued_on)},
          {"due_on", format_date(i.due_on)},
          {"amount_cents", i.amount_cents},
          {"currency", i.currency},
          {"status", i.status}};
}

bool from_json(const json& j, Invoice& out) {
  if (!j.is_object() || !j.contains("id")) return false;
  Invoice i;
  ResponseReader r{j};
  r.string("id", i.id);
  r.string("number", i.number);
  r.string("contract_id", i.contract_id);
  r.string("metering_point_id", i.metering_point_id);
  r.date("period_from", i.period_from);
  r.date("period_to", i.period_to);
  r.date("issued_on", i.issued_on);
  r.date("due_on", i.due_on);
  r.integer("amount_cents", i.amount_cents);
  r.string("currency", i.currency);
  r.string("status", i.status);
  if (!r.ok) return false;
  out = std::move(i);
  return true;
}

}  // namespace core::api
