"""Shared by the benchmarks: a portal-server with a customer and a 50-row reading list, nginx
serving a static file, and wrk's figures."""
import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "server"))
from portal import Customer, PortalServer, import_contracts, import_readings, monthly_readings, new_customer  # noqa

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wrk(url, seconds=10, connections=64, threads=2, headers=(), script=None):
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for h in headers:
        cmd += ["-H", h]
    if script:
        cmd += ["-s", script]
    out = subprocess.run(cmd + [url], capture_output=True, text=True).stdout
    pct = {m.group(1): to_ms(m.group(2)) for m in re.finditer(r"^\s+(50|75|90|99)%\s+(\S+)", out, re.M)}
    rps = float(re.search(r"Requests/sec:\s+(\S+)", out).group(1))
    errors = 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        errors += sum(int(x) for x in m.groups())
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if m:
        errors += int(m.group(1))
    return {"rps": rps, "p50": pct.get("50"), "p99": pct.get("99"), "errors": errors, "raw": out}


def probe_connections(port, path, headers=(), connections=512, requests=5, timeout=20.0):
    """Opens `connections` keep-alive connections at once and sends `requests` requests on each in
    turn; returns (connections that got every answer 200, slowest answer in ms). wrk cannot say
    this: a connection that never gets an answer counts as no error there."""
    async def one(lines):
        slowest = 0.0
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            return False, 0.0
        try:
            for _ in range(requests):
                t0 = time.perf_counter()
                writer.write(lines)
                await writer.drain()
                head = await reader.readuntil(b"\r\n\r\n")
                if not head.startswith(b"HTTP/1.1 200"):
                    return False, slowest
                length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))
                await reader.readexactly(length)
                slowest = max(slowest, (time.perf_counter() - t0) * 1000)
            return True, slowest
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            return False, slowest
        finally:
            writer.close()

    async def run():
        lines = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "".join(h + "\r\n" for h in headers) +
                 "\r\n").encode()
        results = await asyncio.wait_for(asyncio.gather(*(one(lines) for _ in range(connections))), timeout)
        return sum(1 for ok, _ in results if ok), max(ms for _, ms in results)

    try:
        return asyncio.run(run())
    except asyncio.TimeoutError:
        return 0, timeout * 1000


def to_ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v)
    n = float(m.group(1))
    return n / 1000 if m.group(2) == "us" else n * 1000 if m.group(2) == "s" else n


class StaticNginx:
    """nginx serving one file, as a reference for what the machine can do."""

    def __init__(self, body, name="list.json", content_type="application/json"):
        self.dir = tempfile.mkdtemp(prefix="bench-nginx-")
        self.port = free_port()
        with open(os.path.join(self.dir, name), "wb") as f:
            f.write(body)
        conf = os.path.join(self.dir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(f"user root;\nworker_processes auto;\npid {self.dir}/nginx.pid;\nerror_log {self.dir}/error.log;\n"
                    "events { worker_connections 1024; }\n"
                    f"http {{ access_log off; keepalive_requests 100000; types {{ {content_type} json; }}\n"
                    f" client_body_temp_path {self.dir}/b; proxy_temp_path {self.dir}/p;\n"
                    f" server {{ listen 127.0.0.1:{self.port}; root {self.dir}; }} }}\n")
        self.proc = subprocess.Popen([NGINX, "-p", self.dir, "-c", conf, "-g", "daemon off;"])
        time.sleep(0.3)
        self.url = f"http://127.0.0.1:{self.port}/{name}"

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def server_with_list(*flags, db=None, rows=50, fast_hash=True):
    """A server whose customer has one ET metering point with `rows` readings; returns
    (server, customer, metering point id)."""
    s = PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", *flags, env={"PORTAL_NOW": "2026-11-20T10:00:00+01:00"},
                     db=db, log_file=True, fast_hash=fast_hash)
    import_contracts(s, ["B-1,6000001,,electricity,ELJ,Benchmarkova ulica 1,Ljubljana,1000,ET,6,Bench,,"])
    first = 2026 * 12 + 10 - rows  # `rows` months ending October 2026
    import_readings(s, monthly_readings("6000001", "ET", f"{first // 12}-{first % 12 + 1:02d}", rows, 1000, 300))
    s.start()
    c = new_customer(s, "bench")
    status, body, _ = c.call("POST", "/api/v1/contracts", {"metering_point": "6000001", "contract_number": "B-1",
                                                           "energy": "electricity", "operator": "ELJ"})
    assert status == 201, body
    return s, c, body["contract"]["metering_point"]["id"]
