"""A kiosk's exports over real HTTP (SQLite, or PostgreSQL with PORTAL_TEST_DB=postgresql): a kiosk
saves no files, so the reading list (.xlsx, .csv) and "my data" (.json) are mailed to the
customer's own address instead. The attachment is read back with real readers and equals the
download; the mail's structure, language and text; every refusal (format, another customer's
metering point, no session, the throttle); and the file is not kept in the queue once sent."""
import io
import json
import os
import sqlite3
import tempfile
import time
import unittest

from portal import PortalServer, Registry, admin, backend, new_customer, wait_for_mail

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ELJ = ("3-345341", "E-100", "electricity", "ELJ")


def codes(body):
    return [e["code"] for e in (body or {}).get("errors", [])]


def attachments(mail):
    """(file name, content type, bytes) of each attachment of a parsed mail."""
    return [(p.get_filename(), p.get_content_type(), p.get_payload(decode=True)) for p in mail.msg.iter_attachments()]


class MailedExportsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.limits = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        json.dump({"files_mailed_per_account": {"count": 4, "window_s": 3600}}, cls.limits)
        cls.limits.close()
        cls.server = PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", "--rate-limits", cls.limits.name,
                                  env={"PORTAL_NOW": "2026-11-30T10:00:00+01:00"})
        Registry.load(cls.server)
        cls.invoice_file = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
        cls.invoice_file.write("number,contract_number,period_from,period_to,issued_on,due_on,amount_eur,status,"
                               "consumption_kwh\n2026-10-0100,E-100,2026-10-01,2026-10-31,2026-11-05,2026-11-20,"
                               "84.37,open,450\n")
        cls.invoice_file.close()
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()
        os.unlink(cls.limits.name)
        os.unlink(cls.invoice_file.name)

    def customer_with_elj(self, **profile):
        c = new_customer(self.server, "kiosk", **profile)
        status, body, _ = c.call("POST", "/api/v1/contracts", dict(zip(
            ("metering_point", "contract_number", "energy", "operator"), ELJ)))
        self.assertEqual(status, 201, body)
        return c, body["contract"]["metering_point"]["id"]

    def mailed(self, c, subject_contains, count=1):
        """The newest of the customer's first `count` mails about `subject_contains` (after the activation)."""
        return wait_for_mail(self.server, c.email, count=count, subject_contains=subject_contains)[-1]

    def test_readings_mailed_as_xlsx_and_csv_equal_the_downloads(self):
        import openpyxl
        c, mp = self.customer_with_elj()
        status, body, _ = c.call("POST", f"/api/v1/metering-points/{mp}/readings/export/mail?format=xlsx")
        self.assertEqual((status, body), (202, {"status": "mailed"}))
        mail = self.mailed(c, "3345341")
        self.assertEqual(mail.subject, "Vaši odčitki za merilno mesto 3345341")
        self.assertIn("odcitki-3345341-2026-11-30.xlsx", mail.text)
        self.assertEqual(mail.msg.get_content_type(), "multipart/mixed")
        self.assertEqual(mail.msg.get_payload()[0].get_content_type(), "multipart/alternative")
        [(name, mime, data)] = attachments(mail)
        self.assertEqual((name, mime), ("odcitki-3345341-2026-11-30.xlsx", XLSX))
        status, download, _ = c.call("GET", f"/api/v1/metering-points/{mp}/readings/export?format=xlsx")
        self.assertEqual(status, 200)
        rows = lambda b: [[cell.value for cell in r] for r in openpyxl.load_workbook(io.BytesIO(b)).active.iter_rows()]
        self.assertEqual(rows(data), rows(download))
        self.assertGreater(len(rows(data)), 40)

        self.assertEqual(c.call("POST", f"/api/v1/metering-points/{mp}/readings/export/mail?format=csv")[0], 202)
        [(name, mime, data)] = attachments(self.mailed(c, "3345341", count=2))
        self.assertEqual((name, mime), ("odcitki-3345341-2026-11-30.csv", "text/csv"))
        self.assertEqual(data, c.call("GET", f"/api/v1/metering-points/{mp}/readings/export?format=csv")[1])

    def test_my_data_mailed_in_the_customers_language(self):
        c, _ = self.customer_with_elj(locale="en")
        status, body, _ = c.call("POST", "/api/v1/me/export/mail")
        self.assertEqual((status, body), (202, {"status": "mailed"}))
        mail = self.mailed(c, "data")
        self.assertEqual(mail.subject, "Your data from Moj GEN-I")
        self.assertIn("moji-podatki.json", mail.text)
        [(name, mime, data)] = attachments(mail)
        self.assertEqual((name, mime), ("moji-podatki.json", "application/json"))
        mailed = json.loads(data)
        downloaded = c.call("GET", "/api/v1/me/export")[1]
        self.assertEqual(mailed["account"]["email"], c.email)
        for key in ("account", "contracts", "readings", "questions"):
            self.assertEqual(mailed[key], downloaded[key], key)

    def test_an_invoice_mailed_as_its_pdf(self):
        c, mp = self.customer_with_elj()
        rc, out, err = admin(self.server, "import-invoices", self.invoice_file.name)
        self.assertEqual(rc, 0, err)
        status, invoices, _ = c.call("GET", "/api/v1/invoices")
        self.assertEqual(status, 200)
        [invoice] = [i for i in invoices if i["number"] == "2026-10-0100"]
        status, body, _ = c.call("POST", f"/api/v1/invoices/{invoice['id']}/pdf/mail")
        self.assertEqual((status, body), (202, {"status": "mailed"}))
        mail = self.mailed(c, "2026-10-0100")
        self.assertEqual(mail.subject, "Vaš račun 2026-10-0100")
        self.assertIn("racun-2026-10-0100.pdf", mail.text)
        [(name, mime, data)] = attachments(mail)
        self.assertEqual((name, mime), ("racun-2026-10-0100.pdf", "application/pdf"))
        self.assertEqual(data, c.call("GET", f"/api/v1/invoices/{invoice['id']}/pdf")[1])
        self.assertTrue(data.startswith(b"%PDF"))
        # Another customer's invoice, an unknown one, no session: refused, nothing mailed.
        other = new_customer(self.server, "tuji")
        self.assertEqual(other.codes("POST", f"/api/v1/invoices/{invoice['id']}/pdf/mail"), (404, ["not_found"]))
        self.assertEqual(other.codes("POST", "/api/v1/invoices/abc/pdf/mail"), (404, ["not_found"]))
        self.assertEqual(len(wait_for_mail(self.server, other.email)), 1)
        c.call("POST", "/api/v1/auth/logout")
        self.assertEqual(c.codes("POST", f"/api/v1/invoices/{invoice['id']}/pdf/mail"), (401, ["auth.required"]))

    def test_refusals(self):
        c, mp = self.customer_with_elj()
        status, body, _ = c.call("POST", f"/api/v1/metering-points/{mp}/readings/export/mail?format=pdf")
        self.assertEqual((status, codes(body), body["errors"][0]["field"]), (400, ["request.malformed"], "format"))
        other = new_customer(self.server, "drugi")
        self.assertEqual(other.codes("POST", f"/api/v1/metering-points/{mp}/readings/export/mail"),
                         (404, ["not_found"]))
        self.assertEqual(other.codes("POST", "/api/v1/metering-points/987654/readings/export/mail"),
                         (404, ["not_found"]))
        c.call("POST", "/api/v1/auth/logout")
        self.assertEqual(c.codes("POST", "/api/v1/me/export/mail"), (401, ["auth.required"]))
        self.assertEqual(c.codes("POST", f"/api/v1/metering-points/{mp}/readings/export/mail"), (401, ["auth.required"]))
        # Nothing was mailed for any of them (the activation mail only).
        self.assertEqual(len(wait_for_mail(self.server, c.email)), 1)
        self.assertEqual(len(wait_for_mail(self.server, other.email)), 1)

    def test_throttled_per_account(self):
        c, mp = self.customer_with_elj()
        for _ in range(4):
            self.assertEqual(c.call("POST", "/api/v1/me/export/mail")[0], 202)
        status, body, headers = c.call("POST", f"/api/v1/metering-points/{mp}/readings/export/mail")
        self.assertEqual((status, codes(body)), (429, ["request.too_many"]))
        self.assertGreater(int(headers["retry-after"]), 0)
        wait_for_mail(self.server, c.email, count=5)
        # Another customer is not affected.
        d, dmp = self.customer_with_elj()
        self.assertEqual(d.call("POST", f"/api/v1/metering-points/{dmp}/readings/export/mail")[0], 202)

    @unittest.skipUnless(backend() == "sqlite", "reads the SQLite queue directly")
    def test_the_file_leaves_the_queue_once_sent(self):
        c, mp = self.customer_with_elj()
        self.assertEqual(c.call("POST", f"/api/v1/metering-points/{mp}/readings/export/mail")[0], 202)
        wait_for_mail(self.server, c.email, count=2)
        db = sqlite3.connect(os.path.join(self.server.data_dir, "portal.db"))
        try:
            for _ in range(100):  # the outbox file is written before the row is marked sent
                rows = db.execute("SELECT sent_at, attachments FROM outbound_messages WHERE recipient = ?",
                                  (c.email,)).fetchall()
                if all(sent for sent, _ in rows):
                    break
                time.sleep(0.05)
        finally:
            db.close()
        self.assertEqual(len(rows), 2)
        self.assertTrue(all(sent and attached == "[]" for sent, attached in rows), rows)


if __name__ == "__main__":
    unittest.main()
