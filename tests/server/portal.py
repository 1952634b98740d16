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
import socket
import subprocess
import tempfile
import threading
import time
import unittest

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

    def __init__(self, *flags, env=None, data_dir=None, db=None, fast_hash=True, use_backend=True, log_file=False):
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
        # log_file: the server's output goes to a file instead of a pipe this process must drain
        # (benchmarks: reading 30,000 log lines a second in Python would compete for the CPU).
        self.log_file = os.path.join(self.data_dir, "server.log") if log_file else None

    @property
    def outbox(self):
        if "--outbox" in self.flags:
            return self.flags[self.flags.index("--outbox") + 1]
        return os.path.join(self.data_dir, "outbox")

    def start(self):
        cmd = [SERVER, "--host", "127.0.0.1", "--port", "0", "--data-dir", self.data_dir,
               "--web-root", WEB_ROOT] + self.flags
        if self.db:
            cmd += ["--db", self.db]
        if self.log_file:
            out = open(self.log_file, "w")
            self.proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=self.env)
            out.close()
            deadline = time.time() + 20
            while time.time() < deadline and self.proc.poll() is None:
                text = open(self.log_file, encoding="utf-8", errors="replace").read()
                m = re.search(r"listening on http://[^:]+:(\d+)", text)
                if m:
                    self.port = int(m.group(1))
                    return self
                time.sleep(0.05)
            self.stop()
            raise RuntimeError("portal-server did not start:\n" + open(self.log_file).read())
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


class ServerCase(unittest.TestCase):
    """One server for the whole class, started with `server_flags`."""
    server_flags = ()

    @classmethod
    def setUpClass(cls):
        cls.server = PortalServer(*cls.server_flags).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()


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


# [SECTION] Mail over SMTP
class Inbox:
    """What a real SMTP server received (an aiosmtpd handler: Controller(Inbox(), ...)); each
    message as (envelope sender, envelope recipients, parsed message)."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), msg))
        return "250 OK"

    def wait(self, count, timeout=15):
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.05)
        raise AssertionError(f"expected {count} messages over SMTP, got {len(self.messages)}")

    def received(self, to, subject_contains=None):
        """The messages whose envelope went to `to`, oldest first."""
        with self.lock:
            return [m for m in self.messages if to in m[1] and
                    (subject_contains is None or subject_contains in str(m[2]["Subject"]))]

    def wait_for(self, to, count=1, timeout=15, subject_contains=None):
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = self.received(to, subject_contains)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"expected {count} message(s) to {to} over SMTP, got {len(self.received(to))}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


# [SECTION] The supplier's registry, through portal-admin
ADMIN = os.environ.get("PORTAL_ADMIN_BIN") or os.path.join(ROOT, "build", "native", "src", "tools", "portal-admin")


def admin(server, *args):
    """Runs portal-admin against the server's database; returns (exit code, stdout, stderr)."""
    db = server.db or os.path.join(server.data_dir, "portal.db")
    p = subprocess.run([ADMIN, "--db", db] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def gsrn(first17):
    """Appends the GS1 check digit (from the right: x3, x1, x3, ...)."""
    s = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(first17)))
    return first17 + str((10 - s % 10) % 10)


def write_csv(rows, header):
    f = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8", newline="")
    f.write(header + "\n")
    for r in rows:
        f.write(r + "\n")
    f.close()
    return f.name


CONTRACTS_HEADER = ("contract_number,metering_point,gsrn,energy,operator,street,city,postal_code,registers,"
                    "meter_digits,customer_name,valid_from,valid_to")
READINGS_HEADER = "metering_point,date,register,value,source"


def import_contracts(server, rows):
    path = write_csv(rows, CONTRACTS_HEADER)
    try:
        rc, out, err = admin(server, "import-contracts", path)
        if rc != 0:
            raise AssertionError(f"import-contracts failed: {err}")
    finally:
        os.remove(path)


def import_readings(server, rows):
    path = write_csv(rows, READINGS_HEADER)
    try:
        rc, out, err = admin(server, "import-readings", path)
        if rc != 0:
            raise AssertionError(f"import-readings failed: {err}")
    finally:
        os.remove(path)


def monthly_readings(number, register, start_date, months, start_value, per_month, source="operator"):
    """Operator readings on the last day of `months` months from start_date ("YYYY-MM"), as CSV rows."""
    import calendar
    y, m = map(int, start_date.split("-"))
    rows, value = [], start_value
    for i in range(months):
        last = calendar.monthrange(y, m)[1]
        step = per_month(m) if callable(per_month) else per_month
        value += step
        rows.append(f"{number},{y:04d}-{m:02d}-{last:02d},{register},{value},{source}")
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return rows


