#include "server/http/connection.h"

#include <sys/resource.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <csignal>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "server/http/server.h"

namespace server::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr size_t kMaxBody = 64 * 1024;  // API.md: over 64 KB is 413 request.too_large
constexpr size_t kMaxHeaderBytes = 16 * 1024;
constexpr size_t kMaxHeaderFields = 100;
constexpr auto kWriteTimeout = std::chrono::seconds(30);
constexpr auto kLinger = std::chrono::seconds(2);  // reading what a refused client still sends

std::string peer_address(const tcp::socket& s) {
  beast::error_code ec;
  const auto ep = s.remote_endpoint(ec);
  if (ec) return {};
  auto a = ep.address();
  if (a.is_v6() && a.to_v6().is_v4_mapped()) a = asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6());
  return a.to_string();
}

bool iequals(beast::string_view a, beast::string_view b) { return beast::iequals(a, b); }

}  // namespace

class Session;

struct Connections::Impl {
  Impl(const HttpServer& s, AccessLog& l)
      : server(s), log(l), config(s.config()),
        loops(make_loops(config)), control(*loops.front()), acceptor(control), signals(control, SIGINT, SIGTERM),
        grace(control), retry(control), handlers(static_cast<size_t>(config.threads)) {
    for (auto& l : loops) alive.emplace_back(l->get_executor());
  }

  // One io_context per event-loop thread, each connection on one of them for its whole life: no
  // strands, no lock shared by all connections, no thread woken for another's socket.
  static std::vector<std::unique_ptr<asio::io_context>> make_loops(const ServerConfig& c) {
    const int n = c.io_threads > 0 ? c.io_threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::unique_ptr<asio::io_context>> v;
    for (int i = 0; i < n; ++i) v.push_back(std::make_unique<asio::io_context>(1));
    return v;
  }

  const HttpServer& server;
  AccessLog& log;
  const ServerConfig& config;

  // Declared before the io_context: handlers it still holds at destruction end sessions, which
  // unregister here.
  std::mutex mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  std::unordered_map<std::string, int> per_address;
  std::atomic<bool> draining{false};
  std::atomic<bool> stopped{false};  // run() returned: nothing may be posted any more

  std::vector<std::unique_ptr<asio::io_context>> loops;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> alive;  // until draining
  asio::io_context& control;  // loops[0]: also the acceptor, the signals and the timers
  size_t next_loop = 0;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer grace;
  asio::steady_timer retry;  // accepting again after EMFILE
  asio::thread_pool handlers;
  int port = 0;

