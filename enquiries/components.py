"""The enquiries panel on the admin's home page: what needs the press office's attention now."""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from wagtail.admin.ui.components import Component

from enquiries.models import Enquiry
from enquiries.routing import office_hours
from enquiries.viewsets import DUE_SOON, deadline_tag

PANEL_ROWS = 10
OUT_OF_HOURS = (Enquiry.Route.URGENT_OUT_OF_HOURS, Enquiry.Route.QUEUED_FOR_OPENING)


def office_last_closed(hours, now, step=timedelta(minutes=15), limit=timedelta(days=31)):
    """About when the office last shut: the last open instant before its latest closed spell.

    Walks back through the current open spell (if open now), then through the closed spell
    before it. Found to within ``step``, which is enough: only out-of-hours enquiries are
    counted from it, and none arrive while the office is open.
    """
    at = now
    while hours.is_open(at) and now - at < limit:
        at -= step
    while not hours.is_open(at) and now - at < limit:
        at -= step
    return at


class EnquiriesPanel(Component):
    name = "enquiries"
    template_name = "enquiries/admin/dashboard_panel.html"
    order = 50

    def __init__(self, request, now=None):
        self.request = request
        self.now = now or timezone.now()

    def get_context_data(self, parent_context):
        now, user = self.now, self.request.user
        waiting = Enquiry.objects.filter(status__in=Enquiry.OPEN_STATUSES).select_related(
            "assignee"
        )
        closed_since = office_last_closed(office_hours(self.request), now)
        sections = [
            (
                "mine",
                "My open enquiries",
                waiting.filter(assignee=user).order_by(
                    Enquiry.queue_priority(), F("deadline"), F("id").desc()
                ),
            ),
            ("overdue", "Overdue", waiting.filter(deadline__lte=now).order_by("deadline")),
            (
                "due_soon",
                "Due within 2 hours",
                waiting.filter(deadline__gt=now, deadline__lte=now + DUE_SOON).order_by("deadline"),
            ),
            (
                "out_of_hours",
                "Out of hours since the office closed",
                Enquiry.objects.filter(received_at__gt=closed_since, route__in=OUT_OF_HOURS)
                .select_related("assignee")
                .order_by("-urgent", "received_at"),
            ),
        ]
        return {
            "sections": [
                {
                    "key": key,
                    "heading": heading,
                    "rows": [(e, deadline_tag(e, now)) for e in queryset[:PANEL_ROWS]],
                    "count": queryset.count(),
                }
                for key, heading, queryset in sections
            ],
            "closed_since": closed_since,
        }
