"""Statements in the read-only JSON API, for newsroom tools that poll the press office."""

import datetime

import pytest

from .factories import StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_published_statements_are_in_the_pages_api(client, index_page):
    StatementPageFactory(
        parent=index_page,
        title="Speed camera van locations",
        date=datetime.date(2026, 3, 9),
        topics=[TopicFactory(name="Road safety")],
        updates=[(datetime.date(2026, 3, 10), "added two locations")],
    )
    StatementPageFactory(parent=index_page, title="Unpublished", published=False).unpublish()

    response = client.get(
        "/api/v2/pages/",
        {
            "type": "press.StatementPage",
            "fields": "date,statement_type,standfirst,topic_names,updates",
        },
    )

    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Speed camera van locations"]
    item = items[0]
    assert item["date"] == "2026-03-09"
    assert item["statement_type"] == "press_release"
    assert item["topic_names"] == ["Road safety"]
    assert [(u["date"], u["note"]) for u in item["updates"]] == [
        ("2026-03-10", "added two locations")
    ]
    assert item["meta"]["html_url"] == "http://testserver/statements/speed-camera-van-locations/"
