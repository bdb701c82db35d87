"""A site like the press office's: home page, statements index, contact page, settings."""

from django.core.cache import cache

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

import pytest

from home.models import PressOfficeSettings
from press.cache import forget_generation

from .factories import ContactPageFactory, HomePageFactory, StatementIndexPageFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded test images go to a temporary folder, not the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def reader_cache_on(settings):
    """A test runs in one process, so its per-process cache is as good as a shared one."""
    settings.PRESS_SHARED_CACHE = True
    settings.PRESS_READER_CACHE_SECONDS = 600


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    forget_generation()
    yield
    cache.clear()
    forget_generation()


def tree_root():
    """The tree's root page; rebuilt if a transactional test flushed the migrations' data."""
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant("en-gb"))
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


@pytest.fixture
def home_page(db):
    home = HomePageFactory(parent=tree_root(), slug="northmoor")
    # One site, as the press office runs: page URLs are then relative, as readers see them.
    Site.objects.all().delete()
    Site.objects.create(
        hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Northmoor"
    )
    return home


@pytest.fixture
def index_page(home_page):
    return StatementIndexPageFactory(parent=home_page)


@pytest.fixture
def contact_page(home_page):
    return ContactPageFactory(parent=home_page)


@pytest.fixture
def office_settings(home_page):
    office = PressOfficeSettings.for_site(home_page.get_site())
    office.office_name = "Northmoor Constabulary Press Office"
    office.office_phone = "020 7946 0123"
    office.out_of_hours_phone = "07700 900123"
    office.email = "press.office@northmoor-police.example"
    office.social_handle = "@NorthmoorPolice"
    office.social_url = "https://social.example/NorthmoorPolice"
    office.save()
    return office
