"""Računi (invoices) over real HTTP (SQLite, or PostgreSQL with PORTAL_TEST_DB=postgresql): invoices
imported with portal-admin import-invoices, then the list (newest first, statuses with overdue by
the server's date, amounts exact in cents, the metering point filter), authorisation between
customers (404 for what is not the caller's, 401 without a session), the PDF read back with
poppler (pdftotext: number, period, amounts, metering point, the customer's name with č/š/ž;
pdffonts: Inter embedded), re-imports that update, the import's error handling (a bad row rejects
the whole file, every problem as FILE:LINE: code message) and the demo customer's invoices."""
import os
import shutil
import statistics
import subprocess
import tempfile
import time
import unittest
from concurrent.futures import ThreadPoolExecutor

from portal import PortalServer, Registry, admin, new_customer, write_csv
from test_api_readings import DOPL, ELJ, EMB, linked

NOW = "2026-11-10T10:00:00+01:00"  # the server's today is 2026-11-10
HEADER = "number,contract_number,period_from,period_to,issued_on,due_on,amount_eur,status,consumption_kwh"
INVOICE_KEYS = {"id", "number", "contract_id", "metering_point_id", "period_from", "period_to", "issued_on", "due_on",
                "amount_cents", "currency", "status"}
EGO = ("5000001", "E-103", "electricity", "EGO")
ENLJ = ("ENLJ-200000000001", "P-201", "gas", "ENLJ")

INVOICES = [
    # Electricity E-100 (3345341): the newest open, one open past its due date, one paid.
    "2026-10-0100,E-100,2026-10-01,2026-10-31,2026-11-05,2026-11-20,84.37,open,450",
    "2026-09-0100,E-100,2026-09-01,2026-09-30,2026-10-05,2026-10-20,84.3,open,450",
    "2026-08-0100,E-100,2026-08-01,2026-08-31,2026-09-05,2026-09-20,84,paid,450",
    # Gas P-200 (DOPL-123456789012): due today is still open, due yesterday is overdue.
    "2026-10-0200,P-200,2026-10-01,2026-10-31,2026-11-04,2026-11-10,61.05,open,",
    "2026-09-0200,P-200,2026-09-01,2026-09-30,2026-10-06,2026-11-09,1234.56,open,1340",
    # Electricity E-101 (2123456): another customer's.
    "2026-10-0101,E-101,2026-10-01,2026-10-31,2026-11-05,2026-11-20,40.00,open,250",
    # Electricity E-104 (3999002): a new tenant's first month (the contract begins 2026-07-01).
    "2026-07-0104,E-104,2026-07-01,2026-07-31,2026-08-05,2026-08-20,16.00,paid,100",
]
NEW_TENANT = ("3999002", "E-104", "electricity", "ELJ")


def run_import(server, rows, header=HEADER):
    """portal-admin import-invoices on a temporary file: (exit code, stdout, stderr lines with FILE)."""
    path = write_csv(rows, header)
    try:
        rc, out, err = admin(server, "import-invoices", path)
        return rc, out, [l.replace(path, "FILE") for l in err.splitlines()]
    finally:
        os.remove(path)


def eur(text):
    """'84,37 €' as pdftotext may write it: a no-break space or a plain space before the sign."""
    return [text.replace(" ", "\u00a0"), text]


class InvoicesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", env={"PORTAL_NOW": NOW})
        Registry.load(cls.server)
        rc, out, err = run_import(cls.server, INVOICES)
        assert rc == 0, err
        assert f"{len(INVOICES)} rows applied" in out, out
        cls.server.start()
        cls.ana = new_customer(cls.server, "racuni")  # profile name "Žiga Čebašek"
        cls.elj = linked(cls.ana, *ELJ)
        cls.gas = linked(cls.ana, *DOPL)
        cls.other = new_customer(cls.server, "drugi", name="Marko Horvat")
        cls.emb = linked(cls.other, *EMB)
        cls.tmp = tempfile.mkdtemp(prefix="invoices-")

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    # [SECTION] Helpers
    def invoices(self, c, query=""):
        status, body, _ = c.call("GET", "/api/v1/invoices" + query)
        self.assertEqual(status, 200, body)
        return body

    def by_number(self, c, number):
        return next(i for i in self.invoices(c) if i["number"] == number)

    def pdf(self, c, invoice):
        """Downloads the invoice's PDF; returns (headers, text by pdftotext, pdffonts output)."""
        status, body, headers = c.call("GET", f"/api/v1/invoices/{invoice['id']}/pdf")
        self.assertEqual(status, 200, body)
        path = os.path.join(self.tmp, f"{invoice['id']}.pdf")
        with open(path, "wb") as f:
            f.write(body)
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True,
                              check=True).stdout
        fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout
        return headers, text, fonts

    def assert_in_text(self, variants, text):
        self.assertTrue(any(v in text for v in variants), f"none of {variants!r} in:\n{text}")

    # [SECTION] The list
    def test_the_list_is_newest_first_with_exact_cents_and_statuses_by_the_servers_date(self):
        body = self.invoices(self.ana)
        self.assertEqual([i["number"] for i in body],
                         ["2026-10-0100", "2026-10-0200", "2026-09-0200", "2026-09-0100", "2026-08-0100"])
        for i in body:
            self.assertEqual(set(i), INVOICE_KEYS)
            self.assertEqual(i["currency"], "EUR")
            self.assertIsInstance(i["id"], str)
        self.assertEqual([(i["amount_cents"], i["status"]) for i in body],
                         [(8437, "open"), (6105, "open"), (123456, "overdue"), (8430, "overdue"), (8400, "paid")])
        first = body[0]
        self.assertEqual((first["period_from"], first["period_to"], first["issued_on"], first["due_on"]),
                         ("2026-10-01", "2026-10-31", "2026-11-05", "2026-11-20"))
        self.assertEqual((first["contract_id"], first["metering_point_id"]),
                         (self.elj["id"], self.elj["metering_point"]["id"]))
        gas = body[1]
        self.assertEqual((gas["contract_id"], gas["metering_point_id"]), (self.gas["id"], self.gas["metering_point"]["id"]))

    def test_filter_by_one_of_the_callers_metering_points(self):
        mp = self.elj["metering_point"]["id"]
        self.assertEqual([i["number"] for i in self.invoices(self.ana, f"?metering_point={mp}")],
                         ["2026-10-0100", "2026-09-0100", "2026-08-0100"])
        gas = self.gas["metering_point"]["id"]
        self.assertEqual([i["number"] for i in self.invoices(self.ana, f"?metering_point={gas}")],
                         ["2026-10-0200", "2026-09-0200"])
        foreign = self.emb["metering_point"]["id"]
        for query in (foreign, "999999", "abc", "", "1%20OR%20true", "-1", "1.0"):
            status, body, _ = self.ana.call("GET", f"/api/v1/invoices?metering_point={query}")
            self.assertEqual(status, 404, query)
            self.assertEqual(body, {"errors": [{"code": "not_found", "field": "metering_point"}]})

    def test_each_customer_reaches_only_their_own(self):
        self.assertEqual([i["number"] for i in self.invoices(self.other)], ["2026-10-0101"])
        mine = self.by_number(self.ana, "2026-10-0100")
        for path in (f"/api/v1/invoices/{mine['id']}/pdf", "/api/v1/invoices/999999/pdf", "/api/v1/invoices/abc/pdf"):
            status, body, _ = self.other.call("GET", path)
            self.assertEqual((status, body), (404, {"errors": [{"code": "not_found"}]}), path)
        # A customer without links has an empty list.
        lonely = new_customer(self.server, "brez")
        self.assertEqual(self.invoices(lonely), [])

    def test_a_session_is_required(self):
        mine = self.by_number(self.ana, "2026-10-0100")
        for path in ("/api/v1/invoices", f"/api/v1/invoices/{mine['id']}/pdf"):
            status, _, body = self.server.json("GET", path)
            self.assertEqual((status, body), (401, {"errors": [{"code": "auth.required"}]}), path)

    def test_unlinking_hides_the_contracts_invoices(self):
        c = new_customer(self.server, "odveza")
        contract = linked(c, *EMB)
        invoice = self.by_number(c, "2026-10-0101")
        self.assertEqual(c.call("DELETE", f"/api/v1/contracts/{contract['id']}")[0], 204)
        self.assertEqual(self.invoices(c), [])
        self.assertEqual(c.call("GET", f"/api/v1/invoices/{invoice['id']}/pdf")[0], 404)
        self.assertEqual(self.invoices(self.other)[0]["number"], "2026-10-0101")  # the other household's stays

    # [SECTION] The PDF
    def test_the_pdf_is_the_invoice_document(self):
        invoice = self.by_number(self.ana, "2026-10-0100")
        headers, text, fonts = self.pdf(self.ana, invoice)
        self.assertEqual(headers["content-type"], "application/pdf")
        self.assertEqual(headers["content-disposition"], 'attachment; filename="racun-2026-10-0100.pdf"')
        self.assertEqual(headers["cache-control"], "private, no-store")
        for expected in ("RAČUN", "2026-10-0100", "1. 10. 2026", "31. 10. 2026", "Žiga Čebašek",
                         "Šmartinska cesta 5", "1000 Ljubljana", "3345341", Registry.ELJ_GSRN, "E-100",
                         "Elektro Ljubljana", "GEN-I, trgovanje in prodaja električne energije, d.o.o.",
                         "Vrbina 17, SI-8270 Krško, Slovenija", "5. 11. 2026", "20. 11. 2026",
                         "SI12 2026100100", "DDV (22 %)", "450 kWh"):
            self.assertIn(expected, text)
        self.assert_in_text(eur("84,37 €"), text)   # the total
        self.assert_in_text(eur("69,16 €"), text)   # net: 84.37 / 1.22 to the cent
        self.assert_in_text(eur("15,21 €"), text)   # VAT: total - net
        # The readings it was billed on: VT and MT at the end of September and of October.
        for expected in ("30. 9. 2026", "26.300", "26.600", "12.150", "12.300"):
            self.assertIn(expected, text)
        inter = [l for l in fonts.splitlines() if "Inter" in l]
        self.assertTrue(inter, fonts)
        for line in inter:
            self.assertEqual(line.split()[-5], "yes", line)  # emb
        self.assertTrue(all("Inter" in l for l in fonts.splitlines()[2:]), fonts)  # no other font

    def test_the_pdf_of_an_overdue_gas_invoice(self):
        invoice = self.by_number(self.ana, "2026-09-0200")
        _, text, _ = self.pdf(self.ana, invoice)
        for expected in ("2026-09-0200", "DOPL-123456789012", "Zemeljski plin", "Koroška cesta 21", "1.340 kWh",
                         "Rok plačila je potekel", "SI12 2026090200", "9. 11. 2026"):
            self.assertIn(expected, text)
        self.assert_in_text(eur("1.234,56 €"), text)

    def test_a_new_tenants_pdf_shows_no_reading_from_before_the_contract(self):
        c = new_customer(self.server, "najemnica", name="Nova Najemnica")
        linked(c, *NEW_TENANT)
        _, text, _ = self.pdf(c, self.by_number(c, "2026-07-0104"))
        # The meter on 2026-07-31 (2.900) is hers; the one on 2026-06-30 (2.800) the previous tenant's.
        for expected in ("2026-07-0104", "Nova Najemnica", "31. 7. 2026", "2.900", "Račun je plačan",
                         "SI12 2026070104"):
            self.assertIn(expected, text)
        self.assertNotIn("2.800", text)
        self.assertNotIn("30. 6. 2026", text)
        self.assertNotIn("Podatki za plačilo", text)  # a paid invoice asks for no payment

    def test_downloads_at_once_give_the_same_document(self):
        invoice = self.by_number(self.ana, "2026-09-0100")
        path = f"/api/v1/invoices/{invoice['id']}/pdf"
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: self.ana.call("GET", path), range(16)))
        self.assertEqual({a[0] for a in answers}, {200})
        self.assertEqual(len({a[1] for a in answers}), 1)  # the same bytes: dated by the invoice, not the clock
        self.assertTrue(answers[0][1].startswith(b"%PDF-"))

    def test_pdf_time(self):
        invoice = self.by_number(self.ana, "2026-10-0100")
        times = []
        for _ in range(15):
            t0 = time.perf_counter()
            status, _, _ = self.ana.call("GET", f"/api/v1/invoices/{invoice['id']}/pdf")
            times.append((time.perf_counter() - t0) * 1000)
            self.assertEqual(status, 200)
        print(f"\n[invoices] PDF over HTTP: median {statistics.median(times):.1f} ms, "
              f"first {times[0]:.1f} ms, max {max(times):.1f} ms ({len(times)} requests)")

    # [SECTION] Import
    def test_the_same_number_again_updates_the_invoice(self):
        c = new_customer(self.server, "ponovno")
        linked(c, *EGO)
        row = "2026-10-0103,E-103,2026-10-01,2026-10-31,2026-11-05,2026-11-20,{amount},{status},300"
        rc, out, err = run_import(self.server, [row.format(amount="50.00", status="open")])
        self.assertEqual((rc, err), (0, []))
        self.assertIn("1 rows applied", out)
        before = self.invoices(c)
        self.assertEqual([(i["number"], i["amount_cents"], i["status"]) for i in before],
                         [("2026-10-0103", 5000, "open")])
        rc, _, err = run_import(self.server, [row.format(amount="50.01", status="paid")])
        self.assertEqual((rc, err), (0, []))
        after = self.invoices(c)
        self.assertEqual([(i["id"], i["amount_cents"], i["status"]) for i in after], [(before[0]["id"], 5001, "paid")])

    def test_a_bad_file_is_rejected_whole_with_every_problem(self):
        good = "2026-10-0900,E-100,2026-10-01,2026-10-31,2026-11-05,2026-11-20,10.00,open,100"
        rows = [
            good,                                                                                   # line 2
            "2026-10-0901,E-100,2026-10-01,2026-10-31,2026-11-05,2026-11-20,84.371,open,450",       # line 3
            '2026-10-0902,E-100,2026-10-01,2026-10-31,2026-11-05,2026-11-20,"84,37",open,450',      # line 4
            "2026-10-0903,E-100,2026-10-01,2026-10-31,2026-11-05,2026-11-20,84,37,open,450",        # line 5
            "2026-10-0904,E-999,2026-10-01,2026-10-31,2026-11-05,2026-11-20,84.37,open,450",        # line 6
            "2026-10-0905,E-100,2026-10-01,2026-10-31,2026-02-30,2026-11-20,84.37,open,450",        # line 7
            "2026-10-0906,E-100,2026-10-01,2026-10-31,2026-11-05,2026-11-04,84.37,open,450",        # line 8
            "2026-10-0907,E-100,2026-10-01,2026-10-31,2026-11-05,2026-11-20,84.37,late,450",        # line 9
            "2026-10-0900,E-100,2026-10-01,2026-10-31,2026-11-05,2026-11-20,84.37,open,450",        # line 10
            "RAČUN/1,E-100,2026-10-01,2026-10-31,2026-11-05,2026-11-20,84.37,open,450",             # line 11
            "2026-10-0911,E-100,2026-10-01,2026-10-31,2026-11-05,2026-11-20,84.37,open,12.5",       # line 12
            "2026-10-0912,E-100,2026-10-31,2026-10-01,2026-11-05,2026-11-20,84.37,open,450",        # line 13
            "2026-10-0913,E-100,2026-10-01,2026-10-31,2026-11-05,2026-11-20,-5.00,paid,450",        # line 14
            "2026-10-0914,E 100!,2026-10-01,2026-10-31,2026-11-05,2026-11-20,5.00,paid,",           # line 15
        ]
        rc, out, err = run_import(self.server, rows)
        self.assertEqual(rc, 1)
        self.assertEqual(out, "")
        amount = "amount.invalid amount_eur must be euros with a decimal point and at most 2 decimals, e.g. 84.37"
        self.assertEqual(err, [
            f"FILE:3: {amount}",
            f"FILE:4: {amount}",
            "FILE:5: csv.column_count expected 9 fields, found 10",
            "FILE:6: contract.unknown no contract E-999 in the registry",
            "FILE:7: date.invalid issued_on must be YYYY-MM-DD",
            "FILE:8: date.invalid due_on is before issued_on",
            "FILE:9: status.invalid status must be open or paid",
            "FILE:10: invoice_number.duplicate the invoice number is on line 2 too",
            "FILE:11: invoice_number.invalid number must be 1 to 20 letters, digits or '-', with at least one digit",
            "FILE:12: consumption.invalid consumption_kwh must be a whole number of kWh, or empty",
            "FILE:13: date.invalid period_to is before period_from",
            f"FILE:14: {amount}",
            "FILE:15: contract_number.invalid contract_number is not a contract number",
        ])
        # Nothing applied: not even the good first row.
        self.assertNotIn("2026-10-0900", [i["number"] for i in self.invoices(self.ana)])

    def test_header_and_file_problems(self):
        rc, _, err = run_import(self.server, [], "number,contract,period_from,period_to,issued_on,due_on,amount_eur,"
                                                 "status,consumption_kwh")
        self.assertEqual(rc, 1)
        self.assertEqual(err, ['FILE:1: csv.unknown_column unknown column "contract"',
                               'FILE:1: csv.missing_column the header lacks "contract_number"'])
        rc, _, err = run_import(self.server, [], HEADER + ",amount_cents")
        self.assertEqual(err, ['FILE:1: csv.unknown_column unknown column "amount_cents"'])
        path = write_csv([], "")
        try:
            with open(path, "w") as f:
                f.write("")
            rc, _, err = admin(self.server, "import-invoices", path)
        finally:
            os.remove(path)
        self.assertEqual((rc, err.replace(path, "FILE").splitlines()),
                         (1, ["FILE:1: csv.empty the file is empty (a header is needed)"]))
        rc, _, err = admin(self.server, "import-invoices", "/no/such/file.csv")
        self.assertEqual((rc, err.splitlines()), (1, ["/no/such/file.csv:0: file.unreadable cannot read the file"]))

    def test_a_bom_quotes_and_crlf_are_read(self):
        c = new_customer(self.server, "bom")
        linked(c, *ENLJ)
        path = write_csv([], "")
        try:
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write("\ufeff" + HEADER + "\r\n" +
                        '"2026-07-0201","P-201",2026-07-01,2026-07-31,2026-08-05,2026-08-20,"0.05",paid,""\r\n')
            rc, out, err = admin(self.server, "import-invoices", path)
        finally:
            os.remove(path)
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual([(i["number"], i["amount_cents"], i["status"]) for i in self.invoices(c)],
                         [("2026-07-0201", 5, "paid")])

    def test_the_data_export_holds_the_invoices(self):
        status, body, _ = self.other.call("GET", "/api/v1/me/export")
        self.assertEqual(status, 200)
        self.assertEqual([i["number"] for i in body["invoices"]], ["2026-10-0101"])


