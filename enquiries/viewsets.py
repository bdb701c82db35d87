"""The press office's side of enquiries in the Wagtail admin: the queue and the media contacts.

The queue is a ``ModelViewSet`` whose inspect view is the enquiry's own page (timeline and
actions); the actions, the phone-enquiry screen and the contact merge live in
``enquiries.admin_views`` and are added to the viewsets' URLs here.
"""

import csv
import re
from datetime import datetime, timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column, StatusFlagColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.mixins import Echo
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect

import django_filters

from enquiries import admin_views
from enquiries.admin_views import RefuseWith403, person, press_office_users
from enquiries.models import Enquiry, EnquiryEvent, MediaContact
from press.models import Topic

DUE_SOON = timedelta(hours=2)
REFERENCE = re.compile(r"^\s*ENQ-\d{4}-\d+\s*$", re.IGNORECASE)


def duration(delta):
    """A short "1h 20m" / "2d 3h" / "5m" for deadlines."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes}m"
    return f"{minutes}m"


def deadline_tag(enquiry, now=None):
    """("overdue" | "due_soon" | "due", words) for an enquiry still waiting for an answer."""
    if enquiry.deadline is None or not enquiry.is_open:
        return None, ""
    now = now or timezone.now()
    if enquiry.deadline <= now:
        return "overdue", f"Overdue by {duration(now - enquiry.deadline)}"
    kind = "due_soon" if enquiry.deadline - now <= DUE_SOON else "due"
    return kind, f"Due in {duration(enquiry.deadline - now)}"


# --- The queue -----------------------------------------------------------------------------


def assignee_choices():
    return [("me", "Me"), ("unassigned", "Nobody (unassigned)")] + [
        (str(user.pk), person(user)) for user in press_office_users()
    ]


class EnquiryFilterSet(WagtailFilterSet):
    """The queue's filters. Each one is served by an index (see ``Enquiry.Meta.indexes``)."""

    status = django_filters.MultipleChoiceFilter(
        choices=Enquiry.Status.choices,
        widget=forms.CheckboxSelectMultiple,
        # A plain column: no join can repeat a row, and DISTINCT would defeat the indexes.
        distinct=False,
    )
    deadline = django_filters.ChoiceFilter(
        label="Deadline",
        choices=[("overdue", "Overdue"), ("due_soon", "Due within 2 hours")],
        method="filter_deadline",
        empty_label="All",
        widget=forms.RadioSelect,
    )
    route = django_filters.ChoiceFilter(
        choices=Enquiry.Route.choices, empty_label="All", widget=forms.RadioSelect
    )
    urgent = django_filters.BooleanFilter(label="Urgent", widget=BooleanRadioSelect)
    assignee = django_filters.ChoiceFilter(
        label="Assigned to",
        # A callable: colleagues are listed when the filter is used or shown, not on import.
        choices=assignee_choices,
        method="filter_assignee",
        empty_label="Anyone",
    )
    outlet = django_filters.CharFilter(
        label="Media outlet", method="filter_outlet", help_text="The outlet's name, in any case"
    )
    topic = django_filters.MultipleChoiceFilter(
        label="Topic", method="filter_topic", widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Enquiry
        fields = ["status", "deadline", "route", "urgent", "assignee", "outlet", "topic"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Colleagues listed once per request: a callable would be run again by the choice's
        # validation, the drawer and the active-filter labels, one query each.
        self.filters["assignee"].extra["choices"] = assignee_choices()
        # Likewise the topics: one query, where a model choice would query again to validate.
        self.filters["topic"].extra["choices"] = [
            (str(pk), name) for pk, name in Topic.objects.order_by("name").values_list("pk", "name")
        ]

    def filter_deadline(self, queryset, name, value):
        now = timezone.now()
        waiting = queryset.filter(status__in=Enquiry.OPEN_STATUSES)
        if value == "overdue":
            return waiting.filter(deadline__lte=now)
        if value == "due_soon":
            return waiting.filter(deadline__gt=now, deadline__lte=now + DUE_SOON)
        return queryset

    def filter_assignee(self, queryset, name, value):
        if value == "me":
            return queryset.filter(assignee=self.request.user)
        if value == "unassigned":
            return queryset.filter(assignee__isnull=True)
        return queryset.filter(assignee_id=value)

    def filter_outlet(self, queryset, name, value):
        value = value.strip()
        # Matches the ``enquiry_outlet_upper`` index (a prefix match could not use it outside
        # the C collation).
        return queryset.filter(outlet__iexact=value) if value else queryset

    def filter_topic(self, queryset, name, value):
        """Enquiries filed under any of the chosen topics.

        A semi-join (EXISTS) rather than a join: an enquiry under two chosen topics is listed
        once without DISTINCT, which would stop the queue's order coming from its index.
        """
        if not value:
            return queryset
        filed = Enquiry.topics.through.objects.filter(enquiry=OuterRef("pk"), topic_id__in=value)
        return queryset.filter(Exists(filed))


class DeadlineColumn(Column):
    cell_template_name = "enquiries/admin/deadline_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["tag"], context["tag_text"] = deadline_tag(instance)
        return context


class QueuePaginator(WagtailPaginator):
    """Counts at most ``count_cap`` enquiries, then says "more than".

    Counting every one of a million closed enquiries costs more than the rest of the page; a
    press officer needs the first pages and narrows the rest down with filters or search.
    """

    count_cap = 10_000

    @cached_property
    def count(self):
        # Unordered, so PostgreSQL may stop at whichever matching rows it reaches first.
        return self.object_list.order_by()[: self.count_cap + 1].count()

    @cached_property
    def is_capped(self):
        return self.count > self.count_cap

    @cached_property
    def items_count_label(self):
        if self.is_capped:
            return f"more than {self.count_cap:,} {self.verbose_name_plural}"
        return super().items_count_label


class EnquiryIndexView(RefuseWith403, IndexView):
    """The queue: urgent enquiries still waiting first, then by deadline."""

    default_ordering = "queue"
    page_title = "Enquiries"
    paginator_class = QueuePaginator

    def get_base_queryset(self):
        # Topics in one more query for the whole page (or per export chunk).
        return Enquiry.objects.select_related("assignee", "contact").prefetch_related("topics")

    def get_valid_orderings(self):
        return ["queue", *super().get_valid_orderings()]

    def order_queryset(self, queryset):
        if self.ordering == "queue":
            # The same expressions as the ``enquiry_queue_order`` index.
            return queryset.order_by(Enquiry.queue_priority(), F("deadline"), F("id").desc())
        return queryset.order_by(self.ordering, "-id")

    def search_queryset(self, queryset):
        """A reference finds its enquiry exactly; other words match subject, name or outlet."""
        if not self.is_searching:
            return queryset
        if REFERENCE.match(self.search_query):
            return queryset.filter(reference=self.search_query.strip().upper())
        return super().search_queryset(queryset)

    # Exports carry journalists' personal data in bulk: only for those allowed to export.

    @cached_property
    def can_export(self):
        return self.request.user.has_perm("enquiries.export_enquiry")

    @cached_property
    def show_export_buttons(self):
        return bool(self.list_export) and self.can_export

    def get(self, request, *args, **kwargs):
        if self.is_export and not self.can_export:
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def stream_csv(self, queryset):
        """As Wagtail's, but in chunks: an export of years of enquiries must not fill memory."""
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export)
        yield writer.writerow(
            {field: self.get_heading(queryset, field) for field in self.list_export}
        )
        for item in queryset.iterator(chunk_size=2000):
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def to_row_dict(self, item):
        readable = {
            "channel": item.get_channel_display,
            "route": item.get_route_display,
            "status": item.get_status_display,
            "assignee": lambda: person(item.assignee),
            "phone": lambda: str(item.phone or ""),
            "topics": lambda: topic_names(item),
        }
        return {
            field: readable[field]() if field in readable else getattr(item, field)
            for field in self.list_export
        }

    @cached_property
    def add_item_label(self):
        return "Log a phone enquiry"


def topic_names(enquiry):
    """The enquiry's topics as one line, from the prefetched topics where there are some."""
    return ", ".join(sorted(topic.name for topic in enquiry.topics.all()))


def timeline(enquiry):
    """Every event, oldest first, with a response's time of giving read back from its data."""
    events = list(enquiry.events.select_related("actor").order_by("at", "pk"))
    for event in events:
        stamp = event.data.get("responded_at") if event.kind == EnquiryEvent.Kind.RESPONSE else None
        event.responded_at = datetime.fromisoformat(stamp) if stamp else None
    return events


class EnquiryInspectView(RefuseWith403, InspectView):
    """The enquiry's own page: what the journalist sent, the route, the timeline, the actions."""

    template_name = "enquiries/admin/enquiry_detail.html"
    any_permission_required = ["view"]
    page_title = "Enquiry"

    def get_object(self, queryset=None):
        return admin_views.get_enquiry(self.pk)

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enquiry = self.object
        user = self.request.user
        topics = list(enquiry.topics.order_by("name"))
        context.update(
            enquiry=enquiry,
            events=timeline(enquiry),
            deadline_tag=deadline_tag(enquiry),
            duplicates=list(enquiry.duplicates.only("pk", "reference")),
            can=admin_views.allowed_actions(user, enquiry),
            assign_form=admin_views.AssignForm(),
            note_form=admin_views.NoteForm(),
            response_form=admin_views.ResponseForm(),
            duplicate_form=admin_views.DuplicateForm(),
            topics=topics,
            topics_form=admin_views.TopicsForm(initial={"topics": topics}),
            urls={
                name: reverse(f"{self.url_namespace}:{name}", args=[enquiry.pk])
                for name in [*admin_views.ENQUIRY_ACTIONS, "history"]
            },
            kinds=EnquiryEvent.Kind,
        )
        return context

    @property
    def url_namespace(self):
        return self.index_url_name.rsplit(":", 1)[0]


class EnquiryHistoryView(RefuseWith403, HistoryView):
    """The audit log, for anyone who may see the enquiry (on-call officers only view)."""

    any_permission_required = ["add", "change", "delete", "view"]


class EnquiryViewSet(ModelViewSet):
    model = Enquiry
    icon = "mail"
    menu_label = "Enquiries"
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = EnquiryIndexView
    inspect_view_enabled = True
    inspect_view_class = EnquiryInspectView
    history_view_class = EnquiryHistoryView
    copy_view_enabled = False
    filterset_class = EnquiryFilterSet
    index_results_template_name = "enquiries/admin/queue_results.html"
    list_per_page = 25
    search_fields = ["reference", "subject", "journalist_name", "outlet"]
    search_backend_name = None
    # Superusers may correct what was typed; the press office works through the actions.
    form_fields = [
        "journalist_name",
        "outlet",
        "email",
        "phone",
        "subject",
        "question",
        "deadline",
        "urgent",
        "statement",
    ]
    list_export = [
        "reference",
        "received_at",
        "channel",
        "journalist_name",
        "outlet",
        "email",
        "phone",
        "subject",
        "deadline",
        "urgent",
        "route",
        "status",
        "assignee",
        "topics",
    ]
    export_headings = {"assignee": "Assigned to", "received_at": "Received"}
    export_filename = "enquiries"

    @property
    def list_display(self):
        return [
            TitleColumn(
                "reference",
                label="Reference",
                url_name=self.get_url_name("inspect"),
                sort_key="reference",
            ),
            Column("received_at", label="Received", sort_key="received_at"),
            Column("journalist", label="Journalist / outlet", accessor=journalist_and_outlet),
            Column("subject", label="Subject"),
            # The queue's own order is by deadline (after urgency); a bare deadline sort would
            # put a quarter of a million enquiries without one first, or need its own index.
            DeadlineColumn("deadline", label="Deadline"),
            StatusFlagColumn("urgent", label="Urgency", true_label="Urgent"),
            Column("route", label="Route", accessor="get_route_display"),
            StatusTagColumn("status", label="Status", accessor="get_status_display"),
            Column("assignee", label="Assigned to", accessor=lambda e: person(e.assignee)),
            Column("topics", label="Topics", accessor=topic_names),
        ]

    @property
    def add_view(self):
        return self.construct_view(admin_views.LogPhoneEnquiryView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("contacts/search/", admin_views.contact_search, name="contact_search"),
            *[
                path(f"<int:pk>/{name}/", view.as_view(), name=name)
                for name, view in admin_views.ENQUIRY_ACTIONS.items()
            ],
        ]


def journalist_and_outlet(enquiry):
    return (
        f"{enquiry.journalist_name} ({enquiry.outlet})"
        if enquiry.outlet
        else enquiry.journalist_name
    )


# --- Media contacts ------------------------------------------------------------------------


class MediaContactIndexView(RefuseWith403, IndexView):
    pass


class MediaContactInspectView(RefuseWith403, InspectView):
    """A journalist's details, their enquiry history and the merge action."""

    template_name = "enquiries/admin/contact_detail.html"
    any_permission_required = ["view"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["enquiries"] = self.object.enquiries.select_related("assignee").order_by(
            "-received_at"
        )[:200]
        context["can_merge"] = self.request.user.has_perm("enquiries.merge_mediacontact")
        namespace = self.index_url_name.rsplit(":", 1)[0]
        context["merge_url"] = reverse(f"{namespace}:merge", args=[self.object.pk])
        context["enquiry_url_name"] = f"{enquiry_viewset.name}:inspect"
        return context


class MediaContactViewSet(ModelViewSet):
    model = MediaContact
    icon = "user"
    menu_label = "Media contacts"
    menu_order = 151
    add_to_admin_menu = True
    inspect_view_enabled = True
    index_view_class = MediaContactIndexView
    inspect_view_class = MediaContactInspectView
    copy_view_enabled = False
    list_per_page = 50
    search_fields = ["name", "outlet", "email", "phone"]
    search_backend_name = None
    form_fields = ["name", "outlet", "email", "phone"]

    @property
    def list_display(self):
        return [
            TitleColumn(
                "name", label="Name", url_name=self.get_url_name("inspect"), sort_key="name"
            ),
            Column("outlet", label="Media outlet", sort_key="outlet"),
            Column("email", label="Email"),
            Column("phone", label="Phone"),
        ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/merge/", admin_views.MergeContactView.as_view(), name="merge"),
        ]


# Named in the singular: the public site already owns the ``enquiries`` URL namespace.
enquiry_viewset = EnquiryViewSet("enquiry", url_prefix="enquiries")
contact_viewset = MediaContactViewSet("media_contact", url_prefix="media-contacts")
