"""The acknowledgement link an on-call officer opens on their phone at night.

The signed link is their only credential: GET shows the alert, POST acts; an expired, altered,
forged or reused link gets a clear page and changes nothing.
"""

from datetime import UTC, datetime, timedelta

from django.core import signing
from django.db import transaction
from django.test import Client
from django.urls import reverse

import pytest
import time_machine

from enquiries.alerting import ACK_SALT, ack_token, ack_url
from enquiries.models import Alert, Enquiry, EnquiryEvent, EscalationLevel, EscalationPolicy
from enquiries.signals import enquiry_routed
from tests.enquiries.alerting.factories import (
    ContactMethodFactory,
    OfficerFactory,
    UrgentEnquiryFactory,
)

SATURDAY_NIGHT = datetime(2026, 11, 28, 23, 0, tzinfo=UTC)


def open_alert_for(*people, enquiry=None):
    policy = EscalationPolicy.objects.create(name="Out of hours", is_default=True)
    level = EscalationLevel.objects.create(policy=policy, sort_order=0, timeout_minutes=5)
    level.people.set(people)
    level.save()
    enquiry = enquiry or UrgentEnquiryFactory(
        journalist_name="Sam Porter", outlet="Northmoor Echo", phone="+447700900777"
    )
    with transaction.atomic():
        enquiry.route = Enquiry.Route.URGENT_OUT_OF_HOURS
        enquiry.save()
        enquiry_routed.send(sender=Enquiry, enquiry=enquiry, route=enquiry.route)
    return Alert.objects.get(enquiry=enquiry)


def link(alert, person):
    return reverse("oncall:acknowledge", args=[ack_token(alert.pk, person.pk)])


@pytest.fixture
def priya(db):
    person = OfficerFactory(username="priya", first_name="Priya", last_name="Shah")
    ContactMethodFactory(user=person)
    return person


@pytest.fixture
def tom(db):
    person = OfficerFactory(username="tom", first_name="Tom", last_name="Hughes")
    ContactMethodFactory(user=person)
    return person


@pytest.fixture
def alert(priya, tom):
    with time_machine.travel(SATURDAY_NIGHT, tick=True):
        return open_alert_for(priya, tom)


@pytest.fixture
def phone():
    """A phone's browser: no admin session, CSRF checked as in production."""
    return Client(enforce_csrf_checks=True)


def post_with_csrf(client, url, action):
    client.get(url)
    token = client.cookies["csrftoken"].value
    return client.post(url, {"action": action, "csrfmiddlewaretoken": token})


