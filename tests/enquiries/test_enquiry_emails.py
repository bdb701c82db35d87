"""The journalist's acknowledgement and the team's notification reach a real SMTP server."""

import socket
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings as django_settings
from django.core.cache import cache

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from enquiries import tasks
from enquiries.models import Enquiry, EnquiryEvent
from tests.enquiries.intake_helpers import team_notifications_to, valid_submission

LONDON = ZoneInfo("Europe/London")
JOURNALIST = "priya.shah@echo.example"
TEAM = "press.office@northmoor-police.example"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def submit_at(client, local, **overrides):
    with time_machine.travel(local.replace(tzinfo=LONDON), tick=False):
        data = valid_submission(**overrides)
        data["deadline_0"] = f"{local.year + 1}-01-15"
        response = client.post("/enquiries/new/", data)
    assert response.status_code == 302
    return Enquiry.objects.latest("pk")


def body(message):
    return message["message"].get_body(preferencelist=("plain",)).get_content()


def test_in_hours_the_journalist_is_told_a_press_officer_will_respond_and_the_team_is_told(
    client, smtp_server, run_queued_tasks
):
    team_notifications_to(TEAM)
    enquiry = submit_at(client, datetime(2026, 3, 3, 10, 15))
    assert smtp_server.messages == []  # nothing is sent in the request
    run_queued_tasks()

    (ack,) = smtp_server.wait_for(1, address=JOURNALIST)
    assert ack["message"]["Subject"] == (
        f"Your media enquiry {enquiry.reference}: Road closure on the A61"
    )
    assert enquiry.reference in body(ack)
    assert "A press officer will respond" in body(ack)
    (team,) = smtp_server.wait_for(1, address=TEAM)
    assert f"New media enquiry {enquiry.reference}" in team["message"]["Subject"]
    assert "Priya Shah (Northmoor Evening Echo)" in body(team)
    assert team["message"]["Reply-To"] == JOURNALIST
    admin = django_settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    assert f"{admin}/admin/enquiries/inspect/{enquiry.pk}/" in body(team)
    emails = enquiry.events.filter(kind=EnquiryEvent.Kind.EMAIL)
    assert sorted(e.data["email"] for e in emails) == ["acknowledgement", "team_notification"]


def test_urgent_out_of_hours_the_journalist_is_told_on_call_has_been_alerted(
    client, smtp_server, run_queued_tasks
):
    team_notifications_to(TEAM)
    submit_at(client, datetime(2026, 2, 28, 23, 4), urgent="on")
    run_queued_tasks()
    (ack,) = smtp_server.wait_for(1, address=JOURNALIST)
    assert "the on-call press officer has been alerted" in body(ack)
    assert smtp_server.to(TEAM) == []  # the team is not emailed at night: on-call is alerted


def test_not_urgent_out_of_hours_the_journalist_is_told_when_we_reopen(
    client, smtp_server, run_queued_tasks
):
    submit_at(client, datetime(2026, 2, 28, 23, 4))
    run_queued_tasks()
    (ack,) = smtp_server.wait_for(1, address=JOURNALIST)
    assert "We will respond after we reopen at 08:00 on Monday 2 March." in body(ack)


def test_on_a_bank_holiday_the_reopening_is_after_it(client, smtp_server, run_queued_tasks):
    submit_at(client, datetime(2026, 4, 3, 11, 0))  # Good Friday
    run_queued_tasks()
    (ack,) = smtp_server.wait_for(1, address=JOURNALIST)
    assert "reopen at 08:00 on Tuesday 7 April" in body(ack)


def test_without_a_team_address_in_the_admin_the_deployment_setting_is_used(
    client, smtp_server, run_queued_tasks, settings
):
    settings.PRESS_OFFICE_TEAM_EMAIL = "duty-desk@northmoor-police.example"
    submit_at(client, datetime(2026, 3, 3, 10, 15))
    run_queued_tasks()
    smtp_server.wait_for(1, address="duty-desk@northmoor-police.example")


def test_an_email_task_run_twice_sends_once(client, smtp_server, run_queued_tasks):
    enquiry = submit_at(client, datetime(2026, 3, 3, 10, 15))
    run_queued_tasks()
    smtp_server.wait_for(1, address=JOURNALIST)
    tasks.send_acknowledgement.enqueue(enquiry.pk)
    run_queued_tasks()
    assert len(smtp_server.to(JOURNALIST)) == 1


def test_a_rolled_back_enquiry_sends_nothing(smtp_server, run_queued_tasks):
    from django.db import transaction

    from enquiries.routing import receive_enquiry

    with pytest.raises(RuntimeError), transaction.atomic():
        receive_enquiry(
            journalist_name="Priya Shah",
            email=JOURNALIST,
            subject="Road closure",
            question="Why?",
        )
        raise RuntimeError("something later in the same request failed")
    run_queued_tasks()
    assert Enquiry.objects.count() == 0
    assert smtp_server.messages == []


def test_with_the_mail_server_down_the_enquiry_is_still_accepted_and_kept(
    client, run_queued_tasks, settings
):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port

    enquiry = submit_at(client, datetime(2026, 3, 3, 10, 15))
    run_queued_tasks()

    assert DBTaskResult.objects.filter(status="FAILED").exists()
    enquiry.refresh_from_db()
    assert enquiry.route == Enquiry.Route.IN_HOURS
    assert not enquiry.events.filter(kind=EnquiryEvent.Kind.EMAIL).exists()
