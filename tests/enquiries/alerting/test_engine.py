"""An urgent enquiry out of hours pages the on-call officer, and escalates until acknowledged.

The engine runs in-process with the real django-tasks-db worker loop (``run_queued_tasks``);
alerts go out by email to a real SMTP server on loopback and by SMS to a fake GOV.UK Notify on
loopback. Time moves with time_machine, which the engine and the task queue both read.
"""

from datetime import UTC, datetime, timedelta

from django.db import transaction

import pytest
import time_machine

from enquiries import alerting
from enquiries.models import (
    Alert,
    ContactMethod,
    Delivery,
    DeliveryAttempt,
    Enquiry,
    EnquiryEvent,
    EscalationLevel,
    EscalationPolicy,
)
from enquiries.signals import enquiry_routed
from tests.enquiries.alerting.factories import (
    ContactMethodFactory,
    OfficerFactory,
    UrgentEnquiryFactory,
    cover,
    mobile,
    rota_of,
)
from tests.fakes.fixtures import fake_notify  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)

# Saturday 28 November 2026, 23:00 GMT: the office is long closed.
SATURDAY_NIGHT = datetime(2026, 11, 28, 23, 0, tzinfo=UTC)


def route_urgent(enquiry):
    """What the intake does for an urgent enquiry out of hours (built in another branch)."""
    with transaction.atomic():
        enquiry.route = Enquiry.Route.URGENT_OUT_OF_HOURS
        enquiry.route_reason = "Urgent, received out of office hours"
        enquiry.save()
        enquiry_routed.send(sender=Enquiry, enquiry=enquiry, route=enquiry.route)
    return Alert.objects.get(enquiry=enquiry)


def policy_of(levels, repeat=0, fallback=(), fallback_timeout_minutes=15):
    """The default policy; ``levels`` is a list of (people, rotas, timeout_minutes).

    Parental many-to-many fields keep their changes in memory until the instance is saved.
    """
    policy = EscalationPolicy.objects.create(
        name="Out of hours",
        is_default=True,
        repeat=repeat,
        fallback_timeout_minutes=fallback_timeout_minutes,
    )
    policy.fallback.set(fallback)
    policy.save()
    for order, (people, rotas, timeout) in enumerate(levels):
        set_level(policy, order, people, rotas, timeout)
    return policy


def set_level(policy, order, people=(), rotas=(), timeout=5):
    level = EscalationLevel.objects.create(policy=policy, sort_order=order, timeout_minutes=timeout)
    level.people.set(people)
    level.rotas.set(rotas)
    level.save()
    return level


def officer(name, **contact):
    person = OfficerFactory(username=name, first_name=name.title())
    ContactMethodFactory(user=person, **contact)
    return person


@pytest.fixture
def clock():
    with time_machine.travel(SATURDAY_NIGHT, tick=True) as traveller:
        yield traveller


@pytest.fixture
def team(clock):
    """Priya is on call this week; Tom is level 2; Nadia, head of news, is the fallback."""
    priya, tom, nadia = officer("priya"), officer("tom"), officer("nadia")
    rota = rota_of(priya, OfficerFactory(username="aisha"))
    policy = policy_of(
        [([], [rota], 5), ([tom], [], 10)],
        repeat=1,
        fallback=[nadia],
        fallback_timeout_minutes=15,
    )
    return {"priya": priya, "tom": tom, "nadia": nadia, "rota": rota, "policy": policy}


def addressed_to(smtp_server, person):
    return [m for m in smtp_server.messages if person.email in m["to"]]


def after_minutes(clock, minutes, run_queued_tasks):
    clock.shift(timedelta(minutes=minutes, seconds=1))
    run_queued_tasks()


def test_an_urgent_enquiry_pages_the_officer_on_call(team, smtp_server, run_queued_tasks):
    enquiry = UrgentEnquiryFactory(phone="+447700900777", outlet="Northmoor Echo")
    alert = route_urgent(enquiry)
    run_queued_tasks()

    (message,) = addressed_to(smtp_server, team["priya"])
    body = message["message"].get_body(("plain",)).get_content()
    assert enquiry.reference in message["message"]["Subject"]
    assert "Northmoor Echo" in body
    assert "Call 07700 900777." in body
    assert enquiry.subject in body
    assert "/oncall/ack/" in body
    alert.refresh_from_db()
    assert (alert.status, alert.level, alert.round) == ("open", 0, 0)
    assert alert.next_action_at - alert.opened_at == timedelta(minutes=5)
    delivery = alert.deliveries.get()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.attempts_made.get().outcome == DeliveryAttempt.Outcome.SENT
    kinds = list(enquiry.events.values_list("kind", flat=True))
    assert EnquiryEvent.Kind.ALERT in kinds
    assert EnquiryEvent.Kind.NOTIFICATION in kinds


