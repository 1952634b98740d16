"""The HTTP layer's limits over real sockets (docs/operations.md, "Connections and limits"): a
header that does not arrive in time, an idle kept-alive connection, header size and count (431),
Expect: 100-continue, the per-address cap (and trusted proxies exempt from it), hundreds of idle
and slow connections that must not delay a normal request, and a graceful stop under load."""
import gzip
import http.client
import json
import signal
import socket
import threading
import time
import unittest

from portal import PortalServer, ServerCase, new_customer


def raw_request(port, data, timeout=5.0):
    """Sends bytes on a new connection and returns everything the server sends until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        while True:
            try:
                b = s.recv(65536)
            except ConnectionResetError:
                break
            if not b:
                break
            chunks.append(b)
        return b"".join(chunks)


def closed_within(sock, seconds):
    """Seconds until the server closes `sock` (recv returns nothing), or None if it stays open."""
    start = time.time()
    sock.settimeout(seconds)
    try:
        while True:
            b = sock.recv(4096)
            if not b:
                return time.time() - start
    except ConnectionResetError:
        return time.time() - start
    except socket.timeout:
        return None


def status_and_json(raw):
    head, _, body = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, head.decode("latin-1"), (json.loads(body) if body.startswith(b"{") else body)


def assert_each_served(test, sockets):
    """A request on each of the open connections is answered."""
    for s in sockets:
        s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: portal\r\n\r\n")
        test.assertTrue(s.recv(65536).startswith(b"HTTP/1.1 200"))


def timed_get(port, path="/api/v1/health"):
    t0 = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    r = conn.getresponse()
    r.read()
    conn.close()
    return r.status, (time.perf_counter() - t0) * 1000


class TimeoutsTest(ServerCase):
    server_flags = ("--header-timeout", "1", "--keep-alive-timeout", "1")

    def test_a_header_that_does_not_arrive_in_time_is_closed(self):
        with socket.create_connection(("127.0.0.1", self.server.port)) as s:
            s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: portal\r\nX-Slow: ")
            took = closed_within(s, 5)
        self.assertIsNotNone(took, "the half-sent header was still open after 5 s")
        self.assertGreater(took, 0.8)
        self.assertLess(took, 3.0)
        self.assertEqual(timed_get(self.server.port)[0], 200)

    def test_a_connection_that_sends_nothing_is_closed_after_the_header_timeout(self):
        with socket.create_connection(("127.0.0.1", self.server.port)) as s:
            took = closed_within(s, 5)
        self.assertIsNotNone(took)
        self.assertLess(took, 3.0)

    def test_an_idle_kept_alive_connection_is_closed_after_its_time(self):
        with socket.create_connection(("127.0.0.1", self.server.port)) as s:
            s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: portal\r\n\r\n")
            first = s.recv(65536)
            self.assertTrue(first.startswith(b"HTTP/1.1 200"), first[:40])
            self.assertNotIn(b"Connection: close", first)
            # Still open for a second request within the time...
            s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: portal\r\n\r\n")
            self.assertTrue(s.recv(65536).startswith(b"HTTP/1.1 200"))
            # ...then closed when it has been idle for --keep-alive-timeout.
            took = closed_within(s, 5)
        self.assertIsNotNone(took)
        self.assertGreater(took, 0.8)
        self.assertLess(took, 3.0)


class HeaderLimitsTest(ServerCase):

    def test_a_header_over_16_kb_is_431(self):
        big = b"Cookie: portal_session=" + b"a" * 20000 + b"\r\n"
        status, head, body = status_and_json(raw_request(
            self.server.port, b"GET /api/v1/me HTTP/1.1\r\nHost: portal\r\n" + big + b"\r\n"))
        self.assertEqual(status, 431)
        self.assertIn("Connection: close", head)
        self.assertEqual(body["errors"][0]["code"], "request.too_large")

    def test_more_than_100_header_fields_is_431(self):
        fields = b"".join(b"X-F%d: v\r\n" % i for i in range(120))
        status, _, body = status_and_json(raw_request(
            self.server.port, b"GET /api/v1/health HTTP/1.1\r\nHost: portal\r\n" + fields + b"\r\n"))
        self.assertEqual(status, 431)
        self.assertEqual(body["errors"][0]["code"], "request.too_large")
        fields = b"".join(b"X-F%d: v\r\n" % i for i in range(60))
        status, _, _ = status_and_json(raw_request(
            self.server.port, b"GET /api/v1/health HTTP/1.1\r\nHost: portal\r\nConnection: close\r\n" + fields + b"\r\n"))
        self.assertEqual(status, 200)

    def test_a_malformed_request_line_is_400(self):
        status, _, _ = status_and_json(raw_request(self.server.port, b"GET\x01 / HTTP/1.1\r\nHost: portal\r\n\r\n"))
        self.assertEqual(status, 400)

    def test_a_declared_body_over_64_kb_is_refused_before_it_is_sent(self):
        status, _, body = status_and_json(raw_request(
            self.server.port, b"POST /api/v1/auth/login HTTP/1.1\r\nHost: portal\r\nContent-Type: application/json\r\n"
                              b"Content-Length: 100000\r\n\r\n"))
        self.assertEqual(status, 413)
        self.assertEqual(body["errors"][0]["code"], "request.too_large")

    def test_expect_100_continue(self):
        body = json.dumps({"email": "nikogar@example.si", "password": "Napacno-Geslo-1"}).encode()
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=5) as s:
            s.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: portal\r\nContent-Type: application/json\r\n"
                      b"Expect: 100-continue\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(body))
            self.assertTrue(s.recv(4096).startswith(b"HTTP/1.1 100 Continue"))
            s.sendall(body)
            rest = b""
            while chunk := s.recv(65536):
                rest += chunk
        status, _, answer = status_and_json(rest)
        self.assertEqual((status, answer["errors"][0]["code"]), (401, "auth.invalid_credentials"))


class ApiCompressionTest(ServerCase):
    def test_api_answers_are_gzipped_when_accepted(self):
        status, h, plain = self.server.get("/api/v1/content/faq?lang=sl")
        self.assertEqual(status, 200)
        self.assertNotIn("content-encoding", h)
        status, h, packed = self.server.get("/api/v1/content/faq?lang=sl", {"Accept-Encoding": "br, gzip"})
        self.assertEqual((status, h["content-encoding"], h["vary"]), (200, "gzip", "Accept-Encoding"))
        self.assertEqual(gzip.decompress(packed), plain)
        self.assertLess(len(packed), len(plain) / 2)
        status, h, _ = self.server.get("/api/v1/content/faq?lang=sl", {"Accept-Encoding": "gzip;q=0"})
        self.assertNotIn("content-encoding", h)
        # A small answer is sent as it is.
        status, h, _ = self.server.get("/api/v1/health", {"Accept-Encoding": "gzip"})
        self.assertNotIn("content-encoding", h)


class PerAddressCapTest(unittest.TestCase):
    def test_past_the_cap_new_connections_are_refused_and_the_others_are_served(self):
        with PortalServer("--max-connections-per-address", "5") as server:
            held = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(5)]
            try:
                time.sleep(0.2)
                extra = socket.create_connection(("127.0.0.1", server.port))
                took = closed_within(extra, 2)
                extra.close()
                self.assertIsNotNone(took, "the sixth connection was not refused")
                self.assertLess(took, 0.5)
                assert_each_served(self, held)  # the five
            finally:
                for s in held:
                    s.close()
            time.sleep(0.3)  # closed: the address may connect again
            self.assertEqual(timed_get(server.port)[0], 200)

    def test_a_trusted_proxy_is_not_capped(self):
        with PortalServer("--max-connections-per-address", "5", "--trusted-proxy", "127.0.0.1/32") as server:
            held = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(12)]
            try:
                assert_each_served(self, held)
            finally:
                for s in held:
                    s.close()


class IdleAndSlowConnectionsTest(unittest.TestCase):
    def test_500_idle_and_50_slow_connections_do_not_delay_a_request(self):
        with PortalServer("--max-connections-per-address", "0") as server:
            idle = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(500)]
            slow = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(50)]
            stop = threading.Event()

            def trickle():  # a header byte every 0.5 s on each slow connection
                header = b"GET /api/v1/health HTTP/1.1\r\nHost: portal\r\nX-Padding: " + b"x" * 200
                i = 0
                while not stop.is_set() and i < len(header):
                    for s in slow:
                        try:
                            s.send(header[i:i + 1])
                        except OSError:
                            pass
                    i += 1
                    stop.wait(0.5)

            t = threading.Thread(target=trickle)
            t.start()
            try:
                time.sleep(1.0)
                times = []
                for _ in range(20):
                    status, ms = timed_get(server.port)
                    self.assertEqual(status, 200)
                    times.append(ms)
                print(f"\n[http] with 500 idle and 50 slow connections open: slowest of 20 requests {max(times):.1f} ms")
                self.assertLess(max(times), 200)
            finally:
                stop.set()
                t.join()
                for s in idle + slow:
                    s.close()


class GracefulStopTest(unittest.TestCase):
    def test_sigterm_answers_requests_in_flight_with_connection_close_and_exits_0(self):
        server = PortalServer("--shutdown-grace", "10", fast_hash=False)  # a login takes a while: in flight
        server.start()
        try:
            customer = new_customer(server, "graceful")
            errors, answered, closes = [], [0], [0]
            lock = threading.Lock()
            stop = threading.Event()

            def loop():
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=15)
                served_on_it = 0
                while not stop.is_set():
                    try:
                        conn.request("GET", "/api/v1/health")
                        r = conn.getresponse()
                        r.read()
                    except (ConnectionRefusedError, ConnectionResetError, http.client.RemoteDisconnected,
                            BrokenPipeError) as e:
                        if served_on_it:  # a request sent on a kept-alive connection got no answer
                            with lock:
                                errors.append(f"{type(e).__name__} after {served_on_it} answers")
                        return
                    served_on_it += 1
                    with lock:
                        answered[0] += 1
                    if r.will_close:  # the server said Connection: close: this connection is done
                        with lock:
                            closes[0] += 1
                        conn.close()
                        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=15)
                        served_on_it = 0

            login_result = []

            def slow_login():
                login_result.append(customer.login(customer.email))

            threads = [threading.Thread(target=loop) for _ in range(6)]
            for t in threads:
                t.start()
            time.sleep(1.0)
            login = threading.Thread(target=slow_login)
            login.start()
            time.sleep(0.05)  # the login is being hashed
            server.proc.send_signal(signal.SIGTERM)
            code = server.proc.wait(20)
            login.join(10)
            stop.set()
            for t in threads:
                t.join(10)
            self.assertEqual(code, 0)
            self.assertEqual(errors, [])
            self.assertGreater(answered[0], 50)
            self.assertGreaterEqual(closes[0], 1, "no answer said Connection: close")
            self.assertEqual(len(login_result), 1)
            self.assertEqual(login_result[0][0], 200, login_result)
            time.sleep(0.2)
            self.assertTrue(any("stopping:" in l for l in server.lines), server.lines[-5:])
        finally:
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
