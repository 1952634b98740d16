// The server's settings: one struct, the default written beside every field (hello_imgui style).
// Every flag of API.md "Operations interface" is here; serve.py passes them through unchanged.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace server {

// An IPv4 or IPv6 network, e.g. 10.0.0.0/8 or ::1/128 (for --trusted-proxy).
struct Cidr {
  unsigned char addr[16] = {};  // address in IPv6 form (IPv4 mapped as ::ffff:a.b.c.d)
  int prefix = 128;             // prefix length in the IPv6 form
};
bool parse_cidr(const std::string& text, Cidr& out);
bool cidr_contains(const Cidr& net, const std::string& address);  // address: textual IPv4/IPv6

struct ServerConfig {
  std::string host = "127.0.0.1";       // --host: address to listen on
  int port = 8080;                      // --port
  std::string data_dir = "var";         // --data-dir: SQLite file, outbox, runtime files
  std::string db;                       // --db: SQLite path or postgresql:// URL; "" = {data_dir}/portal.db
  std::string public_url;               // --public-url: base of mailed links; "" = http://localhost:{port}
  std::string smtp_url;                 // --smtp-url: smtps:// (TLS) or smtp:// (STARTTLS); "" = outbox
  std::string mail_from = "Moj portal <no-reply@localhost>";  // --mail-from
  std::string support_email;            // --support-email: where customers' questions go; "" = branding's support_email
  std::string outbox;                   // --outbox: "" = {data_dir}/outbox
  std::string sms_url;                  // --sms-url: HTTP SMS gateway; "" = .sms files in the outbox
  std::string rate_limits;              // --rate-limits: JSON file overriding the abuse limits
  std::vector<Cidr> trusted_proxies;    // --trusted-proxy CIDR (repeatable): X-Forwarded-For honoured from these
  bool demo = false;                    // --demo: load the demo data set into an empty database
  bool dev = false;                     // --dev: development mode (honours PORTAL_NOW)
  std::string web_root;                 // --web-root: the built web bundle; "" = compiled-in build path
  std::string assets_dir;               // --assets: operators, windows, i18n, branding; "" = compiled-in
  std::string common_passwords;         // --common-passwords: the list written at build time; "" = compiled-in
  int threads = 32;                     // --threads: handler threads (database, hashing, mail: blocking work)
  int io_threads = 0;                   // --io-threads: event-loop threads for the connections; 0 = the cores
  int header_timeout_s = 30;            // --header-timeout: a request's header must arrive within this
  int keep_alive_s = 5;                 // --keep-alive-timeout: an idle kept-alive connection is closed after this
  int shutdown_grace_s = 10;            // --shutdown-grace: SIGTERM waits this long for requests in flight
  int max_connections_per_address = 256;  // --max-connections-per-address: open connections of one peer (0: no cap)
  int hash_concurrency = 1;             // --hash-concurrency: argon2id hashes at once (keeps a core free)
  unsigned argon2_ops = 2;              // --argon2-ops: argon2id passes (t)
  unsigned argon2_mem_kib = 65536;      // --argon2-mem-kib: argon2id memory (m), KiB
  int retry_seconds = 30;               // --retry-seconds: first back-off of a failed delivery (doubles)
  std::string now_override;             // PORTAL_NOW from the environment (only used with --dev)
};

// Parses argv into `out`. On a bad flag returns false and writes a one-line message to `error`.
bool parse_args(int argc, char** argv, ServerConfig& out, std::string& error);
std::string usage();

// Values derived from the flags after parsing.
std::string effective_db(const ServerConfig& c);          // --db or {data_dir}/portal.db
std::string effective_public_url(const ServerConfig& c);  // --public-url without a trailing slash
std::string effective_outbox(const ServerConfig& c);      // --outbox or {data_dir}/outbox
bool cookies_secure(const ServerConfig& c);               // public URL is https

}  // namespace server
