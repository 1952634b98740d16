// The throughput benchmark's second reference: Debian's cpp-httplib with the portal's settings
// (TCP_NODELAY, a pool of 96 threads, long keep-alive, backlog 1024) serving one file from memory
// with no other work. It shows what the HTTP layer alone costs on this machine, beside nginx.
// Usage: httplib-floor PORT FILE
#include <httplib.h>
#include <sys/socket.h>

#include <fstream>
#include <sstream>

class Floor : public httplib::Server {
 public:
  void widen_backlog() { ::listen(svr_sock_, 1024); }
};

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  std::ifstream in(argv[2], std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  const std::string body = s.str();
  Floor svr;
  svr.new_task_queue = [] { return new httplib::ThreadPool(96); };
  svr.set_tcp_nodelay(true);
  svr.set_keep_alive_max_count(10000);
  svr.Get("/list.json", [&](const httplib::Request&, httplib::Response& res) { res.set_content(body, "application/json"); });
  if (!svr.bind_to_port("127.0.0.1", std::atoi(argv[1]))) return 1;
  svr.widen_backlog();
  svr.listen_after_bind();
}
