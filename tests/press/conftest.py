"""A site like the press office's: home page, statements index, contact page, settings."""

from django.core.cache import cache

from wagtail.models import Page, Site

import pytest

from home.models import PressOfficeSettings

from .factories import ContactPageFactory, HomePageFactory, StatementIndexPageFactory


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="northmoor")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.hostname = "testserver"
    site.port = 80
    site.save()
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