def test_without_acknowledgement_it_escalates_repeats_then_falls_back(
    team, clock, smtp_server, run_queued_tasks
):
    enquiry = UrgentEnquiryFactory()
    alert = route_urgent(enquiry)
    run_queued_tasks()
    assert len(addressed_to(smtp_server, team["priya"])) == 1
    assert addressed_to(smtp_server, team["tom"]) == []

    after_minutes(clock, 4, run_queued_tasks)
    assert addressed_to(smtp_server, team["tom"]) == [], "level 2 before level 1 timed out"

    after_minutes(clock, 1, run_queued_tasks)  # level 1 (5 min) has timed out
    assert len(addressed_to(smtp_server, team["tom"])) == 1

    after_minutes(clock, 10, run_queued_tasks)  # round 2, level 1
    assert len(addressed_to(smtp_server, team["priya"])) == 2
    after_minutes(clock, 5, run_queued_tasks)  # round 2, level 2
    assert len(addressed_to(smtp_server, team["tom"])) == 2
    assert addressed_to(smtp_server, team["nadia"]) == []
    after_minutes(clock, 10, run_queued_tasks)  # the fallback
    assert len(addressed_to(smtp_server, team["nadia"])) == 1

    alert.refresh_from_db()
    assert alert.level == Alert.FALLBACK
    assert alert.status == Alert.Status.OPEN
    after_minutes(clock, 15, run_queued_tasks)
    alert.refresh_from_db()
    assert alert.status == Alert.Status.EXHAUSTED
    steps = list(alert.deliveries.order_by("pk").values_list("level", "round", "person__username"))
    assert steps == [
        (0, 0, "priya"),
        (1, 0, "tom"),
        (0, 1, "priya"),
        (1, 1, "tom"),
        (-1, 0, "nadia"),
    ]
    assert enquiry.events.filter(kind=EnquiryEvent.Kind.ESCALATED).count() >= 4
    assert "run to its end" in enquiry.events.filter(kind=EnquiryEvent.Kind.ALERT).last().message


def test_the_sweep_escalates_when_the_task_was_lost(team, clock, smtp_server, run_queued_tasks):
    from django_tasks_db.models import DBTaskResult

    alert = route_urgent(UrgentEnquiryFactory())
    run_queued_tasks()
    DBTaskResult.objects.all().delete()  # the escalation task is lost
    clock.shift(timedelta(minutes=5, seconds=1))

    run_queued_tasks()
    assert addressed_to(smtp_server, team["tom"]) == []
    with transaction.atomic():
        assert alerting.sweep()["advanced"] == 1
    run_queued_tasks()
    assert len(addressed_to(smtp_server, team["tom"])) == 1
    alert.refresh_from_db()
    assert (alert.level, alert.round) == (1, 0)


def test_advancing_twice_is_harmless(team, clock, smtp_server, run_queued_tasks):
    alert = route_urgent(UrgentEnquiryFactory())
    clock.shift(timedelta(minutes=5, seconds=1))
    first = alerting.advance(alert.pk)
    second = alerting.advance(alert.pk)
    assert len(first) == 1
    assert second is None  # no longer due: the first call moved the deadline
    run_queued_tasks()
    assert len(addressed_to(smtp_server, team["tom"])) == 1
    assert Delivery.objects.filter(alert=alert, level=1).count() == 1


def test_a_level_resolving_to_nobody_is_skipped_and_recorded(clock, smtp_server, run_queued_tasks):
    tom, nadia = officer("tom"), officer("nadia")
    empty_rota = rota_of()  # nobody on it
    policy_of([([], [empty_rota], 5), ([tom], [], 10)], fallback=[nadia])
    enquiry = UrgentEnquiryFactory()
    alert = route_urgent(enquiry)
    run_queued_tasks()

    assert len(addressed_to(smtp_server, tom)) == 1
    alert.refresh_from_db()
    assert alert.level == 1
    assert enquiry.events.filter(
        kind=EnquiryEvent.Kind.ESCALATED, message__contains="Nobody to alert at level 1"
    ).exists()


