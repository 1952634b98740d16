// Everything the screens draw from. Screens read it and dispatch Actions; only the Store
// (state/store.h) changes it, and only the Store calls the api layer. No static state elsewhere.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "client/state/actions.h"
#include "client/state/content.h"
#include "client/state/invoices.h"
#include "client/state/kiosk.h"
#include "client/state/offline.h"
#include "client/state/questions.h"
#include "client/state/routes.h"
#include "core/api_types.h"
#include "core/error.h"
#include "core/i18n.h"

namespace client {

// [SECTION] Forms
// One form's fields by name ("email", "password", "values.VT"), what the customer touched (inline
// errors show for touched fields, and for all after a first submit), and where the request is.
// Two lists of errors, never merged in place: `checks`, core's verdict recomputed as the customer
// types, and `answer`, the server's verdict on the last submit. The answer shows first; it stays
// until the next submit, except that editing a field drops the answer about that field.
struct Form {
  std::map<std::string, std::string> text;
  std::map<std::string, bool> flags;
  std::set<std::string> touched;
  core::Errors checks;          // core's rules on what is typed now
  core::Errors answer;          // the server's (or the network's) answer to the last submit
  bool submitted_once = false;  // errors show for every field from now on
  bool busy = false;            // a request is on its way
  bool done = false;            // it succeeded (the screen says what happens next)
  int retry_after_s = 0;        // throttled: seconds to wait

  core::Errors errors() const;  // answer first, then checks
  const std::string& get(const std::string& field) const;
  bool flag(const std::string& field) const;
  // The error to show under a field (touched or after a submit), or nullptr.
  const core::Error* error_for(const std::string& field) const;
  // Errors about the whole form (no field, or a field the form does not show).
  core::Errors general_errors(const std::vector<std::string>& shown_fields) const;
};

// [SECTION] Loading data (Load is in state/feature.h: every feature's slice uses it)

struct ReadingsView {
  Load load;
  std::vector<core::api::Reading> rows;  // newest first as the server sends them
  int sort_column = 0;                   // 0 date, 1 register, 2 value, 3 difference, 4 source, 5 type
  bool sort_descending = true;
};

// The submission screen beyond its form: the server's questions and the last result.
struct SubmitFlow {
  std::string metering_point_id;        // chosen metering point
  core::Errors conflicts;               // 409 reading.unusual / reading.tariff_mixup awaiting a confirmation
  std::optional<core::Error> outside;   // reading.outside_window / no_self_readings: offer an own record
  std::optional<core::api::SubmissionResult> result;  // the last accepted submission
  std::string idempotency_key;          // kept while the same submission is retried
};

enum class Session { unknown, signed_out, signed_in };

struct Banner {
  std::string key;                                 // catalog key
  nlohmann::json params = nlohmann::json::object();
  int tone = 0;                                    // 0 info, 1 success, 2 warning, 3 error
};

// A confirmation dialog the customer has to answer.
struct Confirm {
  std::string kind;  // "unlink", "delete_submission", "delete_account", "logout_all"
  std::string id;    // contract or submission id
};

// The supplier's name and contacts (assets/branding.json): the header, help and footer.
struct Brand {
  std::string product = "Moj portal";  // "Moj GEN-I"
  std::string supplier;                // company name
  std::string address;                 // company address
  std::string website;
  struct Email {
    std::string address, topic;        // topic: "electricity" | "gas" | ""
  };
  std::vector<Email> emails;
  std::string phone;                   // "080 1558"
  std::string phone_e164;              // for tel: links
  bool phone_free = false;             // a free number
  std::string days = "mon-sat", from = "08:00", to = "20:00";  // hours of the phone line
};
Brand brand_from_json(const std::string& branding_json);  // defaults for anything missing

// [SECTION] The state
struct AppState {
  Brand brand;                             // from assets/branding.json
  core::Locale locale = core::Locale::sl;  // UI language; Slovenian by default, remembered
  Route route;                             // the screen and its parameters (mirrors the URL)
  Route after_login;                       // where a deep link wanted to go before signing in
  Session session = Session::unknown;
  core::api::User user;                    // when signed in
  core::api::Rules rules;                  // operators, limits and the server's today
  Load rules_load;
  bool common_passwords_loaded = false;    // the list arrives after the first frame
  std::map<std::string, Form> forms;       // "login", "register", "forgot", "reset", "activate",
                                           // "confirm_email", "unsubscribe", "profile", "password",
                                           // "email", "phone", "delete", "link", "submit"
  std::vector<core::api::Contract> contracts;  // linked and valid today
  Load contracts_load;
  std::map<std::string, ReadingsView> readings;  // by metering point id
  SubmitFlow submit;
  InvoicesView invoices;                   // state/invoices.h
  QuestionsView questions;                 // state/questions.h (the form is forms["question"])
  ContentView content;                     // state/content.h
  KioskView kiosk;                         // state/kiosk.h: a shared touch screen
  OfflineView offline;                     // state/offline.h: the device's copy, readings waiting to go
  std::optional<Banner> banner;            // a message over the page (saved, sent, failed...)
  std::optional<Confirm> confirm;          // an open confirmation dialog
  bool nav_open = false;                   // the phone menu
  int requests_in_flight = 0;
  int refused_submits = 0;                 // counts submits the rules refused (focus moves to the error)

  const Form& form(const std::string& name) const;  // an empty form if none
  const core::api::Contract* contract_for(const std::string& metering_point_id) const;
  core::Date today() const { return rules.today; }  // the server's, never the device clock
};

// Applies only the locale action (the app's frame loop before the Store is wired in).
bool apply(AppState& state, std::vector<Action> actions);

}  // namespace client
