from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Lower, Upper
from django.utils import timezone

from wagtail.log_actions import log

from phonenumber_field.modelfields import PhoneNumberField
from phonenumber_field.phonenumber import PhoneNumber, to_python


def normalise_phone(value):
    """E.164 ("+447700900123") for anything that parses as a number, so "07700 900123" and
    "+44 7700 900123" are stored, and found again, as the same number. The library only stores
    numbers it considers valid in E.164, and some real (and Ofcom drama) ranges are not."""
    number = to_python(value, region=settings.PHONENUMBER_DEFAULT_REGION) if value else None
    if isinstance(number, PhoneNumber) and number.country_code and number.national_number:
        return number.as_e164
    return str(value or "")


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
        permissions = [("merge_mediacontact", "Can merge media contacts")]
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
        phone = normalise_phone(phone)
        live = (
            cls.objects.select_for_update()
            .filter(anonymised_at__isnull=True)
            .alias(email_lower=Lower("email"))
            .order_by("pk")
        )
        # Matched as lower(email) on non-blank emails: the shape of the unique index, so the
        # look-up is an index probe however many contacts there are.
        by_email = live.exclude(email="").filter(email_lower=email.lower())
        if email and phone:
            # One query for both: an email match wins over a phone match, so it sorts first.
            email_match = Q(email_lower=email.lower()) & ~Q(email="")
            contact = (
                live.filter(email_match | Q(phone=phone) & (Q(email="") | email_match))
                .alias(phone_only=Case(When(email_match, then=0), default=1))
                .order_by("phone_only", "pk")
                .first()
            )
        elif email:
            contact = by_email.first()
        else:
            contact = live.filter(phone=phone).first() if phone else None
        if contact is None:
            try:
                with transaction.atomic():
                    return cls.objects.create(name=name, outlet=outlet, email=email, phone=phone)
            except IntegrityError:
                # Someone with the same email was created a moment ago by a parallel request.
                contact = by_email.get()
        changes = {"name": name, "outlet": outlet, "phone": phone}
        if not contact.email:
            changes["email"] = email
        changed = [
            field for field, value in changes.items() if value and getattr(contact, field) != value
        ]
        for field in changed:
            setattr(contact, field, changes[field])
        if changed:
            contact.save(update_fields=changed)
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

    @transaction.atomic
    def merge_into(self, other, by):
        """Fold this duplicate contact into ``other``: its enquiries move, then it is deleted.

        The enquiries keep what the journalist told us at the time; only the link to the
        contact moves. Blank details of ``other`` are filled from this one so nothing known
        about the person is lost. Returns the number of enquiries moved.
        """
        if other.pk == self.pk:
            raise ValidationError("A contact cannot be merged into itself.")
        enquiry_ids = list(self.enquiries.values_list("pk", flat=True))
        EnquiryEvent.objects.bulk_create(
            EnquiryEvent(
                enquiry_id=enquiry_id,
                kind=EnquiryEvent.Kind.CONTACT,
                actor=by,
                message=f"Contact {self} merged into {other}",
                data={"from_contact": self.pk, "to_contact": other.pk},
            )
            for enquiry_id in enquiry_ids
        )
        Enquiry.objects.filter(pk__in=enquiry_ids).update(contact=other)
        merged_pk, merged_name = self.pk, str(self)
        # Deleted before ``other`` takes over its email, which must stay unique.
        self.delete()
        for field in ("outlet", "email", "phone"):
            if not getattr(other, field) and getattr(self, field):
                setattr(other, field, getattr(self, field))
        other.save()
        log(
            instance=other,
            action="enquiries.merge_contact",
            user=by,
            data={
                "merged_contact": merged_name,
                "merged_contact_id": merged_pk,
                "enquiries_moved": len(enquiry_ids),
            },
        )
        return len(enquiry_ids)


class ReferenceCounter(models.Model):
    """The last enquiry number given out in a year, so references read ENQ-2026-00042."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"

    @classmethod
    def next_reference(cls, year):
        """One statement that creates the year's row or counts on from it (PostgreSQL and
        SQLite >= 3.35 both have upsert with RETURNING). The row stays locked until the
        enquiry's transaction commits, so numbers are never shared and never skipped."""
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (year, last_number) VALUES (%s, 1) "  # noqa: S608
                f"ON CONFLICT (year) DO UPDATE SET last_number = {table}.last_number + 1 "
                "RETURNING last_number",
                [year],
            )
            (number,) = cursor.fetchone()
        return f"ENQ-{year}-{number:05d}"


