"""Durability under SIGKILL, 20 times: clients submit at full speed, the server is killed at a
different moment each round, restarted on the same database, and every acknowledged (201)
submission is looked for. Prints acknowledged and lost per round and in total (target: 0 lost),
on SQLite and on PostgreSQL.

Usage: /usr/bin/python3 bench/durability.py [--kills 20] [--no-postgres]
"""
import argparse
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "server"))
from test_api_durability import load_and_kill, prepare, server, verify  # noqa: E402


def run(label, kills):
    if label == "PostgreSQL":
        os.environ["PORTAL_TEST_DB"] = "postgresql"  # prepare() then makes a fresh database
    s, clients = prepare()
    data_dir, db = s.data_dir, s.db
    total_acked = total_lost = total_half = 0
    rnd = random.Random(7)
    for k in range(kills):
        if k:
            s = server(data_dir, db).start()
        acked, _ = load_and_kill(s, clients, kill_after=rnd.randint(20, 250), base=1000 + 100 * k)
        s = server(data_dir, db).start()
        lost, half, present = verify(s, clients, acked)
        s.stop()
        total_acked += len(acked)
        total_lost += len(lost)
        total_half += len(half)
        print(f"  {label} kill {k + 1:2d}: {len(acked):4d} acknowledged, {len(lost)} lost, {len(half)} half-written")
    s.cleanup()
    print(f"{label}: {kills} SIGKILLs, {total_acked} acknowledged submissions, {total_lost} lost, "
          f"{total_half} half-written (target 0 lost)")
    return total_lost + total_half


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--no-postgres", action="store_true")
    a = ap.parse_args()
    bad = run("SQLite", a.kills)
    if not a.no_postgres:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
        import serve
        pg = serve.TestPostgres()
        try:
            os.environ["PORTAL_TEST_PG_URL"] = pg.url
            bad += run("PostgreSQL", a.kills)
        finally:
            pg.stop()
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
