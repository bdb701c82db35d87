"""An urgent enquiry kept without its alert (opening it failed) is paged by the next sweep.

The routing keeps the enquiry when opening its alert fails (tests/enquiries/test_routing.py);
these tests are about which enquiries the sweep then opens an alert for, and that it opens one
only once.
"""

import threading
from datetime import UTC, datetime, timedelta

from django.db import close_old_connections, connection, transaction

import pytest
import time_machine

from enquiries import alerting
from enquiries.models import Alert, Enquiry
from tests.enquiries.alerting.factories import (
    ContactMethodFactory,
    OfficerFactory,
    UrgentEnquiryFactory,
    policy_of,
)

pytestmark = pytest.mark.django_db(transaction=True)

SATURDAY_NIGHT = datetime(2026, 11, 28, 23, 0, tzinfo=UTC)


@pytest.fixture
def priya():
    """Priya is level 1 of the default policy and reachable by email."""
    person = OfficerFactory(username="priya", first_name="Priya")
    ContactMethodFactory(user=person)
    policy_of([([person], [], 5)])
    return person


def kept_without_alert(**fields):
    """An urgent out-of-hours enquiry as the routing left it when its alert could not open."""
    fields.setdefault("received_at", SATURDAY_NIGHT - timedelta(minutes=2))
    return UrgentEnquiryFactory(route=Enquiry.Route.URGENT_OUT_OF_HOURS, **fields)


def test_the_sweep_opens_alerts_only_for_live_urgent_enquiries_that_have_none(priya):
    waiting = kept_without_alert(subject="Fire at the bus depot")
    kept_without_alert(status=Enquiry.Status.CLOSED, subject="Already answered by phone")
    kept_without_alert(
        status=Enquiry.Status.DUPLICATE, duplicate_of=waiting, subject="Same fire, resent"
    )
    kept_without_alert(received_at=SATURDAY_NIGHT - timedelta(hours=25), subject="Yesterday's")
    old = kept_without_alert(subject="Personal data removed")
    old.anonymise(SATURDAY_NIGHT)
    UrgentEnquiryFactory(route=Enquiry.Route.QUEUED_FOR_OPENING, urgent=False)
    acknowledged = kept_without_alert(subject="Paged and acknowledged earlier")
    with time_machine.travel(SATURDAY_NIGHT - timedelta(minutes=1), tick=False):
        earlier = alerting.open_alert(acknowledged)
    earlier.acknowledge(priya)

    with time_machine.travel(SATURDAY_NIGHT, tick=False):
        assert alerting.sweep()["opened"] == 1

    (alert,) = Alert.objects.filter(enquiry=waiting)
    assert alert.status == Alert.Status.OPEN
    assert list(alert.deliveries.values_list("person", "level")) == [(priya.pk, 0)]
    assert Alert.objects.count() == 2  # and nothing new for the others
    assert acknowledged.alerts.count() == 1


def test_two_sweeps_at_once_open_one_alert(priya):
    """Two workers sweep at the same moment; the enquiry's row lock lets only one open it."""
    enquiry = kept_without_alert()
    barrier = threading.Barrier(2)
    results = []

    def sweep():
        try:
            barrier.wait(timeout=10)
            with transaction.atomic():
                results.append(alerting.sweep()["opened"])
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    with time_machine.travel(SATURDAY_NIGHT, tick=False):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    assert sorted(results) == [0, 1]
    assert enquiry.alerts.count() == 1
    assert enquiry.alerts.get().deliveries.count() == 1
