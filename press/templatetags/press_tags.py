from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def spokesperson_url(context, spokesperson):
    """The spokesperson's public page, found through the page being rendered (no query)."""
    page = context.get("page")
    if page is None or not hasattr(page, "spokesperson_url"):
        return ""
    return page.spokesperson_url(spokesperson, context.get("request")) or ""
