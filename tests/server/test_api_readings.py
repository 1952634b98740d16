"""Contracts and readings over real HTTP (SQLite, or PostgreSQL with PORTAL_TEST_DB=postgresql):
linking in every form, the overview with windows, unlinking, window-aware submissions at dates
inside and outside windows of several operators (month end, year end, DST), every reading code,
replacement, duplicates, idempotency, deletion, the export read back with real readers, and
authorisation between customers."""
import csv
import datetime
import io
import os
import tempfile
import unittest
import uuid

from portal import (ADMIN, Customer, PortalServer, Registry, admin, backend, import_readings, new_customer)


class At:
    """A server whose clock starts at `when` (PORTAL_NOW, --dev), with the test registry loaded."""

    def __init__(self, when, data_dir=None, db=None, load=True):
        self.server = PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", env={"PORTAL_NOW": when},
                                   data_dir=data_dir, db=db)
        self.load = load

    def __enter__(self):
        if self.load:
            Registry.load(self.server)
        return self.server.start()

    def __exit__(self, *exc):
        self.server.stop()
        if self.server.own_dir and exc[0] is None and not getattr(self, "keep", False):
            self.server.cleanup()


def link(c, number, contract, energy, operator):
    return c.call("POST", "/api/v1/contracts",
                  {"metering_point": number, "contract_number": contract, "energy": energy, "operator": operator})


def linked(c, number, contract, energy, operator):
    status, body, _ = link(c, number, contract, energy, operator)
    assert status == 201, body
    return body["contract"]


def submit(c, mp_id, date, values, type_="submission", **extra):
    body = {"date": date, "type": type_, "values": values}
    body.update({k: v for k, v in extra.items() if k != "headers"})
    return c.call("POST", f"/api/v1/metering-points/{mp_id}/readings", body, headers=extra.get("headers"))


def typical(facts, date, scale=1.0):
    """Values a meter of `facts` plausibly shows on `date`: the last registry reading before it
    plus that month's use per day (so no unusual warning), scaled by `scale`."""
    import calendar
    number = {"3-345341": "3345341"}.get(facts[0], facts[0])
    by_reg = {}
    for row in Registry.readings():
        n, d, reg, value, _ = row.split(",")
        if n == number and d < date:
            by_reg.setdefault(reg, []).append((d, int(value)))
    out = {}
    for reg, rows in by_reg.items():
        rows.sort()
        (d_last, v_last), (_, v_prev) = rows[-1], rows[-2]
        y, m, _ = map(int, d_last.split("-"))
        per_day = (v_last - v_prev) / calendar.monthrange(y, m)[1]
        days = (datetime.date.fromisoformat(date) - datetime.date.fromisoformat(d_last)).days
        out[reg] = v_last + round(per_day * days * scale)
    return out


def codes(body):
    return [e["code"] for e in (body or {}).get("errors", [])]


ELJ = ("3-345341", "E-100", "electricity", "ELJ")
EMB = ("2123456", "E-101", "electricity", "EMB")
DOPL = ("DOPL-123456789012", "P-200", "gas", "DOPL")
ENLJ = ("ENLJ-200000000001", "P-201", "gas", "ENLJ")
MEPL = ("MEPL-200000000002", "P-202", "gas", "MEPL")
EGO5 = ("5000001", "E-103", "electricity", "EGO")


class LinkingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.at = At("2026-11-30T10:00:00+01:00")
        cls.server = cls.at.__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.at.__exit__(None, None, None)

    def test_every_form_of_the_metering_point_links_and_comes_back_canonical(self):
        for typed in ("3-345341", "3345341", "  3 345 341 ", Registry.ELJ_GSRN):
            c = new_customer(self.server)
            status, body, _ = link(c, typed, "e-100", "electricity", "ELJ")
            self.assertEqual(status, 201, (typed, body))
            mp = body["contract"]["metering_point"]
            self.assertEqual((mp["number"], mp["gsrn"]), ("3345341", Registry.ELJ_GSRN))
        c = new_customer(self.server)
        status, body, _ = link(c, "dopl123456789012", "P-200", "gas", "DOPL")
        self.assertEqual(status, 201, body)
        contract = body["contract"]
        self.assertEqual(contract["metering_point"]["number"], "DOPL-123456789012")
        self.assertEqual(contract["operator"], {"code": "DOPL", "name": "Domplan"})
        self.assertEqual(contract["energy"], "gas")
        self.assertEqual(contract["metering_point"]["registers"], ["M3"])
        self.assertEqual(contract["metering_point"]["address"],
                         {"street": "Koroška cesta 21", "city": "Kranj", "postal_code": "4000"})
        self.assertEqual(contract["reminders"], {"email": False, "sms": False})
        self.assertIsInstance(contract["id"], str)

    def test_the_overview_shows_each_contract_with_its_window(self):
        c = new_customer(self.server)
        linked(c, *ELJ)
        linked(c, *DOPL)
        linked(c, *MEPL)
        status, body, _ = c.call("GET", "/api/v1/contracts")
        self.assertEqual(status, 200)
        by_number = {x["contract_number"]: x for x in body}
        # 30 November: electricity's window (last day of the month through the 3rd) is open.
        self.assertEqual(by_number["E-100"]["window"], {"open_now": True, "opens_on": "2026-11-30",
                                                        "closes_on": "2026-12-03"})
        self.assertEqual(by_number["E-100"]["metering_point"]["registers"], ["VT", "MT"])
        # Domplan in November: days 26-29, so the next is December's 27-30.
        self.assertEqual(by_number["P-200"]["window"], {"open_now": False, "opens_on": "2026-12-27",
                                                        "closes_on": "2026-12-30"})
        self.assertEqual(by_number["P-202"]["window"], {"open_now": False, "opens_on": None, "closes_on": None})

    def test_wrong_facts_are_not_found_and_bad_forms_are_invalid(self):
        c = new_customer(self.server)
        for args in [("3345341", "E-999", "electricity", "ELJ"),   # no such contract
                     ("3345341", "E-101", "electricity", "ELJ"),   # another contract's number
                     ("3345341", "E-100", "electricity", "EMB"),   # wrong operator
                     ("2123456", "E-100", "electricity", "ELJ"),   # another metering point
                     ("3999001", "E-102", "electricity", "ELJ")]:  # contract ended 2025-06-30
            status, body, _ = link(c, *args)
            self.assertEqual((status, codes(body)), (404, ["contract.not_found"]), args)
        status, body, _ = link(c, "12-34", "E-100", "electricity", "ELJ")
        self.assertEqual((status, codes(body)), (422, ["metering_point.invalid"]))
        bad_gsrn = Registry.ELJ_GSRN[:-1] + str((int(Registry.ELJ_GSRN[-1]) + 1) % 10)
        status, body, _ = link(c, bad_gsrn, "E-100", "electricity", "ELJ")
        self.assertEqual((status, codes(body)), (422, ["metering_point.check_digit"]))
        status, body, _ = link(c, "3345341", "E-100", "electricity", "DOPL")
        self.assertEqual((status, codes(body)), (422, ["operator.energy_mismatch"]))
        status, body, _ = link(c, "3345341", "E-100", "electricity", "XXX")
        self.assertEqual((status, codes(body)), (422, ["operator.unknown"]))
        status, body, _ = link(c, "", "", "", "")
        self.assertEqual(status, 422)
        self.assertEqual({e["field"] for e in body["errors"]},
                         {"metering_point", "contract_number", "energy", "operator"})

    def test_already_linked_and_a_household_member_may_link_too(self):
        a = new_customer(self.server)
        linked(a, *EMB)
        status, body, _ = link(a, *EMB)
        self.assertEqual((status, codes(body)), (409, ["contract.already_linked"]))
        b = new_customer(self.server)
        self.assertEqual(link(b, *EMB)[0], 201)

    def test_unlink(self):
        c = new_customer(self.server)
        contract = linked(c, *ENLJ)
        mp = contract["metering_point"]["id"]
        self.assertEqual(c.call("GET", f"/api/v1/metering-points/{mp}/readings")[0], 200)
        self.assertEqual(c.call("DELETE", f"/api/v1/contracts/{contract['id']}")[:2], (204, None))
        self.assertEqual(c.call("GET", "/api/v1/contracts")[1], [])
        self.assertEqual(codes(c.call("GET", f"/api/v1/metering-points/{mp}/readings")[1]), ["not_found"])
        self.assertEqual(c.call("DELETE", f"/api/v1/contracts/{contract['id']}")[0], 404)

    def test_failed_linking_is_throttled_per_account(self):
        c = new_customer(self.server)
        for i in range(10):
            self.assertEqual(link(c, "3345341", f"X-{i:03d}", "electricity", "ELJ")[0], 404, i)
        status, body, headers = link(c, *ELJ)
        self.assertEqual((status, codes(body)), (429, ["request.too_many"]))
        self.assertGreater(int(headers["retry-after"]), 0)
        self.assertEqual(link(new_customer(self.server), *ELJ)[0], 201)  # other accounts are not affected

    def test_reminders_need_a_confirmed_phone_for_sms(self):
        c = new_customer(self.server)
        mp = linked(c, *ELJ)["metering_point"]["id"]
        status, body, _ = c.call("PUT", f"/api/v1/metering-points/{mp}/reminders", {"email": True, "sms": False})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["reminders"], {"email": True, "sms": False})
        status, body, _ = c.call("PUT", f"/api/v1/metering-points/{mp}/reminders", {"email": True, "sms": True})
        self.assertEqual(status, 422)
        self.assertEqual(body["errors"], [{"code": "reminder.phone_required", "field": "sms"}])
        self.assertEqual(c.call("GET", "/api/v1/contracts")[1][0]["reminders"], {"email": True, "sms": False})
        status, body, _ = c.call("PUT", f"/api/v1/metering-points/{mp}/reminders", {"email": "yes"})
        self.assertEqual((status, body["errors"][0]["field"]), (400, "email"))


