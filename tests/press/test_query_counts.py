"""Database queries per reader's request stay within budget however many statements there are.

Counted with the readers' cache off (a cache hit costs none) and after one warm-up request,
as a busy site would be: the site-root and content-type caches filled.
"""

import datetime

from django.core.management import call_command

from wagtail.images.tests.utils import get_test_image_file

import pytest
from wagtail_factories import ImageFactory

from .factories import SpokespersonFactory, StatementPageFactory, TopicFactory, paragraph, quote

pytestmark = pytest.mark.django_db

BUDGETS = {"statement": 8, "listing": 10, "home": 10, "feed": 6, "search": 10}


@pytest.fixture
def reader_cache_off(settings):
    settings.PRESS_READER_CACHE_SECONDS = 0


def publish_statements(index_page, count):
    topics = [TopicFactory(name=name) for name in ("Road safety", "Burglary", "Safeguarding")]
    people = [
        SpokespersonFactory(name=f"Superintendent Example {n}", role="District Commander")
        for n in range(3)
    ]
    image = ImageFactory(file=get_test_image_file(size=(1600, 900)))
    statements = []
    for number in range(count):
        statement = StatementPageFactory(
            parent=index_page,
            title=f"Statement number {number}",
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
            topics=[topics[number % 3], topics[(number + 1) % 3]],
            body=[
                paragraph("Officers attended and enquiries continue."),
                quote("We are grateful for the public's help.", spokesperson=people[number % 3]),
                quote("It was frightening.", name="A resident", role="Moorside"),
                ("image", {"image": image, "alt_text": "The scene", "caption": "Moorside"}),
            ],
            updates=[(datetime.date(2026, 3, 1), "added the time of the incident")],
        )
        if statements:
            statement.related_links.create(statement=statements[-1])
        statements.append(statement)
    return statements


def urls(index_page, statements):
    return {
        "statement": statements[-1].url,
        "listing": index_page.url,
        "home": "/",
        "feed": index_page.url + "feed/rss/",
        "search": "/search/?q=grateful",
    }


@pytest.mark.parametrize("count", [10, 50])
def test_query_budgets(
    client, index_page, office_settings, reader_cache_off, django_assert_max_num_queries, count
):
    statements = publish_statements(index_page, count)
    call_command("update_index", verbosity=0)
    for name, url in urls(index_page, statements).items():
        assert client.get(url).status_code == 200, name
        with django_assert_max_num_queries(BUDGETS[name], info=name):
            response = client.get(url)
        assert response.status_code == 200
        if name == "search":
            assert response.context["results_page"].paginator.count == count


def test_filtered_listing_and_topic_feed_stay_within_budget(
    client, index_page, office_settings, reader_cache_off, django_assert_max_num_queries
):
    publish_statements(index_page, 12)
    filtered = index_page.url + "?topic=burglary&type=press_release&year=2026&page=2"
    topic_feed = index_page.url + "topics/burglary/feed/atom/"
    person = index_page.url + "spokespeople/superintendent-example-1/"
    for name, url, budget in (
        ("listing", filtered, BUDGETS["listing"]),
        ("feed", topic_feed, BUDGETS["feed"]),
        ("spokesperson", person, BUDGETS["listing"]),
    ):
        client.get(url)
        with django_assert_max_num_queries(budget, info=name):
            assert client.get(url).status_code == 200
