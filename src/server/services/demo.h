// The demo data set (--demo): generated, deterministic, never a committed file. A few hundred
// contracts across every operator with plausible Slovenian addresses, two years of monthly
// operator readings (gas seasonal), and a demo customer with linked contracts and two years of
// monthly invoices for them. Loaded only into an empty database.
//
// Demo customer: demo@moj-portal.si / Demo-Portal-2026 (linked: E-2024-000001 electricity VT+MT,
// P-2024-000002 gas). Unlinked contracts to try linking with (from the "invoice"):
//   E-2024-000003, metering point 2-123456, electricity, Elektro Maribor
//   P-2024-000004, metering point ENLJ-200000000004, natural gas, Energetika Ljubljana
#pragma once

#include <string>

#include "core/energy.h"
#include "server/clock.h"
#include "server/services/password_hasher.h"
#include "server/storage/database.h"

namespace server::services {

inline constexpr const char* kDemoEmail = "demo@moj-portal.si";
inline constexpr const char* kDemoPassword = "Demo-Portal-2026";

struct DemoSummary {
  bool loaded = false;     // false: the database was not empty
  int contracts = 0;
  int readings = 0;
  int invoices = 0;        // the demo customer's monthly invoices (24 per linked contract)
};

DemoSummary load_demo(storage::Database& db, const core::OperatorCatalog& operators, PasswordHasher& hasher,
                      const Clock& clock);

}  // namespace server::services
