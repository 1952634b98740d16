"""Durability: several clients submit readings at full speed, the server is killed with SIGKILL in
the middle, restarted on the same database; every submission that got a 201 is there, with all
its registers, and nothing is half-written. bench/durability.py repeats this 20 times."""
import signal
import threading
import time
import unittest

from portal import PortalServer, import_contracts, new_customer, stored_submissions, submit_own_record

CLIENTS = 4
POINTS_PER_CLIENT = 12
DATES = ["2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"]
ENV = {"PORTAL_NOW": "2026-11-30T10:00:00+01:00"}


def server(data_dir=None, db=None):
    return PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", env=ENV, data_dir=data_dir, db=db)


def prepare():
    """A running server with CLIENTS customers, each linked to POINTS_PER_CLIENT metering points."""
    s = server()
    import_contracts(s, [f"D-{i:04d},{4100000 + i},,electricity,ELJ,Testna ulica {i + 1},Ljubljana,1000,VT+MT,6,Test,,"
                         for i in range(CLIENTS * POINTS_PER_CLIENT)])
    s.start()
    clients = []
    for k in range(CLIENTS):
        c = new_customer(s, f"durable{k}")
        c.points = []
        for i in range(k * POINTS_PER_CLIENT, (k + 1) * POINTS_PER_CLIENT):
            status, body, _ = c.call("POST", "/api/v1/contracts", {
                "metering_point": str(4100000 + i), "contract_number": f"D-{i:04d}", "energy": "electricity",
                "operator": "ELJ"})
            assert status == 201, body
            c.points.append(body["contract"]["metering_point"]["id"])
        clients.append(c)
    return s, clients


def load_and_kill(s, clients, kill_after, base=1000):
    """Every client submits at full speed (one own record per metering point and day) until
    `kill_after` were acknowledged, then the server gets SIGKILL. Returns the acknowledged
    [(metering point, submission id, values)] and how many slots there were."""
    acked = []
    lock = threading.Lock()
    stop = threading.Event()
    for c in clients:
        c.server = s

    def work(c):
        for n in range(POINTS_PER_CLIENT * len(DATES)):
            if stop.is_set():
                return
            try:
                done = submit_own_record(c, n, DATES, base, base // 2)
            except OSError:
                return  # the server is gone: this one was never acknowledged
            if done:
                with lock:
                    acked.append(done)

    threads = [threading.Thread(target=work, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    deadline = time.time() + 30
    while time.time() < deadline and len(acked) < kill_after:
        time.sleep(0.002)
    s.proc.send_signal(signal.SIGKILL)
    s.proc.wait()
    stop.set()
    for t in threads:
        t.join()
    return acked, CLIENTS * POINTS_PER_CLIENT * len(DATES)


def verify(s, clients, acked):
    """Reads every list after the restart; returns (lost ids, half-written ids, present count)."""
    found = stored_submissions(s, clients)
    lost = [sub for _, sub, values in acked if found.get(sub) != values]
    half = [sub for sub, regs in found.items() if set(regs) != {"VT", "MT"}]
    return lost, half, len(found)


class DurabilityTest(unittest.TestCase):
    def test_sigkill_under_load_loses_no_acknowledged_write(self):
        s, clients = prepare()
        acked, slots = load_and_kill(s, clients, kill_after=120)
        self.assertGreaterEqual(len(acked), 120, "the load did not get going")
        self.assertLess(len(acked), slots, "killed after the run, not during it")
        again = server(s.data_dir, s.db).start()
        try:
            lost, half, present = verify(again, clients, acked)
            self.assertEqual(lost, [], "acknowledged submissions lost or changed")
            self.assertEqual(half, [], "submissions without all their registers")
            print(f"durability: {len(acked)} acknowledged before SIGKILL, {present} present after restart, 0 lost")
        finally:
            again.cleanup()


if __name__ == "__main__":
    unittest.main()
