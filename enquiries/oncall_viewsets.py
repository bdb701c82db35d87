"""The on-call admin: rotas, cover, escalation policies, contact methods, alerts, and a
"Who is on call" page that shows the next eight weeks and warns about what would go wrong at
2 a.m. (a gap with nobody on call, a person nobody could reach).
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from home.models import WorkerHeartbeat

from .models import (
    Alert,
    ContactMethod,
    EscalationPolicy,
    OnCallRota,
    RotaOverride,
)
from .oncall_feeds import person_feed_token, rota_feed_token

LOOK_AHEAD = timedelta(weeks=8)


def person_name(user):
    if user is None:
        return "Nobody"
    return user.get_full_name() or user.get_username()


# -- rotas, cover, policies, contact methods ------------------------------------------------------
class OnCallRotaViewSet(ModelViewSet):
    model = OnCallRota
    icon = "group"
    menu_label = "Rotas"
    add_to_admin_menu = False
    list_display = [
        "name",
        Column(
            "on_call_now",
            label="On call now",
            accessor=lambda rota: person_name(_user(rota.on_call())),
        ),
    ]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("starts_on"),
                FieldRowPanel([FieldPanel("handoff_weekday"), FieldPanel("handoff_time")]),
                FieldRowPanel([FieldPanel("shift_length"), FieldPanel("shift_unit")]),
            ],
            heading="Hand-off (Europe/London wall clock)",
        ),
        InlinePanel("members", heading="Members, in the order they take turns", label="Member"),
        InlinePanel(
            "coverage_windows",
            heading="Covered periods (none: the rota covers all the time)",
            label="Covered period",
        ),
    ]


class RotaOverrideViewSet(ModelViewSet):
    model = RotaOverride
    icon = "resubmit"
    menu_label = "Cover and swaps"
    add_to_admin_menu = False
    list_display = [
        Column("user", label="Who covers", accessor=lambda cover: person_name(cover.user)),
        "rota",
        DateColumn("starts_at"),
        DateColumn("ends_at"),
        "reason",
    ]
    list_filter = ["rota", "user"]
    panels = [
        FieldPanel("rota"),
        FieldPanel("user", heading="Who covers"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("reason"),
    ]


class EscalationPolicyViewSet(ModelViewSet):
    model = EscalationPolicy
    icon = "list-ol"
    menu_label = "Escalation policies"
    add_to_admin_menu = False
    list_display = ["name", "is_default", "repeat"]
    panels = [
        FieldPanel("name"),
        FieldPanel("is_default"),
        InlinePanel(
            "levels",
            heading="Levels, in order",
            label="Level",
            panels=[
                FieldPanel("people"),
                FieldPanel("rotas"),
                FieldPanel("timeout_minutes"),
            ],
        ),
        FieldPanel("repeat"),
        MultiFieldPanel(
            [FieldPanel("fallback"), FieldPanel("fallback_timeout_minutes")], heading="Fallback"
        ),
    ]


class OwnContactMethodsPolicy(ModelPermissionPolicy):
    """Managers keep everyone's contact methods; anyone who may see them keeps their own.

    The person being paged at 2 a.m. knows their own number best, and a manager should not have
    to be found to change it before a shift.
    """

    KEEP = ("add", "change", "delete")

    def manages(self, user, action):
        return super().user_has_permission(user, action)

    def keeps_own(self, user, action):
        # Django's permission check already refuses anonymous and inactive users.
        return action in self.KEEP and super().user_has_permission(user, "view")

    def user_has_permission(self, user, action):
        return self.manages(user, action) or self.keeps_own(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if self.manages(user, action):
            return True
        return self.keeps_own(user, action) and instance.user_id == user.pk

    def instances_user_has_permission_for(self, user, action):
        if self.manages(user, action):
            return self.model.objects.all()
        if self.keeps_own(user, action):
            return self.model.objects.filter(user=user)
        return self.model.objects.none()


class OwnMethodOnly:
    """Edit and delete views: refuse someone else's method unless the user manages them all."""

    def get_object(self, queryset=None):
        method = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.permission_required, method
        ):
            raise PermissionDenied
        return method


