"""Enquiries benchmark: the public form's throughput and the admin queue on a million enquiries.

    python -m bench.enquiries [--rows 1000000] [--submissions 3000] [--threads 8]

Uses its own PostgreSQL database (``<name>_bench_enquiries`` beside the one in DATABASE_URL),
dropped and rebuilt on every run, and writes a markdown report to stdout and to the
"Enquiries" section of docs/performance.md.

(a) Accepted submissions per second: gunicorn with 2 sync workers serves the real form on
    loopback; client threads each fetch the form (CSRF cookie and token), then POST a valid
    enquiry and count the 302s to the receipt. The rate limits are raised through their
    environment variables, nothing else is changed.
(b) The queue's first page for each filter, in-process with Django's test client against the
    same database once it holds a million enquiries: queries counted, server time measured
    warm, the median of several runs.
"""

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

from bench.common import child_pids

REPO = Path(__file__).resolve().parent.parent
TARGET_RATE = 100
MAX_QUERIES = 15
MAX_MS = 150
OUTLET = "Outlet 042"
LOAD_BEFORE = ""


def bench_database_url():
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pressoffice")
    parts = urllib.parse.urlsplit(base)
    name = parts.path.lstrip("/") or "pressoffice"
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}_bench_enquiries"))


def redis_url():
    """Redis (as in production) for the rate-limit counters when one answers on loopback."""
    try:
        with closing(socket.create_connection(("127.0.0.1", 6379), timeout=0.5)) as sock:
            sock.sendall(b"PING\r\n")
            if sock.recv(16).startswith(b"+PONG"):
                return "redis://127.0.0.1:6379/14"
    except OSError:
        pass
    return ""


def environment(url):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pressoffice.settings.dev",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": url,
        "DATABASE_CONN_MAX_AGE": "60",
        "ENQUIRY_RATE_LIMIT_IP": "100000000",
        "ENQUIRY_RATE_LIMIT_EMAIL": "100000000",
        "PYTHONUNBUFFERED": "1",
    }
    if redis := redis_url():
        env["REDIS_URL"] = redis
    return env


def recreate_database(url):
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


# --- (b) a million enquiries ---------------------------------------------------------------

LOAD_SQL = """
INSERT INTO enquiries_enquiry (
    reference, channel, contact_id, journalist_name, outlet, email, phone, subject, question,
    deadline, urgent, statement_id, received_at, route, route_reason, status, assignee_id,
    duplicate_of_id, anonymised_at
)
SELECT
    'ENQ-' || yr || '-' || lpad(n::text, greatest(5, length(n::text)), '0'),
    CASE WHEN g %% 4 = 0 THEN 'phone' ELSE 'web' END,
    NULL,
    'Journalist ' || g,
    'Outlet ' || lpad((g %% 500)::text, 3, '0'),
    'journalist' || g || '@news.example',
    '+447700900' || lpad((g %% 1000)::text, 3, '0'),
    'Question ' || g || ' about the '
        || (ARRAY['road closure', 'arrest', 'missing person', 'fire', 'court case'])[g %% 5 + 1],
    'Can you confirm what happened, and when a statement is expected?',
    CASE WHEN g %% 5 = 0 THEN NULL ELSE received + (g %% 30) * interval '1 hour' END,
    g %% 20 = 0,
    NULL,
    received,
    CASE WHEN g %% 10 = 0 THEN 'urgent_out_of_hours'
         WHEN g %% 10 IN (1, 2) THEN 'queued_for_opening'
         ELSE 'in_hours' END,
    '',
    status,
    CASE WHEN status = 'new' OR g %% 25 = 0 THEN NULL
         ELSE (%(officers)s)[g %% cardinality(%(officers)s) + 1] END,
    NULL,
    NULL
FROM (
    SELECT g, received, yr, row_number() OVER (PARTITION BY yr ORDER BY g DESC) AS n, status
    FROM (
    SELECT g, received, extract(year FROM received AT TIME ZONE 'Europe/London')::int AS yr,
        CASE WHEN g <= 300 THEN 'new'
             WHEN g <= 1500 THEN 'assigned'
             WHEN g <= 3000 OR g %% 13 = 0 THEN 'answered'
             ELSE 'closed' END AS status
    FROM (
        SELECT g, now() - g * interval '5 minutes' AS received
        FROM generate_series(1, %(rows)s) AS g
    ) AS instants
    ) AS dated
) AS numbered
"""


