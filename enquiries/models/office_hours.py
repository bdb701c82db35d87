"""The press office's opening hours, as the managers edit them in the Wagtail admin.

The rules themselves (is the office open, when does it next open) live in
``enquiries.rules.office_hours`` and know nothing of Django; ``OfficeHoursSettings.rules()``
adapts these rows to them.
"""

from datetime import time

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable

from enquiries.rules import office_hours as rules


class BankHolidayRegion(models.TextChoices):
    ENGLAND_AND_WALES = "ENG", "England and Wales"
    SCOTLAND = "SCT", "Scotland"
    WALES = "WLS", "Wales"
    NORTHERN_IRELAND = "NIR", "Northern Ireland"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


@register_setting(icon="time")
class OfficeHoursSettings(ClusterableModel, BaseGenericSetting):
    """When the press office is staffed: decides every enquiry's route and what we promise."""

    bank_holiday_region = models.CharField(
        max_length=3,
        choices=BankHolidayRegion.choices,
        default=BankHolidayRegion.ENGLAND_AND_WALES,
        help_text="The office is closed on this region's bank holidays.",
    )

    panels = [
        FieldPanel("bank_holiday_region"),
        InlinePanel(
            "periods",
            heading="Weekly opening hours",
            label="Opening period",
            help_text=(
                "In UK time (Europe/London). With no periods at all, the office is open "
                "Monday to Friday, 08:00 to 18:00."
            ),
        ),
    ]

    class Meta:
        verbose_name = "office hours"

    def weekly_table(self):
        periods = list(self.periods.all()) if self.pk else []
        if not periods:
            return rules.DEFAULT_WEEKLY
        table = {day: [] for day in range(7)}
        for period in periods:
            table[period.weekday].append((period.opens_at, period.closes_at))
        return table

    def rules(self):
        """The pure ``OfficeHours`` for these settings and the closures table."""
        closures = [
            (c.start_date, c.end_date, c.reason) for c in Closure.objects.order_by("start_date")
        ]
        return rules.OfficeHours(
            weekly=self.weekly_table(),
            closed_on=rules.closed_dates(self.bank_holiday_region, closures),
        )


class OfficeHoursPeriod(Orderable):
    """One stretch of a weekday when the office is open (a day may have several)."""

    setting = ParentalKey(OfficeHoursSettings, on_delete=models.CASCADE, related_name="periods")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens_at = models.TimeField(default=time(8, 0))
    closes_at = models.TimeField(default=time(18, 0))

    panels = [FieldPanel("weekday"), FieldPanel("opens_at"), FieldPanel("closes_at")]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=F("closes_at")), name="office_period_opens_before_close"
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"

    def clean(self):
        if self.opens_at and self.closes_at and self.opens_at >= self.closes_at:
            raise ValidationError({"closes_at": "The office must close after it opens."})


class Closure(models.Model):
    """Days the office is shut beyond weekends and bank holidays, like a Christmas shutdown."""

    start_date = models.DateField()
    end_date = models.DateField(help_text="The last day of the closure (inclusive).")
    reason = models.CharField(max_length=120, help_text="For example: Christmas shutdown")

    panels = [FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("reason")]

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="closure_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.reason} ({self.start_date:%d %b %Y} to {self.end_date:%d %b %Y})"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The closure must end on or after its first day."})
