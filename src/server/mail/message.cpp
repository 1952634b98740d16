#include "server/mail/message.h"

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <cctype>
#include <ctime>

namespace server::mail {

namespace {

bool ascii_printable(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

std::string base64(const std::string& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // trailing NUL
  return out;
}

std::string crlf(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
  return out;
}

// Base64 wrapped at 76 characters (for the HTML part, whose lines may be long).
std::string base64_lines(const std::string& bytes) {
  const std::string b = base64(bytes);
  std::string out;
  for (size_t i = 0; i < b.size(); i += 76) out += b.substr(i, 76) + "\r\n";
  return out;
}

std::string random_hex(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.pop_back();
  return hex;
}

// The text (and HTML) of a message as one MIME entity: its headers, a blank line, its content.
std::string body_entity(const Email& e, const std::string& boundary) {
  if (e.html.empty()) return "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + crlf(e.text);
  std::string m = "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  m += "--" + boundary + "\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n";
  m += crlf(e.text);
  m += "--" + boundary + "\r\n";
  m += "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  m += base64_lines(e.html);
  m += "--" + boundary + "--\r\n";
  return m;
}

// File names and types go into headers as they are: letters, digits and a few marks only.
bool safe_file_name(const std::string& s) {
  if (s.empty() || s.size() > 200 || s.front() == '.') return false;
  for (unsigned char c : s)
    if (!std::isalnum(c) && c != '.' && c != '-' && c != '_') return false;
  return true;
}

bool safe_mime(const std::string& s) {
  if (s.empty() || s.size() > 200 || s.find('/') == std::string::npos) return false;
  for (unsigned char c : s)
    if (!std::isalnum(c) && c != '/' && c != '.' && c != '-' && c != '+') return false;
  return true;
}

}  // namespace

std::string rfc2047(const std::string& text) {
  if (ascii_printable(text)) return text;
  return "=?UTF-8?B?" + base64(text) + "?=";
}

std::string address_of(const std::string& from) {
  auto lt = from.find('<');
  auto gt = from.find('>', lt == std::string::npos ? 0 : lt);
  if (lt != std::string::npos && gt != std::string::npos) return from.substr(lt + 1, gt - lt - 1);
  return from;
}

std::string build_mime(const Email& e, int64_t now_unix, const std::string& domain) {
  char date[64];
  std::time_t t = static_cast<std::time_t>(now_unix);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  std::string from_display = e.from;
  auto lt = e.from.find('<');
  if (lt != std::string::npos && lt > 0) {
    std::string name = e.from.substr(0, lt);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    from_display = rfc2047(name) + " <" + address_of(e.from) + ">";
  }
  const std::string boundary = "=_portal_" + random_hex(12);
  std::string m;
  m += "From: " + from_display + "\r\n";
  m += "To: " + e.to + "\r\n";
  m += "Subject: " + rfc2047(e.subject) + "\r\n";
  m += std::string("Date: ") + date + "\r\n";
  m += "Message-ID: <" + random_hex(16) + "@" + domain + ">\r\n";
  m += "MIME-Version: 1.0\r\n";
  // A line end in an extra header would start a header of its own (Bcc:): such a header is
  // dropped, never written (values are ASCII: addresses and URLs).
  for (const auto& [name, value] : e.headers)
    if (!name.empty() && name.find(':') == std::string::npos && ascii_printable(name) && ascii_printable(value))
      m += name + ": " + value + "\r\n";
  std::vector<const Attachment*> files;
  for (const auto& a : e.attachments)
    if (safe_file_name(a.name) && safe_mime(a.mime)) files.push_back(&a);
  if (files.empty()) return m + body_entity(e, boundary);
  const std::string mixed = "=_portal_mixed_" + random_hex(12);
  m += "Content-Type: multipart/mixed; boundary=\"" + mixed + "\"\r\n\r\n";
  m += "--" + mixed + "\r\n" + body_entity(e, boundary);
  for (const Attachment* a : files) {
    m += "--" + mixed + "\r\n";
    const std::string charset = a->mime.rfind("text/", 0) == 0 ? "; charset=UTF-8" : "";  // our texts are UTF-8
    m += "Content-Type: " + a->mime + charset + "; name=\"" + a->name + "\"\r\n";
    m += "Content-Transfer-Encoding: base64\r\n";
    m += "Content-Disposition: attachment; filename=\"" + a->name + "\"\r\n\r\n";
    m += base64_lines(a->bytes);
  }
  m += "--" + mixed + "--\r\n";
  return m;
}

std::string attachments_json(const std::vector<Attachment>& files) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : files)
    if (safe_file_name(f.name) && safe_mime(f.mime))
      out.push_back({{"name", f.name}, {"mime", f.mime}, {"base64", base64(f.bytes)}});
  return out.dump();
}

std::vector<Attachment> attachments_from_json(const std::string& json) {
  std::vector<Attachment> out;
  const auto j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& f : j) {
    if (!f.is_object() || !f.contains("name") || !f.contains("mime") || !f.contains("base64") || !f["name"].is_string() ||
        !f["mime"].is_string() || !f["base64"].is_string())
      continue;
    Attachment a{f["name"].get<std::string>(), f["mime"].get<std::string>(), {}};
    const std::string b64 = f["base64"].get<std::string>();
    a.bytes.resize(b64.size());
    size_t len = 0;
    if (!safe_file_name(a.name) || !safe_mime(a.mime) ||
        sodium_base642bin(reinterpret_cast<unsigned char*>(a.bytes.data()), a.bytes.size(), b64.data(), b64.size(),
                          nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
      continue;
    a.bytes.resize(len);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace server::mail
