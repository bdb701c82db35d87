"""Saturday, 23:00: an urgent enquiry reaches the on-call officer's phone; she acknowledges it
there; the journalist hears that an officer has it; the head of news sees it all in the admin.

A real worker process sends the alert and the journalist's email to a real SMTP server on
loopback; the officer uses a phone-sized browser (390 x 844).
"""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from enquiries.models import Alert, Enquiry, RotaCoverageWindow
from enquiries.signals import enquiry_routed
from tests.e2e.screens import SCREENSHOTS
from tests.enquiries.alerting.factories import (
    ContactMethodFactory,
    OfficerFactory,
    cover,
    policy_of,
    rota_of,
)

LONDON = ZoneInfo("Europe/London")
PHONE = {"width": 390, "height": 844}

pytestmark = [pytest.mark.e2e, pytest.mark.worker]


def test_the_on_call_officer_acknowledges_a_saturday_night_enquiry_from_her_phone(
    live_server, smtp_server, start_worker, browser, settings
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    priya = OfficerFactory(username="priya", first_name="Priya", last_name="Shah")
    ContactMethodFactory(user=priya, address="priya.shah@northmoor-police.example")
    policy_of([([], [rota_of(priya, name="Press office on call")], 10)], name="Out of hours")
    get_user_model().objects.create_superuser(
        "nadia", "nadia@northmoor-police.example", "head-of-news-pw", first_name="Nadia"
    )
    start_worker(
        {
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_server.port),
            "WAGTAILADMIN_BASE_URL": live_server.url,
        }
    )

    # 23:00 on Saturday 28 November 2026: the Northmoor Echo needs a comment before midnight.
    saturday_night = datetime(2026, 11, 28, 23, 0, tzinfo=LONDON)
    with transaction.atomic():
        enquiry = Enquiry.objects.create(
            journalist_name="Sam Porter",
            outlet="Northmoor Echo",
            email="sam.porter@northmoor-echo.example",
            phone="+447700900777",
            subject="Road closure on the A61 after a collision",
            question="Can you confirm why the A61 is closed at Moor End and when it will reopen?",
            urgent=True,
            deadline=saturday_night + timedelta(minutes=50),
            received_at=saturday_night,
            route=Enquiry.Route.URGENT_OUT_OF_HOURS,
            route_reason="Urgent, received on Saturday at 23:00, out of office hours",
        )
        enquiry_routed.send(sender=Enquiry, enquiry=enquiry, route=enquiry.route)

    (alert_email,) = smtp_server.wait_for(
        1, timeout=20, address=priya.contact_methods.get().address
    )
    body = alert_email["message"].get_body(("plain",)).get_content()
    assert enquiry.reference in alert_email["message"]["Subject"]
    link = re.search(r"https?://\S+/oncall/ack/\S+/", body).group(0)
    assert link.startswith(live_server.url)

    phone = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = phone.new_page()
    page.goto(link)
    expect(page.get_by_role("heading", name=f"Urgent enquiry {enquiry.reference}")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"Call 07700 900777"))).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "oncall-alert.png", full_page=True)

    page.get_by_role("button", name=re.compile("Acknowledge")).click()
    expect(page.get_by_text("Acknowledged. The enquiry is yours.")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "oncall-ack.png", full_page=True)

    (confirmation,) = smtp_server.wait_for(
        1, timeout=20, address="sam.porter@northmoor-echo.example"
    )
    assert enquiry.reference in confirmation["message"]["Subject"]
    assert "Priya Shah" in confirmation["message"].get_body(("plain",)).get_content()
    alert = Alert.objects.get(enquiry=enquiry)
    assert alert.status == Alert.Status.ACKNOWLEDGED and alert.acknowledged_by == priya

    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    admin = desk.new_page()
    admin.goto(f"{live_server.url}/admin/login/")
    admin.fill("input[name=username]", "nadia")
    admin.fill("input[name=password]", "head-of-news-pw")
    admin.get_by_role("button", name="Sign in").click()
    admin.goto(f"{live_server.url}/admin/oncall-alerts/inspect/{alert.pk}/")
    timeline = admin.locator("ol.timeline")
    expect(timeline).to_contain_text("On-call alert opened")
    expect(timeline).to_contain_text("Priya Shah acknowledged the alert")
    expect(timeline).to_contain_text("Told Sam Porter by email")
    expect(admin.locator("table.deliveries")).to_contain_text("Sent")
    admin.screenshot(path=SCREENSHOTS / "oncall-admin-timeline.png", full_page=True)

    phone.close()
    desk.close()


def test_the_head_of_news_sees_the_next_eight_weeks_and_what_would_go_wrong(live_server, browser):
    """A weekend rota of three, a swap, and a new officer with no contact method yet."""
    officers = [
        OfficerFactory(username=u, first_name=f, last_name=last)
        for u, f, last in [("aisha", "Aisha", "Khan"), ("gareth", "Gareth", "Evans"),
                           ("mei", "Mei", "Lin")]
    ]  # fmt: skip
    for person in officers[:2]:
        ContactMethodFactory(user=person)
    rota = rota_of(*officers, name="Weekend desk")
    RotaCoverageWindow.objects.create(
        rota=rota, start_weekday=4, start_time=time(18), end_weekday=0, end_time=time(8)
    )
    friday = timezone.localtime().date() + timedelta(days=(4 - timezone.localdate().weekday()) % 7)
    swap_starts = datetime.combine(friday + timedelta(days=7), time(18), LONDON)
    regular = rota.on_call(swap_starts)
    stand_in = next(person for person in officers[:2] if person.pk != regular)
    cover(rota, stand_in, swap_starts, swap_starts + timedelta(days=1), reason="swap")
    policy_of([([], [rota], 10)], name="Out of hours")
    get_user_model().objects.create_superuser("nadia", "nadia@northmoor-police.example", "pw")

    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    admin = desk.new_page()
    admin.goto(f"{live_server.url}/admin/login/")
    admin.fill("input[name=username]", "nadia")
    admin.fill("input[name=password]", "pw")
    admin.get_by_role("button", name="Sign in").click()
    admin.goto(f"{live_server.url}/admin/who-is-on-call/")

    expect(admin.locator("ul.unreachable-people")).to_contain_text("Mei Lin")
    expect(admin.get_by_text(re.compile("Nobody is on call for"))).to_be_visible()
    expect(admin.locator("tr.gap").first).to_contain_text("Nobody: gap")
    expect(admin.locator("tr.shift").filter(has_text="cover")).to_contain_text(
        stand_in.get_full_name()
    )
    admin.screenshot(path=SCREENSHOTS / "oncall-who-is-on-call.png", full_page=True)
    desk.close()
