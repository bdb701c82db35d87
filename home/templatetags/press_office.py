"""The press office's contact settings and the site's main links, for every page's templates.

Every public page shows the contact block, so with a shared cache (see ``PRESS_SHARED_CACHE``)
these are read from the cache rather than the database on each request; the cached copies are
dropped when the settings are saved or a page is published (see ``home.signals``).
"""

from django import template

from wagtail.models import Site

from home.models import ContactPage, PressOfficeSettings
from press.cache import remembered

register = template.Library()


@register.simple_tag(takes_context=True)
def press_office_settings(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return PressOfficeSettings.for_default_site() or PressOfficeSettings()
    return remembered(
        f"home:press-office-settings:{site.pk}", lambda: PressOfficeSettings.for_site(site)
    )


@register.simple_tag(takes_context=True)
def site_links(context):
    """URLs of the statements index, its feeds and the contact page, for header and footer."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return remembered(
        f"home:site-links:{site.pk if site else 0}", lambda: _read_site_links(request)
    )


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