def load_enquiries(rows):
    """A million enquiries over ten years: recent ones open, older ones answered or closed."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from enquiries.groups import PRESS_OFFICERS, ensure_enquiry_permissions

    group = ensure_enquiry_permissions()[PRESS_OFFICERS]
    officers = []
    for number in range(20):
        user = get_user_model().objects.create_user(
            f"bench.officer{number}", first_name="Bench", last_name=f"Officer {number}"
        )
        user.groups.add(group)
        officers.append(user.pk)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(LOAD_SQL, {"rows": rows, "officers": officers})
        cursor.execute(
            "INSERT INTO enquiries_referencecounter (year, last_number) "
            "SELECT split_part(reference, '-', 2)::int, max(split_part(reference, '-', 3)::int) "
            "FROM enquiries_enquiry GROUP BY 1"
        )
        cursor.execute("VACUUM ANALYZE enquiries_enquiry")
    return time.perf_counter() - started, get_user_model().objects.get(pk=officers[0])


QUEUE_FILTERS = [
    ("default order (no filter)", {}),
    ("status: new", {"status": "new"}),
    ("status: closed", {"status": "closed"}),
    ("route: urgent, out of hours", {"route": "urgent_out_of_hours"}),
    ("urgent", {"urgent": "true"}),
    ("assigned to me", {"assignee": "me"}),
    ("unassigned", {"assignee": "unassigned"}),
    ("a colleague", {"assignee": "{colleague}"}),
    (f"outlet: {OUTLET}", {"outlet": OUTLET}),
    ("deadline: overdue", {"deadline": "overdue"}),
    ("deadline: due within 2 hours", {"deadline": "due_soon"}),
    ("open and urgent, by deadline", {"status": ["new", "assigned"], "urgent": "true"}),
    ("page 2 of the default order", {"p": "2"}),
    ("sorted by received, newest first", {"ordering": "-received_at"}),
    ("sorted by received, oldest first", {"ordering": "received_at"}),
]
SEARCHES = [
    ("search: a reference", {"q": "{reference}"}),
    # Words go through the trigram indexes (enquiries migration 0003): a common phrase, a
    # journalist's name that a hundred-odd enquiries carry, and a word that matches nothing,
    # which without an index means reading every enquiry.
    ("search: a common phrase", {"q": "missing person"}),
    ("search: a journalist's name", {"q": "Journalist 4242"}),
    ("search: a word that matches nothing", {"q": "helicopter"}),
]


def time_queue(user, colleague, reference, runs=7):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client = Client()
    client.force_login(user)
    url = reverse("enquiry:index")
    results = []
    for label, raw in QUEUE_FILTERS + SEARCHES:
        params = {
            key: value.format(colleague=colleague.pk, reference=reference)
            if isinstance(value, str)
            else value
            for key, value in raw.items()
        }
        for _ in range(2):  # warm: caches, plans, pages in shared buffers
            assert client.get(url, params).status_code == 200
        timings, cpu, database, queries = [], [], [], 0
        for _ in range(runs):
            with CaptureQueriesContext(connection) as captured:
                started, started_cpu = time.perf_counter(), time.thread_time()
                response = client.get(url, params)
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.thread_time() - started_cpu) * 1000)
            database.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
            assert response.status_code == 200, response.status_code
            queries = len(captured)
        shown = re.search(rb"(More than )?([\d,]+) enquir(?:y|ies)\b", response.content)
        count = int(shown.group(2).replace(b",", b"")) + bool(shown.group(1)) if shown else 0
        results.append(
            (
                label,
                queries,
                statistics.median(timings),
                statistics.median(cpu),
                statistics.median(database),
                count,
            )
        )
    return results


# --- (a) submissions through the real form -------------------------------------------------


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env, port):
    process = subprocess.Popen(
        [
            str(REPO / ".venv" / "bin" / "gunicorn"),
            "pressoffice.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=REPO,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with closing(http.client.HTTPConnection("127.0.0.1", port, timeout=5)) as conn:
                conn.request("GET", "/enquiries/new/")
                if conn.getresponse().status == 200:
                    return process
        except OSError:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def cpu_seconds(pids):
    """User + system CPU time the processes have used so far (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15 of stat)
    return total / ticks