# Still waiting for an answer: these count towards "overdue" and "my open enquiries".
_OPEN_STATUSES = ("new", "assigned")


def _queue_priority():
    """0: urgent and still waiting for an answer; 1: other open ones; 2: the rest.

    The queue sorts on this, then on the deadline. The same expression is indexed
    (``enquiry_queue_order``), so the first page of a million enquiries needs no sort.
    """
    return Case(
        When(Q(status__in=_OPEN_STATUSES, urgent=True), then=Value(0)),
        When(Q(status__in=_OPEN_STATUSES), then=Value(1)),
        default=Value(2),
        output_field=models.SmallIntegerField(),
    )


class Enquiry(models.Model):
    # Wagtail would otherwise enqueue a reference-index task on every save (an insert in the
    # intake's transaction, then a worker run): enquiries are not content, and a statement's
    # enquiries are found through the queue, not the statement's "usage" listing.
    wagtail_reference_index_ignore = True

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

    OPEN_STATUSES = tuple(map(Status, _OPEN_STATUSES))

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
        "press.StatementPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The statement the enquiry is about, if any.",
    )
    # What the enquiry is about, in the same words as the statements, so the queue can be
    # narrowed to one subject area (copied from the statement on receipt, then kept by hand).
    topics = models.ManyToManyField("press.Topic", blank=True, related_name="enquiries")

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
            # The queue's default order, and its outlet filter (a prefix, any case).
            models.Index(
                _queue_priority(), F("deadline"), F("id").desc(), name="enquiry_queue_order"
            ),
            models.Index(Upper("outlet"), name="enquiry_outlet_upper"),
            # The urgent filter: the few urgent ones among many, by deadline.
            models.Index(fields=["deadline"], condition=Q(urgent=True), name="enquiry_urgent"),
            # The queue sorted by when enquiries arrived (ties broken by an incremental sort).
            models.Index(fields=["received_at"], name="enquiry_received"),
        ]
        permissions = [
            ("assign_enquiry", "Can assign enquiries"),
            ("note_enquiry", "Can add internal notes to enquiries"),
            ("respond_enquiry", "Can record responses to enquiries"),
            ("close_enquiry", "Can close enquiries and mark duplicates"),
            ("categorise_enquiry", "Can set the topics of enquiries"),
            ("export_enquiry", "Can export the enquiry queue"),
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

    # The press office's actions. Each locks the row (two officers may act at once),
    # checks the enquiry is still in a state that allows it, writes the timeline and
    # Wagtail's audit log, and saves only the fields it changed.

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    def _lock(self):
        locked = type(self).objects.select_for_update().get(pk=self.pk)
        self.status, self.assignee_id = locked.status, locked.assignee_id
        self.duplicate_of_id = locked.duplicate_of_id

    def _refuse_if_finished(self, action):
        if self.status in (self.Status.CLOSED, self.Status.DUPLICATE):
            raise ValidationError(
                f"{self.reference} is {self.get_status_display().lower()}: it cannot be {action}."
            )

    def _set_status(self, status, by):
        if status == self.status:
            return
        previous, self.status = self.status, status
        self.record(
            EnquiryEvent.Kind.STATUS,
            f"{self.Status(previous).label} → {self.Status(status).label}",
            actor=by,
            data={"from": previous, "to": status},
        )

    def _audit(self, action, by, **data):
        log(instance=self, action=f"enquiries.{action}", user=by, data=data)

    @transaction.atomic
    def assign(self, to, by):
        """Give the enquiry an owner; a new enquiry becomes assigned."""
        self._lock()
        self._refuse_if_finished("assigned")
        if self.assignee_id == to.pk:
            raise ValidationError(f"{self.reference} is already assigned to {_person(to)}.")
        previous_id = self.assignee_id
        self.assignee = to
        self.record(
            EnquiryEvent.Kind.ASSIGNED,
            f"Assigned to {_person(to)}",
            actor=by,
            data={"assignee": to.pk, "previous_assignee": previous_id},
        )
        if self.status == self.Status.NEW:
            self._set_status(self.Status.ASSIGNED, by)
        self.save(update_fields=["assignee", "status"])
        self._audit("assign", by, assignee=to.pk, assignee_name=_person(to))

    @transaction.atomic
    def add_note(self, text, by):
        """An internal note for colleagues: never shown to the journalist."""
        text = (text or "").strip()
        if not text:
            raise ValidationError("A note needs some text.")
        event = self.record(EnquiryEvent.Kind.NOTE, text, actor=by)
        self._audit("add_note", by, event=event.pk)
        return event

    @transaction.atomic
    def record_response(self, text, on_record, by, responded_at=None):
        """What the press office told the journalist, on the record or not, by whom and when.

        The enquiry becomes answered; if nobody owned it, whoever answered now does.
        """
        text = (text or "").strip()
        if not text:
            raise ValidationError("Record what was said in the response.")
        responded_at = responded_at or timezone.now()
        if responded_at > timezone.now():
            raise ValidationError("A response cannot be recorded as given in the future.")
        self._lock()
        self._refuse_if_finished("answered")
        if self.assignee_id is None:
            self.assignee = by
            self.record(
                EnquiryEvent.Kind.ASSIGNED,
                f"Assigned to {_person(by)}",
                actor=by,
                data={"assignee": by.pk, "previous_assignee": None},
            )
        event = self.record(
            EnquiryEvent.Kind.RESPONSE,
            text,
            actor=by,
            data={"on_record": bool(on_record), "responded_at": responded_at.isoformat()},
        )
        self._set_status(self.Status.ANSWERED, by)
        self.save(update_fields=["assignee", "status"])
        self._audit("respond", by, event=event.pk, on_record=bool(on_record))
        return event

    @transaction.atomic
    def close(self, by):
        """Nothing more to do on this enquiry."""
        self._lock()
        self._refuse_if_finished("closed")
        self._set_status(self.Status.CLOSED, by)
        self.save(update_fields=["status"])
        self._audit("close", by)

    @transaction.atomic
    def mark_duplicate(self, of, by):
        """The same question already reached us as ``of``; this one is folded into it."""
        self._lock()
        self._refuse_if_finished("marked as a duplicate")
        seen, original = set(), of
        while original is not None and original.pk not in seen:
            if original.pk == self.pk:
                through = "" if of.pk == self.pk else f" (through {of.reference})"
                raise ValidationError(f"{self.reference} cannot be a duplicate of itself{through}.")
            seen.add(original.pk)
            original = original.duplicate_of
        self.duplicate_of = of
        self.record(
            EnquiryEvent.Kind.DUPLICATE,
            f"Duplicate of {of.reference}",
            actor=by,
            data={"duplicate_of": of.pk, "duplicate_of_reference": of.reference},
        )
        of.record(
            EnquiryEvent.Kind.DUPLICATE,
            f"{self.reference} marked as a duplicate of this enquiry",
            actor=by,
            data={"duplicate": self.pk, "duplicate_reference": self.reference},
        )
        self._set_status(self.Status.DUPLICATE, by)
        self.save(update_fields=["duplicate_of", "status"])
        self._audit("mark_duplicate", by, duplicate_of=of.pk, duplicate_of_reference=of.reference)

    @transaction.atomic
    def set_topics(self, topics, by):
        """File the enquiry under these topics (none is allowed): the queue filters by them.

        Allowed on finished enquiries too: the topics serve the reports as much as the queue.
        """
        self._lock()
        wanted = {topic.pk: topic for topic in topics}
        current = {topic.pk: topic for topic in self.topics.all()}
        added = [wanted[pk] for pk in wanted.keys() - current.keys()]
        removed = [current[pk] for pk in current.keys() - wanted.keys()]
        if not added and not removed:
            raise ValidationError(f"{self.reference} already has those topics.")
        self.topics.set(wanted.values())
        names = sorted(topic.name for topic in wanted.values())
        changes = [
            *(f"added {topic.name}" for topic in sorted(added, key=str)),
            *(f"removed {topic.name}" for topic in sorted(removed, key=str)),
        ]
        self.record(
            EnquiryEvent.Kind.TOPICS,
            f"Topics: {', '.join(names) or 'none'} ({'; '.join(changes)})",
            actor=by,
            data={
                "topics": sorted(wanted),
                "added": sorted(topic.pk for topic in added),
                "removed": sorted(topic.pk for topic in removed),
            },
        )
        self._audit("set_topics", by, topics=names)

    queue_priority = staticmethod(_queue_priority)

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
        DUPLICATE = "duplicate", "Duplicate linked"
        CONTACT = "contact", "Contact changed"
        TOPICS = "topics", "Topics changed"

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


def _person(user):
    return user.get_full_name() or user.get_username()
