#include "server/config.h"

#include <arpa/inet.h>

#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>

#include "core/account_rules.h"

#ifndef PORTAL_DEFAULT_WEB_ROOT
#define PORTAL_DEFAULT_WEB_ROOT "web"
#endif
#ifndef PORTAL_DEFAULT_COMMON_PASSWORDS
#define PORTAL_DEFAULT_COMMON_PASSWORDS "common-passwords.txt"
#endif
#ifndef PORTAL_DEFAULT_ASSETS
#define PORTAL_DEFAULT_ASSETS "assets"
#endif

namespace server {

bool parse_cidr(const std::string& text, Cidr& out) {
  std::string addr = text;
  int prefix = -1;
  auto slash = text.find('/');
  if (slash != std::string::npos) {
    addr = text.substr(0, slash);
    const std::string p = text.substr(slash + 1);
    if (p.empty() || p.size() > 3 || p.find_first_not_of("0123456789") != std::string::npos) return false;
    prefix = std::atoi(p.c_str());
  }
  in_addr v4{};
  in6_addr v6{};
  if (inet_pton(AF_INET, addr.c_str(), &v4) == 1) {
    if (prefix > 32) return false;
    std::memset(out.addr, 0, 10);
    out.addr[10] = out.addr[11] = 0xff;
    std::memcpy(out.addr + 12, &v4, 4);
    out.prefix = 96 + (prefix < 0 ? 32 : prefix);
    return true;
  }
  if (inet_pton(AF_INET6, addr.c_str(), &v6) == 1) {
    if (prefix > 128) return false;
    std::memcpy(out.addr, &v6, 16);
    out.prefix = prefix < 0 ? 128 : prefix;
    return true;
  }
  return false;
}

bool cidr_contains(const Cidr& net, const std::string& address) {
  Cidr host;
  if (!parse_cidr(address, host)) return false;
  int bits = net.prefix;
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const unsigned char mask = bits >= 8 ? 0xff : static_cast<unsigned char>(0xff << (8 - bits));
    if ((net.addr[i] & mask) != (host.addr[i] & mask)) return false;
  }
  return true;
}

std::string usage() {
  return "usage: portal-server [--host ADDR] [--port N] [--db PATH|postgresql://...] [--data-dir DIR]\n"
         "  [--public-url URL] [--smtp-url smtps://...|smtp://...] [--mail-from ADDR] [--support-email ADDR]\n"
         "  [--outbox DIR] [--sms-url URL] [--rate-limits FILE] [--trusted-proxy CIDR]... [--demo] [--dev]\n"
         "  [--web-root DIR] [--assets DIR] [--common-passwords FILE] [--threads N] [--hash-concurrency N]\n"
         "  [--argon2-ops N] [--argon2-mem-kib N] [--retry-seconds N] [--io-threads N] [--header-timeout S]\n"
         "  [--keep-alive-timeout S] [--shutdown-grace S] [--max-connections-per-address N]\n"
         "environment: PORTAL_NOW=2026-11-28T09:00:00+01:00 sets the clock at start (with --dev only)\n";
}

