"""On-call officers keep their own contact methods and prove each one reaches them.

The person paged at 2 a.m. knows their own number best: anyone who may see the contact methods
adds, changes and removes their own (never a colleague's); managers keep everyone's. A test
message, sent through the same provider an alert would use, carries a signed link; confirming it
from the phone marks the method verified, and changing the address makes it unverified again.
"""

import re
from datetime import timedelta

from django.contrib.auth import get_user_model

import pytest
import time_machine

from enquiries.groups import MANAGERS, ON_CALL, PRESS_OFFICERS, ensure_enquiry_permissions
from enquiries.models import ContactMethod
from tests.fakes.fixtures import fake_notify  # noqa: F401 (fixture)

from .factories import ContactMethodFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/oncall/check/\S+/")


def member_of(group_name, username):
    groups = ensure_enquiry_permissions()
    user = get_user_model().objects.create_user(
        username, f"{username}@northmoor-police.example", "pw", first_name=username.title()
    )
    user.groups.add(groups[group_name])
    return user


@pytest.fixture
def priya():
    return member_of(ON_CALL, "priya")


@pytest.fixture
def tom():
    return member_of(ON_CALL, "tom")


@pytest.mark.parametrize("group_name", [ON_CALL, PRESS_OFFICERS])
def test_an_officer_adds_their_own_mobile_and_cannot_add_one_for_a_colleague(
    client, tom, group_name
):
    officer = member_of(group_name, "olu")
    client.force_login(officer)

    form = client.get("/admin/oncall-contacts/new/")
    assert form.status_code == 200
    assert 'name="user"' not in form.content.decode()  # the person is a manager's choice
    assert 'name="verified"' not in form.content.decode()

    response = client.post(
        "/admin/oncall-contacts/new/",
        # A crafted "user" and "verified" are ignored: the method is theirs, and unverified.
        {
            "user": tom.pk,
            "kind": "sms",
            "address": "07700 900123",
            "label": "work mobile",
            "priority": 1,
            "active": "on",
            "verified": "on",
        },
    )

    assert response.status_code == 302
    method = ContactMethod.objects.get(address="+447700900123")
    assert method.user == officer
    assert not method.verified
    assert not ContactMethod.objects.filter(user=tom).exists()


def test_an_officer_changes_and_removes_their_own_method_but_not_a_colleagues(client, priya, tom):
    own = ContactMethodFactory(user=priya, kind="sms", address="+447700900111")
    colleagues = ContactMethodFactory(user=tom, kind="sms", address="+447700900222")
    client.force_login(priya)

    listing = client.get("/admin/oncall-contacts/").content.decode()
    assert f'href="/admin/oncall-contacts/{own.pk}/test/"' in listing
    assert f'href="/admin/oncall-contacts/{colleagues.pk}/test/"' not in listing
    assert "+447700900222" in listing  # colleagues' methods are shown, for who is reachable
    assert client.get(f"/admin/oncall-contacts/edit/{own.pk}/").status_code == 200
    assert client.get(f"/admin/oncall-contacts/edit/{colleagues.pk}/").status_code in (302, 403)
    refused = client.post(
        f"/admin/oncall-contacts/edit/{colleagues.pk}/",
        {"kind": "sms", "address": "07700 900999", "priority": 1, "active": "on"},
    )
    assert refused.status_code in (302, 403)
    assert client.post(f"/admin/oncall-contacts/delete/{colleagues.pk}/").status_code in (302, 403)
    colleagues.refresh_from_db()
    assert colleagues.address == "+447700900222"

    assert client.post(f"/admin/oncall-contacts/delete/{own.pk}/").status_code == 302
    assert not ContactMethod.objects.filter(pk=own.pk).exists()
    assert ContactMethod.objects.filter(pk=colleagues.pk).exists()


def test_a_manager_keeps_everyones_methods(client, tom):
    manager = member_of(MANAGERS, "martin")
    method = ContactMethodFactory(user=tom, kind="sms", address="+447700900222")
    client.force_login(manager)

    response = client.post(
        f"/admin/oncall-contacts/edit/{method.pk}/",
        {"user": tom.pk, "kind": "sms", "address": "07700 900333", "priority": 2, "active": "on"},
    )

    assert response.status_code == 302
    method.refresh_from_db()
    assert (method.address, method.priority) == ("+447700900333", 2)