class Registry:
    """A small registry every readings test uses (metering points of several operators)."""
    ELJ_GSRN = gsrn("38312345678901234")
    CONTRACTS = [
        f"E-100,3-345341,{ELJ_GSRN},electricity,ELJ,Šmartinska cesta 5,Ljubljana,1000,VT+MT,6,Žiga Čebašek,2024-01-01,",
        "E-101,2123456,,electricity,EMB,Partizanska cesta 12,Maribor,2000,ET,6,Marko Horvat,2024-01-01,",
        "P-200,DOPL-123456789012,,gas,DOPL,Koroška cesta 21,Kranj,4000,M3,5,Ana Novak,2024-01-01,",
        "P-201,ENLJ-200000000001,,gas,ENLJ,Trubarjeva ulica 9,Ljubljana,1000,M3,5,Eva Zupan,2024-01-01,",
        "P-202,MEPL-200000000002,,gas,MEPL,Vrtna ulica 3,Žalec,3310,M3,5,Rok Turk,2024-01-01,",
        "E-102,3999001,,electricity,ELJ,Stara ulica 1,Ljubljana,1000,ET,6,Nekdanji Najemnik,2024-01-01,2025-06-30",
        "E-103,5000001,,electricity,EGO,Gorenjska cesta 7,Kranj,4000,ET,5,Blaž Kos,2024-01-01,",
        "E-104,3999002,,electricity,ELJ,Nova ulica 2,Ljubljana,1000,ET,6,Nova Najemnica,2026-07-01,",
    ]

    @staticmethod
    def readings():
        rows = []
        rows += monthly_readings("3345341", "VT", "2025-01", 22, 20000, 300)
        rows += monthly_readings("3345341", "MT", "2025-01", 22, 9000, 150)
        rows += monthly_readings("2123456", "ET", "2025-01", 22, 40000, 400)
        # Gas: winter-heavy (seasonal expectations where a year of history exists).
        rows += monthly_readings("DOPL-123456789012", "M3", "2025-01", 22, 5000,
                                 lambda m: 180 if m in (12, 1, 2) else 120 if m in (3, 11) else 30)
        rows += monthly_readings("ENLJ-200000000001", "M3", "2025-01", 22, 7000, 60)
        rows += monthly_readings("5000001", "ET", "2025-01", 22, 90000, 450)  # 5 digits: rolls over soon
        rows += monthly_readings("3999002", "ET", "2025-01", 22, 1000, 100)   # old tenant's before 2026-07
        return rows

    @classmethod
    def load(cls, server):
        import_contracts(server, cls.CONTRACTS)
        import_readings(server, cls.readings())


# [SECTION] Customers
import itertools  # noqa: E402

PASSWORD = "Zelo-Varno-Geslo-42"
_addresses = itertools.count(1)


def profile(**overrides):
    body = {
        "name": "Žiga Čebašek", "street": "Šmartinska cesta 5", "city": "Ljubljana", "postal_code": "1000",
        "post": "Ljubljana", "country": "SI", "phone": "041 123 456", "gender": "male", "notifications": True,
        "terms_accepted": True, "locale": "sl",
    }
    body.update(overrides)
    return body


class Customer(Client):
    """A customer's browser behind its own address (the server trusts 127.0.0.1 as a proxy)."""

    def __init__(self, server, address=None):
        super().__init__(server)
        self.address = address or f"10.1.{next(_addresses) // 250}.{next(_addresses) % 250 + 1}"

    def call(self, method, path, body=None, headers=None, raw=None):
        h = dict(headers or {})
        h.setdefault("X-Forwarded-For", self.address)
        return super().call(method, path, body, h, raw)

    def register(self, email, password=PASSWORD, **overrides):
        body = {"email": email, "password": password, "password_repeat": password}
        body.update(profile(**overrides))
        return self.call("POST", "/api/v1/auth/register", body)

    def login(self, email, password=PASSWORD, remember=False):
        return self.call("POST", "/api/v1/auth/login", {"email": email, "password": password, "remember": remember})


def unique_email(tag):
    return f"{tag}.{time.time_ns() % 10**12}@example.si"




def new_customer(server, tag="kupec", **overrides):
    """Registers, activates and logs in a customer behind its own address; returns it (with .email)."""
    c = Customer(server)
    email = unique_email(tag)
    status, body, _ = c.register(email, **overrides)
    assert status == 202, body
    token = wait_for_mail(server, email)[0].token("/activate?token=")
    status, body, _ = c.call("POST", "/api/v1/auth/activate", {"token": token})
    assert status == 200, body
    status, body, _ = c.login(email)
    assert status == 200, body
    c.email = email
    return c


def stored_submissions(server, customers):
    """{submission id: {register: value}} of every reading the customers' metering points list
    (`c.points`), read through fresh logins."""
    found = {}
    for c in customers:
        fresh = Customer(server)
        assert fresh.login(c.email)[0] == 200
        for mp in c.points:
            status, rows, _ = fresh.call("GET", f"/api/v1/metering-points/{mp}/readings")
            assert status == 200, rows
            for r in rows:
                found.setdefault(r["submission_id"], {})[r["register"]] = r["value"]
    return found


def submit_own_record(c, n, dates, vt0, mt0):
    """The customer's n-th own record: metering point n % len(c.points) on the day n // len(c.points),
    VT vt0 + 10 a day and MT mt0 + 5 a day. (metering point, submission id, values) once acknowledged."""
    mp, day = c.points[n % len(c.points)], n // len(c.points)
    values = {"VT": vt0 + 10 * day, "MT": mt0 + 5 * day}
    status, body, _ = c.call("POST", f"/api/v1/metering-points/{mp}/readings",
                             {"date": dates[day], "type": "own_record", "values": values})
    return (mp, body["submission_id"], values) if status == 201 else None
