// portal-server: configuration and wiring only. Reads top to bottom:
//   1. settings  2. clock  3. storage  4. rules data  5. mail  6. services  7. HTTP  8. run
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/account_rules.h"
#include "core/calendar.h"
#include "core/energy.h"
#include "server/clock.h"
#include "server/config.h"
#include "server/http/server.h"
#include "server/jobs/dispatcher.h"
#include "server/jobs/housekeeping.h"
#include "server/mail/composer.h"
#include "server/mail/senders.h"
#include "server/services/accounts.h"
#include "server/services/content.h"
#include "server/services/contracts.h"
#include "server/services/demo.h"
#include "server/services/invoices.h"
#include "server/services/readings.h"
#include "server/services/reminders.h"
#include "server/services/password_hasher.h"
#include "server/services/questions.h"
#include "server/services/file_mail.h"
#include "server/services/throttles.h"
#include "server/storage/migrations.h"

namespace {

int fail(const std::string& message) {
  std::fprintf(stderr, "portal-server: %s\n", message.c_str());
  return 1;
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path);
  if (!in) return false;
  std::stringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

// "Moj portal <no-reply@localhost>" -> "localhost": the domain of Message-IDs.
std::string domain_of(const std::string& from) {
  const std::string addr = server::mail::address_of(from);
  const auto at = addr.find('@');
  return at == std::string::npos ? "localhost" : addr.substr(at + 1);
}

}  // namespace

