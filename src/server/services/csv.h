// RFC 4180 CSV for the supplier's files: UTF-8 with or without a BOM, ',' (or another)
// separator, CRLF or LF, quoted fields with doubled quotes and line breaks inside.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace server::services {

struct CsvRecord {
  int line = 0;                     // physical line where the record starts (1-based)
  std::vector<std::string> fields;
};

// Parses the whole text; false with the line of an unterminated quote in `error_line`.
bool parse_csv(std::string_view text, char separator, std::vector<CsvRecord>& out, int& error_line);
std::string csv_quote(const std::string& field, char separator);  // quotes only when needed

}  // namespace server::services
