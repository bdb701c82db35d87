"""The press office's contact settings for templates, read from the cache, not the database.

Every public page shows the contact block, so reading the settings row on every request
would be one query per page view for data that changes a few times a year. The cached copy
is dropped when the settings are saved (see ``home.signals``).
"""

from django import template
from django.core.cache import cache

from wagtail.models import Site

from home.models import PressOfficeSettings

register = template.Library()


def settings_cache_key(site_id):
    return f"home:press-office-settings:{site_id}"


@register.simple_tag(takes_context=True)
def press_office_settings(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return PressOfficeSettings()
    key = settings_cache_key(site.pk)
    office = cache.get(key)
    if office is None:
        office = PressOfficeSettings.for_site(site)
        cache.set(key, office, timeout=None)
    return office


@register.simple_tag(takes_context=True)
def site_links(context):
    """URLs of the statements index and the contact page, for the header and footer.

    Cached under the readers' cache generation, so publishing or moving a page refreshes them.
    """
    from home.models import ContactPage
    from press.cache import current_generation
    from press.models import StatementIndexPage

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    key = f"home:site-links:{site.pk if site else 0}:{current_generation()}"
    links = cache.get(key)
    if links is None:
        index = StatementIndexPage.objects.live().public().first()
        contact = ContactPage.objects.live().public().first()
        links = {
            "statements": index.get_url(request) if index else None,
            "contact": contact.get_url(request) if contact else None,
        }
        if index is not None:
            links["feed_rss"] = links["statements"] + index.reverse_subpage("feed_rss").lstrip("/")
            links["feed_atom"] = links["statements"] + index.reverse_subpage("feed_atom").lstrip(
                "/"
            )
        cache.set(key, links, timeout=3600)
    return links
