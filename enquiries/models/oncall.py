"""On-call people, rotas, escalation policies, alerts and the deliveries that page people.

The database is the truth for the alerting: a background task is only a prompt wake-up, and every
step an alert takes (the level it reached, the messages it owes, each attempt at sending one) is a
row here, written under a row lock. The unique key on ``Delivery`` is what makes "sent at most
once" hold with several workers and workers killed mid-send.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

import phonenumbers

from ..rules import escalation as escalation_rules
from ..rules import rota as rota_rules
from .enquiry import Enquiry, EnquiryEvent
from .office_hours import Weekday


class ContactMethod(models.Model):
    """One way to reach an on-call person; a person's methods are tried in ``priority`` order."""

    class Kind(models.TextChoices):
        SMS = "sms", "SMS (mobile)"
        EMAIL = "email", "Email"
        WEBHOOK = "webhook", "Webhook (Teams, Slack)"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_methods"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    address = models.CharField(
        max_length=500, help_text="A mobile number, an email address or an https URL."
    )
    label = models.CharField(max_length=60, blank=True, help_text='For example "work mobile".')
    priority = models.PositiveSmallIntegerField(
        default=1, help_text="Tried in this order, lowest first, when an earlier one fails."
    )
    verified = models.BooleanField(
        default=False, help_text="A test message sent here was received by the person."
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["user", "priority", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "address"], name="contact_method_unique_per_person"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["sms", "email", "webhook"]), name="contact_method_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.address}"

    def save(self, *args, **kwargs):
        """A changed number or address has not been shown to reach anyone: it is unverified."""
        if self.pk and self.verified:
            before = ContactMethod.objects.filter(pk=self.pk).values("kind", "address").first()
            if before and (before["kind"], before["address"]) != (self.kind, self.address):
                self.verified = False
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "verified"}
        super().save(*args, **kwargs)

    def clean(self):
        if self.kind == self.Kind.SMS:
            try:
                number = phonenumbers.parse(self.address, settings.PHONENUMBER_DEFAULT_REGION)
            except phonenumbers.NumberParseException as exc:
                raise ValidationError({"address": "Enter a mobile number."}) from exc
            if not phonenumbers.is_possible_number(number):
                raise ValidationError({"address": "Enter a valid mobile number."})
            self.address = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        elif self.kind == self.Kind.EMAIL:
            try:
                validate_email(self.address)
            except ValidationError as exc:
                raise ValidationError({"address": "Enter an email address."}) from exc
        elif self.kind == self.Kind.WEBHOOK:
            try:
                URLValidator(schemes=["https", "http"])(self.address)
            except ValidationError as exc:
                raise ValidationError({"address": "Enter the webhook's URL."}) from exc

    def validate_constraints(self, exclude=None):
        """Check "one of each per person" even when the form has no person field: someone adding
        their own method never chooses the person, but it is set, and a repeat is a form error."""
        if exclude and "user" in exclude and self.user_id:
            exclude = set(exclude) - {"user"}
        super().validate_constraints(exclude=exclude)

    @classmethod
    def usable_for(cls, user_ids):
        """The active methods of these people, each person's in the order they are tried."""
        return cls.objects.filter(user_id__in=user_ids, active=True).order_by(
            "user_id", "priority", "pk"
        )


