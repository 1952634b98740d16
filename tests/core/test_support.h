// Small helpers the core tests share: reading a file of the source tree (the wasm build reads it
// through NODERAWFS) and writing dates as text.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/calendar.h"

namespace test_support {

// A file of the repository by its path from the top ("assets/operators.json"); "" if unreadable.
inline std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(PORTAL_SOURCE_DIR) + "/" + relative);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// "2026-11-20" as a Date; the test stops if it is not one.
inline core::Date date(const char* text) {
  core::Date out;
  REQUIRE_MESSAGE(core::parse_date(text, out), text);
  return out;
}

}  // namespace test_support
