// Accounts: registration and activation, login and logout, forgotten and reset passwords, and the
// settings screen's forms (profile, password, e-mail, phone, my data, deleting the account).
// Its state is the session's user (AppState::user) and its forms; the common-password list is
// loaded when a screen with a new password opens.
#pragma once

#include "client/state/feature.h"
#include "core/account_rules.h"

namespace client {

class Accounts : public Feature {
 public:
  using Feature::Feature;
  const char* name() const override { return "accounts"; }
  std::vector<std::string> forms() const override {
    return {"login", "register", "forgot", "reset", "activate", "confirm_email", "profile",
            "password", "email", "phone", "delete", "export", "logout"};
  }
  void enter(const Route& r) override;
  core::Errors check(const std::string& form) override;
  void send(const std::string& form) override;
  bool apply(const Action& a) override;
  bool confirmed(const std::string& kind, const std::string& id) override;
  void signed_out() override;

  void set_common_passwords_url(std::string url) { common_url_ = std::move(url); }
  const core::CommonPasswords& common_passwords() const { return common_; }

 private:
  void load_common_passwords();
  void fill_profile_form();
  void logout(bool everywhere);

  core::CommonPasswords common_;
  std::string common_url_;
  bool common_requested_ = false;
};

}  // namespace client
