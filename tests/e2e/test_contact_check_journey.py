"""An on-call officer adds her work mobile herself, sends it a test, and confirms it from the
phone: the admin then shows the number as verified. The SMS goes to a fake GOV.UK Notify server
on loopback, as an alert would."""

import re

from django.contrib.auth import get_user_model

import pytest
from playwright.sync_api import expect

from enquiries.groups import ON_CALL, ensure_enquiry_permissions
from enquiries.models import ContactMethod
from tests.fakes.fixtures import fake_notify  # noqa: F401 (fixture)

from .conftest import PASSWORD, sign_in

PHONE = {"width": 390, "height": 844}
LINK = re.compile(r"https?://\S+/oncall/check/\S+/")

pytestmark = pytest.mark.e2e


def test_an_officer_proves_her_mobile_reaches_her(
    live_server,
    new_page,
    screenshot,
    settings,
    fake_notify,  # noqa: F811
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    groups = ensure_enquiry_permissions()
    priya = get_user_model().objects.create_user(
        "priya",
        "priya.shah@northmoor-police.example",
        PASSWORD,
        first_name="Priya",
        last_name="Shah",
    )
    priya.groups.add(groups[ON_CALL])

    admin = new_page()
    sign_in(admin, "priya")

    admin.goto("/admin/oncall-contacts/new/")
    admin.get_by_role("combobox", name="Kind").select_option(label="SMS (mobile)")
    admin.get_by_role("textbox", name="Address").fill("07700 900123")
    admin.get_by_role("textbox", name="Label").fill("work mobile")
    admin.get_by_role("button", name="Create").click()
    admin.wait_for_url("**/admin/oncall-contacts/")
    method = ContactMethod.objects.get(user=priya)
    assert (method.address, method.verified) == ("+447700900123", False)

    admin.get_by_role("link", name="Send a test").click()
    admin.get_by_role("button", name="Send a test message now").click()
    expect(admin.get_by_text("Test sent to +447700900123")).to_be_visible()
    screenshot(admin, "oncall-contact-test")

    (text,) = fake_notify.texts_to("+447700900123")
    phone = new_page(viewport=PHONE)
    phone.goto(LINK.search(text).group(0))
    expect(phone.get_by_role("heading", name="Test alert for Priya Shah")).to_be_visible()
    phone.get_by_role("button", name="I received this test").click()
    expect(phone.get_by_role("status")).to_contain_text("the test reached you")
    expect(phone.get_by_text("This contact method is confirmed.")).to_be_visible()
    screenshot(phone, "oncall-contact-confirmed")

    method.refresh_from_db()
    assert method.verified
