// The reading list as files a customer opens: a real .xlsx (libxlsxwriter: dates as dates,
// numbers as numbers, frozen header row, column widths) and CSV (UTF-8 with BOM, ';', CRLF,
// RFC 4180 quoting, DD.MM.YYYY dates, decimal comma), columns and headers as API.md fixes them.
#pragma once

#include <string>

#include "server/services/readings.h"

namespace server::services {

// "Datum odčitka;Odjemno mesto;Tarifa;Stanje;Razlika;Poraba na dan;Vir;Tip"
const std::vector<std::string>& export_headers();
std::string source_label_sl(core::ReadingSource s);                 // odjemalec | operater | ocena
std::string type_label_sl(const std::optional<core::ReadingType>& t);  // oddaja | lastna evidenca | ""

std::string readings_csv(const ReadingTable& table);
// Writes the workbook through a temporary file in `tmp_dir`; false with a message on failure.
bool readings_xlsx(const ReadingTable& table, const std::string& tmp_dir, std::string& out, std::string& error);

}  // namespace server::services
