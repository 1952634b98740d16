// Metering point numbers in every form customers type, normalised to API.md's canonical form:
// electricity 7 digits without a dash ("3345341"), gas the operator's code in capitals, a dash,
// 12 digits ("DOPL-123456789012"), or an 18-digit GSRN with its GS1 check digit verified.
#pragma once

#include <string>
#include <string_view>

#include "core/energy.h"
#include "core/error.h"

namespace core {

struct MeteringPointNumber {
  enum class Form { electricity, gas, gsrn };
  Form form = Form::electricity;
  std::string canonical;  // "3345341", "DOPL-123456789012", or the 18 GSRN digits
};

// Accepts "3-345341", "3345341", " 3 345 341 ", "dopl-123456789012", "DOPL123456789012",
// "383123456789012345". Errors: metering_point.invalid, metering_point.check_digit, on `field`.
Errors parse_metering_point(std::string_view input, MeteringPointNumber& out,
                            std::string_view field = "metering_point");

// GS1 check digit over the first 17 digits (from the right: x3, x1, x3, ...).
int gsrn_check_digit(std::string_view first17);
bool gsrn_valid(std::string_view eighteen_digits);

inline constexpr int kContractNumberMinLength = 3;   // characters, after trimming
inline constexpr int kContractNumberMaxLength = 30;  // characters

// A contract number as printed by the supplier: letters, digits, '-', '/', 3..30 characters,
// trimmed and upper-cased. Error contract_number.invalid on `field`.
Errors check_contract_number(std::string_view input, std::string& normalized,
                             std::string_view field = "contract_number");

// [SECTION] Linking a contract (POST /contracts)
struct CheckedContractLink {
  MeteringPointNumber metering_point;       // canonical
  std::string contract_number;              // normalised
  Energy energy = Energy::electricity;
  const Operator* op = nullptr;             // from the catalog
};
// Every field of the link form, every error at once: metering point (as parse_metering_point;
// a 7-digit number for gas or a CODE-digits number for electricity is metering_point.invalid),
// contract number, energy (check_energy), operator (OperatorCatalog::check, on "operator").
Errors check_contract_link(std::string_view metering_point, std::string_view contract_number,
                           std::string_view energy, std::string_view operator_code,
                           const OperatorCatalog& operators, CheckedContractLink& out);

}  // namespace core
