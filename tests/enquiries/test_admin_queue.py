"""The enquiry queue: what a press officer sees first, how they narrow it down, and who may look."""

import csv
import io
from datetime import timedelta

from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from enquiries.models import Enquiry
from tests.enquiries.factories import (
    EnquiryFactory,
    MediaContactFactory,
    UserFactory,
    manager,
    on_call_officer,
    press_officer,
)

pytestmark = pytest.mark.django_db

QUEUE = "enquiry:index"
NOW = timezone.datetime(2026, 3, 3, 11, 0, tzinfo=timezone.get_default_timezone())


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def listed(response):
    """References in the order the queue shows them."""
    return [row.reference for row in response.context["object_list"]]


def queue(client, **params):
    return client.get(reverse(QUEUE), params)


def test_urgent_open_enquiries_come_first_then_by_deadline(client, frozen):
    officer = press_officer()
    later = EnquiryFactory(deadline=frozen + timedelta(hours=5))
    sooner = EnquiryFactory(deadline=frozen + timedelta(hours=1))
    no_deadline = EnquiryFactory(deadline=None)
    urgent_late = EnquiryFactory(urgent=True, deadline=frozen + timedelta(hours=8))
    urgent_soon = EnquiryFactory(urgent=True, deadline=frozen + timedelta(hours=2))
    answered_urgent = EnquiryFactory(
        urgent=True, status=Enquiry.Status.ANSWERED, deadline=frozen - timedelta(hours=1)
    )
    closed = EnquiryFactory(status=Enquiry.Status.CLOSED, deadline=frozen - timedelta(days=1))
    client.force_login(officer)

    response = queue(client)

    assert response.status_code == 200
    assert listed(response) == [
        urgent_soon.reference,
        urgent_late.reference,
        sooner.reference,
        later.reference,
        no_deadline.reference,
        closed.reference,
        answered_urgent.reference,
    ]


def test_the_queue_shows_deadline_tags(client, frozen):
    officer = press_officer()
    EnquiryFactory(subject="Overdue one", deadline=frozen - timedelta(minutes=30))
    EnquiryFactory(subject="Soon one", deadline=frozen + timedelta(hours=1, minutes=20))
    EnquiryFactory(
        subject="Answered", status=Enquiry.Status.ANSWERED, deadline=frozen - timedelta(hours=3)
    )
    client.force_login(officer)

    html = queue(client).text

    assert "Overdue by 30m" in html
    assert "Due in 1h 20m" in html
    assert "Overdue by 3h" not in html  # answered in time or not, it is no longer waiting


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": ["new"]}, {"new", "urgent_night", "overdue", "due_soon"}),
        ({"status": ["assigned", "answered"]}, {"assigned_mine", "answered"}),
        ({"route": "urgent_out_of_hours"}, {"urgent_night"}),
        ({"urgent": "true"}, {"urgent_night"}),
        ({"assignee": "me"}, {"assigned_mine"}),
        ({"assignee": "unassigned"}, {"new", "urgent_night", "overdue", "due_soon"}),
        ({"outlet": "radio northmoor"}, {"due_soon"}),
        ({"deadline": "overdue"}, {"overdue"}),
        ({"deadline": "due_soon"}, {"due_soon", "urgent_night"}),
    ],
)
def test_filters_narrow_the_queue(client, frozen, params, expected):
    officer, colleague = press_officer(), press_officer()
    radio = MediaContactFactory(outlet="Radio Northmoor")
    echo = MediaContactFactory(outlet="Northmoor Evening Echo")
    made = {
        "new": EnquiryFactory(contact=echo, deadline=frozen + timedelta(days=2)),
        "assigned_mine": EnquiryFactory(
            contact=echo, assignee=officer, status=Enquiry.Status.ASSIGNED
        ),
        "answered": EnquiryFactory(
            contact=echo, assignee=colleague, status=Enquiry.Status.ANSWERED
        ),
        "urgent_night": EnquiryFactory(
            contact=echo,
            urgent=True,
            route=Enquiry.Route.URGENT_OUT_OF_HOURS,
            deadline=frozen + timedelta(minutes=90),
        ),
        "overdue": EnquiryFactory(contact=echo, deadline=frozen - timedelta(minutes=5)),
        "due_soon": EnquiryFactory(contact=radio, deadline=frozen + timedelta(minutes=100)),
        "closed_overdue": EnquiryFactory(
            contact=echo,
            assignee=colleague,
            status=Enquiry.Status.CLOSED,
            deadline=frozen - timedelta(hours=4),
        ),
    }
    client.force_login(officer)

    response = queue(client, **params)

    assert response.status_code == 200
    assert set(listed(response)) == {made[name].reference for name in expected}


def test_a_colleague_can_be_chosen_in_the_assignee_filter(client):
    officer, colleague = press_officer(), press_officer(first_name="Dana", last_name="Wells")
    theirs = EnquiryFactory(assignee=colleague, status=Enquiry.Status.ASSIGNED)
    EnquiryFactory(assignee=officer, status=Enquiry.Status.ASSIGNED)
    client.force_login(officer)

    response = queue(client, assignee=str(colleague.pk))

    assert listed(response) == [theirs.reference]
    assert "Dana Wells" in response.text


