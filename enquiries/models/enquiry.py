from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from phonenumber_field.modelfields import PhoneNumberField


class MediaContact(models.Model):
    """A journalist, found again by email or phone when they get in touch."""

    name = models.CharField(max_length=200)
    outlet = models.CharField("media outlet", max_length=200, blank=True)
    email = models.EmailField(blank=True, db_index=True)
    phone = PhoneNumberField(blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["outlet"])]

    def __str__(self):
        return f"{self.name} ({self.outlet})" if self.outlet else self.name


class ReferenceCounter(models.Model):
    """The last enquiry number given out in a year, so references read ENQ-2026-00042."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"

    @classmethod
    def next_reference(cls, year):
        with transaction.atomic():
            cls.objects.get_or_create(year=year)
            cls.objects.filter(year=year).update(last_number=F("last_number") + 1)
            number = cls.objects.get(year=year).last_number
        return f"ENQ-{year}-{number:05d}"


class Enquiry(models.Model):
    class Channel(models.TextChoices):
        WEB = "web", "Web form"
        PHONE = "phone", "Phone"
        EMAIL = "email", "Email"

    class Route(models.TextChoices):
        IN_HOURS = "in_hours", "In office hours: press office queue"
        URGENT_OUT_OF_HOURS = "urgent_out_of_hours", "Urgent, out of hours: on-call alerted"
        QUEUED_FOR_OPENING = "queued_for_opening", "Out of hours: queued for the next opening"

    class Status(models.TextChoices):
        NEW = "new", "New"
        ASSIGNED = "assigned", "Assigned"
        ANSWERED = "answered", "Answered"
        CLOSED = "closed", "Closed"
        DUPLICATE = "duplicate", "Duplicate"

    reference = models.CharField(max_length=20, unique=True, editable=False)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    contact = models.ForeignKey(
        MediaContact, null=True, blank=True, on_delete=models.SET_NULL, related_name="enquiries"
    )
    # What the journalist told us, as they told it (the contact may be edited or merged later).
    journalist_name = models.CharField(max_length=200)
    outlet = models.CharField("media outlet", max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = PhoneNumberField(blank=True)
    subject = models.CharField(max_length=200)
    question = models.TextField(max_length=10000)
    deadline = models.DateTimeField(null=True, blank=True)
    urgent = models.BooleanField(
        default=False, help_text="The journalist needs an answer before the office reopens."
    )
    statement = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The statement the enquiry is about, if any.",
    )

    received_at = models.DateTimeField(default=timezone.now)
    route = models.CharField(max_length=30, choices=Route.choices, blank=True)
    route_reason = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_enquiries",
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name_plural = "enquiries"
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["route", "-received_at"]),
            models.Index(fields=["assignee", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="duplicate") | Q(duplicate_of__isnull=False),
                name="enquiry_duplicate_names_original",
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.subject}"

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = ReferenceCounter.next_reference(
                timezone.localtime(self.received_at).year
            )
        super().save(*args, **kwargs)

    def record(self, kind, message="", *, actor=None, data=None):
        """Add an entry to this enquiry's timeline."""
        return EnquiryEvent.objects.create(
            enquiry=self, kind=kind, message=message, actor=actor, data=data or {}
        )


class EnquiryEvent(models.Model):
    """One line of an enquiry's timeline: who did what, when."""

    class Kind(models.TextChoices):
        RECEIVED = "received", "Received"
        ROUTED = "routed", "Routed"
        ASSIGNED = "assigned", "Assigned"
        NOTE = "note", "Internal note"
        RESPONSE = "response", "Response given"
        STATUS = "status", "Status changed"
        EMAIL = "email", "Email sent"
        ALERT = "alert", "On-call alert"
        NOTIFICATION = "notification", "Alert message"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        ESCALATED = "escalated", "Escalated"

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["enquiry", "at"])]

    def __str__(self):
        return f"{self.enquiry.reference} {self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"
