"""Races between threads with their own database connections, in one process.

An acknowledgement races a slow send: it waits for the message in flight, and once it commits
nothing more is sent. Two "workers" race to advance and send the same alerts: each step is taken
once and each message handed over once. (The same guarantees with real worker processes killed
at random are in test_guarantees.py.)
"""

import threading
import time

from django.db import connection

import pytest

from enquiries import alerting
from enquiries.models import Alert, ContactMethod, Delivery, EscalationLevel, EscalationPolicy
from tests.enquiries.alerting.factories import (
    ContactMethodFactory,
    OfficerFactory,
    UrgentEnquiryFactory,
)
from tests.enquiries.alerting.test_engine import route_urgent
from tests.fakes.fixtures import fake_webhook  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def in_thread(target, *args):
    outcome = {}

    def run():
        try:
            outcome["value"] = target(*args)
        except Exception as exc:  # reported to the test below
            outcome["error"] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def test_an_acknowledgement_waits_for_the_send_in_flight_then_stops_the_rest(
    fake_webhook,  # noqa: F811 (the fixture)
    settings,
):
    settings.ALERT_WEBHOOK_TIMEOUT = 10.0
    priya = OfficerFactory(username="priya")
    tom = OfficerFactory(username="tom")
    for person in (priya, tom):
        ContactMethodFactory(
            user=person,
            kind=ContactMethod.Kind.WEBHOOK,
            address=fake_webhook.hook_url(person.username),
        )
    policy = EscalationPolicy.objects.create(name="Out of hours", is_default=True)
    level = EscalationLevel.objects.create(policy=policy, sort_order=0, timeout_minutes=5)
    level.people.set([priya, tom])
    level.save()
    alert = route_urgent(UrgentEnquiryFactory())
    to_priya = Delivery.objects.get(alert=alert, person=priya)
    to_tom = Delivery.objects.get(alert=alert, person=tom)

    fake_webhook.hang()
    sending, sent = in_thread(alerting.send, to_priya.pk)
    fake_webhook.wait_for(1, accepted=False)  # Priya's message is with the provider now

    acknowledging, acknowledged = in_thread(Alert.objects.get(pk=alert.pk).acknowledge, tom)
    time.sleep(0.5)
    assert acknowledging.is_alive(), "the acknowledgement did not wait for the send in flight"
    assert Alert.objects.get(pk=alert.pk).status == Alert.Status.OPEN

    fake_webhook.recover()
    sending.join(10)
    acknowledging.join(10)
    assert "error" not in sent and "error" not in acknowledged
    assert acknowledged["value"] is True

    # After the acknowledgement committed: Tom's message and any retry of Priya's are not sent.
    assert alerting.send(to_tom.pk) == Delivery.Status.CANCELLED
    fake_webhook.clear()
    for delivery in Delivery.objects.filter(alert=alert):
        alerting.send(delivery.pk)
    assert fake_webhook.requests == []
    assert set(Delivery.objects.filter(alert=alert).values_list("status", flat=True)) <= {
        Delivery.Status.CANCELLED,
        Delivery.Status.SENT,
    }


def test_two_workers_racing_over_the_same_alerts_take_each_step_and_send_each_message_once(
    fake_webhook,  # noqa: F811 (the fixture)
):
    from datetime import timedelta

    import time_machine

    people = [OfficerFactory(username=f"officer{n}") for n in range(3)]
    for person in people:
        ContactMethodFactory(
            user=person,
            kind=ContactMethod.Kind.WEBHOOK,
            address=fake_webhook.hook_url(person.username),
        )
    policy = EscalationPolicy.objects.create(name="Out of hours", is_default=True)
    for order, person in enumerate(people):
        level = EscalationLevel.objects.create(policy=policy, sort_order=order, timeout_minutes=5)
        level.people.set([person])
        level.save()
    alerts = [route_urgent(UrgentEnquiryFactory()) for _ in range(15)]
    ids = [a.pk for a in alerts]

    def worker():
        for pk in ids:
            alerting.advance(pk)
        for pk in Delivery.objects.filter(alert_id__in=ids).values_list("pk", flat=True):
            alerting.send(pk)

    with time_machine.travel(timedelta(minutes=5, seconds=1)):
        threads = [in_thread(worker) for _ in range(2)]
        for thread, outcome in threads:
            thread.join(60)
            assert "error" not in outcome, outcome.get("error")

    for alert in Alert.objects.filter(pk__in=ids):
        assert (alert.level, alert.round) == (1, 0), "an alert moved more or less than one step"
    assert Delivery.objects.filter(alert_id__in=ids).count() == 30
    paths = [r.path for r in fake_webhook.accepted()]
    assert len(paths) == 30  # level 1 and level 2 of 15 alerts, each exactly once
    assert sorted(set(paths)) == [f"/hooks/{p.username}" for p in people[:2]]
