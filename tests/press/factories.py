"""Factories for the press office's pages and snippets."""

import datetime

from django.utils.text import slugify

from wagtail.rich_text import RichText

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from home.models import ContactPage, HomePage
from press.models import (
    Spokesperson,
    StatementIndexPage,
    StatementPage,
    StatementType,
    StatementUpdate,
    Topic,
)


class TopicFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda topic: slugify(topic.name))

    class Meta:
        model = Topic
        django_get_or_create = ("slug",)


class SpokespersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Chief Superintendent Sam Example {n}")
    slug = factory.LazyAttribute(lambda person: slugify(person.name))
    role = "Head of Local Policing"
    biography = "Leads neighbourhood policing across the county."

    class Meta:
        model = Spokesperson


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Northmoor Constabulary Press Office"
    slug = "home"
    introduction = "News, statements and press releases from Northmoor Constabulary."

    class Meta:
        model = HomePage


class ContactPageFactory(wagtail_factories.PageFactory):
    title = "Contact the press office"
    slug = "contact"

    class Meta:
        model = ContactPage


class StatementIndexPageFactory(wagtail_factories.PageFactory):
    title = "Statements"
    slug = "statements"
    introduction = "Press releases, statements and news."

    class Meta:
        model = StatementIndexPage


def paragraph(text):
    return ("paragraph", RichText(f"<p>{text}</p>"))


def quote(text, spokesperson=None, name="", role=""):
    return (
        "quote",
        {
            "quote": RichText(f"<p>{text}</p>"),
            "spokesperson": spokesperson,
            "name": name,
            "role": role,
        },
    )


class StatementPageFactory(wagtail_factories.PageFactory):
    """A published statement. ``topics=[...]`` and ``updates=[(date, note)]`` are optional."""

    title = factory.Sequence(lambda n: f"Appeal for witnesses after collision number {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    date = datetime.date(2026, 3, 2)
    statement_type = StatementType.PRESS_RELEASE
    standfirst = "Officers are appealing for witnesses after a collision on the A1 this morning."
    body = factory.LazyFunction(
        lambda: [paragraph("Emergency services were called to the A1 at 7.45am.")]
    )
    further_information = ""

    class Meta:
        model = StatementPage
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics.set(extracted)
            if create:
                self.save()

    @factory.post_generation
    def updates(self, create, extracted, **kwargs):
        if extracted:
            self.updates.set([StatementUpdate(date=day, note=note) for day, note in extracted])
            if create:
                self.save()

    @factory.post_generation
    def published(self, create, extracted, **kwargs):
        """Publish through a revision, as an editor would (signals, first_published_at)."""
        if create and extracted is not False:
            self.save_revision().publish()
            self.refresh_from_db()
