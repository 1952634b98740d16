"""portal-admin: import-contracts and import-readings (a bad row rejects the whole file, reported
as FILE:LINE: code message), re-imports update, and export-readings for an operator."""
import csv
import io
import os
import unittest

from portal import (CONTRACTS_HEADER, READINGS_HEADER, Registry, admin, gsrn, import_contracts, new_customer,
                    write_csv)
from test_api_readings import ELJ, EMB, At, codes, link, linked, submit, typical


def run_import(server, kind, rows, header):
    path = write_csv(rows, header)
    try:
        rc, out, err = admin(server, kind, path)
        return rc, out, [l.replace(path, "FILE") for l in err.splitlines()], path
    finally:
        os.remove(path)


class ImportContractsTest(unittest.TestCase):
    def test_a_good_file_applies_and_a_re_import_updates(self):
        with At("2026-11-30T10:00:00+01:00") as s:
            c = new_customer(s)
            contract = linked(c, *ELJ)
            self.assertEqual(contract["metering_point"]["address"]["street"], "Šmartinska cesta 5")
            moved = Registry.CONTRACTS[0].replace("Šmartinska cesta 5", "Šmartinska cesta 7")
            rc, out, err, _ = run_import(s, "import-contracts", [moved], CONTRACTS_HEADER)
            self.assertEqual((rc, err), (0, []))
            self.assertIn("1 rows applied", out)
            self.assertEqual(c.call("GET", "/api/v1/contracts")[1][0]["metering_point"]["address"]["street"],
                             "Šmartinska cesta 7")

    def test_bom_quotes_optional_columns_and_gsrn_only_linking(self):
        with At("2026-11-30T10:00:00+01:00", load=False) as s:
            header = ("contract_number,metering_point,gsrn,energy,operator,street,city,postal_code,registers,"
                      "meter_digits,customer_name")
            g = gsrn("38399887766554433")
            row = f'E-777,7-000001,{g},electricity,ECE,"Ulica, ki ima vejico 4",Celje,3000,ET,6,"Novak, Ana"'
            path = write_csv([row], "\ufeff" + header)
            try:
                rc, out, err = admin(s, "import-contracts", path)
            finally:
                os.remove(path)
            self.assertEqual(rc, 0, err)
            c = new_customer(s)
            status, body, _ = link(c, g, "E-777", "electricity", "ECE")
            self.assertEqual(status, 201, body)
            self.assertEqual(body["contract"]["metering_point"]["address"]["street"], "Ulica, ki ima vejico 4")
            self.assertEqual(body["contract"]["metering_point"]["number"], "7000001")

    def test_a_bad_file_is_rejected_whole_with_every_problem(self):
        with At("2026-11-30T10:00:00+01:00", load=False) as s:
            good = "E-500,1111111,,electricity,ELJ,Ulica 1,Ljubljana,1000,ET,6,Ana,2024-01-01,"
            bad_gsrn = gsrn("38311111111111111")[:-1] + str((int(gsrn("38311111111111111")[-1]) + 1) % 10)
            rows = [
                good,
                "E-501,12345,,electricity,ELJ,Ulica 2,Ljubljana,1000,ET,6,Ana,,",            # line 3
                f"E-502,2222222,{bad_gsrn},electricity,ELJ,Ulica 3,Ljubljana,1000,ET,6,Ana,,",  # line 4
                "E-503,3333333,,electricity,DOPL,Ulica 4,Ljubljana,1000,ET,6,Ana,,",          # line 5
                "E-504,4444444,,electricity,ELJ,Ulica 5,Ljubljana,1000,M3,6,Ana,,",           # line 6
                "E-505,5555555,,electricity,ELJ,Ulica 6,Ljubljana,1000,ET,x,Ana,,",           # line 7
                "E-506,6666666,,electricity,ELJ,Ulica 7,Ljubljana,1000,ET,6,Ana,2024-13-01,",  # line 8
                "E-500,7777777,,electricity,ELJ,Ulica 8,Ljubljana,1000,ET,6,Ana,,",           # line 9
                "E-508,8888888,,elektrika,ELJ,Ulica 9,Ljubljana,1000,ET,6,Ana,,",            # line 10
                "E-509,9999999,,electricity,ELJ,Ulica 10,Ljubljana,1000,ET,6",               # line 11
            ]
            rc, out, err, _ = run_import(s, "import-contracts", rows, CONTRACTS_HEADER)
            self.assertEqual(rc, 1)
            got = [tuple(l.split(" ", 2)[:2]) for l in err]
            self.assertEqual(got, [
                ("FILE:3:", "metering_point.invalid"),
                ("FILE:4:", "metering_point.check_digit"),
                ("FILE:5:", "operator.energy_mismatch"),
                ("FILE:6:", "registers.invalid"),
                ("FILE:7:", "meter_digits.invalid"),
                ("FILE:8:", "date.invalid"),
                ("FILE:9:", "contract_number.duplicate"),
                ("FILE:10:", "energy.invalid"),
                ("FILE:11:", "csv.column_count"),
            ])
            self.assertTrue(all(len(l.split(" ", 2)) == 3 and l.split(" ", 2)[2] for l in err), err)
            # Nothing applied: not even the good first row can be linked.
            c = new_customer(s)
            self.assertEqual(codes(link(c, "1111111", "E-500", "electricity", "ELJ")[1]), ["contract.not_found"])

    def test_header_problems(self):
        with At("2026-11-30T10:00:00+01:00", load=False) as s:
            rc, _, err, _ = run_import(s, "import-contracts", [], "contract_number,metering_point,colour")
            self.assertEqual(rc, 1)
            self.assertIn("FILE:1: csv.unknown_column unknown column \"colour\"", err)
            self.assertTrue(any(l.startswith("FILE:1: csv.missing_column") and "energy" in l for l in err))
            rc, _, err = admin(s, "import-contracts", "/no/such/file.csv")
            self.assertEqual((rc, err.split(" ")[0:2]), (1, ["/no/such/file.csv:0:", "file.unreadable"]))


