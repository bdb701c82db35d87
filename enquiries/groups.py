"""Who in the press office may do what with enquiries and journalists' personal data.

The three groups are shared with the publishing side, which gives them page permissions;
here they only gain the enquiry permissions, so running this again (or in any order with
the publishing set-up) changes nothing else. Nobody outside these groups (or a superuser)
can see the queue or the contacts: that is the journalists' personal data.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

PRESS_OFFICERS = "Press officers"
MANAGERS = "Press office managers"
ON_CALL = "On-call officers"

_OFFICER = [
    "wagtailadmin.access_admin",
    "enquiries.view_enquiry",
    "enquiries.add_enquiry",
    "enquiries.assign_enquiry",
    "enquiries.note_enquiry",
    "enquiries.respond_enquiry",
    "enquiries.close_enquiry",
    "enquiries.categorise_enquiry",
    "enquiries.view_mediacontact",
    "enquiries.add_mediacontact",
    "enquiries.change_mediacontact",
]

ENQUIRY_PERMISSIONS = {
    PRESS_OFFICERS: _OFFICER,
    MANAGERS: [
        *_OFFICER,
        "enquiries.export_enquiry",
        "enquiries.merge_mediacontact",
        # Office hours and closures decide every enquiry's route: managers set them.
        "enquiries.change_officehourssettings",
        "enquiries.view_closure",
        "enquiries.add_closure",
        "enquiries.change_closure",
        "enquiries.delete_closure",
    ],
    # On call: see the enquiry they were alerted about, take it and leave a note for the morning.
    ON_CALL: [
        "wagtailadmin.access_admin",
        "enquiries.view_enquiry",
        "enquiries.assign_enquiry",
        "enquiries.note_enquiry",
        "enquiries.view_mediacontact",
    ],
}

# The on-call arrangements: everyone in the press office sees the rotas and the alerts (who is
# on call tonight, what was sent); managers run the rotas, cover, policies and contact methods.
_ONCALL_VIEW = [
    "enquiries.view_oncallrota",
    "enquiries.view_rotaoverride",
    "enquiries.view_escalationpolicy",
    "enquiries.view_alert",
    "enquiries.view_contactmethod",
]
_ONCALL_MANAGE = [
    f"enquiries.{action}_{model}"
    for model in ("oncallrota", "rotaoverride", "escalationpolicy", "contactmethod")
    for action in ("add", "change", "delete")
]
ENQUIRY_PERMISSIONS[PRESS_OFFICERS] += _ONCALL_VIEW
ENQUIRY_PERMISSIONS[ON_CALL] += _ONCALL_VIEW
ENQUIRY_PERMISSIONS[MANAGERS] += _ONCALL_VIEW + _ONCALL_MANAGE


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_enquiry_permissions():
    """Create the groups if needed and give each exactly its enquiry permissions.

    Enquiry permissions a group should not have are taken away; permissions of other apps
    (pages, images) are left as they are.
    """
    groups = {}
    for name, dotted_names in ENQUIRY_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = {_permission(dotted) for dotted in dotted_names}
        stale = group.permissions.filter(content_type__app_label="enquiries").exclude(
            pk__in=[p.pk for p in wanted]
        )
        group.permissions.remove(*stale)
        group.permissions.add(*wanted)
        groups[name] = group
    return groups