def test_a_person_without_a_contact_method_is_passed_over_and_recorded(
    clock, smtp_server, run_queued_tasks
):
    unreachable = OfficerFactory(username="ghost")
    tom = officer("tom")
    policy_of([([unreachable], [], 5), ([tom], [], 5)])
    enquiry = UrgentEnquiryFactory()
    route_urgent(enquiry)
    run_queued_tasks()
    assert len(addressed_to(smtp_server, tom)) == 1
    assert enquiry.events.filter(message__contains="No working contact method").exists()


def test_nobody_on_call_alerts_the_fallback_at_once_and_records_the_gap(
    clock, smtp_server, run_queued_tasks
):
    priya, nadia = officer("priya"), officer("nadia")
    rota = rota_of(priya)
    # Priya is covered this weekend by someone who cannot be reached.
    cover(
        rota,
        OfficerFactory(username="ghost"),
        SATURDAY_NIGHT - timedelta(hours=5),
        SATURDAY_NIGHT + timedelta(days=1),
    )
    policy_of([([], [rota], 5)], repeat=2, fallback=[nadia])
    enquiry = UrgentEnquiryFactory()
    alert = route_urgent(enquiry)
    run_queued_tasks()

    assert addressed_to(smtp_server, priya) == []
    assert len(addressed_to(smtp_server, nadia)) == 1
    alert.refresh_from_db()
    assert alert.level == Alert.FALLBACK
    assert enquiry.events.filter(data__gap=True).exists()


def test_no_policy_at_all_alerts_the_configured_fallback(
    settings, clock, smtp_server, run_queued_tasks
):
    nadia = officer("nadia")
    settings.ONCALL_FALLBACK_USERNAMES = ["nadia"]
    enquiry = UrgentEnquiryFactory()
    route_urgent(enquiry)
    run_queued_tasks()
    assert len(addressed_to(smtp_server, nadia)) == 1
    assert enquiry.events.filter(message__contains="no default escalation policy").exists()


def test_an_enquiry_routed_otherwise_opens_no_alert(team):
    enquiry = UrgentEnquiryFactory(urgent=False)
    with transaction.atomic():
        enquiry_routed.send(sender=Enquiry, enquiry=enquiry, route=Enquiry.Route.QUEUED_FOR_OPENING)
    assert not Alert.objects.exists()


def test_an_alert_rolled_back_with_its_enquiry_sends_nothing(team, smtp_server, run_queued_tasks):
    enquiry = UrgentEnquiryFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        enquiry_routed.send(
            sender=Enquiry, enquiry=enquiry, route=Enquiry.Route.URGENT_OUT_OF_HOURS
        )
        raise RuntimeError("the intake failed after routing")
    run_queued_tasks()
    assert not Alert.objects.exists()
    assert smtp_server.messages == []


def test_acknowledging_stops_the_escalation(team, clock, smtp_server, run_queued_tasks):
    enquiry = UrgentEnquiryFactory(email="sam.porter@northmoor-echo.example")
    alert = route_urgent(enquiry)
    run_queued_tasks()

    assert alert.acknowledge(team["priya"]) is True
    run_queued_tasks()
    enquiry.refresh_from_db()
    assert enquiry.assignee == team["priya"]
    assert enquiry.status == Enquiry.Status.ASSIGNED
    (told,) = smtp_server.to("sam.porter@northmoor-echo.example")
    assert "on-call press officer" in told["message"]["Subject"]
    assert enquiry.reference in told["message"]["Subject"]

    for _ in range(4):
        after_minutes(clock, 10, run_queued_tasks)
        with transaction.atomic():
            alerting.sweep()
        run_queued_tasks()
    assert addressed_to(smtp_server, team["tom"]) == []
    assert len(smtp_server.messages) == 2  # Priya's alert and the journalist's confirmation


def test_a_second_acknowledgement_changes_nothing_but_is_recorded(
    team, smtp_server, run_queued_tasks
):
    enquiry = UrgentEnquiryFactory()
    alert = route_urgent(enquiry)
    run_queued_tasks()
    alert.acknowledge(team["priya"])
    assert alert.acknowledge(team["tom"]) is False
    run_queued_tasks()

    alert.refresh_from_db()
    enquiry.refresh_from_db()
    assert alert.acknowledged_by == team["priya"]
    assert enquiry.assignee == team["priya"]
    assert enquiry.events.filter(
        kind=EnquiryEvent.Kind.ACKNOWLEDGED, data__repeat=True, actor=team["tom"]
    ).exists()
    assert len(smtp_server.to(enquiry.email)) == 1  # the journalist is told once


