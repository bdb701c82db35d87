"""The press office's groups, their permissions and the approval workflow for statements.

Set up in code rather than by hand in the admin, so every environment (demo, tests, production)
has the same rule: a press officer writes and submits, only a press office manager publishes.
Everything here is additive and idempotent: other apps grant their own permissions to the same
groups, and running it again changes nothing.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

PRESS_OFFICERS = "Press officers"
PRESS_OFFICE_MANAGERS = "Press office managers"
ON_CALL_OFFICERS = "On-call officers"

STATEMENT_WORKFLOW = "Statement approval"
MANAGER_APPROVAL_TASK = "Approval by a press office manager"

# (app label, codename). Press officers keep the spokespeople and topics they quote and tag.
OFFICER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("press", "add_spokesperson"),
    ("press", "change_spokesperson"),
    ("press", "add_topic"),
    ("press", "change_topic"),
]
MANAGER_PERMISSIONS = [
    *OFFICER_PERMISSIONS,
    ("press", "delete_spokesperson"),
    ("press", "delete_topic"),
    ("home", "change_pressofficesettings"),
]
ON_CALL_PERMISSIONS = [("wagtailadmin", "access_admin")]

# Page permissions: officers on the statements section; managers on the whole site.
OFFICER_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
MANAGER_PAGE_PERMISSIONS = [*OFFICER_PAGE_PERMISSIONS, "publish_page", "unlock_page"]

# Images and documents for statements, on the root collection.
OFFICER_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
MANAGER_COLLECTION_PERMISSIONS = [
    *OFFICER_COLLECTION_PERMISSIONS,
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "delete_document"),
]


def _permissions(pairs):
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.filter(codename__in=[codename for _, codename in pairs])
        .select_related("content_type")
        .filter(content_type__app_label__in={app for app, _ in pairs})
    }
    missing = [pair for pair in pairs if pair not in found]
    if missing:
        raise LookupError(f"Permissions not found (are migrations applied?): {missing}")
    return [found[pair] for pair in pairs]


def _grant_pages(group, page, codenames):
    for permission in _permissions([("wagtailcore", codename) for codename in codenames]):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_collection(group, pairs):
    root = Collection.get_first_root_node()
    for permission in _permissions(pairs):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def statements_index():
    from press.models import StatementIndexPage

    return StatementIndexPage.objects.order_by("path").first()


@transaction.atomic
def ensure_press_office_groups():
    """Create the three groups with their permissions; return them by name.

    Page permissions need the pages: the managers' go on the default site's root page and the
    officers' on the statements index, each only once that page exists.
    """
    officers, _ = Group.objects.get_or_create(name=PRESS_OFFICERS)
    managers, _ = Group.objects.get_or_create(name=PRESS_OFFICE_MANAGERS)
    on_call, _ = Group.objects.get_or_create(name=ON_CALL_OFFICERS)

    officers.permissions.add(*_permissions(OFFICER_PERMISSIONS))
    managers.permissions.add(*_permissions(MANAGER_PERMISSIONS))
    on_call.permissions.add(*_permissions(ON_CALL_PERMISSIONS))
    _grant_collection(officers, OFFICER_COLLECTION_PERMISSIONS)
    _grant_collection(managers, MANAGER_COLLECTION_PERMISSIONS)

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site:
        _grant_pages(managers, site.root_page, MANAGER_PAGE_PERMISSIONS)
    index = statements_index()
    if index:
        _grant_pages(officers, index, OFFICER_PAGE_PERMISSIONS)
    return {group.name: group for group in (officers, managers, on_call)}


@transaction.atomic
def ensure_statement_workflow(index: Page):
    """Every statement under ``index`` needs a press office manager's approval to go live."""
    managers, _ = Group.objects.get_or_create(name=PRESS_OFFICE_MANAGERS)
    workflow, _ = Workflow.objects.get_or_create(name=STATEMENT_WORKFLOW)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task, _ = GroupApprovalTask.objects.get_or_create(name=MANAGER_APPROVAL_TASK)
    task.groups.add(managers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow
