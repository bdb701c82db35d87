"""Enquiries are filed under the statements' topics, so the queue can be narrowed to one subject.

An enquiry about a statement takes the statement's topics when it arrives; a press officer
can change them from the enquiry's page or tick them when logging a call; the queue filters
by them and the CSV export lists them.
"""

import csv
import io
from datetime import timedelta

from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from enquiries.models import Enquiry, EnquiryEvent
from tests.enquiries.factories import EnquiryFactory, manager, on_call_officer, press_officer
from tests.enquiries.intake_helpers import default_site, valid_submission
from tests.press.factories import StatementPageFactory, TopicFactory

pytestmark = pytest.mark.django_db

QUEUE = "enquiry:index"


@pytest.fixture
def topics():
    return {
        name: TopicFactory(name=name)
        for name in ["Road safety", "Burglary", "Missing people", "Public order"]
    }


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def page(enquiry):
    return reverse("enquiry:inspect", args=[enquiry.pk])


def set_topics(client, enquiry, *chosen):
    return client.post(
        reverse("enquiry:topics", args=[enquiry.pk]), {"topics": [topic.pk for topic in chosen]}
    )


def names(enquiry):
    return sorted(enquiry.topics.values_list("name", flat=True))


def listed(response):
    return [row.reference for row in response.context["object_list"]]


def test_an_enquiry_about_a_statement_takes_the_statements_topics(client, topics):
    statement = StatementPageFactory(
        parent=default_site().root_page,
        title="Speed checks on the A61 after a serious collision",
        topics=[topics["Road safety"], topics["Public order"]],
    )

    response = client.post("/enquiries/new/", valid_submission(statement=str(statement.pk)))

    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert names(enquiry) == ["Public order", "Road safety"]
    received = enquiry.events.get(kind=EnquiryEvent.Kind.RECEIVED)
    assert received.data["topics"] == ["Public order", "Road safety"]
    # Later changes to the statement's topics do not re-file enquiries already received.
    statement.topics.set([topics["Burglary"]])
    statement.save()
    assert names(enquiry) == ["Public order", "Road safety"]


def test_an_enquiry_about_no_statement_has_no_topics(client, topics):
    assert client.post("/enquiries/new/", valid_submission()).status_code == 302

    assert names(Enquiry.objects.get()) == []


def test_an_officer_ticks_topics_when_logging_a_call(client, topics):
    client.force_login(press_officer())
    form = client.get(reverse("enquiry:add")).text
    assert "Missing people" in form

    response = client.post(
        reverse("enquiry:add"),
        {
            "journalist_name": "Tom Reilly",
            "outlet": "Radio Northmoor",
            "phone": "07700 900456",
            "subject": "Missing walker on the moor",
            "question": "Has the search for the walker been scaled up overnight?",
            "topics": [topics["Missing people"].pk],
        },
    )

    assert response.status_code == 302
    assert names(Enquiry.objects.get()) == ["Missing people"]


def test_a_press_officer_sets_the_topics_and_the_timeline_and_audit_log_record_it(client, topics):
    officer = press_officer()
    enquiry = EnquiryFactory()
    enquiry.topics.set([topics["Burglary"]])
    client.force_login(officer)
    before = client.get(page(enquiry)).text
    assert 'data-action="topics"' in before and "Set topics" in before

    response = set_topics(client, enquiry, topics["Road safety"], topics["Public order"])

    assert response.status_code == 302 and response["Location"] == page(enquiry)
    assert names(enquiry) == ["Public order", "Road safety"]
    event = enquiry.events.get(kind=EnquiryEvent.Kind.TOPICS)
    assert event.actor == officer
    assert event.message == (
        "Topics: Public order, Road safety "
        "(added Public order; added Road safety; removed Burglary)"
    )
    assert event.data["removed"] == [topics["Burglary"].pk]
    log = ModelLogEntry.objects.get(object_id=str(enquiry.pk), action="enquiries.set_topics")
    assert log.user == officer and log.data["topics"] == ["Public order", "Road safety"]
    after = client.get(response["Location"]).text
    assert f"Topics of {enquiry.reference} updated." in after
    assert "Public order, Road safety" in after


