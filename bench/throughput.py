"""Authenticated GET of a 50-row reading list against nginx serving the same bytes as a static
file, side by side with wrk (2 threads, 64 connections), interleaved rounds in one run; then the
same against PostgreSQL. Prints requests/s, the ratio, p50/p99 and errors. A third contestant,
bench/httplib_floor (Debian's cpp-httplib with the portal's settings serving the same bytes from
memory and doing nothing else), shows what the HTTP layer alone reaches on this machine.
Then 512 keep-alive connections: wrk -c512 against both, and while it runs a probe that opens 512
more connections and checks that every one of them is answered (wrk counts a connection that
never gets an answer as no error).
Targets (SQLite, issue 14): at 64 connections ratio >= 0.6 and p99 <= max(2 x nginx's p99, 10 ms);
at 512 every connection answered, zero errors, p99 < 100 ms.

Usage: /usr/bin/python3 bench/throughput.py [--seconds 8] [--rounds 3] [--no-postgres]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import StaticNginx, free_port, probe_connections, server_with_list, wrk  # noqa: E402

FLOOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "native", "bench", "httplib_floor",
                     "httplib-floor")


def measure(label, s, c, mp, seconds, rounds):
    url = f"{s.base}/api/v1/metering-points/{mp}/readings"
    status, body, _ = c.call("GET", f"/api/v1/metering-points/{mp}/readings")
    assert status == 200 and len(body) == 50, (status, len(body))
    raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    nginx = StaticNginx(raw)
    body_file = tempfile.NamedTemporaryFile(suffix=".json", delete=False)
    body_file.write(raw)
    body_file.close()
    floor_port = free_port()
    floor = subprocess.Popen([FLOOR, str(floor_port), body_file.name]) if os.path.exists(FLOOR) else None
    time.sleep(0.3)
    floor_url = f"http://127.0.0.1:{floor_port}/list.json"
    cookie = "Cookie: portal_session=" + c.cookies["portal_session"]
    portal_runs, nginx_runs, floor_runs = [], [], []
    try:
        wrk(url, 2, headers=[cookie])  # warm-up: connections, caches
        wrk(nginx.url, 2)
        for _ in range(rounds):
            nginx_runs.append(wrk(nginx.url, seconds))
            if floor:
                floor_runs.append(wrk(floor_url, seconds))
            portal_runs.append(wrk(url, seconds, headers=[cookie]))
    finally:
        nginx.stop()
        if floor:
            floor.terminate()
            floor.wait()
        os.remove(body_file.name)
    med = lambda runs, k: statistics.median(r[k] for r in runs)  # noqa: E731
    p_rps, n_rps = med(portal_runs, "rps"), med(nginx_runs, "rps")
    errors = sum(r["errors"] for r in portal_runs)
    print(f"{label}: body {len(raw)} bytes, {rounds} interleaved rounds of {seconds} s, wrk -t2 -c64")
    print(f"  nginx static : {n_rps:9.0f} req/s  p50 {med(nginx_runs, 'p50'):6.2f} ms  p99 {med(nginx_runs, 'p99'):6.2f} ms")
    if floor_runs:
        print(f"  bare httplib : {med(floor_runs, 'rps'):9.0f} req/s  p50 {med(floor_runs, 'p50'):6.2f} ms  "
              f"p99 {med(floor_runs, 'p99'):6.2f} ms  (ratio to nginx {med(floor_runs, 'rps') / n_rps:.2f})")
    print(f"  portal-server: {p_rps:9.0f} req/s  p50 {med(portal_runs, 'p50'):6.2f} ms  p99 {med(portal_runs, 'p99'):6.2f} ms"
          f"  errors {errors}")
    print(f"  ratio portal/nginx: {p_rps / n_rps:.2f}" +
          (f"   portal/bare httplib: {p_rps / med(floor_runs, 'rps'):.2f}" if floor_runs else ""))
    return p_rps / n_rps, med(portal_runs, "p99"), med(nginx_runs, "p99"), errors


def many_connections(s, c, mp, seconds):
    """wrk -c512 on nginx and the portal, and the 512-connection probe beside the portal's run."""
    path = f"/api/v1/metering-points/{mp}/readings"
    cookie = "Cookie: portal_session=" + c.cookies["portal_session"]
    raw = json.dumps(c.call("GET", path)[1], ensure_ascii=False, separators=(",", ":")).encode()
    nginx = StaticNginx(raw)
    try:
        n = wrk(nginx.url, seconds, connections=512)
    finally:
        nginx.stop()
    result = {}
    background = threading.Thread(target=lambda: result.update(wrk(s.base + path, seconds, connections=512,
                                                                   headers=[cookie])))
    background.start()
    time.sleep(1.0)  # wrk's 512 connections are open and busy
    served, slowest = probe_connections(s.port, path, headers=[cookie], connections=512)
    background.join()
    print(f"512 connections, wrk -t2 -c512 for {seconds} s, and 512 more opened at once by a probe (5 requests each):")
    print(f"  nginx static : {n['rps']:9.0f} req/s  p99 {n['p99']:6.2f} ms  errors {n['errors']}")
    print(f"  portal-server: {result['rps']:9.0f} req/s  p99 {result['p99']:6.2f} ms  errors {result['errors']}")
    print(f"  probe: {served} of 512 connections answered every time, slowest answer {slowest:.1f} ms")
    return served, result["p99"], result["errors"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-postgres", action="store_true")
    a = ap.parse_args()
    s, c, mp = server_with_list()
    try:
        ratio, p99, nginx_p99, errors = measure("SQLite", s, c, mp, a.seconds, a.rounds)
        served, p99_512, errors_512 = many_connections(s, c, mp, a.seconds)
    finally:
        s.cleanup()
    bound = max(2 * nginx_p99, 10.0)
    ok64 = ratio >= 0.6 and p99 <= bound and errors == 0
    ok512 = served == 512 and errors_512 == 0 and p99_512 < 100
    print(f"target (SQLite, 64 connections) ratio >= 0.6, p99 <= {bound:.1f} ms (2 x nginx or 10 ms), 0 errors: "
          f"{'MET' if ok64 else 'MISSED'}")
    print(f"target (SQLite, 512 connections) all 512 answered, 0 errors, p99 < 100 ms: {'MET' if ok512 else 'MISSED'}")
    ok = ok64 and ok512
    if not a.no_postgres:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
        import serve
        pg = serve.TestPostgres()
        try:
            os.environ["PORTAL_TEST_PG_URL"] = pg.url
            from portal import fresh_postgres_db
            s, c, mp = server_with_list(db=fresh_postgres_db())
            try:
                measure("PostgreSQL", s, c, mp, a.seconds, a.rounds)
            finally:
                s.cleanup()
        finally:
            pg.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
