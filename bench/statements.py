"""Statements (issue 2): queries per page with 10 and 2,000 statements, reader throughput, memory.

1. Build the demo site (home, statements index, contact page, spokespeople, topics) and write
   10 statements, then 1,990 more, through Wagtail's own ``add_child`` in one transaction each
   time (timed), then index them for search.
2. At 10 and at 2,000 statements, count the database queries of each page a reader asks for,
   warm (the second of two requests), with the readers' page cache off, since a cache hit would
   hide an N+1.
3. Serve the site with gunicorn and measure an anonymous reader's statement page under wrk with
   the readers' cache on (Redis) and off, side by side with the yardstick, best of several
   interleaved rounds each, and each gunicorn worker's resident memory after the load.
"""

import shlex
from datetime import timedelta

from bench import common

STATEMENT_COUNTS = (10, 2000)
SEARCH_QUERY = "road safety"
# The budgets: queries per request, warm, whatever the number of statements.
QUERY_BUDGETS = {
    "statement page": 8,
    "listing": 10,
    "listing, filtered by topic": 10,
    "spokesperson's statements": 10,
    "home": 10,
    "RSS feed": 6,
    "Atom feed": 6,
    "search": 10,
}
CACHED_SHARE = 40.0  # % of the yardstick's rate, readers' cache on
UNCACHED_SHARE = 5.0  # % of the yardstick's rate, readers' cache off
WORKER_RSS_MIB = 150
CREATE_2000_SECONDS = 180
YARDSTICK = "yardstick"
CACHE_ON = "statement page, readers' cache on"
CACHE_OFF = "statement page, readers' cache off"


def write_statements(index, spokespeople, topics, count, start):
    """Write ``count`` statements under ``index`` as an editor's publish would leave them.

    The words come from the demo statements, numbered so every slug is new; dates spread over
    eighteen months; every other statement links to the two written just before it, and every
    fourth has a public update note.
    """
    from django.db import transaction
    from django.utils import timezone

    from home import demo_content
    from home.demo import build_statement, published_at
    from press.models import StatementRelatedLink, StatementUpdate

    today = timezone.localdate()
    written = []
    with transaction.atomic():
        for number in range(start, start + count):
            data = demo_content.STATEMENTS[number % len(demo_content.STATEMENTS)]
            date = today - timedelta(days=(number * 7) % 540)
            page = build_statement(
                {**data, "title": f"{data['title']} ({number})"},
                spokespeople,
                topics,
                slug=f"statement-{number}",
                date=date,
            )
            page.first_published_at = page.last_published_at = published_at(date)
            if number % 4 == 0:
                added = StatementUpdate(date=date, note="Added a photo.")
                page.updates = [*page.updates.all(), added]
            if number % 2 == 0 and len(written) >= 2:
                page.related_links = [
                    StatementRelatedLink(statement=other, sort_order=i)
                    for i, other in enumerate(written[-2:])
                ]
            index.add_child(instance=page)
            written.append(page)
    return written


def index_for_search():
    from django.core.management import call_command

    from django_tasks_db.models import DBTaskResult

    call_command("update_index", verbosity=0)
    # The per-save indexing tasks Wagtail queued are done by the rebuild above.
    DBTaskResult.objects.all().delete()


def reader_paths(index, statement):
    from press.models import Spokesperson, Topic

    topic = Topic.objects.order_by("name").first()
    spokesperson = Spokesperson.objects.order_by("name").first()
    return {
        "statement page": statement.url,
        "listing": index.url,
        "listing, filtered by topic": f"{index.url}?topic={topic.slug}",
        "spokesperson's statements": index.spokesperson_url(spokesperson),
        "home": "/",
        "RSS feed": index.url + index.reverse_subpage("feed_rss").lstrip("/"),
        "Atom feed": index.url + index.reverse_subpage("feed_atom").lstrip("/"),
        "search": f"/search/?q={SEARCH_QUERY.replace(' ', '+')}",
    }


def showcase_statement(index):
    """The richest statement: quotes, further information, update notes, related statements."""
    from press.models import StatementPage

    return (
        StatementPage.objects.child_of(index)
        .live()
        .exclude(further_information="")
        .filter(updates__isnull=False, related_links__isnull=False)
        .order_by("-date", "-pk")
        .first()
        or StatementPage.objects.child_of(index).live().order_by("-date").first()
    )


def count_all(paths):
    from django.test import override_settings

    counts = {}
    with override_settings(PRESS_READER_CACHE_SECONDS=0):
        for name, path in paths.items():
            result = common.count_queries(path)
            if result.status != 200:
                raise RuntimeError(f"{name} {path} answered {result.status}")
            counts[name] = result
    return counts


