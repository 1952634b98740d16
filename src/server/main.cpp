// portal-server: configuration and wiring only. Reads top to bottom:
//   1. settings  2. storage  3. web bundle  4. HTTP  5. run until a signal
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "server/config.h"
#include "server/http/server.h"
#include "server/storage/migrations.h"

namespace {

server::http::HttpServer* g_server = nullptr;

void on_signal(int) {
  if (g_server) g_server->stop();
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

  // 2. Storage
  std::unique_ptr<server::storage::Database> db;
  try {
    db = server::storage::open_database(server::effective_db(config));
    server::storage::migrate(*db);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "portal-server: %s\n", e.what());
    return 1;
  }

  // 3. Web bundle
  server::http::StaticFiles files;
  if (!files.load(config.web_root, error)) {
    std::fprintf(stderr, "portal-server: %s\n", error.c_str());
    return 1;
  }

  // 4. HTTP
  server::http::HttpServer http({config, *db, files, log});
  if (!http.bind(error)) {
    std::fprintf(stderr, "portal-server: %s\n", error.c_str());
    return 1;
  }
  g_server = &http;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::signal(SIGPIPE, SIG_IGN);
  log.line("portal-server " + std::string(db->kind()) + " database, " + std::to_string(files.size()) +
           " web files, listening on http://" + config.host + ":" + std::to_string(http.port()) +
           (config.dev ? " (dev)" : ""));

  // 5. Run
  http.serve();
  g_server = nullptr;
  return 0;
}
