"""A press officer works an enquiry from its page: assign, note, respond, close, duplicate.

Each action is a POST that needs its own permission, writes the enquiry's timeline and
Wagtail's audit log, and sends the officer back to the enquiry with a message.
"""

from datetime import timedelta

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from enquiries.models import Enquiry, EnquiryEvent
from tests.enquiries.factories import (
    EnquiryFactory,
    UserFactory,
    manager,
    on_call_officer,
    press_officer,
)

pytestmark = pytest.mark.django_db


def page(enquiry):
    return reverse("enquiry:inspect", args=[enquiry.pk])


def act(client, enquiry, action, **data):
    return client.post(reverse(f"enquiry:{action}", args=[enquiry.pk]), data)


def audit(enquiry, action):
    return ModelLogEntry.objects.filter(
        object_id=str(enquiry.pk), action=f"enquiries.{action}"
    ).order_by("timestamp")


def kinds(enquiry):
    return list(enquiry.events.order_by("at", "pk").values_list("kind", flat=True))


def test_an_officer_assigns_a_new_enquiry_to_themselves(client):
    officer = press_officer()
    enquiry = EnquiryFactory()
    client.force_login(officer)

    response = act(client, enquiry, "assign", assignee=officer.pk)

    assert response.status_code == 302 and response["Location"] == page(enquiry)
    enquiry.refresh_from_db()
    assert enquiry.assignee == officer
    assert enquiry.status == Enquiry.Status.ASSIGNED
    assigned = enquiry.events.get(kind=EnquiryEvent.Kind.ASSIGNED)
    assert assigned.actor == officer and officer.get_full_name() in assigned.message
    status = enquiry.events.get(kind=EnquiryEvent.Kind.STATUS)
    assert status.data == {"from": "new", "to": "assigned"}
    log = audit(enquiry, "assign").get()
    assert log.user == officer and log.data["assignee"] == officer.pk
    followed = client.get(response["Location"])
    assert f"{enquiry.reference} is assigned to you." in followed.text


def test_an_officer_hands_an_enquiry_to_a_colleague(client):
    officer, colleague = press_officer(), press_officer()
    enquiry = EnquiryFactory(assignee=officer, status=Enquiry.Status.ASSIGNED)
    client.force_login(officer)

    act(client, enquiry, "assign", assignee=colleague.pk)

    enquiry.refresh_from_db()
    assert enquiry.assignee == colleague
    assert enquiry.status == Enquiry.Status.ASSIGNED
    assigned = enquiry.events.get(kind=EnquiryEvent.Kind.ASSIGNED)
    assert assigned.data == {"assignee": colleague.pk, "previous_assignee": officer.pk}
    assert not enquiry.events.filter(kind=EnquiryEvent.Kind.STATUS).exists()


def test_an_enquiry_cannot_be_assigned_to_someone_outside_the_press_office(client):
    officer, outsider = press_officer(), UserFactory()
    enquiry = EnquiryFactory()
    client.force_login(officer)

    response = act(client, enquiry, "assign", assignee=outsider.pk)

    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.assignee is None and enquiry.events.count() == 0


def test_on_call_officers_may_take_an_enquiry_but_not_answer_or_close_it(client):
    on_call = on_call_officer()
    enquiry = EnquiryFactory(urgent=True, route=Enquiry.Route.URGENT_OUT_OF_HOURS)
    client.force_login(on_call)

    assert act(client, enquiry, "assign", assignee=on_call.pk).status_code == 302
    assert act(client, enquiry, "respond", text="We are aware.", on_record="on").status_code == 403
    assert act(client, enquiry, "close").status_code == 403

    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.ASSIGNED and enquiry.assignee == on_call
    assert not audit(enquiry, "respond").exists() and not audit(enquiry, "close").exists()


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("assign", {"assignee": "me"}),
        ("note", {"text": "Checked with the duty inspector."}),
        ("respond", {"text": "Officers attended.", "on_record": "on"}),
        ("close", {}),
        ("mark_duplicate", {"reference": "ENQ-2026-00001"}),
    ],
)
def test_someone_outside_the_press_office_is_refused_every_action(client, action, data):
    outsider = UserFactory()
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    enquiry = EnquiryFactory()
    other = EnquiryFactory()
    if action == "assign":
        data = {"assignee": outsider.pk}
    if action == "mark_duplicate":
        data = {"reference": other.reference}
    client.force_login(outsider)

    response = act(client, enquiry, action, **data)

    assert response.status_code == 403
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.NEW and enquiry.assignee is None
    assert enquiry.events.count() == 0
    assert not ModelLogEntry.objects.filter(object_id=str(enquiry.pk)).exists()


