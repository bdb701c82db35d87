"""`make run` opens on a press office at work: a queue in every state, an on-call rota, alerts.

The demo is loaded at fixed moments (a weekday morning, a Sunday night, a Monday just before the
weekly hand-off) so what it promises is checked whatever day the lead runs it.
"""

import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from enquiries import alerting
from enquiries.channels import AlertMessage, get_channel
from enquiries.models import (
    Alert,
    Closure,
    ContactMethod,
    Delivery,
    Enquiry,
    EnquiryEvent,
    EscalationPolicy,
    MediaContact,
    OfficeHoursSettings,
    OnCallRota,
    RotaOverride,
)
from enquiries.routing import office_hours, receive_enquiry
from enquiries.rules import escalation as plan_rules

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
WEDNESDAY_MORNING = datetime(2026, 11, 25, 10, 30, tzinfo=LONDON)
SUNDAY_NIGHT = datetime(2026, 11, 29, 22, 45, tzinfo=LONDON)
MONDAY_BEFORE_HANDOFF = datetime(2026, 3, 30, 7, 50, tzinfo=LONDON)  # the day after BST began
POLICY = "Urgent out-of-hours enquiries"

# Anything that looks like a UK phone number, spaced or not, or in E.164.
PHONE_LIKE = re.compile(r"(?<![\w+.])(?:\+44\s?|0)\d(?:[\s-]?\d){8,9}(?!\w|\.\d)")
OFCOM_DRAMA = re.compile(r"^(?:02079460\d{3}|07700900\d{3})$")
RESERVED_EMAIL = re.compile(r"@(?:[\w-]+\.)*(?:[\w-]+\.example|example\.(?:com|org|net))$")
EMAIL_LIKE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def national(number):
    return re.sub(r"\D", "", re.sub(r"^\+44\s?", "0", str(number)))


def load_operations():
    out = io.StringIO()
    call_command("load_demo_operations", stdout=out)
    return out.getvalue()


@pytest.fixture
def load_demo(monkeypatch):
    """Load the whole demo, as `make run` does, at a given moment; stays there (time ticks)."""
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "a-demo-password")
    travellers = []

    def load(at=WEDNESDAY_MORNING, operations=True):
        traveller = time_machine.travel(at)
        traveller.start()
        travellers.append(traveller)
        call_command("load_demo_content", stdout=io.StringIO())
        return load_operations() if operations else None

    yield load
    for traveller in travellers:
        traveller.stop()


def person(username):
    return get_user_model().objects.get(username=username)


def snapshot():
    """Everything the command writes, in a form two runs can be compared by."""
    return {
        "contacts": list(MediaContact.objects.order_by("pk").values()),
        "enquiries": list(Enquiry.objects.order_by("pk").values()),
        "events": list(EnquiryEvent.objects.order_by("pk").values()),
        "audit": ModelLogEntry.objects.count(),
        "methods": list(ContactMethod.objects.order_by("pk").values()),
        "rotas": list(OnCallRota.objects.values()),
        "overrides": list(RotaOverride.objects.values()),
        "policies": [p.snapshot() for p in EscalationPolicy.objects.order_by("pk")],
        "alerts": list(Alert.objects.order_by("pk").values()),
        "deliveries": list(Delivery.objects.order_by("pk").values()),
        "closures": list(Closure.objects.values()),
        "office_hours": [
            (s.bank_holiday_region, [str(p) for p in s.periods.all()])
            for s in OfficeHoursSettings.objects.all()
        ],
    }


