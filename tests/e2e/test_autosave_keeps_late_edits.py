"""Words a press officer types while an autosave is on its way are autosaved too.

Wagtail 7.4 marks the editor clean with whatever the form holds when a save finishes, so an edit
made during the save was never autosaved and leaving the page no longer warned: the last words
typed could be lost. `press/static/press/admin/autosave_keeps_late_edits.js` fixes that. Here
the browser holds one autosave back while the officer types, so the race happens every time.
"""

import json
import time

import pytest
from playwright.sync_api import expect

from press.models import StatementPage

from .conftest import sign_in

pytestmark = pytest.mark.e2e

HEADLINE = "Road closed after a burst water main in Ashby Street"
LATE_WORDS = "Diversions are signed through Mill Lane."


def saved_draft():
    statement = StatementPage.objects.filter(title=HEADLINE).first()
    revision = statement.latest_revision if statement else None
    return json.dumps(revision.content) if revision else ""


def test_words_typed_during_an_autosave_are_autosaved_too(press_office, new_page):
    index = press_office["index"]
    officer = new_page()
    sign_in(officer, "olivia")

    officer.goto(f"/admin/pages/add/press/statementpage/{index.pk}/")
    officer.wait_for_timeout(2500)  # Wagtail starts watching the form 2 s after it opens
    officer.get_by_role("textbox", name="Headline").fill(HEADLINE)
    standfirst = officer.get_by_role("textbox", name="Standfirst")
    standfirst.fill("Ashby Street is closed.")
    # The first autosave creates the page; the editor's address becomes its edit view.
    officer.wait_for_function("() => location.pathname.endsWith('/edit/')")
    indicator = officer.locator("#w-autosave-indicator")
    expect(indicator).to_have_attribute("data-w-autosave-state-value", "saved")

    held = []

    def hold_autosaves(route):
        if route.request.method == "POST":
            held.append(route)
        else:
            route.continue_()

    officer.route("**/edit/", hold_autosaves)
    standfirst.fill("Ashby Street is closed between the station and the market.")
    deadline = time.monotonic() + 10
    while not held:
        assert time.monotonic() < deadline, "no autosave was sent"
        officer.wait_for_timeout(50)

    # The officer keeps typing while that save is on its way...
    further = officer.locator("#panel-child-content-further_information-content")
    further.locator("[contenteditable=true]").click()
    officer.keyboard.type(LATE_WORDS)
    officer.wait_for_function(
        "(words) => new FormData(document.getElementById('page-edit-form'))"
        ".get('further_information').includes(words)",
        arg=LATE_WORDS,
    )
    # ...and it lands.
    held.pop().continue_()
    officer.unroute("**/edit/")

    deadline = time.monotonic() + 15
    while LATE_WORDS not in saved_draft():
        assert time.monotonic() < deadline, "the words typed during the autosave were never saved"
        time.sleep(0.1)
    assert "between the station and the market" in saved_draft()
