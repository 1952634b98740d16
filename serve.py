#!/usr/bin/env python3
"""The portal's one command (standard library only, any Python 3.9+).

    python3 serve.py [SERVER FLAGS...]   install what is missing, build, serve http://localhost:8080
    python3 serve.py test [SUITE...]     install what is missing, build, run every test suite
    python3 serve.py build               install what is missing and build, nothing else

Set-up is idempotent: Debian packages that are missing are installed with apt-get, the Dear
ImGui source is fetched from Debian's source archive into third_party/, npm test tools into
tests/e2e/node_modules. Builds are incremental (build/native, build/wasm, build/fuzz).
Server flags (see docs/api.md, "Operations") pass through unchanged; --demo is added unless
--public-url is https. The environment, PORTAL_NOW included, reaches the server.
"""
import glob
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(ROOT, ".cache")
THIRD_PARTY = os.path.join(ROOT, "third_party")
BUILD = os.path.join(ROOT, "build")
DEBIAN_PYTHON = "/usr/bin/python3"  # sees Debian's python3-* packages; pyenv's python3 does not

# [SECTION] What the portal needs from Debian
BUILD_PACKAGES = [
    "ca-certificates", "xz-utils", "make", "cmake", "ninja-build", "g++", "pkg-config",
    "emscripten",                       # the wasm client (3.1.6 on bookworm)
    "binaryen",                         # wasm-split: the start-up and later modules (scripts/split_wasm.py)
    "nlohmann-json3-dev", "doctest-dev",
    "libboost-dev",                     # the server's HTTP layer: Boost.Beast on Boost.Asio (header-only)
    "zlib1g-dev",                       # gzip of API answers
    "libcpp-httplib-dev", "libsqlite3-dev", "libpqxx-dev", "libsodium-dev",
    "libcurl4-openssl-dev", "libxlsxwriter-dev",
    "libmd4c-dev", "libmd4c0",          # Markdown of the content pages (assets/content)
    "libcairo2-dev", "libpango1.0-dev", # invoice PDFs (cairo's PDF surface, pango text; Inter from fonts-inter)
    "fonts-inter", "python3", "python3-fonttools", "python3-zxcvbn", "brotli",
    "librsvg2-bin",                     # rsvg-convert: the installed app's PNG icons from web/icon*.svg
]
TEST_PACKAGES = [
    "chromium",                         # headless browser for the end-to-end tests
    "firefox-esr",                      # Gecko: the e2e journeys in every engine (engines.test.mjs)
    "webkit2gtk-driver",                # WebKitWebDriver, with WebKitGTK's MiniBrowser (Safari's engine)
    "xvfb",                             # an X display for both (Firefox has no WebGL without one)
    "postgresql",                       # a throw-away cluster per test run
    "python3-openpyxl",                 # reads exported .xlsx back
    "python3-aiosmtpd",                 # a real SMTP server for the mail tests
    "poppler-utils",                    # pdftotext and pdffonts read the invoice PDFs back
    "clang-14", "libclang-rt-14-dev",   # libFuzzer and sanitizers
    "nginx-light", "wrk",               # load balancer and load generator (several instances, bench)
]
NODE_PACKAGES = ["nodejs", "npm"]      # only if no node/npm is on PATH


def log(msg: str) -> None:
    print(f"[serve.py] {msg}", flush=True)


def run(cmd, cwd=ROOT, env=None, check=True, quiet=False):
    if not quiet:
        log("$ " + " ".join(cmd))
    r = subprocess.run(cmd, cwd=cwd, env=env)
    if check and r.returncode != 0:
        log(f"failed ({r.returncode}): {' '.join(cmd)}")
        sys.exit(r.returncode or 1)
    return r.returncode


def privileged(cmd):
    if os.geteuid() == 0:
        return cmd
    if shutil.which("sudo"):
        return ["sudo", "-n"] + cmd
    log("installing packages needs root (or sudo): " + " ".join(cmd))
    sys.exit(1)


# [SECTION] Set-up
def missing_debian_packages(packages):
    missing = []
    for p in packages:
        r = subprocess.run(["dpkg-query", "-W", "-f=${Status}", p], capture_output=True, text=True)
        if "install ok installed" not in r.stdout:
            missing.append(p)
    return missing


