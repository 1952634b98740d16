"""A real SMTP exchange: an aiosmtpd server (Debian's python3-aiosmtpd) on loopback receives the
activation mail over SMTP; the test follows the link and logs in."""
import time
import unittest

from aiosmtpd.controller import Controller

from portal import Client, Inbox, PortalServer, free_port


class SmtpTest(unittest.TestCase):
    def test_register_receive_over_smtp_activate_login(self):
        inbox = Inbox()
        port = free_port()
        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            with PortalServer("--smtp-url", f"smtp://127.0.0.1:{port}",
                              "--mail-from", "Moj GEN-I <portal@gen-i.example>") as s:
                c = Client(s)
                addr = "ana.novak@example.si"
                body = {"email": addr, "password": "Zelo-Varno-Geslo-42", "password_repeat": "Zelo-Varno-Geslo-42",
                        "gender": "female", "terms_accepted": True, "name": "Ana Novak"}
                self.assertEqual(c.call("POST", "/api/v1/auth/register", body)[0], 202)
                mail_from, rcpt, msg = inbox.wait(1)[0]
                self.assertEqual(mail_from, "portal@gen-i.example")
                self.assertEqual(rcpt, [addr])
                self.assertEqual(msg["To"], addr)
                self.assertIn("Moj GEN-I", str(msg["From"]))
                self.assertIn("Aktivirajte", str(msg["Subject"]))
                text = msg.get_body(preferencelist=("plain",)).get_content()
                self.assertEqual(msg.get_body(preferencelist=("plain",)).get_content_charset(), "utf-8")
                links = [l for l in text.splitlines() if l.startswith("http")]
                self.assertEqual(len(links), 1)
                self.assertTrue(links[0].startswith(f"http://localhost:{s.port}/activate?token="))
                self.assertIsNotNone(msg.get_body(preferencelist=("html",)))
                token = links[0].split("token=", 1)[1]
                self.assertEqual(c.call("POST", "/api/v1/auth/activate", {"token": token})[0], 200)
                status, data, _ = c.call("POST", "/api/v1/auth/login",
                                         {"email": addr, "password": "Zelo-Varno-Geslo-42"})
                self.assertEqual(status, 200)
                self.assertEqual(data["user"]["name"], "Ana Novak")
                self.assertEqual(s.outbox and __import__("glob").glob(s.outbox + "/*.eml"), [])
        finally:
            controller.stop()

    def test_a_failing_smtp_server_is_retried_and_never_blocks_requests(self):
        port = free_port()  # nothing listens yet
        with PortalServer("--smtp-url", f"smtp://127.0.0.1:{port}", "--retry-seconds", "2") as s:
            c = Client(s)
            addr = "later@example.si"
            t0 = time.time()
            status, _, _ = c.call("POST", "/api/v1/auth/register",
                                  {"email": addr, "password": "Zelo-Varno-Geslo-42",
                                   "password_repeat": "Zelo-Varno-Geslo-42", "gender": "male", "terms_accepted": True})
            self.assertEqual(status, 202)
            self.assertLess(time.time() - t0, 2.0)
            deadline = time.time() + 10
            while time.time() < deadline and not any("failed (attempt 1)" in l for l in s.lines):
                time.sleep(0.1)
            self.assertTrue(any("failed (attempt 1)" in l for l in s.lines), "".join(s.lines[-5:]))
            self.assertEqual(c.call("GET", "/api/v1/health")[0], 200)
            inbox = Inbox()
            controller = Controller(inbox, hostname="127.0.0.1", port=port)
            controller.start()
            try:
                # The next attempts come after the back-off (2 s, 4 s, ...); the message is not lost.
                inbox.wait(1, timeout=20)
            finally:
                controller.stop()


if __name__ == "__main__":
    unittest.main()
