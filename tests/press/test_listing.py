"""Journalists browse statements newest first, filter them, and page through them safely."""

import datetime

import pytest

from press.models import StatementType

from .factories import SpokespersonFactory, StatementPageFactory, TopicFactory, paragraph, quote

pytestmark = pytest.mark.django_db


def titles(response):
    return [statement.title for statement in response.context["statements_page"]]


@pytest.fixture
def statements(index_page, office_settings):
    roads = TopicFactory(name="Road safety")
    knife = TopicFactory(name="Knife crime")
    chief = SpokespersonFactory(name="Chief Constable Jane Ashworth", role="Chief Constable")
    return {
        "roads": roads,
        "knife": knife,
        "chief": chief,
        "pages": [
            StatementPageFactory(
                parent=index_page,
                title="Speed checks on the A61",
                date=datetime.date(2025, 11, 3),
                statement_type=StatementType.NEWS,
                topics=[roads],
            ),
            StatementPageFactory(
                parent=index_page,
                title="Knife amnesty results",
                date=datetime.date(2026, 1, 20),
                statement_type=StatementType.PRESS_RELEASE,
                topics=[knife],
                body=[quote("Fewer knives, safer streets.", spokesperson=chief)],
            ),
            StatementPageFactory(
                parent=index_page,
                title="Statement on the Moor Lane incident",
                date=datetime.date(2026, 2, 14),
                statement_type=StatementType.STATEMENT,
                topics=[roads, knife],
                body=[paragraph("Enquiries continue.")],
            ),
        ],
    }


def test_newest_first(client, index_page, statements):
    response = client.get(index_page.url)

    assert response.status_code == 200
    assert titles(response) == [
        "Statement on the Moor Lane incident",
        "Knife amnesty results",
        "Speed checks on the A61",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"type": "news"}, ["Speed checks on the A61"]),
        ({"type": "statement"}, ["Statement on the Moor Lane incident"]),
        (
            {"topic": "knife-crime"},
            ["Statement on the Moor Lane incident", "Knife amnesty results"],
        ),
        ({"topic": "road-safety", "year": "2025"}, ["Speed checks on the A61"]),
        ({"spokesperson": "chief-constable-jane-ashworth"}, ["Knife amnesty results"]),
        ({"year": "2026"}, ["Statement on the Moor Lane incident", "Knife amnesty results"]),
        ({"year": "2026", "type": "press_release"}, ["Knife amnesty results"]),
    ],
)
def test_each_filter(client, index_page, statements, query, expected):
    response = client.get(index_page.url, query)

    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    "query",
    [
        {"type": "rumour"},
        {"topic": "no-such-topic"},
        {"spokesperson": "nobody"},
        {"year": "abc"},
        {"year": "1900"},
        {"topic": "'; DROP TABLE press_topic; --"},
    ],
)
def test_unknown_filter_values_are_ignored_not_errors(client, index_page, statements, query):
    response = client.get(index_page.url, query)

    assert response.status_code == 200
    assert len(titles(response)) == 3
    assert "is not one we know, so it was ignored" in response.content.decode()


def test_the_year_choices_are_the_years_with_statements(client, index_page, statements):
    form = client.get(index_page.url).context["filter_form"]

    assert [value for value, _ in form.fields["year"].choices] == ["", "2026", "2025"]


@pytest.fixture
def many_statements(index_page, office_settings):
    start = datetime.date(2026, 1, 1)
    return [
        StatementPageFactory(
            parent=index_page,
            title=f"Daily update {number:02d}",
            date=start + datetime.timedelta(days=number),
        )
        for number in range(25)
    ]


def test_any_page_number_gives_a_page(client, index_page, many_statements):
    """Three pages of statements; whatever ``?page=`` says, the reader gets one of them."""
    cases = {
        "abc": 1,
        "0": 1,
        "-1": 1,
        "99999": 3,
        "1.5": 1,
        "": 1,
        "2": 2,
        " 2 ": 2,
        "9" * 5000: 3,
        "-" + "9" * 5000: 1,
        "1e3": 1,
        "\x00": 1,
        "٣": 1,
    }
    for raw, expected_page in cases.items():
        response = client.get(index_page.url, {"page": raw})

        assert response.status_code == 200, raw
        assert response.context["statements_page"].number == expected_page, raw


def test_a_page_number_without_a_value_gives_the_first_page(client, index_page, many_statements):
    response = client.get(index_page.url + "?page")

    assert response.status_code == 200
    assert response.context["statements_page"].number == 1


def test_pagination_keeps_the_filters(client, index_page, many_statements):
    response = client.get(index_page.url, {"year": "2026", "page": "1"})

    html = response.content.decode()
    assert 'href="?year=2026&amp;page=2"' in html
    assert titles(response)[0] == "Daily update 24"
    second = client.get(index_page.url, {"year": "2026", "page": "2"})
    assert titles(second)[0] == "Daily update 14"


def test_listing_canonical_names_the_page_and_filters(client, index_page, many_statements):
    response = client.get(index_page.url, {"page": "2", "type": "news"})

    assert '<link rel="canonical" href="http://testserver/statements/?type=news">' in (
        response.content.decode()
    )
    response = client.get(index_page.url, {"page": "2"})
    assert '<link rel="canonical" href="http://testserver/statements/?page=2">' in (
        response.content.decode()
    )


def test_a_draft_quote_does_not_list_the_statement_under_that_spokesperson(
    client, index_page, statements
):
    newcomer = SpokespersonFactory(name="Inspector New Voice", role="Neighbourhood Inspector")
    statement = statements["pages"][0]
    statement.body = [quote("Draft words.", spokesperson=newcomer)]
    statement.save_revision()

    response = client.get(index_page.url, {"spokesperson": "inspector-new-voice"})
    assert titles(response) == []

    statement.get_latest_revision().publish()
    response = client.get(index_page.url, {"spokesperson": "inspector-new-voice"})
    assert titles(response) == ["Speed checks on the A61"]
