// Shared by the fuzz targets: a failed invariant is a crash libFuzzer records, with a message.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/error.h"

#define FUZZ_REQUIRE(cond, what)                                                        \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      std::fprintf(stderr, "invariant failed: %s (%s:%d)\n", what, __FILE__, __LINE__); \
      std::abort();                                                                     \
    }                                                                                   \
  } while (0)

// Every error a rule returns has a code of core::codes (conflict/warning lists included).
inline void require_known_codes(const core::Errors& errors) {
  for (const auto& e : errors) {
    bool known = false;
    for (auto code : core::all_codes()) known = known || e.code == code;
    if (!known) std::fprintf(stderr, "unknown code %s\n", e.code.c_str());
    FUZZ_REQUIRE(known, "error code defined in core::codes");
    FUZZ_REQUIRE(e.params.is_object(), "params are an object");
  }
}
