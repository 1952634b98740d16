"""Starts a real portal-server for a test (its own port and data folder) and talks HTTP to it.
Standard library only; run with /usr/bin/python3."""
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
SERVER = os.path.join(ROOT, "build", "native", "src", "server", "portal-server")
WEB_ROOT = os.path.join(ROOT, "build", "wasm", "web")


class PortalServer:
    """A portal-server process on a free port: `with PortalServer() as s: s.get('/api/v1/health')`."""

    def __init__(self, *flags, env=None, data_dir=None, db=None):
        self.flags = list(flags)
        self.env = dict(os.environ, **(env or {}))
        self.own_dir = data_dir is None
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="portal-test-")
        self.db = db
        self.proc = None
        self.port = None
        self.lines = []

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