def test_actions_only_answer_post(client):
    officer = press_officer()
    enquiry = EnquiryFactory()
    client.force_login(officer)

    response = client.get(reverse("enquiry:close", args=[enquiry.pk]))

    assert response.status_code == 405
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.NEW


def test_actions_need_a_csrf_token(client):
    officer = press_officer()
    enquiry = EnquiryFactory()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(officer)

    response = strict.post(reverse("enquiry:close", args=[enquiry.pk]))

    assert response.status_code == 403
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.NEW


def test_an_officer_adds_an_internal_note(client):
    officer = press_officer()
    enquiry = EnquiryFactory()
    client.force_login(officer)

    act(client, enquiry, "note", text="Spoke to the duty inspector; statement due at 3pm.")

    note = enquiry.events.get(kind=EnquiryEvent.Kind.NOTE)
    assert note.message == "Spoke to the duty inspector; statement due at 3pm."
    assert note.actor == officer
    assert audit(enquiry, "add_note").get().data["event"] == note.pk
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.NEW


def test_an_empty_note_is_refused_with_a_message(client):
    officer = press_officer()
    enquiry = EnquiryFactory()
    client.force_login(officer)

    response = act(client, enquiry, "note", text="   ")

    assert response.status_code == 302
    assert enquiry.events.count() == 0
    assert "This field is required." in client.get(page(enquiry)).text


def test_an_officer_records_the_response_given_on_the_record(client):
    officer = press_officer()
    enquiry = EnquiryFactory()
    client.force_login(officer)
    given_at = timezone.localtime() - timedelta(minutes=20)

    act(
        client,
        enquiry,
        "respond",
        text="Officers were called at 22:10 and the road reopened at 04:00.",
        on_record="on",
        responded_at=given_at.strftime("%Y-%m-%d %H:%M"),
    )

    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.ANSWERED
    # Nobody owned it, so whoever answered does now.
    assert enquiry.assignee == officer
    response = enquiry.events.get(kind=EnquiryEvent.Kind.RESPONSE)
    assert response.message.startswith("Officers were called at 22:10")
    assert response.actor == officer
    assert response.data["on_record"] is True
    assert response.data["responded_at"].startswith(given_at.strftime("%Y-%m-%dT"))
    assert kinds(enquiry) == ["assigned", "response", "status"]
    assert audit(enquiry, "respond").get().data["on_record"] is True
    shown = client.get(page(enquiry)).text
    assert "on the record" in shown and given_at.strftime("%H:%M") in shown


def test_a_response_off_the_record_is_recorded_as_such(client):
    officer = press_officer()
    enquiry = EnquiryFactory(assignee=officer, status=Enquiry.Status.ASSIGNED)
    client.force_login(officer)

    act(client, enquiry, "respond", text="Background only: the inquiry is ongoing.")

    event = enquiry.events.get(kind=EnquiryEvent.Kind.RESPONSE)
    assert event.data["on_record"] is False
    assert "off the record" in client.get(page(enquiry)).text


def test_a_response_cannot_be_dated_in_the_future(client):
    officer = press_officer()
    enquiry = EnquiryFactory()
    client.force_login(officer)
    later = timezone.localtime() + timedelta(hours=3)

    act(
        client,
        enquiry,
        "respond",
        text="Will do.",
        responded_at=later.strftime("%Y-%m-%d %H:%M"),
    )

    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.NEW and enquiry.events.count() == 0
    assert "cannot be recorded as given in the future" in client.get(page(enquiry)).text