class OnCallRota(ClusterableModel):
    """Who is on call when: members take turns, handing over at a wall-clock time in London.

    The first hand-off is at ``handoff_time`` on the first ``handoff_weekday`` on or after
    ``starts_on``; each shift then lasts ``shift_length`` days or hours *on the wall clock*, so a
    weekly rota hands over at Monday 08:00 in both GMT and BST.
    """

    class ShiftUnit(models.TextChoices):
        DAYS = "days", "Days"
        HOURS = "hours", "Hours"

    Weekday = Weekday  # one list of weekdays for office hours and rotas

    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    starts_on = models.DateField(default=timezone.localdate)
    handoff_weekday = models.PositiveSmallIntegerField(
        choices=Weekday.choices, default=Weekday.MONDAY
    )
    handoff_time = models.TimeField(default=time(8, 0), help_text="Europe/London wall clock.")
    shift_length = models.PositiveSmallIntegerField(default=7)
    shift_unit = models.CharField(max_length=5, choices=ShiftUnit.choices, default=ShiftUnit.DAYS)

    class Meta:
        ordering = ["name"]
        verbose_name = "on-call rota"
        constraints = [
            models.CheckConstraint(condition=Q(shift_length__gte=1), name="rota_shift_positive"),
            models.CheckConstraint(condition=Q(handoff_weekday__lte=6), name="rota_weekday_valid"),
        ]

    def __str__(self):
        return self.name

    def first_handoff(self):
        """The naive London wall-clock time of the rotation's first hand-off."""
        days_ahead = (self.handoff_weekday - self.starts_on.weekday()) % 7
        return datetime.combine(self.starts_on + timedelta(days=days_ahead), self.handoff_time)

    def shift(self):
        if self.shift_unit == self.ShiftUnit.HOURS:
            return timedelta(hours=self.shift_length)
        return timedelta(days=self.shift_length)

    def as_rule(self, overrides_between=None):
        """This rota as the pure rules see it; people are user ids.

        ``overrides_between`` (start, end) limits the overrides loaded to those touching that
        period, so asking about one instant does not read years of history.
        """
        overrides = self.overrides.all()
        if overrides_between:
            start, end = overrides_between
            overrides = overrides.filter(starts_at__lt=end, ends_at__gt=start)
        return rota_rules.Rota(
            members=tuple(m.user_id for m in self.members.all()),
            first_handoff=self.first_handoff(),
            shift=self.shift(),
            overrides=tuple(
                rota_rules.Override(o.user_id, o.starts_at, o.ends_at)
                for o in overrides.order_by("created_at", "pk")
            ),
            windows=tuple(
                rota_rules.Window(w.start_weekday, w.start_time, w.end_weekday, w.end_time)
                for w in self.coverage_windows.all()
            ),
        )

    def on_call(self, at=None):
        """The user id on call at ``at`` (default now), or None for a gap."""
        at = at or timezone.now()
        return rota_rules.on_call(self.as_rule((at, at + timedelta(microseconds=1))), at)

    def shifts(self, start, end):
        return rota_rules.shifts(self.as_rule((start, end)), start, end)

    def gaps(self, start, end):
        return rota_rules.gaps(self.as_rule((start, end)), start, end)


class RotaMember(Orderable):
    rota = ParentalKey(OnCallRota, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rota_memberships"
    )

    class Meta(Orderable.Meta):
        verbose_name = "rota member"

    def __str__(self):
        return f"{self.rota}: {self.user}"


class RotaCoverageWindow(models.Model):
    """A weekly period the rota covers, e.g. Friday 18:00 to Monday 08:00 (London wall clock).

    A rota with no windows covers all the time; with windows, outside them nobody is on call
    (unless an override says otherwise), and the admin shows that as a gap.
    """

    rota = ParentalKey(OnCallRota, on_delete=models.CASCADE, related_name="coverage_windows")
    start_weekday = models.PositiveSmallIntegerField(choices=OnCallRota.Weekday.choices)
    start_time = models.TimeField()
    end_weekday = models.PositiveSmallIntegerField(choices=OnCallRota.Weekday.choices)
    end_time = models.TimeField()

    class Meta:
        ordering = ["start_weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_weekday__lte=6, end_weekday__lte=6),
                name="coverage_window_weekday_valid",
            ),
            models.CheckConstraint(
                condition=~Q(
                    start_weekday=models.F("end_weekday"), start_time=models.F("end_time")
                ),
                name="coverage_window_not_empty",
            ),
        ]

    def __str__(self):
        days = OnCallRota.Weekday
        return (
            f"{days(self.start_weekday).label} {self.start_time:%H:%M} to "
            f"{days(self.end_weekday).label} {self.end_time:%H:%M}"
        )


