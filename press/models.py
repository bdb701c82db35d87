"""Statements as the press office publishes them, and the index journalists read them from."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection, models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index
from wagtail.url_routing import RouteResult

from .blocks import StatementBodyBlock
from .cache import ReaderCachedPageMixin, restricted_sections

LISTING_PAGE_SIZE = 10
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
FURTHER_INFORMATION_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class Topic(index.Indexed, models.Model):
    """What a statement is about (for example "Road safety"); readers filter and subscribe by it."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


class Spokesperson(index.Indexed, models.Model):
    """Someone the press office quotes on the record; each has a public page of their statements."""

    name = models.CharField(max_length=120, help_text="As quoted, e.g. Chief Constable Jane Doe.")
    slug = models.SlugField(max_length=120, unique=True)
    role = models.CharField(max_length=160, help_text="For example: Lead for Child Protection.")
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    biography = models.TextField(blank=True, help_text="Two or three sentences.")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("biography"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "spokespeople"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


class StatementType(models.TextChoices):
    PRESS_RELEASE = "press_release", "Press release"
    STATEMENT = "statement", "Statement"
    NEWS = "news", "News"


class StatementPageQuerySet(PageQuerySet):
    def private_q(self):
        """As Wagtail's, but from the cached list of private sections: no query per listing."""
        q = models.Q()
        for section_path, depth in restricted_sections():
            q |= models.Q(path__startswith=section_path, depth__gte=depth)
        return q if q else models.Q(pk__in=[])

    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")

    def for_listing(self):
        """What a listing card shows: no body, topics in one extra query."""
        return self.defer_streamfields().prefetch_related("topics")


StatementPageManager = PageManager.from_queryset(StatementPageQuerySet)


class StatementIndexPage(ReaderCachedPageMixin, RoutablePageMixin, Page):
    """The newest statements first, with filters, feeds and the spokespeople's pages."""

    introduction = models.TextField(blank=True, help_text="One or two sentences above the list.")

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    api_fields = [APIField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["press.StatementPage"]
    max_count = 1
    nav_section = "statements"

    def statements(self):
        return StatementPage.objects.child_of(self).live().public()

    def route(self, request, path_components):
        """Serve a statement in one query with everything it shows prefetched.

        Wagtail's default routing fetches the child as a plain Page, then again as its
        specific type, then its relations one by one; a statement page has a query budget.
        """
        if self.live and path_components:
            try:
                resolver_match = self.resolve_subpage("/" + "/".join(path_components) + "/")
            except Http404:
                statement = (
                    StatementPage.objects.child_of(self).filter(slug=path_components[0]).first()
                )
                if statement is not None:
                    statement._cached_parent_obj = self
                    statement.read_relations()
                    return statement.route(request, path_components[1:])
            else:
                request.routable_resolver_match = resolver_match
                view, args, kwargs = resolver_match
                return RouteResult(self, args=(view, args, kwargs))
        return super().route(request, path_components)

    def paginate(self, queryset, raw_page):
        return paginate(queryset, raw_page, LISTING_PAGE_SIZE)

    def listing_context(self, request):
        from .forms import StatementFilterForm

        filters = request.GET.copy()
        filters.pop("page", None)
        form = StatementFilterForm(filters or None, index_page=self)
        statements = form.filter(self.statements()).newest_first().for_listing()
        statements_page = self.paginate(statements, request.GET.get("page"))
        base_url = self.get_full_url(request)
        canonical_query = filters.urlencode()
        if statements_page.number > 1:
            canonical_query += ("&" if canonical_query else "") + f"page={statements_page.number}"
        context = {
            "filter_form": form,
            "statements_page": statements_page,
            "query_prefix": filters.urlencode(),
            "canonical_url": base_url + (f"?{canonical_query}" if canonical_query else ""),
            "feed_rss": self.feed_url("feed_rss", request),
            "feed_atom": self.feed_url("feed_atom", request),
        }
        if form.is_bound and form.is_valid() and form.selected_topic:
            topic = form.selected_topic
            context["topic_feed_rss"] = self.feed_url("topic_feed_rss", request, topic)
            context["topic_feed_atom"] = self.feed_url("topic_feed_atom", request, topic)
        return context

    def feed_url(self, route, request=None, topic=None):
        kwargs = {"slug": topic.slug} if topic else None
        return self.get_full_url(request) + self.reverse_subpage(route, kwargs=kwargs).lstrip("/")

    @path("")
    def listing(self, request):
        return self.render(request, context_overrides=self.listing_context(request))

    @path("spokespeople/<slug:slug>/", name="spokesperson")
    def spokesperson(self, request, slug):
        try:
            spokesperson = Spokesperson.objects.select_related("photo").get(slug=slug)
        except Spokesperson.DoesNotExist as error:
            raise Http404("No such spokesperson") from error
        statements = (
            self.statements().filter(spokespeople=spokesperson).newest_first().for_listing()
        )
        return self.render(
            request,
            template="press/spokesperson_page.html",
            context_overrides={
                "spokesperson": spokesperson,
                "statements_page": self.paginate(statements, request.GET.get("page")),
                "canonical_url": self.get_full_url(request)
                + self.reverse_subpage("spokesperson", kwargs={"slug": slug}).lstrip("/"),
            },
        )

    @path("feed/rss/", name="feed_rss")
    def feed_rss(self, request):
        from .feeds import StatementsRssFeed

        return StatementsRssFeed(self)(request)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        from .feeds import StatementsAtomFeed

        return StatementsAtomFeed(self)(request)

    @path("topics/<slug:slug>/feed/rss/", name="topic_feed_rss")
    def topic_feed_rss(self, request, slug):
        from .feeds import StatementsRssFeed

        return StatementsRssFeed(self, topic=self._topic_or_404(slug))(request)

    @path("topics/<slug:slug>/feed/atom/", name="topic_feed_atom")
    def topic_feed_atom(self, request, slug):
        from .feeds import StatementsAtomFeed

        return StatementsAtomFeed(self, topic=self._topic_or_404(slug))(request)

    def _topic_or_404(self, slug):
        try:
            return Topic.objects.get(slug=slug)
        except Topic.DoesNotExist as error:
            raise Http404("No such topic") from error

    def spokesperson_url(self, spokesperson, request=None):
        return self.get_url(request) + self.reverse_subpage(
            "spokesperson", kwargs={"slug": spokesperson.slug}
        ).lstrip("/")

    def get_sitemap_urls(self, request=None):
        """The index itself, plus a page per spokesperson who has published statements."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        quoted = (
            Spokesperson.objects.filter(
                statements__in=self.statements().values("pk"),
            )
            .distinct()
            .order_by("slug")
        )
        for spokesperson in quoted:
            urls.append(
                {
                    "location": base
                    + self.reverse_subpage(
                        "spokesperson", kwargs={"slug": spokesperson.slug}
                    ).lstrip("/"),
                }
            )
        return urls


class StatementPage(ReaderCachedPageMixin, Page):
    """A press release, statement or news item, as the reference statement is laid out:
    headline, date, standfirst, body with attributed quotes, further information, contact block.
    """

    date = models.DateField(
        "publication date",
        default=timezone.localdate,
        help_text="Shown on the statement. For an embargoed statement, the embargo date.",
    )
    statement_type = models.CharField(
        max_length=20, choices=StatementType.choices, default=StatementType.PRESS_RELEASE
    )
    standfirst = models.TextField(
        max_length=600, help_text="One paragraph: who, what, when. Shown in lists and feeds."
    )
    body = StreamField(StatementBodyBlock())
    further_information = RichTextField(
        blank=True,
        features=FURTHER_INFORMATION_FEATURES,
        help_text="Notes to editors: background, figures, sources. Shown under its own heading.",
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="statements")
    # Kept in step with the body's quote blocks on every save, so listings can filter by
    # spokesperson without reading every body.
    spokespeople = ParentalManyToManyField(
        Spokesperson, blank=True, related_name="statements", editable=False
    )

    objects = StatementPageManager()

    content_panels = [
        TitleFieldPanel("title", heading="Headline"),
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("statement_type"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            ],
            heading="About this statement",
        ),
        FieldPanel("standfirst"),
        FieldPanel("body"),
        FieldPanel("further_information"),
        InlinePanel("related_links", heading="Related statements", label="Related statement"),
        InlinePanel(
            "updates",
            heading="Updates",
            label="Update note",
            help_text=(
                "For a major update, add a dated note saying what changed; it is shown on the "
                "statement. For a minor fix such as a typo, add nothing."
            ),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.SearchField("further_information"),
        index.SearchField("spokesperson_names"),
        index.FilterField("date"),
        index.FilterField("statement_type"),
    ]

    api_fields = [
        APIField("date"),
        APIField("statement_type"),
        APIField("standfirst"),
        APIField("body"),
        APIField("further_information"),
        APIField("topic_names"),
        APIField("spokesperson_names"),
        APIField("updates"),
    ]

    parent_page_types = ["press.StatementIndexPage"]
    subpage_types = []
    nav_section = "statements"

    class Meta:
        indexes = [models.Index(fields=["-date"], name="press_statement_date_idx")]

    def save(self, *args, **kwargs):
        # A partial save (Wagtail saving a draft revision's bookkeeping) must not copy a draft
        # body's quotes onto the live page.
        if kwargs.get("update_fields") is None:
            self.spokespeople.set(self.quoted_spokespeople())
        super().save(*args, **kwargs)

    def quoted_spokespeople(self):
        ids = {
            block["value"].get("spokesperson")
            for block in self.body.raw_data
            if block["type"] == "quote" and block["value"].get("spokesperson")
        }
        return list(Spokesperson.objects.filter(pk__in=ids)) if ids else []

    def spokesperson_names(self):
        """For search: the names and roles of everyone quoted, snippet or free text."""
        names = []
        for block in self.body:
            if block.block_type == "quote":
                names.append(block.value.attribution)
        return " ".join(names)

    @property
    def topic_names(self):
        return [topic.name for topic in self.topics.all()]

    def read_relations(self):
        """Read the topics, change notes and live related statements the page shows, at once.

        One query instead of Django's prefetch through modelcluster's relations, which costs
        several times the queries it sends (about 4 ms of a 14 ms uncached page view, the page
        readers open most). The rows are handed to the relations the way modelcluster holds a
        page's unsaved children for a preview, so the page then shows them without a query.
        """
        with connection.cursor() as cursor:
            cursor.execute(RELATIONS_SQL, [self.pk, self.pk, self.pk])
            rows = cursor.fetchall()
        topics, updates, links = [], [], []
        for kind, pk, text, slug_or_path, day, order in rows:
            if isinstance(day, str):  # SQLite hands dates back as text
                day = datetime.date.fromisoformat(day)
            if kind == TOPIC:
                topics.append(Topic(pk=pk, name=text, slug=slug_or_path))
            elif kind == UPDATE:
                updates.append(
                    (order, StatementUpdate(pk=pk, page_id=self.pk, date=day, note=text))
                )
            else:
                related = StatementPage(id=pk, page_ptr_id=pk, title=text, url_path=slug_or_path)
                related.date, related.live = day, True
                links.append((order, StatementRelatedLink(page_id=self.pk, statement=related)))
        updates = in_order(updates)
        links = in_order(links)
        for instance in (*topics, *updates, *(link.statement for link in links)):
            instance._state.adding, instance._state.db = False, connection.alias
        self._cluster_related_objects = {
            **getattr(self, "_cluster_related_objects", {}),
            "topics": sorted(topics, key=lambda topic: topic.name),  # as Topic.Meta.ordering
            "updates": updates,
            "related_links": links,
        }

    @cached_property
    def public_updates(self):
        """Change notes, newest first, as readers see them."""
        return sorted(self.updates.all(), key=lambda update: (update.date, update.pk), reverse=True)

    @property
    def last_updated(self):
        return self.public_updates[0].date if self.public_updates else None

    @cached_property
    def related_statements(self):
        return [
            link.statement
            for link in self.related_links.all()
            if link.statement.live and link.statement.pk != self.pk
        ]

    @cached_property
    def lead_image(self):
        """The body's first image with its alt text, for link previews (Open Graph)."""
        for block in self.body:
            if block.block_type == "image":
                return block.value
        return None

    @cached_property
    def index_page(self):
        parent = self.get_parent()
        return parent.specific if parent else None

    def spokesperson_url(self, spokesperson, request=None):
        index_page = self.index_page
        if isinstance(index_page, StatementIndexPage):
            return index_page.spokesperson_url(spokesperson, request)
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = self.json_ld(request)
        return context

    def json_ld(self, request=None):
        """schema.org NewsArticle, for search engines and news aggregators."""
        from .structured_data import news_article

        return news_article(self, request)


class StatementUpdate(Orderable):
    """A public change note: "Updated 1 March 2026: corrected a figure"."""

    page = ParentalKey(StatementPage, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(default=timezone.localdate)
    note = models.CharField(max_length=255, help_text="What changed, e.g. corrected a figure.")

    panels = [FieldPanel("date"), FieldPanel("note")]
    api_fields = [APIField("date"), APIField("note")]

    def __str__(self):
        return f"Updated {self.date:%-d %B %Y}: {self.note}"


class StatementRelatedLink(Orderable):
    page = ParentalKey(StatementPage, on_delete=models.CASCADE, related_name="related_links")
    statement = models.ForeignKey(StatementPage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("statement")]

    def clean(self):
        super().clean()
        if self.page_id and self.statement_id == self.page_id:
            raise ValidationError({"statement": "A statement cannot be related to itself."})


def paginate(queryset, raw_page, per_page):
    """One page of results for whatever ``?page=`` says: never a 404 or a 500.

    A number outside the range is clamped to the first or last page; anything that is not a
    whole number ("abc", "1.5", "", a thousand digits) means the first page.
    """
    paginator = Paginator(queryset, per_page)
    text = str(raw_page or "").strip()
    if not WHOLE_NUMBER.fullmatch(text) or text.startswith("-"):
        number = 1
    elif len(text.lstrip("+")) > 9:
        number = paginator.num_pages
    else:
        number = int(text)
    number = min(max(number, 1), paginator.num_pages)
    return paginator.page(number)


TOPIC, UPDATE, RELATED = 0, 1, 2  # the first column of RELATIONS_SQL


def in_order(pairs):
    """The items of (sort_order, item) pairs in the editor's order, as Orderable keeps them."""
    return [item for _, item in sorted(pairs, key=lambda pair: (pair[0] is None, pair[0] or 0))]


# What a statement page shows beside its own fields, for StatementPage.read_relations: plain
# SQL that PostgreSQL and SQLite both run, one row per topic, change note and live related
# statement, as (kind, id, name/note/title, slug/url path, date, order).
RELATIONS_SQL = """
SELECT 0, topic.id, topic.name, topic.slug, NULL, NULL
  FROM press_topic topic
  JOIN press_statementpage_topics tagged ON tagged.topic_id = topic.id
 WHERE tagged.statementpage_id = %s
UNION ALL
SELECT 1, note.id, note.note, NULL, note.date, note.sort_order
  FROM press_statementupdate note
 WHERE note.page_id = %s
UNION ALL
SELECT 2, page.id, page.title, page.url_path, statement.date, link.sort_order
  FROM press_statementrelatedlink link
  JOIN wagtailcore_page page ON page.id = link.statement_id
  JOIN press_statementpage statement ON statement.page_ptr_id = page.id
 WHERE link.page_id = %s AND page.live
"""
