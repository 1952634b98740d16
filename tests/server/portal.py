"""Starts a real portal-server for a test (its own port and data folder) and talks HTTP to it.
Standard library only; run with /usr/bin/python3."""
import email
import email.policy
import glob
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SERVER = os.environ.get("PORTAL_SERVER_BIN") or os.path.join(ROOT, "build", "native", "src", "server", "portal-server")
WEB_ROOT = os.path.join(ROOT, "build", "wasm", "web")


# Tests are cheap on argon2id; test_api_accounts checks the production parameters separately.
FAST_HASH = ["--argon2-ops", "1", "--argon2-mem-kib", "8192"]
_db_counter = [0]


def backend():
    """The database the API tests run against: sqlite (default) or postgresql (serve.py starts a
    throw-away cluster and sets PORTAL_TEST_PG_URL)."""
    return os.environ.get("PORTAL_TEST_DB", "sqlite")


def fresh_postgres_db():
    """Creates an empty database in the test cluster and returns its URL."""
    base = os.environ["PORTAL_TEST_PG_URL"]  # postgresql://postgres@127.0.0.1:PORT
    host_port = base.split("@", 1)[1].split("/", 1)[0]
    host, port = host_port.split(":")
    _db_counter[0] += 1
    name = f"portal_{os.getpid()}_{_db_counter[0]}_{int(time.time() * 1000) % 100000}"
    subprocess.run(["psql", "-h", host, "-p", port, "-U", "postgres", "-d", "postgres", "-q", "-c",
                    f"CREATE DATABASE {name}"], check=True, capture_output=True)
    return f"{base}/{name}"


class PortalServer:
    """A portal-server process on a free port: `with PortalServer() as s: s.get('/api/v1/health')`.
    Its database is SQLite in its own folder, or a fresh PostgreSQL database when the suite runs
    against PostgreSQL (unless `db` is given)."""

    def __init__(self, *flags, env=None, data_dir=None, db=None, fast_hash=True, use_backend=True):
        self.flags = list(flags) + (FAST_HASH if fast_hash else [])
        self.env = dict(os.environ, **(env or {}))
        self.own_dir = data_dir is None
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="portal-test-")
        if db is None and use_backend and backend() == "postgresql":
            db = fresh_postgres_db()
        self.db = db
        self.proc = None
        self.port = None
        self.lines = []

    @property
    def outbox(self):
        return os.path.join(self.data_dir, "outbox")

    def start(self):
        cmd = [SERVER, "--host", "127.0.0.1", "--port", "0", "--data-dir", self.data_dir,
               "--web-root", WEB_ROOT] + self.flags
        if self.db:
            cmd += ["--db", self.db]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=self.env,
                                     text=True, bufsize=1)
        deadline = time.time() + 20
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.lines.append(line)
            m = re.search(r"listening on http://[^:]+:(\d+)", line)
            if m:
                self.port = int(m.group(1))
                threading.Thread(target=self._drain, daemon=True).start()
                return self
        self.stop()
        raise RuntimeError("portal-server did not start:\n" + "".join(self.lines))

    def _drain(self):
        for line in self.proc.stdout:
            self.lines.append(line)

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def cleanup(self):
        self.stop()
        if self.own_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def request(self, method, path, body=None, headers=None, raw=None):
        """Returns (status, headers dict with lower-case names, body bytes)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = dict(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        payload = r.read()
        out = (r.status, {k.lower(): v for k, v in r.getheaders()}, payload)
        conn.close()
        return out

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def json(self, method, path, body=None, headers=None):
        status, hdrs, payload = self.request(method, path, body=body, headers=headers)
        return status, hdrs, (json.loads(payload) if payload else None)


# [SECTION] Mail in the outbox
class Mail:
    """One .eml from the outbox: headers, the text/plain part, and its links."""

    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            self.msg = email.message_from_binary_file(f, policy=email.policy.default)
        self.to = str(self.msg["To"])
        self.subject = str(self.msg["Subject"])
        part = self.msg.get_body(preferencelist=("plain",))
        self.text = part.get_content() if part else ""
        html = self.msg.get_body(preferencelist=("html",))
        self.html = html.get_content() if html else ""
        self.links = [l.strip() for l in self.text.splitlines() if l.strip().startswith(("http://", "https://"))]

    def link(self, path_prefix):
        for l in self.links:
            if path_prefix in l:
                return l
        raise AssertionError(f"no {path_prefix} link in mail to {self.to}: {self.text}")

    def token(self, path_prefix):
        return self.link(path_prefix).split("token=", 1)[1]


def outbox_files(server, ext="eml"):
    return sorted(glob.glob(os.path.join(server.outbox, f"*.{ext}")))


def wait_for_mail(server, to, count=1, timeout=10, subject_contains=None):
    """Waits until `count` mails to `to` are in the outbox; returns them, oldest first."""
    deadline = time.time() + timeout
    found = []
    while time.time() < deadline:
        found = [m for m in (Mail(p) for p in outbox_files(server)) if m.to == to and
                 (subject_contains is None or subject_contains in m.subject)]
        if len(found) >= count:
            return found
        time.sleep(0.05)
    raise AssertionError(f"expected {count} mail(s) to {to}, found {len(found)}")


def mails_to(server, to):
    return [m for m in (Mail(p) for p in outbox_files(server)) if m.to == to]


class Client:
    """A browser-like API client with its own cookie jar (one customer's browser)."""

    def __init__(self, server):
        self.server = server
        self.cookies = {}

    def call(self, method, path, body=None, headers=None, raw=None):
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=60)
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        payload = r.read()
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, rest = v.split("=", 1)
                value = rest.split(";", 1)[0]
                if "Max-Age=0" in v:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value
        hdrs = {k.lower(): v for k, v in r.getheaders()}
        conn.close()
        try:
            parsed = json.loads(payload) if payload else None
        except ValueError:
            parsed = payload
        return r.status, parsed, hdrs

    def codes(self, method, path, body=None):
        status, data, _ = self.call(method, path, body)
        return status, [e["code"] for e in (data or {}).get("errors", [])]