class RotaOverride(models.Model):
    """Someone covers a period in place of the rotation (a swap, sickness, a holiday)."""

    rota = models.ForeignKey(OnCallRota, on_delete=models.CASCADE, related_name="overrides")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rota_overrides"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    reason = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["rota", "starts_at", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="rota_override_ends_after_start",
            ),
        ]

    def __str__(self):
        return (
            f"{self.user} covers {self.rota} from {timezone.localtime(self.starts_at):%d %b %H:%M}"
        )

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The cover must end after it starts."})


class EscalationPolicy(ClusterableModel):
    """Who is paged, in what order, when an urgent enquiry arrives out of hours."""

    name = models.CharField(max_length=100, unique=True)
    is_default = models.BooleanField(
        default=False, help_text="Used for every urgent out-of-hours enquiry."
    )
    repeat = models.PositiveSmallIntegerField(
        default=1, help_text="How many more times the levels are run after the first round."
    )
    fallback = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        help_text="Alerted when every round has run without an acknowledgement, or at once "
        "if nobody is on call (for example the head of news).",
    )
    fallback_timeout_minutes = models.PositiveSmallIntegerField(
        default=15, help_text="How long the fallback has before the alert is marked unanswered."
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "escalation policies"
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_policy"
            ),
            models.CheckConstraint(
                condition=Q(fallback_timeout_minutes__gte=1),
                name="policy_fallback_timeout_positive",
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def default(cls):
        return cls.objects.filter(is_default=True).first()

    def snapshot(self):
        """The policy as plain data, frozen on an alert so later edits do not change it."""
        return {
            "policy_id": self.pk,
            "name": self.name,
            "repeat": self.repeat,
            "fallback": sorted(self.fallback.values_list("pk", flat=True)),
            "fallback_timeout_minutes": self.fallback_timeout_minutes,
            "levels": [
                {
                    "timeout_minutes": level.timeout_minutes,
                    "people": sorted(level.people.values_list("pk", flat=True)),
                    "rotas": sorted(level.rotas.values_list("pk", flat=True)),
                }
                for level in self.levels.all()
            ],
        }


class EscalationLevel(Orderable, ClusterableModel):
    """One step of a policy. Clusterable so its people and rotas are saved with it."""

    policy = ParentalKey(EscalationPolicy, on_delete=models.CASCADE, related_name="levels")
    people = ParentalManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    rotas = ParentalManyToManyField(
        OnCallRota,
        blank=True,
        related_name="+",
        help_text="Whoever is on call on these rotas when the level is reached.",
    )
    timeout_minutes = models.PositiveSmallIntegerField(default=5)

    class Meta(Orderable.Meta):
        verbose_name = "escalation level"
        constraints = [
            models.CheckConstraint(
                condition=Q(timeout_minutes__gte=1), name="level_timeout_positive"
            )
        ]

    def __str__(self):
        return f"{self.policy} level {self.sort_order + 1 if self.sort_order is not None else '?'}"


class Alert(models.Model):
    """An urgent enquiry paging people until someone acknowledges it.

    ``level``/``round`` say which step of the frozen plan has been notified (``level`` is None
    before the first step, ``FALLBACK`` once the fallback was paged); ``next_action_at`` is the
    UTC deadline at which the engine moves on, and is what the sweep looks for.
    """

    FALLBACK = escalation_rules.FALLBACK_LEVEL

    class Status(models.TextChoices):
        OPEN = "open", "Open: paging"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        RESOLVED = "resolved", "Resolved"
        EXHAUSTED = "exhausted", "Nobody acknowledged"

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="alerts")
    policy = models.ForeignKey(
        EscalationPolicy, null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts"
    )
    plan = models.JSONField(help_text="The policy as it was when the alert opened.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    level = models.SmallIntegerField(null=True, blank=True)
    round = models.PositiveSmallIntegerField(default=0)
    next_action_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(default=timezone.now)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    exhausted_at = models.DateTimeField(null=True, blank=True)
    journalist_told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        indexes = [
            models.Index(
                fields=["next_action_at"], condition=Q(status="open"), name="alert_due_idx"
            ),
            models.Index(fields=["status", "-opened_at"]),
            models.Index(
                fields=["acknowledged_at"],
                condition=Q(journalist_told_at__isnull=True, acknowledged_at__isnull=False),
                name="alert_journalist_untold_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["enquiry"], condition=Q(status="open"), name="one_open_alert_per_enquiry"
            ),
            models.CheckConstraint(
                condition=~Q(status="open") | Q(next_action_at__isnull=False),
                name="open_alert_has_deadline",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["acknowledged", "resolved"])
                | Q(acknowledged_at__isnull=False),
                name="acknowledged_alert_says_when",
            ),
            models.CheckConstraint(
                condition=~Q(status="resolved") | Q(resolved_at__isnull=False),
                name="resolved_alert_says_when",
            ),
            models.CheckConstraint(condition=Q(level__gte=-1), name="alert_level_valid"),
        ]

    def __str__(self):
        return f"Alert for {self.enquiry.reference} ({self.get_status_display()})"

    @property
    def is_paging(self):
        return self.status == self.Status.OPEN

    def step_label(self):
        if self.level is None:
            return "not started"
        if self.level == self.FALLBACK:
            return "fallback"
        return f"level {self.level + 1}, round {self.round + 1}"

    def acknowledge(self, by):
        """Stop the paging at once and give the enquiry to ``by``.

        Takes the alert's row lock, so it waits for a message being handed to a provider right
        now and every later send sees the acknowledgement. A second acknowledgement changes
        nothing but is recorded on the timeline. Returns True if this call acknowledged it.
        """
        with transaction.atomic():
            alert = Alert.objects.select_for_update().select_related("enquiry").get(pk=self.pk)
            enquiry = alert.enquiry
            if alert.status not in (self.Status.OPEN, self.Status.EXHAUSTED):
                enquiry.record(
                    EnquiryEvent.Kind.ACKNOWLEDGED,
                    f"{_name(by)} acknowledged again; already acknowledged by "
                    f"{_name(alert.acknowledged_by)}.",
                    actor=by,
                    data={"alert": alert.pk, "repeat": True},
                )
                self.refresh_from_db()
                return False
            now = timezone.now()
            alert.status = self.Status.ACKNOWLEDGED
            alert.acknowledged_by = by
            alert.acknowledged_at = now
            alert.next_action_at = None
            alert.save(
                update_fields=["status", "acknowledged_by", "acknowledged_at", "next_action_at"]
            )
            enquiry.assignee = by
            if enquiry.status == Enquiry.Status.NEW:
                enquiry.status = Enquiry.Status.ASSIGNED
            enquiry.save(update_fields=["assignee", "status"])
            enquiry.record(
                EnquiryEvent.Kind.ACKNOWLEDGED,
                f"{_name(by)} acknowledged the alert; the enquiry is theirs.",
                actor=by,
                data={"alert": alert.pk, "step": alert.step_label()},
            )
            # Skip messages a worker holds at this moment: waiting for them could deadlock with
            # that worker's commit, and its send re-checks the alert under a share lock before
            # calling any provider, so it cancels itself once this acknowledgement commits.
            free = alert.deliveries.select_for_update(skip_locked=True).filter(
                status=Delivery.Status.PENDING
            )
            cancelled = Delivery.objects.filter(
                pk__in=list(free.values_list("pk", flat=True))
            ).update(status=Delivery.Status.CANCELLED, next_attempt_at=None, updated_at=now)
            if cancelled:
                enquiry.record(
                    EnquiryEvent.Kind.NOTIFICATION,
                    f"{cancelled} message(s) not yet sent were cancelled.",
                    data={"alert": alert.pk, "cancelled": cancelled},
                )
            if enquiry.email:
                from ..tasks import tell_journalist_alert_acknowledged

                transaction.on_commit(lambda: tell_journalist_alert_acknowledged.enqueue(alert.pk))
        self.refresh_from_db()
        return True

    def resolve(self, by):
        """Close an acknowledged alert (the officer has dealt with it). Returns True if it did."""
        with transaction.atomic():
            alert = Alert.objects.select_for_update().select_related("enquiry").get(pk=self.pk)
            if alert.status == self.Status.RESOLVED:
                return False
            if alert.status != self.Status.ACKNOWLEDGED:
                raise ValidationError("Acknowledge the alert before resolving it.")
            alert.status = self.Status.RESOLVED
            alert.resolved_by = by
            alert.resolved_at = timezone.now()
            alert.save(update_fields=["status", "resolved_by", "resolved_at"])
            alert.enquiry.record(
                EnquiryEvent.Kind.ALERT,
                f"{_name(by)} resolved the alert.",
                actor=by,
                data={"alert": alert.pk, "resolved": True},
            )
        self.refresh_from_db()
        return True