class ContactMethodEditView(OwnMethodOnly, ModelViewSet.edit_view_class):
    pass


class ContactMethodDeleteView(OwnMethodOnly, ModelViewSet.delete_view_class):
    pass


class ContactMethodCreateView(ModelViewSet.add_view_class):
    def get_initial_form_instance(self):
        method = super().get_initial_form_instance() or self.model()
        if not self.permission_policy.manages(self.request.user, "add"):
            method.user = self.request.user  # the person field is a manager's alone
        return method


MANAGE_CONTACT_METHODS = "enquiries.change_contactmethod"


class SendTestColumn(Column):
    """ "Send a test" beside the methods this user keeps (their own, or everyone's for managers)."""

    cell_template_name = "enquiries/oncall/send_test_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = context["request"]
        policy = ContactMethodViewSet.permission_policy
        if request and policy.user_has_permission_for_instance(request.user, "change", instance):
            context["url"] = reverse("oncall-contacts:test", args=[instance.pk])
        return context


class ContactMethodViewSet(ModelViewSet):
    model = ContactMethod
    icon = "mobile-alt"
    menu_label = "Contact methods"
    add_to_admin_menu = False
    permission_policy = OwnContactMethodsPolicy(ContactMethod)
    add_view_class = ContactMethodCreateView
    edit_view_class = ContactMethodEditView
    delete_view_class = ContactMethodDeleteView
    list_display = [
        Column("user", label="Person", accessor=lambda method: person_name(method.user)),
        "kind",
        "address",
        "priority",
        "active",
        "verified",
        SendTestColumn("test", label="Test"),
    ]
    list_filter = ["kind", "active", "verified", "user"]
    search_fields = ["address", "label"]
    panels = [
        FieldPanel("user", permission=MANAGE_CONTACT_METHODS),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("priority")]),
        FieldPanel("address"),
        FieldPanel("label"),
        FieldRowPanel(
            [
                FieldPanel("active"),
                # Otherwise verified only by a test message the person confirms.
                FieldPanel("verified", permission=MANAGE_CONTACT_METHODS),
            ]
        ),
    ]

    def get_urlpatterns(self):
        from .contact_check_views import SendTestMessageView

        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/test/",
                SendTestMessageView.as_view(permission_policy=self.permission_policy),
                name="test",
            ),
        ]


# -- alerts: read-only, the engine owns them ----------------------------------------------
class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Alerts change only through the engine and acknowledgement; the admin only looks."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class AlertInspectView(InspectView):
    """The alert with every message it sent and the enquiry's whole timeline."""

    template_name = "enquiries/oncall/alert_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        alert = self.object
        context["alert"] = alert
        context["deliveries"] = alert.deliveries.select_related("person").prefetch_related(
            "attempts_made"
        )
        context["timeline"] = alert.enquiry.events.select_related("actor")
        return context


class AlertViewSet(ModelViewSet):
    model = Alert
    icon = "warning"
    menu_label = "Alerts"
    add_to_admin_menu = False
    inspect_view_enabled = True
    inspect_view_class = AlertInspectView
    copy_view_enabled = False
    form_fields = []  # never edited here; the permission policy refuses add, change and delete
    list_display = [
        Column("enquiry", label="Enquiry", accessor=lambda alert: alert.enquiry.reference),
        Column("outlet", label="Outlet", accessor=lambda alert: alert.enquiry.outlet),
        "status",
        Column("step", label="Reached", accessor=lambda alert: alert.step_label()),
        DateColumn("next_action_at", label="Escalates at"),
        DateColumn("opened_at", label="Opened"),
    ]
    list_filter = ["status"]

    @property
    def permission_policy(self):
        return ReadOnlyPermissionPolicy(self.model)

    def get_queryset(self, request):
        return Alert.objects.select_related("enquiry").order_by("-opened_at")


# -- who is on call -------------------------------------------------------------------------------
def _user(user_id):
    if user_id is None:
        return None
    return get_user_model().objects.filter(pk=user_id).first()