class SubmissionTest(unittest.TestCase):
    """30 November 2026, 10:00: Elektro Ljubljana's window (30 Nov - 3 Dec) is open. Each test
    has its own server and database (the metering points are shared by everyone linked)."""

    def setUp(self):
        self.at = At("2026-11-30T10:00:00+01:00")
        self.server = self.at.__enter__()

    def tearDown(self):
        self.at.__exit__(None, None, None)

    def customer_on(self, facts):
        c = new_customer(self.server)
        return c, linked(c, *facts)["metering_point"]["id"]

    def test_submit_inside_the_window_and_see_it_with_its_difference(self):
        c, mp = self.customer_on(ELJ)
        status, body, _ = submit(c, mp, "2026-11-30", {"VT": 26900, "MT": 12450})
        self.assertEqual(status, 201, body)
        self.assertEqual(body["warnings"], [])
        regs = {r["register"]: r for r in body["readings"]}
        # The last operator readings (31 Oct 2026) were VT 26600 and MT 12300.
        self.assertEqual((regs["VT"]["difference"], regs["MT"]["difference"]), (300, 150))
        self.assertAlmostEqual(regs["VT"]["per_day"], 10.0)
        status, rows, _ = c.call("GET", f"/api/v1/metering-points/{mp}/readings")
        self.assertEqual(status, 200)
        newest = rows[:2]
        self.assertEqual([r["register"] for r in newest], ["VT", "MT"])
        self.assertEqual({r["submission_id"] for r in newest}, {body["submission_id"]})
        self.assertTrue(all(r["deletable"] and r["source"] == "customer" and r["type"] == "submission"
                            for r in newest))
        operator = rows[2]
        self.assertEqual((operator["date"], operator["source"], operator["type"], operator["submission_id"],
                          operator["deletable"]), ("2026-10-31", "operator", None, None, False))
        self.assertEqual(rows[-1]["difference"], None)  # the first reading of a register
        self.assertEqual([r["date"] for r in rows], sorted((r["date"] for r in rows), reverse=True))

    def test_a_second_submission_for_the_same_day_replaces_the_first(self):
        c, mp = self.customer_on(EMB)
        first = submit(c, mp, "2026-11-29", {"ET": 49200})[1]["submission_id"]
        status, body, _ = submit(c, mp, "2026-11-29", {"ET": 49210})
        self.assertEqual(status, 201)
        rows = c.call("GET", f"/api/v1/metering-points/{mp}/readings")[1]
        mine = [r for r in rows if r["source"] == "customer"]
        self.assertEqual([(r["value"], r["submission_id"]) for r in mine], [(49210, body["submission_id"])])
        self.assertNotEqual(first, body["submission_id"])
        # An own record for the same day is another type: both stay.
        self.assertEqual(submit(c, mp, "2026-11-29", {"ET": 49211}, "own_record")[0], 201)
        self.assertEqual(len([r for r in c.call("GET", f"/api/v1/metering-points/{mp}/readings")[1]
                              if r["source"] == "customer"]), 2)

    def test_a_household_members_submission_for_the_day_is_a_duplicate(self):
        a, mp = self.customer_on(ELJ)
        b = new_customer(self.server)
        linked(b, *ELJ)
        self.assertEqual(submit(a, mp, "2026-11-30", typical(ELJ, "2026-11-30"))[0], 201)
        status, body, _ = submit(b, mp, "2026-11-30", typical(ELJ, "2026-11-30"))
        self.assertEqual((status, codes(body)), (409, ["reading.duplicate"]))

    def test_idempotency_key_makes_a_retry_safe(self):
        c, mp = self.customer_on(ENLJ)
        key = str(uuid.uuid4())
        first = submit(c, mp, "2026-11-28", {"M3": 8376}, "own_record", headers={"Idempotency-Key": key})
        again = submit(c, mp, "2026-11-28", {"M3": 8376}, "own_record", headers={"Idempotency-Key": key})
        self.assertEqual(first[0], 201)
        self.assertEqual(first[:2], again[:2])
        rows = c.call("GET", f"/api/v1/metering-points/{mp}/readings")[1]
        self.assertEqual(len([r for r in rows if r["source"] == "customer"]), 1)

    def test_every_value_and_date_rule(self):
        c, mp = self.customer_on(ELJ)
        cases = [
            ({"VT": 26900.5, "MT": 12350}, "2026-11-30", 422, [("reading.not_integer", "values.VT")]),
            ({"VT": 26900.0, "MT": 12350}, "2026-11-30", 422, [("reading.not_integer", "values.VT")]),
            ({"VT": -1, "MT": 12350}, "2026-11-30", 422, [("reading.negative", "values.VT")]),
            ({"VT": 1234567, "MT": 12350}, "2026-11-30", 422, [("reading.too_many_digits", "values.VT")]),
            ({"VT": 26900}, "2026-11-30", 422, [("reading.register_missing", "values.MT")]),
            ({"VT": 26900, "MT": 12350, "ET": 1}, "2026-11-30", 422, [("reading.register_unknown", "values.ET")]),
            ({"VT": 26900, "MT": 12350}, "2026-11-24", 422, [("reading.too_old", "date")]),
            ({"VT": 26900, "MT": 12350}, "2026-12-01", 422, [("reading.in_future", "date")]),
            ({"VT": 26900, "MT": 12350}, "30.11.2026", 422, [("date.invalid", "date")]),
            ({"VT": 26500, "MT": 12350}, "2026-11-30", 422, [("reading.lower_than_previous", "values.VT")]),
        ]
        for values, date, status, expected in cases:
            got_status, body, _ = submit(c, mp, date, values)
            self.assertEqual(got_status, status, (values, date, body))
            self.assertEqual([(e["code"], e.get("field")) for e in body["errors"]], expected, (values, date))
        body = submit(c, mp, "2026-11-24", {"VT": 26900, "MT": 12350})[1]
        self.assertEqual(body["errors"][0]["params"], {"max_age_days": 5})
        body = submit(c, mp, "2026-11-30", {"VT": 26500, "MT": 12350})[1]
        self.assertEqual(body["errors"][0]["params"], {"register": "VT", "previous": 26600})
        # Several problems at once: every code that applies.
        status, body, _ = submit(c, mp, "2026-12-09", {"VT": 1.5, "X": 3}, "maybe")
        self.assertEqual(status, 422)
        self.assertEqual(set(codes(body)), {"reading.in_future", "reading.type_invalid", "reading.not_integer",
                                            "reading.register_missing", "reading.register_unknown"})
        # Types that are not JSON numbers are malformed requests.
        status, body, _ = submit(c, mp, "2026-11-30", {"VT": "26900", "MT": 12350})
        self.assertEqual((status, body["errors"]), (400, [{"code": "request.malformed", "field": "values.VT"}]))
        status, body, _ = submit(c, mp, "2026-11-30", [26900, 12350])
        self.assertEqual((status, body["errors"][0]["field"]), (400, "values"))
        # Today-5 passes.
        self.assertEqual(submit(c, mp, "2026-11-25", typical(ELJ, "2026-11-25"), "own_record")[0], 201)

    def test_meter_replaced_and_roll_over(self):
        c, mp = self.customer_on(EMB)
        status, body, _ = submit(c, mp, "2026-11-30", {"ET": 120}, meter_replaced=True)
        self.assertEqual(status, 201, body)
        self.assertIsNone(body["readings"][0]["difference"])  # a new meter starts afresh
        d, egomp = self.customer_on(EGO5)
        # 5 digits: the last reading was 99900; 250 is the counter passing 99999.
        status, body, _ = submit(d, egomp, "2026-11-30", {"ET": 250})
        self.assertEqual(status, 201, body)
        self.assertEqual(body["readings"][0]["difference"], 350)

    def test_unusual_values_ask_for_a_confirmation(self):
        c, mp = self.customer_on(EMB)
        # ~13 kWh a day before: 30 days is ~400, so +3000 is far above 2x.
        status, body, _ = submit(c, mp, "2026-11-30", {"ET": 52000})
        self.assertEqual((status, codes(body)), (409, ["reading.unusual"]))
        p = body["errors"][0]["params"]
        self.assertEqual(p["register"], "ET")
        self.assertLess(p["expected_min"], p["expected_max"])
        self.assertLess(p["expected_max"], 52000)
        self.assertGreater(p["expected_min"], 48800)
        status, body, _ = submit(c, mp, "2026-11-30", {"ET": 52000}, confirm_unusual=True)
        self.assertEqual(status, 201, body)
        self.assertEqual(codes({"errors": body["warnings"]}), ["reading.unusual"])
        # Within 0.5x-2x of the expected use: never unusual (1.5x here).
        e, mp2 = self.customer_on(EMB)
        self.assertEqual(submit(e, mp2, "2026-11-29", typical(EMB, "2026-11-29", 1.5), "own_record")[0], 201)

    def test_the_total_typed_into_vt_is_a_tariff_mixup(self):
        c, mp = self.customer_on(ELJ)
        status, body, _ = submit(c, mp, "2026-11-30", {"VT": 26600 + 12300 + 200, "MT": 12450})
        self.assertEqual((status, codes(body)), (409, ["reading.tariff_mixup"]))
        self.assertEqual(body["errors"][0]["params"]["register"], "VT")
        self.assertEqual(submit(c, mp, "2026-11-30", {"VT": 39100, "MT": 12450}, confirm_unusual=True)[0], 201)

    def test_own_records_any_time_and_operators_without_self_readings(self):
        c, mp = self.customer_on(MEPL)
        status, body, _ = submit(c, mp, "2026-11-30", {"M3": 100})
        self.assertEqual((status, codes(body)), (422, ["reading.no_self_readings"]))
        self.assertEqual(submit(c, mp, "2026-11-30", {"M3": 100}, "own_record")[0], 201)
        d, dmp = self.customer_on(DOPL)  # Domplan's November window (26-29) closed yesterday
        status, body, _ = submit(d, dmp, "2026-11-30", {"M3": 6800})
        self.assertEqual((status, codes(body)), (422, ["reading.outside_window"]))
        self.assertEqual(body["errors"][0]["params"], {"opens_on": "2026-12-27", "closes_on": "2026-12-30"})
        self.assertEqual(submit(d, dmp, "2026-11-30", {"M3": 6800}, "own_record")[0], 201)

    def test_delete_own_submissions_only(self):
        c, mp = self.customer_on(ENLJ)
        own = submit(c, mp, "2026-11-30", {"M3": 8380}, "own_record")[1]["submission_id"]
        other = new_customer(self.server)
        linked(other, *ENLJ)
        self.assertEqual(other.call("DELETE", f"/api/v1/submissions/{own}")[0], 404)
        self.assertEqual(c.call("DELETE", f"/api/v1/submissions/{own}")[:2], (204, None))
        self.assertEqual(c.call("DELETE", f"/api/v1/submissions/{own}")[0], 404)
        rows = c.call("GET", f"/api/v1/metering-points/{mp}/readings")[1]
        self.assertFalse(any(r["source"] == "customer" for r in rows))
        for bad in ("abc", "0", "99999999", "-1", "1.5"):
            self.assertEqual(c.call("DELETE", f"/api/v1/submissions/{bad}")[0], 404, bad)

    def test_export_xlsx_and_csv_read_back(self):
        import openpyxl
        c, mp = self.customer_on(ELJ)
        submit(c, mp, "2026-11-30", {"VT": 26900, "MT": 12450})
        rows = c.call("GET", f"/api/v1/metering-points/{mp}/readings")[1]
        status, data, headers = c.call("GET", f"/api/v1/metering-points/{mp}/readings/export?format=xlsx")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        self.assertEqual(headers["content-disposition"], 'attachment; filename="odcitki-3345341-2026-11-30.xlsx"')
        wb = openpyxl.load_workbook(io.BytesIO(data))
        ws = wb.active
        self.assertEqual([c.value for c in ws[1]], ["Datum odčitka", "Odjemno mesto", "Tarifa", "Stanje", "Razlika",
                                                    "Poraba na dan", "Vir", "Tip"])
        self.assertEqual(ws.freeze_panes, "A2")
        self.assertGreater(ws.column_dimensions["B"].width, 20)
        self.assertEqual(ws.max_row - 1, len(rows))
        for i, api in enumerate(rows, start=2):
            date, place, reg, value, diff, per_day, source, typ = [c.value for c in ws[i]]
            self.assertIsInstance(date, datetime.datetime)
            self.assertEqual(date.date().isoformat(), api["date"])
            self.assertIn("Šmartinska cesta 5", place)
            self.assertEqual(reg, api["register"])
            self.assertIsInstance(value, (int, float))
            self.assertEqual(value, api["value"])
            self.assertEqual(diff, api["difference"])
            if api["per_day"] is None:
                self.assertIsNone(per_day)
            else:
                self.assertAlmostEqual(per_day, api["per_day"], places=6)
            self.assertEqual(source, {"customer": "odjemalec", "operator": "operater", "estimate": "ocena"}[api["source"]])
            self.assertEqual(typ or None, {"submission": "oddaja", "own_record": "lastna evidenca", None: None}[api["type"]])
        status, data, headers = c.call("GET", f"/api/v1/metering-points/{mp}/readings/export?format=csv")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-disposition"], 'attachment; filename="odcitki-3345341-2026-11-30.csv"')
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"))
        text = data.decode("utf-8-sig")
        self.assertIn("\r\n", text)
        self.assertNotIn("\n", text.replace("\r\n", ""))
        parsed = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        self.assertEqual(parsed[0], ["Datum odčitka", "Odjemno mesto", "Tarifa", "Stanje", "Razlika", "Poraba na dan",
                                     "Vir", "Tip"])
        self.assertEqual(len(parsed) - 1, len(rows))
        first = parsed[1]
        self.assertEqual(first[0], "30.11.2026")
        self.assertEqual(first[2:5], ["VT", "26900", "300"])
        self.assertEqual(first[5], "10,00")
        self.assertEqual(first[6:], ["odjemalec", "oddaja"])
        status, body, _ = c.call("GET", f"/api/v1/metering-points/{mp}/readings/export?format=pdf")
        self.assertEqual((status, body["errors"][0]["field"]), (400, "format"))


