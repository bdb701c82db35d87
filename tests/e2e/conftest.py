"""Browser journeys: Playwright's sync API driving Debian's chromium against `live_server`.

Playwright's sync API runs an event loop in the test's thread, which makes Django refuse ORM
calls from that thread as "async unsafe"; the tests only use the ORM between browser steps,
never concurrently with them, so the check is switched off for this directory.
"""

import os

import pytest
from playwright.sync_api import sync_playwright

from tests.e2e.screens import SCREENSHOTS

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "correct-horse-battery"


def sign_in(page, username, password=PASSWORD):
    """Sign in to the admin as a person does, and land on the dashboard."""
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in its own browser context (its own cookies: one per person in a journey)."""
    contexts = []

    def open_page(viewport=None):
        context = browser.new_context(base_url=live_server.url, viewport=viewport or DESKTOP)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    """Save a screenshot under docs/screenshots/ and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name, full_page=True):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save


@pytest.fixture
def press_office(transactional_db):
    """The press office site, its groups and approval workflow, and one officer and manager."""
    from django.contrib.auth import get_user_model

    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    from home.demo import ensure_site_structure
    from home.groups import (
        PRESS_OFFICE_MANAGERS,
        PRESS_OFFICERS,
        ensure_press_office_groups,
        ensure_statement_workflow,
    )

    # A transactional test empties every table, the roots Wagtail's migrations made included.
    if Page.get_first_root_node() is None:
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant("en-gb"))
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home, index, spokespeople, topics = ensure_site_structure()
    groups = ensure_press_office_groups()
    ensure_statement_workflow(index)
    users = {}
    for username, group, first, last in (
        ("olivia", PRESS_OFFICERS, "Olivia", "Price"),
        ("martin", PRESS_OFFICE_MANAGERS, "Martin", "Shaw"),
    ):
        email = f"{username}@northmoor-police.example"
        user = get_user_model().objects.create_user(
            username, email, PASSWORD, first_name=first, last_name=last
        )
        user.groups.add(groups[group])
        users[username] = user
    return {"home": home, "index": index, "spokespeople": spokespeople, "users": users}


@pytest.fixture
def page(browser):
    """One desktop browser page in a fresh context, for journeys with a single person."""
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
