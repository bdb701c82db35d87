"""The front page and the contact page, as a journalist arriving at the site sees them."""

import datetime

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

import pytest

from home.models import ContactPage, HomePage
from press.models import StatementIndexPage
from tests.press.factories import ContactPageFactory, HomePageFactory, StatementPageFactory

pytestmark = pytest.mark.django_db


def test_home_shows_the_six_latest_statements_newest_first(client, index_page, office_settings):
    for day in range(1, 9):
        StatementPageFactory(
            parent=index_page, title=f"Statement of {day} March", date=datetime.date(2026, 3, day)
        )

    response = client.get("/")

    assert response.status_code == 200
    assert [page.title for page in response.context["latest_statements"]] == [
        f"Statement of {day} March" for day in range(8, 2, -1)
    ]
    html = response.content.decode()
    assert "Latest statements" in html
    assert 'href="/statements/"' in html


def test_home_shows_the_contact_block(client, index_page, office_settings):
    html = client.get("/").content.decode()

    assert 'href="tel:+442079460123">020 7946 0123</a>' in html
    assert 'href="tel:+447700900123">07700 900123</a>' in html


def test_home_with_no_statements_says_so(client, home_page, office_settings):
    response = client.get("/")

    assert response.status_code == 200
    assert "No statements have been published yet." in response.content.decode()


def test_contact_page_shows_its_text_and_the_contact_block(client, home_page, office_settings):
    page = ContactPageFactory(
        parent=home_page, body="<p>Members of the public should call 101.</p>"
    )

    html = client.get(page.url).content.decode()

    assert "<h1>Contact the press office</h1>" in html
    assert "Members of the public should call 101." in html
    assert "For media enquiries call" in html


def test_pages_have_landmarks_a_skip_link_and_one_h1(client, index_page, office_settings):
    statement = StatementPageFactory(parent=index_page)
    for url in ("/", index_page.url, statement.url, "/search/?q=collision"):
        html = client.get(url).content.decode()
        assert '<a class="skip-link" href="#main">' in html, url
        assert '<main id="main"' in html, url
        assert "<header" in html and "<footer" in html and '<nav class="site-nav"' in html, url
        assert html.count("<h1") == 1, url


class HomePageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePageFactory(parent=Page.get_first_root_node(), slug="northmoor")
        Site.objects.filter(is_default_site=True).update(root_page=cls.home)

    def test_the_home_page_sits_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StatementIndexPage, HomePage)

    def test_the_contact_page_sits_under_home_and_has_no_children(self):
        self.assertAllowedParentPageTypes(ContactPage, {HomePage})
        self.assertAllowedSubpageTypes(ContactPage, {})

    def test_home_and_contact_render_and_preview(self):
        contact = ContactPageFactory(parent=self.home)
        for page in (self.home, contact):
            with self.subTest(page=page.title):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)
                self.assertPageIsPreviewable(page)