def test_search_finds_by_reference_subject_name_or_outlet(client):
    officer = press_officer()
    target = EnquiryFactory(subject="Missing hiker on Kinder Scout")
    other = EnquiryFactory(subject="Parking fines")
    client.force_login(officer)

    assert listed(queue(client, q=target.reference.lower())) == [target.reference]
    assert listed(queue(client, q="kinder")) == [target.reference]
    assert set(listed(queue(client, q=other.journalist_name))) >= {other.reference}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"status": ["new"]},
        {"route": "in_hours"},
        {"urgent": "true"},
        {"assignee": "me"},
        {"assignee": "unassigned"},
        {"outlet": "Radio"},
        {"deadline": "overdue"},
        {"deadline": "due_soon"},
        {"q": "hiker"},
    ],
)
def test_the_first_page_of_any_filter_takes_few_queries(
    client, frozen, django_assert_max_num_queries, params
):
    officer = press_officer()
    for index in range(60):
        EnquiryFactory(
            assignee=officer if index % 3 else None,
            status=Enquiry.Status.ASSIGNED if index % 3 else Enquiry.Status.NEW,
            urgent=index % 7 == 0,
            deadline=frozen + timedelta(minutes=20 * index - 300),
        )
    client.force_login(officer)
    queue(client)  # warm the per-process caches (content types, site settings)

    with django_assert_max_num_queries(15):
        response = queue(client, **params)
    assert response.status_code == 200


def test_managers_export_the_filtered_queue_as_csv(client, frozen):
    boss = manager()
    urgent = EnquiryFactory(
        urgent=True,
        subject="Flooding on the ring road",
        journalist_name="Ana Costa",
        outlet="The Dale Gazette",
        assignee=boss,
        status=Enquiry.Status.ASSIGNED,
    )
    EnquiryFactory(subject="Not urgent")
    client.force_login(boss)

    response = queue(client, urgent="true", export="csv")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="enquiries.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    row = rows[0]
    assert row["Reference"] == urgent.reference
    assert row["Subject"] == "Flooding on the ring road"
    assert row["Journalist name"] == "Ana Costa"
    assert row["Media outlet"] == "The Dale Gazette"
    assert row["Urgent"] == "True"
    assert row["Status"] == "Assigned"
    assert row["Route"] == "In office hours: press office queue"
    assert row["Assigned to"] == boss.get_full_name()
    assert row["Phone"].startswith("+447700900")


def test_managers_also_export_xlsx(client):
    boss = manager()
    EnquiryFactory()
    client.force_login(boss)

    response = queue(client, export="xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_press_officers_cannot_export_personal_data_in_bulk(client):
    officer = press_officer()
    EnquiryFactory()
    client.force_login(officer)

    assert queue(client, export="csv").status_code == 403
    assert "Download CSV" not in queue(client).text


def test_on_call_officers_can_see_the_queue(client):
    on_call = on_call_officer()
    enquiry = EnquiryFactory()
    client.force_login(on_call)

    assert listed(queue(client)) == [enquiry.reference]
    page = client.get(reverse("enquiry:inspect", args=[enquiry.pk]))
    assert page.status_code == 200 and enquiry.email in page.text


@pytest.mark.parametrize(
    "url",
    [
        lambda e: reverse("enquiry:index"),
        lambda e: reverse("enquiry:index") + "?export=csv",
        lambda e: reverse("enquiry:inspect", args=[e.pk]),
        lambda e: reverse("enquiry:add"),
        lambda e: reverse("media_contact:index"),
        lambda e: reverse("media_contact:inspect", args=[e.contact.pk]),
        lambda e: reverse("enquiry:contact_search") + "?q=Priya",
    ],
)
def test_someone_outside_the_press_office_cannot_see_journalists_personal_data(client, url):
    editor = UserFactory()  # can use the admin (a web editor, say) but is in no press group
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    enquiry = EnquiryFactory(
        journalist_name="Priya Shah", email="priya.shah@echo.example", contact__name="Priya Shah"
    )
    client.force_login(editor)

    response = client.get(url(enquiry))

    assert response.status_code == 403
    assert b"priya" not in response.content.lower()


def test_the_admin_menu_shows_enquiries_only_to_the_press_office(client):
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert reverse("enquiry:index") not in client.get(reverse("wagtailadmin_home")).text

    client.force_login(press_officer())
    assert reverse("enquiry:index") in client.get(reverse("wagtailadmin_home")).text


def test_a_huge_queue_is_counted_only_up_to_a_cap(client, monkeypatch):
    from enquiries.viewsets import QueuePaginator

    monkeypatch.setattr(QueuePaginator, "count_cap", 5)
    officer = press_officer()
    EnquiryFactory.create_batch(7, status=Enquiry.Status.CLOSED)
    client.force_login(officer)

    everything = queue(client).text
    closed = queue(client, status=["closed"]).text
    narrowed = queue(client, status=["new"]).text

    assert "More than 5 enquiries" in everything
    assert "There are more than 5 matches" in closed
    assert "More than 5" not in narrowed and "There are no enquiries" not in everything
