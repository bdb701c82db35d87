"""`make run` loads a believable press office, the same every time, that can ring nobody real."""

import io
import json
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from wagtail.models import (
    GroupPagePermission,
    Page,
    Revision,
    Site,
    Workflow,
    WorkflowPage,
)

import pytest

from home.models import ContactPage, HomePage, PressOfficeSettings
from press.models import Spokesperson, StatementIndexPage, StatementPage, Topic

pytestmark = pytest.mark.django_db

# Anything that looks like a UK phone number: +44 or 0, then 9 or 10 more digits, spaced or
# not, standing on its own (not inside a hash, an id or a decimal).
PHONE_LIKE = re.compile(
    r"(?<![\w+.])(?:\+44[\s-]?(?:\(0\)[\s-]?)?|0)\d(?:[\s-]?\d){8,9}(?!\w|\.\d)"
)
# Ofcom's numbers for drama: 020 7946 0000-0999 and 07700 900000-900999.
OFCOM_DRAMA = re.compile(r"^(?:02079460\d{3}|07700900\d{3})$")


def phone_numbers_in(text):
    numbers = []
    for match in PHONE_LIKE.finditer(text):
        national = re.sub(r"^\+44[\s-]?(?:\(0\))?", "0", match.group())
        numbers.append(re.sub(r"\D", "", national))
    return numbers


def load():
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "a-demo-password")
    return load()


def snapshot():
    """Everything the loader creates, in a form two runs can be compared by."""
    pages = list(
        Page.objects.order_by("path").values_list(
            "path", "slug", "live", "latest_revision_id", "last_published_at"
        )
    )
    return {
        "pages": pages,
        "revisions": Revision.objects.count(),
        "site": list(Site.objects.values_list("hostname", "root_page_id", "site_name")),
        "settings": list(PressOfficeSettings.objects.values()),
        "spokespeople": list(Spokesperson.objects.values_list("slug", "name", "role")),
        "topics": list(Topic.objects.values_list("slug", "name")),
        "users": list(get_user_model().objects.values_list("username", "password")),
        "groups": list(Group.objects.values_list("name", "permissions")),
        "page_permissions": GroupPagePermission.objects.count(),
        "workflows": list(WorkflowPage.objects.values_list("page_id", "workflow__name")),
        "statement_topics": list(StatementPage.topics.through.objects.values_list()),
    }


def test_the_demo_replaces_wagtails_welcome_page_with_the_press_offices_home(demo):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    home = site.root_page
    assert StatementIndexPage.objects.child_of(home).get().url_path.endswith("/statements/")
    assert ContactPage.objects.child_of(home).live().exists()


def test_loading_twice_changes_nothing(demo):
    before = snapshot()
    again = load()
    assert snapshot() == before
    assert "0 statements added" in again


def test_a_credible_press_office_with_at_least_30_statements(demo):
    statements = StatementPage.objects.live()
    assert statements.count() >= 30
    assert set(statements.values_list("statement_type", flat=True)) == {
        "press_release",
        "statement",
        "news",
    }
    assert Spokesperson.objects.count() >= 5
    assert Topic.objects.count() >= 6
    quoting = statements.filter(spokespeople__isnull=False).distinct()
    assert quoting.count() >= 10
    assert StatementPage.spokespeople.through.objects.values("spokesperson").distinct().count() >= 5
    assert statements.exclude(further_information="").exists()
    assert statements.filter(updates__isnull=False).exists()
    dates = sorted(statements.values_list("date", flat=True))
    today = timezone.localdate()
    assert (today - dates[0]).days > 365, "spread over more than a year"
    assert (today - dates[-1]).days < 14, "something recent on the front page"


def test_one_statement_is_scheduled_awaiting_publication_and_not_live(demo):
    scheduled = StatementPage.objects.filter(live=False)
    assert scheduled.count() == 1
    page = scheduled.get()
    assert page.go_live_at > timezone.now()
    revision = page.latest_revision
    assert revision.approved_go_live_at == page.go_live_at
    assert page.status_string == "scheduled"


def test_groups_workflow_and_demo_users_are_set_up(demo):
    assert Workflow.objects.get(name="Statement approval").active
    index = StatementIndexPage.objects.get()
    assert WorkflowPage.objects.get(page=index).workflow.name == "Statement approval"
    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    assert users.get(username="officer").groups.filter(name="Press officers").exists()
    assert users.get(username="manager").groups.filter(name="Press office managers").exists()
    assert users.get(username="oncall").groups.filter(name="On-call officers").exists()
    assert users.get(username="officer").check_password("a-demo-password")
    assert "a-demo-password" in demo


def test_outside_debug_a_default_password_is_refused(monkeypatch):
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="DEMO_ADMIN_PASSWORD"):
        load()
    assert not get_user_model().objects.filter(username="admin").exists()


def test_the_phone_number_scan_would_catch_a_real_number():
    assert phone_numbers_in("Call 0113 496 0000 or +44 (0)161 496 0999.") == [
        "01134960000",
        "01614960999",
    ]
    assert phone_numbers_in('<a href="tel:+447700900999">') == ["07700900999"]
    assert phone_numbers_in("log 312 of Saturday, £48,000, 2,400 tests") == []


def test_every_phone_number_in_the_demo_is_an_ofcom_drama_number(demo, client):
    texts = [json.dumps(list(PressOfficeSettings.objects.values()), default=str)]
    for page in Page.objects.all().specific():
        texts.append(json.dumps(page.serializable_data(), default=str))
    for model in (Spokesperson, Topic):
        texts.append(json.dumps(list(model.objects.values()), default=str))
    for page in Page.objects.live().specific():
        if page.depth > 1:
            response = client.get(page.url)
            assert response.status_code == 200, page.url
            texts.append(response.content.decode())
    numbers = [number for text in texts for number in phone_numbers_in(text)]
    assert "02079460123" in numbers and "07700900123" in numbers
    assert [n for n in numbers if not OFCOM_DRAMA.match(n)] == []