class AuthorisationTest(unittest.TestCase):
    """Neither of two customers can touch the other's metering points, contracts or submissions."""

    def test_idor(self):
        with At("2026-11-30T10:00:00+01:00") as s:
            a, b = new_customer(s, "alice"), new_customer(s, "bob")
            contract = linked(a, *ELJ)
            mp = contract["metering_point"]["id"]
            sub = submit(a, mp, "2026-11-30", typical(ELJ, "2026-11-30"))[1]["submission_id"]
            linked(b, *EMB)
            attempts = [
                ("GET", f"/api/v1/metering-points/{mp}/readings", None),
                ("POST", f"/api/v1/metering-points/{mp}/readings",
                 {"date": "2026-11-30", "type": "own_record", "values": {"VT": 1, "MT": 1}}),
                ("GET", f"/api/v1/metering-points/{mp}/readings/export?format=csv", None),
                ("GET", f"/api/v1/metering-points/{mp}/readings/export?format=xlsx", None),
                ("PUT", f"/api/v1/metering-points/{mp}/reminders", {"email": True, "sms": False}),
                ("DELETE", f"/api/v1/submissions/{sub}", None),
                ("DELETE", f"/api/v1/contracts/{contract['id']}", None),
            ]
            for method, path, body in attempts:
                status, data, _ = b.call(method, path, body)
                self.assertEqual((status, codes(data)), (404, ["not_found"]), (method, path))
                # Exactly as for something that does not exist.
                missing = path.replace(f"/{mp}/", "/987654/").replace(f"/{sub}", "/987654").replace(
                    f"/{contract['id']}", "/987654")
                self.assertEqual(b.call(method, missing, body)[:2], (status, data), missing)
            # Nothing changed for Alice.
            self.assertEqual(len(a.call("GET", "/api/v1/contracts")[1]), 1)
            rows = a.call("GET", f"/api/v1/metering-points/{mp}/readings")[1]
            self.assertEqual([r["submission_id"] for r in rows if r["source"] == "customer"], [sub, sub])
            self.assertFalse(a.call("GET", "/api/v1/contracts")[1][0]["reminders"]["email"])
            anonymous = Customer(s)
            self.assertEqual(anonymous.codes("GET", f"/api/v1/metering-points/{mp}/readings"), (401, ["auth.required"]))