class MigrationOrderTest(unittest.TestCase):
    """Migration 6 (invoices) was merged after 7 (questions): a database already at 7 still gets 6."""

    def sql(self, server, statement):
        if server.db:  # PostgreSQL
            return subprocess.run(["psql", server.db, "-q", "-t", "-A", "-c", statement], capture_output=True,
                                  text=True, check=True).stdout.split()
        import sqlite3
        with sqlite3.connect(os.path.join(server.data_dir, "portal.db")) as db:
            return [str(r[0]) for r in db.execute(statement).fetchall()]

    # Every migration this server knows (8: the kiosk's mailed attachments).
    EVERY_VERSION = [str(v) for v in range(1, 9)]

    def test_a_database_at_7_without_6_gets_6(self):
        server = PortalServer("--dev", env={"PORTAL_NOW": NOW})
        try:
            Registry.load(server)  # portal-admin migrates the new database to the newest version
            self.assertEqual(self.sql(server, "SELECT version FROM schema_version ORDER BY version"),
                             self.EVERY_VERSION)
            self.sql(server, "DROP TABLE invoices")
            self.sql(server, "DELETE FROM schema_version WHERE version = 6")
            rc, out, err = run_import(server, INVOICES[:1])
            self.assertEqual((rc, err), (0, []))
            self.assertEqual(self.sql(server, "SELECT version FROM schema_version ORDER BY version"),
                             self.EVERY_VERSION)
            self.assertEqual(self.sql(server, "SELECT amount_cents FROM invoices"), ["8437"])
        finally:
            server.cleanup()


