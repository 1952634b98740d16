"""GET /api/v1/health answers 503 while the database does not answer, and 200 again when it is
back (PostgreSQL: the database is closed to connections and its sessions are ended)."""
import subprocess
import time
import unittest

from portal import PortalServer, backend


def psql(url, sql):
    host_port = url.split("@", 1)[1].split("/", 1)[0]
    host, port = host_port.split(":")
    subprocess.run(["psql", "-h", host, "-p", port, "-U", "postgres", "-d", "postgres", "-q", "-c", sql],
                   check=True, capture_output=True)


class HealthTest(unittest.TestCase):
    def test_health_reports_the_database(self):
        with PortalServer() as s:
            status, _, body = s.json("GET", "/api/v1/health")
            self.assertEqual((status, body["status"], body["db"]), (200, "ok", backend()))

    @unittest.skipUnless(backend() == "postgresql", "needs a PostgreSQL server to take away")
    def test_503_while_postgresql_is_unreachable_then_recovers(self):
        with PortalServer() as s:
            name = s.db.rsplit("/", 1)[1]
            self.assertEqual(s.json("GET", "/api/v1/health")[0], 200)
            psql(s.db, f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
            psql(s.db, f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")
            status, headers, body = s.json("GET", "/api/v1/health")
            self.assertEqual((status, body), (503, {"status": "unavailable"}))
            self.assertEqual(headers.get("retry-after"), "5")
            psql(s.db, f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
            deadline = time.time() + 10
            while time.time() < deadline and s.json("GET", "/api/v1/health")[0] != 200:
                time.sleep(0.1)
            self.assertEqual(s.json("GET", "/api/v1/health")[0], 200)


if __name__ == "__main__":
    unittest.main()
