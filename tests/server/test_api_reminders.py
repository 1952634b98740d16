"""Reminders by e-mail and SMS: on the opening day and two days before the window closes, only
8:00-20:00, exactly once per customer, window and channel (one or two instances, across
restarts), none after a reading came in or after an unsubscribe; SMS through a real HTTP
gateway on loopback that fails first and then succeeds."""
import json
import tempfile
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from portal import Customer, Mail, PortalServer, Registry, mails_to, new_customer, outbox_files
from test_api_readings import ELJ, EMB, linked, submit, typical


class Gateway:
    """An SMS gateway on loopback that records what it receives; the first `fail` calls get 500."""

    def __init__(self, fail=0):
        self.received = []
        self.calls = 0
        self.fail = fail
        gw = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                gw.calls += 1
                if gw.calls <= gw.fail:
                    self.send_response(500)
                    self.end_headers()
                    return
                gw.received.append((self.headers.get("Content-Type"), json.loads(body)))
                self.send_response(202)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/send"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


def confirm_phone(c):
    before = set(outbox_files(c.server, "sms"))
    assert c.call("POST", "/api/v1/me/phone/verify")[0] == 202
    deadline = time.time() + 10
    while time.time() < deadline:
        new = [p for p in outbox_files(c.server, "sms") if p not in before]
        if new:
            code = [w.rstrip(".") for w in open(new[0], encoding="utf-8").read().split()
                    if w.rstrip(".").isdigit() and len(w.rstrip(".")) == 6][0]
            assert c.call("POST", "/api/v1/me/phone/confirm", {"code": code})[0] == 200
            return
        time.sleep(0.05)
    raise AssertionError("no SMS code")


def reminder_mails(server, email):
    return [m for m in mails_to(server, email) if any("/submit/" in l for l in m.links)]


def settle(seconds=1.5):
    time.sleep(seconds)  # the reminder job runs at start; the dispatcher delivers within ~100 ms


