// portal-admin: the supplier's command line. Another face of the server's services (the same
// rules hold on both paths): it wires the store like portal-server does and runs no SQL and no
// rule of its own. Errors go to stderr as FILE:LINE: code message; exit 1, nothing applied.
//
//   portal-admin [--db PATH|URL] [--data-dir DIR] [--assets DIR] import-contracts FILE.csv
//   portal-admin ... import-readings FILE.csv
//   portal-admin ... import-invoices FILE.csv
//   portal-admin ... export-readings --operator CODE --from YYYY-MM-DD --to YYYY-MM-DD
//   portal-admin [--mail-from ADDR] [--public-url URL] ... answer-question ID TEXT|-
//   portal-admin [--db PATH] backup FILE        (SQLite, while portal-server runs)
//   portal-admin [--db PATH] restore FILE       (SQLite, portal-server stopped)
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/energy.h"
#include "server/clock.h"
#include "server/config.h"
#include "server/mail/composer.h"
#include "server/services/contracts.h"
#include "server/services/invoices.h"
#include "server/services/questions.h"
#include "server/services/registry.h"
#include "server/services/throttles.h"
#include "server/storage/migrations.h"
#include "server/storage/sqlite_backup.h"

#ifndef PORTAL_DEFAULT_ASSETS
#define PORTAL_DEFAULT_ASSETS "assets"
#endif

namespace {

const char* kUsage =
    "usage: portal-admin [--db PATH|postgresql://...] [--data-dir DIR] [--assets DIR]\n"
    "                    [--mail-from ADDR] [--public-url URL] [--] COMMAND\n"
    "  import-contracts FILE.csv\n"
    "  import-readings FILE.csv\n"
    "  import-invoices FILE.csv\n"
    "  export-readings --operator CODE --from YYYY-MM-DD --to YYYY-MM-DD   (CSV to stdout)\n"
    "  answer-question ID TEXT    answers a customer's question and mails it (TEXT - reads stdin);\n"
    "                             --mail-from and --public-url as given to portal-server\n"
    "  backup FILE                a consistent copy of the SQLite database, made while portal-server runs\n"
    "  restore FILE               puts a backup in place of the SQLite database (portal-server stopped)\n";

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

int report_issues(const std::string& file, const server::services::ImportReport& r) {
  for (const auto& i : r.issues)
    std::fprintf(stderr, "%s:%d: %s %s\n", file.c_str(), i.line, i.code.c_str(), i.message.c_str());
  return r.ok() ? 0 : 1;
}

// For people, English: what each refusal of answer-question means.
std::string answer_refusal(const core::Error& e, const std::string& id) {
  namespace codes = core::codes;
  if (e.code == codes::not_found) return "no question with id " + id;
  if (e.code == codes::question_already_answered) return "question " + id + " was answered before; that answer stays";
  if (e.code == codes::field_required) return "the answer is empty";
  if (e.code == codes::field_invalid_characters) return "the answer holds control characters or invalid UTF-8";
  if (e.code == codes::field_too_long) return "the answer is over " + e.params.value("max_length", nlohmann::json()).dump() + " characters";
  return "refused";
}

// answer-question ID TEXT: the answer is stored and the customer's mail queued in one transaction;
// the running portal-server's dispatcher delivers it (the queue is in the shared database).
int answer_question(server::storage::Database& db, const core::OperatorCatalog& operators, const std::string& assets,
                    const std::string& mail_from, const std::string& public_url, const std::string& id,
                    std::string text) {
  if (text == "-") {
    std::stringstream in;
    in << std::cin.rdbuf();
    text = in.str();
  }
  std::string error;
  server::mail::Composer composer;
  if (!composer.load(assets, error)) {
    std::fprintf(stderr, "portal-admin: %s\n", error.c_str());
    return 1;
  }
  composer.set_sender(mail_from, public_url);
  const server::Clock clock;
  const server::services::AbuseLimits limits;
  server::services::Throttles throttles(db, clock);
  server::services::ContractService contracts(db, operators, throttles, limits, clock);
  server::services::QuestionService questions(db, contracts, throttles, limits, composer, clock, "", nullptr);
  auto r = questions.answer(id, text);
  if (!r.good()) {
    for (const auto& e : r.outcome.errors)
      std::fprintf(stderr, "answer-question:0: %s %s\n", e.code.c_str(), answer_refusal(e, id).c_str());
    return 1;
  }
  std::fprintf(stdout, "question %s answered; the answer is mailed to the customer\n", r.value.id.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const server::ServerConfig server_defaults;  // mails are sent as portal-server's defaults say
  std::string db_path, data_dir = "var", assets = PORTAL_DEFAULT_ASSETS;
  std::string mail_from = server_defaults.mail_from, public_url = server::effective_public_url(server_defaults);
  std::vector<std::string> args;
  bool options_end = false;  // after "--" every word is the command's (an answer may start with "--")
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (options_end || a == "--") {
      if (options_end) args.push_back(a);
      options_end = true;
      continue;
    }
    auto value = [&](std::string& target) {
      if (i + 1 >= argc) return false;
      target = argv[++i];
      return true;
    };
    if (a == "--db") {
      if (!value(db_path)) return std::fputs(kUsage, stderr), 2;
    } else if (a == "--data-dir") {
      if (!value(data_dir)) return std::fputs(kUsage, stderr), 2;
    } else if (a == "--assets") {
      if (!value(assets)) return std::fputs(kUsage, stderr), 2;
    } else if (a == "--mail-from") {
      if (!value(mail_from)) return std::fputs(kUsage, stderr), 2;
    } else if (a == "--public-url") {
      if (!value(public_url)) return std::fputs(kUsage, stderr), 2;
      while (!public_url.empty() && public_url.back() == '/') public_url.pop_back();
    } else if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    } else {
      args.push_back(a);
    }
  }
  if (args.empty()) return std::fputs(kUsage, stderr), 2;
  if (db_path.empty()) db_path = data_dir + "/portal.db";

