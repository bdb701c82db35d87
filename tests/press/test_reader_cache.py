"""Anonymous readers get a cached page; a published change shows on their very next request."""

import datetime

from wagtail.models import PageViewRestriction

import pytest

from home.models import PressOfficeSettings

from .factories import SpokespersonFactory, StatementPageFactory, paragraph, quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement(index_page, office_settings):
    return StatementPageFactory(
        parent=index_page,
        title="Road reopened after collision",
        body=[paragraph("The road reopened at 4pm.")],
    )


def test_a_readers_second_visit_is_served_from_the_cache_without_queries(
    client, statement, django_assert_num_queries
):
    first = client.get(statement.url)
    assert first["X-Reader-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get(statement.url)

    assert second["X-Reader-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_publishing_a_new_revision_shows_at_once(
    client, statement, django_capture_on_commit_callbacks
):
    assert "reopened at 4pm" in client.get(statement.url).content.decode()

    statement.body = [paragraph("The road reopened at 5pm, not 4pm.")]
    with django_capture_on_commit_callbacks(execute=True):
        statement.save_revision().publish()

    response = client.get(statement.url)
    assert response["X-Reader-Cache"] == "miss"
    assert "reopened at 5pm" in response.content.decode()


def test_a_draft_revision_does_not_change_what_readers_see(
    client, statement, django_capture_on_commit_callbacks
):
    client.get(statement.url)

    statement.body = [paragraph("Draft wording nobody should see.")]
    with django_capture_on_commit_callbacks(execute=True):
        statement.save_revision()

    assert "Draft wording" not in client.get(statement.url).content.decode()


def test_listing_home_and_feed_show_a_new_statement_at_once(
    client, index_page, statement, django_capture_on_commit_callbacks
):
    pages = [index_page.url, "/", index_page.url + "feed/rss/"]
    for url in pages:
        assert "Road reopened after collision" in client.get(url).content.decode()
        assert client.get(url)["X-Reader-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        StatementPageFactory(parent=index_page, title="Arrest after Moorside burglary")

    for url in pages:
        assert "Arrest after Moorside burglary" in client.get(url).content.decode(), url


def test_unpublishing_and_deleting_take_the_statement_away_at_once(
    client, index_page, statement, django_capture_on_commit_callbacks
):
    other = StatementPageFactory(parent=index_page, title="Another statement")
    for url in (statement.url, other.url, index_page.url):
        client.get(url)

    with django_capture_on_commit_callbacks(execute=True):
        statement.unpublish()
    assert client.get(statement.url).status_code == 404
    assert "Road reopened" not in client.get(index_page.url).content.decode()

    url = other.url
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    assert client.get(url).status_code == 404


def test_renaming_a_statements_address_purges_the_old_one(
    client, index_page, statement, django_capture_on_commit_callbacks
):
    old_url = statement.url
    client.get(old_url)

    with django_capture_on_commit_callbacks(execute=True):
        statement.title = "Road reopened"
        statement.slug = "road-reopened"
        statement.save_revision().publish()

    assert client.get("/statements/road-reopened/").status_code == 200
    moved = client.get(old_url)
    assert moved.status_code == 301
    assert moved["Location"].endswith("/statements/road-reopened/")


def test_signed_in_editors_and_filtered_listings_bypass_the_cache(
    client, admin_client, index_page, statement
):
    client.get(statement.url)
    assert client.get(statement.url)["X-Reader-Cache"] == "hit"

    editor_view = admin_client.get(statement.url)
    assert "X-Reader-Cache" not in editor_view
    filtered = client.get(index_page.url, {"type": "news"})
    assert "X-Reader-Cache" not in filtered
    assert "X-Reader-Cache" not in client.get(index_page.url, {"type": "news"})


def test_a_private_statement_is_neither_cached_nor_listed(
    client, index_page, statement, django_capture_on_commit_callbacks
):
    client.get(index_page.url)
    client.get(statement.url)

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=statement, restriction_type=PageViewRestriction.PASSWORD, password="embargo"
        )

    response = client.get(statement.url)
    assert response.status_code == 200
    assert "The road reopened at 4pm." not in response.content.decode()
    assert "X-Reader-Cache" not in response
    assert "Road reopened after collision" not in client.get(index_page.url).content.decode()
    feed = client.get(index_page.url + "feed/rss/").content.decode()
    assert "Road reopened after collision" not in feed


def test_changing_the_contact_settings_purges_cached_pages(
    client, statement, office_settings, django_capture_on_commit_callbacks
):
    client.get(statement.url)

    with django_capture_on_commit_callbacks(execute=True):
        office_settings.email = "newsdesk@northmoor-police.example"
        office_settings.save()

    assert "newsdesk@northmoor-police.example" in client.get(statement.url).content.decode()


def test_the_cache_can_be_turned_off(client, statement, settings):
    settings.PRESS_READER_CACHE_SECONDS = 0

    client.get(statement.url)

    assert "X-Reader-Cache" not in client.get(statement.url)


def test_a_reader_with_a_flash_message_waiting_is_not_served_or_stored(client, statement):
    client.cookies["messages"] = "a-signed-message"

    client.get(statement.url)
    response = client.get(statement.url)

    assert "X-Reader-Cache" not in response


def test_without_a_shared_cache_nothing_is_kept_between_requests(
    client, statement, office_settings, settings
):
    """Another process (a second web worker) cannot purge this one's cache, so none is used."""
    settings.PRESS_SHARED_CACHE = False
    client.get(statement.url)

    PressOfficeSettings.objects.update(office_phone="+442079460999")  # no signal reaches us

    response = client.get(statement.url)
    assert "X-Reader-Cache" not in response
    assert 'href="tel:+442079460999"' in response.content.decode()


def test_a_cached_page_keeps_its_headers(client, statement):
    first = client.get(statement.url)
    second = client.get(statement.url)

    assert second["X-Reader-Cache"] == "hit"
    for header in ("Content-Type", "Vary", "X-Frame-Options"):
        assert second.get(header) == first.get(header), header


def test_a_change_made_by_another_process_shows_once_the_remembered_generation_expires(settings):
    """Another process (the worker publishing a scheduled statement) bumps the generation in the
    shared cache; this process trusts the generation it last read for a moment only."""
    from django.core.cache import cache as shared

    from press import cache as reader_cache

    settings.PRESS_GENERATION_REMEMBER_SECONDS = 3600
    first = reader_cache.current_generation()
    shared.incr(reader_cache.GENERATION_KEY)  # as another process's purge does
    assert reader_cache.current_generation() == first
    settings.PRESS_GENERATION_REMEMBER_SECONDS = 0
    assert reader_cache.current_generation() == first + 1


def test_this_process_sees_its_own_purge_at_once(settings):
    from press import cache as reader_cache

    settings.PRESS_GENERATION_REMEMBER_SECONDS = 3600
    first = reader_cache.current_generation()
    reader_cache.purge_reader_cache()
    assert reader_cache.current_generation() == first + 1


# With the readers' cache off, every request reads the statement, its topics, change notes and
# related statements from the database; only the site, its home page, the statements index, the
# contact settings and the spokespeople are remembered by the process, under the generation.


def test_with_the_readers_cache_off_a_new_change_note_shows_at_once(
    client, statement, settings, django_capture_on_commit_callbacks
):
    settings.PRESS_READER_CACHE_SECONDS = 0
    assert "corrected the time" not in client.get(statement.url).content.decode()

    statement.updates.create(date=datetime.date(2026, 3, 1), note="corrected the time")
    with django_capture_on_commit_callbacks(execute=True):
        statement.save_revision().publish()

    assert "corrected the time" in client.get(statement.url).content.decode()


def test_with_the_readers_cache_off_moving_the_statements_index_moves_its_statements_at_once(
    client, index_page, statement, settings, django_capture_on_commit_callbacks
):
    settings.PRESS_READER_CACHE_SECONDS = 0
    old_url = statement.url
    assert client.get(old_url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        index_page.slug = "news"
        index_page.save_revision().publish()

    assert client.get("/news/road-reopened-after-collision/").status_code == 200
    assert client.get(old_url).status_code in (301, 404)


def test_with_the_readers_cache_off_a_renamed_office_shows_on_the_next_request(
    client, statement, office_settings, settings, django_capture_on_commit_callbacks
):
    settings.PRESS_READER_CACHE_SECONDS = 0
    client.get(statement.url)

    with django_capture_on_commit_callbacks(execute=True):
        office_settings.office_name = "Northmoor Police Media Desk"
        office_settings.save()

    assert "Northmoor Police Media Desk" in client.get(statement.url).content.decode()


def test_a_reader_never_sees_a_spokesperson_remembered_from_before_a_rename(
    client, index_page, office_settings, settings, django_capture_on_commit_callbacks
):
    settings.PRESS_READER_CACHE_SECONDS = 0
    person = SpokespersonFactory(name="Superintendent Ana Ruiz", role="Roads Policing")
    statement = StatementPageFactory(
        parent=index_page, body=[quote("Drive carefully tonight.", person)]
    )
    assert "Roads Policing" in client.get(statement.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        person.role = "Head of Roads Policing"
        person.save()

    assert "Head of Roads Policing" in client.get(statement.url).content.decode()


def test_requests_for_made_up_addresses_and_hosts_do_not_grow_what_a_process_remembers(
    client, statement, settings
):
    from press import cache as reader_cache

    settings.PRESS_READER_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["testserver"]
    client.get(statement.url)
    remembered = len(reader_cache._memo["values"])

    for n in range(40):
        assert client.get(f"/no-such-section-{n}/statement/").status_code == 404
        assert client.get(statement.url, HTTP_HOST=f"attacker-{n}.example").status_code == 400

    assert len(reader_cache._memo["values"]) == remembered
