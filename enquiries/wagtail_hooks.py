from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from enquiries.components import EnquiriesPanel
from enquiries.models import Closure
from enquiries.viewsets import contact_viewset, enquiry_viewset


class ClosureViewSet(SnippetViewSet):
    """Extra days the office is shut (a Christmas shutdown); office hours are a site setting."""

    model = Closure
    icon = "calendar-alt"
    menu_label = "Office closures"
    add_to_settings_menu = True
    list_display = ["reason", "start_date", "end_date"]
    ordering = ["-start_date"]


register_snippet(ClosureViewSet)


# --- The press office's enquiry queue, contacts and dashboard panel -----------------------


@hooks.register("register_admin_viewset")
def register_enquiry_viewsets():
    return [enquiry_viewset, contact_viewset]


@hooks.register("construct_homepage_panels")
def add_enquiries_panel(request, panels):
    if request.user.has_perm("enquiries.view_enquiry"):
        panels.append(EnquiriesPanel(request))


@hooks.register("register_log_actions")
def register_enquiry_log_actions(actions):
    actions.register_action("enquiries.assign", "Assign enquiry", "Assigned the enquiry")
    actions.register_action("enquiries.add_note", "Add note", "Added an internal note")
    actions.register_action("enquiries.respond", "Record response", "Recorded the response")
    actions.register_action("enquiries.close", "Close enquiry", "Closed the enquiry")
    actions.register_action(
        "enquiries.mark_duplicate", "Mark duplicate", "Marked the enquiry as a duplicate"
    )
    actions.register_action("enquiries.set_topics", "Set topics", "Set the enquiry's topics")
    actions.register_action(
        "enquiries.merge_contact", "Merge contact", "Merged a duplicate contact into this one"
    )


# -- On-call alerting admin (rotas, cover, policies, contact methods, alerts, who is on call) ------
@hooks.register("register_admin_viewset")
def register_oncall_admin():
    from .oncall_viewsets import OnCallViewSetGroup

    return OnCallViewSetGroup()


@hooks.register("construct_homepage_panels")
def warn_when_the_alert_worker_is_down(request, panels):
    from .oncall_viewsets import WorkerHealthPanel

    panels.append(WorkerHealthPanel())