def queries_per_submission():
    """One accepted submission in-process through the whole middleware stack, its queries
    counted (BEGIN and COMMIT are not statements Django records)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(enforce_csrf_checks=True)
    form = client.get("/enquiries/new/")
    token = TOKEN.search(form.content).group(1).decode()
    deadline = datetime.now() + timedelta(days=3)
    counts = []
    for number in range(3):  # the first builds this process's office hours
        data = {
            "csrfmiddlewaretoken": token,
            "journalist_name": f"Counted Journalist {number}",
            "outlet": "Northmoor Evening Echo",
            "email": f"counted{number}@news.example",
            "phone": f"07700 900{number:03d}",
            "deadline_0": deadline.strftime("%Y-%m-%d"),
            "deadline_1": "16:30",
            "subject": f"Counted enquiry {number}",
            "question": "Can you confirm the road closure on the A61 and when it will reopen?",
            "statement": "",
            "website": "",
        }
        with CaptureQueriesContext(connection) as captured:
            response = client.post("/enquiries/new/", data)
        assert response.status_code == 302, response.status_code
        counts.append(len(captured))
    return counts[-1]


def submit(conn, number, deadline):
    """Fetch the form, then post an enquiry as a journalist would; True when accepted."""
    conn.request("GET", "/enquiries/new/")
    response = conn.getresponse()
    body = response.read()
    cookie = next(
        value.split(";")[0]
        for name, value in response.getheaders()
        if name.lower() == "set-cookie" and value.startswith("csrftoken=")
    )
    form = {
        "csrfmiddlewaretoken": TOKEN.search(body).group(1).decode(),
        "journalist_name": f"Bench Journalist {number}",
        "outlet": "Northmoor Evening Echo",
        "email": f"bench{number}@news.example",
        "phone": f"07700 900{number % 1000:03d}",
        "deadline_0": deadline.strftime("%Y-%m-%d"),
        "deadline_1": "16:30",
        "subject": f"Benchmark enquiry {number}",
        "question": "Can you confirm the road closure on the A61 and when it will reopen?",
        "statement": "",
        "website": "",
    }
    started = time.perf_counter()
    conn.request(
        "POST",
        "/enquiries/new/",
        body=urllib.parse.urlencode(form),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
    )
    response = conn.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    return response.status == 302 and "/submitted/" in (
        response.getheader("Location") or ""
    ), elapsed


WRK_SCRIPT = """
local threads = {}
function setup(thread)
    thread:set("id", #threads + 1)
    table.insert(threads, thread)
end
function init(args)
    accepted, refused, counter = 0, 0, 0
end
function request()
    counter = counter + 1
    local n = id .. "x" .. counter
    local body = "csrfmiddlewaretoken=%(token)s&journalist_name=Wrk+Journalist+" .. n
        .. "&outlet=Radio+Northmoor&email=wrk" .. n .. "%%40news.example"
        .. "&phone=07700+900" .. string.format("%%03d", counter %% 1000)
        .. "&deadline_0=%(date)s&deadline_1=16%%3A30&subject=Benchmark+enquiry+" .. n
        .. "&question=Can+you+confirm+the+closure+of+the+A61%%3F&statement=&website="
    return wrk.format("POST", "/enquiries/new/", {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["Cookie"] = "%(cookie)s",
    }, body)
end
function response(status, headers, body)
    if status == 302 then accepted = accepted + 1 else refused = refused + 1 end
end
function done(summary, latency, requests)
    local a, r = 0, 0
    for _, t in ipairs(threads) do
        a = a + t:get("accepted")
        r = r + t:get("refused")
    end
    io.write(string.format("RESULT %%d %%d %%d %%d %%d\\n", a, r, summary.duration,
        latency:percentile(50), latency:percentile(95)))
end
"""


def form_token(port):
    """One journalist's CSRF cookie and token, fetched from the form as a browser would."""
    with closing(http.client.HTTPConnection("127.0.0.1", port, timeout=30)) as conn:
        conn.request("GET", "/enquiries/new/")
        response = conn.getresponse()
        body = response.read()
        cookie = next(
            value.split(";")[0]
            for name, value in response.getheaders()
            if name.lower() == "set-cookie" and value.startswith("csrftoken=")
        )
    return cookie, TOKEN.search(body).group(1).decode()


def bench_submissions_wrk(port, seconds, connections, pids=()):
    """POSTs only, driven by wrk (C, little CPU): the form fetched once for its CSRF token."""
    import tempfile

    cookie, token = form_token(port)
    date = (datetime.now() + timedelta(days=3)).strftime("%Y-%m-%d")
    script = WRK_SCRIPT % {"token": token, "cookie": cookie, "date": date}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    cpu_before = cpu_seconds(pids)
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                handle.name,
                f"http://127.0.0.1:{port}/enquiries/new/",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        ).stdout
    finally:
        os.unlink(handle.name)
    cpu = cpu_seconds(pids) - cpu_before
    accepted, refused, micros, p50, p95 = map(int, output.split("RESULT")[1].split())
    return {
        "cpu_ms": cpu * 1000 / max(accepted, 1),
        "accepted": accepted,
        "refused": refused,
        "seconds": micros / 1e6,
        "rate": accepted / (micros / 1e6),
        "post_median_ms": p50 / 1000,
        "post_p95_ms": p95 / 1000,
    }