def test_an_officer_closes_an_answered_enquiry(client):
    officer = press_officer()
    enquiry = EnquiryFactory(assignee=officer, status=Enquiry.Status.ANSWERED)
    client.force_login(officer)

    act(client, enquiry, "close")

    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.CLOSED
    assert enquiry.events.get(kind=EnquiryEvent.Kind.STATUS).data == {
        "from": "answered",
        "to": "closed",
    }
    assert audit(enquiry, "close").get().user == officer


def test_a_closed_enquiry_cannot_be_closed_again_or_answered(client):
    officer = press_officer()
    enquiry = EnquiryFactory(assignee=officer, status=Enquiry.Status.CLOSED)
    client.force_login(officer)

    act(client, enquiry, "close")
    act(client, enquiry, "respond", text="Late answer.")

    assert enquiry.events.count() == 0
    assert "is closed: it cannot be" in client.get(page(enquiry)).text


def test_an_officer_marks_an_enquiry_a_duplicate_of_another_by_reference(client):
    officer = press_officer()
    original, repeat = EnquiryFactory(), EnquiryFactory()
    client.force_login(officer)

    act(client, repeat, "mark_duplicate", reference=original.reference.lower())

    repeat.refresh_from_db()
    assert repeat.status == Enquiry.Status.DUPLICATE and repeat.duplicate_of == original
    assert repeat.events.get(kind=EnquiryEvent.Kind.DUPLICATE).message == (
        f"Duplicate of {original.reference}"
    )
    assert original.events.get(kind=EnquiryEvent.Kind.DUPLICATE).data["duplicate"] == repeat.pk
    assert audit(repeat, "mark_duplicate").get().data["duplicate_of_reference"] == (
        original.reference
    )


def test_an_enquiry_cannot_be_a_duplicate_of_itself(client):
    officer = press_officer()
    enquiry = EnquiryFactory()
    client.force_login(officer)

    act(client, enquiry, "mark_duplicate", reference=enquiry.reference)

    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.NEW and enquiry.duplicate_of is None
    assert "cannot be a duplicate of itself" in client.get(page(enquiry)).text


def test_duplicates_cannot_form_a_cycle():
    officer = press_officer()
    first, second, third = EnquiryFactory(), EnquiryFactory(), EnquiryFactory()
    second.mark_duplicate(first, by=officer)
    # first -> third is fine; third -> second would close the loop third->second->first->third.
    first_events = first.events.count()
    first.refresh_from_db()
    first.mark_duplicate(third, by=officer)

    third.refresh_from_db()
    with pytest.raises(ValidationError, match="through"):
        third.mark_duplicate(second, by=officer)
    third.refresh_from_db()
    assert third.status == Enquiry.Status.NEW and third.duplicate_of is None
    assert first.events.count() > first_events


def test_an_unknown_reference_is_refused(client):
    officer = press_officer()
    enquiry = EnquiryFactory()
    client.force_login(officer)

    act(client, enquiry, "mark_duplicate", reference="ENQ-1999-99999")

    assert enquiry.events.count() == 0
    assert "No enquiry has the reference ENQ-1999-99999." in client.get(page(enquiry)).text


def test_managers_have_every_officer_action(client):
    boss = manager()
    enquiry = EnquiryFactory()
    client.force_login(boss)

    act(client, enquiry, "assign", assignee=boss.pk)
    act(client, enquiry, "respond", text="No comment at this stage.", on_record="on")
    act(client, enquiry, "close")

    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.CLOSED
    assert kinds(enquiry) == ["assigned", "status", "response", "status", "status"]


def test_the_audit_log_lists_each_action_for_whoever_may_see_the_enquiry(client):
    officer, on_call = press_officer(), on_call_officer()
    enquiry = EnquiryFactory()
    enquiry.assign(officer, by=officer)
    enquiry.add_note("Called the journalist back.", by=officer)
    enquiry.record_response("No comment.", on_record=True, by=officer)
    enquiry.close(by=officer)
    history = reverse("enquiry:history", args=[enquiry.pk])

    for user in (officer, on_call):
        client.force_login(user)
        html = client.get(history).text
        for label in ("Assign enquiry", "Add note", "Record response", "Close enquiry"):
            assert label in html, (user, label)

    client.force_login(UserFactory())
    assert client.get(history).status_code in (302, 403)
