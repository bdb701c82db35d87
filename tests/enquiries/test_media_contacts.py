"""A journalist who gets in touch again is found again: one contact per person."""

from django.db import IntegrityError

import pytest

from enquiries.models import MediaContact
from enquiries.routing import receive_enquiry

pytestmark = pytest.mark.django_db


def enquire(**who):
    details = {"journalist_name": "Priya Shah", "outlet": "Northmoor Evening Echo"}
    details.update(who)
    return receive_enquiry(subject="Road closure", question="Why was it closed?", **details)


def test_the_same_email_in_any_case_finds_the_same_contact():
    first = enquire(email="priya.shah@echo.example")
    second = enquire(email="Priya.Shah@ECHO.example")
    assert first.contact == second.contact
    assert MediaContact.objects.count() == 1


def test_the_same_phone_in_any_format_finds_the_same_contact():
    first = enquire(phone="07700 900123")
    second = enquire(phone="+447700900123")
    third = enquire(phone="+44 (0)7700-900123".replace("(0)", ""))
    assert first.contact == second.contact == third.contact
    assert str(first.contact.phone) == "+447700900123"
    assert MediaContact.objects.count() == 1


def test_a_contact_found_again_gets_their_new_name_outlet_and_phone():
    enquire(email="priya.shah@echo.example", phone="07700 900123")
    enquiry = enquire(
        journalist_name="Priya Shah-Khan",
        outlet="Northmoor Today",
        email="PRIYA.SHAH@echo.example",
        phone="07700 900999",
    )
    contact = MediaContact.objects.get()
    assert contact == enquiry.contact
    assert (contact.name, contact.outlet, str(contact.phone)) == (
        "Priya Shah-Khan",
        "Northmoor Today",
        "+447700900999",
    )
    # The first enquiry keeps what was said at the time.
    assert enquiry.journalist_name == "Priya Shah-Khan"


def test_a_phone_only_contact_gains_the_email_they_give_later():
    first = enquire(phone="07700 900123")
    second = enquire(phone="07700 900123", email="priya.shah@echo.example")
    assert first.contact == second.contact
    assert MediaContact.objects.get().email == "priya.shah@echo.example"


def test_two_journalists_sharing_a_newsroom_number_stay_two_contacts():
    priya = enquire(email="priya.shah@echo.example", phone="020 7946 0500")
    tom = enquire(journalist_name="Tom Reilly", email="tom@echo.example", phone="020 7946 0500")
    assert priya.contact != tom.contact
    assert MediaContact.objects.get(pk=priya.contact.pk).name == "Priya Shah"


def test_the_database_refuses_two_contacts_with_the_same_email_in_different_case():
    MediaContact.objects.create(name="Priya", email="priya.shah@echo.example")
    MediaContact.objects.create(name="No email")
    MediaContact.objects.create(name="No email either")
    with pytest.raises(IntegrityError):
        MediaContact.objects.create(name="Priya again", email="PRIYA.SHAH@echo.example")
