"""schema.org markup for a statement, built as plain data and dumped by ``json_script``."""

from django.conf import settings


def _iso(day):
    return day.isoformat() if day else None


def news_article(statement, request=None):
    """A NewsArticle: headline, dates, description, publisher and canonical URL.

    ``datePublished`` is the statement's publication date; ``dateModified`` is the date of
    the latest public update note, so a minor edit (no note) does not claim to be news.
    """
    url = statement.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": statement.title[:110],
        "description": statement.standfirst,
        "datePublished": _iso(statement.date),
        "dateModified": _iso(statement.last_updated or statement.date),
        "articleSection": statement.get_statement_type_display(),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "keywords": statement.topic_names,
    }
    organisation = {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME}
    data["author"] = organisation
    data["publisher"] = organisation
    return data
