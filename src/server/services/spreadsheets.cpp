#include "server/services/spreadsheets.h"

#include "server/services/csv.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace server::services {

const std::vector<std::string>& export_headers() {
  static const std::vector<std::string> h = {"Datum odčitka", "Odjemno mesto", "Tarifa", "Stanje",
                                             "Razlika",       "Poraba na dan", "Vir",    "Tip"};
  return h;
}

std::string source_label_sl(core::ReadingSource s) {
  switch (s) {
    case core::ReadingSource::customer: return "odjemalec";
    case core::ReadingSource::operator_: return "operater";
    case core::ReadingSource::estimate: return "ocena";
  }
  return "";
}

std::string type_label_sl(const std::optional<core::ReadingType>& t) {
  if (!t) return "";
  return *t == core::ReadingType::submission ? "oddaja" : "lastna evidenca";
}

namespace {

std::string decimal_comma(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  for (auto& c : s)
    if (c == '.') c = ',';
  return s;
}

const char* register_label(core::Register r) { return r == core::Register::M3 ? "m³" : core::register_code(r); }

}  // namespace

std::string readings_csv(const ReadingTable& t) {
  std::string out = "\xEF\xBB\xBF";  // BOM: Excel then reads UTF-8
  const auto& h = export_headers();
  for (size_t i = 0; i < h.size(); ++i) out += (i ? ";" : "") + csv_quote(h[i], ';');
  out += "\r\n";
  for (const auto& r : t.rows) {
    std::vector<std::string> f = {core::format_date_dots(r.date),
                                  t.number + " " + t.place,
                                  register_label(r.reg),
                                  std::to_string(r.value),
                                  r.difference ? std::to_string(*r.difference) : "",
                                  r.per_day ? decimal_comma(*r.per_day) : "",
                                  source_label_sl(r.source),
                                  type_label_sl(r.type)};
    for (size_t i = 0; i < f.size(); ++i) out += (i ? ";" : "") + csv_quote(f[i], ';');
    out += "\r\n";
  }
  return out;
}

bool readings_xlsx(const ReadingTable& t, const std::string& tmp_dir, std::string& out, std::string& error) {
  std::string path = tmp_dir + "/.export-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) {
    error = "cannot create a temporary file in " + tmp_dir;
    return false;
  }
  close(fd);
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) {
    unlink(path.c_str());
    error = "libxlsxwriter could not start a workbook";
    return false;
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Odčitki");
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xE8EEF5);
  format_set_bottom(head, LXW_BORDER_THIN);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "d.m.yyyy");
  lxw_format* whole = workbook_add_format(wb);
  format_set_num_format(whole, "0");
  lxw_format* per_day = workbook_add_format(wb);
  format_set_num_format(per_day, "0.00");

  const auto& h = export_headers();
  for (size_t c = 0; c < h.size(); ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), h[c].c_str(), head);
  lxw_row_t row = 1;
  const std::string place = t.number + " " + t.place;
  for (const auto& r : t.rows) {
    lxw_datetime dt = {r.date.year, r.date.month, r.date.day, 0, 0, 0};
    worksheet_write_datetime(ws, row, 0, &dt, date);
    worksheet_write_string(ws, row, 1, place.c_str(), nullptr);
    worksheet_write_string(ws, row, 2, register_label(r.reg), nullptr);
    worksheet_write_number(ws, row, 3, static_cast<double>(r.value), whole);
    if (r.difference) worksheet_write_number(ws, row, 4, static_cast<double>(*r.difference), whole);
    if (r.per_day) worksheet_write_number(ws, row, 5, *r.per_day, per_day);
    worksheet_write_string(ws, row, 6, source_label_sl(r.source).c_str(), nullptr);
    const std::string type = type_label_sl(r.type);
    if (!type.empty()) worksheet_write_string(ws, row, 7, type.c_str(), nullptr);
    ++row;
  }
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_set_column(ws, 0, 0, 14, nullptr);
  worksheet_set_column(ws, 1, 1, std::max<double>(20, static_cast<double>(place.size()) * 0.9), nullptr);
  worksheet_set_column(ws, 2, 2, 8, nullptr);
  worksheet_set_column(ws, 3, 5, 14, nullptr);
  worksheet_set_column(ws, 6, 7, 16, nullptr);
  if (row > 1) worksheet_autofilter(ws, 0, 0, row - 1, 7);
  const lxw_error rc = workbook_close(wb);
  if (rc != LXW_NO_ERROR) {
    unlink(path.c_str());
    error = std::string("libxlsxwriter: ") + lxw_strerror(rc);
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  unlink(path.c_str());
  return true;
}

}  // namespace server::services
