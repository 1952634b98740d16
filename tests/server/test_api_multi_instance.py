"""Two portal-server instances on one database behind Debian's nginx, configured with
docs/nginx/portal.conf (only its ports changed): a customer journey across both instances,
throttles shared between them; a rolling restart of both under load loses no request."""
import os
import shutil
import socket
import subprocess
import signal
import tempfile
import threading
import time
import unittest

from portal import ROOT, Customer, PortalServer, Registry, new_customer, wait_for_mail
from test_api_readings import ELJ, typical

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    def __init__(self, port, upstreams):
        self.dir = tempfile.mkdtemp(prefix="portal-nginx-")
        site = open(os.path.join(ROOT, "docs", "nginx", "portal.conf"), encoding="utf-8").read()
        site = site.replace("127.0.0.1:8081", f"127.0.0.1:{upstreams[0]}")
        site = site.replace("127.0.0.1:8082", f"127.0.0.1:{upstreams[1]}")
        site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
        conf = os.path.join(self.dir, "nginx.conf")
        with open(conf, "w", encoding="utf-8") as f:
            f.write(f"worker_processes 1;\npid {self.dir}/nginx.pid;\nerror_log {self.dir}/error.log;\n"
                    "events { worker_connections 256; }\n"
                    f"http {{\n access_log off;\n client_body_temp_path {self.dir}/body;\n"
                    f" proxy_temp_path {self.dir}/proxy;\n{site}\n}}\n")
        self.proc = subprocess.Popen([NGINX, "-p", self.dir, "-c", conf, "-g", "daemon off;"],
                                     stderr=subprocess.PIPE)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nginx did not start: " + self.proc.stderr.read().decode())

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


class Front:
    """Looks like a PortalServer to Customer, but talks to nginx."""

    def __init__(self, port, outbox):
        self.port = port
        self.outbox = outbox


