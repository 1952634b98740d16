// Random tokens and their hashes (libsodium). Tokens are 256 random bits sent as base64url;
// only their SHA-256 is stored, so a database leak reveals no usable token.
#pragma once

#include <string>
#include <string_view>

namespace server::services {

std::string new_token();                        // 43 base64url characters (256 bits)
std::string token_hash(std::string_view token);  // lower-case hex SHA-256
std::string new_numeric_code(int digits);        // uniformly random, e.g. "048213"
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace server::services