def throughput(path):
    """wrk on one page, readers' cache on and off, interleaved with the yardstick.

    The three servers run side by side and wrk visits each in turn for several rounds; each
    keeps its best round, so a burst of other work on the machine does not decide the ratio.
    """
    project = "pressoffice.wsgi:application"
    servers = {
        YARDSTICK: (common.YARDSTICK_APP, {}, "/"),
        CACHE_ON: (project, {"PRESS_READER_CACHE_SECONDS": "600"}, path),
        CACHE_OFF: (project, {"PRESS_READER_CACHE_SECONDS": "0"}, path),
    }
    return common.compare_servers(servers)


def main():
    common.setup_django()
    from home.demo import ensure_site_structure
    from press.cache import purge_reader_cache

    home, index, spokespeople, topics = ensure_site_structure()
    counts, timings = {}, {}
    written = 0
    for target in STATEMENT_COUNTS:
        with common.timed(f"write {target - written} statements") as clock:
            write_statements(index, spokespeople, topics, target - written, written)
        timings[target] = clock["seconds"]
        written = target
        with common.timed("index for search"):
            index_for_search()
        purge_reader_cache()
        statement = showcase_statement(index)
        counts[target] = count_all(reader_paths(index, statement))
    statement_path = showcase_statement(index).url
    rates = throughput(statement_path)

    yardstick = rates[YARDSTICK].requests_per_second
    cached, uncached = rates[CACHE_ON], rates[CACHE_OFF]
    targets = []
    for target in STATEMENT_COUNTS:
        for name, budget in QUERY_BUDGETS.items():
            label = f"queries: {name}, {target:,} statements"
            targets.append(common.Target(label, counts[target][name].count, budget))
    targets += [
        common.Target(
            "statement page rate, readers' cache on (% of yardstick)",
            100 * cached.requests_per_second / yardstick,
            CACHED_SHARE,
            "%",
            at_most=False,
        ),
        common.Target(
            "statement page rate, readers' cache off (% of yardstick)",
            100 * uncached.requests_per_second / yardstick,
            UNCACHED_SHARE,
            "%",
            at_most=False,
        ),
        common.Target(
            "resident memory per gunicorn worker (largest, after load)",
            max(m["rss"] for r in (cached, uncached) for m in r.memory),
            WORKER_RSS_MIB,
            " MiB",
        ),
        common.Target(
            f"time to write {STATEMENT_COUNTS[1] - STATEMENT_COUNTS[0]:,} statements",
            timings[STATEMENT_COUNTS[1]],
            CREATE_2000_SECONDS,
            " s",
        ),
    ]
    for result in (cached, uncached):
        if result.non_2xx or result.errors:
            targets.append(
                common.Target("wrk errors and non-2xx responses", result.non_2xx + result.errors, 0)
            )

    rate_rows = [
        [
            label,
            f"{r.requests_per_second:,.0f}",
            f"{r.latency('p50'):.1f}",
            f"{r.latency('p99'):.1f}",
            f"{r.alone.latency('p50'):.1f}",
            ", ".join(f"{m['rss']:.0f}" for m in r.memory),
        ]
        for label, r in rates.items()
    ]
    few, many = (counts[n] for n in STATEMENT_COUNTS)
    query_rows = [
        [name, few[name].count, many[name].count, budget, f"`{many[name].path}`"]
        for name, budget in QUERY_BUDGETS.items()
    ]
    report = "\n\n".join(
        [
            "## Statements",
            common.targets_table(targets),
            "### Queries per request (warm, readers' cache off)",
            common.table(
                ["page", "10 statements", "2,000 statements", "budget", "path"], query_rows
            ),
            f"### Requests per second: `{statement_path}`",
            common.table(
                [
                    "served",
                    "req/s (16 connections)",
                    "p50 ms",
                    "p99 ms",
                    "p50 ms, one reader at a time",
                    "worker RSS MiB",
                ],
                rate_rows,
            ),
            "Commands:\n\n```\n"
            + "\n".join(
                [
                    cached.gunicorn + "   # env: PRESS_READER_CACHE_SECONDS=600 (cache on) or 0",
                    rates[YARDSTICK].gunicorn,
                    shlex.join(common.wrk_command("http://127.0.0.1:PORT" + statement_path)),
                ]
            )
            + "\n```",
            f"Writing statements: {timings[STATEMENT_COUNTS[0]]:.1f} s for the first "
            f"{STATEMENT_COUNTS[0]}, {timings[STATEMENT_COUNTS[1]]:.1f} s for the next "
            f"{STATEMENT_COUNTS[1] - STATEMENT_COUNTS[0]:,} (`add_child` in one transaction).",
        ]
    )
    print(report, flush=True)
    return report
