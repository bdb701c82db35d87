"""A press officer files an enquiry under a topic and narrows the queue to that topic."""

import re

from django.urls import reverse

import pytest
from playwright.sync_api import expect

from tests.e2e.screens import snap
from tests.enquiries.factories import EnquiryFactory, press_officer
from tests.press.factories import TopicFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def test_an_officer_files_an_enquiry_under_a_topic_and_filters_the_queue_by_it(live_server, page):
    officer = press_officer(username="jordan.okafor", first_name="Jordan", last_name="Okafor")
    TopicFactory(name="Road safety")
    TopicFactory(name="Burglary")
    speeding = EnquiryFactory(subject="Speed cameras on the A61")
    other = EnquiryFactory(subject="Break-ins on Moor Lane")

    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill(officer.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()

    # On the enquiry's page the officer ticks "Road safety" and saves.
    page.goto(live_server.url + reverse("enquiry:inspect", args=[speeding.pk]))
    form = page.locator("form[data-action=topics]")
    form.get_by_label("Road safety").check()
    form.get_by_role("button", name="Set topics").click()
    expect(page.get_by_text(f"Topics of {speeding.reference} updated.")).to_be_visible()
    expect(page.locator("dd[data-topics]")).to_have_text("Road safety")
    expect(page.locator(".enquiry__event").last).to_contain_text("Topics: Road safety")
    snap(page, "enquiry-topics")

    # In the queue, the topic filter leaves only that enquiry.
    page.goto(live_server.url + reverse("enquiry:index"))
    expect(page.get_by_text(other.reference)).to_be_visible()
    page.get_by_role("button", name="Show filters").click()
    page.get_by_role("button", name="Topic", exact=True).click()
    page.get_by_role("checkbox", name="Road safety").check()
    expect(page.get_by_text(other.reference)).to_have_count(0)
    expect(page.get_by_role("link", name=speeding.reference)).to_be_visible()
    snap(page, "enquiry-queue-topic-filter")
