"""Submission throughput: POSTed readings per second (own records on 64 metering points, so every
request is a real write: a new submission or the replacement of that day's one) with wrk at
16 connections, on SQLite (synchronous=FULL) and on PostgreSQL; p50/p99 and errors.

Usage: /usr/bin/python3 bench/submissions.py [--seconds 8] [--no-postgres]
"""
import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import wrk  # noqa: E402
from portal import PortalServer, import_contracts, new_customer  # noqa: E402

POINTS = 64
DATES = ["2026-11-15", "2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"]


def run(label, db, seconds):
    s = PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", env={"PORTAL_NOW": "2026-11-20T10:00:00+01:00"},
                     db=db, log_file=True)
    import_contracts(s, [f"S-{i:03d},{6100000 + i},,electricity,ELJ,Ulica {i},Ljubljana,1000,ET,6,Bench,,"
                         for i in range(POINTS)])
    s.start()
    try:
        c = new_customer(s, "submit")
        ids = []
        for i in range(POINTS):
            status, body, _ = c.call("POST", "/api/v1/contracts", {"metering_point": str(6100000 + i),
                                                                   "contract_number": f"S-{i:03d}",
                                                                   "energy": "electricity", "operator": "ELJ"})
            assert status == 201, body
            ids.append(body["contract"]["metering_point"]["id"])
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        script.write("local mps = {" + ",".join(f'"{i}"' for i in ids) + "}\n")
        script.write("local dates = {" + ",".join(f'"{d}"' for d in DATES) + "}\n")
        script.write("local cookie = \"portal_session=" + c.cookies["portal_session"] + "\"\n")
        script.write("""counter = 0
request = function()
  counter = counter + 1
  local mp = mps[(counter % #mps) + 1]
  local d = (math.floor(counter / #mps) % #dates) + 1
  local body = string.format('{"date":"%s","type":"own_record","values":{"ET":%d}}', dates[d], 1000 + d * 10)
  return wrk.format("POST", "/api/v1/metering-points/" .. mp .. "/readings",
                    {["Content-Type"] = "application/json", ["Cookie"] = cookie}, body)
end
""")
        script.close()
        r = wrk(f"{s.base}/", seconds, connections=16, script=script.name)
        os.remove(script.name)
        print(f"{label}: {r['rps']:.0f} submissions/s  p50 {r['p50']:.2f} ms  p99 {r['p99']:.2f} ms  "
              f"errors {r['errors']}  (wrk -t2 -c16, {seconds} s)")
        return r
    finally:
        s.cleanup()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--no-postgres", action="store_true")
    a = ap.parse_args()
    run("SQLite", None, a.seconds)
    if not a.no_postgres:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
        import serve
        pg = serve.TestPostgres()
        try:
            os.environ["PORTAL_TEST_PG_URL"] = pg.url
            from portal import fresh_postgres_db
            run("PostgreSQL", fresh_postgres_db(), a.seconds)
        finally:
            pg.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
