"""Who in the press office may see and change the on-call arrangements, through the groups."""

from django.contrib.auth import get_user_model

import pytest

from enquiries.groups import MANAGERS, ON_CALL, PRESS_OFFICERS, ensure_enquiry_permissions

pytestmark = pytest.mark.django_db


def member_of(group_name):
    groups = ensure_enquiry_permissions()
    user = get_user_model().objects.create_user(
        group_name.split()[0].lower(), "someone@northmoor-police.example", "pw"
    )
    user.groups.add(groups[group_name])
    return user


@pytest.mark.parametrize("group_name", [PRESS_OFFICERS, ON_CALL, MANAGERS])
def test_everyone_in_the_press_office_sees_who_is_on_call_and_the_alerts(client, group_name):
    client.force_login(member_of(group_name))
    assert client.get("/admin/who-is-on-call/").status_code == 200
    assert client.get("/admin/oncall-alerts/").status_code == 200
    assert client.get("/admin/oncall-rotas/").status_code == 200


def test_a_manager_sets_up_rotas_cover_and_policies(client):
    client.force_login(member_of(MANAGERS))
    for url in (
        "/admin/oncall-rotas/new/",
        "/admin/oncall-cover/new/",
        "/admin/oncall-policies/new/",
    ):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("group_name", [PRESS_OFFICERS, ON_CALL])
def test_officers_cannot_change_the_rotas_or_the_escalation_policy(client, group_name):
    client.force_login(member_of(group_name))
    for url in ("/admin/oncall-rotas/new/", "/admin/oncall-policies/new/"):
        assert client.get(url).status_code in (302, 403)
