"""Helpers for the intake tests: a valid form submission and a site with press office settings."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site


def valid_submission(**overrides):
    """What a journalist types into the form, as POST data."""
    deadline = timezone.localtime() + timedelta(days=2)
    data = {
        "journalist_name": "Priya Shah",
        "outlet": "Northmoor Evening Echo",
        "email": "priya.shah@echo.example",
        "phone": "07700 900123",
        "deadline_0": deadline.strftime("%Y-%m-%d"),
        "deadline_1": "16:30",
        "subject": "Road closure on the A61",
        "question": "Can you confirm why the A61 was closed overnight?",
        "statement": "",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def default_site():
    """The default site, made if a transactional test emptied the tables."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        Locale.objects.get_or_create(language_code=language)
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root"))
        home = root.add_child(instance=Page(title="Home", slug="home"))
        site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return site


def team_notifications_to(address):
    """Point the default site's press office settings at a team address."""
    from home.models import PressOfficeSettings

    site = default_site()
    office = PressOfficeSettings.for_site(site)
    office.team_notification_email = address
    office.save()
    return office
