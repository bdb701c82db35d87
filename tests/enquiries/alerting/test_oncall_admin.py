"""The press office sets up rotas and policies in the admin and sees who is on call, and what
would go wrong tonight, before it does."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest
import time_machine

from enquiries.models import Alert, OnCallRota, RotaCoverageWindow
from home.models import WorkerHeartbeat

from .factories import ContactMethodFactory, OfficerFactory, cover, policy_of, rota_of

LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db


@pytest.fixture
def head_of_news(client):
    user = get_user_model().objects.create_superuser(
        "head.of.news", "head.of.news@northmoor-police.example", "pw", first_name="Helen"
    )
    client.force_login(user)
    return user


@time_machine.travel(datetime(2026, 7, 4, 22, 0, tzinfo=UTC), tick=False)  # Saturday 23:00 BST
def test_who_is_on_call_names_tonights_officer_and_warns_about_gaps_and_unreachable_people(
    client, head_of_news
):
    priya = OfficerFactory(first_name="Priya", last_name="Shah")
    tom = OfficerFactory(first_name="Tom", last_name="Hughes")
    ContactMethodFactory(user=priya)
    rota = rota_of(priya, tom, name="Press office on call")
    RotaCoverageWindow.objects.create(
        rota=rota,
        start_weekday=4,
        start_time=datetime(2000, 1, 1, 18).time(),
        end_weekday=0,
        end_time=datetime(2000, 1, 1, 8).time(),
    )
    policy_of([([], [rota], 5)], fallback=[head_of_news])

    page = client.get("/admin/who-is-on-call/").content.decode()

    assert "Press office on call" in page
    # Weeks alternate from Monday 5 January: the week of 29 June 2026 is Tom's.
    assert "On call now: <strong>Tom Hughes</strong>" in page
    assert "Nobody is on call for" in page  # weekdays are not covered by this rota
    assert "Tom Hughes" in page.split("no working contact method")[1].split("</ul>")[0]
    assert "Priya Shah" not in page.split("no working contact method")[1].split("</ul>")[0]
    assert "Helen" in page.split("no working contact method")[1].split("</ul>")[0]
    shift_rows = page.count('<tr class="shift">')
    assert 8 <= shift_rows <= 10  # one weekend a week for eight weeks


def test_who_is_on_call_is_closed_to_people_without_rota_permissions(client):
    user = get_user_model().objects.create_user("journalist", password="pw")
    client.force_login(user)

    response = client.get("/admin/who-is-on-call/")

    assert response.status_code in (302, 403)


def test_a_rota_is_set_up_with_its_members_in_order(client, head_of_news):
    aisha, gareth = OfficerFactory(first_name="Aisha"), OfficerFactory(first_name="Gareth")
    form = client.get("/admin/oncall-rotas/new/")
    assert form.status_code == 200
    assert "members-FORMS" in form.content.decode()

    response = client.post(
        "/admin/oncall-rotas/new/",
        {
            "name": "Weekend desk",
            "description": "",
            "starts_on": "2026-01-05",
            "handoff_weekday": "0",
            "handoff_time": "08:00",
            "shift_length": "7",
            "shift_unit": "days",
            "members-TOTAL_FORMS": "2",
            "members-INITIAL_FORMS": "0",
            "members-MIN_NUM_FORMS": "0",
            "members-MAX_NUM_FORMS": "1000",
            "members-0-user": str(gareth.pk),
            "members-0-ORDER": "1",
            "members-0-DELETE": "",
            "members-1-user": str(aisha.pk),
            "members-1-ORDER": "2",
            "members-1-DELETE": "",
            "coverage_windows-TOTAL_FORMS": "0",
            "coverage_windows-INITIAL_FORMS": "0",
            "coverage_windows-MIN_NUM_FORMS": "0",
            "coverage_windows-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    rota = OnCallRota.objects.get(name="Weekend desk")
    assert [m.user for m in rota.members.all()] == [gareth, aisha]
    with time_machine.travel(datetime(2026, 1, 6, 12, tzinfo=UTC), tick=False):
        assert rota.on_call() == gareth.pk


def test_cover_policies_and_contact_methods_have_their_admin_pages(client, head_of_news):
    for url in (
        "/admin/oncall-cover/",
        "/admin/oncall-cover/new/",
        "/admin/oncall-policies/",
        "/admin/oncall-policies/new/",
        "/admin/oncall-contacts/",
        "/admin/oncall-contacts/new/",
        "/admin/oncall-alerts/",
        "/admin/oncall-rotas/",
    ):
        assert client.get(url).status_code == 200, url
    assert "levels-FORMS" in client.get("/admin/oncall-policies/new/").content.decode()


def test_alerts_are_listed_but_cannot_be_made_or_edited_by_hand(client, head_of_news):
    assert client.get("/admin/oncall-alerts/new/").status_code in (302, 403)


def test_the_cover_list_shows_who_covers_when(client, head_of_news):
    mei = OfficerFactory(first_name="Mei", last_name="Lin")
    rota = rota_of(OfficerFactory(), name="Press office on call")
    start = datetime(2026, 8, 1, 18, tzinfo=LONDON)
    cover(rota, mei, start, start + timedelta(days=1))

    page = client.get("/admin/oncall-cover/").content.decode()

    assert "Mei Lin" in page and "Press office on call" in page


def test_the_dashboard_warns_when_no_worker_has_beaten_for_two_minutes(client, head_of_news):
    warning = "The alert worker is not running"
    assert warning in client.get("/admin/").content.decode()

    WorkerHeartbeat.objects.create(worker_id="w1", hostname="worker-1", pid=42)
    assert warning not in client.get("/admin/").content.decode()

    WorkerHeartbeat.objects.update(last_seen_at=timezone.now() - timedelta(minutes=3))
    page = client.get("/admin/").content.decode()
    assert warning in page and "worker-1" in page


def test_open_alerts_show_on_the_who_is_on_call_page(client, head_of_news):
    assert Alert.objects.count() == 0
    assert "No alert is paging anyone." in client.get("/admin/who-is-on-call/").content.decode()
