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
    """When the office last shut (to the minute): the start of its latest closed spell.

    Walks back in quarter hours through the current open spell (if open now), then through
    the closed spell before it, and narrows the last quarter hour down to the minute. Only
    ``is_open`` is needed, so it works for any weekly table, bank holiday or shutdown.
    """
    at = now
    while hours.is_open(at) and now - at < limit:
        at -= step
    while not hours.is_open(at) and now - at < limit:
        at -= step
    open_at, closed_at = at, at + step
    while closed_at - open_at > timedelta(minutes=1):
        middle = open_at + (closed_at - open_at) / 2
        if hours.is_open(middle):
            open_at = middle
        else:
            closed_at = middle
    return closed_at.replace(second=0, microsecond=0)


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