def ensure_debian_packages(packages) -> None:
    missing = missing_debian_packages(packages)
    if not missing:
        return
    log("installing Debian packages: " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = privileged(["apt-get", "install", "-y", "--no-install-recommends"] + missing)
    if subprocess.run(install, env=env).returncode != 0:
        run(privileged(["apt-get", "update"]), env=env)
        run(install, env=env)


def ensure_imgui() -> None:
    """Dear ImGui's source from Debian's source archive (the binary package has no imgui.cpp)."""
    link = os.path.join(THIRD_PARTY, "imgui")
    if os.path.exists(os.path.join(link, "imgui.h")):
        return
    src = os.path.join(CACHE, "apt-src")
    os.makedirs(os.path.join(src, "parts"), exist_ok=True)
    os.makedirs(os.path.join(src, "lists", "partial"), exist_ok=True)
    uri = "http://deb.debian.org/debian"
    sources = "/etc/apt/sources.list.d/debian.sources"
    if os.path.exists(sources):  # the archive this machine already uses
        for line in open(sources, encoding="utf-8"):
            if line.startswith("URIs:"):
                uri = line.split()[1]
                break
    with open(os.path.join(src, "parts", "debian-src.sources"), "w", encoding="utf-8") as f:
        f.write(f"Types: deb-src\nURIs: {uri}\nSuites: trixie\nComponents: main\n"
                "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n")
    opts = ["-o", f"Dir::Etc::SourceList={src}/none.list", "-o", f"Dir::Etc::SourceParts={src}/parts",
            "-o", f"Dir::State::Lists={src}/lists"]
    if not glob.glob(os.path.join(CACHE, "imgui_*.orig.tar.xz")):
        log("fetching the Dear ImGui source package from Debian")
        run(["apt-get"] + opts + ["update"], quiet=True)
        run(["apt-get"] + opts + ["source", "--download-only", "imgui"], cwd=CACHE)
    tarball = sorted(glob.glob(os.path.join(CACHE, "imgui_*.orig.tar.xz")))[-1]
    os.makedirs(THIRD_PARTY, exist_ok=True)
    run(["tar", "-xf", tarball, "-C", THIRD_PARTY], quiet=True)
    dirs = sorted(d for d in glob.glob(os.path.join(THIRD_PARTY, "imgui-*")) if os.path.isdir(d))
    if not dirs:
        log(f"{tarball} did not unpack into third_party/imgui-*")
        sys.exit(1)
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(os.path.basename(dirs[-1]), link)
    log(f"Dear ImGui source in {dirs[-1]}")


def ensure_node_tools() -> None:
    if not shutil.which("node") or not shutil.which("npm"):
        ensure_debian_packages(NODE_PACKAGES)
    e2e = os.path.join(ROOT, "tests", "e2e")
    stamp = os.path.join(e2e, "node_modules", ".portal-installed")
    lock = os.path.join(e2e, "package-lock.json")
    if os.path.exists(stamp) and os.path.getmtime(stamp) >= os.path.getmtime(lock):
        return
    log("installing npm test tools (playwright-core, puppeteer-core, pngjs, axe-core)")
    run(["npm", "ci", "--no-audit", "--no-fund"], cwd=e2e)
    open(stamp, "w").close()


def setup(for_tests: bool) -> None:
    ensure_debian_packages(BUILD_PACKAGES + (TEST_PACKAGES if for_tests else []))
    ensure_imgui()
    if for_tests:
        ensure_node_tools()


# [SECTION] Build
def jobs() -> str:
    return str(max(2, os.cpu_count() or 2))


def build_tree(preset: str, targets=None, jobs_=None, check=True) -> int:
    """Configures (once) and builds a tree; with check=False returns the exit code instead of
    ending serve.py (a suite building in a thread of its own reports a failure itself)."""
    env = dict(os.environ, NODE_PATH="/usr/share/nodejs")  # Emscripten's optimizer needs Debian's acorn
    if not os.path.exists(os.path.join(BUILD, preset, "CMakeCache.txt")):
        rc = run(["cmake", "--preset", preset], env=env, check=check)
        if rc:
            return rc
    cmd = ["cmake", "--build", "--preset", preset, "-j", jobs_ or jobs()]
    if targets:
        cmd += ["--target"] + targets
    return run(cmd, env=env, check=check)


def build(for_tests: bool) -> None:
    """The native and wasm trees. The fuzz tree is built by the fuzz suite itself, on one core,
    beside the server suites (which mostly wait on their servers and databases)."""
    t0 = time.time()
    build_tree("native")
    build_tree("wasm")
    log(f"build done in {time.time() - t0:.0f} s")


# [SECTION] Run the portal
def serve(args) -> int:
    server = os.path.join(BUILD, "native", "src", "server", "portal-server")
    flags = list(args)
    public = next((flags[i + 1] for i, a in enumerate(flags[:-1]) if a == "--public-url"), "")
    public = public or next((a.split("=", 1)[1] for a in flags if a.startswith("--public-url=")), "")
    if "--demo" not in flags and not public.startswith("https://"):
        flags.append("--demo")
    if not any(a == "--web-root" or a.startswith("--web-root=") for a in flags):
        flags += ["--web-root", os.path.join(BUILD, "wasm", "web")]
    cmd = [server] + flags
    log("$ " + " ".join(cmd))
    try:
        return subprocess.call(cmd, cwd=ROOT)
    except KeyboardInterrupt:
        return 0


# [SECTION] Tests
_output_lock = threading.Lock()


class Tally:
    def __init__(self):
        self.rows = []

    def add(self, suite: str, passed: int, failed: int, note: str = "") -> None:
        with _output_lock:
            self.rows.append((suite, passed, failed, note))
        log(f"suite {suite}: {passed} passed, {failed} failed {note}".rstrip())

    def totals(self):
        return sum(r[1] for r in self.rows), sum(r[2] for r in self.rows)


def ctest_suite(tally: Tally, preset: str) -> None:
    junit = os.path.join(BUILD, preset, "ctest-results.xml")
    if os.path.exists(junit):
        os.remove(junit)
    env = dict(os.environ, NODE_PATH="/usr/share/nodejs")
    rc = subprocess.run(["ctest", "--preset", preset, "-j", jobs(), "--output-junit", junit], cwd=ROOT,
                        env=env).returncode
    passed = failed = 0
    if os.path.exists(junit):
        text = open(junit, encoding="utf-8").read()
        for m in re.finditer(r"<testcase [^>]*status=\"(\w+)\"", text):
            if m.group(1) == "run":
                passed += 1
            elif m.group(1) != "disabled":
                failed += 1
    if rc != 0 and failed == 0:
        failed = 1  # ctest itself failed (no tests found, build missing...)
    tally.add(f"ctest {preset}", passed, failed)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TestPostgres:
    """A throw-away PostgreSQL cluster on loopback for the test run (PostgreSQL refuses to run as
    root, so as root it runs as the postgres user)."""

    def __init__(self):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not bins:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        self.bin = os.path.dirname(bins[-1])
        self.dir = tempfile.mkdtemp(prefix="portal-pg-")
        self.port = free_port()
        self.as_user = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        data = os.path.join(self.dir, "data")
        run(self.as_user + [os.path.join(self.bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust",
                            "-E", "UTF8", "--no-sync"], quiet=True)
        opts = (f"-k {self.dir} -h 127.0.0.1 -p {self.port} -c max_connections=400 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off")
        run(self.as_user + [os.path.join(self.bin, "pg_ctl"), "-D", data, "-o", opts, "-l",
                            os.path.join(self.dir, "log"), "-w", "start"], quiet=True)
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}"
        log(f"test PostgreSQL on {self.url}")

    def stop(self):
        subprocess.run(self.as_user + [os.path.join(self.bin, "pg_ctl"), "-D", os.path.join(self.dir, "data"), "-m",
                                       "immediate", "stop"], capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


_postgres = []


def test_postgres_url() -> str:
    if not _postgres:
        _postgres.append(TestPostgres())
    return _postgres[0].url


def python_suite(tally: Tally, name: str, folder: str, pattern: str = "test_*.py", db: str = "sqlite") -> None:
    out = os.path.join(BUILD, f"results-{name}.json")
    if os.path.exists(out):
        os.remove(out)
    env = dict(os.environ, PORTAL_TEST_DB=db)
    if db == "postgresql":
        try:
            env["PORTAL_TEST_PG_URL"] = test_postgres_url()
        except (RuntimeError, SystemExit) as e:
            tally.add(name, 0, 1, f"(no PostgreSQL: {e})")
            return
    p = subprocess.run([DEBIAN_PYTHON, os.path.join(ROOT, "tests", "run_python_suite.py"), folder, out, pattern],
                       cwd=ROOT, env=env, capture_output=True, text=True)
    with _output_lock:  # suites may run side by side: each one's output in one piece
        sys.stdout.write(p.stdout)
        sys.stderr.write(p.stderr)
        sys.stdout.flush()
    try:
        r = json.load(open(out, encoding="utf-8"))
        tally.add(name, r["passed"], r["failed"])
    except (OSError, ValueError, KeyError):
        tally.add(name, 0, 1, "(the suite did not report)")


def node_suite(tally: Tally, name: str, folder: str) -> None:
    files = sorted(glob.glob(os.path.join(ROOT, "tests", folder, "*.test.mjs")))
    if not files:
        tally.add(name, 0, 1, "(no test files)")
        return
    p = subprocess.run(["node", "--test", "--test-reporter=tap", "--test-concurrency=1"] + files, cwd=ROOT,
                       capture_output=True, text=True)
    sys.stdout.write(p.stdout)
    sys.stderr.write(p.stderr)
    passed = int((re.search(r"^# pass (\d+)", p.stdout, re.M) or [0, 0])[1])
    failed = int((re.search(r"^# fail (\d+)", p.stdout, re.M) or [0, 0])[1])
    if p.returncode != 0 and failed == 0:
        failed = 1
    tally.add(name, passed, failed)


def fuzz_suite(tally: Tally) -> None:
    """Each libFuzzer target for a bounded time from its seed corpus; a crash, hang, leak or
    sanitizer report fails it."""
    seconds = os.environ.get("PORTAL_FUZZ_SECONDS", "10")
    t0 = time.time()
    if build_tree("fuzz", jobs_="1", check=False):
        tally.add("fuzz", 0, 1, "(the fuzz tree did not build)")
        return
    log(f"fuzz tree built in {time.time() - t0:.0f} s")
    targets = sorted(glob.glob(os.path.join(BUILD, "fuzz", "tests", "fuzz", "fuzz_*")))
    targets = [t for t in targets if os.access(t, os.X_OK) and os.path.isfile(t)]
    if not targets:
        tally.add("fuzz", 0, 1, "(no fuzz targets built)")
        return
    passed = failed = 0
    for target in targets:
        name = os.path.basename(target)
        corpus = os.path.join(BUILD, "fuzz", "corpus", name)
        os.makedirs(corpus, exist_ok=True)
        seeds = os.path.join(ROOT, "tests", "fuzz", "seeds", name)
        dirs = [corpus] + ([seeds] if os.path.isdir(seeds) else [])
        artifacts = os.path.join(BUILD, "fuzz", "artifacts", name) + os.sep
        os.makedirs(artifacts, exist_ok=True)
        log(f"fuzzing {name} for {seconds} s")
        p = subprocess.run([target, f"-max_total_time={seconds}", "-timeout=10", "-rss_limit_mb=2048",
                            f"-artifact_prefix={artifacts}", "-print_final_stats=1"] + dirs,
                           capture_output=True, text=True)
        stats = [l for l in p.stderr.splitlines() if l.startswith(("stat::number_of_executed_units", "Done "))]
        log(f"{name}: exit {p.returncode}; " + "; ".join(stats))
        if p.returncode == 0:
            passed += 1
        else:
            failed += 1
            sys.stderr.write(p.stderr[-6000:])
    tally.add("fuzz", passed, failed, f"({seconds} s each)")


SUITES = {
    "native": lambda t: ctest_suite(t, "native"),
    "wasm": lambda t: ctest_suite(t, "wasm"),
    "server": lambda t: python_suite(t, "server", "tests/server"),
    "server-pg": lambda t: python_suite(t, "server-pg", "tests/server", "test_api_*.py", "postgresql"),
    "e2e": lambda t: node_suite(t, "e2e", "e2e"),
    "fuzz": fuzz_suite,
}


# Suites that run side by side: the two server suites spend most of their time waiting on their
# servers and databases (each on its own port, data directory and database), so together they take
# little more than the longer one, and the fuzz suite (its tree built on one core, then one target
# at a time) uses what they leave. The browser suite runs alone (its journeys count frames and wait on animations).
SIDE_BY_SIDE = ("server", "server-pg", "fuzz")


def test(selected) -> int:
    tally = Tally()
    t0 = time.time()
    names = selected or list(SUITES)
    for name in names:
        if name not in SUITES:
            log(f"unknown suite {name}; suites: {' '.join(SUITES)}")
            return 2
    try:
        done = set()
        for name in names:
            if name in done:
                continue
            group = [n for n in SIDE_BY_SIDE if n in names] if name in SIDE_BY_SIDE else [name]
            if len(group) > 1:
                if "server-pg" in group:
                    test_postgres_url()  # started once, before the threads
                threads = [threading.Thread(target=SUITES[n], args=(tally,)) for n in group]
                for th in threads:
                    th.start()
                for th in threads:
                    th.join()
            else:
                SUITES[name](tally)
            done.update(group)
    finally:
        for pg in _postgres:
            pg.stop()
    passed, failed = tally.totals()
    log(f"tests took {time.time() - t0:.0f} s")
    for suite, p, f, note in tally.rows:
        print(f"  {suite:<16} {p:>5} passed {f:>4} failed {note}")
    print(f"{passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


def main(argv) -> int:
    if argv and argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    if argv and argv[0] == "test":
        setup(for_tests=True)
        build(for_tests=True)
        return test(argv[1:])
    if argv and argv[0] == "build":
        setup(for_tests=False)
        build(for_tests=False)
        return 0
    setup(for_tests=False)
    build(for_tests=False)
    return serve(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
