"""Shared machinery for `make bench`: a dedicated database, gunicorn, wrk, memory, query counts.

Every section measures the real thing on loopback: the project served by gunicorn with the
production-like ``pressoffice.settings.bench`` against its own PostgreSQL database, and a yardstick
(a minimal Django app) served by the same gunicorn settings in the same run, so a figure is read
against what this machine can do right now rather than against a number from another machine.
"""

import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/pressoffice"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
# Overridable so two people can bench on one PostgreSQL server at once.
BENCH_DATABASE_NAME = os.environ.get("BENCH_DATABASE_NAME", "pressoffice_bench")
BENCH_SETTINGS = "pressoffice.settings.bench"

# One set of gunicorn settings for the project and the yardstick alike.
GUNICORN_WORKERS = 2
GUNICORN_ARGS = [
    "--workers",
    str(GUNICORN_WORKERS),
    "--worker-class",
    "sync",
    "--log-level",
    "warning",
    "--no-control-socket",
]
WRK_THREADS = 2
WRK_CONNECTIONS = 16
WRK_DURATION = os.environ.get("BENCH_WRK_DURATION", "10s")
# wrk rounds per server in compare_servers; each server keeps its best.
WRK_ROUNDS = int(os.environ.get("BENCH_WRK_ROUNDS", "3"))


# --- Targets and reports ------------------------------------------------------------------


@dataclass
class Target:
    """One measured figure against the issue's target; ``at_most`` says which way is good."""

    name: str
    value: float
    limit: float
    unit: str = ""
    at_most: bool = True

    @property
    def passed(self):
        return self.value <= self.limit if self.at_most else self.value >= self.limit

    def row(self):
        sign = "<=" if self.at_most else ">="
        value = f"{self.value:g}" if isinstance(self.value, int) else f"{self.value:.1f}"
        return [self.name, f"{value}{self.unit}", f"{sign} {self.limit:g}{self.unit}", self.verdict]

    @property
    def verdict(self):
        return "PASS" if self.passed else "FAIL"


def table(header, rows):
    """A markdown table, for the printed report and docs/performance.md alike."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def targets_table(targets):
    return table(["measure", "measured", "target", "result"], [t.row() for t in targets])


def say(*parts):
    """Progress on stderr, so stdout carries only the markdown report."""
    print(*parts, file=sys.stderr, flush=True)


@contextmanager
def timed(label):
    started = time.perf_counter()
    box = {}
    yield box
    box["seconds"] = time.perf_counter() - started
    say(f"  {label}: {box['seconds']:.1f}s")


# --- The bench database and Django in this process ------------------------------------------


def bench_database_url(base_url=None):
    """DATABASE_URL with the database name swapped for the bench's own, so no data is touched."""
    parts = urlsplit(base_url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    return urlunsplit(parts._replace(path="/" + BENCH_DATABASE_NAME))


def _admin_connection(url):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )


def recreate_database(url):
    name = urlsplit(url).path.lstrip("/")
    with _admin_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url):
    from django.db import connections

    connections.close_all()
    name = urlsplit(url).path.lstrip("/")
    with _admin_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_state = {}


def setup_django():
    """Create and migrate a fresh bench database and set Django up on it (once per run).

    The environment set here is inherited by every gunicorn the bench starts, so the served site
    and the in-process measurements see the same database and settings.
    """
    if "url" in _state:
        return _state["url"]
    url = bench_database_url()
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = BENCH_SETTINGS
    # As in production, the cache is Redis, shared by every process the bench starts.
    os.environ.setdefault("REDIS_URL", DEFAULT_REDIS_URL)
    # A throwaway key: the bench signs nothing that outlives the run.
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    say(f"Bench database: {url}")
    recreate_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    with timed("migrate"):
        call_command("migrate", verbosity=0, interactive=False)
    with timed("collectstatic (manifest storage, as in production)"):
        call_command("collectstatic", verbosity=0, interactive=False)
    _state["url"] = url
    return url


def teardown_django():
    if "url" in _state and os.environ.get("BENCH_KEEP_DB") != "1":
        drop_database(_state.pop("url"))


