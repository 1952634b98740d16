// What the account screens share: a form's text field bound to the Store (edits, inline errors
// from core or the server, Enter submits), error messages in the customer's language with their
// parameters, the profile fields of the manual (registration and settings), the country list.
#pragma once

#include <string>
#include <vector>

#include "client/state/app_state.h"
#include "client/widgets/widgets.h"

namespace client::screens::account {

// The message of an error code with its params; a throttled request says how long to wait.
std::string message(const core::Error& e, int retry_after_s = 0);

// The inline error of a form's field ("" until touched or submitted).
std::string field_error(const Form& f, const std::string& field);

// Errors of a form that no field shows, as alerts "<form>.error.<code>".
void general_errors(const std::string& form, const Form& f, const std::vector<std::string>& shown_fields);

// A text field of `form` with id "<form>.<field>": its value, its inline error, edits dispatched.
// True when Enter was pressed in it (the screen submits).
bool text_field(Actions& a, const std::string& form, const Form& f, const std::string& field,
                widgets::FieldOptions opt);

// A stored phone number (E.164) as people read it: "+38641123456" -> "+386 41 123 456".

// The password rules in one line ("At least 10 characters...").
std::string password_hint();

// The manual's profile fields, in its order: name, street, city, postal code and post, country,
// phone, gender, "I want to receive notifications". True when Enter was pressed in a field.
bool profile_fields(Actions& a, const std::string& form, const Form& f);

// Country codes in the order the list shows them: Slovenia and its neighbours, the other named
// ones alphabetically in the current language, then the rest by code; and what the list shows.
std::vector<std::string> countries_in_order();
std::string country_name(const std::string& code);

}  // namespace client::screens::account
