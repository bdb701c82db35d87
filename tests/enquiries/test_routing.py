"""Every enquiry is routed by when it arrived and whether it is urgent; the route is recorded."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import connection

import pytest
import time_machine

from enquiries import alerting
from enquiries.models import (
    Alert,
    Closure,
    Enquiry,
    EnquiryEvent,
    OfficeHoursPeriod,
    OfficeHoursSettings,
)
from enquiries.routing import receive_enquiry, what_happens_next
from enquiries.signals import enquiry_routed
from tests.enquiries.alerting.factories import ContactMethodFactory, OfficerFactory, policy_of

LONDON = ZoneInfo("Europe/London")

MOMENTS = {
    # name: (local wall-clock time, closed reason or None, when the office reopens)
    "in hours": (datetime(2026, 3, 3, 10, 15), None, None),
    "evening": (datetime(2026, 3, 3, 19, 30), "after closing", "08:00 on Wednesday 4 March"),
    "weekend": (datetime(2026, 2, 28, 23, 4), "weekend", "08:00 on Monday 2 March"),
    "bank holiday": (
        datetime(2026, 4, 3, 11, 0),
        "bank holiday: Good Friday",
        "08:00 on Tuesday 7 April",
    ),
    "shutdown": (datetime(2026, 12, 30, 10, 0), "Christmas shutdown", "08:00 on Monday 4 January"),
}


@pytest.fixture
def christmas_shutdown(db):
    return Closure.objects.create(
        start_date=date(2026, 12, 24), end_date=date(2027, 1, 1), reason="Christmas shutdown"
    )


@pytest.fixture
def routed_signals():
    received = []

    def receiver(sender, enquiry, route, **kwargs):
        received.append((enquiry.pk, route, connection.in_atomic_block))

    enquiry_routed.connect(receiver)
    yield received
    enquiry_routed.disconnect(receiver)


def submit(urgent):
    return receive_enquiry(
        journalist_name="Tom Reilly",
        outlet="Radio Northmoor",
        email="tom.reilly@radio.example",
        phone="+447700900456",
        subject="Missing person appeal",
        question="Is there an update on the appeal?",
        urgent=urgent,
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("urgent", [True, False], ids=["urgent", "not urgent"])
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_every_enquiry_is_routed_by_office_hours_and_urgency(
    christmas_shutdown, routed_signals, moment, urgent
):
    local, closed_reason, reopens = MOMENTS[moment]
    with time_machine.travel(local.replace(tzinfo=LONDON), tick=False):
        enquiry = submit(urgent)

    enquiry.refresh_from_db()
    received = f"Received {local:%A %H:%M}"
    urgency = "urgent" if urgent else "not urgent"
    if closed_reason is None:
        assert enquiry.route == Enquiry.Route.IN_HOURS
        assert enquiry.route_reason == f"{received}, office open; {urgency}"
        assert what_happens_next(enquiry).startswith("A press officer will respond")
    elif urgent:
        assert enquiry.route == Enquiry.Route.URGENT_OUT_OF_HOURS
        assert enquiry.route_reason == f"{received}, office closed ({closed_reason}); urgent"
        assert "on-call press officer has been alerted" in what_happens_next(enquiry)
    else:
        assert enquiry.route == Enquiry.Route.QUEUED_FOR_OPENING
        assert enquiry.route_reason == f"{received}, office closed ({closed_reason}); not urgent"
        assert f"after we reopen at {reopens}." in what_happens_next(enquiry)
    # The alerting heard about it inside the transaction that stored the route.
    assert routed_signals == [(enquiry.pk, enquiry.route, True)]
    kinds = list(enquiry.events.values_list("kind", flat=True))
    assert kinds[:2] == [EnquiryEvent.Kind.RECEIVED, EnquiryEvent.Kind.ROUTED]


@pytest.mark.django_db
def test_the_routed_event_says_the_route_and_why():
    with time_machine.travel(datetime(2026, 2, 28, 23, 4, tzinfo=LONDON), tick=False):
        enquiry = submit(urgent=True)
    routed = enquiry.events.get(kind=EnquiryEvent.Kind.ROUTED)
    assert routed.message == (
        "Urgent, out of hours: on-call alerted. "
        "Received Saturday 23:04, office closed (weekend); urgent"
    )
    assert routed.data["next_opening"] == "2026-03-02T08:00:00+00:00"
    assert enquiry.reference == "ENQ-2026-00001"


@pytest.mark.django_db
def test_office_hours_edited_in_the_admin_change_the_route():
    """A manager opens the office on Saturday mornings; Saturday 10:00 is then in hours."""
    office = OfficeHoursSettings.load()
    for weekday in range(6):
        OfficeHoursPeriod.objects.create(
            setting=office, weekday=weekday, opens_at=time(9), closes_at=time(17)
        )
    with time_machine.travel(datetime(2026, 2, 28, 10, 0, tzinfo=LONDON), tick=False):
        saturday = submit(urgent=False)
    with time_machine.travel(datetime(2026, 3, 2, 8, 30, tzinfo=LONDON), tick=False):
        monday_early = submit(urgent=False)
    assert saturday.route == Enquiry.Route.IN_HOURS
    assert monday_early.route == Enquiry.Route.QUEUED_FOR_OPENING
    assert "08:" not in what_happens_next(monday_early)
    assert "reopen at 09:00 on Monday 2 March" in what_happens_next(monday_early)


@pytest.mark.django_db
def test_scotland_region_works_on_easter_monday():
    office = OfficeHoursSettings.load()
    office.bank_holiday_region = "SCT"
    office.save()
    with time_machine.travel(datetime(2026, 4, 6, 10, 0, tzinfo=LONDON), tick=False):
        enquiry = submit(urgent=False)
    assert enquiry.route == Enquiry.Route.IN_HOURS


@pytest.fixture
def alerts_refused(transactional_db):
    """The database refuses to store any on-call alert (a trigger), until ``lift()``."""
    table = Alert._meta.db_table

    def lift():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER IF EXISTS test_refuse_alert ON {table}")
            cursor.execute("DROP FUNCTION IF EXISTS test_refuse_alert()")

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION test_refuse_alert() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'the alert store is down'; END $$"
        )
        cursor.execute(
            f"CREATE TRIGGER test_refuse_alert BEFORE INSERT ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION test_refuse_alert()"
        )
    try:
        yield lift
    finally:
        lift()


@pytest.mark.django_db(transaction=True)
def test_when_the_alert_cannot_be_opened_the_enquiry_is_kept_and_the_sweep_pages_the_officer(
    alerts_refused, caplog, smtp_server, run_queued_tasks
):
    priya = OfficerFactory(username="priya", first_name="Priya")
    ContactMethodFactory(user=priya)
    policy_of([([priya], [], 5)])

    with time_machine.travel(datetime(2026, 2, 28, 23, 4, tzinfo=LONDON), tick=True) as clock:
        enquiry = submit(urgent=True)  # no error for the journalist

        enquiry.refresh_from_db()
        assert enquiry.route == Enquiry.Route.URGENT_OUT_OF_HOURS
        assert not Alert.objects.exists()
        failure = enquiry.events.get(kind=EnquiryEvent.Kind.ALERT)
        assert "could not be opened" in failure.message
        assert "the alert store is down" in failure.data["routing_listener_failed"]
        assert "a listener of enquiry_routed failed" in caplog.text
        assert "the on-call press officer has been alerted" in what_happens_next(enquiry)

        # While the alert store is still down the sweep keeps going and tries again later.
        assert alerting.sweep()["opened"] == 0
        assert not Alert.objects.exists()

        alerts_refused()
        clock.shift(timedelta(seconds=15))
        assert alerting.sweep()["opened"] == 1
        assert alerting.sweep()["opened"] == 0  # never a second alert
        run_queued_tasks()

    (alert,) = Alert.objects.filter(enquiry=enquiry)
    assert alert.status == Alert.Status.OPEN and alert.level == 0
    (page,) = smtp_server.wait_for(1, address=priya.email)
    assert enquiry.reference in page["message"]["subject"]
    timeline = list(enquiry.events.order_by("at", "pk").values_list("message", flat=True))
    assert any("alert sweep found this urgent enquiry" in m for m in timeline)