class DemoInvoicesTest(unittest.TestCase):
    def test_the_demo_customer_has_two_years_of_monthly_invoices(self):
        with PortalServer("--dev", "--demo", env={"PORTAL_NOW": NOW}) as s:
            from portal import Client
            c = Client(s)
            status, body, _ = c.call("POST", "/api/v1/auth/login",
                                     {"email": "demo@moj-portal.si", "password": "Demo-Portal-2026", "remember": False})
            self.assertEqual(status, 200, body)
            status, invoices, _ = c.call("GET", "/api/v1/invoices")
            self.assertEqual(status, 200)
            self.assertEqual(len(invoices), 48)
            contracts = c.call("GET", "/api/v1/contracts")[1]
            for contract in contracts:
                mp = contract["metering_point"]["id"]
                own = c.call("GET", f"/api/v1/invoices?metering_point={mp}")[1]
                self.assertEqual(len(own), 24)
                self.assertEqual([i["period_from"][:7] for i in own][:2], ["2026-10", "2026-09"])
                self.assertEqual(own[-1]["period_from"], "2024-11-01")
                self.assertEqual([i["status"] for i in own], ["open", "overdue"] + ["paid"] * 22)
                self.assertTrue(all(i["amount_cents"] > 0 for i in own))
                self.assertEqual(len({i["number"] for i in own}), 24)
            status, pdf, headers = c.call("GET", f"/api/v1/invoices/{invoices[0]['id']}/pdf")
            self.assertEqual((status, headers["content-type"]), (200, "application/pdf"))
            self.assertTrue(pdf.startswith(b"%PDF-"))


if __name__ == "__main__":
    unittest.main()
