// The web bundle: precompressed variants by Accept-Encoding, ETag revalidation, client routes
// falling back to index.html, and 404 for missing files and unknown API paths.
#include "server/http/respond.h"
#include "server/http/server.h"

namespace server::http {

void register_static_routes(Router& svr, Context& ctx) {
  svr.Get("/api/.*", [](const Request&, Response& res) {
    send_error(res, 404, core::codes::not_found);
  });
  svr.Get("/.*", [&ctx](const Request& req, Response& res) {
    const StaticFile* f = ctx.files.resolve(req.path);
    if (!f) {
      res.status = 404;
      res.set_header("Cache-Control", "no-store");
      res.set_content("Not found\n", "text/plain; charset=utf-8");
      return;
    }
    res.set_header("Cache-Control", f->cache_control);
    res.set_header("ETag", f->etag);
    res.set_header("Vary", "Accept-Encoding");
    if (req.get_header_value("If-None-Match") == f->etag) {
      res.status = 304;
      return;
    }
    switch (choose_encoding(req.get_header_value("Accept-Encoding"), !f->brotli.empty(), !f->gzip.empty())) {
      case Encoding::brotli:
        res.set_header("Content-Encoding", "br");
        res.set_content(f->brotli, f->content_type);
        break;
      case Encoding::gzip:
        res.set_header("Content-Encoding", "gzip");
        res.set_content(f->gzip, f->content_type);
        break;
      case Encoding::identity:
        res.set_content(f->identity, f->content_type);
        break;
    }
  });
}

}  // namespace server::http
