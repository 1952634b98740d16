// Invoices (Računi): the supplier's invoices for the customer's linked contracts, newest first,
// narrowed to one metering point if the customer chooses, and each invoice's PDF downloaded.
#pragma once

#include <string>
#include <vector>

#include "client/state/feature.h"
#include "core/invoice.h"

namespace client {

// [SECTION] State slice
struct InvoicesView {
  Load load;
  std::vector<core::api::Invoice> rows;   // newest issued first, as the server sends them
  std::string metering_point_id;          // the filter: "" = every linked contract
  std::string downloading;                // the invoice whose PDF is on its way ("" = none)
};

// [SECTION] Feature
class Invoices : public Feature {
 public:
  using Feature::Feature;
  const char* name() const override { return "invoices"; }
  void enter(const Route& r) override;
  bool apply(const Action& a) override;
  bool retry(const std::string& what, const std::string& id) override;
  void signed_out() override;

 private:
  void load();
};

}  // namespace client
