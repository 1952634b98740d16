// Version of the portal and of the client/server API contract.
// Like IMGUI_CHECKVERSION(): a client built against another API version is told so at start-up
// (GET /api/v1/health returns the server's `api_version`; the client compares it with its own).
#pragma once

namespace core {

inline constexpr const char* kPortalVersion = "0.1.0";  // product version, shown in /health and the UI footer
inline constexpr int kApiVersion = 1;                   // the /api/v1 contract; bump only on a breaking change

}  // namespace core
