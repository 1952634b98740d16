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

using Handler = std::function<void(const Request&, Response&)>;

// Routes by method and a regex over the whole path, tried in registration order (as the routes
// files register them: the hot path first, the static catch-all last).
class Router {
 public:
  void Get(const std::string& pattern, Handler h) { add("GET", pattern, std::move(h)); }
  void Post(const std::string& pattern, Handler h) { add("POST", pattern, std::move(h)); }
  void Put(const std::string& pattern, Handler h) { add("PUT", pattern, std::move(h)); }
  void Patch(const std::string& pattern, Handler h) { add("PATCH", pattern, std::move(h)); }
  void Delete(const std::string& pattern, Handler h) { add("DELETE", pattern, std::move(h)); }

  // The handler for the request (its matches filled in), or nullptr: 404.
  const Handler* route(Request& req) const;

 private:
  struct Route {
    std::string method;
    std::regex pattern;
    Handler handler;
  };
  void add(std::string method, const std::string& pattern, Handler h);
  std::vector<Route> routes_;
};

// Percent-decoding of a path or a query component ('+' is a space in a query only); false on a
// malformed escape.
bool url_decode(std::string_view in, bool query, std::string& out);
// Splits target into path and decoded params; false when it is malformed (400).
bool parse_target(const std::string& target, std::string& path,
                  std::vector<std::pair<std::string, std::string>>& params);

}  // namespace server::http
