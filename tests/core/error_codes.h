// The tests' short form of errors: "code@field" strings, compared as a list in order.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"

using V = std::vector<std::string>;

inline V codes(const core::Errors& errors) {
  V out;
  for (const auto& e : errors) out.push_back(e.code + "@" + e.field);
  return out;
}