def assert_timeline_reads_in_order(enquiry, now, people):
    """Received, routed, then each status change from the one before, by the press office."""
    events = list(enquiry.events.all())  # the timeline's order: when, then entry order
    assert [e.kind for e in events[:2]] == ["received", "routed"], enquiry
    assert events[1].message.startswith(enquiry.get_route_display())
    # Dated when each step happened, not when the demo was loaded.
    assert all(enquiry.received_at <= e.at <= now - timedelta(seconds=29) for e in events), enquiry
    status = "new"
    for event in events:
        if event.kind == EnquiryEvent.Kind.STATUS:
            assert event.data["from"] == status, (enquiry, event.message)
            status = event.data["to"]
        elif event.kind == EnquiryEvent.Kind.ACKNOWLEDGED and status == "new":
            status = "assigned"
        if event.kind == EnquiryEvent.Kind.RESPONSE:
            assert event.at == datetime.fromisoformat(event.data["responded_at"])
        if event.kind in ("assigned", "note", "response", "status", "duplicate"):
            assert event.actor in people, (enquiry, event.message)
    assert status == enquiry.status, enquiry
    if enquiry.channel == Enquiry.Channel.PHONE:
        assert events[0].actor in people, "a phone enquiry is logged by whoever took it"


@pytest.mark.parametrize(
    "at",
    [WEDNESDAY_MORNING, SUNDAY_NIGHT, MONDAY_BEFORE_HANDOFF],
    ids=["wednesday-morning", "sunday-night", "monday-before-handoff"],
)
def test_the_queue_has_three_weeks_of_enquiries_in_every_state(load_demo, at):
    output = load_demo(at)
    now = timezone.now()
    enquiries = Enquiry.objects.all()

    assert 20 <= enquiries.count() <= 30
    assert f"{enquiries.count()} enquiries" in output
    assert set(enquiries.values_list("status", flat=True)) == set(Enquiry.Status.values)
    assert set(enquiries.values_list("channel", flat=True)) == {"web", "phone"}
    assert set(enquiries.values_list("route", flat=True)) == set(Enquiry.Route.values)
    assert enquiries.filter(urgent=True, status__in=Enquiry.OPEN_STATUSES).exists()
    assert all(now - timedelta(days=22) < e.received_at < now for e in enquiries)

    open_ones = enquiries.filter(status__in=Enquiry.OPEN_STATUSES)
    assert open_ones.filter(deadline__lt=now).exists(), "some open enquiries are overdue"
    due_soon = open_ones.filter(deadline__gte=now, deadline__lte=now + timedelta(hours=2))
    assert due_soon.exists(), "some open enquiries are due within two hours"

    duplicate = enquiries.get(status=Enquiry.Status.DUPLICATE)
    assert duplicate.duplicate_of.subject.startswith("Knife amnesty")
    for answered in enquiries.filter(status__in=["answered", "closed"]):
        assert answered.events.filter(kind=EnquiryEvent.Kind.RESPONSE).exists(), answered
    people = {person("officer"), person("manager"), person("oncall")}
    for enquiry in enquiries:
        assert_timeline_reads_in_order(enquiry, now, people)


def test_old_urgent_enquiries_show_their_alerts_without_paging_anyone_today(
    load_demo, django_capture_on_commit_callbacks
):
    load_demo(SUNDAY_NIGHT, operations=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as after_commit:
        load_operations()

    urgent_out_of_hours = Enquiry.objects.filter(route=Enquiry.Route.URGENT_OUT_OF_HOURS)
    assert urgent_out_of_hours.count() >= 2
    for enquiry in urgent_out_of_hours:
        alert = enquiry.alerts.get()
        assert alert.status in (Alert.Status.ACKNOWLEDGED, Alert.Status.RESOLVED)
        assert alert.opened_at == enquiry.received_at
        assert enquiry.assignee == alert.acknowledged_by
        rota = OnCallRota.objects.get(name="Out-of-hours press officer")
        assert alert.acknowledged_by.pk == rota.on_call(alert.opened_at), "the rota's officer"
        assert alert.deliveries.get().status == Delivery.Status.SENT
        assert alert.journalist_told_at is not None
    assert not Alert.objects.filter(status=Alert.Status.OPEN).exists()
    assert not Delivery.objects.filter(status=Delivery.Status.PENDING).exists()
    # Saving the demo's office hours refreshes the office-hours cache after commit; nothing else
    # may wait for the commit: no email, no page, no task.
    assert {callback.__qualname__ for callback in after_commit} <= {"_bump"}
    assert not DBTaskResult.objects.filter(task_path__startswith="enquiries.").exists()
    assert mail.outbox == []


def test_loading_twice_changes_nothing(load_demo):
    load_demo()
    before = snapshot()
    again = load_operations()
    assert snapshot() == before
    assert "0 media contacts, 0 enquiries, 0 on-call contact methods added" in again


def test_run_before_the_demo_users_exist_it_says_what_to_do_and_catches_up_later(monkeypatch):
    output = load_operations()
    assert "load_demo_content" in output
    assert not Enquiry.objects.exists()
    assert not OnCallRota.objects.exists()
    assert MediaContact.objects.count() >= 12

    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "a-demo-password")
    call_command("load_demo_content", stdout=io.StringIO())
    load_operations()
    assert Enquiry.objects.count() >= 20
    assert EscalationPolicy.default() is not None


