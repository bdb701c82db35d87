"""Editors' approval: a press officer writes and submits, only a press office manager publishes.

Driven through the Wagtail admin's own views, as the people would use them; the groups and the
"Statement approval" workflow come from ``home.groups``, as the demo and production set them up.
"""

from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from wagtail.models import Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from home.groups import (
    PRESS_OFFICE_MANAGERS,
    PRESS_OFFICERS,
    STATEMENT_WORKFLOW,
    ensure_press_office_groups,
    ensure_statement_workflow,
)
from press.models import Spokesperson, StatementPage, Topic

from .factories import SpokespersonFactory, TopicFactory

HEADLINE = "Appeal after a lorry sheds its load on the A614"


@pytest.fixture
def approval(index_page):
    groups = ensure_press_office_groups()
    ensure_statement_workflow(index_page)
    SpokespersonFactory(name="Chief Inspector Tom Whitlow", slug="whitlow")
    TopicFactory(name="Road safety", slug="road-safety")
    return groups


def person(username, group):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(group)
    return user


@pytest.fixture
def officer(approval):
    return person("olivia", approval[PRESS_OFFICERS])


@pytest.fixture
def manager(approval):
    return person("martin", approval[PRESS_OFFICE_MANAGERS])


def statement_form(action):
    spokesperson = Spokesperson.objects.get(slug="whitlow")
    topic = Topic.objects.get(slug="road-safety")
    data = nested_form_data(
        {
            "title": HEADLINE,
            "slug": "lorry-sheds-load-a614",
            "date": "2026-03-02",
            "statement_type": "news",
            "standfirst": "The A614 was closed for four hours after a lorry shed its load.",
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>Nobody was hurt.</p>")),
                    (
                        "quote",
                        {
                            "quote": rich_text("<p>Thank you for your patience.</p>"),
                            "spokesperson": spokesperson.pk,
                            "name": "",
                            "role": "",
                        },
                    ),
                ]
            ),
            "further_information": rich_text("<p>The road reopened at 2pm.</p>"),
            "related_links": inline_formset([]),
            "updates": inline_formset([]),
        }
    )
    data["topics"] = [topic.pk]
    data[action] = "on"
    return data


def submit_new_statement(client, officer, index_page):
    client.force_login(officer)
    url = reverse("wagtailadmin_pages:add", args=("press", "statementpage", index_page.pk))
    response = client.post(url, statement_form("action-submit"))
    assert response.status_code == 302, response.context and response.context["form"].errors
    return StatementPage.objects.get(slug="lorry-sheds-load-a614")


def act_on_task(client, user, page, action, comment=""):
    client.force_login(user)
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


def test_the_statements_index_needs_a_managers_approval(approval, index_page):
    workflow = index_page.get_workflow()
    assert workflow == Workflow.objects.get(name=STATEMENT_WORKFLOW)
    [task] = workflow.tasks.specific()
    assert list(task.groups.values_list("name", flat=True)) == [PRESS_OFFICE_MANAGERS]


def test_a_press_officer_submits_a_statement_but_cannot_publish_it(client, officer, index_page):
    page = submit_new_statement(client, officer, index_page)

    assert not page.live
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == officer
    assert not page.permissions_for_user(officer).can_publish()

    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    client.post(edit, statement_form("action-publish"))
    page.refresh_from_db()
    assert not page.live

    response = act_on_task(client, officer, page, "approve")
    refused = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("do not have permission" in message for message in refused), refused
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get(index_page.url + "lorry-sheds-load-a614/").status_code == 404


def test_a_manager_approves_and_the_statement_is_live(client, officer, manager, index_page):
    page = submit_new_statement(client, officer, index_page)

    response = act_on_task(client, manager, page, "approve", comment="Good to go.")
    assert response.status_code == 302

    page.refresh_from_db()
    assert page.live
    assert page.live_revision.user == officer
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_APPROVED
    client.logout()
    reader = client.get(page.url)
    assert reader.status_code == 200
    assert HEADLINE in reader.content.decode()
    assert HEADLINE in client.get(index_page.url).content.decode()


def test_a_rejected_statement_stays_unpublished(client, officer, manager, index_page):
    page = submit_new_statement(client, officer, index_page)

    response = act_on_task(client, manager, page, "reject", comment="Check the road name.")
    assert response.status_code == 302

    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    client.logout()
    assert client.get(index_page.url + "lorry-sheds-load-a614/").status_code == 404
    assert HEADLINE not in client.get(index_page.url).content.decode()
