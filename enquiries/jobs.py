"""Periodic jobs of the enquiries app, run by `manage.py run_worker` (settings.PERIODIC_JOBS)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from enquiries import alerting
from enquiries.models import Enquiry, MediaContact

BATCH_SIZE = 500


def anonymise_expired(now=None):
    """Anonymise enquiries, and contacts not heard from, older than ENQUIRY_RETENTION_DAYS.

    Data protection: we keep a journalist's details only as long as we said on the form. Rows
    are kept (blanked) so the reports still count them. Safe to run any number of times; it
    works in batches so a long backlog never loads every row at once, and skips rows another
    worker has locked (they are done on the next run).
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.ENQUIRY_RETENTION_DAYS)
    enquiries = contacts = 0
    expired = Enquiry.objects.filter(received_at__lt=cutoff, anonymised_at__isnull=True)
    while True:
        with transaction.atomic():
            batch = list(expired.select_for_update().order_by("pk")[:BATCH_SIZE])
            for enquiry in batch:
                enquiries += enquiry.anonymise(now)
        if len(batch) < BATCH_SIZE:
            break
    recent = Enquiry.objects.filter(contact=OuterRef("pk"), received_at__gte=cutoff)
    stale = MediaContact.objects.filter(created_at__lt=cutoff, anonymised_at__isnull=True).exclude(
        Exists(recent)
    )
    while True:
        with transaction.atomic():
            batch = list(stale.select_for_update().order_by("pk")[:BATCH_SIZE])
            for contact in batch:
                contacts += contact.anonymise(now)
        if len(batch) < BATCH_SIZE:
            break
    return {"enquiries": enquiries, "contacts": contacts}


def sweep_alerts():
    """Advance overdue escalations and re-prompt stuck deliveries: a lost task costs a minute."""
    alerting.sweep()
