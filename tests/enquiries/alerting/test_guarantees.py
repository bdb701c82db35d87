"""The six guarantees of the on-call alerting, each proven with real worker processes on
PostgreSQL, a real SMTP server and real HTTP servers standing in for GOV.UK Notify, Twilio and a
chat webhook. Nothing of ours is mocked: the test process only plays the journalist (an urgent
enquiry arrives), the clock (an escalation deadline passes: the database is moved, because a
worker process cannot be time-travelled) and the officers (who acknowledge).
"""

import os
import random
import time
from collections import Counter
from datetime import timedelta

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

import pytest
import time_machine

from enquiries.alerting import ack_url
from enquiries.models import Alert, Delivery, Enquiry, EnquiryEvent
from enquiries.signals import enquiry_routed
from enquiries.tasks import advance_alert
from tests.fakes.fixtures import provider_env

from .factories import (
    ContactMethodFactory,
    OfficerFactory,
    UrgentEnquiryFactory,
    mobile,
    policy_of,
    rota_of,
)
from .paging import count_by_key, fast_forward, messages_received, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
ALERTS = int(os.environ.get("GUARANTEE_ALERTS", "1000"))

FINISHED = {Delivery.Status.SENT, Delivery.Status.FAILED, Delivery.Status.UNCERTAIN,
            Delivery.Status.CANCELLED}  # fmt: skip


@pytest.fixture
def servers(smtp_server, fake_notify, fake_twilio, fake_webhook, settings):
    """Every provider on loopback; SMS through GOV.UK Notify unless a test says Twilio."""
    settings.ALERT_SMS_BACKEND = "notify"
    settings.WAGTAILADMIN_BASE_URL = "http://press.example"
    settings.ONCALL_RETRY_DELAYS = (1, 1)

    class Servers:
        smtp, notify, twilio, webhook = smtp_server, fake_notify, fake_twilio, fake_webhook

        def received(self):
            return messages_received(self.smtp, self.notify, self.twilio, self.webhook)

    return Servers()


@pytest.fixture
def workers(start_worker, servers, settings):
    """Start ``n`` real workers that reach the loopback servers, with short retry and recovery
    times (a retry after 1 s, a send left in progress for 3 s counted as lost)."""
    env = {
        **provider_env(settings),
        "WAGTAILADMIN_BASE_URL": settings.WAGTAILADMIN_BASE_URL,
        "ONCALL_RETRY_DELAYS": "1,1",
        "ONCALL_UNCERTAIN_AFTER": "3",
        "ONCALL_SWEEP_GRACE": "1",
        "ONCALL_SWEEP_INTERVAL": "1",
        "LOG_LEVEL": "WARNING",
        "DATABASE_CONN_MAX_AGE": "60",  # as in production: a worker keeps its connection
    }

    def start(n=1, **overrides):
        return [start_worker({**env, **overrides}) for _ in range(n)]

    return start


def officer(name, kind="email", address=None, **extra):
    person = OfficerFactory(username=name, first_name=name.title(), last_name="Officer")
    ContactMethodFactory(user=person, kind=kind, address=address or person.email, **extra)
    return person


def route_urgent(**fields):
    """What the intake does with an urgent enquiry out of hours (the form is another branch)."""
    with transaction.atomic():
        enquiry = UrgentEnquiryFactory(
            route=Enquiry.Route.URGENT_OUT_OF_HOURS,
            route_reason="Urgent, received out of office hours",
            **fields,
        )
        enquiry_routed.send(sender=Enquiry, enquiry=enquiry, route=enquiry.route)
    return Alert.objects.get(enquiry=enquiry)


def settled(alerts):
    """No alert still paging and no message waiting or in flight."""
    open_alerts = Alert.objects.filter(pk__in=alerts, status=Alert.Status.OPEN).exists()
    in_flight = Delivery.objects.filter(alert__in=alerts).exclude(status__in=FINISHED).exists()
    return not open_alerts and not in_flight


