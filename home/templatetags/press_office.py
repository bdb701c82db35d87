"""The press office's contact settings and the site's main links, for every page's templates.

Every public page shows the contact block, so with a shared cache (see ``PRESS_SHARED_CACHE``)
these are read from the cache rather than the database on each request; the cached copies are
dropped when the settings are saved or a page is published (see ``home.signals``).
"""

from django import template
from django.core.cache import cache

from wagtail.models import Site

from home.models import ContactPage, PressOfficeSettings
from press.cache import current_generation, shared_cache

register = template.Library()


def settings_cache_key(site_id):
    return f"home:press-office-settings:{site_id}"


@register.simple_tag(takes_context=True)
def press_office_settings(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return PressOfficeSettings.for_default_site() or PressOfficeSettings()
    if not shared_cache():
        return PressOfficeSettings.for_site(site)
    key = settings_cache_key(site.pk)
    office = cache.get(key)
    if office is None:
        office = PressOfficeSettings.for_site(site)
        cache.set(key, office, timeout=None)
    return office


@register.simple_tag(takes_context=True)
def site_links(context):
    """URLs of the statements index, its feeds and the contact page, for header and footer."""
    request = context.get("request")
    if not shared_cache():
        return _read_site_links(request)
    site = Site.find_for_request(request) if request is not None else None
    key = f"home:site-links:{site.pk if site else 0}:{current_generation()}"
    links = cache.get(key)
    if links is None:
        links = _read_site_links(request)
        cache.set(key, links, timeout=3600)
    return links


def _read_site_links(request):
    from press.models import StatementIndexPage

    index = StatementIndexPage.objects.live().first()
    contact = ContactPage.objects.live().first()
    links = {
        "statements": index.get_url(request) if index else None,
        "contact": contact.get_url(request) if contact else None,
    }
    if index is not None:
        links["feed_rss"] = index.feed_url("feed_rss", request)
        links["feed_atom"] = index.feed_url("feed_atom", request)
    return links
