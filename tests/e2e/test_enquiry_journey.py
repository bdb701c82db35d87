"""A journalist asks, a press officer answers: the whole journey through a real browser."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from enquiries.models import Enquiry
from tests.e2e.screens import snap
from tests.enquiries.factories import press_officer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def test_a_journalists_enquiry_is_found_assigned_answered_and_closed(live_server, page):
    officer = press_officer(username="alex.hughes", first_name="Alex", last_name="Hughes")
    deadline = timezone.localtime() + timedelta(days=2)

    # The journalist asks on the public form and is given a reference.
    page.goto(live_server.url + reverse("enquiries:submit"))
    page.get_by_label("Your name").fill("Priya Shah")
    page.get_by_label("Media outlet").fill("Northmoor Evening Echo")
    page.get_by_label("Email address").fill("priya.shah@echo.example")
    page.get_by_label("Phone number").fill("07700 900123")
    page.locator("input[name=deadline_0]").fill(deadline.strftime("%Y-%m-%d"))
    page.locator("input[name=deadline_1]").fill("16:30")
    page.get_by_label("Subject").fill("Overnight closure of the A61")
    page.get_by_label("Your question").fill(
        "Can you confirm why the A61 was closed overnight, and whether anyone was hurt?"
    )
    snap(page, "enquiry-form")
    page.get_by_role("button", name="Send enquiry").click()
    receipt = page.locator(".enquiry-receipt__reference strong")
    expect(receipt).to_have_text(re.compile(r"ENQ-\d{4}-\d{5}"))
    reference = receipt.inner_text()
    assert Enquiry.objects.filter(reference=reference).exists()

    # A press officer logs into the admin and finds it in the queue.
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill(officer.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.get_by_role("link", name="Enquiries", exact=True).first.click()
    row = page.locator("tr", has_text=reference)
    expect(row).to_contain_text("Priya Shah (Northmoor Evening Echo)")
    expect(row).to_contain_text("New")
    snap(page, "enquiry-queue")
    row.get_by_role("link", name=reference).click()

    # The enquiry's page shows what was sent; the officer takes it, answers and closes it.
    expect(page.locator(".enquiry__question")).to_contain_text("closed overnight")
    page.get_by_role("button", name="Assign to me").click()
    expect(page.get_by_text(f"{reference} is assigned to you.")).to_be_visible()

    respond = page.locator("form[data-action=respond]")
    respond.get_by_label("What was said").fill(
        "The A61 was closed from 23:10 to 04:00 after a collision. One driver was taken to "
        "hospital with minor injuries."
    )
    respond.get_by_role("button", name="Record response").click()
    expect(page.get_by_text(f"Response recorded; {reference} is answered.")).to_be_visible()
    snap(page, "enquiry-detail")

    page.get_by_role("button", name="Close enquiry").click()
    expect(page.get_by_text(f"{reference} is closed.")).to_be_visible()

    # The timeline tells the story in order, each step with who did it.
    timeline = page.locator(".enquiry__event")
    kinds = [timeline.nth(i).get_attribute("data-kind") for i in range(timeline.count())]
    assert kinds[:2] == ["received", "routed"]
    assert kinds[2:] == ["assigned", "status", "response", "status", "status"]
    expect(page.locator(".enquiry__event--response")).to_contain_text("on the record")
    expect(page.locator(".enquiry__event--response")).to_contain_text("by Alex Hughes")
    expect(timeline.last).to_contain_text("Answered → Closed")

    enquiry = Enquiry.objects.get(reference=reference)
    assert enquiry.status == Enquiry.Status.CLOSED and enquiry.assignee == officer


def test_an_officer_logs_a_call_from_a_known_journalist(live_server, page):
    from tests.enquiries.factories import MediaContactFactory

    officer = press_officer(username="sam.patel", first_name="Sam", last_name="Patel")
    known = MediaContactFactory(
        name="Tom Reilly", outlet="Radio Northmoor", email="tom.reilly@radio.example"
    )

    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill(officer.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.goto(live_server.url + reverse("enquiry:index"))
    page.get_by_role("link", name="Log a phone enquiry").first.click()

    # Typing part of the outlet finds the journalist; choosing fills in what we know.
    page.get_by_placeholder("Type a name, phone number or outlet").fill("radio north")
    page.get_by_role("button", name=re.compile("Tom Reilly")).click()
    expect(page.locator("#contact-chosen")).to_contain_text("Tom Reilly (Radio Northmoor)")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Tom Reilly")
    page.get_by_label("Subject").fill("Depot fire on Dale Road")
    page.get_by_label("Question").fill("Is the fire at the Dale Road depot being treated as arson?")
    page.locator("input[name=urgent]").check()
    snap(page, "enquiry-phone")
    page.get_by_role("button", name="Log enquiry").click()

    expect(page.get_by_text(re.compile(r"ENQ-\d{4}-\d{5} logged"))).to_be_visible()
    expect(page.locator(".enquiry__event").first).to_contain_text("Received by phone")
    expect(page.locator(".enquiry__event").first).to_contain_text("by Sam Patel")
    enquiry = Enquiry.objects.get()
    assert enquiry.contact == known and enquiry.channel == Enquiry.Channel.PHONE
    assert enquiry.urgent and enquiry.route