namespace {

bool parse_int(const std::string& s, long lo, long hi, long& out) {
  if (s.empty() || s.size() > 10 || s.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::atol(s.c_str());
  return out >= lo && out <= hi;
}

}  // namespace

bool parse_args(int argc, char** argv, ServerConfig& c, std::string& error) {
  using Setter = std::function<bool(const std::string&)>;
  auto text = [](std::string& field) -> Setter {
    return [&field](const std::string& v) { field = v; return true; };
  };
  auto number = [](auto& field, long lo, long hi) -> Setter {
    return [&field, lo, hi](const std::string& v) {
      long n = 0;
      if (!parse_int(v, lo, hi, n)) return false;
      field = static_cast<std::remove_reference_t<decltype(field)>>(n);
      return true;
    };
  };
  const std::map<std::string, Setter> valued = {
      {"--host", text(c.host)},
      {"--port", number(c.port, 0, 65535)},
      {"--data-dir", text(c.data_dir)},
      {"--db", text(c.db)},
      {"--public-url", [&c](const std::string& v) {
         if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0) return false;
         c.public_url = v;
         return true;
       }},
      {"--smtp-url", [&c](const std::string& v) {
         if (v.rfind("smtp://", 0) != 0 && v.rfind("smtps://", 0) != 0) return false;
         c.smtp_url = v;
         return true;
       }},
      {"--mail-from", text(c.mail_from)},
      {"--support-email", [&c](const std::string& v) {
         std::string address;
         if (!core::check_email(v, address).empty()) return false;
         c.support_email = address;
         return true;
       }},
      {"--outbox", text(c.outbox)},
      {"--sms-url", [&c](const std::string& v) {
         if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0) return false;
         c.sms_url = v;
         return true;
       }},
      {"--rate-limits", text(c.rate_limits)},
      {"--trusted-proxy", [&c](const std::string& v) {
         Cidr net;
         if (!parse_cidr(v, net)) return false;
         c.trusted_proxies.push_back(net);
         return true;
       }},
      {"--web-root", text(c.web_root)},
      {"--assets", text(c.assets_dir)},
      {"--common-passwords", text(c.common_passwords)},
      {"--threads", number(c.threads, 2, 1024)},
      {"--io-threads", number(c.io_threads, 0, 256)},
      {"--header-timeout", number(c.header_timeout_s, 1, 600)},
      {"--keep-alive-timeout", number(c.keep_alive_s, 1, 3600)},
      {"--shutdown-grace", number(c.shutdown_grace_s, 0, 3600)},
      {"--max-connections-per-address", number(c.max_connections_per_address, 0, 1000000)},
      {"--retry-seconds", number(c.retry_seconds, 1, 3600)},
      {"--hash-concurrency", number(c.hash_concurrency, 1, 64)},
      {"--argon2-ops", number(c.argon2_ops, 1, 16)},
      {"--argon2-mem-kib", number(c.argon2_mem_kib, 8, 4 * 1024 * 1024)},
  };
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    bool has_value = false;
    auto eq = arg.find('=');
    if (arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      has_value = true;
    }
    if (arg == "--demo" || arg == "--dev") {
      if (has_value) {
        error = arg + " takes no value";
        return false;
      }
      (arg == "--demo" ? c.demo : c.dev) = true;
      continue;
    }
    if (arg == "--help" || arg == "-h") {
      error = "help";
      return false;
    }
    auto it = valued.find(arg);
    if (it == valued.end()) {
      error = "unknown flag " + arg;
      return false;
    }
    if (!has_value) {
      if (i + 1 >= argc) {
        error = arg + " needs a value";
        return false;
      }
      value = argv[++i];
    }
    if (!it->second(value)) {
      error = "bad value for " + arg + ": " + value;
      return false;
    }
  }
  if (c.web_root.empty()) c.web_root = PORTAL_DEFAULT_WEB_ROOT;
  if (c.assets_dir.empty()) c.assets_dir = PORTAL_DEFAULT_ASSETS;
  if (c.common_passwords.empty()) c.common_passwords = PORTAL_DEFAULT_COMMON_PASSWORDS;
  if (const char* now = std::getenv("PORTAL_NOW")) c.now_override = now;
  return true;
}

std::string effective_db(const ServerConfig& c) {
  return c.db.empty() ? c.data_dir + "/portal.db" : c.db;
}

std::string effective_public_url(const ServerConfig& c) {
  std::string url = c.public_url.empty() ? "http://localhost:" + std::to_string(c.port) : c.public_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string effective_outbox(const ServerConfig& c) {
  return c.outbox.empty() ? c.data_dir + "/outbox" : c.outbox;
}

bool cookies_secure(const ServerConfig& c) { return c.public_url.rfind("https://", 0) == 0; }

}  // namespace server
