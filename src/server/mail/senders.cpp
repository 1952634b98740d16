#include "server/mail/senders.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <ctime>
#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>

namespace server::mail {

namespace {

std::string unique_name(const char* ext) {
  static std::atomic<unsigned> counter{0};
  char buf[96];
  std::snprintf(buf, sizeof buf, "%lld-%06u-%08x.%s", static_cast<long long>(std::time(nullptr)),
                counter.fetch_add(1) % 1000000, randombytes_random(), ext);
  return buf;
}

// Lines of the text that are links: the log shows them so registration works without mail.
std::string links_of(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("http://", 0) == 0 || line.rfind("https://", 0) == 0) out += " " + line;
    start = end + 1;
  }
  return out;
}

bool is_loopback_url(const std::string& url) {
  auto scheme_end = url.find("://");
  std::string rest = scheme_end == std::string::npos ? url : url.substr(scheme_end + 3);
  auto at = rest.rfind('@');
  if (at != std::string::npos) rest = rest.substr(at + 1);
  std::string host = rest.substr(0, rest.find_first_of(":/"));
  if (!rest.empty() && rest[0] == '[') host = rest.substr(1, rest.find(']') - 1);
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};
void curl_global() { static CurlGlobal init; }

class OutboxMailer final : public Mailer {
 public:
  OutboxMailer(std::string dir, std::string domain, LogLine log)
      : dir_(std::move(dir)), domain_(std::move(domain)), log_(std::move(log)) {}
  bool send(const Email& e, int64_t now, std::string& error) override {
    const std::string name = unique_name("eml");
    if (!write_file_atomically(dir_, name, build_mime(e, now, domain_), error)) return false;
    if (log_) log_("mail to " + e.to + " in outbox " + name + ":" + links_of(e.text));
    return true;
  }

 private:
  std::string dir_, domain_;
  LogLine log_;
};

struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t read_upload(char* buffer, size_t size, size_t nitems, void* user) {
  auto* u = static_cast<Upload*>(user);
  const size_t n = std::min(size * nitems, u->data->size() - u->offset);
  std::memcpy(buffer, u->data->data() + u->offset, n);
  u->offset += n;
  return n;
}

size_t discard(char*, size_t size, size_t nitems, void*) { return size * nitems; }

class SmtpMailer final : public Mailer {
 public:
  SmtpMailer(std::string url, std::string domain) : url_(std::move(url)), domain_(std::move(domain)) { curl_global(); }
  bool send(const Email& e, int64_t now, std::string& error) override {
    const std::string bytes = build_mime(e, now, domain_);
    CURL* curl = curl_easy_init();
    if (!curl) {
      error = "curl_easy_init failed";
      return false;
    }
    Upload upload{&bytes};
    curl_slist* rcpt = curl_slist_append(nullptr, ("<" + e.to + ">").c_str());
    const std::string from = "<" + address_of(e.from) + ">";
    curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    // smtp:// must upgrade with STARTTLS, except on loopback (a local relay or a test server).
    if (url_.rfind("smtp://", 0) == 0)
      curl_easy_setopt(curl, CURLOPT_USE_SSL, is_loopback_url(url_) ? CURLUSESSL_TRY : CURLUSESSL_ALL);
    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK) {
      error = std::string("SMTP: ") + curl_easy_strerror(rc);
      return false;
    }
    return true;
  }

 private:
  std::string url_, domain_;
};

class OutboxSms final : public SmsSender {
 public:
  OutboxSms(std::string dir, LogLine log) : dir_(std::move(dir)), log_(std::move(log)) {}
  bool send(const Sms& s, std::string& error) override {
    const std::string name = unique_name("sms");
    const std::string body = "To: " + s.to + "\n\n" + s.text + "\n";
    if (!write_file_atomically(dir_, name, body, error)) return false;
    if (log_) log_("SMS to " + s.to + " in outbox " + name);
    return true;
  }

 private:
  std::string dir_;
  LogLine log_;
};

class HttpSms final : public SmsSender {
 public:
  explicit HttpSms(std::string url) : url_(std::move(url)) { curl_global(); }
  bool send(const Sms& s, std::string& error) override {
    const std::string body = nlohmann::json{{"to", s.to}, {"text", s.text}}.dump();
    CURL* curl = curl_easy_init();
    if (!curl) {
      error = "curl_easy_init failed";
      return false;
    }
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 15L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    const CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK) {
      error = std::string("SMS gateway: ") + curl_easy_strerror(rc);
      return false;
    }
    if (status < 200 || status > 299) {
      error = "SMS gateway answered HTTP " + std::to_string(status);
      return false;
    }
    return true;
  }

 private:
  std::string url_;
};

}  // namespace

bool write_file_atomically(const std::string& dir, const std::string& name, const std::string& bytes,
                           std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string tmp = dir + "/.tmp-" + name;
  const std::string final_path = dir + "/" + name;
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = "cannot write " + tmp;
    return false;
  }
  size_t off = 0;
  while (off < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n <= 0) {
      ::close(fd);
      ::unlink(tmp.c_str());
      error = "cannot write " + tmp;
      return false;
    }
    off += static_cast<size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  if (::rename(tmp.c_str(), final_path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    error = "cannot rename " + tmp;
    return false;
  }
  return true;
}

std::unique_ptr<Mailer> make_outbox_mailer(const std::string& dir, const std::string& domain, LogLine log) {
  return std::make_unique<OutboxMailer>(dir, domain, std::move(log));
}
std::unique_ptr<Mailer> make_smtp_mailer(const std::string& url, const std::string& domain) {
  return std::make_unique<SmtpMailer>(url, domain);
}
std::unique_ptr<SmsSender> make_outbox_sms(const std::string& dir, LogLine log) {
  return std::make_unique<OutboxSms>(dir, std::move(log));
}
std::unique_ptr<SmsSender> make_http_sms(const std::string& url) { return std::make_unique<HttpSms>(url); }

}  // namespace server::mail
