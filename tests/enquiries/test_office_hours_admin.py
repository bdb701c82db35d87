"""A press office manager edits the office hours and closures in the Wagtail admin."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest
import time_machine

from enquiries.models import Closure, Enquiry, OfficeHoursSettings
from enquiries.routing import receive_enquiry
from tests.enquiries.factories import manager, press_officer

LONDON = ZoneInfo("Europe/London")


def settings_url():
    """The office hours are one row; its edit page has its id in the URL."""
    office = OfficeHoursSettings.load()
    return reverse("wagtailsettings:edit", args=["enquiries", "officehourssettings", office.pk])


pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("manager", "m@northmoor-police.example", "x")
    client.force_login(user)
    return client


def enquire_at(local):
    with time_machine.travel(local.replace(tzinfo=LONDON), tick=False):
        return receive_enquiry(journalist_name="Tom Reilly", subject="Appeal", question="Update?")


def periods(*rows):
    data = {
        "periods-TOTAL_FORMS": str(len(rows)),
        "periods-INITIAL_FORMS": "0",
        "periods-MIN_NUM_FORMS": "0",
        "periods-MAX_NUM_FORMS": "1000",
    }
    for index, (weekday, opens, closes) in enumerate(rows):
        data.update(
            {
                f"periods-{index}-weekday": str(weekday),
                f"periods-{index}-opens_at": opens,
                f"periods-{index}-closes_at": closes,
                f"periods-{index}-ORDER": str(index + 1),
                f"periods-{index}-id": "",
                f"periods-{index}-DELETE": "",
            }
        )
    return data


def test_the_office_hours_page_shows_the_region_and_weekly_table(admin_client):
    menu_link = reverse("wagtailsettings:edit", args=["enquiries", "officehourssettings"])
    page = admin_client.get(menu_link, follow=True).content.decode()
    assert "Weekly opening hours" in page
    assert "England and Wales" in page


def test_saturday_opening_and_the_scottish_region_set_in_the_admin_change_routes(admin_client):
    data = {"bank_holiday_region": "SCT"}
    data.update(periods((5, "09:00", "13:00"), (0, "08:00", "18:00")))
    response = admin_client.post(settings_url(), data)
    assert response.status_code == 302, response.content.decode()[:2000]

    office = OfficeHoursSettings.load()
    assert office.bank_holiday_region == "SCT"
    assert office.periods.count() == 2
    assert enquire_at(datetime(2026, 2, 28, 10, 0)).route == Enquiry.Route.IN_HOURS  # Saturday
    assert enquire_at(datetime(2026, 3, 3, 10, 0)).route == Enquiry.Route.QUEUED_FOR_OPENING


def test_a_period_that_closes_before_it_opens_is_refused(admin_client):
    data = {"bank_holiday_region": "ENG"}
    data.update(periods((0, "18:00", "08:00")))
    response = admin_client.post(settings_url(), data)
    assert response.status_code == 200
    assert "The office must close after it opens." in response.content.decode()
    assert not OfficeHoursSettings.load().periods.exists()


def test_a_christmas_shutdown_added_in_the_admin_closes_the_office(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_enquiries_closure:add"),
        {"start_date": "2026-12-24", "end_date": "2027-01-01", "reason": "Christmas shutdown"},
    )
    assert response.status_code == 302
    assert Closure.objects.get().reason == "Christmas shutdown"
    enquiry = enquire_at(datetime(2026, 12, 30, 10, 0))
    assert enquiry.route == Enquiry.Route.QUEUED_FOR_OPENING
    assert "office closed (Christmas shutdown)" in enquiry.route_reason


def test_a_closure_that_ends_before_it_starts_is_refused(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_enquiries_closure:add"),
        {"start_date": "2027-01-01", "end_date": "2026-12-24", "reason": "Backwards"},
    )
    assert response.status_code == 200
    assert "The closure must end on or after its first day." in response.content.decode()
    assert not Closure.objects.exists()


def test_managers_set_office_hours_and_closures_but_press_officers_cannot(client):
    closures = reverse("wagtailsnippets_enquiries_closure:add")
    client.force_login(press_officer())
    assert client.get(settings_url()).status_code in (302, 403)
    assert client.get(closures).status_code in (302, 403)

    client.force_login(manager())
    assert client.get(settings_url()).status_code == 200
    assert client.get(closures).status_code == 200
