"""Journalists' personal data is anonymised once the retention period has passed."""

import time
from datetime import timedelta

from django.conf import settings as django_settings
from django.utils import timezone
from django.utils.module_loading import import_string

import pytest
import time_machine

from enquiries.jobs import anonymise_expired
from enquiries.models import Enquiry, EnquiryEvent, MediaContact
from enquiries.routing import receive_enquiry

pytestmark = pytest.mark.django_db


def enquire(email, **extra):
    return receive_enquiry(
        journalist_name="Priya Shah",
        outlet="Northmoor Evening Echo",
        email=email,
        phone="07700 900123" if email.startswith("old") else "",
        subject="Road closure",
        question="My source, Jo Bloggs, says the road was closed. Why?",
        **extra,
    )


def test_old_enquiries_and_contacts_are_anonymised_and_recent_ones_kept(settings):
    settings.ENQUIRY_RETENTION_DAYS = 365
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=400), tick=False):
        old = enquire("old@echo.example")
        old.record(EnquiryEvent.Kind.NOTE, "Spoke to Priya on her mobile")
        shared = enquire("both@echo.example")
    with time_machine.travel(now - timedelta(days=10), tick=False):
        recent = enquire("both@echo.example")

    assert anonymise_expired() == {"enquiries": 2, "contacts": 1}

    old.refresh_from_db()
    assert (old.journalist_name, old.email, str(old.phone), old.question) == ("", "", "", "")
    assert old.anonymised_at is not None
    # What the reports need stays.
    assert old.reference and old.route and old.status == Enquiry.Status.NEW
    assert old.outlet == "Northmoor Evening Echo"
    assert old.subject == "Road closure"
    assert set(old.events.values_list("message", flat=True)) == {""}
    contact = MediaContact.objects.get(pk=old.contact_id)
    assert (contact.name, contact.email, str(contact.phone)) == ("", "", "")
    # A contact heard from recently keeps their details, though their old enquiry is blanked.
    recent.refresh_from_db()
    assert recent.email == "both@echo.example"
    assert MediaContact.objects.get(pk=shared.contact_id).email == "both@echo.example"
    assert Enquiry.objects.count() == 3


def test_running_the_job_again_changes_nothing(settings):
    settings.ENQUIRY_RETENTION_DAYS = 30
    with time_machine.travel(timezone.now() - timedelta(days=31), tick=False):
        enquire("old@echo.example")
    assert anonymise_expired() == {"enquiries": 1, "contacts": 1}
    stamp = Enquiry.objects.get().anonymised_at
    assert anonymise_expired() == {"enquiries": 0, "contacts": 0}
    assert Enquiry.objects.get().anonymised_at == stamp


def test_an_anonymised_journalist_who_returns_gets_a_fresh_contact(settings):
    settings.ENQUIRY_RETENTION_DAYS = 30
    with time_machine.travel(timezone.now() - timedelta(days=31), tick=False):
        enquire("old@echo.example")
    anonymise_expired()
    returning = enquire("old@echo.example")
    assert returning.contact.email == "old@echo.example"
    assert MediaContact.objects.count() == 2


def test_the_worker_runs_the_job_periodically():
    path, interval = django_settings.PERIODIC_JOBS["anonymise_expired_enquiries"]
    assert import_string(path) is anonymise_expired
    assert interval <= 24 * 3600


@pytest.mark.worker
def test_a_real_worker_anonymises_expired_enquiries(start_worker):
    with time_machine.travel(timezone.now() - timedelta(days=31), tick=False):
        old = enquire("old@echo.example")
    start_worker({"ENQUIRY_RETENTION_DAYS": "30"})
    # A bound for a slow, loaded machine, not a speed target: the job runs on the first tick.
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        old.refresh_from_db()
        if old.anonymised_at:
            break
        time.sleep(0.2)
    assert old.anonymised_at is not None
    assert old.email == ""