def test_the_link_in_the_alert_is_absolute(alert, priya, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://press.northmoor-police.example"
    assert ack_url(alert.pk, priya.pk).startswith(
        "https://press.northmoor-police.example/oncall/ack/"
    )


def test_opening_the_link_shows_the_alert_and_changes_nothing(alert, priya, phone):
    response = phone.get(link(alert, priya))
    assert response.status_code == 200
    page = response.content.decode()
    assert alert.enquiry.reference in page
    assert "Northmoor Echo" in page
    # Read as a UK number is said aloud; dialled in E.164 from anywhere.
    assert 'href="tel:+447700900777">Call 07700 900777</a>' in page
    assert "Acknowledge" in page
    assert 'name="viewport"' in page
    alert.refresh_from_db()
    assert alert.status == Alert.Status.OPEN


def test_a_number_abroad_is_shown_with_its_country_code(priya, tom, phone):
    """A correspondent's French mobile: the national format alone would dial a UK number."""
    enquiry = UrgentEnquiryFactory(journalist_name="Claire Dubois", phone="+33612345678")
    with time_machine.travel(SATURDAY_NIGHT, tick=True):
        alert = open_alert_for(priya, tom, enquiry=enquiry)
    page = phone.get(link(alert, priya)).content.decode()
    assert 'href="tel:+33612345678">Call +33 6 12 34 56 78</a>' in page


def test_acknowledging_from_the_phone_takes_the_enquiry(alert, priya, phone):
    response = post_with_csrf(phone, link(alert, priya), "acknowledge")
    assert response.status_code == 302
    page = phone.get(response.url).content.decode()
    assert "Acknowledged. The enquiry is yours." in page
    assert "Resolve" in page
    assert "You acknowledged this at" in page
    alert.refresh_from_db()
    assert (alert.status, alert.acknowledged_by) == (Alert.Status.ACKNOWLEDGED, priya)
    assert alert.enquiry.assignee == priya


def test_a_post_without_the_csrf_token_is_refused(alert, priya, phone):
    response = phone.post(link(alert, priya), {"action": "acknowledge"})
    assert response.status_code == 403
    alert.refresh_from_db()
    assert alert.status == Alert.Status.OPEN


def test_an_expired_link_is_refused_and_changes_nothing(alert, priya, phone, settings):
    url = link(alert, priya)
    with time_machine.travel(
        datetime.now(UTC) + timedelta(seconds=settings.ONCALL_ACK_MAX_AGE + 60)
    ):
        shown = phone.get(url)
        acted = phone.post(url, {"action": "acknowledge"})
    assert shown.status_code == 403
    assert "This link has expired" in shown.content.decode()
    assert "Nothing has been changed" in shown.content.decode()
    assert acted.status_code == 403
    alert.refresh_from_db()
    assert alert.status == Alert.Status.OPEN


def test_an_expired_link_is_refused_even_with_a_valid_csrf_token(alert, priya, settings):
    phone = Client()  # CSRF is not what stops this one
    url = link(alert, priya)
    with time_machine.travel(
        datetime.now(UTC) + timedelta(seconds=settings.ONCALL_ACK_MAX_AGE + 60)
    ):
        response = phone.post(url, {"action": "acknowledge"})
    assert response.status_code == 403
    alert.refresh_from_db()
    assert alert.status == Alert.Status.OPEN


@pytest.mark.parametrize("how", ["altered", "cut short", "other salt", "other key", "garbage"])
def test_an_altered_or_forged_link_is_refused_and_changes_nothing(alert, priya, tom, how):
    genuine = ack_token(alert.pk, priya.pk)
    forged = {
        "altered": ack_token(alert.pk, tom.pk).split(":")[0] + ":" + genuine.split(":", 1)[1],
        "cut short": genuine[:-4],
        "other salt": signing.TimestampSigner(salt="something-else").sign_object(
            {"a": alert.pk, "u": tom.pk}
        ),
        "other key": signing.TimestampSigner(key="not-our-key", salt=ACK_SALT).sign_object(
            {"a": alert.pk, "u": tom.pk}
        ),
        "garbage": "not-a-token",
    }[how]
    client = Client()
    url = reverse("oncall:acknowledge", args=[forged])
    assert client.get(url).status_code == 400
    response = client.post(url, {"action": "acknowledge"})
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    alert.refresh_from_db()
    assert alert.status == Alert.Status.OPEN
    assert not alert.enquiry.events.filter(kind=EnquiryEvent.Kind.ACKNOWLEDGED).exists()


def test_a_link_naming_an_alert_that_does_not_exist_is_refused(priya, db):
    response = Client().get(reverse("oncall:acknowledge", args=[ack_token(999999, priya.pk)]))
    assert response.status_code == 403
    assert "no longer valid" in response.content.decode()


def test_a_link_reused_after_acknowledgement_says_who_has_it_and_is_recorded(
    alert, priya, tom, phone
):
    alert.acknowledge(priya)
    response = phone.get(link(alert, tom))
    page = response.content.decode()
    assert "Already acknowledged by <strong>Priya Shah</strong>" in page
    assert "Acknowledge:" not in page
    assert alert.enquiry.events.filter(data__link_reused=True, actor=tom).exists()

    # Tom's page has no button any more; a POST made anyway changes nothing but is recorded.
    Client().post(link(alert, tom), {"action": "acknowledge"})
    alert.refresh_from_db()
    assert alert.acknowledged_by == priya
    assert alert.enquiry.assignee == priya
    assert alert.enquiry.events.filter(data__repeat=True, actor=tom).exists()


def test_only_the_acknowledger_can_resolve_from_the_page(alert, priya, tom, phone):
    alert.acknowledge(priya)
    assert "Resolve" not in phone.get(link(alert, tom)).content.decode()
    refused = Client().post(link(alert, tom), {"action": "resolve"})
    assert refused.status_code == 400
    alert.refresh_from_db()
    assert alert.status == Alert.Status.ACKNOWLEDGED

    done = post_with_csrf(phone, link(alert, priya), "resolve")
    assert done.status_code == 302
    alert.refresh_from_db()
    assert (alert.status, alert.resolved_by) == (Alert.Status.RESOLVED, priya)
    assert "Resolved by Priya Shah" in phone.get(link(alert, priya)).content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_journalist_is_told_by_email_when_the_link_is_used(smtp_server, run_queued_tasks):
    priya = OfficerFactory(username="priya", first_name="Priya", last_name="Shah")
    ContactMethodFactory(user=priya)
    with time_machine.travel(SATURDAY_NIGHT, tick=True):
        alert = open_alert_for(priya)
        run_queued_tasks()
        phone = Client(enforce_csrf_checks=True)
        post_with_csrf(phone, link(alert, priya), "acknowledge")
        run_queued_tasks()
    (told,) = smtp_server.to(alert.enquiry.email)
    body = told["message"].get_body(("plain",)).get_content()
    assert "Priya Shah, our on-call press officer, has it" in body
    assert alert.enquiry.reference in told["message"]["Subject"]
    assert alert.enquiry.events.filter(kind=EnquiryEvent.Kind.EMAIL).exists()
