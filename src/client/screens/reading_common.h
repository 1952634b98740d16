// Shared by the contracts and readings screens (reading_*.cpp, the manual's sections 5-7): the
// domain's words and formats in the customer's language (dates, energies, registers, reading
// windows, errors), the reminder switches, the loading/error block with a retry, and the
// readings table that both the submission screen and the list of readings draw.
#pragma once

#include <string>
#include <string_view>

#include "client/state/app_state.h"
#include "core/energy.h"
#include "core/reading_rules.h"

namespace client::screens::reading {

// [SECTION] Words and formats
std::string date_text(const core::Date& d);     // "30. 11. 2026" | "30 Nov 2026"
std::string date_text(const std::string& iso);  // the same from "2026-11-30" (as is if not a date)
std::string month_text(int year, int month);    // "nov. 2026" | "Nov 2026"
std::string error_text(const core::Error& e, int retry_after_s = 0);  // error.<code>, dates formatted
std::string metering_point_text(const std::string& number);           // "3345341" -> "3-345341" as on invoices
std::string address_text(const core::api::Address& a);                // "Šmartinska cesta 5, 1000 Ljubljana"
std::string energy_text(core::Energy e);                              // "Električna energija"
std::string unit_text(core::Energy e);                                // "kWh" | "m³"
std::string register_text(const std::string& code);                   // "VT" | "m³" (tables)
std::string register_long(const std::string& code);                   // "visoka tarifa (VT)"
std::string register_in(const std::string& code);                     // "za visoko tarifo (VT)" (in a sentence)
std::string capitalised(std::string text);                            // first letter upper case (ASCII)
std::string window_text(const core::WindowStatus& w);                 // open until / next window / none
// "zadnji dan v mesecu ...": the rule in words; per-month rules name the range of `month_of`'s month.
std::string rule_text(const core::WindowRule& r, const core::Date& month_of);
const core::Operator* find_operator(const AppState& s, const std::string& code);
int max_reading_age_days(const AppState& s);  // from /rules (5)

// [SECTION] Blocks
// A spinner while `load` runs, its errors with a retry button (`retry_what`, `retry_id`);
// true when there is nothing loaded to draw yet.
bool draw_load_state(const char* id, const Load& load, std::string_view loading_text, std::string_view failed_text,
                     Actions& a, const char* retry_what, const std::string& retry_id = {});
// The linked contracts a screen picks from ("<prefix>.contracts"): their load state, or "link a
// contract first" with a button ("<prefix>.link") when there are none. False while there is
// nothing to pick (the caller ends its card).
bool draw_contracts_to_pick(const std::string& prefix, const AppState& s, Actions& a);
// The e-mail and SMS reminder switches of a contract (ids "<prefix>.reminder_email|_sms"); the
// SMS one waits for a confirmed phone, with a link to the settings.
void draw_reminders(const AppState& s, Actions& a, const core::api::Contract& c, const std::string& prefix);

// The readings of a metering point as the manual's table (date, consumption point, reading,
// difference, source, type, tariff, delete), sorted as state.readings[mp] says. `limit` rows at
// most (0 = all); `sortable` makes the headers sort. Returns the number of rows it has.
int draw_readings_table(const AppState& s, Actions& a, const core::api::Contract& c, const char* id, int limit,
                        bool sortable);

}  // namespace client::screens::reading