int main(int argc, char** argv) {
  // 1. Settings
  server::ServerConfig config;
  std::string error;
  if (!server::parse_args(argc, argv, config, error)) {
    if (error == "help") {
      std::fputs(server::usage().c_str(), stdout);
      return 0;
    }
    std::fprintf(stderr, "portal-server: %s\n%s", error.c_str(), server::usage().c_str());
    return 2;
  }
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  server::http::AccessLog log(stdout);
  auto log_line = [&log](const std::string& s) { log.line(s); };
  server::services::AbuseLimits limits;
  if (!config.rate_limits.empty() && !server::services::load_abuse_limits(config.rate_limits, limits, error))
    return fail(error);

  // 2. Clock: PORTAL_NOW only with --dev (a test clock must never reach production)
  server::Clock clock;
  if (!config.now_override.empty()) {
    int64_t start = 0;
    if (!config.dev) {
      log.line("PORTAL_NOW is ignored without --dev");
    } else if (!core::parse_instant(config.now_override, start)) {
      return fail("PORTAL_NOW is not an ISO 8601 time with an offset: " + config.now_override);
    } else {
      clock = server::Clock(start);
      log.line("test clock: PORTAL_NOW=" + config.now_override);
    }
  }

  // 3. Storage
  std::unique_ptr<server::storage::Database> db;
  try {
    db = server::storage::open_database(server::effective_db(config));
    server::storage::migrate(*db);
  } catch (const std::exception& e) {
    return fail(e.what());
  }

  // 4. Rules data
  core::CommonPasswords common;
  std::string text;
  if (!read_file(config.common_passwords, text))
    return fail("cannot read the common-password list " + config.common_passwords +
                " (built by the native build; or pass --common-passwords FILE)");
  common.load(text);
  if (common.size() < 10000) return fail("the common-password list has fewer than 10,000 entries");
  core::OperatorCatalog operators;
  if (!read_file(config.assets_dir + "/operators.json", text) || !operators.load(text, error))
    return fail("cannot load " + config.assets_dir + "/operators.json: " + error);

  // 5. Mail: SMTP when configured, else the outbox folder; SMS likewise
  server::mail::Composer composer;
  if (!composer.load(config.assets_dir, error)) return fail(error);
  // Customers' questions go to --support-email, else to the branding's support_email.
  std::string support_email = config.support_email;
  if (support_email.empty() && !core::check_email(composer.support_email(), support_email).empty())
    return fail("no address for customers' questions: set support_email in " + config.assets_dir +
                "/branding.json or pass --support-email ADDR");
  const std::string outbox = server::effective_outbox(config);
  auto mailer = config.smtp_url.empty()
                    ? server::mail::make_outbox_mailer(outbox, domain_of(config.mail_from), log_line)
                    : server::mail::make_smtp_mailer(config.smtp_url, domain_of(config.mail_from));
  auto sms = config.sms_url.empty() ? server::mail::make_outbox_sms(outbox, log_line)
                                    : server::mail::make_http_sms(config.sms_url);
  server::jobs::Dispatcher dispatcher(*db, clock, std::move(mailer), std::move(sms), log_line, config.retry_seconds);

  // 6. Services
  server::services::PasswordHasher hasher({config.argon2_ops, config.argon2_mem_kib}, config.hash_concurrency);
  server::services::Throttles throttles(*db, clock);
  server::services::AccountService accounts(*db, hasher, throttles, limits, composer, clock, common, {},
                                            [&dispatcher] { dispatcher.notify(); });
  server::services::ContractService contracts(*db, operators, throttles, limits, clock);
  server::services::ReadingService readings(*db, contracts, accounts, clock);
  server::services::ReminderService reminders(*db, operators, composer, clock, [&dispatcher] { dispatcher.notify(); });
  server::services::QuestionService questions(*db, contracts, throttles, limits, composer, clock, support_email,
                                              [&dispatcher] { dispatcher.notify(); });
  server::services::ContentService content(config.assets_dir + "/content", operators);
  server::services::InvoiceSupplier supplier;
  if (!server::services::load_invoice_supplier(config.assets_dir, supplier, error)) return fail(error);
  const server::services::InvoicePdf invoice_pdf;
  server::services::InvoiceService invoices(*db, contracts, invoice_pdf, supplier, clock);
  if (const std::string family = invoice_pdf.font_family(); family != "Inter")
    log.line("invoice PDFs: the font Inter is not installed (Debian fonts-inter); they fall back to \"" + family +
             "\"");
  server::services::FileMailService file_mail(*db, throttles, limits, composer, clock,
                                              [&dispatcher] { dispatcher.notify(); });
  server::jobs::Periodic reminder_job([&reminders] { reminders.run_once(); }, 60);
  if (config.demo) {
    if (server::cookies_secure(config)) return fail("--demo is refused when --public-url is https");
    try {
      auto demo = server::services::load_demo(*db, operators, hasher, clock);
      log.line(demo.loaded ? "demo data loaded: " + std::to_string(demo.contracts) + " contracts, " +
                                 std::to_string(demo.readings) + " readings, " + std::to_string(demo.invoices) +
                                 " invoices; log in as " + server::services::kDemoEmail + " / " +
                                 server::services::kDemoPassword
                           : std::string("demo data not loaded: the database is not empty"));
    } catch (const std::exception& e) {
      return fail(std::string("cannot load the demo data: ") + e.what());
    }
  }
  server::jobs::Periodic housekeeping([&accounts] { accounts.purge_expired(); }, 600);

  // 7. HTTP
  server::http::StaticFiles files;
  if (!files.load(config.web_root, error)) return fail(error);
  server::http::HttpServer http({config, *db, files, log, clock, accounts, contracts, readings, reminders, questions,
                                     invoices, content, file_mail});
  if (!http.bind(error)) return fail(error);
  if (config.port == 0) config.port = http.port();  // links in mails name the port really bound
  composer.set_sender(config.mail_from, server::effective_public_url(config));
  std::signal(SIGPIPE, SIG_IGN);  // SIGTERM and SIGINT: the HTTP layer stops gracefully

  // 8. Run
  dispatcher.start();
  housekeeping.start();
  reminder_job.start();
  log.line("portal-server " + std::string(db->kind()) + " database, " + std::to_string(files.size()) +
           " web files, mail " + (config.smtp_url.empty() ? "to the outbox " + outbox : "by SMTP") +
           ", listening on http://" + config.host + ":" + std::to_string(http.port()) +
           (config.dev ? " (dev)" : ""));
  http.serve();
  log.line("portal-server stopped");
  reminder_job.stop();
  housekeeping.stop();
  dispatcher.stop();
  return 0;
}