class ReminderTest(unittest.TestCase):
    def start(self, when, data_dir, db=None, *flags):
        return PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", *flags, env={"PORTAL_NOW": when},
                            data_dir=data_dir, db=db).start()

    def customer_with_reminders(self, s, sms=False, facts=ELJ):
        c = new_customer(s, "opomnik")
        mp = linked(c, *facts)["metering_point"]["id"]
        if sms:
            confirm_phone(c)
        status, body, _ = c.call("PUT", f"/api/v1/metering-points/{mp}/reminders", {"email": True, "sms": sms})
        assert status == 200, body
        return c, mp

    def test_opening_day_second_reminder_night_and_outside_the_window(self):
        data_dir = tempfile.mkdtemp(prefix="portal-remind-")
        # 25 November: outside Elektro Ljubljana's window (30 Nov - 3 Dec); set everything up.
        s = PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", env={"PORTAL_NOW": "2026-11-25T10:00:00+01:00"},
                         data_dir=data_dir)
        Registry.load(s)
        s.start()
        db = s.db
        try:
            quiet, quiet_mp = self.customer_with_reminders(s)        # will submit a reading in time
            loud, loud_mp = self.customer_with_reminders(s, facts=EMB)  # never submits
            settle()
            self.assertEqual(reminder_mails(s, loud.email), [])
        finally:
            s.stop()
        # Opening day, but at night: nothing.
        s = self.start("2026-11-30T06:30:00+01:00", data_dir, db)
        settle()
        s.stop()
        self.assertEqual(reminder_mails(s, loud.email), [])
        # Opening day, 9:00: one reminder each.
        s = self.start("2026-11-30T09:00:00+01:00", data_dir, db)
        try:
            settle()
            mails = reminder_mails(s, loud.email)
            self.assertEqual(len(mails), 1)
            m = mails[0]
            self.assertIn("2123456", m.subject)
            self.assertIn("3. 12. 2026", m.text)
            self.assertTrue(m.link("/submit/").endswith(f"/submit/{loud_mp}"))
            unsubscribe = m.link("/unsubscribe?token=")
            one_click = str(m.msg["List-Unsubscribe"]).strip("<>")
            self.assertIn("/api/v1/reminders/unsubscribe?token=", one_click)
            self.assertEqual(str(m.msg["List-Unsubscribe-Post"]), "List-Unsubscribe=One-Click")
            self.assertEqual(unsubscribe.split("token=")[1], one_click.split("token=")[1])
            self.assertEqual(len(reminder_mails(s, quiet.email)), 1)
            q = Customer(s)
            q.login(quiet.email)
            self.assertEqual(submit(q, quiet_mp, "2026-11-30", typical(ELJ, "2026-11-30"))[0], 201)
        finally:
            s.stop()
        # Restarted the same day: nothing twice.
        s = self.start("2026-11-30T15:00:00+01:00", data_dir, db)
        settle()
        s.stop()
        self.assertEqual(len(reminder_mails(s, loud.email)), 1)
        # 1 December (two days before 3 December): the second reminder, only to who has not submitted.
        s = self.start("2026-12-01T08:05:00+01:00", data_dir, db)
        try:
            settle()
            self.assertEqual(len(reminder_mails(s, loud.email)), 2)
            self.assertIn("dva dni", reminder_mails(s, loud.email)[-1].subject)
            self.assertEqual(len(reminder_mails(s, quiet.email)), 1)
        finally:
            s.stop()
        s = self.start("2026-12-02T10:00:00+01:00", data_dir, db)
        settle()
        s.cleanup()
        self.assertEqual(len(reminder_mails(s, loud.email)), 2)

    def test_unsubscribe_in_one_click_without_logging_in(self):
        data_dir = tempfile.mkdtemp(prefix="portal-unsub-")
        s = PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", env={"PORTAL_NOW": "2026-11-29T09:00:00+01:00"},
                         data_dir=data_dir)
        Registry.load(s)
        s.start()
        db = s.db
        c, _ = self.customer_with_reminders(s)
        s.stop()
        s = self.start("2026-11-30T09:00:00+01:00", data_dir, db)
        c.server = s
        c.login(c.email)
        try:
            settle()
            self.assertEqual(len(reminder_mails(s, c.email)), 1)
            one_click = str(reminder_mails(s, c.email)[0].msg["List-Unsubscribe"]).strip("<>")
            path = one_click.split(str(s.port), 1)[1]
            anonymous = Customer(s)
            status, body, _ = anonymous.call("POST", path, raw=b"List-Unsubscribe=One-Click",
                                             headers={"Content-Type": "application/x-www-form-urlencoded"})
            self.assertEqual((status, body), (200, {"status": "unsubscribed", "metering_point": "3345341",
                                                    "channel": "email"}))
            self.assertEqual(c.call("GET", "/api/v1/contracts")[1][0]["reminders"], {"email": False, "sms": False})
            self.assertEqual(anonymous.codes("POST", "/api/v1/reminders/unsubscribe", {"token": "nope"}),
                             (422, ["token.invalid"]))
        finally:
            s.stop()
        s = self.start("2026-12-01T10:00:00+01:00", data_dir, db)
        settle()
        s.cleanup()
        self.assertEqual(len(reminder_mails(s, c.email)), 1)

    def test_sms_through_a_gateway_that_fails_first(self):
        gw = Gateway(fail=2)
        data_dir = tempfile.mkdtemp(prefix="portal-sms-")
        try:
            s = PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", env={"PORTAL_NOW": "2026-11-25T10:00:00+01:00"},
                             data_dir=data_dir)
            Registry.load(s)
            s.start()
            db = s.db
            c, _ = self.customer_with_reminders(s, sms=True)  # the code itself goes to the outbox (no gateway yet)
            s.stop()
            s = self.start("2026-11-30T09:00:00+01:00", data_dir, db, "--sms-url", gw.url, "--retry-seconds", "1")
            try:
                t0 = time.time()
                self.assertEqual(Customer(s).call("GET", "/api/v1/health")[0], 200)  # never blocked
                self.assertLess(time.time() - t0, 1.0)
                deadline = time.time() + 20
                while time.time() < deadline and not gw.received:
                    time.sleep(0.1)
                self.assertEqual(gw.calls, 3)
                self.assertEqual(len(gw.received), 1)
                ctype, body = gw.received[0]
                self.assertEqual(ctype, "application/json")
                self.assertEqual(body["to"], "+38641123456")
                self.assertIn("3345341", body["text"])
                self.assertIn("/unsubscribe?token=", body["text"])
                settle(2.5)
                self.assertEqual(len(gw.received), 1)  # delivered once, not again
                self.assertEqual(len(reminder_mails(s, c.email)), 1)
            finally:
                s.cleanup()
        finally:
            gw.close()

    def test_two_instances_send_exactly_once(self):
        data_dir = tempfile.mkdtemp(prefix="portal-two-")
        outbox = tempfile.mkdtemp(prefix="portal-outbox-")
        s = PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", "--outbox", outbox,
                         env={"PORTAL_NOW": "2026-11-25T10:00:00+01:00"}, data_dir=data_dir)
        Registry.load(s)
        s.start()
        db = s.db
        customers = [self.customer_with_reminders(s)[0] for _ in range(5)]
        s.stop()
        second_dir = tempfile.mkdtemp(prefix="portal-two-b-")
        env = {"PORTAL_NOW": "2026-11-30T09:00:00+01:00"}
        a = PortalServer("--dev", "--outbox", outbox, env=env, data_dir=data_dir, db=db or f"{data_dir}/portal.db")
        b = PortalServer("--dev", "--outbox", outbox, env=env, data_dir=second_dir, db=db or f"{data_dir}/portal.db")
        a.start()
        b.start()
        try:
            settle(2.5)
            for c in customers:
                mails = reminder_mails(a, c.email)
                self.assertEqual(len(mails), 1, c.email)
        finally:
            a.cleanup()
            b.cleanup()


if __name__ == "__main__":
    unittest.main()
