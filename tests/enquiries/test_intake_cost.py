"""What one accepted enquiry costs the server, pinned so it cannot creep back unnoticed.

The form is the press office's busiest public write (issue 3: >= 100 accepted per second).
The bench measures the rate; these tests pin the work per submission that the rate depends on,
and show that keeping the office hours per process does not keep them stale.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.core.cache import cache

import pytest
import time_machine

from enquiries.models import Closure, Enquiry, OfficeHoursPeriod, OfficeHoursSettings
from tests.enquiries.intake_helpers import default_site, valid_submission

LONDON = ZoneInfo("Europe/London")
FORM = "/enquiries/new/"
TUESDAY_MORNING = datetime(2026, 3, 3, 10, 15, tzinfo=LONDON)

# In production: BEGIN; find the contact; create it (in a savepoint, in case a parallel request
# creates it first); the reference number (one upsert); the enquiry; its two timeline entries
# (received, routed); the alerting's savepoint; COMMIT; then the acknowledgement and the team
# notification queued. Under the test's own transaction BEGIN/COMMIT show as a savepoint pair.
QUERIES_FOR_A_NEW_JOURNALIST = 14


@pytest.fixture
def shared_cache(settings, db):
    """As in production with Redis: a test runs in one process, so its cache is shared."""
    settings.PRESS_SHARED_CACHE = True
    cache.clear()
    default_site()
    OfficeHoursSettings.load()  # the office hours as a manager saved them (the defaults)
    yield
    cache.clear()


def post(client, capture, **fields):
    with capture(execute=True):
        response = client.post(FORM, valid_submission(**fields))
    assert response.status_code == 302, response.content.decode()[:500]


def stored(email):
    return Enquiry.objects.get(email=email)


@pytest.mark.usefixtures("shared_cache")
def test_an_accepted_enquiry_costs_a_fixed_handful_of_queries(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    with time_machine.travel(TUESDAY_MORNING, tick=False):
        post(client, django_capture_on_commit_callbacks, email="first@news.example")
        with django_assert_max_num_queries(QUERIES_FOR_A_NEW_JOURNALIST) as captured:
            post(client, django_capture_on_commit_callbacks, email="priya.shah@echo.example")
    enquiry = stored("priya.shah@echo.example")

    assert enquiry.route == Enquiry.Route.IN_HOURS
    assert enquiry.contact.email == "priya.shah@echo.example"
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    # Nothing read or written that an accepted enquiry does not need.
    for table in [
        "enquiries_officehours",
        "enquiries_closure",
        "django_session",
        "press_statementpage",
        "wagtailcore_referenceindex",
    ]:
        assert f'"{table}' not in sql, table
    # Both emails are queued, after the enquiry committed.
    assert sql.count("django_tasks_database_dbtaskresult") == 2


@pytest.mark.usefixtures("shared_cache")
def test_a_closure_added_in_the_admin_routes_the_very_next_enquiry(
    client, django_capture_on_commit_callbacks
):
    with time_machine.travel(TUESDAY_MORNING, tick=False):
        post(client, django_capture_on_commit_callbacks, email="one@news.example")
        before = stored("one@news.example")
        with django_capture_on_commit_callbacks(execute=True):
            closure = Closure.objects.create(
                start_date=date(2026, 3, 3), end_date=date(2026, 3, 3), reason="Staff training"
            )
        post(client, django_capture_on_commit_callbacks, email="two@news.example")
        during = stored("two@news.example")
        with django_capture_on_commit_callbacks(execute=True):
            closure.delete()
        post(client, django_capture_on_commit_callbacks, email="three@news.example")
        after = stored("three@news.example")

    assert before.route == Enquiry.Route.IN_HOURS
    assert during.route == Enquiry.Route.QUEUED_FOR_OPENING
    assert "Staff training" in during.route_reason
    assert after.route == Enquiry.Route.IN_HOURS


@pytest.mark.usefixtures("shared_cache")
def test_changed_opening_hours_route_the_very_next_enquiry(
    client, django_capture_on_commit_callbacks
):
    with time_machine.travel(TUESDAY_MORNING, tick=False):
        post(client, django_capture_on_commit_callbacks, email="one@news.example")
        before = stored("one@news.example")
        with django_capture_on_commit_callbacks(execute=True):
            office = OfficeHoursSettings.load()
            for weekday in range(5):
                OfficeHoursPeriod.objects.create(
                    setting=office, weekday=weekday, opens_at=time(11), closes_at=time(17)
                )
        post(client, django_capture_on_commit_callbacks, email="two@news.example")
        after = stored("two@news.example")

    assert before.route == Enquiry.Route.IN_HOURS
    assert after.route == Enquiry.Route.QUEUED_FOR_OPENING
    assert "before opening" in after.route_reason
