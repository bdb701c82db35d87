"""A statement's journey: a press officer writes and submits it, a manager approves it, and a
journalist finds it on the site and in the RSS feed."""

import feedparser
import pytest
from playwright.sync_api import expect

from press.models import StatementPage

from .conftest import sign_in

pytestmark = pytest.mark.e2e

HEADLINE = "Appeal for dashcam footage after Carrowby lorry fire"
STANDFIRST = (
    "Officers are asking drivers who were on the A614 near Carrowby on Tuesday evening to check "
    "their dashcam footage after a lorry caught fire in a lay-by."
)
PARAGRAPH = "The driver escaped unhurt. The road was closed for three hours while it was cleared."
QUOTE = "If you passed between 6pm and 7pm, your footage could help us find out what happened."
SLUG = "appeal-for-dashcam-footage-after-carrowby-lorry-fire"
# Tall enough for the whole editor in one screenshot.
TALL = {"width": 1280, "height": 2200}
FURTHER_INFORMATION = "Footage can be uploaded through the force's public evidence portal."


def write_statement(page, index, screenshot):
    """Fill in the editor the way an officer does: fields, body blocks, a chosen spokesperson."""
    page.goto(f"/admin/pages/{index.pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    page.wait_for_url(f"**/admin/pages/add/press/statementpage/{index.pk}/")

    headline = page.get_by_role("textbox", name="Headline")
    headline.fill(HEADLINE)
    headline.press("Tab")
    page.get_by_role("tab", name="Promote").click()
    # The page's address comes from its headline, as in any Wagtail editor.
    expect(page.get_by_role("textbox", name="Slug")).to_have_value(SLUG)
    page.get_by_role("tab", name="Content").click()
    page.get_by_role("combobox", name="Statement type").select_option(label="News")
    page.get_by_role("checkbox", name="Road safety").check()
    page.get_by_role("textbox", name="Standfirst").fill(STANDFIRST)

    body = page.locator("#panel-child-content-body-content")
    body.get_by_title("Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    body.locator("[contenteditable=true]").nth(0).click()
    page.keyboard.type(PARAGRAPH)

    body.get_by_title("Insert a block").last.click()
    page.get_by_role("option", name="Quote").click()
    body.locator("[contenteditable=true]").nth(1).click()
    page.keyboard.type(QUOTE)
    body.get_by_role("button", name="Choose spokesperson").click()
    page.get_by_role("link", name="Chief Inspector Tom Whitlow").click()
    expect_text(body, "Chief Inspector Tom Whitlow")

    further = page.locator("#panel-child-content-further_information-content")
    further.locator("[contenteditable=true]").click()
    page.keyboard.type(FURTHER_INFORMATION)

    page.evaluate(
        """() => {
            document.activeElement.blur();
            window.scrollTo(0, 0);
            for (const element of document.querySelectorAll("*")) {
                element.scrollLeft = 0;
                element.scrollTop = 0;
            }
        }"""
    )
    screenshot(page, "statement-editor", full_page=False)


def expect_text(locator, text):
    locator.get_by_text(text, exact=False).first.wait_for()


SETTLED = """(fragments) => {
    const form = document.getElementById("page-edit-form");
    const sent = [...new FormData(form).values()].filter((v) => typeof v === "string").join();
    const indicator = document.getElementById("w-autosave-indicator");
    const settled =
        form.action.endsWith("/edit/") &&
        indicator.dataset.wAutosaveStateValue === "saved" &&
        fragments.every((fragment) => sent.includes(fragment));
    if (!settled) {
        window.settledSince = null;
        return false;
    }
    window.settledSince ??= performance.now();
    return performance.now() - window.settledSince > 1000;
}"""


def wait_until_settled(page, *fragments):
    """Wagtail autosaves the draft as the officer types: the first autosave creates the page and
    moves the form to its edit view. A submit racing that first autosave creates the slug twice,
    and Draftail copies typed text into the form a moment after the last keystroke. An officer
    reads the statement over before submitting; the test instead waits until the form holds every
    fragment typed, the page exists, and no autosave has been in flight for a second."""
    page.wait_for_function(SETTLED, arg=list(fragments), polling=100)


def submit_for_approval(page, index):
    wait_until_settled(page, "public evidence portal", "your footage could help us", "Carrowby")
    page.locator("footer .w-dropdown__toggle").first.click()
    page.get_by_role("button", name="Submit to Statement approval").click()
    page.wait_for_url(f"**/admin/pages/{index.pk}/")


def test_a_statement_is_written_approved_and_found_by_a_reader(press_office, new_page, screenshot):
    index = press_office["index"]

    officer = new_page(viewport=TALL)
    sign_in(officer, "olivia")
    write_statement(officer, index, screenshot)
    submit_for_approval(officer, index)

    statement = StatementPage.objects.get(title=HEADLINE)
    assert not statement.live
    workflow = statement.current_workflow_state
    assert workflow.requested_by == press_office["users"]["olivia"]
    # What the manager will approve is what the officer wrote, notes to editors included.
    submitted = workflow.current_task_state.revision.as_object()
    assert "public evidence portal" in submitted.further_information
    reader = new_page()
    assert reader.goto(index.url + statement.slug + "/").status == 404

    manager = new_page()
    sign_in(manager, "martin")
    manager.get_by_role("link", name=HEADLINE).first.click()
    manager.locator("footer .w-dropdown__toggle").first.click()
    manager.get_by_role("button", name="Approve and Publish").click()
    manager.wait_for_url(lambda url: "/edit/" not in url)
    statement.refresh_from_db()
    assert statement.live

    reader.goto(index.url)
    reader.get_by_role("link", name=HEADLINE).click()
    reader.wait_for_url(f"**{statement.url}")
    article = reader.locator("main")
    expect_text(article, STANDFIRST)
    expect_text(article, QUOTE)
    expect_text(article, "Chief Inspector Tom Whitlow")
    expect_text(article, FURTHER_INFORMATION)
    assert reader.get_by_role("heading", name="Further information").is_visible()
    screenshot(reader, "statement-page")

    feed_url = index.url + "feed/rss/"
    response = reader.request.get(feed_url)
    assert response.ok
    feed = feedparser.parse(response.body())
    assert feed.bozo == 0
    entry = next(e for e in feed.entries if e.title == HEADLINE)
    assert entry.link.endswith(statement.url)
    assert STANDFIRST in entry.summary
