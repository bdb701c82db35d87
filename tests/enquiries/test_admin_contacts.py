"""Media contacts: their enquiry history, and merging a journalist listed twice."""

from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from enquiries.models import EnquiryEvent, MediaContact
from tests.enquiries.factories import (
    EnquiryFactory,
    MediaContactFactory,
    manager,
    press_officer,
)

pytestmark = pytest.mark.django_db


def test_a_contacts_page_shows_their_enquiry_history(client):
    officer = press_officer()
    contact = MediaContactFactory(name="Priya Shah", outlet="Northmoor Evening Echo")
    first = EnquiryFactory(contact=contact, subject="Road closure on the A61")
    second = EnquiryFactory(contact=contact, subject="Speed cameras on the bypass")
    stranger = EnquiryFactory(subject="Someone else's question")
    client.force_login(officer)

    html = client.get(reverse("media_contact:inspect", args=[contact.pk])).text

    assert first.reference in html and second.reference in html
    assert stranger.reference not in html
    assert "Merge this contact into" not in html  # officers do not merge; managers do


def test_the_contact_list_is_searchable(client):
    client.force_login(press_officer())
    MediaContactFactory(name="Priya Shah", outlet="Northmoor Evening Echo")
    MediaContactFactory(name="Tom Reilly", outlet="Radio Northmoor")

    response = client.get(reverse("media_contact:index"), {"q": "radio"})

    assert response.status_code == 200
    assert [c.name for c in response.context["object_list"]] == ["Tom Reilly"]


def test_a_manager_merges_a_duplicate_contact_and_its_enquiries_follow(client):
    boss = manager()
    keep = MediaContactFactory(name="Priya Shah", outlet="Northmoor Evening Echo", phone="")
    duplicate = MediaContactFactory(
        name="P. Shah", outlet="", email="p.shah@freelance.example", phone="+447700900321"
    )
    kept_enquiry = EnquiryFactory(contact=keep)
    moved = [EnquiryFactory(contact=duplicate), EnquiryFactory(contact=duplicate)]
    client.force_login(boss)
    assert (
        "Merge this contact into"
        in client.get(reverse("media_contact:inspect", args=[duplicate.pk])).text
    )

    response = client.post(reverse("media_contact:merge", args=[duplicate.pk]), {"into": keep.pk})

    assert response["Location"] == reverse("media_contact:inspect", args=[keep.pk])
    assert not MediaContact.objects.filter(pk=duplicate.pk).exists()
    keep.refresh_from_db()
    assert str(keep.phone) == "+447700900321"  # a blank detail filled from the duplicate
    assert keep.email != "p.shah@freelance.example"  # but what was known is not overwritten
    assert set(keep.enquiries.all()) == {kept_enquiry, *moved}
    for enquiry in moved:
        event = enquiry.events.get(kind=EnquiryEvent.Kind.CONTACT)
        assert event.actor == boss and "P. Shah" in event.message
        enquiry.refresh_from_db()
        assert enquiry.journalist_name == "P. Shah"  # what they told us at the time stays
    log = ModelLogEntry.objects.get(action="enquiries.merge_contact")
    assert log.object_id == str(keep.pk) and log.user == boss
    assert log.data["enquiries_moved"] == 2
    assert "2 enquiries moved" in client.get(response["Location"]).text


def test_an_email_only_the_duplicate_had_moves_to_the_kept_contact(client):
    boss = manager()
    keep = MediaContactFactory(name="Tom Reilly", email="")
    duplicate = MediaContactFactory(name="Tom Reilly", email="tom@radio.example")
    client.force_login(boss)

    client.post(reverse("media_contact:merge", args=[duplicate.pk]), {"into": keep.pk})

    keep.refresh_from_db()
    assert keep.email == "tom@radio.example"


def test_press_officers_cannot_merge_contacts(client):
    officer = press_officer()
    keep, duplicate = MediaContactFactory(), MediaContactFactory()
    EnquiryFactory(contact=duplicate)
    client.force_login(officer)

    response = client.post(reverse("media_contact:merge", args=[duplicate.pk]), {"into": keep.pk})

    assert response.status_code == 403
    assert MediaContact.objects.filter(pk=duplicate.pk).exists()
    assert duplicate.enquiries.count() == 1
    assert not ModelLogEntry.objects.filter(action="enquiries.merge_contact").exists()


def test_a_contact_cannot_be_merged_into_itself(client):
    boss = manager()
    contact = MediaContactFactory()
    client.force_login(boss)

    client.post(reverse("media_contact:merge", args=[contact.pk]), {"into": contact.pk})

    assert MediaContact.objects.filter(pk=contact.pk).exists()
    page = client.get(reverse("media_contact:inspect", args=[contact.pk])).text
    assert "cannot be merged into itself" in page
