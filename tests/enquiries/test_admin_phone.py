"""An officer takes a call and logs it from one screen; it goes through the web form's routing."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

import pytest
import time_machine

from enquiries.models import Enquiry, EnquiryEvent, MediaContact
from tests.enquiries.factories import MediaContactFactory, on_call_officer, press_officer

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TUESDAY_MORNING = datetime(2026, 3, 3, 10, 15, tzinfo=LONDON)
SATURDAY_NIGHT = datetime(2026, 2, 28, 23, 4, tzinfo=LONDON)
LOG = "enquiry:add"


def call(**overrides):
    data = {
        "contact": "",
        "journalist_name": "Tom Reilly",
        "outlet": "Radio Northmoor",
        "phone": "07700 900456",
        "email": "",
        "subject": "Fire at the Dale Road depot",
        "question": "Is the depot fire being treated as arson?",
        "deadline": "",
    }
    data.update(overrides)
    return data


def test_the_queue_offers_to_log_a_phone_enquiry(client):
    client.force_login(press_officer())

    html = client.get(reverse("enquiry:index")).text

    assert "Log a phone enquiry" in html and reverse(LOG) in html


def test_a_call_in_office_hours_goes_to_the_press_office_queue(client):
    officer = press_officer()
    client.force_login(officer)

    with time_machine.travel(TUESDAY_MORNING, tick=False):
        response = client.post(reverse(LOG), call())

    enquiry = Enquiry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("enquiry:inspect", args=[enquiry.pk])
    assert enquiry.channel == Enquiry.Channel.PHONE
    assert enquiry.route == Enquiry.Route.IN_HOURS
    assert enquiry.journalist_name == "Tom Reilly"
    assert str(enquiry.phone) == "+447700900456"
    assert enquiry.contact.name == "Tom Reilly" and enquiry.contact.outlet == "Radio Northmoor"
    received = enquiry.events.get(kind=EnquiryEvent.Kind.RECEIVED)
    assert received.actor == officer and received.message == "Received by phone"
    assert enquiry.events.filter(kind=EnquiryEvent.Kind.ROUTED).exists()


def test_an_urgent_call_at_the_weekend_is_routed_to_on_call_like_the_web_form(client):
    client.force_login(on_call_officer())  # cannot log calls: only press officers can
    assert client.get(reverse(LOG)).status_code == 403

    client.force_login(press_officer())
    with time_machine.travel(SATURDAY_NIGHT, tick=False):
        client.post(reverse(LOG), call(urgent="on", deadline="2026-03-01 09:00"))

    enquiry = Enquiry.objects.get()
    assert enquiry.route == Enquiry.Route.URGENT_OUT_OF_HOURS
    assert "weekend" in enquiry.route_reason
    assert enquiry.deadline == datetime(2026, 3, 1, 9, 0, tzinfo=LONDON)


def test_a_known_contact_is_found_by_typing_and_chosen(client):
    officer = press_officer()
    known = MediaContactFactory(
        name="Ana Costa", outlet="The Dale Gazette", phone="+447700900789", email=""
    )
    MediaContactFactory(name="Will Dunmore", outlet="Radio Northmoor")
    client.force_login(officer)

    for typed in ("costa", "dale gaz", "07700 900789"):
        found = client.get(reverse("enquiry:contact_search"), {"q": typed}).json()["results"]
        assert [c["id"] for c in found] == [known.pk], typed

    with time_machine.travel(TUESDAY_MORNING, tick=False):
        client.post(
            reverse(LOG),
            call(contact=known.pk, journalist_name="", outlet="", phone="", email=""),
        )

    enquiry = Enquiry.objects.get()
    assert enquiry.contact == known
    assert enquiry.journalist_name == "Ana Costa" and enquiry.outlet == "The Dale Gazette"
    assert MediaContact.objects.count() == 2  # no duplicate made for Ana


def test_a_contact_known_only_by_name_is_kept_when_chosen(client):
    officer = press_officer()
    known = MediaContactFactory(name="Sol Baines", outlet="", phone="", email="")
    client.force_login(officer)

    with time_machine.travel(TUESDAY_MORNING, tick=False):
        client.post(reverse(LOG), call(contact=known.pk, journalist_name="", outlet="", phone=""))

    enquiry = Enquiry.objects.get()
    assert enquiry.contact == known
    assert MediaContact.objects.count() == 1


def test_the_officer_must_say_who_called(client):
    client.force_login(press_officer())

    response = client.post(reverse(LOG), call(journalist_name="", phone=""))

    assert response.status_code == 200
    assert "Give the journalist&#x27;s name or choose a known contact." in response.text
    assert 'value="Fire at the Dale Road depot"' in response.text  # what was typed is kept
    assert not Enquiry.objects.exists()


def test_only_subject_and_question_are_required_besides_who(client):
    client.force_login(press_officer())

    with time_machine.travel(TUESDAY_MORNING, tick=False):
        client.post(
            reverse(LOG),
            {"journalist_name": "Tom Reilly", "subject": "Depot fire", "question": "Arson?"},
        )

    enquiry = Enquiry.objects.get()
    assert enquiry.urgent is False and enquiry.deadline is None and enquiry.outlet == ""