def test_unticking_every_topic_files_the_enquiry_under_none(client, topics):
    enquiry = EnquiryFactory(status=Enquiry.Status.CLOSED)
    enquiry.topics.set([topics["Burglary"]])
    client.force_login(press_officer())

    set_topics(client, enquiry)

    assert names(enquiry) == []
    assert enquiry.events.get(kind=EnquiryEvent.Kind.TOPICS).message == (
        "Topics: none (removed Burglary)"
    )


def test_setting_the_same_topics_again_changes_nothing_and_says_so(client, topics):
    enquiry = EnquiryFactory()
    enquiry.topics.set([topics["Burglary"]])
    client.force_login(press_officer())

    response = set_topics(client, enquiry, topics["Burglary"])

    assert f"{enquiry.reference} already has those topics." in client.get(response["Location"]).text
    assert not enquiry.events.filter(kind=EnquiryEvent.Kind.TOPICS).exists()
    assert not ModelLogEntry.objects.filter(action="enquiries.set_topics").exists()


def test_someone_without_the_permission_gets_403_and_nothing_changes(client, topics):
    on_call = on_call_officer()  # may read and take the enquiry, not re-file it
    enquiry = EnquiryFactory()
    enquiry.topics.set([topics["Burglary"]])
    client.force_login(on_call)
    assert 'data-action="topics"' not in client.get(page(enquiry)).text

    response = set_topics(client, enquiry, topics["Road safety"])

    assert response.status_code == 403
    assert names(enquiry) == ["Burglary"]
    assert not enquiry.events.filter(kind=EnquiryEvent.Kind.TOPICS).exists()
    assert not ModelLogEntry.objects.filter(action="enquiries.set_topics").exists()


def test_setting_topics_needs_a_csrf_token(topics):
    enquiry = EnquiryFactory()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(press_officer())

    response = set_topics(strict, enquiry, topics["Road safety"])

    assert response.status_code == 403
    assert names(enquiry) == []


def test_the_queues_topic_filter_narrows_the_list(client, topics):
    road = EnquiryFactory(subject="Speed cameras")
    road.topics.set([topics["Road safety"]])
    both = EnquiryFactory(subject="Burglary on the bypass")
    both.topics.set([topics["Road safety"], topics["Burglary"]])
    missing = EnquiryFactory(subject="Missing teenager")
    missing.topics.set([topics["Missing people"]])
    EnquiryFactory(subject="No topic at all")
    client.force_login(press_officer())

    one = client.get(reverse(QUEUE), {"topic": [topics["Road safety"].pk]})
    two = client.get(reverse(QUEUE), {"topic": [topics["Road safety"].pk, topics["Burglary"].pk]})

    assert one.status_code == 200
    assert sorted(listed(one)) == sorted([road.reference, both.reference])
    # Filed under both chosen topics, and still listed once.
    assert sorted(listed(two)) == sorted([road.reference, both.reference])
    assert "Burglary, Road safety" in two.text  # the queue shows each enquiry's topics


@pytest.mark.parametrize("by_topic", [False, True])
def test_the_first_page_with_topics_takes_few_queries(
    client, topics, django_assert_max_num_queries, by_topic
):
    officer = press_officer()
    every = list(topics.values())
    now = timezone.now()
    for index in range(60):
        enquiry = EnquiryFactory(
            assignee=officer if index % 3 else None,
            status=Enquiry.Status.ASSIGNED if index % 3 else Enquiry.Status.NEW,
            urgent=index % 7 == 0,
            deadline=now + timedelta(minutes=20 * index - 300),
        )
        enquiry.topics.set(every[index % 4 : index % 4 + 2])
    client.force_login(officer)
    client.get(reverse(QUEUE))  # warm the per-process caches (content types, site settings)
    params = {"topic": [topics["Burglary"].pk]} if by_topic else {}

    with django_assert_max_num_queries(15):
        response = client.get(reverse(QUEUE), params)

    assert response.status_code == 200
    assert len(listed(response)) == 25


def test_the_csv_export_lists_the_topics(client, topics):
    enquiry = EnquiryFactory(subject="Speed cameras")
    enquiry.topics.set([topics["Road safety"], topics["Public order"]])
    EnquiryFactory(subject="Nothing filed")
    client.force_login(manager())

    response = client.get(reverse(QUEUE), {"export": "csv"})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    by_subject = {row["Subject"]: row["Topics"] for row in rows}
    assert by_subject == {"Speed cameras": "Public order, Road safety", "Nothing filed": ""}
