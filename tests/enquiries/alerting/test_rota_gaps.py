"""A gap is an alert in itself: when nobody is on call on a level's rota, the fallback hears now.

The escalation still moves on to the next level at once; the fallback (the head of news) is
paged besides, once per gap and round of the plan, under a key of its own so they can still be
paged later as the plan's real fallback.
"""

from datetime import UTC, datetime, timedelta

from django.db import transaction

import pytest
import time_machine

from enquiries import alerting
from enquiries.models import Alert, Delivery, Enquiry, EnquiryEvent
from enquiries.rules import escalation as plan_rules
from enquiries.signals import enquiry_routed
from tests.enquiries.alerting.factories import (
    ContactMethodFactory,
    OfficerFactory,
    UrgentEnquiryFactory,
    policy_of,
    rota_of,
)

pytestmark = pytest.mark.django_db(transaction=True)

SATURDAY_NIGHT = datetime(2026, 11, 28, 23, 0, tzinfo=UTC)
GAP = plan_rules.GAP_LEVEL


def officer(name):
    person = OfficerFactory(username=name, first_name=name.title(), last_name="")
    ContactMethodFactory(user=person)
    return person


@pytest.fixture
def clock():
    with time_machine.travel(SATURDAY_NIGHT, tick=True) as traveller:
        yield traveller


def route_urgent(enquiry):
    with transaction.atomic():
        enquiry.route = Enquiry.Route.URGENT_OUT_OF_HOURS
        enquiry.save()
        enquiry_routed.send(sender=Enquiry, enquiry=enquiry, route=enquiry.route)
    return Alert.objects.get(enquiry=enquiry)


def to(smtp_server, person):
    return [m for m in smtp_server.messages if person.email in m["to"]]


def after_minutes(clock, minutes, run_queued_tasks):
    clock.shift(timedelta(minutes=minutes, seconds=1))
    run_queued_tasks()


def steps(alert):
    return list(alert.deliveries.order_by("pk").values_list("level", "round", "person__username"))


def test_a_gap_pages_the_fallback_at_once_and_the_next_level_too(
    clock, smtp_server, run_queued_tasks
):
    tom, nadia = officer("tom"), officer("nadia")
    weekend_desk = rota_of(name="Weekend desk")  # nobody on it yet
    policy_of([([], [weekend_desk], 5), ([tom], [], 10)], repeat=1, fallback=[nadia])

    enquiry = UrgentEnquiryFactory(subject="Flooding closes the ring road")
    alert = route_urgent(enquiry)
    run_queued_tasks()

    assert len(to(smtp_server, tom)) == 1
    (page,) = to(smtp_server, nadia)
    body = page["message"].get_body(("plain",)).get_content()
    assert body.startswith("Nobody is on call: you are the fallback.")
    assert enquiry.reference in body
    alert.refresh_from_db()
    assert (alert.level, alert.round) == (1, 0)
    gap = enquiry.events.get(kind=EnquiryEvent.Kind.ALERT, data__gap=True)
    assert gap.message == (
        "Gap: nobody on call on “Weekend desk”; alerting the fallback, Nadia, now."
    )

    # Round 2 meets the same gap: the fallback hears again, once, under round 2's key.
    after_minutes(clock, 10, run_queued_tasks)
    assert len(to(smtp_server, nadia)) == 2
    assert len(to(smtp_server, tom)) == 2
    # Then the plan's own fallback step: Nadia again, as the fallback of the plan.
    after_minutes(clock, 10, run_queued_tasks)
    assert len(to(smtp_server, nadia)) == 3
    assert steps(alert) == [
        (GAP, 0, "nadia"),
        (1, 0, "tom"),
        (GAP, 1, "nadia"),
        (1, 1, "tom"),
        (-1, 0, "nadia"),
    ]


