"""The server as a web server: the bundle with the right types, encodings, caching, fallback
and security headers; /api/v1/health; the request rules every API call shares."""
import gzip
import html
import json
import os
import re
import unittest

from portal import PortalServer, WEB_ROOT


def hashed_names():
    page = open(os.path.join(WEB_ROOT, "index.html"), encoding="utf-8").read()
    # The page names the wasm in its bundle description (the bridge fetches it).
    meta = json.loads(html.unescape(re.search(r'<meta name="portal-bundle" content="([^"]*)"', page).group(1)))
    return {
        "wasm": re.fullmatch(r'(app\.[0-9a-f]+\.wasm)', meta["wasm"]).group(1),
        "js": re.search(r'src="/(app\.[0-9a-f]+\.js)"', page).group(1),
        "css": re.search(r'href="/(portal\.[0-9a-f]+\.css)"', page).group(1),
    }


class StaticFilesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = PortalServer().start()
        cls.names = hashed_names()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def test_wasm_is_served_as_application_wasm_with_brotli(self):
        status, h, body = self.server.get("/" + self.names["wasm"], {"Accept-Encoding": "br"})
        self.assertEqual(status, 200)
        self.assertEqual(h["content-type"], "application/wasm")
        self.assertEqual(h["content-encoding"], "br")
        with open(os.path.join(WEB_ROOT, self.names["wasm"] + ".br"), "rb") as f:
            self.assertEqual(body, f.read())

    def test_gzip_when_brotli_is_not_accepted(self):
        status, h, body = self.server.get("/" + self.names["js"], {"Accept-Encoding": "gzip, deflate"})
        self.assertEqual(status, 200)
        self.assertEqual(h["content-encoding"], "gzip")
        self.assertTrue(h["content-type"].startswith("text/javascript"))
        with open(os.path.join(WEB_ROOT, self.names["js"]), "rb") as f:
            self.assertEqual(gzip.decompress(body), f.read())

    def test_identity_without_accept_encoding_and_q_zero_is_refused(self):
        status, h, body = self.server.get("/" + self.names["wasm"])
        self.assertEqual(status, 200)
        self.assertNotIn("content-encoding", h)
        self.assertEqual(body[:4], b"\0asm")
        status, h, _ = self.server.get("/" + self.names["wasm"], {"Accept-Encoding": "br;q=0, gzip"})
        self.assertEqual(h["content-encoding"], "gzip")

    def test_hashed_files_are_immutable_and_index_is_no_cache(self):
        _, h, _ = self.server.get("/" + self.names["wasm"])
        self.assertEqual(h["cache-control"], "public, max-age=31536000, immutable")
        _, h, _ = self.server.get("/")
        self.assertEqual(h["cache-control"], "no-cache")
        _, h, _ = self.server.get("/index.html")
        self.assertEqual(h["cache-control"], "no-cache")
        _, h, body = self.server.get("/sw.js")
        self.assertEqual(h["cache-control"], "no-cache")
        self.assertIn(self.names["wasm"].encode(), body)  # the service worker precaches this build

    def test_etag_revalidation(self):
        _, h, _ = self.server.get("/" + self.names["css"])
        status, _, body = self.server.get("/" + self.names["css"], {"If-None-Match": h["etag"]})
        self.assertEqual(status, 304)
        self.assertEqual(body, b"")

    def test_client_routes_fall_back_to_index_and_missing_files_are_404(self):
        _, _, index = self.server.get("/index.html")
        for route in ("/login", "/readings/3345341", "/activate?token=abc", "/a/b/c"):
            status, h, body = self.server.get(route)
            self.assertEqual(status, 200, route)
            self.assertTrue(h["content-type"].startswith("text/html"), route)
            self.assertEqual(body, index, route)
        for missing in ("/missing.js", "/app.0000000000.wasm", "/x/y.png"):
            status, _, _ = self.server.get(missing)
            self.assertEqual(status, 404, missing)

    def test_path_traversal_is_refused(self):
        status, _, body = self.server.get("/../CMakeLists.txt")
        self.assertIn(status, (400, 404))
        self.assertNotIn(b"cmake_minimum_required", body)
        status, _, body = self.server.get("/%2e%2e/serve.py")
        self.assertIn(status, (400, 404))
        self.assertNotIn(b"import", body)

    def test_security_headers_on_pages_api_and_errors(self):
        for path in ("/", "/" + self.names["wasm"], "/api/v1/health", "/missing.js", "/api/v1/nope"):
            _, h, _ = self.server.get(path)
            csp = h.get("content-security-policy", "")
            self.assertIn("frame-ancestors 'none'", csp, path)
            self.assertIn("'wasm-unsafe-eval'", csp, path)
            self.assertIn("default-src 'self'", csp, path)
            self.assertNotIn("unsafe-inline", csp, path)
            self.assertEqual(h.get("x-content-type-options"), "nosniff", path)
            self.assertEqual(h.get("referrer-policy"), "no-referrer", path)

    def test_head_requests(self):
        status, h, body = self.server.request("HEAD", "/" + self.names["wasm"], headers={"Accept-Encoding": "br"})
        self.assertEqual(status, 200)
        self.assertEqual(h["content-type"], "application/wasm")
        self.assertEqual(body, b"")

    def test_access_log_has_a_line_per_request(self):
        self.server.get("/api/v1/health?probe=accesslog")
        import time
        for _ in range(50):
            if any("GET /api/v1/health?probe=accesslog\" 200" in l for l in self.server.lines):
                return
            time.sleep(0.05)
        self.fail("no access log line for the request:\n" + "".join(self.server.lines[-5:]))


class ApiBasicsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = PortalServer().start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def test_health(self):
        status, h, body = self.server.json("GET", "/api/v1/health")
        self.assertEqual(status, 200)
        self.assertEqual(body["status"], "ok")
        self.assertEqual(body["db"], "sqlite")
        self.assertEqual(body["api_version"], 1)
        self.assertRegex(body["version"], r"^\d+\.\d+\.\d+$")
        self.assertTrue(h["content-type"].startswith("application/json"))
        self.assertEqual(h["cache-control"], "no-store")

    def test_unknown_api_path_is_json_404(self):
        for method in ("GET", "POST", "DELETE"):
            status, _, body = self.server.json(method, "/api/v1/no/such/thing")
            self.assertEqual(status, 404, method)
            self.assertEqual(body, {"errors": [{"code": "not_found"}]})

    def test_non_json_body_is_415_even_if_it_parses(self):
        for ctype in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"):
            status, _, body = self.server.request("POST", "/api/v1/auth/login", raw=b'{"email":"a@b.si"}',
                                                  headers={"Content-Type": ctype})
            self.assertEqual(status, 415, ctype)
            self.assertEqual(json.loads(body)["errors"][0]["code"], "request.unsupported_media_type")
        status, _, _ = self.server.request("POST", "/api/v1/auth/login", raw=b'{"email":"a@b.si"}')
        self.assertEqual(status, 415)  # no Content-Type at all

    def test_body_over_64_kb_is_413(self):
        big = b'{"email":"' + b"a" * (70 * 1024) + b'"}'
        status, _, body = self.server.request("POST", "/api/v1/auth/login", raw=big,
                                              headers={"Content-Type": "application/json"})
        self.assertEqual(status, 413)
        self.assertEqual(json.loads(body)["errors"][0]["code"], "request.too_large")


if __name__ == "__main__":
    unittest.main()
