"""The admin for the press office's snippets (spokespeople and topics), and the page editor."""

from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Spokesperson, Topic


class SpokespersonViewSet(SnippetViewSet):
    model = Spokesperson
    icon = "user"
    menu_label = "Spokespeople"
    list_display = ["name", "role", "slug"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    list_display = ["name", "slug"]


class PressSnippetsGroup(SnippetViewSetGroup):
    menu_label = "Press office"
    menu_icon = "openquote"
    menu_order = 250
    items = (SpokespersonViewSet, TopicViewSet)


register_snippet(PressSnippetsGroup)


@hooks.register("insert_editor_js")
def autosave_keeps_late_edits():
    """Wagtail 7.4 autosave forgets edits made while a save is in flight; see the script."""
    script = static("press/admin/autosave_keeps_late_edits.js")
    return format_html('<script src="{}"></script>', script)
