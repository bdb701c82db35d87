"""The press office contact block comes from the site settings editors change in the admin."""

import pytest

from home.models import PressOfficeSettings

from .factories import StatementPageFactory

pytestmark = pytest.mark.django_db


def test_numbers_are_tel_links_in_e164_shown_in_national_format(
    client, index_page, office_settings
):
    statement = StatementPageFactory(parent=index_page)

    html = client.get(statement.url).content.decode()

    assert (
        'For media enquiries call <a class="tel" href="tel:+442079460123">020 7946 0123</a>, '
        'or <a class="tel" href="tel:+447700900123">07700 900123</a> '
        "for urgent out of hours enquiries (evenings, weekends and bank holidays)." in html
    )
    assert 'href="mailto:press.office@northmoor-police.example"' in html
    assert 'href="https://social.example/NorthmoorPolice" rel="me">@NorthmoorPolice</a>' in html


def test_changing_the_setting_changes_every_statement_at_once(
    client, index_page, office_settings, django_capture_on_commit_callbacks
):
    statement = StatementPageFactory(parent=index_page)
    assert "tel:+442079460123" in client.get(statement.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        office = PressOfficeSettings.for_site(index_page.get_site())
        office.office_phone = "020 7946 0999"
        office.out_of_hours_description = "from 6pm to 8am and at weekends"
        office.save()

    html = client.get(statement.url).content.decode()
    assert '<a class="tel" href="tel:+442079460999">020 7946 0999</a>' in html
    assert "tel:+442079460123" not in html
    assert "(from 6pm to 8am and at weekends)" in html


def test_the_contact_page_shows_the_same_block(client, contact_page, office_settings):
    html = client.get(contact_page.url).content.decode()

    assert 'href="tel:+442079460123"' in html
    assert 'href="tel:+447700900123"' in html


def test_without_an_out_of_hours_number_the_sentence_still_reads(
    client, index_page, office_settings
):
    office_settings.out_of_hours_phone = ""
    office_settings.save()
    statement = StatementPageFactory(parent=index_page)

    html = client.get(statement.url).content.decode()

    assert (
        'For media enquiries call <a class="tel" href="tel:+442079460123">020 7946 0123</a>.'
        in html
    )
    assert "out of hours" not in html


def test_links_to_the_media_enquiry_form_when_it_exists(client, index_page, office_settings):
    from django.urls import NoReverseMatch, reverse

    try:
        enquiry_url = reverse("enquiries:submit")
    except NoReverseMatch:
        pytest.skip("the enquiry form is built on another branch")
    statement = StatementPageFactory(parent=index_page)

    assert f'href="{enquiry_url}"' in client.get(statement.url).content.decode()
