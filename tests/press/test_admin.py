"""Press officers manage spokespeople and topics in the admin's "Press office" menu."""

from django.urls import reverse

import pytest

from press.models import Spokesperson

from .factories import SpokespersonFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_spokespeople_and_topics_are_listed_in_the_admin(admin_client):
    SpokespersonFactory(name="Chief Constable Jane Ashworth", role="Chief Constable")
    TopicFactory(name="Road safety")

    people = admin_client.get(reverse("wagtailsnippets_press_spokesperson:list"))
    topics = admin_client.get(reverse("wagtailsnippets_press_topic:list"))

    assert people.status_code == 200
    assert "Chief Constable Jane Ashworth" in people.content.decode()
    assert topics.status_code == 200
    assert "Road safety" in topics.content.decode()


def test_an_officer_adds_a_spokesperson(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_press_spokesperson:add"),
        {
            "name": "Superintendent Ravi Patel",
            "slug": "superintendent-ravi-patel",
            "role": "Head of Roads Policing",
            "biography": "Leads roads policing.",
        },
    )

    assert response.status_code == 302
    assert Spokesperson.objects.get().role == "Head of Roads Policing"
