"""Durability: several clients submit readings at full speed, the server is killed with SIGKILL in
the middle, restarted on the same database; every submission that got a 201 is there, with all
its registers, and nothing is half-written."""
import signal
import threading
import time
import unittest

from portal import Customer, PortalServer, import_contracts, new_customer

CLIENTS = 4
POINTS_PER_CLIENT = 12
DATES = ["2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"]


def registry_rows():
    rows = []
    for i in range(CLIENTS * POINTS_PER_CLIENT):
        rows.append(f"D-{i:04d},{4100000 + i},,electricity,ELJ,Testna ulica {i + 1},Ljubljana,1000,VT+MT,6,Test,,")
    return rows


class DurabilityTest(unittest.TestCase):
    def test_sigkill_under_load_loses_no_acknowledged_write(self):
        env = {"PORTAL_NOW": "2026-11-30T10:00:00+01:00"}
        s = PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", env=env)
        import_contracts(s, registry_rows())
        s.start()
        clients = []
        for k in range(CLIENTS):
            c = new_customer(s, f"durable{k}")
            c.points = []
            for i in range(k * POINTS_PER_CLIENT, (k + 1) * POINTS_PER_CLIENT):
                status, body, _ = c.call("POST", "/api/v1/contracts", {
                    "metering_point": str(4100000 + i), "contract_number": f"D-{i:04d}", "energy": "electricity",
                    "operator": "ELJ"})
                self.assertEqual(status, 201, body)
                c.points.append(body["contract"]["metering_point"]["id"])
            clients.append(c)

        acked = []  # (client index, metering point, submission id, values)
        lock = threading.Lock()
        stop = threading.Event()

        def work(k):
            c = clients[k]
            n = 0
            while not stop.is_set():
                mp = c.points[n % POINTS_PER_CLIENT]
                day = (n // POINTS_PER_CLIENT) % len(DATES)
                if n // (POINTS_PER_CLIENT * len(DATES)) > 0:
                    return  # every slot used once
                values = {"VT": 1000 + 10 * day, "MT": 500 + 5 * day}
                try:
                    status, body, _ = c.call("POST", f"/api/v1/metering-points/{mp}/readings",
                                             {"date": DATES[day], "type": "own_record", "values": values})
                except OSError:
                    return  # the server is gone: this one was never acknowledged
                if status == 201:
                    with lock:
                        acked.append((k, mp, body["submission_id"], values))
                n += 1

        threads = [threading.Thread(target=work, args=(k,)) for k in range(CLIENTS)]
        for t in threads:
            t.start()
        deadline = time.time() + 20
        while time.time() < deadline and len(acked) < 120:
            time.sleep(0.005)
        s.proc.send_signal(signal.SIGKILL)
        s.proc.wait()
        stop.set()
        for t in threads:
            t.join()
        self.assertGreaterEqual(len(acked), 120, "the load did not get going")
        self.assertLess(len(acked), CLIENTS * POINTS_PER_CLIENT * len(DATES), "killed after the run, not during it")

        # Restart on the same database and look for every acknowledged submission.
        again = PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", env=env, data_dir=s.data_dir, db=s.db)
        again.start()
        try:
            found = {}
            for k, c in enumerate(clients):
                fresh = Customer(again)
                self.assertEqual(fresh.login(c.email)[0], 200)
                for mp in c.points:
                    status, rows, _ = fresh.call("GET", f"/api/v1/metering-points/{mp}/readings")
                    self.assertEqual(status, 200)
                    for r in rows:
                        found.setdefault(r["submission_id"], {})[r["register"]] = r["value"]
            for k, mp, sub, values in acked:
                self.assertIn(sub, found, f"acknowledged submission {sub} was lost")
                self.assertEqual(found[sub], values, f"submission {sub} is not whole")
            # Nothing half-written: every submission there has both registers.
            for sub, regs in found.items():
                self.assertEqual(set(regs), {"VT", "MT"}, sub)
            print(f"durability: {len(acked)} acknowledged before SIGKILL, {len(found)} present after restart, 0 lost")
        finally:
            again.cleanup()


if __name__ == "__main__":
    unittest.main()