# -- 1. At most once ------------------------------------------------------------------------------
def test_1_two_workers_send_each_message_of_1000_alerts_due_at_once_exactly_once(servers, workers):
    """1,000 alerts fall due at the same moment and two workers race for them, and with the
    sweep, which every second advances whatever is due. Half page the on-call officer by email,
    half a sergeant by text; each gets exactly one message per alert: the SMTP server and the
    fake GOV.UK Notify count them."""
    duty = officer("duty")
    sergeant = officer("sergeant", kind="sms", address=mobile(101))
    by_email = policy_of([([], [rota_of(duty)], 30)], name="Email")
    by_text = policy_of([([sergeant], [], 30)], name="Text")

    now = timezone.now()
    enquiries = Enquiry.objects.bulk_create(
        Enquiry(
            reference=f"ENQ-2026-{90000 + n}",
            journalist_name="Sam Porter",
            outlet="Northmoor Echo",
            subject=f"Incident {n}",
            question="What happened?",
            urgent=True,
            route=Enquiry.Route.URGENT_OUT_OF_HOURS,
        )
        for n in range(ALERTS)
    )
    alerts = Alert.objects.bulk_create(
        Alert(enquiry=e, policy=policy, plan=policy.snapshot(), next_action_at=now)
        for e, policy in zip(enquiries, [by_email, by_text] * (ALERTS // 2), strict=True)
    )
    ids = [a.pk for a in alerts]
    with transaction.atomic():
        for pk in ids:  # each alert's wake-up; the sweep would find them anyway
            advance_alert.enqueue(pk)

    # Both start at once, over 1,000 alerts all due now. The sweep's re-prompting of waiting
    # messages is held back 60 s: with the 1 s used elsewhere in this file, a backlog this size
    # spends the workers on duplicate wake-ups (one run without it managed 352 sends in 600 s).
    workers(2, ONCALL_SWEEP_GRACE="60")
    wait_until(
        lambda: len(servers.smtp.messages) + len(servers.notify.accepted()) >= ALERTS,
        600,  # about a minute on an idle two-core machine; much longer on a loaded one
        "a message for every alert",
        progress=lambda: (len(servers.smtp.messages), delivery_states(ids)),
    )
    wait_until(lambda: settled_level(ids, 0), 30, "every first-level message to finish")
    time.sleep(2)  # a duplicate, if there were one, would arrive now

    counts = count_by_key(servers.received())
    assert set(counts.values()) == {1}
    assert len(counts) == ALERTS
    half = ALERTS // 2
    assert Counter(person for _, person, _, _ in counts) == {duty.pk: half, sergeant.pk: half}
    assert {alert for alert, _, _, _ in counts} == set(ids)
    sent = Delivery.objects.filter(alert__in=ids, status=Delivery.Status.SENT)
    assert sent.count() == Delivery.objects.filter(alert__in=ids).count() == ALERTS


def delivery_states(ids):
    return dict(Counter(Delivery.objects.filter(alert__in=ids).values_list("status", flat=True)))


def settled_level(ids, level):
    return (
        not Delivery.objects.filter(alert__in=ids, level=level)
        .exclude(status__in=FINISHED)
        .exists()
    )


# -- 2. Nothing lost ------------------------------------------------------------------------------
# The whole plan of the kill test's policy: three levels, run twice, then the fallback.
FULL_PLAN = [(0, 0), (1, 0), (2, 0), (0, 1), (1, 1), (2, 1), (Alert.FALLBACK, 0)]


def test_2_killing_workers_mid_flight_loses_no_alert_and_skips_no_level(servers, workers, client):
    """Two workers page 16 alerts through a seven-step plan while one of them is SIGKILLed at a
    random moment, 24 times, and restarted. Some officers acknowledge along the way. In the end
    every alert is acknowledged or has run its whole plan, step by step, and no message was sent
    twice: a send cut off by a kill is never repeated, the person's next method is tried."""
    duty = officer("duty")
    sergeant = officer("sergeant", kind="sms", address=mobile(102))
    ContactMethodFactory(user=sergeant, priority=2)  # email after the text
    deputy = officer("deputy", kind="webhook", address=servers.webhook.hook_url("deputy"))
    head = officer("head", kind="sms", address=mobile(103))
    policy_of(
        [([], [rota_of(duty)], 1), ([sergeant], [], 1), ([deputy], [], 1)],
        repeat=1,
        fallback=[head],
    )
    alerts = [route_urgent(subject=f"Incident {n}").pk for n in range(16)]
    to_acknowledge = set(random.sample(alerts, 5))
    pool = workers(2)

    kills = 0
    while kills < 24:
        time.sleep(random.uniform(0.1, 1.2))
        victim = random.choice(pool)
        victim.kill()
        kills += 1
        victim.start()
        fast_forward()
        if to_acknowledge and random.random() < 0.4:
            alert = Alert.objects.get(pk=to_acknowledge.pop())
            if alert.status == Alert.Status.OPEN:
                acknowledge(client, alert)

    def everything_done():
        fast_forward()
        return settled(alerts)

    wait_until(everything_done, 180, "every alert to be acknowledged or escalated to its end")

    received = count_by_key(servers.received())
    for alert in Alert.objects.filter(pk__in=alerts):
        steps = sorted(
            set(alert.deliveries.values_list("level", "round")),
            key=lambda step: FULL_PLAN.index(step),
        )
        if alert.status == Alert.Status.ACKNOWLEDGED:
            assert steps == FULL_PLAN[: len(steps)], f"a level was skipped: {steps}"
        else:
            assert alert.status == Alert.Status.EXHAUSTED
            assert steps == FULL_PLAN, f"a level was skipped: {steps}"
        for delivery in alert.deliveries.all():
            key = (alert.pk, delivery.person_id, delivery.channel, delivery.address)
            got = received.get(key, 0)
            owed = alert.deliveries.filter(
                person=delivery.person_id, channel=delivery.channel, address=delivery.address
            )
            sent = owed.filter(status=Delivery.Status.SENT).count()
            unsure = owed.filter(status=Delivery.Status.UNCERTAIN).count()
            # Every send the provider confirmed arrived; no key arrived more than once.
            assert sent <= got <= sent + unsure, (delivery, got, sent, unsure)
    assert kills >= 20


def acknowledge(client, alert, person=None):
    """The officer opens the link from their alert and taps Acknowledge."""
    person_id = person.pk if person else alert.deliveries.values_list("person", flat=True).first()
    url = ack_url(alert.pk, person_id)
    path = url.split("press.example", 1)[1]
    response = client.post(path, {"action": "acknowledge"})
    assert response.status_code == 302
    return time.monotonic()


# -- 3. Acknowledge means stop --------------------------------------------------------------------
def test_3_after_an_acknowledgement_commits_no_new_message_is_sent_for_that_alert(
    servers, workers, client
):
    """Officers acknowledge 40 alerts at random moments while two workers are paging and
    escalating them as fast as the clock allows. Nothing reaches any provider for an alert
    after the moment its acknowledgement committed."""
    duty = officer("duty")
    sergeant = officer("sergeant", kind="sms", address=mobile(104))
    deputy = officer("deputy", kind="webhook", address=servers.webhook.hook_url("deputy"))
    policy_of(
        [([], [rota_of(duty)], 1), ([sergeant], [], 1), ([deputy], [], 1)],
        repeat=3,
        fallback=[duty],
    )
    servers.webhook.slow(0.3)  # so acknowledgements land while messages are in flight
    alerts = [route_urgent(subject=f"Incident {n}").pk for n in range(40)]
    workers(2)
    wait_until(lambda: len(servers.received()) >= 10, 60, "the paging to be under way")

    acknowledged_at = {}
    pending = list(alerts)
    random.shuffle(pending)
    while pending:
        fast_forward()
        time.sleep(random.uniform(0.0, 0.3))
        alert = Alert.objects.get(pk=pending.pop())
        acknowledged_at[alert.pk] = acknowledge(client, alert)

    time.sleep(1)
    fast_forward()
    wait_until(lambda: settled(alerts), 60, "every alert to settle")
    time.sleep(1)  # anything sent wrongly would arrive now

    late = [m for m in servers.received() if m.at > acknowledged_at[m.alert]]
    assert late == []
    assert all(
        status == Alert.Status.ACKNOWLEDGED
        for status in Alert.objects.filter(pk__in=alerts).values_list("status", flat=True)
    )
    # The race was real: alerts were paging, some with messages cut off by the acknowledgement.
    assert len({m.alert for m in servers.received()}) >= 10
    assert Delivery.objects.filter(alert__in=alerts, status=Delivery.Status.CANCELLED).exists()


# -- 4. Provider down -----------------------------------------------------------------------------
@pytest.mark.parametrize("failure", ["500", "timeout"])
def test_4_with_the_sms_provider_down_the_officer_is_reached_by_email_and_the_timeline_says_why(
    servers, workers, failure
):
    if failure == "500":
        servers.notify.fail_with(500)
    else:
        servers.notify.hang()
    priya = officer("priya", kind="sms", address=mobile(105))
    ContactMethodFactory(user=priya, priority=2)  # her email, tried next
    policy_of([([], [rota_of(priya)], 5)])
    workers(1)

    alert = route_urgent(subject="Lorry fire on the M62")

    (email,) = servers.smtp.wait_for(1, timeout=30, address=priya.email)
    assert alert.enquiry.reference in email["message"]["Subject"]
    assert len(servers.notify.requests) == 3  # the first try and two retries, then email
    timeline = " ".join(alert.enquiry.events.values_list("message", flat=True))
    assert ("HTTP 500" if failure == "500" else "Timeout") in timeline
    assert "next method" in timeline
    sms = alert.deliveries.get(channel="sms")
    assert sms.status == Delivery.Status.FAILED
    assert sms.attempts_made.count() == 3
    assert alert.deliveries.get(channel="email").status == Delivery.Status.SENT


# -- 5. Nobody on call ----------------------------------------------------------------------------
def test_5_with_nobody_on_call_the_fallback_is_alerted_at_once_and_the_gap_recorded(
    servers, workers
):
    head = officer("head", kind="sms", address=mobile(106))
    empty_rota = rota_of(name="Weekend desk (nobody yet)")
    policy_of([([], [empty_rota], 5)], repeat=2, fallback=[head])
    workers(1)

    started = time.monotonic()
    alert = route_urgent(subject="Power cut at the custody suite")

    (text,) = servers.notify.wait_for(1, timeout=15)
    assert time.monotonic() - started < 15
    assert alert.enquiry.reference in text.json["personalisation"]["message"]
    alert.refresh_from_db()
    assert alert.level == Alert.FALLBACK
    timeline = " ".join(alert.enquiry.events.values_list("message", flat=True))
    assert "Gap" in timeline or "gap" in timeline
    assert alert.enquiry.events.filter(kind=EnquiryEvent.Kind.ESCALATED).exists()


# -- 6. Bad or forged links -----------------------------------------------------------------------
def test_6_expired_altered_or_reused_links_are_refused_and_change_nothing(
    servers, workers, client, settings
):
    priya, tom = officer("priya"), officer("tom")
    policy_of([([], [rota_of(priya)], 5), ([tom], [], 5)])
    workers(1)
    alert = route_urgent(subject="Missing walker on the moor")
    servers.smtp.wait_for(1, timeout=15, address=priya.email)
    path = ack_url(alert.pk, priya.pk).split("press.example", 1)[1]
    before = snapshot(alert)

    # Altered: one character of the signature changed.
    token = path.rstrip("/").rsplit("/", 1)[1]
    altered = path.replace(token, token[:-1] + ("A" if token[-1] != "A" else "B"))
    for method in (client.get, client.post):
        response = method(altered, {"action": "acknowledge"})
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()
    # Forged: a well-formed token for another alert, signed with the wrong key.
    with override_settings(SECRET_KEY="not-our-secret"):
        forged = ack_url(alert.pk + 1, priya.pk).split("press.example", 1)[1]
    assert client.post(forged, {"action": "acknowledge"}).status_code == 400
    # Expired: the same link, opened after it stopped working.
    with time_machine.travel(timedelta(seconds=settings.ONCALL_ACK_MAX_AGE + 60)):
        response = client.post(path, {"action": "acknowledge"})
    assert response.status_code == 403
    assert "This link has expired" in response.content.decode()
    assert snapshot(alert) == before

    # A GET only shows; it never acknowledges.
    assert client.get(path).status_code == 200
    assert snapshot(alert) == before

    # Reused: Priya acknowledges; then her link, and Tom's, change nothing more.
    assert client.post(path, {"action": "acknowledge"}).status_code == 302
    after = snapshot(alert)
    assert after["status"] == Alert.Status.ACKNOWLEDGED and after["assignee"] == priya.pk
    tom_path = ack_url(alert.pk, tom.pk).split("press.example", 1)[1]
    for reuse in (path, tom_path):
        response = client.post(reuse, {"action": "acknowledge"}, follow=True)
        assert "already been acknowledged" in response.content.decode()
    assert snapshot(alert) == after
    assert alert.enquiry.events.filter(data__repeat=True).count() == 2  # recorded, nothing more


def snapshot(alert):
    alert.refresh_from_db()
    enquiry = Enquiry.objects.get(pk=alert.enquiry_id)
    return {
        "status": alert.status,
        "acknowledged_by": alert.acknowledged_by_id,
        "acknowledged_at": alert.acknowledged_at,
        "assignee": enquiry.assignee_id,
        "enquiry_status": enquiry.status,
    }
