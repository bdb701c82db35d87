"""Factories for enquiries, media contacts and the press office's people."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

import factory

from enquiries.groups import ensure_enquiry_permissions
from enquiries.models import Enquiry, MediaContact


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"officer{n}")
    first_name = factory.Iterator(["Alex", "Sam", "Jordan", "Morgan", "Casey"])
    last_name = factory.Iterator(["Hughes", "Patel", "Okafor", "Lindqvist", "Byrne"])
    email = factory.LazyAttribute(lambda u: f"{u.username}@northmoor-police.example")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if not create or not names:
            return
        ensure_enquiry_permissions()
        self.groups.add(*Group.objects.filter(name__in=names))


def press_officer(**kwargs):
    return UserFactory(groups=["Press officers"], **kwargs)


def manager(**kwargs):
    return UserFactory(groups=["Press office managers"], **kwargs)


def on_call_officer(**kwargs):
    return UserFactory(groups=["On-call officers"], **kwargs)


class MediaContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediaContact

    name = factory.Iterator(["Priya Shah", "Tom Reilly", "Ana Costa", "Will Dunmore"])
    outlet = factory.Iterator(["Northmoor Evening Echo", "Radio Northmoor", "The Dale Gazette"])
    email = factory.Sequence(lambda n: f"journalist{n}@news.example")
    phone = factory.Sequence(lambda n: f"+447700900{n % 1000:03d}")


class EnquiryFactory(factory.django.DjangoModelFactory):
    """An enquiry as it stands once received and routed in office hours."""

    class Meta:
        model = Enquiry

    contact = factory.SubFactory(MediaContactFactory)
    journalist_name = factory.LazyAttribute(lambda e: e.contact.name if e.contact else "Priya Shah")
    outlet = factory.LazyAttribute(lambda e: e.contact.outlet if e.contact else "")
    email = factory.LazyAttribute(lambda e: e.contact.email if e.contact else "")
    phone = factory.LazyAttribute(lambda e: e.contact.phone if e.contact else "")
    subject = factory.Sequence(lambda n: f"Road closure on the A61 ({n})")
    question = "Can you confirm why the A61 was closed overnight?"
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
    received_at = factory.LazyFunction(timezone.now)
    route = Enquiry.Route.IN_HOURS
    route_reason = "Received Tuesday 10:15, office open; not urgent"
