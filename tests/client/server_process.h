// A real portal-server for the client's native state and api tests: started on a free port with
// its own data folder and test clock, the supplier's registry imported with portal-admin, and
// the mail outbox read back.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace test {

inline std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline int run_command(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid;
  posix_spawn_file_actions_t fa;  // its "N rows applied" is not the test's output
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class ServerProcess {
 public:
  // now: PORTAL_NOW for --dev; contracts/readings/invoices: CSV rows for portal-admin.
  ServerProcess(const std::string& now, const std::vector<std::string>& contracts,
                const std::vector<std::string>& readings, const std::vector<std::string>& invoices = {}) {
    dir_ = std::filesystem::temp_directory_path() / ("portal-client-" + std::to_string(::getpid()) + "-" +
                                                     std::to_string(counter()++));
    std::filesystem::create_directories(dir_);
    const std::string db = (dir_ / "portal.db").string();
    if (!contracts.empty()) import("import-contracts",
                                   "contract_number,metering_point,gsrn,energy,operator,street,city,postal_code,"
                                   "registers,meter_digits,customer_name,valid_from,valid_to",
                                   contracts, db);
    if (!readings.empty()) import("import-readings", "metering_point,date,register,value,source", readings, db);
    if (!invoices.empty())
      import("import-invoices",
             "number,contract_number,period_from,period_to,issued_on,due_on,amount_eur,status,consumption_kwh",
             invoices, db);
    const std::string log = (dir_ / "server.log").string();
    std::vector<std::string> args = {PORTAL_SERVER_BIN, "--host", "127.0.0.1", "--port", "0", "--data-dir",
                                     dir_.string(), "--dev", "--argon2-ops", "1", "--argon2-mem-kib", "8192",
                                     "--web-root", PORTAL_WEB_ROOT};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e)
      if (std::string(*e).rfind("PORTAL_NOW=", 0) != 0) env_strings.emplace_back(*e);
    env_strings.push_back("PORTAL_NOW=" + now);
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    if (posix_spawn(&pid_, argv[0], &fa, nullptr, argv.data(), envp.data()) != 0)
      throw std::runtime_error("cannot start portal-server");
    posix_spawn_file_actions_destroy(&fa);
    const std::regex listening("listening on http://[^:]+:(\\d+)");
    for (int i = 0; i < 400 && port_ == 0; ++i) {
      std::smatch m;
      const std::string text = read_all(log);
      if (std::regex_search(text, m, listening)) port_ = std::stoi(m[1]);
      else std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    if (port_ == 0) throw std::runtime_error("portal-server did not start: " + read_all(log));
  }
  ~ServerProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status;
      waitpid(pid_, &status, 0);
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // The newest token of a mailed link to `to` containing `path` ("/activate?token="), waiting for it.
  // A whole message in the outbox: the server writes ".tmp-<name>" and renames it when complete
  // (API.md), so a half-written file is never read.
  static bool delivered(const std::filesystem::path& p, const char* ext) {
    return p.extension() == ext && p.filename().string().rfind(".tmp-", 0) != 0;
  }

  std::string mailed_token(const std::string& to, const std::string& path, int count = 1) const {
    for (int i = 0; i < 200; ++i) {
      std::vector<std::string> tokens;
      std::error_code ec;
      std::vector<std::filesystem::path> files;
      for (auto& e : std::filesystem::directory_iterator(dir_ / "outbox", ec))
        if (delivered(e.path(), ".eml")) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        const std::string mail = read_all(f.string());
        if (mail.find("To: " + to + "\r\n") == std::string::npos) continue;
        const auto p = mail.find(path);
        if (p == std::string::npos) continue;
        const auto start = p + path.size();
        tokens.push_back(mail.substr(start, mail.find_first_of("\r\n", start) - start));
      }
      if (static_cast<int>(tokens.size()) >= count) return tokens.back();
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    throw std::runtime_error("no mail to " + to + " with " + path);
  }

  // The newest SMS code sent to a number.
  std::string sms_code() const {
    for (int i = 0; i < 200; ++i) {
      std::error_code ec;
      std::vector<std::filesystem::path> files;
      for (auto& e : std::filesystem::directory_iterator(dir_ / "outbox", ec))
        if (delivered(e.path(), ".sms")) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      if (!files.empty()) {
        std::smatch m;
        const std::string text = read_all(files.back().string());
        if (std::regex_search(text, m, std::regex("\\b(\\d{6})\\b"))) return m[1];
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    throw std::runtime_error("no SMS code");
  }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  void import(const char* what, const std::string& header, const std::vector<std::string>& rows,
              const std::string& db) {
    const std::string csv = (dir_ / (std::string(what) + ".csv")).string();
    std::ofstream out(csv);
    out << header << "\n";
    for (const auto& r : rows) out << r << "\n";
    out.close();
    if (run_command({PORTAL_ADMIN_BIN, "--db", db, what, csv}) != 0)
      throw std::runtime_error(std::string(what) + " failed");
  }
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace test