  void accept();
  void begin_drain();
  bool admit(const std::string& address);
  void leave(Session* s, const std::string& address);
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, asio::io_context& loop, Connections::Impl& impl, std::string address)
      : stream_(std::move(socket)), loop_(loop), impl_(impl), address_(std::move(address)) {}
  ~Session() { impl_.leave(this, address_); }

  void start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->wait_request(true); });
  }
  // Draining. A request in flight is answered with Connection: close. A kept-alive connection
  // waiting for its next request is not cut while its client may be sending on it: its client
  // (nginx: upstream keepalive_timeout below ours) or its keep-alive time ends it, and a request
  // that arrives meanwhile is answered with Connection: close. A connection that never sent a
  // byte closes now.
  void drain() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->idle_ && self->served_ == 0) self->close();
    });
  }

 private:
  void wait_request(bool first) {
    idle_ = true;
    if (impl_.draining && served_ == 0) return close();
    if (buffer_.size() > 0) return read_header(first);  // pipelined: already here
    stream_.expires_after(std::chrono::seconds(first ? impl_.config.header_timeout_s : impl_.config.keep_alive_s));
    stream_.async_read_some(buffer_.prepare(1024), [self = shared_from_this(), first](beast::error_code ec, size_t n) {
      if (ec) return self->close();
      self->buffer_.commit(n);
      self->read_header(first);
    });
  }

  void read_header(bool first) {
    idle_ = false;
    if (!first) stream_.expires_after(std::chrono::seconds(impl_.config.header_timeout_s));
    parser_.emplace();
    parser_->header_limit(kMaxHeaderBytes);
    parser_->body_limit(kMaxBody);
    bhttp::async_read_header(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t) {
      self->on_header(ec);
    });
  }

  void on_header(beast::error_code ec) {
    if (ec == bhttp::error::header_limit) return refuse(431);
    if (ec == bhttp::error::body_limit) return refuse(413);  // a declared length over the limit
    if (ec == beast::error::timeout || ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset)
      return close();
    if (ec) return refuse(400);
    const auto& msg = parser_->get();
    if (static_cast<size_t>(std::distance(msg.begin(), msg.end())) > kMaxHeaderFields) return refuse(431);
    if (parser_->is_done()) return dispatch();
    // A body: its own deadline, scaled to its declared size.
    const uint64_t declared = parser_->content_length() ? *parser_->content_length() : kMaxBody;
    stream_.expires_after(std::chrono::seconds(10 + static_cast<long>(declared / (16 * 1024))));
    if (iequals(msg[bhttp::field::expect], "100-continue")) {
      auto cont = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, msg.version());
      bhttp::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code e, size_t) {
        if (e) return self->close();
        self->read_body();
      });
      return;
    }
    read_body();
  }

  void read_body() {
    bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec == bhttp::error::body_limit) return self->refuse(413);
      if (ec == beast::error::timeout) return self->close();
      if (ec) return ec == bhttp::error::end_of_stream || ec == asio::error::eof ? self->close() : self->refuse(400);
      self->dispatch();
    });
  }

  void dispatch() {
    auto msg = parser_->release();
    parser_.reset();
    auto req = std::make_shared<Request>();
    req->method = std::string(msg.method_string());
    req->target = std::string(msg.target());
    if (!parse_target(req->target, req->path, req->params)) return refuse(400);
    for (const auto& f : msg) req->headers.add(std::string(f.name_string()), std::string(f.value()));
    req->body = std::move(msg.body());
    req->remote_addr = address_;
    const bool keep_alive = msg.keep_alive();
    const unsigned version = msg.version();
    stream_.expires_never();  // the handler's time is the server's, not the client's
    impl_.server.route(*req);
    if (req->work == Work::quick) {  // answered here, on the event loop: no hand-over
      const auto t0 = std::chrono::steady_clock::now();
      Response res;
      impl_.server.handle(*req, res);
      impl_.server.log(*req, res, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      return write(res, keep_alive, version, req->method == "HEAD");
    }
    // The loop must not end (draining) while the answer is being made on the pool.
    asio::post(impl_.handlers, [self = shared_from_this(), req, keep_alive, version,
                                work = asio::make_work_guard(loop_)] {
      const auto t0 = std::chrono::steady_clock::now();
      auto res = std::make_shared<Response>();
      self->impl_.server.handle(*req, *res);
      const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      self->impl_.server.log(*req, *res, ms);
      const bool head = req->method == "HEAD";
      asio::post(self->stream_.get_executor(), [self, res, keep_alive, version, head] {
        self->write(*res, keep_alive, version, head);
      });
    });
  }

  void refuse(int status) {
    std::string path;  // the request line is parsed before the fields: known even for a 431
    if (parser_) {
      const std::string target(parser_->get().target());
      path = target.substr(0, target.find('?'));
    }
    Response res = impl_.server.refusal(path, status);
    Request req;
    req.method = parser_ && !parser_->get().method_string().empty() ? std::string(parser_->get().method_string()) : "-";
    req.target = path.empty() ? "-" : path;
    req.remote_addr = address_;
    impl_.server.log(req, res, 0.0);
    parser_.reset();
    write(res, false, 11, false);
  }

  void write(Response& res, bool keep_alive, unsigned version, bool head) {
    ++served_;
    const bool keep = keep_alive && !res.close && !impl_.draining;
    auto msg = std::make_shared<bhttp::response<bhttp::string_body>>();
    msg->version(version == 10 ? 10 : 11);
    msg->result(static_cast<unsigned>(res.status));
    for (auto& [name, value] : res.headers.fields) msg->insert(name, value);
    const bool bodiless = res.status == 204 || res.status == 304 || res.status < 200;
    if (head) {
      msg->content_length(res.body.size());
    } else if (!bodiless) {
      msg->body() = std::move(res.body);
      msg->prepare_payload();
    }
    msg->keep_alive(keep);
    stream_.expires_after(kWriteTimeout);
    bhttp::async_write(stream_, *msg, [self = shared_from_this(), msg, keep](beast::error_code ec, size_t) {
      if (ec) return self->close();
      if (keep) return self->wait_request(false);
      self->linger();
    });
  }

  // After the last response: no more sending, and what the client still sends is read and
  // dropped for a moment, so its unread bytes do not turn our close into a reset that could
  // destroy the response on its way.
  void linger() {
    idle_ = false;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return close();
    stream_.expires_after(kLinger);
    drop_input();
  }
  void drop_input() {
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](beast::error_code e, size_t n) {
      if (e) return self->close();
      self->buffer_.commit(n);
      self->drop_input();
    });
  }

  void close() {
    if (closed_) return;
    closed_ = true;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  asio::io_context& loop_;
  Connections::Impl& impl_;
  std::string address_;
  beast::flat_buffer buffer_{kMaxHeaderBytes + kMaxBody + 4096};
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bool idle_ = true;  // waiting for a request's first byte
  int served_ = 0;    // responses written
  bool closed_ = false;
};

