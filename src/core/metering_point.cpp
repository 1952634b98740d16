#include "core/metering_point.h"

#include "core/text.h"

namespace core {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_letter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool all_digits(std::string_view s) {
  for (char c : s)
    if (!is_digit(c)) return false;
  return true;
}

}  // namespace

int gsrn_check_digit(std::string_view first17) {
  if (first17.size() != 17 || !all_digits(first17)) return -1;
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    const int digit = first17[16 - i] - '0';  // from the rightmost
    sum += digit * (i % 2 == 0 ? 3 : 1);
  }
  return (10 - sum % 10) % 10;
}

bool gsrn_valid(std::string_view eighteen_digits) {
  if (eighteen_digits.size() != 18 || !all_digits(eighteen_digits)) return false;
  return gsrn_check_digit(eighteen_digits.substr(0, 17)) == eighteen_digits[17] - '0';
}

Errors parse_metering_point(std::string_view input, MeteringPointNumber& out, std::string_view field) {
  const std::string_view trimmed = trim(input);
  if (trimmed.empty()) return {make_error(codes::field_required, field)};
  std::string compact;  // without the spaces people type between groups
  for (char c : trimmed)
    if (c != ' ') compact += c;

  // Gas: a 4-letter operator code, an optional dash, 12 digits.
  if (compact.size() >= 16 && is_letter(compact[0]) && is_letter(compact[1]) && is_letter(compact[2]) &&
      is_letter(compact[3])) {
    std::string_view digits = std::string_view(compact).substr(4);
    if (!digits.empty() && digits[0] == '-') digits.remove_prefix(1);
    if (digits.size() == 12 && all_digits(digits)) {
      out.form = MeteringPointNumber::Form::gas;
      out.canonical = ascii_upper(std::string_view(compact).substr(0, 4)) + "-" + std::string(digits);
      return {};
    }
    return {make_error(codes::metering_point_invalid, field)};
  }

  // GSRN: 18 digits with the GS1 check digit.
  if (compact.size() == 18 && all_digits(compact)) {
    if (!gsrn_valid(compact)) return {make_error(codes::metering_point_check_digit, field)};
    out.form = MeteringPointNumber::Form::gsrn;
    out.canonical = compact;
    return {};
  }

  // Electricity: 7 digits, one optional dash between two of them ("3-345341").
  const size_t dash = compact.find('-');
  std::string digits = compact;
  if (dash != std::string::npos) {
    if (dash == 0 || dash + 1 >= compact.size() || compact.find('-', dash + 1) != std::string::npos)
      return {make_error(codes::metering_point_invalid, field)};
    digits.erase(dash, 1);
  }
  if (digits.size() == 7 && all_digits(digits)) {
    out.form = MeteringPointNumber::Form::electricity;
    out.canonical = digits;
    return {};
  }
  return {make_error(codes::metering_point_invalid, field)};
}

Errors check_contract_number(std::string_view input, std::string& normalized, std::string_view field) {
  const std::string_view trimmed = trim(input);
  if (trimmed.empty()) {
    normalized.clear();
    return {make_error(codes::field_required, field)};
  }
  const std::string upper = ascii_upper(trimmed);
  bool ok = upper.size() >= static_cast<size_t>(kContractNumberMinLength) &&
            upper.size() <= static_cast<size_t>(kContractNumberMaxLength);
  for (char c : upper) ok = ok && ((c >= 'A' && c <= 'Z') || is_digit(c) || c == '-' || c == '/');
  if (!ok) return {make_error(codes::contract_number_invalid, field)};
  normalized = upper;
  return {};
}

Errors check_contract_link(std::string_view metering_point, std::string_view contract_number, std::string_view energy,
                           std::string_view operator_code, const OperatorCatalog& operators, CheckedContractLink& out) {
  Errors errors;
  auto add = [&errors](Errors more) {
    for (auto& e : more) errors.push_back(std::move(e));
  };
  CheckedContractLink link;
  Energy chosen = Energy::electricity;
  Errors energy_errors = check_energy(energy, chosen, "energy");
  const bool energy_known = energy_errors.empty();
  add(std::move(energy_errors));

  Errors mp_errors = parse_metering_point(metering_point, link.metering_point, "metering_point");
  if (mp_errors.empty() && energy_known) {
    const auto form = link.metering_point.form;
    if ((chosen == Energy::gas && form == MeteringPointNumber::Form::electricity) ||
        (chosen == Energy::electricity && form == MeteringPointNumber::Form::gas))
      mp_errors.push_back(make_error(codes::metering_point_invalid, "metering_point"));
  }
  add(std::move(mp_errors));
  add(check_contract_number(contract_number, link.contract_number, "contract_number"));
  add(operators.check(operator_code, energy_known ? std::optional<Energy>(chosen) : std::nullopt, link.op, "operator"));
  if (errors.empty()) {
    link.energy = chosen;
    out = std::move(link);
  }
  return errors;
}

}  // namespace core