class CalendarTest(unittest.TestCase):
    """Windows on real dates: month and year ends, Domplan's month-specific days, both DST changes."""

    def probe(self, when, facts, date, expect_status, window=None):
        with At(when) as s:
            c = new_customer(s)
            contract = linked(c, *facts)
            if window is not None:
                self.assertEqual(contract["window"], window, when)
            values = typical(facts, date) if facts is not DOPL else {"M3": 7320}  # Domplan: seasonal, see below
            status, body, _ = submit(c, contract["metering_point"]["id"], date, values)
            self.assertEqual(status, expect_status, (when, body))
            return body

    def test_electricity_across_month_and_year_end(self):
        self.probe("2026-12-03T23:30:00+01:00", ELJ, "2026-12-03", 201,
                   {"open_now": True, "opens_on": "2026-11-30", "closes_on": "2026-12-03"})
        body = self.probe("2026-12-04T00:30:00+01:00", ELJ, "2026-12-04", 422,
                          {"open_now": False, "opens_on": "2026-12-31", "closes_on": "2027-01-03"})
        self.assertEqual(body["errors"][0]["params"], {"opens_on": "2026-12-31", "closes_on": "2027-01-03"})
        self.probe("2027-01-02T12:00:00+01:00", ELJ, "2026-12-28", 201,
                   {"open_now": True, "opens_on": "2026-12-31", "closes_on": "2027-01-03"})

    def test_domplan_month_specific_windows(self):
        # 6680 on 31 Oct 2026; last winter's Nov-Feb use (~640 m³) makes 7320 the expected value.
        self.probe("2027-02-25T09:00:00+01:00", DOPL, "2027-02-25", 201,
                   {"open_now": True, "opens_on": "2027-02-24", "closes_on": "2027-02-27"})
        self.probe("2026-11-25T09:00:00+01:00", DOPL, "2026-11-25", 422,
                   {"open_now": False, "opens_on": "2026-11-26", "closes_on": "2026-11-29"})

    def test_dst_changes(self):
        # 31 March 2026 00:30 CEST is still 30 March in UTC: the Slovenian date decides.
        self.probe("2026-03-31T00:30:00+02:00", ELJ, "2026-03-31", 201,
                   {"open_now": True, "opens_on": "2026-03-31", "closes_on": "2026-04-03"})
        # Energetika Ljubljana: the last 3 days; 29 October 00:30 CET, after the October change.
        self.probe("2026-10-29T00:30:00+01:00", ENLJ, "2026-10-29", 201,
                   {"open_now": True, "opens_on": "2026-10-29", "closes_on": "2026-10-31"})


