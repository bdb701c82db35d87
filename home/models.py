from datetime import timedelta

from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, Site

from phonenumber_field.modelfields import PhoneNumberField

from press.cache import ReaderCachedPageMixin, remembered
from press.models import StatementIndexPage, StatementPage

LATEST_STATEMENTS = 6


class HomePage(ReaderCachedPageMixin, Page):
    """The front page: the latest statements and how to reach the press office."""

    introduction = models.TextField(
        blank=True, help_text="One or two sentences under the site name."
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["press.StatementIndexPage", "home.ContactPage"]
    nav_section = "home"

    def route(self, request, path_components):
        """Most requests are for statements: find their index without Wagtail's two queries.

        The index is remembered under the readers' cache generation, as the site and its home
        page are (see ``press.cache.remember_site``); the statement itself is read every time.
        """
        if path_components:
            # Publishing, moving or deleting any page starts a new generation (press.cache).
            indexes = remembered(
                f"press:statement-indexes:{self.pk}",
                lambda: {index.slug: index for index in StatementIndexPage.objects.child_of(self)},
            )
            index = indexes.get(path_components[0])
            if index is not None:
                index._cached_parent_obj = self
                return index.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_statements"] = list(
            StatementPage.objects.live()
            .public()
            .descendant_of(self)
            .newest_first()
            .for_listing()[:LATEST_STATEMENTS]
        )
        return context


class ContactPage(ReaderCachedPageMixin, Page):
    """The press office's contact details: the site-wide contact block plus free text."""

    body = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol", "h2", "h3"])

    content_panels = [*Page.content_panels, FieldPanel("body")]

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    nav_section = "contact"


@register_setting(icon="mail")
class PressOfficeSettings(BaseSiteSetting):
    """How journalists reach the press office: shown on every statement and the contact page."""

    office_name = models.CharField(max_length=120, default="Press Office")
    office_phone = PhoneNumberField(blank=True, help_text="For media enquiries in office hours.")
    out_of_hours_phone = PhoneNumberField(
        blank=True, help_text="For urgent enquiries when the office is closed."
    )
    out_of_hours_description = models.CharField(
        max_length=200,
        blank=True,
        default="evenings, weekends and bank holidays",
        help_text="When the out-of-hours number applies, in words.",
    )
    email = models.EmailField(blank=True)
    team_notification_email = models.EmailField(
        blank=True, help_text="Where new enquiries are announced to the team in office hours."
    )
    social_handle = models.CharField(
        max_length=60, blank=True, help_text="For example @northmoorpolice"
    )
    social_url = models.URLField(blank=True)

    panels = [
        FieldPanel("office_name"),
        MultiFieldPanel(
            [
                FieldPanel("office_phone"),
                FieldPanel("out_of_hours_phone"),
                FieldPanel("out_of_hours_description"),
                FieldPanel("email"),
                FieldPanel("team_notification_email"),
            ],
            heading="Contact",
        ),
        MultiFieldPanel([FieldPanel("social_handle"), FieldPanel("social_url")], heading="Social"),
    ]

    class Meta:
        verbose_name = "press office settings"

    @classmethod
    def for_default_site(cls):
        """The default site's settings, for code with no request to find its site (tasks)."""
        site = Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site else None


class PeriodicJob(models.Model):
    """When each periodic job last ran and is next due.

    The row is locked while a worker runs the job, so any number of workers run each job once
    per interval between them.
    """

    name = models.CharField(max_length=100, unique=True)
    next_run_at = models.DateTimeField(default=timezone.now)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    def __str__(self):
        return self.name


class WorkerHeartbeat(models.Model):
    """A worker process's last sign of life, for the admin and /health/."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    STALE_AFTER = timedelta(minutes=2)

    def __str__(self):
        return f"{self.hostname}:{self.pid}"

    @classmethod
    def latest(cls):
        return cls.objects.order_by("-last_seen_at").first()

    @classmethod
    def is_healthy(cls, now=None):
        now = now or timezone.now()
        return cls.objects.filter(last_seen_at__gte=now - cls.STALE_AFTER).exists()