def test_an_acknowledged_alert_is_resolved_by_its_officer(team, run_queued_tasks):
    alert = route_urgent(UrgentEnquiryFactory())
    alert.acknowledge(team["priya"])
    assert alert.resolve(team["priya"]) is True
    assert alert.status == Alert.Status.RESOLVED
    assert alert.resolve(team["priya"]) is False


def test_messages_still_waiting_are_not_sent_after_acknowledgement(
    team, smtp_server, run_queued_tasks
):
    tom = team["tom"]
    policy = team["policy"]
    policy.levels.all().delete()
    set_level(policy, 0, [team["priya"], tom], timeout=5)
    alert = route_urgent(UrgentEnquiryFactory())
    assert alert.deliveries.count() == 2

    alert.acknowledge(team["priya"])  # before the worker has run the send tasks
    run_queued_tasks()
    assert smtp_server.to(tom.email) == []
    assert set(alert.deliveries.values_list("status", flat=True)) == {"cancelled"}


def test_editing_the_policy_does_not_change_a_running_alert(
    team, clock, smtp_server, run_queued_tasks
):
    alert = route_urgent(UrgentEnquiryFactory())
    run_queued_tasks()
    policy = team["policy"]
    newcomer = officer("olu")
    policy.levels.all().delete()
    set_level(policy, 0, [newcomer], timeout=1)
    policy.repeat = 0
    policy.save()

    after_minutes(clock, 5, run_queued_tasks)
    assert len(addressed_to(smtp_server, team["tom"])) == 1
    assert addressed_to(smtp_server, newcomer) == []
    alert.refresh_from_db()
    assert alert.plan["repeat"] == 1
    assert len(alert.plan["levels"]) == 2


def test_provider_down_retries_then_reaches_the_next_method(
    clock,
    smtp_server,
    fake_notify,  # noqa: F811 (the fixture)
    run_queued_tasks,
):
    priya = OfficerFactory(username="priya")
    ContactMethodFactory(user=priya, kind=ContactMethod.Kind.SMS, address=mobile(1), priority=1)
    ContactMethodFactory(user=priya, kind=ContactMethod.Kind.EMAIL, address=priya.email, priority=2)
    policy_of([([priya], [], 5)])
    fake_notify.fail_with(500)

    enquiry = UrgentEnquiryFactory()
    alert = route_urgent(enquiry)
    run_queued_tasks()
    sms = alert.deliveries.get(channel="sms")
    assert (sms.status, sms.attempts) == ("pending", 1)
    clock.shift(timedelta(seconds=6))
    run_queued_tasks()
    clock.shift(timedelta(seconds=16))
    run_queued_tasks()
    sms.refresh_from_db()
    assert (sms.status, sms.attempts) == ("failed", 3)
    run_queued_tasks()

    assert len(addressed_to(smtp_server, priya)) == 1
    assert [a.outcome for a in sms.attempts_made.all()] == ["retry", "retry", "failed"]
    assert len(fake_notify.requests) == 3
    failures = enquiry.events.filter(kind=EnquiryEvent.Kind.NOTIFICATION, data__channel="sms")
    assert failures.count() == 3
    assert "500" in failures.last().data["answer"]
    assert alert.deliveries.get(channel="email").status == "sent"


def test_a_send_whose_worker_died_is_never_repeated(team, clock, smtp_server, run_queued_tasks):
    """The worker was killed after marking the delivery SENDING: the sweep must not resend."""
    alert = route_urgent(UrgentEnquiryFactory())
    delivery = alert.deliveries.get()
    Delivery.objects.filter(pk=delivery.pk).update(status="sending", attempts=1)
    DeliveryAttempt.objects.create(delivery=delivery, number=1)

    run_queued_tasks()
    clock.shift(timedelta(minutes=3))
    with transaction.atomic():
        assert alerting.sweep()["uncertain"] == 1
    run_queued_tasks()
    assert addressed_to(smtp_server, team["priya"]) == []
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.UNCERTAIN
    assert alert.enquiry.events.filter(data__status="uncertain").exists()


