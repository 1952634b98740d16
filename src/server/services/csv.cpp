#include "server/services/csv.h"

namespace server::services {

bool parse_csv(std::string_view text, char sep, std::vector<CsvRecord>& out, int& error_line) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  out.clear();
  int line = 1;
  size_t i = 0;
  while (i < text.size()) {
    CsvRecord rec;
    rec.line = line;
    std::string field;
    bool in_quotes = false, quoted = false;
    for (;;) {
      if (i >= text.size()) {
        if (in_quotes) {
          error_line = rec.line;
          return false;
        }
        rec.fields.push_back(std::move(field));
        break;
      }
      const char c = text[i++];
      if (in_quotes) {
        if (c == '"') {
          if (i < text.size() && text[i] == '"') {
            field += '"';
            ++i;
          } else {
            in_quotes = false;
          }
        } else {
          if (c == '\n') ++line;
          field += c;
        }
        continue;
      }
      if (c == '"' && field.empty() && !quoted) {
        in_quotes = quoted = true;
      } else if (c == sep) {
        rec.fields.push_back(std::move(field));
        field.clear();
        quoted = false;
      } else if (c == '\r' && i < text.size() && text[i] == '\n') {
        continue;  // the \n ends the record
      } else if (c == '\n') {
        ++line;
        rec.fields.push_back(std::move(field));
        break;
      } else {
        field += c;
      }
    }
    // Skip blank lines (a trailing newline, an empty line between records).
    if (!(rec.fields.size() == 1 && rec.fields[0].empty() && !quoted)) out.push_back(std::move(rec));
  }
  return true;
}

std::string csv_quote(const std::string& field, char sep) {
  if (field.find_first_of(std::string("\"\r\n") + sep) == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace server::services
