from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def spokesperson_url(context, spokesperson):
    """The spokesperson's public page, found through the page being rendered (no query)."""
    page = context.get("page")
    if page is None or not hasattr(page, "spokesperson_url"):
        return ""
    return page.spokesperson_url(spokesperson, context.get("request")) or ""


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """A media or page URL made absolute for crawlers (Open Graph needs absolute URLs)."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url
