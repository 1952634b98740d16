// Writes the portal's messages in the account's language from the mail catalogs in
// assets/mail/{sl,en}.json (kind.subject, kind.body, footer; kind.sms for SMS), with the full
// links built from --public-url, each link on a line of its own, and an HTML alternative made
// from the same text. Notices to the supplier's own staff (a customer's question) are Slovenian,
// without the customers' footer.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "core/i18n.h"
#include "server/storage/message_store.h"

namespace server::mail {

class Composer {
 public:
  // Loads the catalogs and branding from `assets_dir`. false with a message if anything is missing.
  bool load(const std::string& assets_dir, std::string& error);
  void set_sender(std::string from, std::string public_url);

  // An e-mail of `kind` ("activation", "reset", ...), ready to enqueue. params fill the
  // placeholders; product, supplier, help and the standard links are added.
  storage::QueuedMessage email(std::string_view kind, std::string_view locale, const std::string& to,
                               nlohmann::json params,
                               const std::vector<std::pair<std::string, std::string>>& headers = {}) const;
  storage::QueuedMessage sms(std::string_view kind, std::string_view locale, const std::string& to,
                             nlohmann::json params) const;
  // An e-mail of `kind` to the supplier's staff: Slovenian, no footer.
  storage::QueuedMessage notice(std::string_view kind, const std::string& to, nlohmann::json params,
                                const std::vector<std::pair<std::string, std::string>>& headers = {}) const;
  // A catalog text without placeholders filled, e.g. "question_topic.readings".
  std::string text(std::string_view locale, const std::string& key) const;
  const std::string& public_url() const { return public_url_; }
  const std::string& product() const { return product_; }
  const std::string& support_email() const { return support_email_; }  // branding's support_email

 private:
  const core::Catalog& catalog(std::string_view locale) const;
  nlohmann::json with_common(nlohmann::json params) const;
  storage::QueuedMessage compose(const core::Catalog& cat, const std::string& kind, const std::string& to,
                                 const nlohmann::json& params, bool footer,
                                 const std::vector<std::pair<std::string, std::string>>& headers) const;
  core::Catalog sl_, en_;
  std::string from_, public_url_, product_, supplier_, help_emails_, help_phone_, support_email_;
};

// Plain text to simple HTML: paragraphs at blank lines, lines that are links as <a>.
std::string text_to_html(const std::string& text);

}  // namespace server::mail
