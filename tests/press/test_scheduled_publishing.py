"""An embargoed statement stays hidden until its time, then a real worker process publishes it.

The worker runs ``publish_scheduled`` as a periodic job once a minute (settings.PERIODIC_JOBS),
so a statement scheduled for 00:01 is live by 00:02. The test schedules one a little ahead,
watches the worker's first run leave it alone, and waits for the next run to publish it.
"""

import time
from datetime import timedelta

from django.utils import timezone

import pytest

from home.models import PeriodicJob
from press.models import StatementPage

from .factories import StatementPageFactory

pytestmark = pytest.mark.worker

HEADLINE = "Embargoed: county lines operation results"


def wait_until(condition, timeout, message):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    jobs = list(PeriodicJob.objects.values("name", "last_started_at", "next_run_at", "last_error"))
    raise AssertionError(f"{message}; periodic jobs: {jobs}")


def schedule_statement(index_page, go_live_at):
    """What the admin does when an editor publishes with a future go-live time."""
    page = StatementPageFactory(parent=index_page, title=HEADLINE, published=False, live=False)
    page.go_live_at = go_live_at
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def publish_scheduled_has_run(since):
    return PeriodicJob.objects.filter(
        name="publish_scheduled", last_finished_at__gte=since, last_error=""
    ).exists()


def test_a_scheduled_statement_goes_live_through_the_worker(start_worker, index_page, client):
    go_live_at = timezone.now() + timedelta(seconds=20)
    page = schedule_statement(index_page, go_live_at)

    assert not page.live
    assert page.latest_revision.approved_go_live_at == go_live_at
    assert client.get(index_page.url + page.slug + "/").status_code == 404

    started = timezone.now()
    start_worker()
    wait_until(lambda: publish_scheduled_has_run(started), 30, "the worker never ran its jobs")
    page.refresh_from_db()
    assert not page.live, "published before its go-live time"
    assert timezone.now() < go_live_at, "the worker was too slow to start to prove the embargo"

    wait_until(
        lambda: StatementPage.objects.filter(pk=page.pk, live=True).exists(),
        90,
        "the scheduled statement was not published within a minute and a half",
    )
    page.refresh_from_db()
    assert page.first_published_at >= go_live_at
    response = client.get(index_page.url + page.slug + "/")
    assert response.status_code == 200
    assert HEADLINE in response.content.decode()
    assert HEADLINE in client.get(index_page.url).content.decode()
