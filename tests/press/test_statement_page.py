"""A journalist reads a statement laid out like the press office's reference statement."""

import datetime
import json
from html.parser import HTMLParser

from wagtail.images.tests.utils import get_test_image_file

import pytest
from wagtail_factories import ImageFactory

from press.models import StatementType

from .factories import SpokespersonFactory, StatementPageFactory, TopicFactory, paragraph, quote

pytestmark = pytest.mark.django_db


class MetaCollector(HTMLParser):
    """The <meta>, <link> and JSON-LD <script> elements of a page, parsed like a crawler would."""

    def __init__(self):
        super().__init__()
        self.meta = {}
        self.links = {}
        self.scripts = {}
        self._script_id = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        elif tag == "link":
            self.links[attrs.get("rel")] = attrs.get("href")
        elif tag == "script":
            self._script_id = attrs.get("id")

    def handle_data(self, data):
        if self._script_id:
            self.scripts[self._script_id] = self.scripts.get(self._script_id, "") + data

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_id = None


def parse_head(response):
    collector = MetaCollector()
    collector.feed(response.content.decode())
    return collector


@pytest.fixture
def statement(index_page, office_settings):
    lead = SpokespersonFactory(
        name="Chief Constable Jane Ashworth", role="Lead for Child Protection"
    )
    return StatementPageFactory(
        parent=index_page,
        title="Online safety talks for every secondary school",
        date=datetime.date(2026, 2, 28),
        statement_type=StatementType.STATEMENT,
        standfirst="Officers will visit every secondary school in Northmoor this spring.",
        topics=[TopicFactory(name="Safeguarding")],
        body=[
            paragraph("The programme starts in March."),
            quote("Talking early is how we keep children safe online.", spokesperson=lead),
            quote("We welcome the visits.", name="Priya Shah", role="Head teacher, Moor Academy"),
        ],
        further_information="<p>The talks were piloted in four schools in 2025.</p>",
    )


def test_a_statement_reads_like_the_reference(client, statement):
    response = client.get(statement.url)

    assert response.status_code == 200
    html = response.content.decode()
    headline = html.index("<h1")
    assert "Online safety talks for every secondary school" in html[headline : headline + 200]
    assert '<time datetime="2026-02-28">28 February 2026</time>' in html
    assert "Officers will visit every secondary school in Northmoor this spring." in html
    assert "Lead for Child Protection, " in html
    assert "Chief Constable Jane Ashworth</a> said:" in html
    assert "Head teacher, Moor Academy, Priya Shah said:" in html
    further = html.index("Further information</h2>")
    assert html.index("The talks were piloted") > further
    assert "For media enquiries call" in html


def test_the_quoted_spokesperson_links_to_their_page(client, statement):
    html = client.get(statement.url).content.decode()

    assert 'href="/statements/spokespeople/chief-constable-jane-ashworth/"' in html
    person_page = client.get("/statements/spokespeople/chief-constable-jane-ashworth/")
    assert person_page.status_code == 200
    assert statement.title in person_page.content.decode()


def test_canonical_url_and_open_graph_tags(client, statement):
    head = parse_head(client.get(statement.url))

    url = "http://testserver/statements/online-safety-talks-for-every-secondary-school/"
    assert head.links["canonical"] == url
    assert head.meta["og:url"] == url
    assert head.meta["og:type"] == "article"
    assert head.meta["og:title"] == statement.title
    assert head.meta["og:description"] == statement.standfirst
    assert head.meta["og:site_name"] == "Northmoor Constabulary Press Office"
    assert head.meta["article:published_time"] == "2026-02-28"


def test_news_article_json_ld(client, statement):
    head = parse_head(client.get(statement.url))

    data = json.loads(head.scripts["statement-json-ld"])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Online safety talks for every secondary school"
    assert data["datePublished"] == "2026-02-28"
    assert data["dateModified"] == "2026-02-28"
    assert data["mainEntityOfPage"]["@id"].startswith("http://testserver/statements/")
    assert data["keywords"] == ["Safeguarding"]


