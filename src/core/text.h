// Small text helpers the rules share: ASCII trimming and case, UTF-8 decoding, control characters.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace core {

std::string_view trim(std::string_view s);    // without leading/trailing ASCII whitespace
std::string ascii_lower(std::string_view s);  // A-Z -> a-z, other bytes unchanged
std::string ascii_upper(std::string_view s);  // a-z -> A-Z, other bytes unchanged
// Decodes the code point starting at s[i]: its length in bytes, or 0 when the bytes there are
// not well-formed UTF-8 (overlong forms, surrogates and values past U+10FFFF included).
size_t decode_utf8(std::string_view s, size_t i, uint32_t& code_point);
// C0 controls, DEL and C1 controls (U+0080..U+009F); other bytes of invalid UTF-8 are ignored.
bool has_control_characters(std::string_view s);

}  // namespace core