  // Backups copy the database file as it is: nothing is opened or migrated before.
  if ((args[0] == "backup" || args[0] == "restore") && args.size() == 2) {
    if (db_path.rfind("postgresql://", 0) == 0 || db_path.rfind("postgres://", 0) == 0) {
      std::fprintf(stderr, "portal-admin: %s is for SQLite; back up PostgreSQL with pg_dump -Fc and restore with "
                           "pg_restore (docs/operations.md)\n", args[0].c_str());
      return 1;
    }
    std::string failure;
    const bool ok = args[0] == "backup"
                        ? server::storage::backup_sqlite(db_path, args[1], failure)
                        : server::storage::restore_sqlite(args[1], db_path, server::storage::known_schema_version(),
                                                          failure);
    if (!ok) {
      std::fprintf(stderr, "portal-admin: %s: %s\n", args[0].c_str(), failure.c_str());
      return 1;
    }
    std::fprintf(stdout, args[0] == "backup" ? "%s: backed up to %s\n" : "%s: restored from %s\n", db_path.c_str(),
                 args[1].c_str());
    return 0;
  }

  std::string text, error;
  core::OperatorCatalog operators;
  if (!read_file(assets + "/operators.json", text) || !operators.load(text, error)) {
    std::fprintf(stderr, "portal-admin: cannot load %s/operators.json %s\n", assets.c_str(), error.c_str());
    return 1;
  }
  std::unique_ptr<server::storage::Database> db;
  try {
    db = server::storage::open_database(db_path);
    server::storage::migrate(*db);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "portal-admin: %s\n", e.what());
    return 1;
  }
  server::services::RegistryService registry(*db, operators);

  const std::string& command = args[0];
  if ((command == "import-contracts" || command == "import-readings" || command == "import-invoices") &&
      args.size() == 2) {
    const std::string& file = args[1];
    if (!read_file(file, text)) {
      std::fprintf(stderr, "%s:0: file.unreadable cannot read the file\n", file.c_str());
      return 1;
    }
    server::services::ImportReport r;
    if (command == "import-contracts") {
      r = registry.import_contracts(text);
    } else if (command == "import-readings") {
      r = registry.import_readings(text);
    } else {
      // No PDF is drawn here: the supplier's header is only read by portal-server.
      const server::Clock clock;
      const server::services::AbuseLimits limits;
      server::services::Throttles throttles(*db, clock);
      server::services::ContractService contracts(*db, operators, throttles, limits, clock);
      const server::services::InvoicePdf renderer;
      r = server::services::InvoiceService(*db, contracts, renderer, {}, clock).import_invoices(text);
    }
    if (report_issues(file, r) != 0) return 1;
    std::fprintf(stdout, "%s: %d rows applied\n", file.c_str(), r.rows);
    return 0;
  }
  if (command == "export-readings") {
    std::string op, from, to;
    for (size_t i = 1; i + 1 < args.size(); i += 2) {
      if (args[i] == "--operator") op = args[i + 1];
      else if (args[i] == "--from") from = args[i + 1];
      else if (args[i] == "--to") to = args[i + 1];
      else return std::fputs(kUsage, stderr), 2;
    }
    if (args.size() != 7 || op.empty() || from.empty() || to.empty()) return std::fputs(kUsage, stderr), 2;
    std::string csv;
    auto r = registry.export_readings(op, from, to, csv);
    if (report_issues("export-readings", r) != 0) return 1;
    std::fwrite(csv.data(), 1, csv.size(), stdout);
    return 0;
  }
  if (command == "answer-question" && args.size() == 3)
    return answer_question(*db, operators, assets, mail_from, public_url, args[1], args[2]);
  std::fputs(kUsage, stderr);
  return 2;
}