class ImportReadingsTest(unittest.TestCase):
    def test_readings_import_replaces_and_validates(self):
        with At("2026-11-30T10:00:00+01:00") as s:
            c = new_customer(s)
            mp = linked(c, *EMB)["metering_point"]["id"]
            rc, _, err, _ = run_import(s, "import-readings", ["2-123456,2026-10-31,ET,48810,estimate"], READINGS_HEADER)
            self.assertEqual((rc, err), (0, []))
            rows = c.call("GET", f"/api/v1/metering-points/{mp}/readings")[1]
            oct31 = [r for r in rows if r["date"] == "2026-10-31"]
            self.assertEqual([(r["value"], r["source"]) for r in oct31], [(48810, "estimate")])
            bad = [
                "9999998,2026-10-31,ET,1,operator",       # line 2: unknown metering point
                "2123456,2026-10-31,VT,1,operator",       # line 3: the meter has no VT
                "2123456,2026-10-31,ET,1.5,operator",     # line 4: not a whole number
                "2123456,2026-10-31,ET,1234567,operator",  # line 5: more digits than the meter
                "2123456,31.10.2026,ET,1,operator",       # line 6: date
                "2123456,2026-10-31,ET,1,customer",       # line 7: customers submit through the portal
            ]
            rc, _, err, _ = run_import(s, "import-readings", bad, READINGS_HEADER)
            self.assertEqual(rc, 1)
            self.assertEqual([tuple(l.split(" ", 2)[:2]) for l in err], [
                ("FILE:2:", "metering_point.unknown"), ("FILE:3:", "reading.register_unknown"),
                ("FILE:4:", "reading.not_integer"), ("FILE:5:", "reading.too_many_digits"),
                ("FILE:6:", "date.invalid"), ("FILE:7:", "source.invalid")])


class ExportReadingsTest(unittest.TestCase):
    def test_export_for_an_operator(self):
        with At("2026-11-30T10:00:00+01:00") as s:
            c = new_customer(s)
            mp = linked(c, *ELJ)["metering_point"]["id"]
            sub = submit(c, mp, "2026-11-30", typical(ELJ, "2026-11-30"))[1]["submission_id"]
            submit(c, mp, "2026-11-29", typical(ELJ, "2026-11-29"), "own_record")  # own records are not forwarded
            gone = submit(c, mp, "2026-11-28", typical(ELJ, "2026-11-28"))[1]["submission_id"]
            self.assertEqual(c.call("DELETE", f"/api/v1/submissions/{gone}")[0], 204)
            d = new_customer(s)
            linked(d, *EMB)  # another operator's customer
            emb = d.call("GET", "/api/v1/contracts")[1][0]["metering_point"]["id"]
            submit(d, emb, "2026-11-30", typical(EMB, "2026-11-30"))
            rc, out, err = admin(s, "export-readings", "--operator", "ELJ", "--from", "2026-11-01", "--to", "2026-11-30")
            self.assertEqual(rc, 0, err)
            rows = list(csv.reader(io.StringIO(out)))
            self.assertEqual(rows[0], ["metering_point", "gsrn", "date", "register", "value", "type", "submitted_at"])
            values = typical(ELJ, "2026-11-30")
            self.assertEqual([r[:6] for r in rows[1:]], [
                ["3345341", Registry.ELJ_GSRN, "2026-11-30", "MT", str(values["MT"]), "submission"],
                ["3345341", Registry.ELJ_GSRN, "2026-11-30", "VT", str(values["VT"]), "submission"]])
            self.assertTrue(all(r[6].startswith("2026-11-30T10:") and r[6].endswith("+01:00") for r in rows[1:]))
            rc, out, _ = admin(s, "export-readings", "--operator", "ELJ", "--from", "2026-12-01", "--to", "2026-12-31")
            self.assertEqual(out.splitlines()[1:], [])
            self.assertTrue(sub)
            rc, _, err = admin(s, "export-readings", "--operator", "NOPE", "--from", "2026-11-31", "--to", "x")
            self.assertEqual(rc, 1)
            self.assertEqual([l.split(" ")[1] for l in err.splitlines()],
                             ["operator.unknown", "date.invalid", "date.invalid"])


if __name__ == "__main__":
    unittest.main()