def bench_submissions(env, total, threads, time_limit=180, wrk_seconds=20):
    port = free_port()
    server = start_gunicorn(env, port)
    deadline = datetime.now() + timedelta(days=3)
    lock = threading.Lock()
    counter = iter(range(total))
    accepted, refused, post_times = [], [], []

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        stop = time.monotonic() + time_limit
        while time.monotonic() < stop:
            with lock:
                number = next(counter, None)
            if number is None:
                break
            ok, elapsed = submit(conn, number, deadline)
            with lock:
                (accepted if ok else refused).append(number)
                post_times.append(elapsed)
        conn.close()

    try:
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for number in range(total, total + 10):  # warm both workers' imports and connections
            submit(warm, number, deadline)
        warm.close()
        workers = [threading.Thread(target=client) for _ in range(threads)]
        pids = child_pids(server.pid)  # gunicorn's workers: the master only supervises
        cpu_before = cpu_seconds(pids)
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        elapsed = time.perf_counter() - started
        cpu = cpu_seconds(pids) - cpu_before
        with_wrk = (
            bench_submissions_wrk(port, wrk_seconds, threads, pids) if shutil.which("wrk") else None
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    post_times.sort()
    return with_wrk, {
        "cpu_ms": cpu * 1000 / max(len(accepted), 1),
        "accepted": len(accepted),
        "refused": len(refused),
        "seconds": elapsed,
        "rate": len(accepted) / elapsed,
        "post_median_ms": statistics.median(post_times) * 1000,
        "post_p95_ms": post_times[int(len(post_times) * 0.95)] * 1000,
    }


# --- the report ----------------------------------------------------------------------------


def report(args, load_seconds, rows, submission_runs, queue, redis, queries=None):
    with_wrk, submissions = submission_runs
    best = max(run["rate"] for run in submission_runs if run)
    ok = "met" if best >= TARGET_RATE else "NOT met"
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    lines = [
        "## Enquiries",
        "",
        f"Measured by `python -m bench.enquiries` on {datetime.now():%Y-%m-%d %H:%M} "
        f"(this machine: {os.cpu_count()} cores, PostgreSQL on loopback"
        f"{', Redis for the rate-limit counters' if redis else ''}; load average before the "
        f"run {LOAD_BEFORE}, after it {load}: other work on the machine slows every figure).",
        "",
        "### Public enquiry form",
        "",
        f"gunicorn, 2 sync workers, DEBUG off; {args.threads} client threads each fetch the form "
        "(CSRF cookie and token) and POST a valid enquiry; the rate limits are raised by "
        "environment variable for the run. Every accepted enquiry is stored, routed and its "
        "emails queued (the worker is not running).",
        "",
        "Two clients: a Python one where every submission first fetches the form (GET + POST, "
        "the client's own CPU on the same 2 cores), and `wrk` with a Lua script that fetched "
        "the form once for a CSRF cookie and token and then POSTs enquiries, each with its "
        f"own name and email, over {args.threads} connections.",
        "",
        "Server CPU is the user + system time both gunicorn workers used during the run "
        "(from /proc), divided by the submissions accepted: unlike the rate it barely depends "
        "on what else the machine is doing (PostgreSQL's own CPU is not in it). For the Python "
        "client it includes serving the form's GET.",
        "",
        "| client | accepted (refused) | time | **accepted per second** | POST latency p50 / p95 "
        "| server CPU per submission |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, run in (("Python, GET + POST", submissions), ("wrk, POST", with_wrk)):
        if run:
            lines.append(
                f"| {name} | {run['accepted']} ({run['refused']}) | {run['seconds']:.1f} s | "
                f"**{run['rate']:.0f}/s** | {run['post_median_ms']:.0f} ms / "
                f"{run['post_p95_ms']:.0f} ms | {run['cpu_ms']:.1f} ms |"
            )
    lines += [
        "",
        f"Queries per accepted submission (in-process, after the first): {queries}.",
        "",
        f"Target >= {TARGET_RATE} accepted submissions per second: {ok}.",
        "",
        "### The enquiry queue with a million enquiries",
        "",
        f"{rows:,} enquiries loaded with one `INSERT ... SELECT generate_series` "
        f"({load_seconds:.0f} s including `VACUUM ANALYZE`), ten years of them, the recent "
        "ones open; then the form's enquiries above. First page (25 rows) of the queue for a "
        "press officer, in-process with Django's test client: queries counted, server time "
        f"the median of {args.runs} warm runs. Target: <= {MAX_QUERIES} queries and "
        f"<= {MAX_MS} ms.",
        "",
        "Server time is wall-clock time in the request; its CPU part (this process's thread) "
        "and the time spent waiting for PostgreSQL are shown beside it, because on a shared "
        "machine the wall clock also counts the time other processes held the cores. "
        '"Matching" is what the page says: counting stops at 10,000 ("more than 10,000").',
        "",
        "| filter | matching | queries | server time | CPU | database |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, queries, ms, cpu_ms, db_ms, count in queue:
        flag = "" if queries <= MAX_QUERIES and ms <= MAX_MS else " (over target)"
        matching = f"{count:,}" if count <= 10_000 else "more than 10,000"
        lines.append(
            f"| {label} | {matching} | {queries} | {ms:.0f} ms{flag} | {cpu_ms:.0f} ms | "
            f"{db_ms:.0f} ms |"
        )
    lines += [
        "",
        "Each filter is served by an index: `enquiry_queue_order` (the queue's own order: "
        "urgent and open first, then by deadline) finds the first page of the unfiltered "
        "queue and of the broad filters without a sort; `(status, deadline)` serves the status "
        "and deadline filters, `(assignee, status)` the assignee, `Upper(outlet)` the outlet "
        "(any case), `(route, -received_at)` the route, a partial index on urgent enquiries "
        "the urgency, `received_at` the sort by arrival, and the unique reference a search by "
        "reference. A search for words (reference, subject, name, outlet, any case) is served "
        "by a GIN trigram index on each of those (`pg_trgm`, migration 0003), and pg_trgm's "
        "statistics let the planner walk the queue's order for a common phrase instead. "
        "Counting stops at 10,000 matches.",
        "",
    ]
    return "\n".join(lines)


def write_section(text):
    path = REPO / "docs" / "performance.md"
    current = path.read_text() if path.exists() else "# Performance\n\n"
    pattern = re.compile(r"^## Enquiries\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(current):
        updated = pattern.sub(lambda _m: text + "\n", current)
    else:
        updated = current.rstrip("\n") + "\n\n" + text + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(updated)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--submissions", type=int, default=3000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-write", action="store_true", help="do not update the docs")
    args = parser.parse_args(argv)

    global LOAD_BEFORE
    LOAD_BEFORE = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    url = bench_database_url()
    env = environment(url)
    os.environ.update(
        {k: v for k, v in env.items() if k.startswith(("DJANGO", "DATABASE", "ENQUIRY", "REDIS"))}
    )
    sys.path.insert(0, str(REPO))
    recreate_database(url)

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    print(f"Loading {args.rows:,} enquiries into {url.rsplit('/', 1)[1]} ...", file=sys.stderr)
    load_seconds, officer = load_enquiries(args.rows)

    print(f"Submitting {args.submissions} enquiries through gunicorn ...", file=sys.stderr)
    with_wrk, submissions = bench_submissions(env, args.submissions, args.threads)

    from django.contrib.auth import get_user_model

    from enquiries.models import Enquiry

    colleague = get_user_model().objects.get(username="bench.officer7")
    reference = Enquiry.objects.filter(status="closed").values_list("reference", flat=True)[0]
    queries = queries_per_submission()
    print("Timing the queue ...", file=sys.stderr)
    queue = time_queue(officer, colleague, reference, runs=args.runs)

    text = report(
        args,
        load_seconds,
        args.rows,
        (with_wrk, submissions),
        queue,
        bool(env.get("REDIS_URL")),
        queries,
    )
    print(text)
    if not args.no_write:
        write_section(text)


if __name__ == "__main__":
    main()
