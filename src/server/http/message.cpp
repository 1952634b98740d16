#include "server/http/message.h"

#include <cctype>

namespace server::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const auto x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (std::tolower(x) != std::tolower(y)) return false;
  }
  return true;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

const std::string* Headers::find(std::string_view name) const {
  for (const auto& [k, v] : fields)
    if (iequals(k, name)) return &v;
  return nullptr;
}

std::string Headers::get(std::string_view name) const {
  const std::string* v = find(name);
  return v ? *v : std::string();
}

void Headers::set(std::string name, std::string value) {
  erase(name);
  fields.emplace_back(std::move(name), std::move(value));
}

void Headers::add(std::string name, std::string value) { fields.emplace_back(std::move(name), std::move(value)); }

void Headers::erase(std::string_view name) {
  for (auto it = fields.begin(); it != fields.end();)
    it = iequals(it->first, name) ? fields.erase(it) : it + 1;
}

bool Request::has_param(std::string_view name) const {
  for (const auto& [k, v] : params)
    if (k == name) return true;
  return false;
}

std::string Request::get_param_value(std::string_view name) const {
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return {};
}

void Response::set_content(std::string content, std::string content_type) {
  body = std::move(content);
  set_header("Content-Type", std::move(content_type));
}

void Router::add(std::string method, const std::string& pattern, Handler h, Work w) {
  routes_.push_back(
      {std::move(method), std::regex(pattern, std::regex::ECMAScript | std::regex::optimize), std::move(h), w});
}

bool Router::route(Request& req) const {
  const std::string& method = req.method == "HEAD" ? std::string("GET") : req.method;
  std::smatch m;
  for (const Route& r : routes_) {
    if (r.method != method || !std::regex_match(req.path, m, r.pattern)) continue;
    req.matches.assign(m.begin(), m.end());
    req.handler = &r.handler;
    req.work = r.work;
    return true;
  }
  return false;
}

bool url_decode(std::string_view in, bool query, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = hex(in[i + 1]), lo = hex(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && query) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

bool parse_target(const std::string& target, std::string& path,
                  std::vector<std::pair<std::string, std::string>>& params) {
  if (target.empty() || target[0] != '/') return false;  // origin-form only (no proxies' absolute-form)
  const size_t q = target.find('?');
  if (!url_decode(std::string_view(target).substr(0, q), false, path)) return false;
  params.clear();
  if (q == std::string::npos) return true;
  std::string_view query = std::string_view(target).substr(q + 1);
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (!pair.empty()) {
      const size_t eq = pair.find('=');
      std::string k, v;
      if (!url_decode(pair.substr(0, eq), true, k)) return false;
      if (eq != std::string_view::npos && !url_decode(pair.substr(eq + 1), true, v)) return false;
      params.emplace_back(std::move(k), std::move(v));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return true;
}

}  // namespace server::http
