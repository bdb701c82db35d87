"""RSS 2.0 and Atom feeds of statements, all of them or one topic's, with absolute links."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .cache import mark_cacheable

FEED_LENGTH = 20


class StatementsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    feed_route = "feed_rss"
    topic_feed_route = "topic_feed_rss"

    def __init__(self, index_page, topic=None):
        super().__init__()
        self.index_page = index_page
        self.topic = topic
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return mark_cacheable(super().__call__(request, *args, **kwargs))

    def title(self):
        name = settings.WAGTAIL_SITE_NAME
        return f"{name}: {self.topic.name}" if self.topic else f"{name}: statements"

    def description(self):
        if self.topic:
            return f"Press releases, statements and news about {self.topic.name}."
        return "Press releases, statements and news from the press office."

    def link(self):
        return self.index_page.get_full_url(self.request)

    def feed_url(self):
        if self.topic:
            route = self.index_page.reverse_subpage(
                self.topic_feed_route, kwargs={"slug": self.topic.slug}
            )
        else:
            route = self.index_page.reverse_subpage(self.feed_route)
        return self.link() + route.lstrip("/")

    def items(self):
        statements = self.index_page.statements()
        if self.topic:
            statements = statements.filter(topics=self.topic)
        return list(statements.newest_first().for_listing()[:FEED_LENGTH])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        """The publication date, at the time it went live if that was the same day."""
        published = item.first_published_at
        if published and timezone.localdate(published) == item.date:
            return published
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time()))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return item.topic_names


class StatementsAtomFeed(StatementsRssFeed):
    feed_type = Atom1Feed
    subtitle = StatementsRssFeed.description
    feed_route = "feed_atom"
    topic_feed_route = "topic_feed_atom"