def test_the_worker_periodic_job_runs_the_sweep(team, clock, smtp_server, run_queued_tasks):
    """The sweep as the worker runs it: inside the job's own transaction, prompting on commit."""
    from django.conf import settings

    from django_tasks_db.models import DBTaskResult

    from home.worker import run_due_jobs

    assert settings.PERIODIC_JOBS["sweep_alerts"][0] == "enquiries.jobs.sweep_alerts"
    assert settings.PERIODIC_JOBS["sweep_alerts"][1] <= 60
    route_urgent(UrgentEnquiryFactory())
    DBTaskResult.objects.all().delete()  # even the first send task is lost
    clock.shift(timedelta(seconds=30))

    assert run_due_jobs({"sweep_alerts": settings.PERIODIC_JOBS["sweep_alerts"]}) == [
        "sweep_alerts"
    ]
    run_queued_tasks()
    assert len(addressed_to(smtp_server, team["priya"])) == 1


def test_a_journalist_whose_confirmation_was_lost_is_told_by_the_sweep(
    team, clock, smtp_server, run_queued_tasks
):
    from django_tasks_db.models import DBTaskResult

    enquiry = UrgentEnquiryFactory(email="jo.field@radio-northmoor.example")
    alert = route_urgent(enquiry)
    alert.acknowledge(team["priya"])
    DBTaskResult.objects.filter(task_path__endswith="tell_journalist_alert_acknowledged").delete()
    run_queued_tasks()
    assert smtp_server.to(enquiry.email) == []

    clock.shift(timedelta(minutes=1))
    with transaction.atomic():
        assert alerting.sweep()["journalists"] == 1
    run_queued_tasks()
    assert len(smtp_server.to(enquiry.email)) == 1
    with transaction.atomic():
        assert alerting.sweep()["journalists"] == 0


def test_the_alert_text_gives_the_deadline_on_the_london_clock_in_summer(run_queued_tasks):
    priya = officer("priya")
    policy_of([([priya], [], 5)])
    with time_machine.travel(datetime(2026, 7, 4, 21, 0, tzinfo=UTC), tick=True):
        enquiry = UrgentEnquiryFactory(
            deadline=datetime(2026, 7, 4, 22, 30, tzinfo=UTC),  # 23:30 BST
            phone="+447700900555",
            outlet="The Moorland Post",
        )
        alert = route_urgent(enquiry)
    message = alerting.alert_message(alert.deliveries.get())
    assert "Deadline Sat 04 Jul 23:30" in message.text
    assert enquiry.reference in message.subject
    assert "The Moorland Post" in message.text
    assert 'href="tel:+447700900555">07700 900555</a>' in message.html
    assert "Call 07700 900555." in message.text
    assert message.ack_url in message.text
    assert len(message.text) < 480  # three SMS segments at most


def test_the_sweep_command_escalates_an_overdue_alert(team, clock, smtp_server, run_queued_tasks):
    from io import StringIO

    from django.core.management import call_command

    from django_tasks_db.models import DBTaskResult

    alert = route_urgent(UrgentEnquiryFactory())
    run_queued_tasks()
    DBTaskResult.objects.all().delete()
    clock.shift(timedelta(minutes=6))
    out = StringIO()
    call_command("sweep_alerts", stdout=out)
    assert "advanced: 1" in out.getvalue()
    run_queued_tasks()
    assert len(addressed_to(smtp_server, team["tom"])) == 1
    alert.refresh_from_db()
    assert alert.level == 1


def test_the_sweep_prompts_a_waiting_message_once_per_grace_period(
    team, clock, settings, run_queued_tasks
):
    """In a backlog the sweep must not flood the queue with duplicate prompts."""
    route_urgent(UrgentEnquiryFactory())
    clock.shift(timedelta(seconds=settings.ONCALL_SWEEP_GRACE + 1))
    with transaction.atomic():
        assert alerting.sweep()["resent"] == 1
    with transaction.atomic():
        assert alerting.sweep()["resent"] == 0
    clock.shift(timedelta(seconds=settings.ONCALL_SWEEP_GRACE + 1))
    with transaction.atomic():
        assert alerting.sweep()["resent"] == 1


def test_the_escalation_task_sends_the_new_step_itself(team, clock, smtp_server, run_queued_tasks):
    from django_tasks_db.models import DBTaskResult

    route_urgent(UrgentEnquiryFactory())
    run_queued_tasks()
    clock.shift(timedelta(minutes=5, seconds=1))
    ours = DBTaskResult.objects.filter(task_path__startswith="enquiries.")
    before = ours.count()
    run_queued_tasks()
    assert len(addressed_to(smtp_server, team["tom"])) == 1
    # One task escalated and sent; the only new task is the wake-up for the next deadline.
    assert ours.count() == before + 1
