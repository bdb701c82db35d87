"""Journalists follow statements in a feed reader: all of them, or one topic's."""

import datetime

import feedparser
import pytest

from .factories import StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed_statements(index_page):
    roads = TopicFactory(name="Road safety")
    burglary = TopicFactory(name="Burglary")
    StatementPageFactory(
        parent=index_page,
        title="Burglary arrests in Moorside",
        date=datetime.date(2026, 1, 5),
        standfirst="Two people were arrested after a series of burglaries.",
        topics=[burglary],
    )
    StatementPageFactory(
        parent=index_page,
        title="Winter driving advice",
        date=datetime.date(2026, 2, 1),
        standfirst="Slow down and leave more space in icy weather.",
        topics=[roads],
    )
    StatementPageFactory(parent=index_page, title="Draft statement", published=False).unpublish()
    return {"roads": roads, "burglary": burglary}


@pytest.mark.parametrize(("route", "version"), [("feed/rss/", "rss20"), ("feed/atom/", "atom10")])
def test_the_feed_of_all_statements(client, index_page, feed_statements, route, version):
    response = client.get(index_page.url + route)

    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == version
    assert feed.feed.title == "Northmoor Constabulary Press Office: statements"
    assert [entry.title for entry in feed.entries] == [
        "Winter driving advice",
        "Burglary arrests in Moorside",
    ]
    first = feed.entries[0]
    assert first.link == "http://testserver/statements/winter-driving-advice/"
    assert first.summary == "Slow down and leave more space in icy weather."
    assert [tag.term for tag in first.tags] == ["Road safety"]
    assert first.published_parsed[:3] == (2026, 2, 1)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_topic_feed_has_only_that_topics_statements(client, index_page, feed_statements, kind):
    response = client.get(index_page.url + f"topics/burglary/feed/{kind}/")

    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Northmoor Constabulary Press Office: Burglary"
    assert [entry.title for entry in feed.entries] == ["Burglary arrests in Moorside"]
    assert all(entry.link.startswith("http://testserver/") for entry in feed.entries)


def test_feeds_are_advertised_on_the_listing_and_for_a_topic(
    client, index_page, feed_statements, office_settings
):
    html = client.get(index_page.url, {"topic": "burglary"}).content.decode()

    assert 'type="application/rss+xml"' in html
    assert 'href="http://testserver/statements/topics/burglary/feed/rss/"' in html
    assert 'href="http://testserver/statements/topics/burglary/feed/atom/"' in html
