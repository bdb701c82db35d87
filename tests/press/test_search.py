"""A journalist searches the statements with the site's own search (Wagtail's database backend)."""

from django.core.management import call_command

import pytest

from press.models import StatementIndexPage

from .factories import SpokespersonFactory, StatementPageFactory, paragraph, quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed():
    """Build the search index the way `manage.py update_index` does, synchronously."""

    class Indexing:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            call_command("update_index", verbosity=0)

    return Indexing


@pytest.fixture
def searchable(index_page, office_settings, indexed):
    with indexed():
        _write_statements()


def _write_statements():
    person = SpokespersonFactory(name="Detective Chief Inspector Morag Lindqvist", role="SIO")
    index_page = StatementIndexPage.objects.get()
    StatementPageFactory(
        parent=index_page,
        title="Appeal after Moorside fire",
        standfirst="Detectives are appealing for information after a fire.",
        body=[quote("Someone knows who started this blaze.", spokesperson=person)],
    )
    StatementPageFactory(
        parent=index_page,
        title="Community meeting on parking",
        standfirst="Residents are invited to a meeting.",
        body=[paragraph("The meeting is at the library.")],
        further_information="<p>Parking wardens are employed by the council.</p>",
    )


def results(response):
    return [page.title for page in response.context["results_page"]]


def test_finds_a_statement_by_a_word_in_its_quote(client, searchable):
    response = client.get("/search/", {"q": "blaze"})

    assert response.status_code == 200
    assert results(response) == ["Appeal after Moorside fire"]


def test_finds_by_spokesperson_name_and_further_information(client, searchable):
    assert results(client.get("/search/", {"q": "Lindqvist"})) == ["Appeal after Moorside fire"]
    assert results(client.get("/search/", {"q": "wardens"})) == ["Community meeting on parking"]


def test_no_match_and_empty_query(client, searchable):
    response = client.get("/search/", {"q": "zebra"})
    assert results(response) == []
    assert "No statements found" in response.content.decode()

    empty = client.get("/search/")
    assert empty.status_code == 200
    assert empty.context["results_page"] is None


def test_drafts_are_not_found(client, index_page, indexed):
    with indexed():
        StatementPageFactory(
            parent=index_page, title="Embargoed blaze statement", published=False
        ).unpublish()

    assert results(client.get("/search/", {"q": "blaze"})) == []


def test_bad_page_numbers_and_hostile_queries(client, searchable):
    for query in ({"q": "blaze", "page": "abc"}, {"q": "blaze", "page": "-4"}, {"q": "'\"<&|!"}):
        response = client.get("/search/", query)
        assert response.status_code == 200
    assert "&lt;&amp;" in client.get("/search/", {"q": "<&"}).content.decode()


def test_publishing_indexes_the_statement_through_a_background_task(
    client, index_page, settings, django_capture_on_commit_callbacks
):
    """Wagtail indexes in a task (the worker runs it); run tasks at once to follow the chain."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        StatementPageFactory(
            parent=index_page,
            title="Missing walker found safe",
            body=[
                quote("Thank you to the volunteers on the fells.", name="Ann Fell", role="Sister")
            ],
        )

    assert results(client.get("/search/", {"q": "fells"})) == ["Missing walker found safe"]