def people_needing_contact(now):
    """Everyone an alert could page in the coming weeks: members, cover, levels, fallbacks."""
    ids = set()
    for rota in OnCallRota.objects.prefetch_related("members"):
        ids.update(member.user_id for member in rota.members.all())
    ids.update(
        RotaOverride.objects.filter(ends_at__gt=now, starts_at__lt=now + LOOK_AHEAD).values_list(
            "user_id", flat=True
        )
    )
    for policy in EscalationPolicy.objects.prefetch_related("levels__people", "fallback"):
        ids.update(policy.fallback.values_list("pk", flat=True))
        for level in policy.levels.all():
            ids.update(level.people.values_list("pk", flat=True))
    return get_user_model().objects.filter(pk__in=ids)


def unreachable_people(now):
    """People who could be paged but have no active contact method: their alert would vanish."""
    return (
        people_needing_contact(now)
        .exclude(contact_methods__active=True)
        .order_by("first_name", "last_name", "username")
    )


def rota_outlook(rota, now):
    """One rota's next eight weeks: the shifts with names, and the gaps among them."""
    users = {}
    rows = []
    for shift in rota.shifts(now, now + LOOK_AHEAD):
        if shift.person is not None and shift.person not in users:
            users[shift.person] = _user(shift.person)
        rows.append(
            {
                "person": person_name(users.get(shift.person)) if shift.person else None,
                "start": shift.start,
                "end": shift.end,
                "source": shift.source,
            }
        )
    on_call = rota.on_call(now)
    return {
        "rota": rota,
        "feed_token": rota_feed_token(rota),
        "on_call_now": person_name(_user(on_call)) if on_call is not None else None,
        "shifts": rows,
        "gaps": [row for row in rows if row["person"] is None],
    }


class WhoIsOnCallView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "enquiries/oncall/who_is_on_call.html"
    page_title = "Who is on call"
    header_icon = "user"
    permission_policy = ModelPermissionPolicy(OnCallRota)

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_any_permission(
            request.user, ["view", "add", "change"]
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        context.update(
            now=now,
            until=now + LOOK_AHEAD,
            rotas=[rota_outlook(rota, now) for rota in OnCallRota.objects.all()],
            unreachable=unreachable_people(now),
            open_alerts=Alert.objects.filter(status=Alert.Status.OPEN).select_related("enquiry"),
            worker_healthy=WorkerHeartbeat.is_healthy(now),
            worker_last_seen=WorkerHeartbeat.latest(),
            default_policy=EscalationPolicy.default(),
            my_feed_token=person_feed_token(self.request.user),
        )
        return context


class WhoIsOnCallViewSet(ViewSet):
    name = "who-is-on-call"
    icon = "user"
    menu_label = "Who is on call"
    add_to_admin_menu = False

    def get_urlpatterns(self):
        return [path("", WhoIsOnCallView.as_view(), name="index")]

    @cached_property
    def menu_url(self):
        return reverse(self.get_url_name("index"))


class OnCallViewSetGroup(ViewSetGroup):
    menu_label = "On call"
    menu_icon = "warning"
    menu_order = 250
    items = (
        WhoIsOnCallViewSet(),
        AlertViewSet("oncall-alerts"),
        OnCallRotaViewSet("oncall-rotas"),
        RotaOverrideViewSet("oncall-cover"),
        EscalationPolicyViewSet("oncall-policies"),
        ContactMethodViewSet("oncall-contacts"),
    )


# -- dashboard ------------------------------------------------------------------------------------
class WorkerHealthPanel(Component):
    """A warning at the top of the dashboard when no worker has beaten for two minutes: then no
    alert is being sent and no escalation will happen, which nobody would otherwise notice."""

    name = "worker_health"
    order = 10
    template_name = "enquiries/oncall/worker_health_panel.html"

    def get_context_data(self, parent_context):
        latest = WorkerHeartbeat.latest()
        return {"healthy": WorkerHeartbeat.is_healthy(), "latest": latest}