def test_the_same_number_twice_is_a_clear_form_error_not_a_crash(client, priya):
    ContactMethodFactory(user=priya, kind="sms", address="+447700900111")
    client.force_login(priya)

    response = client.post(
        "/admin/oncall-contacts/new/",
        {"kind": "sms", "address": "07700 900111", "priority": 2, "active": "on"},
    )

    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert ContactMethod.objects.filter(user=priya).count() == 1


def test_a_changed_number_is_no_longer_verified(priya):
    method = ContactMethodFactory(user=priya, kind="sms", address="+447700900111", verified=True)

    method.label = "work mobile"
    method.save()
    method.refresh_from_db()
    assert method.verified  # nothing about how to reach her changed

    method.address = "+447700900112"
    method.save()
    method.refresh_from_db()
    assert not method.verified


def test_a_test_text_arrives_and_confirming_it_from_the_phone_verifies_the_number(
    client,
    priya,
    fake_notify,  # noqa: F811
):
    method = ContactMethodFactory(user=priya, kind="sms", address="+447700900111", verified=False)
    client.force_login(priya)

    page = client.get(f"/admin/oncall-contacts/{method.pk}/test/")
    assert page.status_code == 200
    assert "+447700900111" in page.content.decode()
    sent = client.post(f"/admin/oncall-contacts/{method.pk}/test/", follow=True)
    assert "Test sent to +447700900111" in sent.content.decode()

    (text,) = fake_notify.texts_to("+447700900111")
    link = LINK.search(text).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    phone = client_for_phone()
    shown = phone.get("/" + path)
    assert shown.status_code == 200
    assert "I received this test" in shown.content.decode()
    method.refresh_from_db()
    assert not method.verified  # opening the link (or a link scanner) changes nothing

    confirmed = phone.post("/" + path, follow=True)

    assert "This contact method is confirmed" in confirmed.content.decode()
    method.refresh_from_db()
    assert method.verified


def test_a_failed_test_says_why_and_verifies_nothing(client, priya, fake_notify):  # noqa: F811
    fake_notify.fail_with(400)
    method = ContactMethodFactory(user=priya, kind="sms", address="+447700900111", verified=False)
    client.force_login(priya)

    response = client.post(f"/admin/oncall-contacts/{method.pk}/test/", follow=True)

    assert "could not be sent to +447700900111" in response.content.decode()
    method.refresh_from_db()
    assert not method.verified


def test_nobody_sends_tests_to_a_colleagues_number(client, priya, tom, fake_notify):  # noqa: F811
    colleagues = ContactMethodFactory(user=tom, kind="sms", address="+447700900222")
    client.force_login(priya)

    refused = client.post(f"/admin/oncall-contacts/{colleagues.pk}/test/")
    assert refused.status_code in (302, 403)  # the admin sends a refusal back to the dashboard
    assert fake_notify.accepted() == []


def test_a_check_link_for_a_changed_expired_or_altered_method_is_refused(
    client,
    priya,
    fake_notify,  # noqa: F811
):
    method = ContactMethodFactory(user=priya, kind="sms", address="+447700900111", verified=False)
    client.force_login(priya)
    client.post(f"/admin/oncall-contacts/{method.pk}/test/")
    (text,) = fake_notify.texts_to("+447700900111")
    path = "/" + LINK.search(text).group(0).split("://", 1)[1].split("/", 1)[1]
    phone = client_for_phone()

    assert phone.post(path[:-3] + "xx/").status_code == 400

    with time_machine.travel(timedelta(hours=25)):
        assert phone.post(path).status_code == 403

    ContactMethod.objects.filter(pk=method.pk).update(address="+447700900999")
    assert phone.post(path).status_code == 403
    method.refresh_from_db()
    assert not method.verified


def client_for_phone():
    """The officer's phone: not signed in to the admin, cookies of its own."""
    from django.test import Client

    return Client()