@unittest.skipUnless(os.path.exists(NGINX), "nginx is not installed")
class MultiInstanceTest(unittest.TestCase):
    def test_a_journey_across_two_instances_behind_nginx(self):
        outbox = tempfile.mkdtemp(prefix="portal-outbox-")
        env = {"PORTAL_NOW": "2026-11-30T10:00:00+01:00"}
        ports = [free_port(), free_port()]
        first = PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", "--outbox", outbox, env=env)
        Registry.load(first)
        db = first.db or os.path.join(first.data_dir, "portal.db")
        a = PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", "--outbox", outbox, env=env,
                         data_dir=first.data_dir, db=db)
        b = PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", "--outbox", outbox, env=env, db=db)
        for s, p in ((a, ports[0]), (b, ports[1])):
            s.start_port = p
        a.flags += ["--port", str(ports[0])]
        b.flags += ["--port", str(ports[1])]
        a.start()
        b.start()
        front_port = free_port()
        nginx = Nginx(front_port, [a.port, b.port])
        try:
            front = Front(front_port, outbox)
            c = Customer(front)
            email = "dve.instanci@example.si"
            self.assertEqual(c.register(email)[0], 202)
            token = wait_for_mail(front, email)[0].token("/activate?token=")
            self.assertEqual(c.call("POST", "/api/v1/auth/activate", {"token": token})[0], 200)
            self.assertEqual(c.login(email)[0], 200)
            for _ in range(4):  # the session is valid on both instances
                self.assertEqual(c.call("GET", "/api/v1/me")[1]["user"]["email"], email)
            status, body, _ = c.call("POST", "/api/v1/contracts", {"metering_point": ELJ[0], "contract_number": ELJ[1],
                                                                   "energy": ELJ[2], "operator": ELJ[3]})
            self.assertEqual(status, 201, body)
            mp = body["contract"]["metering_point"]["id"]
            status, body, _ = c.call("POST", f"/api/v1/metering-points/{mp}/readings",
                                     {"date": "2026-11-30", "type": "submission", "values": typical(ELJ, "2026-11-30")})
            self.assertEqual(status, 201, body)
            sub = body["submission_id"]
            for _ in range(4):
                rows = c.call("GET", f"/api/v1/metering-points/{mp}/readings")[1]
                self.assertEqual(rows[0]["submission_id"], sub)
            # Failed logins are counted in the database: ten spread over both, then 429 from either.
            attacker = Customer(front)
            for i in range(10):
                self.assertEqual(attacker.login(email, f"Napacno-{i}-Geslo")[0], 401)
            for _ in range(2):
                status, body, _ = attacker.login(email, "Napacno-X-Geslo")
                self.assertEqual((status, body["errors"][0]["code"]), (429, "auth.too_many_attempts"))
            self.assertEqual(c.call("POST", "/api/v1/auth/logout")[0], 204)
            self.assertEqual(c.codes("GET", "/api/v1/me"), (401, ["auth.required"]))
            # Both instances really served this journey, and saw the client's address via nginx.
            time.sleep(0.3)
            for s in (a, b):
                api_lines = [l for l in s.lines if '"GET /api/v1/' in l or '"POST /api/v1/' in l]
                self.assertGreater(len(api_lines), 3, s.port)
                self.assertTrue(any(l.split(" ")[1].startswith("10.") for l in api_lines), api_lines[:3])
        finally:
            nginx.stop()
            a.cleanup()
            b.cleanup()
            shutil.rmtree(outbox, ignore_errors=True)

    def test_a_rolling_restart_under_load_loses_no_request(self):
        """Each instance in turn gets SIGTERM, exits 0 and starts again, while clients keep reading
        their readings, their profile and submitting (refused) readings through nginx."""
        env = {"PORTAL_NOW": "2026-11-30T10:00:00+01:00"}
        ports = [free_port(), free_port()]
        outbox = tempfile.mkdtemp(prefix="portal-outbox-")
        first = PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", env=env)
        Registry.load(first)
        db = first.db or os.path.join(first.data_dir, "portal.db")
        instances = [PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", "--port", str(p), "--outbox", outbox, env=env,
                                  data_dir=first.data_dir if i == 0 else None, db=db) for i, p in enumerate(ports)]
        for s in instances:
            s.start()
        front_port = free_port()
        nginx = Nginx(front_port, ports)
        stop = threading.Event()
        lock = threading.Lock()
        failures, counts = [], {"ok": 0}
        try:
            front = Front(front_port, outbox)
            c = new_customer(front, "rolling")
            status, body, _ = c.call("POST", "/api/v1/contracts", {"metering_point": ELJ[0], "contract_number": ELJ[1],
                                                                   "energy": ELJ[2], "operator": ELJ[3]})
            self.assertEqual(status, 201, body)
            mp = body["contract"]["metering_point"]["id"]
            calls = [("GET", f"/api/v1/metering-points/{mp}/readings", None, 200),
                     ("GET", "/api/v1/me", None, 200),
                     # A POST that reaches a handler (a value missing: 422): nginx never retries POSTs.
                     ("POST", f"/api/v1/metering-points/{mp}/readings",
                      {"date": "2026-11-30", "type": "submission", "values": []}, 400)]

            def load(call):
                method, path, body, want = call
                while not stop.is_set():
                    try:
                        status, answer, _ = c.call(method, path, body)
                    except OSError as e:
                        status, answer = type(e).__name__, None
                    with lock:
                        if status == want:
                            counts["ok"] += 1
                        else:
                            failures.append((method, path, status, str(answer)[:120]))

            # The expected status of the POST, from the server itself before the restarts.
            calls[2] = calls[2][:3] + (c.call(*calls[2][:3])[0],)
            self.assertIn(calls[2][3], (400, 422))
            threads = [threading.Thread(target=load, args=(call,)) for call in calls for _ in range(2)]
            for t in threads:
                t.start()
            time.sleep(1.0)
            for s in instances:  # one at a time: the other serves meanwhile
                s.proc.send_signal(signal.SIGTERM)
                self.assertEqual(s.proc.wait(20), 0)
                s.start()
                time.sleep(3.5)  # well past nginx's fail_timeout (2 s): it sends to the restarted one again
            time.sleep(0.5)
            stop.set()
            for t in threads:
                t.join(30)
            print(f"\n[rolling restart] {counts['ok']} requests answered as expected, {len(failures)} not")
            summary = sorted({(m, p.split("/")[-1], st): sum(1 for f in failures if f[:3] == (m, p, st))
                              for m, p, st, _ in failures}.items())
            log = open(os.path.join(nginx.dir, "error.log"), encoding="utf-8").read().splitlines()
            self.assertEqual(summary, [], [l for l in log if "connect() failed" not in l][-6:])
            self.assertGreater(counts["ok"], 100)
        finally:
            stop.set()
            nginx.stop()
            for s in instances:
                s.cleanup()
            first.cleanup()
            shutil.rmtree(outbox, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