def test_json_ld_cannot_be_broken_out_of_by_a_headline(client, index_page):
    statement = StatementPageFactory(
        parent=index_page, title="</script><script>alert(1)</script> headline"
    )

    html = client.get(statement.url).content.decode()
    head = parse_head(client.get(statement.url))

    assert "<script>alert(1)</script>" not in html
    assert json.loads(head.scripts["statement-json-ld"])["headline"].startswith("</script>")


def test_a_major_update_shows_a_dated_note_and_a_minor_edit_does_not(
    client, statement, django_capture_on_commit_callbacks
):
    statement.standfirst = "Officers will visit all 23 secondary schools in Northmoor."
    with django_capture_on_commit_callbacks(execute=True):
        statement.save_revision().publish()

    html = client.get(statement.url).content.decode()
    assert "Updated" not in html

    statement.refresh_from_db()
    statement.standfirst = "Officers will visit all 24 secondary schools in Northmoor."
    statement.updates.create(date=datetime.date(2026, 3, 1), note="corrected a figure")
    with django_capture_on_commit_callbacks(execute=True):
        statement.save_revision().publish()

    response = client.get(statement.url)
    html = response.content.decode()
    assert "all 24 secondary schools" in html
    assert (
        '<strong>Updated <time datetime="2026-03-01">1 March 2026</time>:</strong> '
        "corrected a figure" in html
    )
    data = json.loads(parse_head(response).scripts["statement-json-ld"])
    assert data["dateModified"] == "2026-03-01"


def test_related_statements_are_listed_when_live(client, index_page, office_settings):
    earlier = StatementPageFactory(parent=index_page, title="Earlier appeal for witnesses")
    withdrawn = StatementPageFactory(parent=index_page, title="Withdrawn appeal")
    statement = StatementPageFactory(parent=index_page, title="Man charged after collision")
    statement.related_links.create(statement=earlier)
    statement.related_links.create(statement=withdrawn)
    statement.save_revision().publish()
    withdrawn.unpublish()

    html = client.get(statement.url).content.decode()

    assert "Related statements" in html
    assert f'href="{earlier.url}"' in html
    assert "Withdrawn appeal" not in html


def test_a_draft_statement_is_not_public(client, index_page):
    draft = StatementPageFactory(parent=index_page, title="Not yet", published=False)
    draft.unpublish()

    assert client.get("/statements/not-yet/").status_code == 404


def test_the_first_image_is_the_link_preview_image(client, index_page, office_settings):
    image = ImageFactory(file=get_test_image_file(size=(1600, 1000)))
    statement = StatementPageFactory(
        parent=index_page,
        body=[
            paragraph("Officers seized the van."),
            ("image", {"image": image, "alt_text": "The seized van", "caption": ""}),
        ],
    )

    head = parse_head(client.get(statement.url))

    assert head.meta["og:image"].startswith("http://testserver/media/images/")
    assert head.meta["og:image:width"] == "1200"
    assert head.meta["og:image:alt"] == "The seized van"
    assert head.meta["twitter:card"] == "summary_large_image"


def test_without_an_image_there_is_no_preview_image(client, statement):
    head = parse_head(client.get(statement.url))

    assert "og:image" not in head.meta
    assert head.meta["twitter:card"] == "summary"


def test_related_statements_keep_the_editors_order(client, index_page, office_settings):
    first = StatementPageFactory(parent=index_page, title="Appeal after Ashby Street collision")
    second = StatementPageFactory(parent=index_page, title="Ashby Street reopens")
    statement = StatementPageFactory(parent=index_page, title="Driver charged after collision")
    statement.related_links.create(statement=second, sort_order=1)
    statement.related_links.create(statement=first, sort_order=0)
    statement.save_revision().publish()

    html = client.get(statement.url).content.decode()

    assert html.index("Appeal after Ashby Street collision") < html.index("Ashby Street reopens")