def test_two_gaps_in_one_round_page_the_fallback_once(clock, smtp_server, run_queued_tasks):
    tom, nadia = officer("tom"), officer("nadia")
    policy_of(
        [([], [rota_of(name="Weekend desk")], 5), ([], [rota_of(name="Duty inspector")], 5)]
        + [([tom], [], 10)],
        fallback=[nadia],
    )
    enquiry = UrgentEnquiryFactory()
    alert = route_urgent(enquiry)
    run_queued_tasks()
    # Running the step again (a second worker, the sweep) pages nobody again.
    assert alerting.advance(alert.pk) is None
    alerting.sweep()
    run_queued_tasks()

    assert len(to(smtp_server, nadia)) == 1
    assert len(to(smtp_server, tom)) == 1
    assert steps(alert) == [(GAP, 0, "nadia"), (2, 0, "tom")]
    (gap,) = enquiry.events.filter(data__gap=True)
    assert "“Weekend desk”, “Duty inspector”" in gap.message


def test_with_every_level_a_gap_the_fallback_is_paged_once_not_twice(
    clock, smtp_server, run_queued_tasks
):
    nadia = officer("nadia")
    policy_of([([], [rota_of(name="Weekend desk")], 5)], repeat=2, fallback=[nadia])
    enquiry = UrgentEnquiryFactory()
    alert = route_urgent(enquiry)
    run_queued_tasks()

    assert len(to(smtp_server, nadia)) == 1
    assert steps(alert) == [(-1, 0, "nadia")]
    assert enquiry.events.filter(data__gap=True).count() == 1


def test_a_rota_deleted_while_the_alert_runs_is_a_gap(clock, smtp_server, run_queued_tasks):
    priya, tom, nadia = officer("priya"), officer("tom"), officer("nadia")
    weekend_desk = rota_of(priya, name="Weekend desk")
    policy_of([([], [weekend_desk], 5), ([tom], [], 5)], repeat=1, fallback=[nadia])
    enquiry = UrgentEnquiryFactory()
    alert = route_urgent(enquiry)
    run_queued_tasks()
    assert len(to(smtp_server, priya)) == 1
    assert to(smtp_server, nadia) == []

    weekend_desk.delete()  # someone tidies up the rotas mid-incident
    after_minutes(clock, 5, run_queued_tasks)  # Tom, level 2
    after_minutes(clock, 5, run_queued_tasks)  # round 2: level 1's rota is gone

    assert len(to(smtp_server, nadia)) == 1
    assert len(to(smtp_server, tom)) == 2
    assert (GAP, 1, "nadia") in steps(alert)
    assert enquiry.events.filter(
        data__gap=True, message__contains="nobody on call on a deleted rota"
    ).exists()


def test_someone_on_call_without_a_contact_method_is_not_a_gap(
    clock, smtp_server, run_queued_tasks
):
    """They are on call but unreachable: passed over and recorded, the fallback not woken."""
    tom, nadia = officer("tom"), officer("nadia")
    ghost = OfficerFactory(username="ghost")
    policy_of([([], [rota_of(ghost)], 5), ([tom], [], 10)], fallback=[nadia])
    alert = route_urgent(UrgentEnquiryFactory())
    run_queued_tasks()

    assert len(to(smtp_server, tom)) == 1
    assert to(smtp_server, nadia) == []
    assert not Delivery.objects.filter(alert=alert, level=GAP).exists()


def test_only_levels_skipped_for_an_empty_rota_count_as_gaps():
    plan = plan_rules.Plan(
        levels=(
            plan_rules.Level(targets=(("rota", 1),), timeout_minutes=5),
            plan_rules.Level(targets=(("person", 7),), timeout_minutes=5),
            plan_rules.Level(targets=(("rota", 2), ("person", 8)), timeout_minutes=5),
        ),
        repeat=1,
        fallback=(("person", 9),),
    )
    skipped = (
        plan_rules.Step(0, 0),
        plan_rules.Step(1, 0),
        plan_rules.Step(2, 0),
        plan_rules.Step(0, 1),
        plan_rules.FALLBACK,
    )
    assert plan_rules.rounds_with_gaps(plan, skipped, empty_rotas={1}) == (0, 1)
    assert plan_rules.rounds_with_gaps(plan, skipped, empty_rotas={2}) == (0,)
    assert plan_rules.rounds_with_gaps(plan, skipped, empty_rotas=set()) == ()