bool Connections::Impl::admit(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex);
  const int cap = config.max_connections_per_address;
  int& n = per_address[address];
  if (cap > 0 && n >= cap && !is_trusted_proxy(address, config)) {
    if (n == 0) per_address.erase(address);
    return false;
  }
  ++n;
  return true;
}

void Connections::Impl::leave(Session* s, const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex);
  sessions.erase(s);
  auto it = per_address.find(address);
  if (it != per_address.end() && --it->second <= 0) per_address.erase(it);
  if (draining && !stopped && sessions.empty()) asio::post(control, [this] { grace.cancel(); });
}

void Connections::Impl::accept() {
  asio::io_context& loop = *loops[next_loop++ % loops.size()];
  acceptor.async_accept(loop, [this, &loop](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || draining) return;
    if (ec) {
      // Out of file descriptors (or another passing error): try again shortly, do not spin.
      retry.expires_after(std::chrono::milliseconds(50));
      retry.async_wait([this](beast::error_code e) {
        if (!e && !draining) accept();
      });
      return;
    }
    std::string address = peer_address(socket);
    if (!admit(address)) {
      beast::error_code ignored;
      socket.close(ignored);  // over the cap: refused at once, nobody else affected
    } else {
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);  // without it every response waits ~40 ms
      auto session = std::make_shared<Session>(std::move(socket), loop, *this, std::move(address));
      {
        std::lock_guard<std::mutex> lock(mutex);
        sessions.emplace(session.get(), session);
      }
      session->start();
    }
    accept();
  });
}

void Connections::Impl::begin_drain() {
  if (draining.exchange(true)) return;
  for (auto& a : alive) a.reset();  // each loop ends when its last connection does
  beast::error_code ignored;
  acceptor.close(ignored);
  signals.cancel(ignored);
  retry.cancel();
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard<std::mutex> lock(mutex);
    for (auto& [raw, weak] : sessions)
      if (auto s = weak.lock()) live.push_back(std::move(s));
  }
  log.line("stopping: " + std::to_string(live.size()) + " connections open, waiting at most " +
           std::to_string(config.shutdown_grace_s) + " s for requests in flight");
  for (auto& s : live) s->drain();
  if (live.empty()) return;
  grace.expires_after(std::chrono::seconds(config.shutdown_grace_s));
  grace.async_wait([this](beast::error_code ec) {
    if (ec) return;  // cancelled: every connection ended in time
    log.line("stopping: the grace period ended with connections still open");
    for (auto& l : loops) l->stop();
  });
}

Connections::Connections(const HttpServer& server, AccessLog& log) : impl_(std::make_unique<Impl>(server, log)) {}

Connections::~Connections() = default;

bool Connections::bind(const std::string& host, int port, std::string& error) {
  // Thousands of connections need thousands of descriptors: take what the hard limit allows.
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
  }
  beast::error_code ec;
  tcp::resolver resolver(impl_->control);
  const auto found = resolver.resolve(host, std::to_string(port), tcp::resolver::passive, ec);
  if (ec || found.empty()) {
    error = "cannot resolve " + host + (ec ? ": " + ec.message() : "");
    return false;
  }
  const tcp::endpoint ep = found.begin()->endpoint();
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(1024, ec);  // a burst of new connections must not lose SYNs
  if (ec) {
    error = port == 0 ? "cannot bind " + host
                      : "cannot listen on " + host + ":" + std::to_string(port) + " (in use? try --port)";
    return false;
  }
  impl_->port = a.local_endpoint().port();
  return true;
}

int Connections::port() const { return impl_->port; }

void Connections::run() {
  Impl& m = *impl_;
  m.signals.async_wait([&m](beast::error_code ec, int) {
    if (!ec) m.begin_drain();
  });
  asio::post(m.control, [&m] { m.accept(); });
  const int n = static_cast<int>(m.loops.size());
  std::vector<std::thread> threads;
  for (int i = 1; i < n; ++i) threads.emplace_back([&m, i] { m.loops[static_cast<size_t>(i)]->run(); });
  m.loops.front()->run();
  for (auto& t : threads) t.join();
  m.handlers.join();  // requests still being handled finish (their answers go nowhere)
  m.stopped = true;
}

void Connections::stop() {
  Impl& m = *impl_;
  asio::post(m.control, [&m] { m.begin_drain(); });
}

}  // namespace server::http
