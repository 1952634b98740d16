// The developer gallery (/dev/gallery): every widget in every state, with catalog texts. The
// end-to-end tests drive it. Its sample values live in GalleryState, which the app owns and
// passes in: the gallery dispatches no real actions (except the language), so unlike the
// product's screens it keeps its demo values itself instead of in AppState.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "client/state/app_state.h"
#include "client/widgets/widgets.h"

namespace client::screens {

struct GalleryReading {
  std::string date;  // YYYY-MM-DD
  int value = 0;     // kWh
  int status = 0;    // 0 submitted, 1 own record, 2 estimated
};

struct GalleryState {
  // The sign-in form.
  std::string email, password;
  bool remember = false;
  bool login_tried = false;  // submitted once: required errors show
  bool login_done = false;
  // The address form.
  std::string name, street, postal, phone, new_password;
  std::optional<std::string> invalid_example;  // until edited: the catalog's sample
  bool address_tried = false;
  bool address_saved = false;
  // Choices.
  bool terms = false;
  int energy = 0;
  int country = 0;
  bool email_reminders = true;
  bool sms_reminders = false;
  // Buttons and messages.
  bool loading = false;
  std::string last_button;  // catalog key of the last button clicked
  // The table.
  std::vector<GalleryReading> readings = {{"2026-11-28", 12345, 0},
                                          {"2026-10-30", 12101, 0},
                                          {"2026-09-29", 11874, 1},
                                          {"2026-08-31", 11652, 0},
                                          {"2026-07-30", 11430, 2}};
  widgets::TableSort sort{0, true};
  int delete_index = -1;  // the reading the confirmation asks about
  int deleted = 0;
  int section = 0;  // the current navigation entry
};

void draw_gallery(GalleryState& g, const AppState& state, Actions& actions);

}  // namespace client::screens
