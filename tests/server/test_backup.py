"""Backups that lose nothing (SQLite): portal-admin backup makes a consistent copy while the
server keeps accepting readings from several clients at full speed; restored into a fresh data
folder (portal-admin restore), a server started on it lists every reading acknowledged before the
backup began, with all its registers. And every refusal, with its exact message and exit code."""
import os
import shutil
import sqlite3
import tempfile
import threading
import time
import unittest

from portal import PortalServer, admin, import_contracts, new_customer, stored_submissions, submit_own_record

ENV = {"PORTAL_NOW": "2026-11-30T10:00:00+01:00"}
CLIENTS = 3
POINTS = 8
DATES = ["2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"]


def server(data_dir=None):
    return PortalServer("--dev", "--trusted-proxy", "127.0.0.1/32", env=ENV, data_dir=data_dir, use_backend=False)


class BackupTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="portal-backup-")
        self.s = server()
        import_contracts(self.s, [f"B-{i:04d},{4200000 + i},,electricity,ELJ,Varnostna ulica {i + 1},Ljubljana,1000,"
                                  "VT+MT,6,Test,," for i in range(CLIENTS * POINTS)])
        self.s.start()

    def tearDown(self):
        self.s.cleanup()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def customers(self):
        clients = []
        for k in range(CLIENTS):
            c = new_customer(self.s, f"varno{k}")
            c.points = []
            for i in range(k * POINTS, (k + 1) * POINTS):
                status, body, _ = c.call("POST", "/api/v1/contracts", {
                    "metering_point": str(4200000 + i), "contract_number": f"B-{i:04d}", "energy": "electricity",
                    "operator": "ELJ"})
                self.assertEqual(status, 201, body)
                c.points.append(body["contract"]["metering_point"]["id"])
            clients.append(c)
        return clients

    def test_a_backup_while_readings_are_written_keeps_every_acknowledged_one(self):
        clients = self.customers()
        acked = []  # (metering point, submission id, values), in the order acknowledged
        lock = threading.Lock()
        stop = threading.Event()

        def work(c):
            for n in range(POINTS * len(DATES)):
                if stop.is_set():
                    return
                done = submit_own_record(c, n, DATES, 2000, 1000)
                if done:
                    with lock:
                        acked.append(done)

        threads = [threading.Thread(target=work, args=(c,)) for c in clients]
        for t in threads:
            t.start()
        deadline = time.time() + 30
        while time.time() < deadline and len(acked) < 40:
            time.sleep(0.002)
        with lock:
            before = list(acked)  # acknowledged before the backup began
        backup = os.path.join(self.tmp, "portal-backup.db")
        rc, out, err = admin(self.s, "backup", backup)
        with lock:
            during = len(acked) - len(before)
        stop.set()
        for t in threads:
            t.join()
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual(out, f"{os.path.join(self.s.data_dir, 'portal.db')}: backed up to {backup}\n")
        self.assertGreaterEqual(len(before), 40)
        with sqlite3.connect(backup) as db:
            self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            self.assertEqual(db.execute("PRAGMA journal_mode").fetchone()[0], "delete")
        self.assertFalse(os.path.exists(backup + ".part"))

        # Restored into a fresh data folder: every reading acknowledged before the backup is there.
        restored = os.path.join(self.tmp, "restored")
        os.mkdir(restored)
        rc, out, err = admin_db(os.path.join(restored, "portal.db"), "restore", backup)
        self.assertEqual((rc, err), (0, ""))
        again = server(data_dir=restored).start()
        try:
            found = stored_submissions(again, clients)
            lost = [sub for _, sub, values in before if found.get(sub) != values]
            self.assertEqual(lost, [], "acknowledged before the backup, missing from it")
            self.assertEqual([s for s, regs in found.items() if set(regs) != {"VT", "MT"}], [], "half-written")
            print(f"backup: {len(before)} acknowledged before it began (all restored), {during} more during it, "
                  f"{len(found)} in the restored copy")
        finally:
            again.cleanup()

    def test_refusals(self):
        backup = os.path.join(self.tmp, "b.db")
        self.assertEqual(admin(self.s, "backup", backup)[0], 0)
        # Never over an existing file.
        rc, out, err = admin(self.s, "backup", backup)
        self.assertEqual((rc, out, err), (1, "", f"portal-admin: backup: {backup} exists; a backup never overwrites a file\n"))
        # PostgreSQL has its own tools.
        p = run_admin(["--db", "postgresql://localhost/portal", "backup", backup + "2"])
        self.assertEqual((p[0], p[2]), (1, "portal-admin: backup is for SQLite; back up PostgreSQL with pg_dump -Fc "
                                           "and restore with pg_restore (docs/operations.md)\n"))
        target = os.path.join(self.tmp, "t", "portal.db")
        os.mkdir(os.path.dirname(target))
        missing = os.path.join(self.tmp, "nothing.db")
        self.assertEqual(admin_db(target, "restore", missing),
                         (1, "", f"portal-admin: restore: no backup file at {missing}\n"))
        text = os.path.join(self.tmp, "notes.txt")
        with open(text, "w") as f:
            f.write("to ni podatkovna zbirka\n" * 100)
        rc, out, err = admin_db(target, "restore", text)
        self.assertEqual((rc, out), (1, ""))
        self.assertTrue(err.startswith(f"portal-admin: restore: {text} is not an SQLite database ("), err)
        other = os.path.join(self.tmp, "other.db")
        with sqlite3.connect(other) as db:
            db.execute("CREATE TABLE t (x)")
        self.assertEqual(admin_db(target, "restore", other),
                         (1, "", f"portal-admin: restore: {other} is not a portal database (it has no schema_version)\n"))
        newer = os.path.join(self.tmp, "newer.db")
        shutil.copyfile(backup, newer)
        with sqlite3.connect(newer) as db:
            known = db.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
            db.execute("INSERT INTO schema_version (version) VALUES (?)", (known + 50,))
        self.assertEqual(admin_db(target, "restore", newer),
                         (1, "", f"portal-admin: restore: {newer} has schema version {known + 50}, newer than this "
                                 f"portal-admin knows ({known}): restore it with the release that made it\n"))
        self.assertFalse(os.path.exists(target), "nothing was put in place")
        # A database in the middle of a write (a running server's) is not replaced.
        live = os.path.join(self.tmp, "live.db")
        shutil.copyfile(backup, live)
        holder = sqlite3.connect(live, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            self.assertEqual(admin_db(live, "restore", backup),
                             (1, "", f"portal-admin: restore: {live} is in use (is portal-server still running? "
                                     "stop it first)\n"))
        finally:
            holder.execute("ROLLBACK")
            holder.close()


def run_admin(args):
    import subprocess
    from portal import ADMIN
    p = subprocess.run([ADMIN] + args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def admin_db(db, *args):
    return run_admin(["--db", db] + list(args))


if __name__ == "__main__":
    unittest.main()