def _name(user):
    if user is None:
        return "Nobody"
    return user.get_full_name() or user.get_username()


class Delivery(models.Model):
    """One message owed to one person by one contact method at one step of an alert.

    The unique key (alert, level, round, person, contact method) is recorded before the provider
    is called and the row is marked SENDING in its own committed transaction, so a send whose
    outcome is unknown (the worker died) is never repeated; it is marked UNCERTAIN instead and
    the person's next contact method is tried.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENDING = "sending", "Handed to the provider"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Not sent: alert acknowledged"
        UNCERTAIN = "uncertain", "Unknown: the worker stopped while sending"

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    level = models.SmallIntegerField()
    round = models.PositiveSmallIntegerField()
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="alert_deliveries"
    )
    contact_method = models.ForeignKey(
        ContactMethod, on_delete=models.PROTECT, related_name="deliveries"
    )
    # Copied from the contact method, so the history says where it went even after edits.
    channel = models.CharField(max_length=10, choices=ContactMethod.Kind.choices)
    address = models.CharField(max_length=500)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    provider_reference = models.CharField(max_length=200, blank=True)
    answer = models.TextField(blank=True, help_text="The provider's last answer.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "deliveries"
        indexes = [
            models.Index(
                fields=["next_attempt_at"], condition=Q(status="pending"), name="delivery_due_idx"
            ),
            models.Index(
                fields=["updated_at"], condition=Q(status="sending"), name="delivery_sending_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "level", "round", "person", "contact_method"],
                name="delivery_at_most_once",
            ),
            models.CheckConstraint(
                condition=~Q(status="pending") | Q(next_attempt_at__isnull=False),
                name="pending_delivery_has_due_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="sent_delivery_says_when",
            ),
            # -1: the plan's fallback; -2: the fallback alerted at once for a rota gap.
            models.CheckConstraint(condition=Q(level__gte=-2), name="delivery_level_valid"),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} to {self.address} ({self.get_status_display()})"


class DeliveryAttempt(models.Model):
    """One try at handing a delivery to its provider, with what the provider answered."""

    class Outcome(models.TextChoices):
        SENDING = "sending", "In progress (or the worker stopped)"
        SENT = "sent", "Accepted by the provider"
        RETRY = "retry", "Failed; will retry"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Not sent: alert acknowledged"

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempts_made")
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.SENDING)
    provider_reference = models.CharField(max_length=200, blank=True)
    answer = models.TextField(blank=True)

    class Meta:
        ordering = ["delivery", "number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="attempt_number_unique")
        ]

    def __str__(self):
        return f"Attempt {self.number} of {self.delivery}: {self.get_outcome_display()}"
