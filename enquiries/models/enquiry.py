from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
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
        constraints = [
            # One contact per email address, whatever its case; blank (phone-only, anonymised)
            # contacts do not collide.
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="mediacontact_unique_email_ci"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.outlet})" if self.outlet else self.name

    @classmethod
    def found_again(cls, *, name, outlet="", email="", phone=""):
        """The journalist's contact, found by email (any case) or else by phone, or a new one.

        A phone match only counts when that contact has no other email address: a newsroom's
        switchboard number shared by two journalists must not merge them. The name, outlet and
        phone are brought up to date with what they just told us. Call inside a transaction.
        """
        email = (email or "").strip()
        live = cls.objects.select_for_update().filter(anonymised_at__isnull=True).order_by("pk")
        contact = live.filter(email__iexact=email).first() if email else None
        if contact is None and phone:
            same_person = Q(email="") | Q(email__iexact=email) if email else Q()
            contact = live.filter(same_person, phone=phone).first()
        if contact is None:
            try:
                with transaction.atomic():
                    return cls.objects.create(name=name, outlet=outlet, email=email, phone=phone)
            except IntegrityError:
                # Someone with the same email was created a moment ago by a parallel request.
                contact = live.get(email__iexact=email)
        changes = {"name": name, "outlet": outlet, "phone": phone}
        if not contact.email:
            changes["email"] = email
        for field, value in changes.items():
            if value and getattr(contact, field) != value:
                setattr(contact, field, value)
        contact.save()
        return contact

    def anonymise(self, now=None):
        """Blank what identifies the journalist; the row stays so reports keep their counts."""
        if self.anonymised_at:
            return False
        self.name = ""
        self.email = ""
        self.phone = ""
        self.anonymised_at = now or timezone.now()
        self.save(update_fields=["name", "email", "phone", "anonymised_at"])
        return True


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

    def anonymise(self, now=None):
        """Blank the journalist's personal data once the retention period has passed.

        The reference, dates, outlet, subject, route and status stay for reports; the question
        and the free text of the timeline (notes, responses, email addresses) go, because they
        can name people.
        """
        if self.anonymised_at:
            return False
        self.journalist_name = ""
        self.email = ""
        self.phone = ""
        self.question = ""
        self.anonymised_at = now or timezone.now()
        self.save(update_fields=["journalist_name", "email", "phone", "question", "anonymised_at"])
        self.events.update(message="", data={})
        return True


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