def count_queries(path, host="127.0.0.1"):
    """Database queries for one GET of ``path``, warm: requested twice, the second is counted.

    Runs in this process with Django's test client; the first request fills whatever per-process
    and cache-backed lookups the site makes (site root paths, settings), as a long-running worker
    would have them.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=host)
    first = client.get(path)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(path)
    return QueryCount(path, second.status_code, len(queries), [q["sql"] for q in queries], first)


@dataclass
class QueryCount:
    path: str
    status: int
    count: int
    sql: list = field(repr=False)
    first_response: object = field(repr=False, default=None)


# --- Serving over loopback -------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url, timeout=10):
    """(status, body bytes) of a GET without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Gunicorn:
    """A gunicorn master with GUNICORN_WORKERS workers on a free loopback port."""

    def __init__(self, app, extra_env=None, ready_path="/"):
        self.app = app
        self.port = free_port()
        self.env = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
        self.ready_path = ready_path
        self.process = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def command(self):
        return [GUNICORN, self.app, "--bind", f"127.0.0.1:{self.port}", *GUNICORN_ARGS]

    def display_command(self):
        return shlex.join(["gunicorn", self.app, "--bind", "127.0.0.1:PORT", *GUNICORN_ARGS])

    def __enter__(self):
        self.process = subprocess.Popen(self.command, cwd=REPO, env=self.env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                http_get(self.base_url + self.ready_path, timeout=5)
            except OSError:
                time.sleep(0.2)
                continue
            if len(self.worker_pids()) >= GUNICORN_WORKERS:
                return self
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not start answering within 60 s")

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def worker_pids(self):
        return child_pids(self.process.pid)

    def worker_memory_mib(self):
        """Resident memory of each worker now, and its peak, in MiB (from /proc)."""
        return [process_memory_mib(pid) for pid in self.worker_pids()]


def child_pids(parent):
    children = []
    for task in Path(f"/proc/{parent}/task").glob("*/children"):
        children += [int(pid) for pid in task.read_text().split()]
    return sorted(children)


def process_memory_mib(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.MULTILINE))
    return {"pid": pid, "rss": int(values["VmRSS"]) / 1024, "peak": int(values["VmHWM"]) / 1024}


# --- wrk ---------------------------------------------------------------------------------------


@dataclass
class WrkResult:
    requests_per_second: float
    requests: int
    latency_ms: dict
    errors: int
    non_2xx: int
    command: str
    output: str = field(repr=False, default="")

    def latency(self, key):
        return self.latency_ms.get(key, float("nan"))


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS_MS[unit]


def parse_wrk(output, command=""):
    """Requests/s, latency (average and percentiles, ms) and errors from wrk's --latency output."""
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    if not rate:
        raise ValueError(f"no Requests/sec in wrk output:\n{output}")
    latency = {}
    average = re.search(r"^\s+Latency\s+([\d.]+\w+)", output, re.MULTILINE)
    if average:
        latency["avg"] = _ms(average.group(1))
    for percent, value in re.findall(r"^\s+(\d+)%\s+([\d.]+\w+)\s*$", output, re.MULTILINE):
        latency[f"p{percent}"] = _ms(value)
    total = re.search(r"^\s+(\d+) requests in", output, re.MULTILINE)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return WrkResult(
        requests_per_second=float(rate.group(1)),
        requests=int(total.group(1)) if total else 0,
        latency_ms=latency,
        errors=sum(int(n) for n in socket_errors.groups()) if socket_errors else 0,
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        command=command,
        output=output,
    )


def wrk_command(url, duration=WRK_DURATION, threads=WRK_THREADS, connections=WRK_CONNECTIONS):
    return ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}", "--latency", url]


def run_wrk(url, **options):
    command = wrk_command(url, **options)
    say(f"  $ {shlex.join(command)}")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output, shlex.join(command))


# --- The yardstick ---------------------------------------------------------------------------

YARDSTICK_APP = "bench.yardstick:application"


def compare_servers(servers, rounds=WRK_ROUNDS):
    """Serve each app side by side and wrk each in turn, ``rounds`` times; keep each one's best.

    ``servers`` maps a label to (WSGI app, extra environment, path). Every path must answer 200
    first (a fast 404 or redirect would flatter the figures). Each result also carries the
    server's time per request with one reader at a time (``alone``), the workers' memory after
    the load, and the gunicorn command line.
    """
    from contextlib import ExitStack

    with ExitStack() as stack:
        urls, alone, best = {}, {}, {}
        for label, (app, extra_env, path) in servers.items():
            server = stack.enter_context(Gunicorn(app, extra_env, ready_path=path))
            urls[label] = (server, server.base_url + path)
            status, _ = http_get(urls[label][1])
            if status != 200:
                raise RuntimeError(f"{label}: {urls[label][1]} answered {status}")
        for label, (_, url) in urls.items():
            alone[label] = run_wrk(url, threads=1, connections=1, duration="5s")
        for round_number in range(1, rounds + 1):
            for label, (_, url) in urls.items():
                result = run_wrk(url)
                say(f"  round {round_number}, {label}: {result.requests_per_second:,.0f} req/s")
                if (
                    label not in best
                    or result.requests_per_second > best[label].requests_per_second
                ):
                    best[label] = result
        for label, (server, _) in urls.items():
            best[label].alone = alone[label]
            best[label].memory = server.worker_memory_mib()
            best[label].gunicorn = server.display_command()
    return best
