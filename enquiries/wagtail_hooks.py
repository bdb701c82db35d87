from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from enquiries.models import Closure


class ClosureViewSet(SnippetViewSet):
    """Extra days the office is shut (a Christmas shutdown); office hours are a site setting."""

    model = Closure
    icon = "calendar-alt"
    menu_label = "Office closures"
    add_to_settings_menu = True
    list_display = ["reason", "start_date", "end_date"]
    ordering = ["-start_date"]


register_snippet(ClosureViewSet)
