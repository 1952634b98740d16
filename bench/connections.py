"""Idle and slow connections must not stall anyone (issue 14). Opens 2,000 connections that send
nothing and 300 that send their header a byte every 2 s, all from loopback, then times normal
requests for the reading list (each on a new connection, as a new visitor's would be); then closes
them all and measures throughput with wrk before/after. The same attack against
bench/httplib_floor (Debian's cpp-httplib with the settings portal-server had before: a pool of
96 threads, one per connection) runs side by side to show the old design.

The portal runs with --max-connections-per-address 0: all the connections come from one
address here, and the per-address cap (256 by default) would refuse most of them at once. This
measures the event loop itself, the case of an attack from many addresses.

Bounded: about 2,300 sockets (the script raises its own descriptor limit), about a minute.
Targets: with the connections open, every normal request answered in < 200 ms; afterwards at
least 0.9 of the throughput measured before.

Usage: /usr/bin/python3 bench/connections.py [--idle 2000] [--slow 300] [--requests 30]
"""
import argparse
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import free_port, server_with_list, wrk  # noqa: E402

FLOOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "native", "bench", "httplib_floor",
                     "httplib-floor")


def timed_request(port, path, headers, timeout):
    """ms until a whole 200 answer on a new connection, or None if none came within `timeout`."""
    t0 = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
                       "".join(h + "\r\n" for h in headers) + "\r\n").encode())
            data = b""
            while chunk := s.recv(65536):
                data += chunk
        if not data.startswith(b"HTTP/1.1 200"):
            return None
        return (time.perf_counter() - t0) * 1000
    except OSError:
        return None


class Attack:
    """`idle` connections that send nothing and `slow` ones that send a header byte every 2 s."""

    def __init__(self, port, idle, slow):
        self.sockets, self.slow = [], []
        for i in range(idle + slow):
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=5)
            except OSError:
                break
            (self.slow if i >= idle else self.sockets).append(s)
        self.opened = len(self.sockets) + len(self.slow)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.trickle)
        self.thread.start()

    def trickle(self):
        header = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"x" * 1000
        i = 0
        while not self.stop.is_set() and i < len(header):
            for s in self.slow:
                try:
                    s.send(header[i:i + 1])
                except OSError:
                    pass
            i += 1
            self.stop.wait(2.0)

    def close(self):
        self.stop.set()
        self.thread.join()
        for s in self.sockets + self.slow:
            s.close()


def attack(label, port, path, headers, url, a):
    before = wrk(url, a.seconds, headers=headers)["rps"]
    at = Attack(port, a.idle, a.slow)
    time.sleep(2.0)  # every connection accepted, the first slow bytes sent
    times = []
    for _ in range(a.requests):  # three unanswered in a row: the rest would be too (bounded time)
        times.append(timed_request(port, path, headers, a.timeout))
        if len(times) >= 3 and times[-3:] == [None] * 3:
            break
    at.close()
    time.sleep(1.0)
    after = wrk(url, a.seconds, headers=headers)["rps"]
    answered = [t for t in times if t is not None]
    times += [None] * (a.requests - len(times))
    slowest = max(answered) if answered else float("inf")
    print(f"{label}: {at.opened} connections open ({a.idle} idle, {a.slow} slow); {len(answered)} of {a.requests} "
          f"requests answered within {a.timeout:.0f} s, slowest {slowest:.1f} ms, median "
          f"{sorted(answered)[len(answered) // 2] if answered else float('nan'):.1f} ms; "
          f"throughput before {before:.0f} req/s, after {after:.0f} req/s ({after / before:.2f})")
    return len(answered) == a.requests and slowest < 200, after / before


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--idle", type=int, default=2000)
    ap.add_argument("--slow", type=int, default=300)
    ap.add_argument("--requests", type=int, default=30)
    ap.add_argument("--seconds", type=int, default=3, help="each wrk run before and after")
    ap.add_argument("--timeout", type=float, default=5.0, help="how long a normal request may wait at most")
    a = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    s, c, mp = server_with_list("--max-connections-per-address", "0")
    path = f"/api/v1/metering-points/{mp}/readings"
    cookie = "Cookie: portal_session=" + c.cookies["portal_session"]
    try:
        fast, ratio = attack("portal-server", s.port, path, [cookie], s.base + path, a)
        body = c.call("GET", path)[1]
    finally:
        s.cleanup()

    if os.path.exists(FLOOR):
        import json
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
            f.write(json.dumps(body).encode())
        port = free_port()
        floor = subprocess.Popen([FLOOR, str(port), f.name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard)))
        time.sleep(0.3)
        try:
            attack("before: cpp-httplib, 96 threads (bench/httplib_floor)", port, "/list.json", [],
                   f"http://127.0.0.1:{port}/list.json", a)
        finally:
            floor.terminate()
            floor.wait()
            os.remove(f.name)

    print(f"target: every normal request in < 200 ms with {a.idle} idle and {a.slow} slow connections open: "
          f"{'MET' if fast else 'MISSED'}")
    print(f"target: throughput afterwards >= 0.9 of before: {'MET' if ratio >= 0.9 else 'MISSED'} ({ratio:.2f})")
    return 0 if fast and ratio >= 0.9 else 1


if __name__ == "__main__":
    sys.exit(main())
