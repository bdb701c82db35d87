"""The admin home shows an officer what needs them: theirs, the overdue, the soon, the night's."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

import pytest
import time_machine

from enquiries.groups import ENQUIRY_PERMISSIONS
from enquiries.models import Enquiry
from tests.enquiries.factories import EnquiryFactory, UserFactory, press_officer

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TUESDAY_10AM = datetime(2026, 3, 3, 10, 0, tzinfo=LONDON)  # office closed Monday 18:00


def sections(html):
    """{section key: text of that section} from the enquiries panel."""
    parts = re.split(r'data-section="([a-z_]+)"', html)
    return {
        key: body.split("</section>")[0] for key, body in zip(parts[1::2], parts[2::2], strict=True)
    }


def test_the_dashboard_shows_mine_overdue_due_soon_and_overnight(client):
    officer, colleague = press_officer(), press_officer()
    at = TUESDAY_10AM
    mine = EnquiryFactory(subject="Mine", assignee=officer, status=Enquiry.Status.ASSIGNED)
    mine_done = EnquiryFactory(subject="Mine answered", assignee=officer, status="answered")
    overdue = EnquiryFactory(subject="Late", assignee=colleague, deadline=at - timedelta(hours=1))
    soon = EnquiryFactory(subject="Soon", deadline=at + timedelta(minutes=45))
    later = EnquiryFactory(subject="Tomorrow", deadline=at + timedelta(days=1))
    monday_evening = EnquiryFactory(
        subject="Monday evening",
        received_at=datetime(2026, 3, 2, 19, 30, tzinfo=LONDON),
        route=Enquiry.Route.QUEUED_FOR_OPENING,
    )
    small_hours = EnquiryFactory(
        subject="Small hours",
        urgent=True,
        received_at=datetime(2026, 3, 3, 2, 10, tzinfo=LONDON),
        route=Enquiry.Route.URGENT_OUT_OF_HOURS,
    )
    weekend = EnquiryFactory(
        subject="Weekend",
        received_at=datetime(2026, 3, 1, 12, 0, tzinfo=LONDON),
        route=Enquiry.Route.QUEUED_FOR_OPENING,
    )
    client.force_login(officer)

    with time_machine.travel(at, tick=False):
        found = sections(client.get(reverse("wagtailadmin_home")).text)

    assert mine.reference in found["mine"] and mine_done.reference not in found["mine"]
    assert overdue.reference in found["overdue"] and "Overdue by 1h 0m" in found["overdue"]
    assert soon.reference not in found["overdue"]
    assert soon.reference in found["due_soon"] and later.reference not in found["due_soon"]
    overnight = found["out_of_hours"]
    assert monday_evening.reference in overnight and small_hours.reference in overnight
    assert weekend.reference not in overnight  # before the office last closed
    assert "Since Mon 2 Mar, 18:00" in overnight
    assert "My open enquiries (1)" in found["mine"]


def test_while_the_office_is_closed_the_panel_counts_from_the_closing(client):
    officer = press_officer()
    sunday_noon = datetime(2026, 3, 1, 12, 0, tzinfo=LONDON)
    saturday = EnquiryFactory(
        received_at=datetime(2026, 2, 28, 9, 0, tzinfo=LONDON),
        route=Enquiry.Route.QUEUED_FOR_OPENING,
    )
    thursday = EnquiryFactory(
        received_at=datetime(2026, 2, 26, 20, 0, tzinfo=LONDON),
        route=Enquiry.Route.QUEUED_FOR_OPENING,
    )
    client.force_login(officer)

    with time_machine.travel(sunday_noon, tick=False):
        overnight = sections(client.get(reverse("wagtailadmin_home")).text)["out_of_hours"]

    assert saturday.reference in overnight and thursday.reference not in overnight
    assert "Since Fri 27 Feb, 18:00" in overnight


def test_the_panel_is_not_shown_outside_the_press_office(client):
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    EnquiryFactory(subject="A journalist's question")
    client.force_login(editor)

    html = client.get(reverse("wagtailadmin_home")).text

    assert "Media enquiries" not in html and "A journalist&#x27;s question" not in html


def test_the_command_sets_up_the_groups_and_leaves_other_permissions_alone():
    officers = Group.objects.create(name="Press officers")
    page_permission = Permission.objects.get(codename="add_page")
    stale = Permission.objects.get(codename="export_enquiry")
    officers.permissions.add(page_permission, stale)

    call_command("setup_enquiry_permissions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("setup_enquiry_permissions", stdout=open("/dev/null", "w"))  # noqa: SIM115

    for name, wanted in ENQUIRY_PERMISSIONS.items():
        group = Group.objects.get(name=name)
        have = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert set(wanted) <= have
    officers_have = set(officers.permissions.values_list("codename", flat=True))
    assert "add_page" in officers_have  # the publishing side's permission is kept
    assert "export_enquiry" not in officers_have  # only managers export
    managers = Group.objects.get(name="Press office managers")
    assert managers.permissions.filter(codename="merge_mediacontact").exists()
    on_call = Group.objects.get(name="On-call officers")
    assert not on_call.permissions.filter(codename__in=["respond_enquiry", "close_enquiry"])