def test_every_phone_number_is_an_ofcom_drama_number_and_every_email_is_reserved(load_demo):
    load_demo()
    numbers = [str(c.phone) for c in MediaContact.objects.exclude(phone="")]
    numbers += [str(e.phone) for e in Enquiry.objects.exclude(phone="")]
    numbers += list(ContactMethod.objects.filter(kind="sms").values_list("address", flat=True))
    texts = [f"{e.question} {e.subject}" for e in Enquiry.objects.all()]
    texts += [f"{e.message} {e.data}" for e in EnquiryEvent.objects.all()]
    texts += [f"{d.address} {d.answer}" for d in Delivery.objects.all()]
    for text in texts:
        numbers += PHONE_LIKE.findall(text)
    assert len(numbers) > 30
    assert [n for n in numbers if not OFCOM_DRAMA.match(national(n))] == []

    emails = list(MediaContact.objects.values_list("email", flat=True))
    emails += list(Enquiry.objects.values_list("email", flat=True))
    emails += list(ContactMethod.objects.filter(kind="email").values_list("address", flat=True))
    for text in texts:
        emails += EMAIL_LIKE.findall(text)
    assert [e for e in emails if not RESERVED_EMAIL.search(e)] == []


@pytest.mark.parametrize(
    "at", [SUNDAY_NIGHT, MONDAY_BEFORE_HANDOFF], ids=["sunday-night", "monday-before-handoff"]
)
def test_the_default_policy_pages_whoever_is_on_call_now(load_demo, at):
    load_demo(at)
    policy = EscalationPolicy.default()
    rota = OnCallRota.objects.get(name="Out-of-hours press officer")
    plan = plan_rules.plan_from_snapshot(policy.snapshot())
    now = timezone.now()
    unreachable, empty_rotas = set(), set()

    reached = plan_rules.next_reachable(
        plan, plan_rules.first_step(plan), alerting._resolver(now, unreachable, empty_rotas)
    )

    assert reached.step == plan_rules.Step(0, 0) and reached.skipped == ()
    assert reached.people == (rota.on_call(now),)
    assert person("oncall").pk == rota.on_call(now), "the on-call officer has this week"
    assert unreachable == set()
    assert empty_rotas == set(), "no gap in the rota"
    assert [p.timeout_minutes for p in policy.levels.all()] == [10, 10]
    assert list(policy.levels.all()[1].people.all()) == [person("manager")]
    assert policy.repeat == 2 and list(policy.fallback.all()) == [person("manager")]
    assert rota.gaps(now, now + timedelta(weeks=6)) == []

    enquiry = receive_enquiry(
        journalist_name="Tom Hartley",
        outlet="Northmoor TV News",
        email="tom.hartley@northmoortv.example",
        phone="07700 900403",
        subject="Helicopter over Eastfold",
        question="Why is the police helicopter circling over Eastfold?",
        urgent=True,
    )
    delivery = enquiry.alerts.get(status=Alert.Status.OPEN).deliveries.get()
    assert delivery.person == person("oncall")
    assert delivery.channel == "sms" and OFCOM_DRAMA.match(national(delivery.address))


