"""Where editors can create each page type, and that every page routes, renders and previews."""

from django.core.exceptions import ValidationError

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import ContactPage, HomePage
from press.models import StatementIndexPage, StatementPage

from .factories import (
    HomePageFactory,
    SpokespersonFactory,
    StatementIndexPageFactory,
    StatementPageFactory,
    TopicFactory,
    paragraph,
    quote,
)


def statement_form_data(spokesperson, topic, related=None, slug="a-statement"):
    """What the admin's edit form posts for a statement with a quote and an update note."""
    return nested_form_data(
        {
            "title": "Road closures for the Northmoor half marathon",
            "slug": slug,
            "date": "2026-04-12",
            "statement_type": "news",
            "topics": [topic.pk],
            "standfirst": "Several roads in Northmoor town centre will close on Sunday.",
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>Closures run from 7am to 2pm.</p>")),
                    (
                        "quote",
                        {
                            "quote": rich_text("<p>Please plan ahead.</p>"),
                            "spokesperson": spokesperson.pk,
                            "name": "",
                            "role": "",
                        },
                    ),
                ]
            ),
            "further_information": rich_text("<p>Maps are on the council website.</p>"),
            "related_links": inline_formset([{"statement": related.pk}] if related else []),
            "updates": inline_formset([{"date": "2026-04-13", "note": "added a closure"}]),
        }
    )


class StatementPageTypesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root, slug="northmoor")
        site = Site.objects.get(is_default_site=True)
        site.root_page = cls.home
        site.save()
        cls.index = StatementIndexPageFactory(parent=cls.home)
        cls.spokesperson = SpokespersonFactory(
            name="Chief Constable Jane Ashworth", role="Lead for Child Protection"
        )
        cls.topic = TopicFactory(name="Safeguarding")
        cls.statement = StatementPageFactory(
            parent=cls.index,
            title="New safeguarding partnership for schools",
            topics=[cls.topic],
            body=[
                paragraph("Schools across Northmoor will have a named officer."),
                quote("Every child deserves to feel safe.", spokesperson=cls.spokesperson),
            ],
        )

    def test_the_statements_index_lives_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, StatementIndexPage)
        self.assertAllowedParentPageTypes(StatementIndexPage, {HomePage})
        self.assertCanNotCreateAt(Page, StatementIndexPage)
        self.assertCanNotCreateAt(StatementIndexPage, StatementIndexPage)

    def test_statements_live_under_the_index_only(self):
        self.assertAllowedParentPageTypes(StatementPage, {StatementIndexPage})
        self.assertAllowedSubpageTypes(StatementIndexPage, {StatementPage})
        self.assertCanNotCreateAt(HomePage, StatementPage)
        self.assertCanNotCreateAt(ContactPage, StatementPage)
        self.assertAllowedSubpageTypes(StatementPage, {})

    def test_the_home_page_holds_the_index_and_the_contact_page(self):
        self.assertAllowedSubpageTypes(HomePage, {StatementIndexPage, ContactPage})
        self.assertCanCreateAt(HomePage, ContactPage)
        self.assertCanNotCreateAt(StatementIndexPage, ContactPage)

    def test_an_editor_can_create_a_statement_with_a_quote_and_an_update_note(self):
        data = statement_form_data(
            self.spokesperson,
            self.topic,
            related=self.statement,
            slug="half-marathon-road-closures",
        )
        self.login()
        self.assertCanCreate(self.index, StatementPage, data)
        created = StatementPage.objects.get(slug="half-marathon-road-closures")
        self.assertEqual(list(created.spokespeople.all()), [self.spokesperson])
        self.assertEqual([update.note for update in created.updates.all()], ["added a closure"])
        self.assertEqual([link.statement for link in created.related_links.all()], [self.statement])

    def test_every_page_routes_renders_and_previews(self):
        for page in (self.home, self.index, self.statement):
            with self.subTest(page=page.title):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)
        self.assertPageIsPreviewable(self.home)
        self.assertPageIsPreviewable(self.index)
        self.assertPageIsPreviewable(
            self.statement,
            post_data=statement_form_data(self.spokesperson, self.topic, slug=self.statement.slug),
        )

    def test_editors_can_open_and_save_every_page(self):
        self.assertPageIsEditable(self.index)
        self.assertPageIsEditable(
            self.statement,
            post_data=statement_form_data(self.spokesperson, self.topic, slug=self.statement.slug),
        )

    def test_the_index_routes_render(self):
        for route in (
            "feed/rss/",
            "feed/atom/",
            f"topics/{self.topic.slug}/feed/rss/",
            f"topics/{self.topic.slug}/feed/atom/",
            f"spokespeople/{self.spokesperson.slug}/",
        ):
            with self.subTest(route=route):
                self.assertPageIsRoutable(self.index, route)
                self.assertPageIsRenderable(self.index, route)

    def test_unknown_spokespeople_and_topics_are_not_found(self):
        self.assertPageIsRenderable(self.index, "spokespeople/nobody/", accept_404=True)
        response = self.client.get(self.index.url + "spokespeople/nobody/")
        self.assertEqual(response.status_code, 404)
        response = self.client.get(self.index.url + "topics/nothing/feed/rss/")
        self.assertEqual(response.status_code, 404)

    def test_a_quote_needs_a_spokesperson_or_a_name_but_not_both(self):
        block = StatementPage.body.field.stream_block.child_blocks["quote"]
        with self.assertRaises(ValidationError):
            block.clean(
                block.to_python(
                    {"quote": "<p>Hi</p>", "spokesperson": None, "name": "", "role": ""}
                )
            )
        with self.assertRaises(ValidationError):
            block.clean(
                block.to_python(
                    {
                        "quote": "<p>Hi</p>",
                        "spokesperson": self.spokesperson.pk,
                        "name": "Someone Else",
                        "role": "",
                    }
                )
            )
        cleaned = block.clean(
            block.to_python({"quote": "<p>Hi</p>", "spokesperson": None, "name": "Ann", "role": ""})
        )
        self.assertEqual(cleaned.attribution, "Ann")
