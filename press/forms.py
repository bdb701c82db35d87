"""The listing's filters: a reader's GET parameters, validated before they touch a query."""

from django import forms

from .models import Spokesperson, StatementType, Topic


class StatementFilterForm(forms.Form):
    """Filter by type, topic, spokesperson and year.

    A value that does not validate (an unknown topic, a year of "abc") is dropped rather than
    answered with an error page, so old links keep working. The choices are read once (one
    query each) and reused for validation, so filtering costs no extra queries.
    """

    type = forms.ChoiceField(
        label="Type", required=False, choices=[("", "All types"), *StatementType.choices]
    )
    topic = forms.ChoiceField(label="Topic", required=False)
    spokesperson = forms.ChoiceField(label="Spokesperson", required=False)
    year = forms.TypedChoiceField(label="Year", required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, *, index_page, **kwargs):
        super().__init__(data, **kwargs)
        self.topics = {topic.slug: topic for topic in Topic.objects.only("name", "slug")}
        self.spokespeople = {
            person.slug: person for person in Spokesperson.objects.only("name", "slug")
        }
        years = index_page.statements().dates("date", "year", order="DESC")
        self.fields["topic"].choices = [("", "All topics")] + [
            (slug, topic.name) for slug, topic in self.topics.items()
        ]
        self.fields["spokesperson"].choices = [("", "Everyone")] + [
            (slug, person.name) for slug, person in self.spokespeople.items()
        ]
        self.fields["year"].choices = [("", "Any year")] + [
            (str(day.year), str(day.year)) for day in years
        ]

    def filter(self, statements):
        if not self.is_bound:
            return statements
        self.is_valid()
        data = self.cleaned_data
        if data.get("type"):
            statements = statements.filter(statement_type=data["type"])
        if data.get("topic"):
            statements = statements.filter(topics=self.topics[data["topic"]])
        if data.get("spokesperson"):
            statements = statements.filter(spokespeople=self.spokespeople[data["spokesperson"]])
        if data.get("year"):
            statements = statements.filter(date__year=data["year"])
        return statements

    @property
    def selected_topic(self):
        return self.topics.get(self.cleaned_data.get("topic")) if self.is_bound else None

    @property
    def active(self):
        return self.is_bound and any(
            self.cleaned_data.get(name) for name in ("type", "topic", "spokesperson", "year")
        )
