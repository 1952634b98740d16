// The server's own HTTP request, response and router: what every routes_*.cpp sees. They know no
// HTTP library; connection.cpp (Boost.Beast) parses into a Request and writes a Response.
#pragma once

#include <cstddef>
#include <functional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace server::http {

// Where a request's handler runs: `quick` ones (reads served from memory or the SQLite file) on
// the connection's event-loop thread, `blocking` ones (writes, hashing, mail, PDFs, exports,
// anything on PostgreSQL) on the handler pool.
enum class Work { quick, blocking };

using Handler = std::function<void(const struct Request&, struct Response&)>;

// Header names compare case-insensitively (RFC 9110); values are kept as received.
struct Headers {
  std::vector<std::pair<std::string, std::string>> fields;

  const std::string* find(std::string_view name) const;
  bool has(std::string_view name) const { return find(name) != nullptr; }
  std::string get(std::string_view name) const;
  void set(std::string name, std::string value);  // replaces a field of that name
  void add(std::string name, std::string value);  // keeps others (Set-Cookie)
  void erase(std::string_view name);
};

struct Request {
  std::string method;  // "GET", ...; a HEAD request is routed as GET and answered without its body
  std::string target;  // as received: path and query
  std::string path;    // decoded path, without the query
  std::vector<std::pair<std::string, std::string>> params;  // the query, decoded
  Headers headers;
  std::string body;
  std::string remote_addr;    // the TCP peer
  std::vector<std::string> matches;  // the route's regex: [0] whole path, [1..] groups
  const Handler* handler = nullptr;  // found by HttpServer::route
  Work work = Work::blocking;

  bool has_header(std::string_view name) const { return headers.has(name); }
  std::string get_header_value(std::string_view name) const { return headers.get(name); }
  bool has_param(std::string_view name) const;
  std::string get_param_value(std::string_view name) const;  // the first; "" if absent
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  bool close = false;  // answer with Connection: close and close after writing

  void set_header(std::string name, std::string value) { headers.set(std::move(name), std::move(value)); }
  void add_header(std::string name, std::string value) { headers.add(std::move(name), std::move(value)); }
  std::string get_header_value(std::string_view name) const { return headers.get(name); }
  void set_content(std::string content, std::string content_type);
};

// Routes by method and a regex over the whole path, tried in registration order (as the routes
// files register them: the hot path first, the static catch-all last).
class Router {
 public:
  // A GET is quick unless it says otherwise; every other method changes something: blocking.
  void Get(const std::string& pattern, Handler h, Work w = Work::quick) { add("GET", pattern, std::move(h), w); }
  void Post(const std::string& pattern, Handler h) { add("POST", pattern, std::move(h), Work::blocking); }
  void Put(const std::string& pattern, Handler h) { add("PUT", pattern, std::move(h), Work::blocking); }
  void Patch(const std::string& pattern, Handler h) { add("PATCH", pattern, std::move(h), Work::blocking); }
  void Delete(const std::string& pattern, Handler h) { add("DELETE", pattern, std::move(h), Work::blocking); }

  // Finds the request's handler and its kind of work (matches filled in); false: 404.
  bool route(Request& req) const;

 private:
  struct Route {
    std::string method;
    std::regex pattern;
    Handler handler;
    Work work;
  };
  void add(std::string method, const std::string& pattern, Handler h, Work w);
  std::vector<Route> routes_;
};

// Percent-decoding of a path or a query component ('+' is a space in a query only); false on a
// malformed escape.
bool url_decode(std::string_view in, bool query, std::string& out);
// Splits target into path and decoded params; false when it is malformed (400).
bool parse_target(const std::string& target, std::string& path,
                  std::vector<std::pair<std::string, std::string>>& params);

}  // namespace server::http
