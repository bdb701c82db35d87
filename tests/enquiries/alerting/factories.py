"""Factories for the on-call people, rotas, policies and urgent enquiries of the alerting tests."""

from datetime import date, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

import factory

from enquiries.models import (
    ContactMethod,
    Enquiry,
    EscalationLevel,
    EscalationPolicy,
    OnCallRota,
    RotaMember,
    RotaOverride,
)


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"officer{n}")
    first_name = factory.Iterator(["Priya", "Tom", "Aisha", "Gareth", "Mei", "Olu"])
    last_name = factory.Iterator(["Shah", "Hughes", "Khan", "Evans", "Lin", "Adeyemi"])
    email = factory.LazyAttribute(lambda u: f"{u.username}@northmoor-police.example")
    is_staff = True


class ContactMethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMethod

    user = factory.SubFactory(OfficerFactory)
    kind = ContactMethod.Kind.EMAIL
    address = factory.LazyAttribute(lambda c: c.user.email)
    priority = 1
    active = True
    verified = True


def mobile(n):
    """An Ofcom drama mobile number (07700 900000-900999), never a real one."""
    return f"+447700900{n % 1000:03d}"


class RotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OnCallRota

    name = factory.Sequence(lambda n: f"Out-of-hours rota {n}")
    starts_on = date(2026, 1, 5)
    handoff_weekday = OnCallRota.Weekday.MONDAY
    handoff_time = time(8, 0)
    shift_length = 7
    shift_unit = OnCallRota.ShiftUnit.DAYS


def rota_of(*people, **kwargs):
    rota = RotaFactory(**kwargs)
    for order, person in enumerate(people):
        RotaMember.objects.create(rota=rota, user=person, sort_order=order)
    return rota


def cover(rota, person, starts_at, ends_at, reason="swap"):
    return RotaOverride.objects.create(
        rota=rota, user=person, starts_at=starts_at, ends_at=ends_at, reason=reason
    )


def policy_of(levels, repeat=0, fallback=(), fallback_timeout_minutes=15, name=None):
    """``levels``: a list of (people, rotas, timeout_minutes)."""
    policy = EscalationPolicy.objects.create(
        name=name or f"Policy {EscalationPolicy.objects.count() + 1}",
        is_default=not EscalationPolicy.objects.filter(is_default=True).exists(),
        repeat=repeat,
        fallback_timeout_minutes=fallback_timeout_minutes,
    )
    policy.fallback.set(fallback)
    policy.save()  # a ParentalManyToManyField is only written when its owner is saved
    for order, (people, rotas, timeout) in enumerate(levels):
        level = EscalationLevel.objects.create(
            policy=policy, sort_order=order, timeout_minutes=timeout
        )
        level.people.set(people)
        level.rotas.set(rotas)
        level.save()
    return policy


class UrgentEnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enquiry

    journalist_name = factory.Iterator(["Sam Porter", "Jo Field", "Ravi Mehta"])
    outlet = factory.Iterator(["Northmoor Echo", "Radio Northmoor", "The Moorland Post"])
    email = factory.Sequence(lambda n: f"reporter{n}@newsdesk.example")
    phone = "+447700900777"
    subject = "Road closure on the A61 after a collision"
    question = "Can you confirm why the A61 is closed and when it will reopen?"
    urgent = True
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=2))
