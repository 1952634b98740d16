// Reading JSON without exceptions, shared by the API types' decoders (api_types.cpp and the
// feature files beside it, e.g. question.cpp): a request body member by member, naming every
// culprit as request.malformed; a response leniently (unknown members ignored). Internal to core.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "core/calendar.h"
#include "core/error.h"
#include "core/text.h"

namespace core::api::json_fields {

using nlohmann::json;

enum class Read { ok, bad_type, unknown };

inline Read read_string(const json& v, std::string& out) {
  if (!v.is_string()) return Read::bad_type;
  out = v.get<std::string>();
  return Read::ok;
}

inline Read read_bool(const json& v, bool& out) {
  if (!v.is_boolean()) return Read::bad_type;
  out = v.get<bool>();
  return Read::ok;
}

template <class T>
Read read_optional(const json& v, std::optional<T>& out) {
  T value{};
  Read r = Read::bad_type;
  if constexpr (std::is_same_v<T, bool>)
    r = read_bool(v, value);
  else
    r = read_string(v, value);
  if (r == Read::ok) out = std::move(value);
  return r;
}

// Parses a request body that must be a JSON object and hands each member to `member`, which
// says whether it knew the name and liked the type. Every culprit is named once.
template <class Member>
Errors decode_object(std::string_view body, bool empty_allowed, Member&& member) {
  if (trim(body).empty()) {
    if (empty_allowed) return {};
    return {make_error(codes::request_malformed, "")};
  }
  const json j = json::parse(body.begin(), body.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return {make_error(codes::request_malformed, "")};
  Errors errors;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (member(it.key(), it.value()) != Read::ok) errors.push_back(make_error(codes::request_malformed, it.key()));
  }
  return errors;
}

// Reading a response: unknown members are ignored (responses may gain fields), a known member
// of the wrong type makes the whole thing false.
struct ResponseReader {
  const json& j;
  bool ok = true;

  bool has(const char* name) const { return j.find(name) != j.end(); }
  // Strings may be null in a response ("" then).
  void string(const char* name, std::string& out) {
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) return;
    if (!it->is_string()) {
      ok = false;
      return;
    }
    out = it->get<std::string>();
  }
  void optional_string(const char* name, std::optional<std::string>& out) {
    auto it = j.find(name);
    out.reset();
    if (it == j.end() || it->is_null()) return;
    if (!it->is_string()) {
      ok = false;
      return;
    }
    out = it->get<std::string>();
  }
  void boolean(const char* name, bool& out) {
    auto it = j.find(name);
    if (it == j.end()) return;
    if (!it->is_boolean()) {
      ok = false;
      return;
    }
    out = it->get<bool>();
  }
  void integer(const char* name, int64_t& out) {
    auto it = j.find(name);
    if (it == j.end()) return;
    if (!it->is_number_integer() || (it->is_number_unsigned() && it->get<uint64_t>() > INT64_MAX)) {
      ok = false;
      return;
    }
    out = it->get<int64_t>();
  }
  void optional_integer(const char* name, std::optional<int64_t>& out) {
    out.reset();
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) return;
    int64_t v = 0;
    integer(name, v);
    if (ok) out = v;
  }
  void optional_number(const char* name, std::optional<double>& out) {
    out.reset();
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) return;
    if (!it->is_number()) {
      ok = false;
      return;
    }
    out = it->get<double>();
  }
  void date(const char* name, Date& out) {
    auto it = j.find(name);
    if (it == j.end()) return;
    if (!it->is_string() || !parse_date(it->get_ref<const std::string&>(), out)) ok = false;
  }
  const json* object(const char* name) {
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) return nullptr;
    if (!it->is_object()) {
      ok = false;
      return nullptr;
    }
    return &*it;
  }
  const json* array(const char* name) {
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) return nullptr;
    if (!it->is_array()) {
      ok = false;
      return nullptr;
    }
    return &*it;
  }
};

// {"user": {...}} or {"contract": {...}} around an entity: the entity.
inline const json& unwrap(const json& j, const char* wrapper) {
  if (j.is_object() && j.size() == 1) {
    auto it = j.find(wrapper);
    if (it != j.end() && it->is_object()) return *it;
  }
  return j;
}

}  // namespace core::api::json_fields