def test_next_weekends_swap_puts_the_other_officer_on_call(load_demo):
    load_demo(WEDNESDAY_MORNING)  # the coming weekend is 27-30 November
    rota = OnCallRota.objects.get(name="Out-of-hours press officer")
    swap = rota.overrides.get()
    assert timezone.localtime(swap.starts_at) == datetime(2026, 11, 27, 18, tzinfo=LONDON)
    assert timezone.localtime(swap.ends_at) == datetime(2026, 11, 30, 8, tzinfo=LONDON)
    saturday_night = datetime(2026, 11, 28, 23, tzinfo=LONDON)
    assert rota.on_call(saturday_night) == person("officer").pk
    friday_afternoon = datetime(2026, 11, 27, 17, tzinfo=LONDON)
    assert rota.on_call(friday_afternoon) == person("oncall").pk, "the rotation's officer"
    assert [m.user.username for m in rota.members.all()] == ["oncall", "officer"]


def test_every_demo_on_call_person_has_a_working_contact_method(load_demo, smtp_server):
    load_demo()
    policy = EscalationPolicy.default()
    rota = OnCallRota.objects.get(name="Out-of-hours press officer")
    people = {m.user for m in rota.members.all()} | set(policy.fallback.all())
    for level in policy.levels.all():
        people |= set(level.people.all())
    assert {p.username for p in people} == {"oncall", "officer", "manager"}

    for someone in people:
        methods = list(ContactMethod.usable_for([someone.pk]))
        assert [m.kind for m in methods] == ["sms", "email"], someone
        for method in methods:
            method.full_clean()
        email = methods[1]
        result = get_channel("email").send(
            email.address,
            AlertMessage(subject="Test alert", text="A test of your on-call email.", ack_url=""),
        )
        assert result.delivered, result.detail
    smtp_server.wait_for(len(people))
    assert {to for m in smtp_server.messages for to in m["to"]} == {
        m.address for m in ContactMethod.objects.filter(kind="email")
    }


def test_office_hours_are_weekdays_eight_to_six_with_a_christmas_shutdown(load_demo):
    load_demo()
    hours = OfficeHoursSettings.load()
    assert hours.bank_holiday_region == "ENG"
    assert [str(p) for p in hours.periods.order_by("weekday")] == [
        f"{day} 08:00-18:00" for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    ]
    rules = office_hours()
    assert rules.is_open(datetime(2026, 12, 23, 10, tzinfo=LONDON))
    assert "Christmas shutdown" in rules.closed_reason(datetime(2026, 12, 29, 10, tzinfo=LONDON))
    assert rules.next_opening(datetime(2026, 12, 24, 9, tzinfo=LONDON)) == datetime(
        2027, 1, 4, 8, tzinfo=LONDON
    )


def test_the_admin_screens_show_the_demo_work(load_demo, client):
    load_demo(SUNDAY_NIGHT)
    client.force_login(person("manager"))
    queue = client.get(reverse("enquiry:index"))
    assert queue.status_code == 200
    assert "Arrests at the Northmoor Road protest" in queue.content.decode()
    for enquiry in Enquiry.objects.all():
        page = client.get(reverse("enquiry:inspect", args=[enquiry.pk]))
        assert page.status_code == 200, enquiry
        assert enquiry.reference in page.content.decode()

    client.force_login(person("admin"))
    on_call = client.get("/admin/who-is-on-call/").content.decode()
    assert "Chloe Adeyemi" in on_call
    for url in ("/admin/oncall-rotas/", "/admin/oncall-policies/", "/admin/oncall-alerts/"):
        page = client.get(url)
        assert page.status_code == 200, url
    assert "Out-of-hours press officer" in client.get("/admin/oncall-rotas/").content.decode()
    assert POLICY in client.get("/admin/oncall-policies/").content.decode()
    alerts = client.get("/admin/oncall-alerts/").content.decode()
    assert Alert.objects.count() >= 2
    assert all(a.enquiry.reference in alerts for a in Alert.objects.all())