class TimePassesTest(unittest.TestCase):
    """The same database at a later date: deletion rights end with the window, contracts end."""

    def test_submissions_stop_being_deletable_when_the_window_closes(self):
        data_dir = tempfile.mkdtemp(prefix="portal-later-")
        first = At("2026-12-02T10:00:00+01:00", data_dir=data_dir)
        first.keep = True
        with first as s:
            db = s.db
            c = new_customer(s)
            mp = linked(c, *ELJ)["metering_point"]["id"]
            sub = submit(c, mp, "2026-12-01", typical(ELJ, "2026-12-01"))[1]["submission_id"]
            own = submit(c, mp, "2026-12-02", typical(ELJ, "2026-12-02"), "own_record")[1]["submission_id"]
            email = c.email
            new_tenant = new_customer(s)
            status, body, _ = link(new_tenant, "3999002", "E-104", "electricity", "ELJ")
            self.assertEqual(status, 201, body)
            tenant_email = new_tenant.email
            tenant_mp = body["contract"]["metering_point"]["id"]
        with At("2026-12-05T10:00:00+01:00", data_dir=data_dir, db=db, load=False) as s:
            c = Customer(s)
            self.assertEqual(c.login(email)[0], 200)  # the browser session idled out meanwhile
            rows = c.call("GET", f"/api/v1/metering-points/{mp}/readings")[1]
            by_sub = {r["submission_id"]: r["deletable"] for r in rows if r["submission_id"]}
            self.assertEqual(by_sub, {sub: False, own: True})
            status, body, _ = c.call("DELETE", f"/api/v1/submissions/{sub}")
            self.assertEqual((status, codes(body)), (403, ["reading.not_deletable"]))
            self.assertEqual(c.call("DELETE", f"/api/v1/submissions/{own}")[0], 204)
            # The new tenant (contract from 1 July 2026) sees none of the earlier tenant's readings.
            t = Customer(s)
            t.login(tenant_email)
            dates = [r["date"] for r in t.call("GET", f"/api/v1/metering-points/{tenant_mp}/readings")[1]]
            self.assertTrue(dates and min(dates) >= "2026-07-01", dates)
        # A contract ending disappears: re-import E-100 with valid_to, then look a day later.
        later = At("2026-12-06T10:00:00+01:00", data_dir=data_dir, db=db, load=False)
        rows = [Registry.CONTRACTS[0] + "2026-12-05"]
        from portal import import_contracts
        import_contracts(later.server, rows)
        with later as s:
            c = Customer(s)
            c.login(email)
            self.assertEqual(c.call("GET", "/api/v1/contracts")[1], [])
            self.assertEqual(codes(c.call("GET", f"/api/v1/metering-points/{mp}/readings")[1]), ["not_found"])
        later.server.cleanup()


if __name__ == "__main__":
    unittest.main()
