#include "server/mail/composer.h"

#include <fstream>
#include <sstream>

#include "core/question.h"

namespace server::mail {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string escape_html(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

const char* kKinds[] = {"activation", "register_taken", "reset", "password_changed", "password_reset_done",
                        "email_confirm", "email_change_notice", "account_deleted", "reminder_open",
                        "reminder_closing", "question_support", "question_received", "question_answered",
                        "export_readings", "export_my_data", "export_invoice"};
const char* kSmsKinds[] = {"phone_code", "reminder_open", "reminder_closing"};
const char* kTexts[] = {"question_support.no_metering_point", "question_support.no_phone"};  // parts of bodies

}  // namespace

std::string text_to_html(const std::string& text) {
  std::string html = "<!doctype html><html><body style=\"font-family:sans-serif;line-height:1.5\"><p>";
  std::istringstream in(text);
  std::string line;
  bool first_in_paragraph = true;
  while (std::getline(in, line)) {
    if (line.empty()) {
      html += "</p><p>";
      first_in_paragraph = true;
      continue;
    }
    if (!first_in_paragraph) html += "<br>";
    if (line.rfind("http://", 0) == 0 || line.rfind("https://", 0) == 0)
      html += "<a href=\"" + escape_html(line) + "\">" + escape_html(line) + "</a>";
    else
      html += escape_html(line);
    first_in_paragraph = false;
  }
  html += "</p></body></html>";
  return html;
}

bool Composer::load(const std::string& assets_dir, std::string& error) {
  for (auto [code, cat] : {std::pair<const char*, core::Catalog*>{"sl", &sl_}, {"en", &en_}}) {
    const std::string path = assets_dir + "/mail/" + code + ".json";
    if (!cat->load(read_file(path))) {
      error = "cannot load the mail catalog " + path;
      return false;
    }
    for (const char* kind : kKinds)
      for (const char* part : {".subject", ".body"})
        if (!cat->has(std::string(kind) + part)) {
          error = path + " lacks " + kind + part;
          return false;
        }
    for (const char* kind : kSmsKinds)
      if (!cat->has(std::string(kind) + ".sms")) {
        error = path + " lacks " + kind + ".sms";
        return false;
      }
    for (const char* key : kTexts)
      if (!cat->has(key)) {
        error = path + " lacks " + key;
        return false;
      }
    for (auto topic : core::question_topics())
      if (!cat->has("question_topic." + std::string(topic))) {
        error = path + " lacks question_topic." + std::string(topic);
        return false;
      }
  }
  auto branding = nlohmann::json::parse(read_file(assets_dir + "/branding.json"), nullptr, false);
  if (!branding.is_object()) {
    error = "cannot load " + assets_dir + "/branding.json";
    return false;
  }
  product_ = branding.value("product_name", "Portal");
  supplier_ = branding.value("supplier", "");
  support_email_ = branding.value("support_email", "");
  if (branding.contains("help") && branding["help"].is_object()) {
    const auto& help = branding["help"];
    help_phone_ = help.value("phone", "");
    if (help.contains("emails") && help["emails"].is_array())
      for (const auto& e : help["emails"])
        if (e.is_object() && e.contains("address") && e["address"].is_string())
          help_emails_ += (help_emails_.empty() ? "" : ", ") + e["address"].get<std::string>();
  }
  return true;
}

void Composer::set_sender(std::string from, std::string public_url) {
  from_ = std::move(from);
  public_url_ = std::move(public_url);
}

const core::Catalog& Composer::catalog(std::string_view locale) const { return locale == "en" ? en_ : sl_; }

nlohmann::json Composer::with_common(nlohmann::json params) const {
  if (!params.is_object()) params = nlohmann::json::object();
  params["product"] = product_;
  params["supplier"] = supplier_;
  params["help_emails"] = help_emails_;
  params["help_phone"] = help_phone_;
  params["login_link"] = public_url_ + "/login";
  params["forgot_link"] = public_url_ + "/forgot";
  return params;
}

storage::QueuedMessage Composer::compose(const core::Catalog& cat, const std::string& kind, const std::string& to,
                                         const nlohmann::json& params, bool footer,
                                         const std::vector<std::pair<std::string, std::string>>& headers) const {
  storage::QueuedMessage m;
  m.channel = "email";
  m.recipient = to;
  m.subject = cat.format(kind + ".subject", params);
  m.body_text = cat.format(kind + ".body", params) + "\n";
  if (footer) m.body_text += "\n" + cat.format("footer", params) + "\n";
  m.body_html = text_to_html(m.body_text);
  nlohmann::json h = nlohmann::json::array({nlohmann::json::array({"From", from_})});
  for (const auto& [name, value] : headers) h.push_back({name, value});
  m.headers_json = h.dump();
  return m;
}

storage::QueuedMessage Composer::email(std::string_view kind, std::string_view locale, const std::string& to,
                                       nlohmann::json params,
                                       const std::vector<std::pair<std::string, std::string>>& headers) const {
  return compose(catalog(locale), std::string(kind), to, with_common(std::move(params)), true, headers);
}

storage::QueuedMessage Composer::notice(std::string_view kind, const std::string& to, nlohmann::json params,
                                        const std::vector<std::pair<std::string, std::string>>& headers) const {
  return compose(sl_, std::string(kind), to, with_common(std::move(params)), false, headers);
}

std::string Composer::text(std::string_view locale, const std::string& key) const {
  return std::string(catalog(locale).text(key));
}

storage::QueuedMessage Composer::sms(std::string_view kind, std::string_view locale, const std::string& to,
                                     nlohmann::json params) const {
  storage::QueuedMessage m;
  m.channel = "sms";
  m.recipient = to;
  m.body_text = catalog(locale).format(std::string(kind) + ".sms", with_common(std::move(params)));
  return m;
}

}  // namespace server::mail
